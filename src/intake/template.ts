// The workbook staff fill, drawn from the flow's columns (a ColumnSet, flow-columns.ts): sheet
// «Очередь» with the key, the flow's columns and the staff's two (styled frozen header, drop-down
// lists from a hidden sheet «Списки», date and text formats), sheet «Как заполнять» with each
// column's rule and an example that cannot be run (the set may write its own).
import ExcelJS from 'exceljs';
import { columnLetter } from './cells.js';
import { KEY, KEY_COLUMN } from './columns.js';
import { localYmd } from './date.js';
import type { ColumnSet, TemplateEnv } from './flow-columns.js';
import { MAX_KEY_LENGTH } from './key.js';
import { QUEUE_SHEET } from './read-xlsx.js';
import { DATE_FORMAT, HEADER_FILL, THIN, writeGenericInstructions, type SentColumn } from './template-sheet.js';
import type { IntakeOptions } from './types.js';
import { saveWorkbook } from './workbook-file.js';

export type TemplateOptions = Pick<IntakeOptions, 'municipalities' | 'defaultMunicipality' | 'emailTemplate' | 'minAge' | 'maxAge' | 'today' | 'columns'>;

export const INSTRUCTIONS_SHEET = 'Как заполнять';
export const LISTS_SHEET = 'Списки';
/** The staff's own columns the template offers (never sent). */
export const STAFF_COLUMNS = [{ header: 'ФИО (для себя)' }, { header: 'Примечание' }] as const;
/** Rows prepared with formats and validations. */
export const TEMPLATE_ROWS = 5000;

const STAFF_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
/** Excel caps a validation's prompt at 255 characters. */
const cap = (s: string, n = 250) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const KEY_RULE = `Обязательно. Ваш номер по журналу, например «2025-017», до ${MAX_KEY_LENGTH} символов. У каждой строки свой. По нему робот узнаёт строку при повторном запуске — не меняйте ключ после запуска.`;
const KEY_PROMPT = 'Ваш номер по журналу, например 2025-017. У каждой строки свой, не меняйте его потом.';

export function templateEnv(options: TemplateOptions): TemplateEnv {
  return {
    municipalities: options.municipalities,
    ...(options.defaultMunicipality ? { defaultMunicipality: options.defaultMunicipality } : {}),
    minAge: options.minAge,
    maxAge: options.maxAge,
    emailTemplate: options.emailTemplate,
    today: localYmd(options.today ?? new Date()),
  };
}

/** The key, then the set's columns, as the template draws them. */
function sentColumns(set: ColumnSet, env: TemplateEnv): SentColumn[] {
  const key: SentColumn = { field: KEY, header: KEY_COLUMN.header, width: KEY_COLUMN.width, format: 'text', rule: KEY_RULE, prompt: KEY_PROMPT };
  return [
    key,
    ...set.columns.map((c) => ({
      field: c.field,
      header: c.header,
      width: typeof c.width === 'function' ? c.width(env) : c.width,
      ...(c.format ? { format: c.format } : {}),
      rule: typeof c.rule === 'function' ? c.rule(env) : c.rule,
      ...(c.list ? { list: c.list(env) } : {}),
      ...(c.prompt ? { prompt: c.prompt } : {}),
      ...(c.validation ? { validation: c.validation } : {}),
    })),
  ];
}

