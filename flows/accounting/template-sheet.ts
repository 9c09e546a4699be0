// The memo's template beyond its columns: each column's check in Excel (dates within 18 years,
// the sexes and the municipalities from lists, an address with «@»), its rule, and the sheet
// «Как заполнять» with the rules and an example table that cannot be run.
import type ExcelJS from 'exceljs';
import { DATE_FORMAT, HEADER_FILL, KEY_COLUMN, LISTS_SHEET, MAX_KEY_LENGTH, SEX_LABELS, THIN, years, type FlowColumn, type TemplateEnv } from '../../src/intake/index.js';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const stop = { showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' } as const;

export function birthDateCheck(env: TemplateEnv): ExcelJS.DataValidation {
  const { today } = env;
  const from = utc(today.y - 18, today.m, today.d);
  from.setUTCDate(from.getUTCDate() + 1);
  return {
    type: 'date',
    operator: 'between',
    formulae: [from, utc(today.y, today.m, today.d)],
    allowBlank: true,
    ...stop,
    promptTitle: 'Дата рождения',
    prompt: `ДД.ММ.ГГГГ, например 05.03.2016. Ребёнку от ${env.minAge} до ${env.maxAge} лет.`,
    errorTitle: 'Дата рождения',
    error: 'Нужна дата ДД.ММ.ГГГГ, не в будущем, ребёнку меньше 18 лет.',
  };
}

export function sexCheck(): ExcelJS.DataValidation {
  const choose = 'Выберите из списка: Мужской или Женский.';
  return { type: 'list', formulae: [`"${SEX_LABELS.male},${SEX_LABELS.female}"`], allowBlank: true, ...stop, promptTitle: 'Пол', prompt: choose, errorTitle: 'Пол', error: choose };
}

export function municipalityCheck(env: TemplateEnv): ExcelJS.DataValidation {
  return {
    type: 'list',
    formulae: [`'${LISTS_SHEET}'!$A$1:$A$${env.municipalities.length}`],
    allowBlank: true,
    ...stop,
    promptTitle: 'Муниципалитет',
    prompt: env.defaultMunicipality ? `Выберите из списка. Пусто — «${env.defaultMunicipality}».` : 'Выберите из списка.',
    errorTitle: 'Муниципалитет',
    error: 'Выберите муниципалитет из списка.',
  };
}

export function emailCheck(env: TemplateEnv, letter: string): ExcelJS.DataValidation {
  return {
    type: 'custom',
    formulae: [`ISNUMBER(SEARCH("@",${letter}2))`],
    allowBlank: true,
    ...stop,
    promptTitle: 'E-mail (необязательно)',
    prompt: `Оставьте пустым — робот составит адрес по шаблону ${env.emailTemplate}.`,
    errorTitle: 'E-mail',
    error: 'Нужен адрес вида name@example.ru или пустая ячейка.',
  };
}

/** «Как заполнять»: each column's rule. */
export const MEMO_RULES = {
  key: `Обязательно. Ваш номер по журналу, например «2025-017» или «№17», до ${MAX_KEY_LENGTH} символов. У каждой строки свой. По нему робот узнаёт ребёнка при повторном запуске — не меняйте ключ после запуска. Регистр букв, раскладка и лишние пробелы не важны: «А-1» и «а-1», «AB-7» латиницей и «АВ-7» кириллицей — один и тот же ключ.`,
  birthDate: (o: TemplateEnv) =>
    `Обязательно. ДД.ММ.ГГГГ, например 05.03.2016. Не в будущем. Сертификат выдаётся детям от ${years(o.minAge)} до ${years(o.maxAge)} включительно (на день запуска).`,
  sex: 'Обязательно. Мужской или Женский (из списка; можно М, Ж, муж, жен).',
  municipality: (o: TemplateEnv) =>
    o.defaultMunicipality ? `Выберите из списка. Если пусто — «${o.defaultMunicipality}».` : 'Обязательно. Выберите из списка (названия как в Навигаторе).',
  email: (o: TemplateEnv) =>
    `Необязательно. Пусто — робот составит адрес по шаблону ${o.emailTemplate} (вместо {key} — ключ латиницей). Адреса у всех строк должны быть разными.`,
} as const;

const ruleOf = (c: FlowColumn, env: TemplateEnv) => (typeof c.rule === 'function' ? c.rule(env) : c.rule);

export function writeMemoInstructions(ws: ExcelJS.Worksheet, o: TemplateEnv, columns: readonly FlowColumn[]): void {
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
  add(KEY_COLUMN.header, MEMO_RULES.key);
  for (const c of columns) add(c.header, ruleOf(c, o));
  add('Другие столбцы', 'Ваши: «ФИО (для себя)», «Примечание» и любые, что добавите. Робот их никуда не отправляет — только показывает в отчёте рядом со строкой. Настоящие ФИО в Навигатор не попадают.');
  if (columns.some((c) => c.field === 'municipality')) add('Муниципалитеты', o.municipalities.join('; '));
  line('');
  line('Пример. Он на этом листе и поэтому не выполняется; строки с ключом «ПРИМЕР…» робот не примет и на листе «Очередь».', true);
  exampleTable(ws, o, columns);
}

function exampleTable(ws: ExcelJS.Worksheet, o: TemplateEnv, columns: readonly FlowColumn[]): void {
  const year = o.today.y;
  const first = o.municipalities[0] ?? '';
  const examples: Array<Record<string, string | Date>> = [
    { key: 'ПРИМЕР-1', birthDate: utc(year - 9, 3, 5), sex: SEX_LABELS.male, municipality: first, email: '', name: 'Иванов Иван (пример)' },
    { key: 'ПРИМЕР-2', birthDate: utc(year - 12, 11, 21), sex: SEX_LABELS.female, municipality: o.municipalities[1] ?? first, email: 'parent@example.ru', name: 'Петрова Анна (пример)' },
  ];
  const fields = ['key', ...columns.map((c) => c.field)];
  const example = ws.addRow([KEY_COLUMN.header, ...columns.map((c) => c.header), 'ФИО (для себя)']);
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
