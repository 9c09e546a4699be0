// The summary e-mail's builder: what a manager reads in the morning, and what must never leave
// the computer (staff-only columns, secrets).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/report/build.js';
import { buildSummaryMail, MAX_LISTED_ROWS, rowsWord } from '../../../src/report/summary-mail.js';
import { createRedactor } from '../../../src/core/redact.js';
import { reportColumns, staffColumnNames } from '../../../src/report/xlsx.js';
import { ACCOUNTING_LAYOUT } from '../../../flows/accounting/plugin.js';
import { LEAKED_SECRET, makeFakeRun, STAFF_HEADERS } from './fake-run.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const fakeRun = (o: Parameters<typeof makeFakeRun>[0] = {}) => {
  const run = makeFakeRun(o);
  dirs.push(run.root);
  return run;
};

async function workbookText(buf: Buffer): Promise<{ headers: string[]; text: string; keys: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const keys: string[] = [];
  ws.eachRow((row, n) => n > 1 && keys.push(String(row.getCell(1).value)));
  const cells: string[] = [];
  for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? c.value))));
  return { headers, text: cells.join('\n'), keys };
}

const STAFF_VALUES = ['Иванов Иван', 'Петрова Мария', 'Сидоров Олег', 'Кузнецова Ольга', 'Смирнов', '2А', '11В', 'срочно', 'готово?'];

