// A sample queue for the demo, generated (never committed as a binary): the template with a few
// valid rows of obviously fake children. Birth dates follow `today`, so the sample never ages out.
import type ExcelJS from 'exceljs';
import { buildTemplate, KEY, localYmd, QUEUE_SHEET, saveWorkbook, SEX_LABELS, type ColumnSet, type Sex, type TemplateOptions } from '../../src/intake/index.js';

export interface SampleRow {
  key: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  /** Empty → the default municipality (or the first of the list). */
  municipality?: string;
  email?: string;
  /** «ФИО (для себя)» */
  name?: string;
  /** «Примечание» */
  note?: string;
}

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Six valid rows «ДЕМО-001…006», ages spread inside the certificate range. */
export function sampleRows(options: TemplateOptions, count = 6): SampleRow[] {
  const t = localYmd(options.today ?? new Date());
  const span = Math.max(0, Math.min(options.maxAge, 17) - options.minAge);
  const fake = [
    ['Тестов Тест (вымышленный)', 'male'],
    ['Демова Дарья (вымышленная)', 'female'],
    ['Примеров Пётр (вымышленный)', 'male'],
    ['Образцова Ольга (вымышленная)', 'female'],
    ['Учебный Устин (вымышленный)', 'male'],
    ['Пробная Полина (вымышленная)', 'female'],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [name, sex] = fake[i % fake.length]!;
    // Exactly `age` whole years today: the last birthday was 20–300 days ago.
    const age = options.minAge + (span > 0 ? (i * 3 + 1) % (span + 1) : 0);
    const born = new Date(Date.UTC(t.y - age, t.m - 1, t.d) - (20 + ((i * 47) % 280)) * 86_400_000);
    return {
      key: `ДЕМО-${String(i + 1).padStart(3, '0')}`,
      birthDate: ymd(born.getUTCFullYear(), born.getUTCMonth() + 1, born.getUTCDate()),
      sex,
      municipality: options.municipalities[i % options.municipalities.length],
      name,
      note: 'демо: не настоящий ребёнок',
    };
  });
}

/** Fills the template's rows: the key and the set's columns (those a sample row has), then the staff's two. */
export function fillRows(ws: ExcelJS.Worksheet, rows: readonly SampleRow[], set: ColumnSet): void {
  const columns = [KEY, ...set.columns.map((c) => c.field)];
  rows.forEach((r, i) => {
    const [y, m, d] = r.birthDate.split('-').map(Number) as [number, number, number];
    const values: Record<string, unknown> = {
      key: r.key,
      birthDate: new Date(Date.UTC(y, m - 1, d)),
      sex: SEX_LABELS[r.sex],
      municipality: r.municipality ?? '',
      email: r.email ?? '',
    };
    const row = ws.getRow(i + 2);
    columns.forEach((field, j) => (row.getCell(j + 1).value = (values[field] as ExcelJS.CellValue) || null));
    row.getCell(columns.length + 1).value = r.name ?? null;
    row.getCell(columns.length + 2).value = r.note ?? null;
  });
}

/** Writes a sample queue (overwrites: it is the demo's own file, never the staff's). */
export async function writeSampleQueue(file: string, options: TemplateOptions, rows?: readonly SampleRow[]): Promise<void> {
  const wb = buildTemplate(options);
  const ws = wb.getWorksheet(QUEUE_SHEET)!;
  fillRows(ws, rows ?? sampleRows(options), options.columns);
  await saveWorkbook(wb, file, true);
}
