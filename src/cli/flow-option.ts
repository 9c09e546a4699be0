// `--flow NAME` of run, template, validate and rehearse: which procedure (flows/index.ts). An
// unknown name ends navbot with exit code 2 and the list of flows, before anything is read or sent.
import { DEFAULT_FLOW, FLOWS, findFlow, unnamedLedgerFlow, type FlowPlugin } from '../../flows/index.js';
import { CliExit, EXIT } from './exit-codes.js';

/** Help text of the option: what it picks for the command, the flows navbot knows and the default. */
export function flowHelp(what = 'процедура'): string {
  return `${what}: ${FLOWS.map((f) => `${f.name} — ${f.title}`).join('; ')} (по умолчанию ${DEFAULT_FLOW.name}); или путь к модулю своей процедуры (.ts, .js, .mjs)`;
}

export const FLOW_DEFAULT = DEFAULT_FLOW.name;

export function flowFor(name: string | undefined): FlowPlugin {
  const wanted = (name ?? DEFAULT_FLOW.name).trim();
  const found = findFlow(wanted);
  if (found) return found;
  throw new CliExit(
    EXIT.invalid,
    `Неизвестная процедура «${wanted.replace(/[\u0000-\u001f\u007f]/g, '?')}» (--flow). navbot умеет:\n${FLOWS.map((f) => `  ${f.name} — ${f.title}`).join('\n')}\nУкажите одну из них, например: --flow ${DEFAULT_FLOW.name}`,
  );
}

/** The report's layout for runs whose run.json names no flow: they ran the flow that owns the old ledgers. */
export function legacyReport(): { layout?: FlowPlugin['layout'] } {
  const owner = unnamedLedgerFlow();
  return owner ? { layout: owner.layout } : {};
}