/** Builds the template in memory (writeTemplate and a flow's sample queue both start here). */
export function buildTemplate(options: TemplateOptions): ExcelJS.Workbook {
  const set = options.columns;
  const env = templateEnv(options);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'navbot';
  wb.created = options.today ?? new Date();
  const ws = wb.addWorksheet(QUEUE_SHEET, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
  const info = wb.addWorksheet(INSTRUCTIONS_SHEET);
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const sent = sentColumns(set, env);
  queueHeader(ws, set, sent);
  queueValidations(ws, lists, set, sent, env);
  if (set.sheet?.instructions) set.sheet.instructions(info, env);
  else writeGenericInstructions(info, set, sent, env, STAFF_COLUMNS.map((s) => s.header));
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

function queueHeader(ws: ExcelJS.Worksheet, set: ColumnSet, sent: readonly SentColumn[]): void {
  const staffWidth = set.sheet?.staffWidth ?? 30;
  const columns = [...sent.map((c) => ({ header: c.header, width: c.width, sent: true })), ...STAFF_COLUMNS.map((c) => ({ header: c.header, width: staffWidth, sent: false }))];
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.height = set.sheet?.headerHeight ?? 45;
  head.eachCell((cell, col) => {
    cell.font = { bold: true };
    cell.fill = columns[col - 1]!.sent ? HEADER_FILL : STAFF_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  ws.autoFilter = { from: 'A1', to: { row: 1, column: columns.length } };
  sent.forEach((c, i) => {
    if (c.format === 'text') ws.getColumn(i + 1).numFmt = '@'; // «017» stays «017»
    if (c.format === 'date' && !c.list) {
      ws.getColumn(i + 1).numFmt = DATE_FORMAT;
      ws.getColumn(i + 1).alignment = { horizontal: 'center' };
    }
  });
}

function queueValidations(ws: ExcelJS.Worksheet, lists: ExcelJS.Worksheet, set: ColumnSet, sent: readonly SentColumn[], env: TemplateEnv): void {
  // exceljs has `dataValidations` on worksheets but its typings omit it.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const last = TEMPLATE_ROWS + 1;
  const stop = { showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' } as const;
  let listColumn = 0;
  const own = set.sheet?.lists?.(env);
  own?.forEach((list, i) => list.forEach((v, j) => (lists.getCell(j + 1, i + 1).value = v)));
  sent.forEach((c, i) => {
    const L = columnLetter(i + 1);
    const range = `${L}2:${L}${last}`;
    const title = cap(c.header, 30);
    let listRef: string | undefined;
    if (!own && c.list && c.list.length > 0) {
      listColumn++;
      c.list.forEach((v, j) => (lists.getCell(j + 1, listColumn).value = v));
      const LL = columnLetter(listColumn);
      listRef = `'${LISTS_SHEET}'!$${LL}$1:$${LL}$${c.list.length}`;
    }
    if (c.validation) return validations.add(range, c.validation(env, L, listRef));
    if (c.field === KEY) {
      const error = `Ключ — от 1 до ${MAX_KEY_LENGTH} символов.`;
      return validations.add(range, { type: 'textLength', operator: 'between', formulae: [1, MAX_KEY_LENGTH], allowBlank: true, ...stop, promptTitle: title, prompt: cap(c.prompt ?? ''), errorTitle: title, error });
    }
    if (listRef) {
      const prompt = cap(c.prompt ?? 'Выберите из списка.');
      return validations.add(range, { type: 'list', formulae: [listRef], allowBlank: true, ...stop, promptTitle: title, prompt, errorTitle: title, error: 'Выберите значение из списка.' });
    }
    if (c.format === 'date') {
      const prompt = cap(c.prompt ?? 'ДД.ММ.ГГГГ, например 05.03.2016.');
      const formulae = [utc(1900, 1, 1), utc(env.today.y, env.today.m, env.today.d)];
      return validations.add(range, { type: 'date', operator: 'between', formulae, allowBlank: true, ...stop, promptTitle: title, prompt, errorTitle: title, error: 'Нужна дата ДД.ММ.ГГГГ, не в будущем.' });
    }
    // Only a hint: any text is let in, intake checks it.
    if (c.prompt) validations.add(range, { type: 'textLength', operator: 'lessThanOrEqual', formulae: [1000], allowBlank: true, showInputMessage: true, showErrorMessage: false, promptTitle: title, prompt: cap(c.prompt) });
  });
}

/** Writes the template; refuses to overwrite an existing file unless `force`. */
export async function writeTemplate(file: string, options: TemplateOptions, opts: { force?: boolean } = {}): Promise<void> {
  await saveWorkbook(buildTemplate(options), file, opts.force ?? false);
}
