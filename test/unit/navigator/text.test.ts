// Texts on screen are compared as a person reads them: regions write «Сертификат учёта» or
// «Сертификат учета», «ДЕТИ» or «Дети», with odd spaces; «Подтвержден» is never «Не подтвержден».
import { describe, expect, it } from 'vitest';
import { exactly, fold, sameText } from '../../../src/navigator/ext.js';
import { waitText } from '../../../src/navigator/wait-text.js';

describe('navigator text comparison', () => {
  it('should take ё for е, ignore case and runs of spaces', () => {
    expect(sameText('Сертификат учёта', 'сертификат  учета ')).toBe(true);
    expect(sameText('Пользователи\u00a0сайта', 'пользователи сайта')).toBe(true);
    expect(fold(' Ёлка  ')).toBe('елка');
  });

  it('should keep whole texts apart', () => {
    expect(sameText('Не подтвержден', 'Подтвержден')).toBe(false);
    expect(exactly('Подтвержден').test('Не подтвержден')).toBe(false);
    expect(exactly('Сертификат учета').test('  Сертификат   учёта ')).toBe(true);
    expect(exactly('Сертификат учета').test('Сертификат учета (архив)')).toBe(false);
    expect(exactly('#12 клиент').test('#12 КЛИЕНТ')).toBe(true);
    expect(exactly('a.b').test('axb')).toBe(false);
  });
});

describe('how long navbot waits for a person (NAVBOT_CAPTCHA_WAIT_S)', () => {
  it('says seconds under a minute, never «0 мин»', () => {
    expect(waitText(15_000)).toBe('15 с');
    expect(waitText(10_000)).toBe('10 с');
    expect(waitText(60_000)).toBe('1 мин');
    expect(waitText(90_000)).toBe('1 мин 30 с');
    expect(waitText(300_000)).toBe('5 мин');
    expect(waitText(3_600_000)).toBe('60 мин');
  });
});
