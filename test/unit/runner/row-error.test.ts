// A row's system fault in staff's words: the kind of fault (server, timeout, browser, connection)
// is read from the message whichever target said it, so a server error is never called a page fault.
import { describe, expect, it } from 'vitest';
import { SystemError } from '../../../src/core/errors.js';
import { systemReason } from '../../../src/runner/row-error.js';

describe('systemReason', () => {
  it('names a server error from the admin panel and from the public site alike', () => {
    expect(systemReason(new SystemError('admin panel: search «x» failed, HTTP 500 («…»)'))).toBe('Сбой связи: Навигатор ответил ошибкой сервера (HTTP 500).');
    expect(systemReason(new SystemError('Сайт ответил ошибкой 503 (регистрация): Сервис временно недоступен.'))).toBe('Сбой связи: Навигатор ответил ошибкой сервера (HTTP 503).');
    expect(systemReason(new SystemError('Сайт ответил ошибкой 429 (вход)'))).toBe('Сбой связи: Навигатор просит отправлять запросы реже (HTTP 429).');
  });

  it('keeps the page fault for what is none of the known faults', () => {
    expect(systemReason(new SystemError('the child card showed no «Подтвердить»'))).toBe('Сбой страницы: Навигатор показал не то, что ожидалось (подробности — в navbot.log).');
    expect(systemReason(new SystemError('Timeout 15000ms exceeded'))).toBe('Сбой связи: Навигатор не ответил вовремя.');
  });
});
