// A ledger's keys by their identity (intake's normaliseKey, issue 21). Entries are never rewritten,
// and an older navbot kept some keys in another form than today's identity («X-01» as Cyrillic
// «х-01», «AB-7» as «ав-7»). So a key is looked up by its identity, and a key the ledger already
// holds under one form keeps that form as its ledger key: its later entries are written under it
// and its placeholder's password is derived from it (the account was registered with that
// password). A key new to the ledger is written under its identity. When two forms of one identity
// hold entries (an older navbot took «ав-7» and «ab-7» for two keys), neither is the key's: the
// caller stops the key's rows and names both.
import type { Entry } from './entry.js';

/** identity → the forms the ledger holds it under, in order of first appearance. */
export type KeyForms = ReadonlyMap<string, readonly string[]>;

export function keyForms(entries: readonly Entry[], identity: (key: string) => string): KeyForms {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const id = identity(e.key);
    const list = out.get(id);
    if (!list) out.set(id, [e.key]);
    else if (!list.includes(e.key)) list.push(e.key);
  }
  return out;
}

/**
 * What the ledger holds a key under: its one known form (also the password's basis), the identity
 * itself for a key new to the ledger, or `merged` with the forms when there are several.
 */
export function ledgerKeyOf(forms: KeyForms, id: string): { readonly key: string } | { readonly merged: readonly string[] } {
  const known = forms.get(id) ?? [];
  if (known.length > 1) return { merged: known };
  return { key: known[0] ?? id };
}
