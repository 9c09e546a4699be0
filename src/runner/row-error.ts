// A row's error in words staff read (console, report, summary); the internal English message
// stays in the log and the trace.
import { BusinessError, MissingElementError, SessionExpiredError, StopRunError, rootDecision } from '../core/errors.js';
import type { RowError } from '../core/events.js';

/** A row's error in words staff read; `doing`: the title of the step it happened in, if any. */
export function describe(error: unknown, doing?: string): RowError {
  const e = rootDecision(error);
  if (e instanceof MissingElementError) {
    const said = e.during(doing);
    return { kind: 'business', reason: said.reason, action: said.action };
  }
  if (e instanceof BusinessError) return { kind: 'business', reason: e.reason, action: e.action };
  // A stop says in Russian what happened and what to do; it is not a fault of the connection.
  if (e instanceof StopRunError) return { kind: 'stopped', reason: e.message, action: '' };
  return {
    kind: 'system',
    reason: systemReason(e),
    action: 'Запустите navbot ещё раз: он продолжит с того же шага. Если повторяется — проверьте доступность Навигатора. Подробности — в navbot.log и трассировке в папке прогона.',
  };
}

/**
 * A system fault in words staff read (console, report, summary); the internal English message
 * stays in the log and the trace.
 */
export function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The status as the page objects say it: «HTTP 500», or the public site's «ответил ошибкой 500».
  const http = /HTTP (\d{3})|ответил ошибкой (\d{3})/.exec(message)?.slice(1).find(Boolean);
  if (error instanceof SessionExpiredError) return 'Сбой связи: сессия Навигатора истекала снова и снова, вход не удержался.';
  if (/Timeout \d+ms exceeded|timed? ?out/i.test(message)) return 'Сбой связи: Навигатор не ответил вовремя.';
  if (http && Number(http) >= 500) return `Сбой связи: Навигатор ответил ошибкой сервера (HTTP ${http}).`;
  if (http === '429') return 'Сбой связи: Навигатор просит отправлять запросы реже (HTTP 429).';
  if (/Target (page, context or browser )?closed|browser has been closed|crash/i.test(message)) return 'Сбой браузера: окно браузера закрылось или упало посреди действия.';
  if (/net::|ECONNREFUSED|ECONNRESET|socket hang up|status 0|HTTP 0/i.test(message)) return 'Сбой связи: соединение с Навигатором оборвалось.';
  return 'Сбой страницы: Навигатор показал не то, что ожидалось (подробности — в navbot.log).';
}
