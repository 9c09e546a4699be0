// The workbook staff fill: sheet «Очередь» (styled frozen header, drop-down lists, a date column
// with date validation), sheet «Как заполнять» (rules and an example that cannot be run), and a
// hidden sheet «Списки» holding the long lists.
import ExcelJS from 'exceljs';
import { HEADER, sentColumns, type Field } from './columns.js';
import { localYmd, years } from './date.js';
import { buildColumnSetTemplate } from './flow-template.js';
import { MAX_KEY_LENGTH } from './key.js';
import { QUEUE_SHEET } from './read-xlsx.js';
import { SEX_LABELS } from './sex.js';
import type { IntakeOptions } from './types.js';
import { saveWorkbook } from './workbook-file.js';

export type TemplateOptions = Pick<IntakeOptions, 'municipalities' | 'defaultMunicipality' | 'emailTemplate' | 'minAge' | 'maxAge' | 'today' | 'fields' | 'columns'>;

export const INSTRUCTIONS_SHEET = 'Как заполнять';
export const LISTS_SHEET = 'Списки';
/** The staff's own columns the template offers (never sent). */
export const STAFF_COLUMNS = [
  { header: 'ФИО (для себя)', width: 34 },
  { header: 'Примечание', width: 34 },
];
/** Rows prepared with formats and validations. */
export const TEMPLATE_ROWS = 5000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const STAFF_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};
const DATE_FORMAT = 'dd.mm.yyyy';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Builds the template in memory (writeTemplate and writeSampleQueue both start here). */
export function buildTemplate(options: TemplateOptions): ExcelJS.Workbook {
  // A flow with its own columns has its own template (flow-template.ts).
  if (options.columns) return buildColumnSetTemplate(options, options.columns);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'navbot';
  wb.created = options.today ?? new Date();
  const today = localYmd(options.today ?? new Date());

  const ws = wb.addWorksheet(QUEUE_SHEET, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
  const info = wb.addWorksheet(INSTRUCTIONS_SHEET);
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  // Hidden lists: municipalities in A, sexes in B.
  options.municipalities.forEach((m, i) => (lists.getCell(i + 1, 1).value = m));
  lists.getCell(1, 2).value = SEX_LABELS.male;
  lists.getCell(2, 2).value = SEX_LABELS.female;

  const longest = Math.max(...options.municipalities.map((m) => m.length), HEADER.municipality.length);
  // Only the flow's own columns are offered as sent; the staff's follow.
  const sent = sentColumns(options.fields);
  const columns = [
    ...sent.map((c) => ({ header: c.header, width: c.field === 'municipality' ? longest + 4 : c.width, sent: true })),
    ...STAFF_COLUMNS.map((c) => ({ ...c, sent: false })),
  ];
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.height = 30;
  head.eachCell((cell, col) => {
    cell.font = { bold: true };
    cell.fill = columns[col - 1]!.sent ? HEADER_FILL : STAFF_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  ws.autoFilter = { from: 'A1', to: { row: 1, column: columns.length } };

  const last = TEMPLATE_ROWS + 1;
  const col = (field: Field) => {
    const i = sent.findIndex((c) => c.field === field);
    return i < 0 ? undefined : String.fromCharCode(65 + i);
  };
  const [K, D, S, M, E] = [col('key')!, col('birthDate'), col('sex'), col('municipality'), col('email')];
  ws.getColumn(K).numFmt = '@'; // «017» stays «017»
  if (E) ws.getColumn(E).numFmt = '@';
  if (D) {
    ws.getColumn(D).numFmt = DATE_FORMAT;
    ws.getColumn(D).alignment = { horizontal: 'center' };
  }

  // exceljs has `dataValidations` on worksheets but its typings omit it.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const from = utc(today.y - 18, today.m, today.d);
  from.setUTCDate(from.getUTCDate() + 1);
  const stop = { showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' } as const;
  validations.add(`${K}2:${K}${last}`, {
    type: 'textLength',
    operator: 'between',
    formulae: [1, MAX_KEY_LENGTH],
    allowBlank: true,
    ...stop,
    promptTitle: 'Ключ',
    prompt: 'Ваш номер по журналу, например 2025-017. У каждой строки свой, не меняйте его потом.',
    errorTitle: 'Ключ',
    error: `Ключ — от 1 до ${MAX_KEY_LENGTH} символов.`,
  });
  if (D) validations.add(`${D}2:${D}${last}`, {
    type: 'date',
    operator: 'between',
    formulae: [from, utc(today.y, today.m, today.d)],
    allowBlank: true,
    ...stop,
    promptTitle: 'Дата рождения',
    prompt: `ДД.ММ.ГГГГ, например 05.03.2016. Ребёнку от ${options.minAge} до ${options.maxAge} лет.`,
    errorTitle: 'Дата рождения',
    error: 'Нужна дата ДД.ММ.ГГГГ, не в будущем, ребёнку меньше 18 лет.',
  });
  if (S) validations.add(`${S}2:${S}${last}`, {
    type: 'list',
    formulae: [`"${SEX_LABELS.male},${SEX_LABELS.female}"`],
    allowBlank: true,
    ...stop,
    promptTitle: 'Пол',
    prompt: 'Выберите из списка: Мужской или Женский.',
    errorTitle: 'Пол',
    error: 'Выберите из списка: Мужской или Женский.',
  });
  if (M) validations.add(`${M}2:${M}${last}`, {
    type: 'list',
    formulae: [`'${LISTS_SHEET}'!$A$1:$A$${options.municipalities.length}`],
    allowBlank: true,
    ...stop,
    promptTitle: 'Муниципалитет',
    prompt: options.defaultMunicipality
      ? `Выберите из списка. Пусто — «${options.defaultMunicipality}».`
      : 'Выберите из списка.',
    errorTitle: 'Муниципалитет',
    error: 'Выберите муниципалитет из списка.',
  });
  if (E) validations.add(`${E}2:${E}${last}`, {
    type: 'custom',
    formulae: [`ISNUMBER(SEARCH("@",${E}2))`],
    allowBlank: true,
    ...stop,
    promptTitle: 'E-mail (необязательно)',
    prompt: `Оставьте пустым — робот составит адрес по шаблону ${options.emailTemplate}.`,
    errorTitle: 'E-mail',
    error: 'Нужен адрес вида name@example.ru или пустая ячейка.',
  });

  writeInstructions(info, options, today.y);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

function writeInstructions(ws: ExcelJS.Worksheet, o: TemplateOptions, year: number): void {
  // Columns fit the example table; rule texts span B:F.
  [24, 16, 12, Math.max(24, ...o.municipalities.map((m) => m.length + 2)), 24, 26].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const add = (a: string, b = '', bold = false) => {
    const r = ws.addRow([a, b]);
    ws.mergeCells(r.number, 2, r.number, 6);
    for (const c of [1, 2]) r.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    const lines = Math.max(Math.ceil(a.length / 24), Math.ceil(b.length / 95), 1);
    if (lines > 1) r.height = 15 * lines;
    if (bold) r.font = { bold: true };
    return r;
  };
  const line = (text: string, bold = false) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, 6);
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (text.length > 115) r.height = 15 * Math.ceil(text.length / 115);
    if (bold) r.font = { bold: true };
    return r;
  };
  line('Как заполнять лист «Очередь»').font = { bold: true, size: 14 };
  line('Одна строка — один ребёнок. Заполняйте лист «Очередь»: этот лист робот не читает.');
  line('Перед запуском проверьте файл командой navbot validate <файл>: робот покажет каждую ошибку — строку, столбец и как исправить. Пока в очереди есть ошибки, робот ничего не отправляет.');
  line('');
  add('Столбец', 'Правило', true);
  const sends = new Set(sentColumns(o.fields).map((c) => c.field));
  const rules: Record<Field, string> = {
    key: `Обязательно. Ваш номер по журналу, например «2025-017» или «№17», до ${MAX_KEY_LENGTH} символов. У каждой строки свой. По нему робот узнаёт ребёнка при повторном запуске — не меняйте ключ после запуска. Регистр букв, раскладка и лишние пробелы не важны: «А-1» и «а-1», «AB-7» латиницей и «АВ-7» кириллицей — один и тот же ключ.`,
    birthDate: `Обязательно. ДД.ММ.ГГГГ, например 05.03.2016. Не в будущем. Сертификат выдаётся детям от ${years(o.minAge)} до ${years(o.maxAge)} включительно (на день запуска).`,
    sex: 'Обязательно. Мужской или Женский (из списка; можно М, Ж, муж, жен).',
    municipality: o.defaultMunicipality ? `Выберите из списка. Если пусто — «${o.defaultMunicipality}».` : 'Обязательно. Выберите из списка (названия как в Навигаторе).',
    email: `Необязательно. Пусто — робот составит адрес по шаблону ${o.emailTemplate} (вместо {key} — ключ латиницей). Адреса у всех строк должны быть разными.`,
  };
  for (const c of sentColumns(o.fields)) add(c.header, rules[c.field]);
  add('Другие столбцы', 'Ваши: «ФИО (для себя)», «Примечание» и любые, что добавите. Робот их никуда не отправляет — только показывает в отчёте рядом со строкой. Настоящие ФИО в Навигатор не попадают.');
  if (sends.has('municipality')) add('Муниципалитеты', o.municipalities.join('; '));
  line('');
  line('Пример. Он на этом листе и поэтому не выполняется; строки с ключом «ПРИМЕР…» робот не примет и на листе «Очередь».', true);
  const first = o.municipalities[0] ?? '';
  const examples: Array<Record<Field, string | Date> & { name: string }> = [
    { key: 'ПРИМЕР-1', birthDate: utc(year - 9, 3, 5), sex: SEX_LABELS.male, municipality: first, email: '', name: 'Иванов Иван (пример)' },
    { key: 'ПРИМЕР-2', birthDate: utc(year - 12, 11, 21), sex: SEX_LABELS.female, municipality: o.municipalities[1] ?? first, email: 'parent@example.ru', name: 'Петрова Анна (пример)' },
  ];
  const fields = sentColumns(o.fields).map((c) => c.field);
  const example = ws.addRow([...fields.map((f) => HEADER[f]), 'ФИО (для себя)']);
  example.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
  });
  const dateCol = fields.indexOf('birthDate') + 1;
  for (const r of examples) {
    const row = ws.addRow([...fields.map((f) => r[f]), r.name]);
    if (dateCol > 0) row.getCell(dateCol).numFmt = DATE_FORMAT;
    row.eachCell((c) => {
      c.font = { italic: true, color: { argb: 'FF808080' } };
      c.border = THIN;
    });
  }
}

/** Writes the template; refuses to overwrite an existing file unless `force`. */
export async function writeTemplate(file: string, options: TemplateOptions, opts: { force?: boolean } = {}): Promise<void> {
  await saveWorkbook(buildTemplate(options), file, opts.force ?? false);
}
