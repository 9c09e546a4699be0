// Turns whatever a step threw into the journal's error: business faults keep the reason and the
// action their thrower wrote for staff; anything else is a system fault with a generic action.
import { BusinessError, rootDecision } from '../runner/errors.js';
import type { EntryError } from './entry.js';

const MAX_REASON = 500;

export function toEntryError(error: unknown): EntryError {
  const e = rootDecision(error);
  if (e instanceof BusinessError) return { kind: 'business', reason: e.reason.slice(0, MAX_REASON), action: e.action.slice(0, MAX_REASON) };
  const message = e instanceof Error ? e.message : String(e);
  return {
    kind: 'system',
    reason: (message.split('\n')[0] ?? '').slice(0, MAX_REASON) || 'Сбой без описания',
    action: 'Запустите очередь ещё раз: строка продолжится с незавершённого шага. Если сбой повторяется, передайте разработчику файл navbot.log из папки отчёта.',
  };
}
