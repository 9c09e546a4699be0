// A row's state is the replay of its entries in order. Rules:
// - `intent` marks a step whose irreversible act may have happened: until its `done`, the next
//   run must probe before acting (it is in `intents` and is the first unfinished step at latest).
// - `done` is written only after verify; its facts are trusted and merged (later wins).
// - `failed` ends the row for that run (status failed); a later run that starts the row again
//   (any intent/done) makes it pending again. Retried attempts are `note`s with an error.
// - `skipped` ends the row as skipped; `done` on ROW_STEP ends it as issued.
import { ROW_STEP, type Entry, type EntryError, type FactValue, type Facts } from './entry.js';

export type RowStatus = 'issued' | 'failed' | 'pending' | 'skipped';

export interface RowState {
  /** Steps verified done, with the facts each found. */
  readonly done: ReadonlyMap<string, Facts>;
  /** Steps with an intent and no done after it: their act may or may not have happened. */
  readonly intents: ReadonlySet<string>;
  /** Facts of all done steps merged in order (later steps win). */
  readonly facts: Facts;
  /** The error of the latest `failed` entry. */
  readonly lastError?: EntryError;
  readonly status: RowStatus;
  /** Attempts retried after a system fault (`note` entries with an error). */
  readonly retries: number;
  /** Runs that touched the row, in order of first appearance. */
  readonly runs: readonly string[];
  readonly firstAt?: string;
  readonly lastAt?: string;
}

export function replayRow(entries: readonly Entry[]): RowState {
  const done = new Map<string, Facts>();
  const intents = new Set<string>();
  const facts: Record<string, FactValue> = {};
  const runs: string[] = [];
  let lastError: EntryError | undefined;
  let status: RowStatus = 'pending';
  let retries = 0;
  for (const e of entries) {
    if (!runs.includes(e.run)) runs.push(e.run);
    switch (e.kind) {
      case 'intent':
        intents.add(e.step);
        if (status !== 'issued') status = 'pending';
        break;
      case 'done':
        intents.delete(e.step);
        if (e.step === ROW_STEP) status = 'issued';
        else {
          done.set(e.step, e.facts ?? {});
          if (status !== 'issued') status = 'pending';
        }
        Object.assign(facts, e.facts ?? {});
        break;
      case 'failed':
        lastError = e.error ?? { kind: 'system', reason: 'Причина не записана' };
        if (status !== 'issued') status = 'failed';
        break;
      case 'skipped':
        if (status !== 'issued') status = 'skipped';
        break;
      case 'note':
        if (e.error) retries++;
        break;
    }
  }
  return {
    done,
    intents,
    facts,
    lastError,
    status,
    retries,
    runs,
    firstAt: entries[0]?.at,
    lastAt: entries[entries.length - 1]?.at,
  };
}

export const EMPTY_ROW_STATE: RowState = Object.freeze({
  done: new Map<string, Facts>(),
  intents: new Set<string>(),
  facts: {},
  status: 'pending' as const,
  retries: 0,
  runs: [],
});
