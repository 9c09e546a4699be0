// buildReport: run.json + events.jsonl + the journal → report.xlsx and report.html in the run
// folder. Safe to call at any time: at the end of a run, after a crash (torn events, no run-end),
// or later by `navbot report`; the result depends only on those files, so rebuilding gives the
// same report. Writes are atomic; a report.xlsx held open in Excel gets a sibling file instead.
import fs from 'node:fs';
import path from 'node:path';
import type { Journal } from '../journal/journal.js';
import { EventLog } from '../core/events.js';
import { renderHtml } from './html.js';
import { JournalView } from './journal-view.js';
import { EVENTS_FILE, hasRunMeta, readRunMeta, writeFileAtomic } from './meta.js';
import { buildModel, type JournalReader, type ReportModel } from './model.js';
import type { ReportStatus } from './labels.js';
import type { ReportLayout } from '../core/layout.js';
import { renderXlsx } from './xlsx.js';

export const REPORT_XLSX = 'report.xlsx';
export const REPORT_HTML = 'report.html';

export interface BuildOptions {
  /** The open journal of the run (the runner's); otherwise the journal file is read, read-only. */
  journal?: Journal | JournalReader;
  now?: Date;
  /** The layout of a run whose run.json names no flow (runs of versions with one flow). */
  layout?: ReportLayout;
}

export interface BuiltReport {
  xlsx: string;
  html: string;
  /** Rows per status code (issued, already, incomplete, failed, skipped, pending, dry-run). */
  counts: Record<ReportStatus, number>;
  /** The statuses' words in this run's flow, and which of them the report shows. */
  labels: Record<ReportStatus, string>;
  shown: ReportStatus[];
  /** Russian notes for the console (a file was busy, the run did not finish). */
  warnings: string[];
  /** The rows as the report shows them (a dry run's summary counts each one by its outcome). */
  rows: ReportModel['rows'];
}

/** Writes `file`; if it is locked (open in Excel on Windows), writes a timestamped sibling instead. */
export function writeReplacing(file: string, data: string | Uint8Array, warnings: string[], now: Date): string {
  try {
    writeFileAtomic(file, data);
    return file;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EBUSY' && code !== 'EPERM' && code !== 'EACCES') throw e;
    const ext = path.extname(file);
    const stamp = now.toISOString().slice(11, 19).replace(/:/g, '-');
    const other = `${file.slice(0, -ext.length)}-${stamp}${ext}`;
    writeFileAtomic(other, data);
    warnings.push(`Файл ${path.basename(file)} занят (открыт в Excel?); отчёт записан в ${path.basename(other)}.`);
    return other;
  }
}

/** The report's content for a run folder, as buildReport renders it (also for the summary e-mail). */
export function loadModel(runDir: string, opts: BuildOptions = {}): ReportModel {
  const meta = readRunMeta(runDir);
  const events = EventLog.read(path.join(runDir, EVENTS_FILE));
  // run.json stores stateDir absolute (writeRunMeta resolves it); an older relative one is taken from the working folder.
  // Only the run's flow's rows of the ledger are read (a run.json without a flow: the unnamed ones).
  const journal =
    opts.journal ?? (meta.ledger ? JournalView.read(meta.ledger.dir, meta.ledger.id, meta.flow?.scope) : JournalView.read(path.resolve(meta.stateDir), meta.queueId));
  return buildModel({
    meta,
    events,
    journal,
    exists: (rel) => fs.existsSync(path.join(runDir, rel)),
    now: opts.now ?? new Date(),
    ...(opts.layout ? { layout: opts.layout } : {}),
  });
}

export async function buildReport(runDir: string, opts: BuildOptions = {}): Promise<BuiltReport> {
  const now = opts.now ?? new Date();
  const model = loadModel(runDir, { ...opts, now });
  const warnings = [...model.notes];
  const xlsx = writeReplacing(path.join(runDir, REPORT_XLSX), await renderXlsx(model), warnings, now);
  const html = writeReplacing(path.join(runDir, REPORT_HTML), renderHtml(model), warnings, now);
  return { xlsx, html, counts: model.counts, labels: model.labels, shown: model.shown, warnings, rows: model.rows };
}

/** The newest run under `reportsDir` (run ids sort by time), or undefined when there is none. */
export function latestRunId(reportsDir: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(reportsDir);
  } catch {
    return undefined;
  }
  return names
    .filter((n) => hasRunMeta(path.join(reportsDir, n)))
    .sort()
    .pop();
}

/**
 * Builds the reports of runs that never got one (the process was killed before the end), e.g. at
 * the start of the next run. Returns the run folders built; a broken one is skipped.
 */
export async function buildMissingReports(reportsDir: string, opts: Pick<BuildOptions, 'layout'> = {}): Promise<string[]> {
  let names: string[];
  try {
    names = fs.readdirSync(reportsDir);
  } catch {
    return [];
  }
  const built: string[] = [];
  for (const name of names.sort()) {
    const dir = path.join(reportsDir, name);
    if (!hasRunMeta(dir) || (fs.existsSync(path.join(dir, REPORT_XLSX)) && fs.existsSync(path.join(dir, REPORT_HTML)))) continue;
    try {
      await buildReport(dir, opts);
      built.push(dir);
    } catch {
      // A damaged run folder must not stop a new run; `navbot report <id>` shows its error.
    }
  }
  return built;
}
