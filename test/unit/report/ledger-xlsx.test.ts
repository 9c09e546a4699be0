// `navbot ledger`'s workbook is drawn from each flow's own columns (its queue columns and the
// facts its report layout shows), not from one flow's hard-coded list.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/journal/journal.js';
import { readLedger, renderLedgerXlsx } from '../../../src/report/ledger-xlsx.js';
import { FLOWS } from '../../../flows/index.js';

const ACCOUNTING = { flow: 'accounting-certificate', unnamed: true } as const;
const APPLY = { flow: 'registry-apply', unnamed: false } as const;
const TARGET = { label: 'Стенд', publicUrl: 'http://site', adminUrl: 'http://admin' };
const row = (ws: ExcelJS.Worksheet, n: number) => Array.from((ws.getRow(n).values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : String(v)));

describe('the ledger workbook', () => {
  let dir: string;
  const file = () => path.join(dir, 'target-1.jsonl');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-ledgerxlsx-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should show each flow’s queue columns and facts, in its own words', async () => {
    const a = Journal.open(dir, 'target-1', { runId: 'r1', scope: ACCOUNTING });
    const content = { key: 'к-1', birthDate: '2016-03-05', sex: 'female', municipality: 'г. Лесной', email: 'robot+k-1@school.ru' };
    a.recordBinding('к-1', { content, queue: 'q1', file: 'очередь.xlsx', row: 2, shownKey: 'К-1' });
    a.recordIssued('к-1', { certificateNumber: '55-1', userId: '7', childId: '70' });
    a.close();
    const b = Journal.open(dir, 'target-1', { runId: 'r2', scope: APPLY });
    b.recordBinding('р-1', { content: { key: 'р-1', lastName: 'Иванова' }, queue: 'q2', file: 'реестр.xlsx', row: 3 });
    b.recordIssued('р-1', { applicationNumber: 'З-9' });
    b.close();

    const { lines } = readLedger(file(), 'accounting-certificate', FLOWS);
    expect(lines.map((l) => [l.flow, l.state])).toEqual([
      ['accounting-certificate', 'Выдан'],
      ['registry-apply', 'Заявка создана'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderLedgerXlsx(TARGET, lines, FLOWS)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Учёт')!;
    const headers = row(ws, 1);
    // The key, the memo's columns, the registry's, then the facts of both layouts, then the ledger's own.
    expect(headers.slice(0, 5)).toEqual(['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'E-mail']);
    expect(headers).toContain('Фамилия');
    expect(headers).toContain('Номер заявки');
    expect(headers.filter((h) => h === 'Номер сертификата')).toHaveLength(1);
    expect(headers).not.toContain('key');
    expect(headers.slice(-7)).toEqual(['Состояние', 'Очередь', 'Строка', 'Впервые', 'Последнее изменение', 'Последняя ошибка', 'Процедура']);
    const cell = (n: number, h: string) => row(ws, n)[headers.indexOf(h)];
    // The memo's values read as staff wrote them.
    expect([cell(2, 'Ключ'), cell(2, 'Дата рождения'), cell(2, 'Пол'), cell(2, 'Номер сертификата'), cell(2, 'ID ребенка')]).toEqual(['К-1', '05.03.2016', 'Женский', '55-1', '70']);
    expect([cell(3, 'Ключ'), cell(3, 'Фамилия'), cell(3, 'Номер заявки'), cell(3, 'Дата рождения'), cell(3, 'Состояние')]).toEqual(['р-1', 'Иванова', 'З-9', '', 'Заявка создана']);
  });

  it('should show a field no flow declares under its own name', async () => {
    const a = Journal.open(dir, 'target-1', { runId: 'r1', scope: { flow: 'gone', unnamed: false } });
    a.recordBinding('к-1', { content: { key: 'к-1', colour: 'синий' }, queue: 'q1', file: 'x.xlsx', row: 2 });
    a.close();
    const { lines } = readLedger(file(), undefined, FLOWS);
    expect(lines[0]!.state).toBe('Не завершён');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderLedgerXlsx(TARGET, lines, FLOWS)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Учёт')!;
    expect(row(ws, 1).slice(0, 3)).toEqual(['Ключ', 'colour', 'Состояние']);
  });
});
