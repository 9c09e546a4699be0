// One shape for a cell, whatever the source (xlsx via exceljs, or CSV text), and how staff see it.

export type CellValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; n: number }
  | { kind: 'date'; d: Date }
  | { kind: 'bool'; b: boolean }
  /** An Excel error value such as #Н/Д or #ССЫЛКА! */
  | { kind: 'error'; code: string }
  /** A formula whose result was never computed (a file not saved by Excel). */
  | { kind: 'formula'; formula: string };

export const EMPTY: CellValue = Object.freeze({ kind: 'empty' });

/** A sheet row: cells by column index (0 = A). */
export interface GridRow {
  rowNumber: number;
  cells: CellValue[];
  /** Columns (0-based) whose value is spread from a merged cell's first cell. */
  spread?: ReadonlySet<number>;
  /** Hidden in Excel (by hand, a filter or a collapsed group): still a row of the queue. */
  hidden?: true;
}

export interface Grid {
  sheet: string;
  /** True when the workbook counts serial dates from 1904. */
  date1904: boolean;
  rows: GridRow[];
}

/** Column letter from a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as Excel shows it in Russia; exceljs dates are UTC midnight, so UTC fields are the day. */
export function showDate(d: Date): string {
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

function showNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** The cell as staff see it (close to Excel's display; no thousands separators). */
export function display(c: CellValue): string {
  switch (c.kind) {
    case 'empty':
      return '';
    case 'text':
      return c.text;
    case 'number':
      return showNumber(c.n);
    case 'date':
      return showDate(c.d);
    case 'bool':
      return c.b ? 'ИСТИНА' : 'ЛОЖЬ';
    case 'error':
      return c.code;
    case 'formula':
      return `=${c.formula}`;
  }
}

/** Empty, or text made only of spaces. */
export function isBlank(c: CellValue | undefined): boolean {
  return !c || c.kind === 'empty' || (c.kind === 'text' && c.text.trim() === '');
}

type RichText = { richText: Array<{ text: string }> };

/** Converts an exceljs cell value (already master-resolved for merged cells). */
export function fromExceljs(v: unknown): CellValue {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return v === '' ? EMPTY : { kind: 'text', text: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', n: v } : EMPTY;
  if (typeof v === 'boolean') return { kind: 'bool', b: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { kind: 'error', code: '#ЗНАЧ!' } : { kind: 'date', d: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray((o as Partial<RichText>).richText)) {
      return fromExceljs((o as RichText).richText.map((r) => r.text ?? '').join(''));
    }
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined) return { kind: 'formula', formula: String(o.formula ?? o.sharedFormula ?? '') };
      return fromExceljs(o.result);
    }
    if ('error' in o) return { kind: 'error', code: String(o.error) };
    if ('text' in o) return fromExceljs(o.text); // hyperlink: the text shown
  }
  return { kind: 'text', text: String(v) };
}

/** 1-based column number from a letter ('' → 0). */
export function columnNumber(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
