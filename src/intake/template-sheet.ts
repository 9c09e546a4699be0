// The template's «Как заполнять» for a set that writes none of its own: a column's rule and how
// the examples fill it, one line a column, then the set's notes.
import type ExcelJS from 'exceljs';
import type { ColumnSet, FlowColumn, TemplateEnv } from './flow-columns.js';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
export const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
export const DATE_FORMAT = 'dd.mm.yyyy';

/** A column as the template draws it (the key's too). */
export interface SentColumn {
  field: string;
  header: string;
  width: number;
  format?: 'text' | 'date';
  rule: string;
  list?: readonly string[];
  prompt?: string;
  validation?: FlowColumn['validation'];
}

export function writeGenericInstructions(info: ExcelJS.Worksheet, set: ColumnSet, sent: readonly SentColumn[], env: TemplateEnv, staff: readonly string[]): void {
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
  add(['Другие столбцы', `Ваши: ${staff.map((s) => `«${s}»`).join(', ')} и любые, что добавите. Робот их никуда не отправляет — только показывает в отчёте рядом со строкой.`]);
  if (set.columns.some((c) => c.field === 'municipality')) add(['Муниципалитеты', env.municipalities.join('; ')]);
  line('');
  for (const n of set.notes ?? []) line(n);
}
