// Retention of the queues given to the console (issue 24, review R1 finding 2): whole workbooks
// with children's data, kept beside the ledger folder (core/owner-only.ts consoleQueuesDir). One is
// deleted when it is older than NAVBOT_KEEP_DAYS and no run folder still kept was run from it (a
// night run started from it yesterday keeps it, so a repeating schedule never loses its queue).
import fs from 'node:fs';
import path from 'node:path';
import { consoleQueuesDir } from '../core/owner-only.js';
import { RUN_META_FILE } from './meta.js';

const QUEUE_FILE = /\.(xlsx|csv)$/i;

export interface QueuePurgeOptions {
  reportsDir: string;
  stateDir: string;
  keepDays: number;
  dryRun?: boolean;
  now?: number;
  /** Run folders (names) being purged: they keep no queue, even when a dry run leaves them. */
  purgedRuns?: readonly string[];
}

/** The queue files the run folders under `reportsDir` were run from (their run.json's queueFile). */
function queuesOfKeptRuns(reportsDir: string, purgedRuns: readonly string[]): Set<string> {
  const used = new Set<string>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(reportsDir);
  } catch {
    return used;
  }
  for (const name of names.filter((n) => !purgedRuns.includes(n))) {
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(reportsDir, name, RUN_META_FILE), 'utf8')) as { queueFile?: unknown };
      if (typeof meta.queueFile === 'string') used.add(path.resolve(meta.queueFile));
    } catch {
      // not a run folder, or its run.json is not readable: it keeps nothing
    }
  }
  return used;
}

/** Deletes (or, dry, lists) the console's queues older than `keepDays` that no kept run used. Returns their names. */
export function purgeOldQueues(o: QueuePurgeOptions): { purged: string[]; failed: Array<{ name: string; code: string }> } {
  const dir = consoleQueuesDir(o.stateDir);
  const cutoff = (o.now ?? Date.now()) - o.keepDays * 86_400_000;
  const result = { purged: [] as string[], failed: [] as Array<{ name: string; code: string }> };
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return result;
  }
  const used = queuesOfKeptRuns(path.resolve(o.reportsDir), o.purgedRuns ?? []);
  for (const name of names.filter((n) => QUEUE_FILE.test(n) || n.endsWith('.tmp'))) {
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || st.mtimeMs >= cutoff || used.has(file)) continue;
      if (!o.dryRun) fs.rmSync(file, { force: true });
      result.purged.push(name);
    } catch (e) {
      result.failed.push({ name, code: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  }
  return result;
}
