// The flows navbot can run (`--flow NAME`). The runner, journal, report and CLI know flows only
// through this list and src/procedure/plugin.ts; a new procedure is a module here, not edits there.
import { accountingPlugin } from './accounting/plugin.js';
import { auditPlugin } from './accounting/audit.js';
import type { FlowPlugin } from '../src/procedure/plugin.js';
import { registryAcceptPlugin } from './registry/accept.js';
import { registryApplyPlugin } from './registry/apply.js';

export type { FlowPlugin } from '../src/procedure/plugin.js';
/** The demo's queue: the default flow's template with a few obviously fake children. */
export { writeSampleQueue } from './accounting/sample.js';

export const FLOWS: readonly FlowPlugin[] = [accountingPlugin, auditPlugin, registryApplyPlugin, registryAcceptPlugin];

/** What `navbot run` does without --flow (and the demo): the memo's certificates. */
export const DEFAULT_FLOW: FlowPlugin = accountingPlugin;

export function findFlow(name: string): FlowPlugin | undefined {
  return FLOWS.find((f) => f.name === name);
}

/** The flow whose rows are a ledger's entries without a flow name (written before flows had names). */
export function unnamedLedgerFlow(): FlowPlugin | undefined {
  return FLOWS.find((f) => f.ownsUnnamedLedger);
}
