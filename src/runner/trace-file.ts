// A kept trace lies on disk under its final name only once masked (issue 24): Playwright writes
// the raw archive under a hidden temporary name beside it, redactTrace masks that file, and only
// then is it renamed. A run killed in between leaves a hidden «.…raw» file, which the next run's
// start deletes (removeRawTraces) — never a raw trace under a name the report links to.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Redactor } from '../core/redact.js';
import { redactTrace } from './trace.js';

const LEFTOVER = /^\..+\.(raw|tmp)$/;

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

/** Deletes raw and half-masked traces a killed run left in the run folders' traces/. Returns how many. */
export function removeRawTraces(reportsDir: string): number {
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
      names = fs.readdirSync(traces);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!LEFTOVER.test(name)) continue;
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
