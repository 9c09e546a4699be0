// One line of the journal. Facts are ids, numbers and flags found on the target (user id, child
// id, certificate number) — never personal data and never secrets: a derived password can always
// be derived again, so it is never written. `assertSafeFacts` enforces the part that can be
// checked mechanically (names of fields, size and shape of values).
import type { FactValue, Facts } from '../core/facts.js';
import { z } from 'zod';
import { isSecretName } from '../core/redact.js';

export const ENTRY_KINDS = ['intent', 'done', 'failed', 'skipped', 'note', 'bind'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** One Facts for every part (core/facts.ts). */
export type { FactValue, Facts };

export interface EntryError {
  /** `duplicate`: the target held two or more records where the row has one (a business fault of its own). */
  readonly kind: 'business' | 'system' | 'duplicate';
  /** Russian, for staff: what happened. */
  readonly reason: string;
  /** Russian, for staff: what to do about it. */
  readonly action?: string;
}

/**
 * What a row sent to the target, and where the row came from: written (kind `bind`) before the
 * row's first entry of a run when it differs from the key's last binding on this target. The
 * ledger's identity rules of a flow (flows/) compare a queue row with it.
 */
export interface Binding {
  /** The sent content (the flow's sent fields, e-mail included). */
  readonly content: Readonly<Record<string, string>>;
  /** The queue's id (queue-id.ts), its file as given, and the row's number in it. */
  readonly queue: string;
  readonly file: string;
  readonly row: number;
  /** The key as staff typed it in that row (the entry's key is the normalised one). */
  readonly shownKey?: string;
}

export interface Entry {
  /** ISO 8601 time of writing. */
  readonly at: string;
  /** The run that wrote the entry. */
  readonly run: string;
  /** The row's normalised key (see key.ts). */
  readonly key: string;
  /**
   * The flow that wrote the entry: a ledger key is (flow, key), so two flows on one queue never
   * share a row. Absent in entries written before flows had names: they belong to the flow whose
   * scope says `unnamed` (see LedgerScope).
   */
  readonly flow?: string;
  /** A flow step's name, or ROW_STEP for row-level outcomes. */
  readonly step: string;
  readonly kind: EntryKind;
  readonly attempt?: number;
  readonly facts?: Facts;
  readonly error?: EntryError;
  readonly bind?: Binding;
}

/** What a caller passes to `append`; time and run id are filled in by the journal. */
export type EntryInput = Omit<Entry, 'at' | 'run'> & { readonly at?: string; readonly run?: string };

/**
 * Which entries of a ledger are one flow's: those named for it and, for the flow that wrote the
 * ledger before flows had names, the unnamed ones (old ledgers are read so, never rewritten).
 */
export interface LedgerScope {
  readonly flow: string;
  readonly unnamed: boolean;
}

/** Whether an entry is in a flow's scope; without a scope, only unnamed entries are. */
export function inScope(e: Pick<Entry, 'flow'>, scope: LedgerScope | undefined): boolean {
  if (!scope) return e.flow === undefined;
  return e.flow === scope.flow || (e.flow === undefined && scope.unnamed);
}

/** The step name of row-level outcomes: `done` on it means the row is issued. */
export const ROW_STEP = 'row';

const factValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const entrySchema = z.object({
  at: z.string().min(1),
  run: z.string().min(1),
  key: z.string().min(1),
  flow: z.string().min(1).optional(),
  step: z.string().min(1),
  kind: z.enum(ENTRY_KINDS),
  attempt: z.number().int().nonnegative().optional(),
  facts: z.record(z.string(), factValue).optional(),
  error: z
    .object({
      kind: z.enum(['business', 'system', 'duplicate']),
      reason: z.string(),
      action: z.string().optional(),
    })
    .optional(),
  bind: z
    .object({
      content: z.record(z.string(), z.string()),
      queue: z.string(),
      file: z.string(),
      row: z.number().int().nonnegative(),
      shownKey: z.string().optional(),
    })
    .optional(),
});

/** Field names that must never reach the journal: the one list, the redactor's. */

/** Longest string fact accepted: ids and certificate numbers are short; anything longer is a mistake. */
export const MAX_FACT_LENGTH = 200;

/** Throws when facts could carry a secret or free text; the journal must stay safe to share. */
export function assertSafeFacts(facts: Facts | undefined): void {
  if (!facts) return;
  for (const [name, value] of Object.entries(facts)) {
    if (isSecretName(name)) {
      throw new Error(`Журнал: факт «${name}» похож на секрет; в журнал пишутся только номера и идентификаторы.`);
    }
    if (!factValue.safeParse(value).success || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new Error(`Журнал: факт «${name}» должен быть строкой, числом, логическим значением или null.`);
    }
    if (typeof value === 'string' && value.length > MAX_FACT_LENGTH) {
      throw new Error(`Журнал: факт «${name}» длиннее ${MAX_FACT_LENGTH} символов; в журнал пишутся только номера и идентификаторы.`);
    }
  }
}
