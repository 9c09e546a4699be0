// What a run tells the outside (progress bar, log, events file for reports). Plain data.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Facts } from './facts.js';

/**
 * How a row ended: issued (navbot did the flow's work now), already (found done), incomplete (a
 * read-only flow found the row lacking something), duplicate (the target holds two or more records
 * where the row has one — users, children, certificates: a person deletes the extra ones), failed,
 * skipped, pending, dry-run. The words staff read are the flow's (src/core/layout.ts).
 */
/**
 * The one list of row statuses, in the order the report lists them. `phase-done`: the row reached
 * the end of its phase (`run --until <step>`); a later run does the rest.
 */
export const ROW_STATUSES = ['issued', 'phase-done', 'already', 'incomplete', 'duplicate', 'failed', 'skipped', 'pending', 'dry-run'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** What the ledger's replay of a row can say (journal/row-state.ts): the statuses its entries write. */
export type LedgerStatus = Extract<RowStatus, 'issued' | 'failed' | 'duplicate' | 'pending' | 'skipped'>;

/** A count of every status, all zero. */
export function emptyCounts(): Record<RowStatus, number> {
  return Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
}

export interface RowError {
  kind: 'business' | 'system' | 'stopped';
  reason: string;
  action: string;
}

export type RunEvent =
  | { type: 'run-start'; runId: string; total: number; dryRun: boolean; at: string }
  | { type: 'row-start'; key: string; attempt: number; at: string }
  | { type: 'step-start'; key: string; step: string; title: string; at: string }
  | { type: 'step-end'; key: string; step: string; title: string; outcome: 'done' | 'already-done' | 'preview'; ms: number; at: string }
  | { type: 'retry'; key: string; attempt: number; reason: string; at: string }
  | {
      type: 'row-end';
      key: string;
      status: RowStatus;
      facts: Facts;
      error?: RowError;
      attempts: number;
      ms: number;
      screenshots: string[];
      trace?: string;
      planned?: string[];
      /** For «Уже был выдан»: who made it and when; for an incomplete or duplicate row, what it lacks or holds twice (Russian). */
      note?: string;
      /** For an incomplete or duplicate row: what staff should do (Russian). */
      action?: string;
      at: string;
    }
  | { type: 'stop'; reason: string; at: string }
  /** Something a person at the screen must do now (e.g. pass the captcha in the browser window). */
  | { type: 'notice'; key: string; text: string; at: string }
  /** `exitCode` only in events of older runs; the CLI maps `outcome` to the exit code now. */
  | { type: 'run-end'; at: string; counts: Record<RowStatus, number>; outcome?: RunOutcome; exitCode?: number };

/**
 * How a run ended, as the runner says it; the CLI maps it to an exit code (DESIGN.md, Contracts):
 * every row ended (some may need a person), the run was stopped (the breaker, an unreachable
 * target, a wrong setting: `code` of the StopRunError), or interrupted by a signal.
 */
export type RunOutcome =
  | { kind: 'completed'; needsPerson: boolean }
  | { kind: 'stopped'; reason: string; code: number }
  | { kind: 'interrupted'; signal: string };

export type RowEndEvent = Extract<RunEvent, { type: 'row-end' }>;

type Unstamped<E> = E extends unknown ? Omit<E, 'at'> : never;

/**
 * Appends events to `<runDir>/events.jsonl` (synchronously, so a crash keeps what was said).
 * Every event is masked once, before the file or any listener (progress bar, console) sees it.
 */
export class EventLog {
  /** Events that could not be written (a full disk). */
  lost = 0;

  constructor(
    private readonly file: string,
    private readonly listeners: Array<(e: RunEvent) => void> = [],
    /** The run's redactor (strings masked deep): error texts may quote what a page said. */
    private readonly redact: <T>(value: T) => T = (v) => v,
  ) {}

  emit(event: Unstamped<RunEvent>): void {
    const e = this.redact({ ...event, at: new Date().toISOString() } as RunEvent);
    try {
      appendFileSync(this.file, `${JSON.stringify(e)}\n`);
    } catch {
      // A full disk: the journal (which stops the run on its own failed write) stays the truth;
      // a lost event costs only a duration or a screenshot link in the report.
      this.lost++;
    }
    for (const l of this.listeners) l(e);
  }

  on(listener: (e: RunEvent) => void): void {
    this.listeners.push(listener);
  }

  static read(file: string): RunEvent[] {
    if (!existsSync(file)) return [];
    const out: RunEvent[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as RunEvent);
      } catch {
        // a torn last line after a crash
      }
    }
    return out;
  }
}
