// What the ledger says of a batch's rows before the run: the key each row runs under (an older
// form the ledger knows it by), the flow's rules' plan for each (its `prepare`, reading its own
// ledger or another flow's), a key held under two forms stopped, and the rows as the runner and
// the report take them.
import type { IntakeResult, SentRecord } from '../intake/index.js';
import { normaliseKey } from '../intake/index.js';
import type { LedgerScope } from '../journal/entry.js';
import type { Journal } from '../journal/journal.js';
import { keyForms, ledgerKeyOf } from '../journal/key-forms.js';
import { ledgerRecords, mergedKeyRefusal } from '../journal/records.js';
import type { RunMeta } from '../report/index.js';
import type { FlowPlugin, RowPlan } from '../procedure/plugin.js';
import type { RunRow } from '../runner/runner.js';
import { unnamedLedgerFlow } from '../../flows/index.js';

export interface RowPlans {
  /** The key a row runs, is journaled and gets its password under. */
  ledgerKey(id: string): string;
  /** By normalised key: what each row sends, or why it stops. */
  readonly decisions: ReadonlyMap<string, RowPlan<unknown>>;
  /** The flow's rules' notices (Russian, said once before the run). */
  readonly notices: readonly string[];
}

/**
 * Rows carry their key's identity; the ledger may hold a key under an older form (key-forms.ts):
 * the row is run, journaled and given its password under that form. The flow's rules read its
 * ledger (and another flow's where they read one: the audit reads the issuance's).
 */
export function planRows(journal: Journal, flow: FlowPlugin, rows: IntakeResult['rows'], queueFile: string): RowPlans {
  const forms = keyForms(journal.entries(), normaliseKey);
  const ledgerKey = (id: string): string => {
    const k = ledgerKeyOf(forms, id);
    return 'key' in k ? k.key : id;
  };
  const entriesOf = (name: string | undefined) => (name === undefined || name === flow.name ? journal.entries() : journal.entriesOf(scopeOf(name)));
  const read = new Set<string | undefined>([undefined]);
  const prepared = flow.prepare({
    rows: rows.map((r) => ({ key: r.key, keyNorm: r.keyNorm, rowNumber: r.rowNumber, sent: r.sent, marks: r.marks })),
    ledger: (name) => {
      read.add(name === flow.name ? undefined : name);
      return ledgerRecords(entriesOf(name), normaliseKey);
    },
    file: queueFile,
  });
  const decisions = new Map(prepared.rows);
  // A key one of those ledgers holds under two forms is nobody's record there: its rows stop, naming both.
  for (const name of read) {
    const entries = entriesOf(name);
    const held = name === undefined ? forms : keyForms(entries, normaliseKey);
    for (const r of rows) {
      const k = ledgerKeyOf(held, r.keyNorm);
      if ('merged' in k) decisions.set(r.keyNorm, mergedKeyRefusal(r.key, k.merged, entries, flow.layout));
    }
  }
  return { ledgerKey, decisions, notices: prepared.notices };
}

/** Another flow's ledger scope, by its name (that flow may own the unnamed entries). */
function scopeOf(name: string): LedgerScope {
  return { flow: name, unnamed: unnamedLedgerFlow()?.name === name };
}

/** What a row sends, as a binding's content: its fields but the key. */
function content(sent: Readonly<SentRecord>): Record<string, string> {
  return Object.fromEntries(Object.entries(sent).filter(([k, v]) => k !== 'key' && v !== undefined)) as Record<string, string>;
}

/**
 * A queue row as the runner takes it: under its ledger key (its identity, or the older form the
 * ledger knows it by), with what it sends after the flow's rules, its plan and its binding.
 */
export function runRow(r: IntakeResult['rows'][number], d: RowPlan<unknown> | undefined, queueId: string, file: string, ledgerKey: string): RunRow {
  if (d?.kind === 'refuse') return { keyNorm: ledgerKey, sent: r.sent, refused: { reason: d.reason, action: d.action } };
  const sent = d?.sent ?? r.sent;
  return {
    keyNorm: ledgerKey,
    sent,
    ...(d?.plan !== undefined ? { plan: d.plan } : {}),
    binding: { content: content(sent), queue: queueId, file, row: r.rowNumber, shownKey: r.key },
  };
}

/** Queue order for the report: every row, invalid ones (skipped) with their reason, refused ones with theirs. */
export function queueOrder(
  queue: IntakeResult,
  rows: IntakeResult['rows'],
  wanted: Set<string> | undefined,
  decisions: ReadonlyMap<string, RowPlan<unknown>>,
  ledgerKey: (id: string) => string,
): RunMeta['rows'] {
  const valid = new Map(rows.map((r) => [r.rowNumber, r]));
  const invalid = new Map(queue.invalid.map((r) => [r.rowNumber, r]));
  const out: RunMeta['rows'] = [];
  for (const n of queue.order) {
    const v = valid.get(n);
    if (v) {
      const d = decisions.get(v.keyNorm);
      const email = d?.kind === 'go' ? d.sent.email : v.sent.email;
      out.push({
        rowNumber: n,
        key: v.key,
        keyNorm: ledgerKey(v.keyNorm),
        ...(email !== undefined ? { email } : {}),
        staff: { ...v.staff },
        ...(d?.kind === 'refuse' ? { refused: { reason: d.reason, action: d.action } } : {}),
      });
      continue;
    }
    const inv = invalid.get(n);
    // With --only, a chosen row that is invalid is reported skipped (with --skip-invalid), never dropped.
    if (inv && (!wanted || (inv.key !== undefined && wanted.has(normaliseKey(inv.key))))) {
      out.push({
        rowNumber: n,
        key: inv.key ?? `строка ${n}`,
        ...(inv.key ? { keyNorm: ledgerKey(normaliseKey(inv.key)) } : {}),
        staff: { ...inv.staff },
        invalid: {
          reason: inv.problems.map((p) => `${p.column}${p.rowNumber} «${p.header}»: ${p.problem}`).join('; '),
          action: inv.problems.map((p) => p.fix).join('; '),
        },
      });
    }
  }
  return out;
}
