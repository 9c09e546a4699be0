import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary, readQueue } from '../../../src/intake/index.js';
import { HEADERS, OPTIONS, tempDir } from './helpers.js';

const dir = tempDir();
const N = 10_000;

describe('readQueue: thousands of rows', () => {
  it(`reads ${N} rows in a few seconds and finds the few bad ones`, async () => {
    const file = path.join(dir, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    const ws = wb.addWorksheet('Очередь');
    ws.addRow(HEADERS).commit();
    for (let i = 1; i <= N; i++) {
      const key = i === N ? '2025-00001' : `2025-${String(i).padStart(5, '0')}`; // the last row repeats the first key
      const row = ws.addRow([
        key,
        new Date(Date.UTC(2008 + (i % 12), i % 12, 1 + (i % 28))),
        i === 5000 ? 'Мж' : i % 2 ? 'Мужской' : 'Женский',
        OPTIONS.municipalities[i % OPTIONS.municipalities.length]!,
        null,
        `Вымышленный Ребёнок ${i}`,
      ]);
      row.getCell(2).numFmt = 'dd.mm.yyyy';
      row.commit();
    }
    ws.commit();
    await wb.commit();

    const t0 = performance.now();
    const r = await readQueue(file, OPTIONS);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(8000);
    expect(formatSummary(r)).toBe(`Проверено строк: ${N}, готовы: ${N - 3}, с ошибками: 3`);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.value])).toEqual([
      [2, 'A', '2025-00001'],
      [5001, 'C', 'Мж'],
      [N + 1, 'A', '2025-00001'],
    ]);
    expect(r.order).toHaveLength(N);
    expect(r.rows[0]!.rowNumber).toBe(3);
    expect(r.rows.at(-1)!.sent).toEqual({
      key: '2025-09999',
      birthDate: '2011-04-04',
      sex: 'male',
      municipality: OPTIONS.municipalities[9999 % 12],
      email: 'robot+2025-09999@school.ru',
    });
    expect(JSON.stringify(r.rows.map((x) => x.sent))).not.toContain('Вымышленный');
  });
});
