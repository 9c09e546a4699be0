// Retention (DESIGN.md, invariant 7): what navbot keeps of a run — screenshots, the pages' HTML,
// traces, PDFs, reports with children's data — and doctor's surveys are kept NAVBOT_KEEP_DAYS
// days, then deleted: the heavy personal files first, then the whole run folder. The ledger
// (NAVBOT_STATE_DIR) is never touched: it is what keeps a child from a second certificate.
// Only folders navbot made are candidates: a run folder (run.json inside) or doctor-<date>.
import fs from 'node:fs';
import path from 'node:path';
import { RUN_META_FILE } from './meta.js';
import { purgeOldQueues } from './purge-queues.js';

export interface PurgeOptions {
  reportsDir: string;
  /** The ledger folder: never deleted, nor any folder that holds it. */
  stateDir: string;
  keepDays: number;
  dryRun?: boolean;
  /** Folders never deleted (the run that is starting). */
  keep?: readonly string[];
  now?: number;
}

export interface PurgedFolder {
  /** The folder's name under the reports folder. */
  name: string;
  kind: 'run' | 'doctor';
  /** Days since anything in it last changed. */
  ageDays: number;
  /** Files it held, by kind. */
  files: { screenshots: number; pages: number; traces: number; pdfs: number; other: number };
}

export interface PurgeResult {
  purged: PurgedFolder[];
  /** Folders that could not be deleted (in use, no rights): name and code. */
  failed: Array<{ name: string; code: string }>;
  /** The console's queue files deleted (report/purge-queues.ts). */
  queues: string[];
}

const DAY_MS = 86_400_000;

/** The newest change of the folder or of what it directly holds (a run's last write). */
function lastChange(dir: string): number {
  let newest = fs.statSync(dir).mtimeMs;
  for (const name of fs.readdirSync(dir)) {
    try {
      newest = Math.max(newest, fs.lstatSync(path.join(dir, name)).mtimeMs);
    } catch {
      // gone meanwhile
    }
  }
  return newest;
}

function tally(dir: string, into: PurgedFolder['files']): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tally(p, into);
    else if (/\.png$|\.jpe?g$/i.test(e.name)) into.screenshots++;
    else if (/\.zip$/i.test(e.name) && /(^|[\\/])traces$/.test(dir)) into.traces++;
    else if (/\.pdf$/i.test(e.name)) into.pdfs++;
    else if (/\.html?$/i.test(e.name) && !/^report\.html$/i.test(e.name)) into.pages++;
    else into.other++;
  }
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Deletes (or, dry, lists) the folders older than `keepDays`. */
export function purgeOld(o: PurgeOptions): PurgeResult {
  const reportsDir = path.resolve(o.reportsDir);
  const stateDir = path.resolve(o.stateDir);
  const keep = new Set((o.keep ?? []).map((k) => path.resolve(k)));
  const cutoff = (o.now ?? Date.now()) - o.keepDays * DAY_MS;
  const result: PurgeResult = { purged: [], failed: [], queues: [] };
  let names: string[];
  try {
    names = fs.readdirSync(reportsDir).sort();
  } catch {
    names = [];
  }
  for (const name of names) {
    const dir = path.join(reportsDir, name);
    try {
      if (!fs.lstatSync(dir).isDirectory() || keep.has(dir) || inside(stateDir, dir)) continue;
      const kind = fs.existsSync(path.join(dir, RUN_META_FILE)) ? 'run' : /^doctor-/.test(name) ? 'doctor' : undefined;
      if (!kind) continue;
      const changed = lastChange(dir);
      if (changed >= cutoff) continue;
      const folder: PurgedFolder = { name, kind, ageDays: Math.floor(((o.now ?? Date.now()) - changed) / DAY_MS), files: { screenshots: 0, pages: 0, traces: 0, pdfs: 0, other: 0 } };
      tally(dir, folder.files);
      if (!o.dryRun) removeFolder(dir);
      result.purged.push(folder);
    } catch (e) {
      result.failed.push({ name, code: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  }
  const queues = purgeOldQueues({ ...o, purgedRuns: result.purged.map((f) => f.name) });
  return { ...result, queues: queues.purged, failed: [...result.failed, ...queues.failed] };
}

/** The personal files first (so that a folder half deleted holds none of them), then the rest. */
function removeFolder(dir: string): void {
  for (const sub of ['screenshots', 'traces', 'documents']) fs.rmSync(path.join(dir, sub), { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}

/** One Russian line per purged folder, for the console and the run's report. */
export function purgeLines(r: PurgeResult, keepDays: number, dryRun = false): string[] {
  const verb = dryRun ? 'будет удалено' : 'удалено';
  const lines = r.purged.map((f) => {
    const what = f.kind === 'run' ? `папка прогона ${f.name}` : `осмотр doctor ${f.name}`;
    const parts = [
      f.files.screenshots ? `снимков ${f.files.screenshots}` : '',
      f.files.pages ? `страниц ${f.files.pages}` : '',
      f.files.traces ? `трасс ${f.files.traces}` : '',
      f.files.pdfs ? `PDF ${f.files.pdfs}` : '',
      f.files.other ? `прочих файлов ${f.files.other}` : '',
    ].filter(Boolean);
    return `${what} (${f.ageDays} дн.${parts.length ? `; ${parts.join(', ')}` : ''})`;
  });
  const out: string[] = [];
  if (r.queues.length) out.push(`По сроку хранения (NAVBOT_KEEP_DAYS=${keepDays}) ${verb} очередей, загруженных в пульт: ${r.queues.length} (${r.queues.join(', ')}).`);
  if (lines.length) out.push(`По сроку хранения (NAVBOT_KEEP_DAYS=${keepDays}) ${verb}: ${lines.join('; ')}. Журнал (NAVBOT_STATE_DIR) не удаляется никогда.`);
  for (const f of r.failed) out.push(`Не удалось удалить ${f.name} (${f.code}): закройте открытые из неё файлы; navbot попробует при следующем запуске.`);
  return out;
}
