// The console's summary of a dry run counts every row by what a real run would do with it: a
// 6-row queue with 4 rows that would stop used to read «строк 2».
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dryRunLines, printResult } from '../../../src/cli/commands/run.js';
import type { BatchRow } from '../../../src/cli/batch.js';
import { buildReport } from '../../../src/report/build.js';
import { DEFAULT_FLOW } from '../../../flows/index.js';
import { FAILURE, makeFakeRun, type FakeRun } from '../report/fake-run.js';

const made: FakeRun[] = [];
afterEach(() => {
  for (const r of made.splice(0)) fs.rmSync(r.root, { recursive: true, force: true });
});

describe('the dry run’s summary', () => {
  it('counts every row of a 6-row queue: 2 would be done, 4 would stop, each named with its reason', async () => {
    const run = makeFakeRun({
      mode: 'dry-run',
      rows: [
        { kind: 'dry-run', key: 'Д-1' },
        { kind: 'failed', key: 'Д-2' },
        { kind: 'failed', key: 'Д-3' },
        { kind: 'dry-run', key: 'Д-4' },
        { kind: 'failed', key: 'Д-5' },
        { kind: 'invalid', key: 'Д-6' },
      ],
    });
    made.push(run);
    const built = await buildReport(run.runDir);
    const lines: string[] = [];
    const rows = built.rows.map((r) => ({ rowNumber: r.rowNumber, key: r.key, status: r.status, reason: r.reason, planned: r.planned }) as BatchRow);
    printResult({ exitCode: 1, runDir: run.runDir, mode: 'dry-run', counts: built.counts, rows, reportHtml: built.html }, (l) => lines.push(l), DEFAULT_FLOW);
    const text = lines.join('\n');
    expect(text).toContain('Итог пробного прогона (ничего не записано): 6 строк — будет сделано: 2, уже сделано: 0, остановится: 4.');
    expect(text).not.toMatch(/строк 2/);
    const named = lines.filter((l) => l.startsWith('  • строка '));
    expect(named).toHaveLength(4);
    expect(named[0]).toBe(`  • строка ${rows[1]!.rowNumber}, ключ «Д-2»: ${FAILURE.reason}`);
    expect(named.map((l) => /ключ «([^»]+)»/.exec(l)![1])).toEqual(['Д-2', 'Д-3', 'Д-5', 'Д-6']);
  });

  it('tells rows found done and rows not reached apart, and lists at most ten stops', () => {
    const stop = (i: number): BatchRow => ({ rowNumber: 10 + i, key: `С-${i}`, status: 'failed', reason: `причина ${i}` });
    const rows: BatchRow[] = [
      { rowNumber: 2, key: 'Г-1', status: 'dry-run', planned: ['Выдача сертификата учета'] },
      { rowNumber: 3, key: 'Г-2', status: 'dry-run', planned: [] },
      { rowNumber: 4, key: 'Г-3', status: 'dry-run' },
      { rowNumber: 5, key: 'Г-4', status: 'pending', reason: 'Пробный прогон не дошёл до строки' },
      ...Array.from({ length: 12 }, (_, i) => stop(i + 1)),
    ];
    const lines = dryRunLines(rows);
    expect(lines[0]).toBe('Итог пробного прогона (ничего не записано): 16 строк — будет сделано: 1, уже сделано: 2, остановится: 12, не проверено: 1.');
    expect(lines.filter((l) => l.startsWith('  • '))).toHaveLength(10);
    expect(lines).toContain('  … и ещё 2 — см. отчёт.');
    expect(lines.at(-1)).toBe('Не проверено: 1 — пробный прогон остановился раньше (почему — выше и в отчёте).');
  });
});
