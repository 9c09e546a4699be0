// A run's progress as the page shows it, folded from the run's events (core/events.ts): each row's
// status, step and reason; the counts, the rate and the time left. Pure: the same fold serves the
// console's own run (events as they come) and a scheduled CLI run (its events.jsonl read back).
import type { RunEvent } from '../core/events.js';

export interface LiveRow {
  /** The row's ledger key (the events' key). */
  key: string;
  /** The key as staff typed it, and the row's number in the workbook (from run.json). */
  label?: string;
  row?: number;
  /** «ожидает», «в работе» or the row's final status (the event's word: issued, already, failed, …). */
  status: string;
  step?: string;
  reason?: string;
  action?: string;
  attempts?: number;
}

export interface LiveSummary {
  runId?: string;
  total: number;
  ended: number;
  counts: Record<string, number>;
  /** Rows per minute over the ended rows. */
  perMinute?: number;
  /** Seconds left at that rate. */
  secondsLeft?: number;
  startedAt?: string;
  finished: boolean;
  stopReason?: string;
  notice?: string;
}

export class LiveRun {
  readonly rows = new Map<string, LiveRow>();
  summary: LiveSummary = { total: 0, ended: 0, counts: {}, finished: false };
  /** The row a person is asked to act for (the captcha): its notice stands until that row moves on. */
  private noticeKey?: string;

  constructor(private readonly now: () => number = Date.now) {}

  /** Applies one event; returns the row it changed, if any. */
  apply(e: RunEvent): LiveRow | undefined {
    if (this.noticeKey !== undefined && e.type !== 'notice' && 'key' in e && e.key === this.noticeKey) {
      this.noticeKey = undefined;
      delete this.summary.notice;
    }
    switch (e.type) {
      case 'run-start':
        this.summary = { ...this.summary, runId: e.runId, total: e.total, startedAt: e.at };
        return undefined;
      case 'row-start':
        return this.set(e.key, { status: 'running', attempts: e.attempt });
      case 'step-start':
        return this.set(e.key, { status: 'running', step: e.title });
      case 'step-end':
        // Nothing of the row changes; its message carries the summary (a notice may have ended).
        return this.rows.get(e.key);
      case 'retry':
        return this.set(e.key, { reason: `повтор ${e.attempt}: ${e.reason}` });
      case 'notice':
        this.noticeKey = e.key;
        this.summary = { ...this.summary, notice: e.text };
        return this.set(e.key, { reason: e.text });
      case 'row-end': {
        const prev = this.rows.get(e.key);
        if (!prev || prev.status === 'running' || prev.status === 'pending') this.summary.ended++;
        this.summary.counts[e.status] = (this.summary.counts[e.status] ?? 0) + 1;
        this.rate(e.at);
        const reason = e.error?.reason ?? e.note;
        const action = e.error?.action ?? e.action;
        return this.set(e.key, { status: e.status, step: undefined, reason, action, attempts: e.attempts });
      }
      case 'stop':
        this.summary = { ...this.summary, stopReason: e.reason };
        return undefined;
      case 'run-end':
        this.summary = { ...this.summary, finished: true, secondsLeft: 0 };
        return undefined;
      default:
        return undefined;
    }
  }

  /** Rows known before they start (from the run's run.json), so the table shows the whole queue. */
  expect(rows: ReadonlyArray<{ key: string; label: string; row: number }>): void {
    for (const r of rows) if (!this.rows.has(r.key)) this.rows.set(r.key, { key: r.key, label: r.label, row: r.row, status: 'pending' });
  }

  snapshot(): { summary: LiveSummary; rows: LiveRow[] } {
    return { summary: { ...this.summary, counts: { ...this.summary.counts } }, rows: [...this.rows.values()] };
  }

  private set(key: string, patch: Partial<LiveRow>): LiveRow {
    const row: LiveRow = { ...(this.rows.get(key) ?? { key, status: 'pending' }), ...patch, key };
    for (const k of Object.keys(row) as Array<keyof LiveRow>) if (row[k] === undefined) delete row[k];
    this.rows.set(key, row);
    return row;
  }

  private rate(at: string): void {
    const started = this.summary.startedAt ? Date.parse(this.summary.startedAt) : NaN;
    const end = Number.isNaN(Date.parse(at)) ? this.now() : Date.parse(at);
    const minutes = (end - started) / 60_000;
    if (!(minutes > 0) || this.summary.ended === 0) return;
    const perMinute = this.summary.ended / minutes;
    const left = Math.max(0, this.summary.total - this.summary.ended);
    this.summary.perMinute = Math.round(perMinute * 10) / 10;
    this.summary.secondsLeft = Math.round((left / perMinute) * 60);
  }
}

/** The rows a run will take, from its run.json's rows (valid ones, under their ledger keys). */
export function expectedRows(rows: ReadonlyArray<{ keyNorm?: string; key: string; rowNumber: number; invalid?: unknown }>): Array<{ key: string; label: string; row: number }> {
  return rows.flatMap((r) => (r.keyNorm && !r.invalid ? [{ key: r.keyNorm, label: r.key, row: r.rowNumber }] : []));
}

/** Events that change the run's summary (the others change one row). */
export const SUMMARY_EVENTS = new Set<RunEvent['type']>(['run-start', 'stop', 'run-end', 'notice']);

/** A finished or running run folded from its events file's lines. */
export function foldEvents(events: readonly RunEvent[], rows: ReadonlyArray<{ key: string; label: string; row: number }> = []): LiveRun {
  const live = new LiveRun();
  live.expect(rows);
  for (const e of events) live.apply(e);
  return live;
}
