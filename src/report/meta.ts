// `<runDir>/run.json`: what a run knew when it started (queue snapshot, target, settings) and how
// it ended. The report is rebuilt from it, the run's events and the journal, so the staff columns
// come from this snapshot and stay right even if the workbook was edited after the run.
// Written atomically (temp file + rename): a crash leaves the previous version, never half a file.
import fs from 'node:fs';
import path from 'node:path';
import { assertQueueId } from '../journal/queue-id.js';
import type { LedgerScope } from '../journal/entry.js';
import type { ReportLayout } from '../core/layout.js';

export const RUN_META_FILE = 'run.json';
export const EVENTS_FILE = 'events.jsonl';

export type RunMode = 'run' | 'dry-run' | 'rehearsal' | 'demo';

export interface RunMetaRow {
  /** Excel's row number in the queue workbook. */
  rowNumber: number;
  /** The key as staff typed it. */
  key: string;
  /** The journal key; absent for a row whose key itself is invalid. */
  keyNorm?: string;
  /** The e-mail the robot uses for the row (sent or from the template). */
  email?: string;
  /** Staff-only columns: header → displayed text, as read at run time. */
  staff: Record<string, string>;
  /** Set for a row skipped as invalid (--skip-invalid): why and how to fix it (Russian). */
  invalid?: { reason: string; action: string };
  /** Set for a row the ledger's identity rules stopped (a failure; the ledger's facts are another row's). */
  refused?: { reason: string; action: string };
}

export interface RunMeta {
  runId: string;
  version: string;
  queueFile: string;
  queueId: string;
  stateDir: string;
  startedAt: string;
  endedAt?: string;
  exitCode?: number;
  stopReason?: string;
  target: { publicUrl: string; adminUrl: string; isStand: boolean };
  /** The target's ledger (src/journal/target.ts); absent in runs of versions that kept a journal per queue. */
  ledger?: { dir: string; id: string; label: string };
  mode: RunMode;
  /** `run --until <step>` (a phase split, runner/phase.ts): the step each row ended after. */
  until?: string;
  /**
   * The flow the run ran: its name, how its rows read (layout) and which ledger entries are its
   * own (scope). Absent in runs of versions with one flow: their entries are the unnamed ones.
   */
  flow?: { name: string; layout: ReportLayout; scope: LedgerScope };
  /** Already without secrets; the report filters secret-looking names once more. */
  settings: Record<string, unknown>;
  /** Queue order, invalid rows included. */
  rows: RunMetaRow[];
  staffHeaders: string[];
  /** What intake warned of (hidden rows, a header like a sent one): Russian, shown in the Сводка. */
  intakeWarnings?: string[];
  /** What the run's start deleted by NAVBOT_KEEP_DAYS (report/purge.ts): Russian, shown in the Сводка. */
  purged?: string[];
}

export class RunMetaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunMetaError';
  }
}

/** Writes a file so that readers see the old or the new content, never a part. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    // Written and fsynced before the rename: after a power cut the name holds the old or the new
    // content, never an empty file.
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes run.json; stateDir is stored absolute so `navbot report` finds the journal from any folder. */
export function writeRunMeta(runDir: string, meta: RunMeta): string {
  fs.mkdirSync(runDir, { recursive: true });
  const file = path.join(runDir, RUN_META_FILE);
  writeFileAtomic(file, `${JSON.stringify({ ...meta, stateDir: path.resolve(meta.stateDir) }, null, 2)}\n`);
  return file;
}

/** Merges `patch` into the stored run.json (e.g. endedAt, exitCode, stopReason at the end). */
export function updateRunMeta(runDir: string, patch: Partial<RunMeta>): RunMeta {
  const meta = { ...readRunMeta(runDir), ...patch };
  writeRunMeta(runDir, meta);
  return meta;
}

export function hasRunMeta(runDir: string): boolean {
  return fs.existsSync(path.join(runDir, RUN_META_FILE));
}

export function readRunMeta(runDir: string): RunMeta {
  const file = path.join(runDir, RUN_META_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw new RunMetaError(`Не найден файл прогона ${file}: это не папка прогона navbot или прогон не успел начаться.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new RunMetaError(`Файл прогона ${file} повреждён (не JSON).`);
  }
  const m = data as Partial<RunMeta> | null;
  if (!m || typeof m !== 'object' || typeof m.runId !== 'string' || !Array.isArray(m.rows) || typeof m.stateDir !== 'string' || typeof m.queueId !== 'string') {
    throw new RunMetaError(`Файл прогона ${file} не похож на run.json navbot (нет runId, rows, stateDir или queueId).`);
  }
  // queueId names the journal file read from stateDir: a path in it would read any file.
  try {
    assertQueueId(m.queueId);
  } catch (e) {
    throw new RunMetaError(`Файл прогона ${file} повреждён или изменён вручную: ${(e as Error).message}`);
  }
  // A flow entry that is not navbot's shape (edited by hand) is dropped: the report falls back.
  const f = m.flow as Partial<NonNullable<RunMeta['flow']>> | undefined;
  const flowOk = !!f && typeof f.name === 'string' && Array.isArray(f.layout?.columns) && Array.isArray(f.layout?.statuses) && typeof f.scope?.flow === 'string';
  const { flow: _flow, ...rest } = m as RunMeta;
  return {
    ...rest,
    ...(flowOk ? { flow: f as NonNullable<RunMeta['flow']> } : {}),
    staffHeaders: Array.isArray(m.staffHeaders) ? m.staffHeaders : [],
    settings: m.settings && typeof m.settings === 'object' ? m.settings : {},
    target: m.target ?? { publicUrl: '', adminUrl: '', isStand: false },
    mode: m.mode ?? 'run',
  };
}
