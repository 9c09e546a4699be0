// A phase split (`navbot run <queue> --until <step>`, issue 22 §5): a row ends after the named step,
// done or found done; the steps after it are left to the next run without --until (the night run),
// which probes its way back to them (flows/engine.ts). Such a row is neither done nor failed: the
// report says so in its own status, `phase-done`.
import type { Facts } from '../core/facts.js';
import type { FlowPlugin } from '../../flows/plugin.js';

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

/**
 * How a row that reached its phase's end reads: `phase-done`, or `already` when the ledger shows
 * the whole row was done by an earlier run (the phase read its first steps on the target again).
 */
export function phaseEnd(
  flow: Pick<FlowPlugin, 'steps'>,
  until: string,
  facts: Facts,
  issuedBefore: { facts: Facts } | undefined,
): { status: 'phase-done' | 'already'; facts: Facts; note?: string; action?: string } {
  if (issuedBefore) return { status: 'already', facts: { ...issuedBefore.facts, ...facts } };
  return { status: 'phase-done', facts, ...phaseEndWords(flow, until) };
}
