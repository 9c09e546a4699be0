// A kept trace lies on disk under its final name only once masked (issue 24): Playwright writes
// the raw archive under a hidden temporary name beside it, redactTrace masks that file, and only
// then is it renamed. A run killed in between leaves a hidden «.…raw» file, which the next run's
// start deletes (removeRawTraces; not in a folder another run may still be writing) — never a raw trace under a name the report links to.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Redactor } from '../core/redact.js';
import { redactTrace } from './trace.js';

const LEFTOVER = /^\..+\.(raw|tmp)$/;
const DAY_MS = 86_400_000;

/** Where the raw archive of `final` is written before it is masked. */
export function rawTracePath(final: string): string {
  return path.join(path.dirname(final), `.${path.basename(final)}.raw`);
}

/**
 * Lets `write` put the raw trace at a temporary path, masks it there, then renames it to
 * `final`. Returns whether `final` now holds a masked trace; on any failure nothing is left.
 */
export async function keepMaskedTrace(final: string, redactor: Redactor, write: (raw: string) => Promise<boolean>): Promise<boolean> {
  const raw = rawTracePath(final);
  try {
    if (!(await write(raw)) || !fs.existsSync(raw)) {
      await rm(raw, { force: true });
      return false;
    }
    await redactTrace(raw, redactor);
    await rename(raw, final);
    return true;
  } catch {
    await rm(raw, { force: true }).catch(() => undefined);
    return false;
  }
}

/**
 * Whether a run may still be writing into `runDir` (review R1, finding 10): it has not ended (no
 * report.html, no endedAt in its run.json) and something in it changed within the last day. Another
 * navbot working on another Navigator may share the reports folder: its raw trace is on its way to
 * being masked and renamed, not a leftover.
 */
function mayBeRunning(runDir: string, now: number): boolean {
  if (fs.existsSync(path.join(runDir, 'report.html'))) return false;
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { endedAt?: unknown };
    if (typeof meta.endedAt === 'string') return false;
  } catch {
    // no run.json yet (a run just started) or half written: judged by its age
  }
  let newest = 0;
  for (const dir of [runDir, path.join(runDir, 'traces')]) {
    try {
      newest = Math.max(newest, fs.statSync(dir).mtimeMs, ...fs.readdirSync(dir).map((n) => fs.lstatSync(path.join(dir, n)).mtimeMs));
    } catch {
      // gone meanwhile, or no traces/ folder
    }
  }
  return now - newest < DAY_MS;
}

/**
 * Deletes raw and half-masked traces a killed run left in the run folders' traces/, except in a
 * folder a run may still be writing (mayBeRunning). Returns how many.
 */
export function removeRawTraces(reportsDir: string, now = Date.now()): number {
  let removed = 0;
  let runs: string[];
  try {
    runs = fs.readdirSync(reportsDir);
  } catch {
    return 0;
  }
  for (const run of runs) {
    const traces = path.join(reportsDir, run, 'traces');
    let names: string[];
    try {
      names = fs.readdirSync(traces).filter((n) => LEFTOVER.test(n));
    } catch {
      continue;
    }
    if (names.length === 0 || mayBeRunning(path.join(reportsDir, run), now)) continue;
    for (const name of names) {
      try {
        fs.rmSync(path.join(traces, name), { force: true });
        removed++;
      } catch {
        // busy: the next start tries again
      }
    }
  }
  return removed;
}
