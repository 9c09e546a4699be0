// A phase split (`navbot run <queue> --until <step>`, issue 22 §5): a row ends after the named step,
// done or found done; the steps after it are left to the next run without --until (the night run),
// which probes its way back to them (src/procedure/engine.ts). Such a row is neither done nor failed: the
// report says so in its own status, `phase-done`.
import type { LedgerStatus } from '../core/events.js';
import type { Facts } from '../core/facts.js';
import type { FlowPlugin } from '../procedure/plugin.js';

/** The name of a flow's step for --until, or a Russian reason why it is none. */
export function phaseStep(flow: Pick<FlowPlugin, 'steps' | 'title'>, until: string): { step: string } | { problem: string } {
  const step = flow.steps.find((s) => s.name === until);
  if (step) return { step: step.name };
  return { problem: `--until ${until}: у процедуры «${flow.title}» нет такого шага. Можно: ${flow.steps.map((s) => `${s.name} (${s.title})`).join(', ')}.` };
}

/** What the report says of a row that ended its phase: what is done, what the next run does. */
export function phaseEndWords(flow: Pick<FlowPlugin, 'steps'>, until: string): { note: string; action: string } {
  const at = flow.steps.findIndex((s) => s.name === until);
  const done = flow.steps[at]?.title ?? until;
  const rest = flow.steps.slice(at + 1).map((s) => s.title);
  return {
    note: `Этап до шага «${done}» пройден (--until ${until}). Ещё не сделано: ${rest.join(', ')}.`,
    action: 'Сейчас ничего делать не нужно: остальное сделает следующий запуск без --until (ночной, по расписанию) — он проверит в Навигаторе, что уже сделано, и продолжит со следующего шага.',
  };
}

/** What the ledger held of the row before this run (journal RowState, the parts the words need). */
export interface LedgerBefore {
  status: LedgerStatus;
  issued?: { at: string };
  lastError?: { reason: string; action?: string };
}

/**
 * How a row that reached its phase's end reads: always `phase-done`. Only the phase's steps read
 * the target this run, so the ledger's word on the rest (issued, failed earlier) is not the row's
 * state: the note gives the ledger's last status, and the next run without --until decides from
 * the target (flow.outcome there tells issued from incomplete).
 */
export function phaseEnd(
  flow: Pick<FlowPlugin, 'steps'>,
  until: string,
  facts: Facts,
  before: LedgerBefore | undefined,
): { status: 'phase-done'; facts: Facts; note: string; action: string } {
  const words = phaseEndWords(flow, until);
  if (!before || before.status === 'pending') return { status: 'phase-done', facts, ...words };
  const day = before.issued?.at ? ` (${before.issued.at.slice(0, 10)})` : '';
  const check = 'Этот этап проверил в Навигаторе только свои шаги; остальное по Навигатору проверит следующий запуск без --until.';
  switch (before.status) {
    case 'issued':
      return { status: 'phase-done', facts, note: `${words.note} По журналу строка уже была выдана раньше${day}. ${check}`, action: words.action };
    case 'skipped':
      return { status: 'phase-done', facts, note: `${words.note} По журналу строка была пропущена раньше${before.lastError ? `: ${before.lastError.reason}` : ''}. ${check}`, action: words.action };
    default: {
      const was = before.status === 'duplicate' ? 'По журналу прошлый запуск нашёл у строки дубль' : 'По журналу прошлый запуск закончился ошибкой';
      const reason = before.lastError ? `: ${before.lastError.reason}` : '';
      const todo = before.lastError?.action ? ` Что сделать: ${before.lastError.action}` : ' Посмотрите отчёт того запуска.';
      return {
        status: 'phase-done',
        facts,
        note: `${words.note} ${was}${reason}. ${check}`,
        action: `Если причина прошлой ошибки не устранена, следующий запуск без --until встретит её снова.${todo}`,
      };
    }
  }
}
