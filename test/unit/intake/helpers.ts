// Workbooks and CSV files built inside the tests, in a fresh temp dir per test file.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { DEFAULT_MUNICIPALITIES } from '../../../src/config/profile.js';
import type { IntakeOptions } from '../../../src/intake/index.js';
import { memoColumns } from '../../../flows/accounting/columns.js';

/** 1 September 2025, local time: the tests' «today». */
export const TODAY = new Date(2025, 8, 1, 10, 30);

export const OPTIONS: IntakeOptions = {
  municipalities: DEFAULT_MUNICIPALITIES,
  emailTemplate: 'robot+{key}@school.ru',
  minAge: 5,
  maxAge: 17,
  today: TODAY,
  columns: memoColumns('accounting-certificate'),
};

export const HEADERS = ['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'E-mail', 'ФИО (для себя)', 'Примечание'];

export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'navbot-intake-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let n = 0;

/** Writes a one-sheet workbook; `edit` may style, merge, hide… before saving. */
export async function workbook(
  dir: string,
  rows: unknown[][],
  edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
  sheet = 'Лист1',
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  edit?.(ws, wb);
  const file = path.join(dir, `q${++n}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

export function csvFile(dir: string, content: Buffer | string, name = `q${++n}.csv`): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
