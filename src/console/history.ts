// «История»: the runs in the reports folder (each with its counts and its report), a running CLI
// run's progress read back from its events file, and the ledger's content (`navbot ledger`'s) with
// a search by key. Read-only.
import fs from 'node:fs';
import path from 'node:path';
import { EventLog, type RunEvent } from '../core/events.js';
import { EVENTS_FILE, readRunMeta, REPORT_HTML, REPORT_XLSX, type RunMeta } from '../report/index.js';
import { readLedger, type LedgerLine } from '../report/ledger-xlsx.js';
import { ledgerDir, targetFor } from '../journal/target.js';
import { findFlow, unnamedLedgerFlow } from '../../flows/index.js';
import type { Settings } from './engine.js';
import { expectedRows, foldEvents, type LiveRow, type LiveSummary } from './live.js';

export const RUN_ID = /^[\w.-]{1,100}$/;

export interface RunListItem {
  runId: string;
  queue: string;
  flow?: string;
  mode: RunMeta['mode'];
  target: string;
  startedAt: string;
  endedAt?: string;
  exitCode?: number;
  counts: Record<string, number>;
  report: boolean;
  table: boolean;
}

function runDirs(reportsDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(reportsDir);
  } catch {
    return [];
  }
  return names.filter((n) => RUN_ID.test(n) && fs.existsSync(path.join(reportsDir, n, 'run.json')));
}

function countsOf(events: readonly RunEvent[]): Record<string, number> {
  const end = events.findLast((e) => e.type === 'run-end');
  if (end?.type === 'run-end') return Object.fromEntries(Object.entries(end.counts).filter(([, n]) => n > 0));
  const counts: Record<string, number> = {};
  for (const e of events) if (e.type === 'row-end') counts[e.status] = (counts[e.status] ?? 0) + 1;
  return counts;
}

/** The runs, newest first. */
export function listRuns(reportsDir: string, limit = 100): RunListItem[] {
  const out: RunListItem[] = [];
  for (const runId of runDirs(reportsDir)) {
    const dir = path.join(reportsDir, runId);
    let meta: RunMeta;
    try {
      meta = readRunMeta(dir);
    } catch {
      continue;
    }
    out.push({
      runId,
      queue: path.basename(meta.queueFile),
      ...(meta.flow ? { flow: findFlow(meta.flow.name)?.title ?? meta.flow.name } : {}),
      mode: meta.mode,
      target: meta.ledger?.label ?? meta.target.publicUrl,
      startedAt: meta.startedAt,
      ...(meta.endedAt ? { endedAt: meta.endedAt } : {}),
      ...(meta.exitCode !== undefined ? { exitCode: meta.exitCode } : {}),
      counts: countsOf(EventLog.read(path.join(dir, EVENTS_FILE))),
      report: fs.existsSync(path.join(dir, REPORT_HTML)),
      table: fs.existsSync(path.join(dir, REPORT_XLSX)),
    });
  }
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit);
}

/** The newest unfinished run on this Navigator (a scheduled CLI run holding the lock): its progress. */
export function runningProgress(settings: Settings): { runId: string; queue: string; summary: LiveSummary; rows: LiveRow[] } | undefined {
  const reportsDir = path.resolve(settings.reportsDir);
  const target = targetFor(settings.publicUrl, settings.adminUrl);
  const open = listRuns(reportsDir, 20).filter((r) => !r.endedAt);
  for (const r of open) {
    const dir = path.join(reportsDir, r.runId);
    const meta = readRunMeta(dir);
    if (meta.ledger && meta.ledger.id !== target.id) continue;
    const live = foldEvents(
      EventLog.read(path.join(dir, EVENTS_FILE)),
      expectedRows(meta.rows),
    );
    return { runId: r.runId, queue: r.queue, ...live.snapshot() };
  }
  return undefined;
}

/** `navbot ledger`'s lines for the settings' Navigator, those whose key contains `search`. */
export function ledgerView(settings: Settings, search: string, limit = 200): { target: string; total: number; lines: LedgerLine[]; warnings: string[] } {
  const stateDir = path.resolve(settings.stateDir);
  const target = targetFor(settings.publicUrl, settings.adminUrl);
  const { lines, warnings } = readLedger(path.join(ledgerDir(stateDir), `${target.id}.jsonl`), unnamedLedgerFlow()?.name);
  const q = search.trim().toLowerCase();
  const found = q ? lines.filter((l) => l.key.toLowerCase().includes(q)) : lines;
  return { target: target.label, total: lines.length, lines: found.slice(0, limit), warnings };
}
