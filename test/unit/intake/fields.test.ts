// A flow's queue columns: intake reads as sent only the fields the flow declares; every other
// column, also one named as a known field, is the staff's own and never reaches the flow.
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUEUE_SHEET, readQueue, sentOnly, writeTemplate } from '../../../src/intake/index.js';
import { writeSampleQueue } from '../../../flows/accounting/sample.js';
import { memoColumns } from '../../../flows/accounting/columns.js';
import { HEADERS, OPTIONS, tempDir, utc, workbook } from './helpers.js';

const dir = tempDir();
const NO_MUNICIPALITY = memoColumns('audit', ['birthDate', 'sex', 'email']);

describe('a flow’s declared queue columns', () => {
  it('should leave an undeclared column unchecked, unsent and among the staff’s own', async () => {
    const file = await workbook(dir, [HEADERS, ['К-1', utc(2015, 3, 10), 'Ж', 'Нет такого района', '', 'Иванова', '']]);
    // The flow that sends the municipality refuses the row…
    const all = await readQueue(file, OPTIONS);
    expect(all.invalid.map((r) => r.problems.map((p) => p.header))).toEqual([['Муниципалитет']]);
    // …the flow that does not send it takes the row and never sees the municipality.
    const some = await readQueue(file, { ...OPTIONS, columns: NO_MUNICIPALITY });
    expect(some.problems).toEqual([]);
    expect(some.rows[0]!.sent).toEqual({ key: 'k-1', birthDate: '2015-03-10', sex: 'female', email: 'robot+k-1@school.ru' });
    expect(some.staffHeaders).toEqual(['Муниципалитет', 'ФИО (для себя)', 'Примечание']);
    expect(some.rows[0]!.staff).toMatchObject({ Муниципалитет: 'Нет такого района', 'ФИО (для себя)': 'Иванова' });
  });

  it('should not require an undeclared column, nor make an e-mail for a flow that sends none', async () => {
    const file = await workbook(dir, [
      ['Ключ', 'Дата рождения', 'Пол', 'E-mail'],
      ['К-1', utc(2015, 3, 10), 'М', 'same@school.ru'],
      ['К-2', utc(2016, 4, 11), 'Ж', 'same@school.ru'],
    ]);
    await expect(readQueue(file, OPTIONS)).rejects.toThrow(/Муниципалитет/);
    const r = await readQueue(file, { ...OPTIONS, columns: memoColumns('look', ['birthDate', 'sex']) });
    // The shared address is the staff's business here: the flow sends no e-mail at all.
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.sent)).toEqual([
      { key: 'k-1', birthDate: '2015-03-10', sex: 'male' },
      { key: 'k-2', birthDate: '2016-04-11', sex: 'female' },
    ]);
    expect(r.rows.every((x) => !x.marks.emailFromTemplate)).toBe(true);
    expect(r.staffHeaders).toEqual(['E-mail']);
  });

  it('should offer only the flow’s columns in its template and sample, and read them back', async () => {
    const file = path.join(dir, 'audit.xlsx');
    await writeTemplate(file, { ...OPTIONS, columns: NO_MUNICIPALITY });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(QUEUE_SHEET)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Ключ', 'Дата рождения', 'Пол', 'E-mail', 'ФИО (для себя)', 'Примечание']);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
    expect(dv['C2']).toMatchObject({ type: 'list' });
    expect(dv['D2']).toMatchObject({ type: 'custom' });
    const info: string[] = [];
    wb.getWorksheet('Как заполнять')!.eachRow((row) => row.eachCell((c) => info.push(String(c.value))));
    expect(info.join('\n')).not.toContain('Муниципалитет');

    const sample = path.join(dir, 'audit-sample.xlsx');
    await writeSampleQueue(sample, { ...OPTIONS, columns: NO_MUNICIPALITY });
    const back = await readQueue(sample, { ...OPTIONS, columns: NO_MUNICIPALITY });
    expect(back.problems).toEqual([]);
    expect(back.rows).toHaveLength(6);
    expect(back.rows.every((x) => x.sent.municipality === undefined)).toBe(true);
  });

  it('should hand a flow exactly its declared fields', () => {
    const sent = { key: 'к-1', birthDate: '2015-03-10', sex: 'male' as const, municipality: 'г. Блестящий', email: 'a@b.ru' };
    expect(sentOnly(sent, ['birthDate', 'sex'])).toEqual({ key: 'к-1', birthDate: '2015-03-10', sex: 'male' });
    expect(() => sentOnly({ key: 'к-1' }, ['email'])).toThrow(/lacks the sent field email/);
  });
});