describe('summary e-mail', () => {
  it('gives totals by status, the rows that need a person with reason and action, the run folder, report.xlsx attached', async () => {
    const run = fakeRun();
    const mail = await buildSummaryMail({ model: loadModel(run.runDir), exitCode: 1, queueFile: run.meta.queueFile, runDir: run.runDir, redact: createRedactor([]) });

    expect(mail.subject).toBe('navbot, очередь Очередь май.xlsx: часть строк не выполнена — выдано 1, ошибок 1, нужен человек');
    expect(mail.text).toContain('Прогон navbot по очереди «Очередь май.xlsx»: часть строк не выполнена (код завершения 1).');
    expect(mail.text).toContain('Итог по строкам (всего 6):\n  Выдан — 1\n  Уже был выдан — 1\n  Ошибка — 1\n  Пропущен — 1\n  Не обработан — 2\n');
    expect(mail.text).not.toContain('Пробный прогон —');
    expect(mail.text).toContain('Нужен человек — 4 строки:');
    expect(mail.text).toContain(
      '1. Ключ А-003 (строка 4) — Ошибка\n   Причина: Ребенку больше 18 лет: сертификат не выдается\n   Что делать: Проверьте дату рождения в очереди',
    );
    expect(mail.text).toContain('2. Ключ А-004 (строка 5) — Пропущен\n   Причина: Дата рождения «31.02.2015»: такой даты нет');
    expect(mail.text).toMatch(/3\. Ключ А-005 \(строка 6\) — Не обработан\n {3}Причина: Прогон прервался на шаге «Добавление ребенка»\n {3}Что делать: Запустите navbot снова/);
    expect(mail.text).toContain('4. Ключ А-006 (строка 7) — Не обработан');
    expect(mail.text).not.toMatch(/Ключ А-00[12]/);
    expect(mail.text).toContain(`Папка прогона: ${run.runDir}`);

    expect(mail.attachments.map((a) => a.filename)).toEqual(['report.xlsx']);
    const book = await workbookText(mail.attachments[0]!.content);
    expect(book.keys).toEqual(['А-001', 'А-002', 'А-003', 'А-004', 'А-005', 'А-006']);
    expect(book.headers[0]).toBe('Ключ');
    expect(book.headers).toContain('Причина');
    expect(book.text).toContain('50-100000');
  });

  it('carries no staff-only column, in the body or in the attachment; the report in the run folder keeps them', async () => {
    const run = fakeRun();
    const model = loadModel(run.runDir);
    expect(model.rows[0]!.staff['ФИО ребенка']).toBe('Иванов Иван');
    const mail = await buildSummaryMail({ model, exitCode: 1, queueFile: run.meta.queueFile, runDir: run.runDir, redact: createRedactor([]) });
    const book = await workbookText(mail.attachments[0]!.content);
    // Exactly navbot's own columns: «ФИО ребенка», «Класс» and the staff's «Статус (очередь)» are gone.
    expect(book.headers).toEqual(['Ключ', ...reportColumns(ACCOUNTING_LAYOUT)]);
    for (const h of staffColumnNames(STAFF_HEADERS, ACCOUNTING_LAYOUT)) expect(book.headers).not.toContain(h);
    for (const v of STAFF_VALUES) {
      expect(mail.text, v).not.toContain(v);
      expect(book.text, v).not.toContain(v);
    }
    // The model handed in is not changed: the full report is still built from it.
    expect(model.rows[0]!.staff['ФИО ребенка']).toBe('Иванов Иван');
  });

  it('masks the run’s secrets in the subject, the body and the attachment', async () => {
    const run = fakeRun();
    const model = loadModel(run.runDir);
    model.rows[2]!.reason = `Сайт ответил: пароль ${LEAKED_SECRET} неверен`;
    const mail = await buildSummaryMail({
      model,
      exitCode: 1,
      queueFile: run.meta.queueFile,
      runDir: run.runDir,
      failure: `вход ${LEAKED_SECRET}`,
      redact: createRedactor([LEAKED_SECRET]),
    });
    expect(mail.text).toContain('Причина: Сайт ответил: пароль *** неверен');
    expect(mail.text).toContain('navbot сообщил: вход ***');
    expect(mail.text).not.toContain(LEAKED_SECRET);
    expect(mail.subject).not.toContain(LEAKED_SECRET);
    const book = await workbookText(mail.attachments[0]!.content);
    expect(book.text).toContain('пароль *** неверен');
    expect(book.text).not.toContain(LEAKED_SECRET);
  });

  it('says an interrupted run (130) goes on from where it stopped', async () => {
    const run = fakeRun({ crashed: true });
    const mail = await buildSummaryMail({ model: loadModel(run.runDir), exitCode: 130, queueFile: run.meta.queueFile, runDir: run.runDir, redact: createRedactor([]) });
    expect(mail.subject).toMatch(/прогон прерван/);
    expect(mail.text).toContain('Прогон не завершился (прерван или сбой).');
    expect(mail.text).toContain('следующий запуск той же очереди продолжит с места остановки');
    expect(mail.attachments).toHaveLength(1);
  });

  it('says a run stopped by the breaker (3) why it stopped, lists the rows left and attaches the report', async () => {
    const run = fakeRun({ rows: [{ kind: 'issued', key: 'Б-1' }, { kind: 'untouched', key: 'Б-2' }, { kind: 'untouched', key: 'Б-3' }] });
    const reason = 'Навигатор не отвечает: 5 сбоев подряд (последний: HTTP 502)';
    fs.appendFileSync(path.join(run.runDir, 'events.jsonl'), `${JSON.stringify({ type: 'stop', reason, at: new Date().toISOString() })}\n`);
    const mail = await buildSummaryMail({ model: loadModel(run.runDir), exitCode: 3, queueFile: run.meta.queueFile, runDir: run.runDir, redact: createRedactor([]) });
    expect(mail.subject).toBe('navbot, очередь Очередь май.xlsx: прогон остановлен: Навигатор недоступен или сбои подряд — выдано 1, ошибок 0, нужен человек');
    expect(mail.text).toContain(`Причина остановки: ${reason}`);
    expect(mail.text).toContain('Нужен человек — 2 строки:');
    expect(mail.text).toMatch(/Ключ Б-2 \(строка \d+\) — Не обработан/);
    expect(mail.text).toContain('следующий запуск той же очереди продолжит с места остановки');
    expect(mail.text).toContain(`Папка прогона: ${run.runDir}`);
    expect(mail.attachments.map((a) => a.filename)).toEqual(['report.xlsx']);
  });

  it('reports a run that never started (unreachable Navigator) without an attachment', async () => {
    const mail = await buildSummaryMail({
      exitCode: 3,
      queueFile: path.join(os.tmpdir(), 'ночь.xlsx'),
      failure: 'Недоступен публичный сайт https://navigator.example.ru/: fetch failed.',
      redact: createRedactor([]),
    });
    expect(mail.subject).toBe('navbot, очередь ночь.xlsx: прогон не состоялся — Навигатор недоступен или занят другим запуском, прогон не начался');
    expect(mail.text).toContain('Причина: Недоступен публичный сайт https://navigator.example.ru/: fetch failed.');
    expect(mail.text).toContain('В Навигатор ничего не отправлялось.');
    expect(mail.attachments).toEqual([]);
  });

  it('lists at most the first rows needing a person and counts the rest; an all-good run needs no one', async () => {
    const many = fakeRun({ rows: Array.from({ length: MAX_LISTED_ROWS + 5 }, (_, i) => ({ kind: 'untouched' as const, key: `М-${i + 1}` })) });
    const long = await buildSummaryMail({ model: loadModel(many.runDir), exitCode: 130, queueFile: many.meta.queueFile, redact: createRedactor([]) });
    expect(long.text).toContain(`Нужен человек — ${MAX_LISTED_ROWS + 5} строк:`);
    expect(long.text).toContain(`${MAX_LISTED_ROWS}. Ключ М-${MAX_LISTED_ROWS} `);
    expect(long.text).not.toContain(`Ключ М-${MAX_LISTED_ROWS + 1} `);
    expect(long.text).toContain('…и ещё 5 строк — в приложенном report.xlsx');

    const good = fakeRun({ rows: [{ kind: 'issued', key: 'Х-1' }] });
    const fine = await buildSummaryMail({ model: loadModel(good.runDir), exitCode: 0, queueFile: good.meta.queueFile, redact: createRedactor([]) });
    expect(fine.subject).toBe('navbot, очередь Очередь май.xlsx: все строки выполнены — выдано 1, ошибок 0');
    expect(fine.text).toContain('Нужен человек: нет, все строки в порядке.');
  });

  it('marks a rehearsal on the stand in the subject', async () => {
    const run = fakeRun({ mode: 'rehearsal', rows: [{ kind: 'issued', key: 'Х-1' }] });
    const mail = await buildSummaryMail({ model: loadModel(run.runDir), exitCode: 0, queueFile: run.meta.queueFile, redact: createRedactor([]) });
    expect(mail.subject.startsWith('[УЧЕБНЫЙ СТЕНД — сертификаты не настоящие] navbot')).toBe(true);
  });

  it('agrees «строка» with the number', () => {
    expect([1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111].map(rowsWord)).toEqual([
      '1 строка',
      '2 строки',
      '4 строки',
      '5 строк',
      '11 строк',
      '12 строк',
      '21 строка',
      '22 строки',
      '25 строк',
      '101 строка',
      '111 строк',
    ]);
  });
});
