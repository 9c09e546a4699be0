// A row's state is the replay of its entries in order. Rules:
// - `intent` marks a step whose irreversible act may have happened: until its `done`, the next
//   run must probe before acting (it is in `intents` and is the first unfinished step at latest).
// - `done` is written only after verify; its facts are trusted and merged (later wins).
// - `failed` ends the row for that run (status failed; duplicate when its error's kind says the
//   target held two records where the row has one); a later run that starts the row again
//   (any intent/done) makes it pending again. Retried attempts are `note`s with an error.
// - `skipped` ends the row as skipped; `done` on ROW_STEP ends it as issued.
// - `bind` records what the key sent and where it came from (latest wins); it changes no status.
import type { LedgerStatus } from '../core/events.js';
import { ROW_STEP, type Binding, type Entry, type EntryError, type FactValue, type Facts } from './entry.js';

/** The key's latest binding, with when and by which run it was written. */
export interface BoundContent extends Binding {
  readonly at: string;
  readonly run: string;
}


export interface RowState {
  /** Steps verified done, with the facts each found. */
  readonly done: ReadonlyMap<string, Facts>;
  /** Steps with an intent and no done after it: their act may or may not have happened. */
  readonly intents: ReadonlySet<string>;
  /** Steps ever announced (intent) for this key: navbot may have made what they make. */
  readonly intended: ReadonlySet<string>;
  /** Steps with any intent or done: what the key's sent content was used for. */
  readonly touched: ReadonlySet<string>;
  /** The latest binding: the content the key was last sent with, and its queue. */
  readonly binding?: BoundContent;
  /** The latest row-level done (the row reported issued): its run and time. */
  readonly issued?: { readonly run: string; readonly at: string; readonly facts: Facts };
  /**
   * Facts of the dones that closed an intent, merged in order: what navbot itself made (acted, then
   * verified), as opposed to what a probe found made by someone else (another installation, a
   * person). A crash between an intent and its done leaves the next probe's find here.
   */
  readonly made: Facts;
  /**
   * Steps whose act was open (intent, no done) when the row was found duplicated: two records
   * answered, one of them maybe navbot's, and a person then deleted one. What the step's probe
   * finds later is not known to be navbot's (not in `made`), nor another's.
   */
  readonly contested: ReadonlySet<string>;
  /** Facts of all done steps merged in order (later steps win). */
  readonly facts: Facts;
  /** The error of the latest `failed` entry. */
  readonly lastError?: EntryError;
  readonly status: LedgerStatus;
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
  const intended = new Set<string>();
  const touched = new Set<string>();
  let binding: BoundContent | undefined;
  let issued: RowState['issued'];
  const facts: Record<string, FactValue> = {};
  const made: Record<string, FactValue> = {};
  const contested = new Set<string>();
  const runs: string[] = [];
  let lastError: EntryError | undefined;
  let status: LedgerStatus = 'pending';
  let retries = 0;
  for (const e of entries) {
    if (!runs.includes(e.run)) runs.push(e.run);
    switch (e.kind) {
      case 'intent':
        intents.add(e.step);
        intended.add(e.step);
        touched.add(e.step);
        if (status !== 'issued') status = 'pending';
        break;
      case 'done':
        if (intents.has(e.step)) {
          Object.assign(made, e.facts ?? {});
          contested.delete(e.step);
        }
        intents.delete(e.step);
        if (e.step === ROW_STEP) {
          status = 'issued';
          issued = { run: e.run, at: e.at, facts: e.facts ?? {} };
        } else {
          touched.add(e.step);
          done.set(e.step, e.facts ?? {});
          if (status !== 'issued') status = 'pending';
        }
        Object.assign(facts, e.facts ?? {});
        break;
      case 'failed':
        lastError = e.error ?? { kind: 'system', reason: 'Причина не записана' };
        if (status !== 'issued') status = lastError.kind === 'duplicate' ? 'duplicate' : 'failed';
        if (lastError.kind === 'duplicate') {
          // Which of the two records the open act made cannot be told: its step's later find is nobody's for sure.
          for (const step of intents) contested.add(step);
          intents.clear();
        }
        break;
      case 'skipped':
        if (status !== 'issued') status = 'skipped';
        break;
      case 'note':
        if (e.error) retries++;
        break;
      case 'bind':
        if (e.bind) binding = { ...e.bind, at: e.at, run: e.run };
        break;
    }
  }
  return {
    done,
    intents,
    intended,
    touched,
    ...(binding ? { binding } : {}),
    ...(issued ? { issued } : {}),
    made,
    contested,
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
  intended: new Set<string>(),
  touched: new Set<string>(),
  made: {},
  contested: new Set<string>(),
  facts: {},
  status: 'pending' as const,
  retries: 0,
  runs: [],
});
