// A flow takes from a row exactly the fields it declared: what it sends, nothing else
// (DESIGN.md, invariant 4). Intake reads only those columns as sent; this is the second guard,
// where a row is handed to the flow, and it types the row as the flow declared it.
import type { Field } from './columns.js';
import type { SentFields, SentRecord } from './types.js';

export type SentOf<F extends Field> = Readonly<Pick<SentFields, F | 'key'>>;

export function sentOnly<F extends Field>(sent: Readonly<SentRecord>, fields: readonly F[]): SentOf<F> {
  const out: Record<string, unknown> = { key: sent.key };
  for (const f of fields) {
    const v = sent[f];
    if (v === undefined) throw new Error(`intake: the row ${sent.key} lacks the sent field ${f}`);
    out[f] = v;
  }
  return Object.freeze(out) as unknown as SentOf<F>;
}
