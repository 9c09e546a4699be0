// The workbook staff fill for a flow with its own columns (flow-columns.ts): sheet «Очередь» with
// the key, the flow's columns and the staff's two, drop-down lists from a hidden sheet «Списки»,
// date and text formats; sheet «Как заполнять» with each column's rule and an example that
// cannot be run.
import ExcelJS from 'exceljs';
import { columnLetter } from './cells.js';
import { COLUMNS } from './columns.js';
import { localYmd } from './date.js';
import type { ColumnSet, TemplateEnv } from './flow-columns.js';
import { MAX_KEY_LENGTH } from './key.js';
import { QUEUE_SHEET } from './read-xlsx.js';
import type { IntakeOptions } from './types.js';

export const FLOW_INSTRUCTIONS_SHEET = 'Как заполнять';
export const FLOW_LISTS_SHEET = 'Списки';
const STAFF = [
  { header: 'ФИО (для себя)', width: 30 },
  { header: 'Примечание', width: 30 },
];
const ROWS = 5000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const STAFF_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const DATE_FORMAT = 'dd.mm.yyyy';
const KEY_COLUMN = COLUMNS.find((c) => c.field === 'key')!;

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
/** Excel caps a validation's prompt at 255 characters. */
const cap = (s: string, n = 250) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function buildColumnSetTemplate(options: Pick<IntakeOptions, 'municipalities' | 'defaultMunicipality' | 'minAge' | 'maxAge' | 'today'>, set: ColumnSet): ExcelJS.Workbook {
  const env: TemplateEnv = {
    municipalities: options.municipalities,
    ...(options.defaultMunicipality ? { defaultMunicipality: options.defaultMunicipality } : {}),
    minAge: options.minAge,
    maxAge: options.maxAge,
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = 'navbot';
  wb.created = options.today ?? new Date();
  const today = localYmd(options.today ?? new Date());
  const ws = wb.addWorksheet(QUEUE_SHEET, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
  const info = wb.addWorksheet(FLOW_INSTRUCTIONS_SHEET);
  const lists = wb.addWorksheet(FLOW_LISTS_SHEET, { state: 'hidden' });

  const keyRule = `Обязательно. Ваш номер по журналу, например «2025-017», до ${MAX_KEY_LENGTH} символов. У каждой строки свой. По нему робот узнаёт строку при повторном запуске — не меняйте ключ после запуска.`;
  const sent = [
    { field: 'key', header: KEY_COLUMN.header, width: KEY_COLUMN.width, format: 'text' as const, rule: keyRule, list: undefined, prompt: 'Ваш номер по журналу, например 2025-017. У каждой строки свой, не меняйте его потом.' },
    ...set.columns.map((c) => ({
      field: c.field,
      header: c.header,
      width: c.width,
      format: c.format,
      rule: typeof c.rule === 'function' ? c.rule(env) : c.rule,
      list: c.list?.(env),
      prompt: c.prompt,
    })),
  ];
  const columns = [...sent.map((c) => ({ header: c.header, width: c.width, sent: true })), ...STAFF.map((c) => ({ ...c, sent: false }))];
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.height = 45;
  head.eachCell((cell, col) => {
    cell.font = { bold: true };
    cell.fill = columns[col - 1]!.sent ? HEADER_FILL : STAFF_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  ws.autoFilter = { from: 'A1', to: { row: 1, column: columns.length } };

  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const last = ROWS + 1;
  const stop = { showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' } as const;
  let listColumn = 0;
  sent.forEach((c, i) => {
    const L = columnLetter(i + 1);
    const range = `${L}2:${L}${last}`;
    const title = cap(c.header, 30);
    if (c.format === 'text') ws.getColumn(i + 1).numFmt = '@';
    if (c.field === 'key') {
      validations.add(range, {
        type: 'textLength',
        operator: 'between',
        formulae: [1, MAX_KEY_LENGTH],
        allowBlank: true,
        ...stop,
        promptTitle: title,
        prompt: cap(c.prompt ?? ''),
        errorTitle: title,
        error: `Ключ — от 1 до ${MAX_KEY_LENGTH} символов.`,
      });
      return;
    }
    if (c.list && c.list.length > 0) {
      listColumn++;
      c.list.forEach((v, j) => (lists.getCell(j + 1, listColumn).value = v));
      const LL = columnLetter(listColumn);
      validations.add(range, {
        type: 'list',
        formulae: [`'${FLOW_LISTS_SHEET}'!$${LL}$1:$${LL}$${c.list.length}`],
        allowBlank: true,
        ...stop,
        promptTitle: title,
        prompt: cap(c.prompt ?? 'Выберите из списка.'),
        errorTitle: title,
        error: 'Выберите значение из списка.',
      });
      return;
    }
    if (c.format === 'date') {
      ws.getColumn(i + 1).numFmt = DATE_FORMAT;
      ws.getColumn(i + 1).alignment = { horizontal: 'center' };
      validations.add(range, {
        type: 'date',
        operator: 'between',
        formulae: [utc(1900, 1, 1), utc(today.y, today.m, today.d)],
        allowBlank: true,
        ...stop,
        promptTitle: title,
        prompt: cap(c.prompt ?? 'ДД.ММ.ГГГГ, например 05.03.2016.'),
        errorTitle: title,
        error: 'Нужна дата ДД.ММ.ГГГГ, не в будущем.',
      });
      return;
    }
    if (c.prompt) {
      // Only a hint: any text is let in, intake checks it.
      validations.add(range, { type: 'textLength', operator: 'lessThanOrEqual', formulae: [1000], allowBlank: true, showInputMessage: true, showErrorMessage: false, promptTitle: title, prompt: cap(c.prompt) });
    }
  });

  // «Как заполнять»: a column's rule and how the examples fill it, one line a column.
  const examples = set.examples ?? [];
  info.getColumn(1).width = 26;
  info.getColumn(2).width = 80;
  examples.forEach((_, i) => (info.getColumn(3 + i).width = 24));
  const span = 2 + examples.length;
  const line = (text: string, bold = false) => {
    const r = info.addRow([text]);
    info.mergeCells(r.number, 1, r.number, span);
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (text.length > 120) r.height = 15 * Math.ceil(text.length / 120);
    if (bold) r.font = { bold: true };
    return r;
  };
  const add = (cells: string[], bold = false) => {
    const r = info.addRow(cells);
    cells.forEach((_, i) => (r.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' }));
    const lines = Math.max(Math.ceil((cells[0] ?? '').length / 24), Math.ceil((cells[1] ?? '').length / 75), 1);
    if (lines > 1) r.height = 15 * lines;
    if (bold) r.font = { bold: true };
    return r;
  };
  line('Как заполнять лист «Очередь»').font = { bold: true, size: 14 };
  line(`Одна строка — ${set.row}. Заполняйте лист «Очередь»: этот лист робот не читает.`);
  line(
    `Перед запуском проверьте файл командой npm run navbot -- validate <файл> --flow ${set.flow}: робот покажет каждую ошибку — строку, столбец и как исправить. Пока в строке есть ошибки, по ней ничего не отправляется.`,
  );
  if (examples.length > 0) line('Примеры справа — на этом листе и поэтому не выполняются; строки с ключом «ПРИМЕР…» робот не примет и на листе «Очередь».');
  line('');
  const table = add(['Столбец', 'Правило', ...examples.map((_, i) => `Пример ${i + 1}`)], true);
  table.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN;
  });
  for (const c of sent) {
    const r = add([c.header, c.rule, ...examples.map((e) => e[c.field] ?? '')]);
    for (let i = 0; i < examples.length; i++) r.getCell(3 + i).font = { italic: true, color: { argb: 'FF808080' } };
  }
  add(['Другие столбцы', `Ваши: ${STAFF.map((s) => `«${s.header}»`).join(', ')} и любые, что добавите. Робот их никуда не отправляет — только показывает в отчёте рядом со строкой.`]);
  if (set.columns.some((c) => c.field === 'municipality')) add(['Муниципалитеты', options.municipalities.join('; ')]);
  line('');
  for (const n of set.notes ?? []) line(n);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}
