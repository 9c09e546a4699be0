// Bench: intake of a large queue (time and peak memory). `npm run bench` calls benchIntake();
// run alone: npx tsx test/bench/intake.ts [rows]
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MUNICIPALITIES } from '../../src/config/profile.js';
import { readQueue, type IntakeOptions } from '../../src/intake/index.js';
import { memoColumns } from '../../flows/accounting/columns.js';

export const BENCH_OPTIONS: IntakeOptions = {
  municipalities: DEFAULT_MUNICIPALITIES,
  emailTemplate: 'robot+{key}@school.ru',
  minAge: 5,
  maxAge: 17,
  today: new Date(2025, 8, 1),
  columns: memoColumns('accounting-certificate'),
};

/** Writes a queue of `rows` valid rows with the streaming writer (little memory of its own). */
export async function writeLargeQueue(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Очередь');
  ws.addRow(['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'E-mail', 'ФИО (для себя)', 'Примечание']).commit();
  for (let i = 1; i <= rows; i++) {
    const row = ws.addRow([
      `2025-${String(i).padStart(5, '0')}`,
      new Date(Date.UTC(2008 + (i % 12), i % 12, 1 + (i % 28))),
      i % 2 ? 'Мужской' : 'Женский',
      DEFAULT_MUNICIPALITIES[i % DEFAULT_MUNICIPALITIES.length]!,
      i % 10 === 0 ? `parent${i}@example.ru` : null,
      `Вымышленный Ребёнок ${i}`,
      i % 7 === 0 ? 'примечание для себя' : null,
    ]);
    row.getCell(2).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

export interface IntakeBench {
  rows: number;
  valid: number;
  ms: number;
  peakRssMb: number;
}

export async function benchIntake(rows = 10_000): Promise<IntakeBench> {
  const dir = mkdtempSync(path.join(tmpdir(), 'navbot-bench-intake-'));
  try {
    const file = path.join(dir, 'queue.xlsx');
    await writeLargeQueue(file, rows);
    (globalThis as { gc?: () => void }).gc?.();
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t0 = performance.now();
    const result = await readQueue(file, BENCH_OPTIONS);
    const ms = performance.now() - t0;
    clearInterval(timer);
    // maxRSS (KiB) covers the synchronous stretches the sampler cannot see.
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    if (result.rows.length !== rows) throw new Error(`bench: expected ${rows} valid rows, got ${result.rows.length}`);
    return { rows, valid: result.rows.length, ms: Math.round(ms), peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 10_000);
  const r = await benchIntake(rows);
  process.stdout.write(`intake: ${r.rows} строк за ${r.ms} мс, пиковая память ${r.peakRssMb} МБ\n`);
}
