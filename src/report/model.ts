// The report's content, independent of its two renderings (report.xlsx, report.html).
// Built from run.json (queue snapshot), the run's events and the journal. The journal is the
// truth about what is issued; the events add what only the run saw (durations, attempts,
// screenshots, traces, planned steps of a dry run). An interrupted run has no run-end and may
// lack row-ends: such rows are judged by the journal alone.
import { ROW_STEP, type Entry, type Facts } from '../journal/entry.js';
import { isSecretName } from '../core/redact.js';
import { replayRow, type RowState } from '../journal/row-state.js';
import type { RowEndEvent, RunEvent } from '../core/events.js';
import type { RunMeta, RunMetaRow } from './meta.js';
import { formatTime, shownStatuses, statusLabels, STEP_OUTCOME_LABEL, STATUSES, type ReportStatus } from './labels.js';
import { GENERIC_LAYOUT, type ReportLayout } from '../core/layout.js';

/** What the report needs of the journal: a Journal, or the read-only view of journal-view.ts. */
export interface JournalReader {
  entriesFor(key: string): readonly Entry[];
  readonly warnings?: readonly string[];
}

export interface ReportStep {
  attempt: number;
  title: string;
  outcome: string;
  ms: number;
}

export interface ReportRow {
  rowNumber: number;
  key: string;
  keyNorm?: string;
  staff: Record<string, string>;
  status: ReportStatus;
  /** The layout's columns: fact name → its text (absent when the row has no such fact). */
  values: Record<string, string | undefined>;
  email?: string;
  reason?: string;
  action?: string;
  /** Row duration in this run, ms (undefined when the run never got to it). */
  ms?: number;
  attempts: number;
  /** Relative to the run folder, forward slashes; only files that exist. */
  screenshots: string[];
  trace?: string;
  steps: ReportStep[];
  /** Dry run: titles of the steps a real run would do. */
  planned?: string[];
}

export interface ReportModel {
  meta: RunMeta;
  /** How the run's flow reads: statuses' words, fact columns (run.json's, or the caller's fallback). */
  layout: ReportLayout;
  /** Every status's word in this report. */
  labels: Record<ReportStatus, string>;
  /** The statuses this report shows, in order. */
  shown: ReportStatus[];
  rows: ReportRow[];
  counts: Record<ReportStatus, number>;
  startedAt: string;
  endedAt?: string;
  /** The run wrote run-end; false after a crash or an interruption. */
  finished: boolean;
  stopReason?: string;
  exitCode?: number;
  /** Settings safe to show, as [name, text]. */
  settings: Array<[string, string]>;
  /** Notes for the Сводка (torn journal lines, a run that did not finish). */
  notes: string[];
  /** The run's log file, relative, when it exists. */
  logFile?: string;
  builtAt: string;
}

export interface ModelInput {
  meta: RunMeta;
  events: readonly RunEvent[];
  journal: JournalReader;
  /** Whether a file under the run folder exists (screenshots, traces). */
  exists: (relative: string) => boolean;
  now?: Date;
  /** The layout of a run whose run.json names no flow (runs of versions with one flow). */
  layout?: ReportLayout;
}

/** The runner's log file in the run folder (src/core/logger.ts, LOG_FILE). */
export const LOG_FILE = 'navbot.log';
export const RERUN_ACTION = 'Запустите navbot снова — строка будет обработана';

/** Events of one row key, gathered in one pass over the run's events. */
interface RowEvents {
  end?: RowEndEvent;
  steps: ReportStep[];
  rowStarts: number;
  lastStepStarted?: string;
  lastStepEnded?: string;
}

function groupEvents(events: readonly RunEvent[]): Map<string, RowEvents> {
  const byKey = new Map<string, RowEvents>();
  const get = (key: string) => {
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { steps: [], rowStarts: 0 }));
    return g;
  };
  for (const e of events) {
    if (!e || typeof e !== 'object' || !('key' in e) || typeof e.key !== 'string') continue;
    const g = get(e.key);
    if (e.type === 'row-start') g.rowStarts = Math.max(g.rowStarts, e.attempt ?? g.rowStarts + 1);
    else if (e.type === 'step-start') g.lastStepStarted = e.title || e.step;
    else if (e.type === 'step-end') {
      g.lastStepEnded = e.title || e.step;
      g.steps.push({ attempt: Math.max(g.rowStarts, 1), title: e.title || e.step, outcome: STEP_OUTCOME_LABEL[e.outcome] ?? e.outcome, ms: e.ms ?? 0 });
    } else if (e.type === 'row-end') g.end = e;
  }
  return byKey;
}

