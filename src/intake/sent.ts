// A flow takes from a row exactly the fields it declared: what it sends, nothing else
// (DESIGN.md, invariant 4). Intake reads only those columns as sent; this is the second guard,
// where a row is handed to the flow, and it types the row as the flow declared it.
import type { SentRecord } from './types.js';

export type SentOf<F extends string> = Readonly<Record<F | 'key', string>>;

export function sentOnly<F extends string>(sent: Readonly<SentRecord>, fields: readonly F[]): SentOf<F> {
  const out: Record<string, string> = { key: sent.key };
  for (const f of fields) {
    const v = sent[f];
    if (typeof v !== 'string') throw new Error(`intake: the row ${sent.key} lacks the sent field ${f}`);
    out[f] = v;
  }
  return Object.freeze(out) as SentOf<F>;
}
