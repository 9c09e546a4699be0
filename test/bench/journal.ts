// Resume speed of the journal: open a queue's journal of `entries` lines and compute every row's
// resume point, as the runner does at start. Used by `npm run bench` and the unit test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '../../src/journal/journal.js';
import { ROW_STEP, type Entry } from '../../src/journal/entry.js';

export const BENCH_STEPS = ['account', 'child', 'confirm', 'certificate'] as const;

/** Writes a realistic journal: rows that went through intent/done pairs, some failed, some mid-way. */
export function writeSyntheticJournal(file: string, entries: number): number {
  const lines: string[] = [];
  const at = new Date(Date.UTC(2025, 4, 17, 9)).toISOString();
  let row = 0;
  while (lines.length < entries) {
    const key = `2025-${String(row).padStart(5, '0')}`;
    const push = (e: Omit<Entry, 'at' | 'run'>) => lines.length < entries && lines.push(JSON.stringify({ at, run: 'bench-run', ...e }));
    const reach = row % 7 === 0 ? 2 : BENCH_STEPS.length;
    for (let i = 0; i < reach; i++) {
      const step = BENCH_STEPS[i] as string;
      push({ key, step, kind: 'intent', attempt: 1 });
      push({ key, step, kind: 'done', facts: { [`${step}Id`]: row * 10 + i } });
    }
    if (row % 7 === 0) push({ key, step: BENCH_STEPS[2] as string, kind: 'intent', attempt: 1 });
    else if (row % 11 === 0) push({ key, step: ROW_STEP, kind: 'failed', error: { kind: 'business', reason: 'Отказ', action: 'Исправьте' } });
    else push({ key, step: ROW_STEP, kind: 'done', facts: { certificate: `N-${row}` } });
    row++;
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length;
}

export function benchResume(entries = 10_000): { entries: number; ms: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-bench-journal-'));
  try {
    const written = writeSyntheticJournal(path.join(dir, 'bench.jsonl'), entries);
    const started = performance.now();
    const journal = Journal.open(dir, 'bench');
    for (const key of journal.keys()) {
      journal.rowState(key);
      journal.resumePoint(key, BENCH_STEPS);
    }
    const ms = performance.now() - started;
    journal.close();
    return { entries: written, ms: Math.round(ms * 10) / 10 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