/** A path the run wrote, made safe to reference: relative, forward slashes, inside the run folder. */
export function safeRelative(p: string | undefined): string | undefined {
  if (!p) return undefined;
  const rel = p.replace(/\\/g, '/').replace(/^\.\/+/, '');
  if (rel.startsWith('/') || /^[a-z]:/i.test(rel) || rel.split('/').includes('..') || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return undefined;
  return rel;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

function lastOf(entries: readonly Entry[], pick: (e: Entry) => boolean): Entry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (pick(entries[i]!)) return entries[i];
  return undefined;
}

/** How the report reads a row (its status and words); the one Verdict is the retry policy's (core/errors.ts). */
interface RowReading {
  status: ReportStatus;
  reason?: string;
  action?: string;
}

function judge(meta: RunMeta, layout: ReportLayout, row: RunMetaRow, ev: RowEvents | undefined, entries: readonly Entry[], state: RowState, stopReason: string | undefined): RowReading {
  const end = ev?.end;
  const failed = lastOf(entries, (e) => e.kind === 'failed');
  // The journal's copy of an error passed the run's redactor; prefer it to the event's.
  const failedHere = failed?.run === meta.runId ? failed.error : undefined;
  const issuedEntry = lastOf(entries, (e) => e.step === ROW_STEP && e.kind === 'done');
  const doneBefore = layout.doneBefore ?? 'Сделано ранее';
  const earlier = (e: Entry | undefined): string => (e ? `${doneBefore} (прогон ${e.run}, ${formatTime(e.at)})` : doneBefore);
  const fromError = (status: ReportStatus, err: { reason: string; action?: string } | undefined): RowReading => ({
    status,
    reason: err?.reason,
    action: err?.action,
  });

  if (row.refused) return fromError('failed', row.refused);
  if (end) {
    switch (end.status) {
      case 'issued':
        // A flow may add a word (e.g. the user or child it found was not made by this navbot).
        return { status: 'issued', ...(end.note !== undefined ? { reason: end.note } : {}) };
      case 'already':
        return {
          status: 'already',
          reason: end.note ?? (issuedEntry && issuedEntry.run !== meta.runId ? earlier(issuedEntry) : layout.foundDone),
          action: 'Ничего делать не нужно',
        };
      case 'incomplete':
        return { status: 'incomplete', reason: end.note, action: end.action };
      case 'duplicate': {
        // A run's finding (a read-only flow's note) or the row's stop (the journal's redacted copy).
        const err = end.note !== undefined ? { reason: end.note, action: end.action } : (failedHere ?? end.error ?? state.lastError);
        return fromError('duplicate', err);
      }
      case 'failed':
        return fromError('failed', failedHere ?? end.error ?? state.lastError);
      case 'skipped':
        return fromError('skipped', end.error ?? row.invalid);
      case 'dry-run':
        // Every step probed done: a real run would find the row done and do nothing.
        if (!end.planned?.length) return { status: 'dry-run', reason: 'Пробный прогон: всё уже сделано, настоящий прогон ничего не изменит', action: 'Ничего делать не нужно' };
        return {
          status: 'dry-run',
          reason: 'Пробный прогон: ничего не записано',
          action: `Настоящий прогон выполнит: ${end.planned.map((t, i) => `${i + 1}) ${t}`).join('; ')}`,
        };
      case 'phase-done':
        // `run --until <step>`: not done and not failed — the next run without --until goes on.
        return { status: 'phase-done', reason: end.note, action: end.action };
      case 'pending':
        break;
    }
  }
  if (row.invalid) return fromError('skipped', row.invalid);
  // Without a row end, only what this run itself recorded counts: an issue from an earlier run was
  // not checked on the Navigator this time (the run stopped or never reached the row).
  if (state.status === 'issued' && issuedEntry?.run === meta.runId) return { status: 'issued' };
  if (state.status === 'skipped') {
    const skipped = lastOf(entries, (e) => e.kind === 'skipped');
    return fromError('skipped', skipped?.error ?? { reason: 'Строка пропущена' });
  }
  if (state.status === 'failed' && failedHere) return fromError('failed', failedHere);
  if (state.status === 'duplicate' && failedHere) return fromError('duplicate', failedHere);
  // Not finished in this run: never reached, interrupted mid-row, or failed in an earlier run.
  let reason: string | undefined;
  if (ev?.lastStepStarted && ev.lastStepStarted !== ev.lastStepEnded) reason = `Прогон прервался на шаге «${ev.lastStepStarted}»`;
  else if (ev?.rowStarts || entries.some((e) => e.run === meta.runId)) reason = 'Прогон прервался во время обработки строки';
  else if (state.status === 'issued') reason = `Не проверено в этом прогоне (${earlier(issuedEntry).toLowerCase()})`;
  else if ((state.status === 'failed' || state.status === 'duplicate') && state.lastError) reason = `В прошлом прогоне: ${state.lastError.reason}`;
  else if (stopReason) reason = `Прогон остановлен до этой строки: ${stopReason}`;
  else reason = meta.mode === 'dry-run' ? 'Пробный прогон не дошёл до строки' : 'Прогон не дошёл до строки';
  // Retried faults: the journal's note (redacted), not the retry event's text.
  const retry = lastOf(entries, (e) => e.kind === 'note' && !!e.error && e.run === meta.runId);
  if (retry?.error) reason += `. Последний сбой: ${retry.error.reason}`;
  return { status: 'pending', reason, action: RERUN_ACTION };
}

