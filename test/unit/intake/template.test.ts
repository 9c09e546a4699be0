import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  IntakeFileError,
  INSTRUCTIONS_SHEET,
  LISTS_SHEET,
  QUEUE_SHEET,
  readQueue,
  writeTemplate,
} from '../../../src/intake/index.js';
import { sampleRows, writeSampleQueue } from '../../../flows/accounting/sample.js';
import { HEADERS, OPTIONS, tempDir } from './helpers.js';

const dir = tempDir();

async function load(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

type Validations = { model: Record<string, { type: string; formulae: unknown[] }> };

describe('writeTemplate', () => {
  it('writes the queue sheet, the instructions and the hidden lists', async () => {
    const file = path.join(dir, 'sub', 'очередь.xlsx');
    await writeTemplate(file, OPTIONS);
    const wb = await load(file);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      [QUEUE_SHEET, 'visible'],
      [INSTRUCTIONS_SHEET, 'visible'],
      [LISTS_SHEET, 'hidden'],
    ]);
    const ws = wb.getWorksheet(QUEUE_SHEET)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    for (let c = 1; c <= HEADERS.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(HEADERS[c - 1]!.length);
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(Math.max(...OPTIONS.municipalities.map((m) => m.length)));
    expect(ws.getColumn(2).numFmt).toBe('dd.mm.yyyy');
    expect(ws.getColumn(1).numFmt).toBe('@');

    const dv = (ws as unknown as { dataValidations: Validations }).dataValidations.model;
    expect(dv['C2']).toMatchObject({ type: 'list', formulae: ['"Мужской,Женский"'] });
    expect(dv['C5001']).toMatchObject({ type: 'list' });
    expect(dv['D2']).toMatchObject({ type: 'list', formulae: [`'${LISTS_SHEET}'!$A$1:$A$12`] });
    expect(dv['B2']).toMatchObject({ type: 'date', operator: 'between' });
    const lists = wb.getWorksheet(LISTS_SHEET)!;
    expect(OPTIONS.municipalities.map((_, i) => lists.getCell(i + 1, 1).value)).toEqual(OPTIONS.municipalities);

    const info = wb.getWorksheet(INSTRUCTIONS_SHEET)!;
    const texts: string[] = [];
    info.eachRow((r) => r.eachCell((c) => texts.push(String(c.value instanceof Date ? '' : c.value))));
    const all = texts.join('\n');
    expect(all).toContain('от 5 лет до 17 лет включительно');
    expect(all).toContain('robot+{key}@school.ru');
    expect(all).toContain('ПРИМЕР-1');
  });

  it('reads back as an empty, valid queue; the example cannot be run', async () => {
    const file = path.join(dir, 'empty.xlsx');
    await writeTemplate(file, OPTIONS);
    const r = await readQueue(file, OPTIONS);
    expect([r.sheet, r.headerRow, r.order, r.problems]).toEqual([QUEUE_SHEET, 1, [], []]);
    expect(r.staffHeaders).toEqual(['ФИО (для себя)', 'Примечание']);

    // Staff paste the example into the queue: refused.
    const wb = await load(file);
    wb.getWorksheet(QUEUE_SHEET)!.getRow(2).values = ['ПРИМЕР-1', new Date(Date.UTC(2016, 2, 5)), 'Мужской', 'г. Лесной'];
    await wb.xlsx.writeFile(file);
    const pasted = await readQueue(file, OPTIONS);
    expect(pasted.problems.map((p) => [p.rowNumber, p.column, p.problem])).toEqual([
      [2, 'A', 'строка «ПРИМЕР-1» — пример из листа «Как заполнять», а не ребёнок'],
    ]);
  });

  it('never overwrites an existing file unless forced', async () => {
    const file = path.join(dir, 'staff.xlsx');
    writeFileSync(file, 'staff data');
    const e = await writeTemplate(file, OPTIONS).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IntakeFileError);
    expect((e as IntakeFileError).code).toBe('exists');
    expect(readFileSync(file, 'utf8')).toBe('staff data');
    await writeTemplate(file, OPTIONS, { force: true });
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it('mentions the default municipality', async () => {
    const file = path.join(dir, 'default.xlsx');
    await writeTemplate(file, { ...OPTIONS, defaultMunicipality: 'г. Лесной' });
    const dv = ((await load(file)).getWorksheet(QUEUE_SHEET) as unknown as { dataValidations: { model: Record<string, { prompt?: string }> } })
      .dataValidations.model;
    expect(dv['D2']!.prompt).toContain('«г. Лесной»');
  });
});

describe('writeSampleQueue', () => {
  it('writes six valid demo rows with obviously fake staff columns', async () => {
    const file = path.join(dir, 'demo.xlsx');
    await writeSampleQueue(file, OPTIONS);
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.key)).toEqual(['ДЕМО-001', 'ДЕМО-002', 'ДЕМО-003', 'ДЕМО-004', 'ДЕМО-005', 'ДЕМО-006']);
    expect(r.rows.map((x) => x.sent.email)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `robot+demo-00${i}@school.ru`));
    expect(r.rows.map((x) => x.sent.sex)).toEqual(['male', 'female', 'male', 'female', 'male', 'female']);
    for (const row of r.rows) {
      expect(row.staff['ФИО (для себя)']).toMatch(/вымышлен/);
      expect(row.staff['Примечание']).toBe('демо: не настоящий ребёнок');
    }
    expect(JSON.stringify(r.rows.map((x) => x.sent))).not.toMatch(/вымышлен|демо:/);
  });

  it('stays valid whatever the date and range', async () => {
    for (const today of [new Date(2024, 1, 29), new Date(2031, 11, 31), new Date(2026, 0, 1)]) {
      for (const [minAge, maxAge] of [[5, 17], [0, 18], [6, 9]] as const) {
        const o = { ...OPTIONS, today, minAge, maxAge };
        const file = path.join(dir, `demo-${today.getTime()}-${minAge}-${maxAge}.xlsx`);
        await writeSampleQueue(file, o);
        const r = await readQueue(file, o);
        expect(r.problems).toEqual([]);
        expect(r.rows).toHaveLength(6);
      }
    }
    expect(sampleRows(OPTIONS, 2).map((x) => x.key)).toEqual(['ДЕМО-001', 'ДЕМО-002']);
  });

  it('takes rows of the caller', async () => {
    const file = path.join(dir, 'custom.xlsx');
    await writeSampleQueue(file, OPTIONS, [{ key: 'X-1', birthDate: '2015-01-02', sex: 'female', municipality: 'Горный район', email: 'x@y.ru', name: 'N', note: 'n' }]);
    const r = await readQueue(file, OPTIONS);
    expect(r.rows.map((x) => [x.sent, x.staff])).toEqual([
      [{ key: 'x-1', birthDate: '2015-01-02', sex: 'female', municipality: 'Горный район', email: 'x@y.ru' }, { 'ФИО (для себя)': 'N', Примечание: 'n' }],
    ]);
  });
});