/** JSON.stringify replacer: nested secret-looking fields never reach the report. */
function dropSecrets(name: string, value: unknown): unknown {
  return name && isSecretName(name) ? undefined : value;
}

function findEvent<T extends RunEvent['type']>(events: readonly RunEvent[], type: T): Extract<RunEvent, { type: T }> | undefined {
  return events.find((e): e is Extract<RunEvent, { type: T }> => e?.type === type);
}

/** Journal entries as they stood when the run ended: later runs must not change an old report. */
function entriesUpTo(entries: readonly Entry[], runId: string, bound: string | undefined): readonly Entry[] {
  if (!bound) return entries;
  return entries.filter((e) => e.run === runId || e.at <= bound);
}

export function buildModel(input: ModelInput): ReportModel {
  const { meta, events, journal } = input;
  const layout = meta.flow?.layout ?? input.layout ?? GENERIC_LAYOUT;
  const grouped = groupEvents(events);
  const runStart = findEvent(events, 'run-start');
  const runEnd = findEvent(events, 'run-end');
  const stop = findEvent(events, 'stop');
  const lastAt = events.reduce<string | undefined>((m, e) => (e?.at && (!m || e.at > m) ? e.at : m), undefined);
  const endedAt = meta.endedAt ?? (runEnd ? runEnd.at : undefined);
  const bound = [endedAt, lastAt].filter((x): x is string => !!x).sort().pop();
  const stopReason = meta.stopReason ?? stop?.reason;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;

  const rows: ReportRow[] = meta.rows.map((row) => {
    const ev = row.keyNorm ? grouped.get(row.keyNorm) : undefined;
    // A refused row's key belongs to another row in the ledger: none of its entries are this row's.
    const entries = row.keyNorm && !row.refused ? entriesUpTo(journal.entriesFor(row.keyNorm), meta.runId, bound) : [];
    const state = replayRow(entries);
    const verdict = judge(meta, layout, row, ev, entries, state, stopReason);
    // A failed row shows only what its own run found: the ledger may hold what the key earned
    // for another child (a reused key), and a number next to «Ошибка» would be read as issued.
    // A row not finished in this run shows no earlier claims either: they were not checked now.
    const facts: Facts =
      row.refused || (verdict.status === 'pending' && state.status === 'issued')
        ? {}
        : verdict.status === 'failed' || verdict.status === 'duplicate'
          ? { ...(ev?.end?.facts ?? {}) }
          : { ...(ev?.end?.facts ?? {}), ...state.facts };
    const end = ev?.end;
    const stepsMs = ev?.steps.reduce((s, x) => s + x.ms, 0) ?? 0;
    counts[verdict.status]++;
    const trace = safeRelative(end?.trace);
    return {
      rowNumber: row.rowNumber,
      key: row.key,
      keyNorm: row.keyNorm,
      staff: row.staff ?? {},
      status: verdict.status,
      values: Object.fromEntries(layout.columns.map((c) => [c.fact, text(facts[c.fact])])),
      email: row.email,
      reason: verdict.reason,
      action: verdict.action,
      ms: end ? end.ms : stepsMs > 0 ? stepsMs : undefined,
      attempts: end ? end.attempts : (ev?.rowStarts ?? 0),
      screenshots: (end?.screenshots ?? []).map(safeRelative).filter((p): p is string => !!p && input.exists(p)),
      trace: trace && input.exists(trace) ? trace : undefined,
      steps: ev?.steps ?? [],
      planned: end?.planned,
    };
  });

  const notes: string[] = [...(meta.intakeWarnings ?? []), ...(meta.purged ?? [])];
  if (!runEnd && meta.endedAt === undefined) {
    notes.push('Прогон не завершился (прерван или сбой). Отчёт построен по журналу; необработанные строки будут обработаны при следующем запуске.');
  }
  for (const w of journal.warnings ?? []) notes.push(w);

  const settings = Object.entries(meta.settings)
    .filter(([name, v]) => !isSecretName(name) && v !== undefined && v !== null && typeof v !== 'function')
    .map(([name, v]): [string, string] => [name, typeof v === 'object' ? JSON.stringify(v, dropSecrets) : String(v)]);

  return {
    meta,
    layout,
    labels: statusLabels(layout),
    shown: shownStatuses(layout, meta.mode, counts),
    rows,
    counts,
    startedAt: meta.startedAt ?? runStart?.at ?? '',
    endedAt: endedAt ?? (runEnd ? undefined : lastAt),
    finished: !!runEnd || meta.endedAt !== undefined,
    stopReason,
    exitCode: meta.exitCode ?? runEnd?.exitCode,
    settings,
    notes,
    logFile: input.exists(LOG_FILE) ? LOG_FILE : undefined,
    builtAt: (input.now ?? new Date()).toISOString(),
  };
}
