// The queue's columns: Russian headers staff see, the aliases intake also accepts, and how a
// header row is found (within the first rows, below any title).
import { display, type GridRow } from './cells.js';
import { collapseSpaces, fold, latinToCyrillic } from './text.js';

export type Field = 'key' | 'birthDate' | 'sex' | 'municipality' | 'email';

export interface ColumnDef {
  field: Field;
  header: string;
  aliases: string[];
  /** Column width in the template, in characters. */
  width: number;
}

export const COLUMNS: readonly ColumnDef[] = [
  { field: 'key', header: 'Ключ', aliases: ['Ключ строки'], width: 14 },
  { field: 'birthDate', header: 'Дата рождения', aliases: ['Дата рожд.', 'Д.р.', 'ДР', 'Дата рождения (ДД.ММ.ГГГГ)'], width: 16 },
  { field: 'sex', header: 'Пол', aliases: [], width: 12 },
  { field: 'municipality', header: 'Муниципалитет', aliases: ['Муниципальное образование'], width: 28 },
  {
    field: 'email',
    header: 'E-mail',
    aliases: ['Email', 'Эл. почта', 'Электронная почта', 'Адрес электронной почты', 'E-mail (необязательно)'],
    width: 30,
  },
];

/** The columns a flow sends, in the template's order; the key always leads. Default: all. */
export function sentColumns(fields?: readonly Field[]): readonly ColumnDef[] {
  if (!fields) return COLUMNS;
  const wanted = new Set<Field>(['key', ...fields]);
  return COLUMNS.filter((c) => wanted.has(c.field));
}

export const HEADER: Record<Field, string> = Object.fromEntries(COLUMNS.map((c) => [c.field, c.header])) as Record<Field, string>;

/**
 * Headers are compared without case, spaces, punctuation, ё/е, Latin look-alike letters or a «*»
 * mark — but with every word, also those in brackets: «E-mail (родителя)» is not «E-mail».
 * A hint in brackets is accepted only when it is listed as an alias.
 */
export function normaliseHeader(s: string): string {
  return fold(latinToCyrillic(collapseSpaces(s))).replace(/[^\p{L}\p{N}]+/gu, '');
}

const BY_HEADER = new Map<string, Field>();
for (const c of COLUMNS) for (const h of [c.header, ...c.aliases]) BY_HEADER.set(normaliseHeader(h), c.field);

/** The sent column a header names exactly (after folding), if any. */
export function fieldOfHeader(text: string): Field | undefined {
  return BY_HEADER.get(normaliseHeader(text));
}

/**
 * The sent column a header only resembles: the same words plus a hint in brackets («E-mail
 * (родителя)») or more words after them («Дата рождения мамы»). Such a column is the staff's own
 * and is never sent; intake warns about it, since staff may have meant it to be sent.
 */
export function resembledField(text: string): Field | undefined {
  if (fieldOfHeader(text)) return undefined;
  const bare = collapseSpaces(text.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' '));
  const exact = bare === '' ? undefined : fieldOfHeader(bare);
  if (exact) return exact;
  const words = bare.split(' ');
  for (let k = words.length - 1; k >= 1; k--) {
    const f = fieldOfHeader(words.slice(0, k).join(' '));
    if (f) return f;
  }
  return undefined;
}

export const HEADER_SEARCH_ROWS = 10;

export interface HeaderCell {
  /** 0-based column index. */
  index: number;
  text: string;
  field?: Field;
  /** Set when the header only resembles a sent column (it stays the staff's own). */
  like?: Field;
}

/** The row (within Excel's first ten) with the most known headers; ties go to the upper one. */
export function findHeaderRow(rows: readonly GridRow[]): { row: GridRow; cells: HeaderCell[] } | undefined {
  let best: { row: GridRow; cells: HeaderCell[]; score: number } | undefined;
  for (const row of rows) {
    if (row.rowNumber > HEADER_SEARCH_ROWS) break;
    const cells: HeaderCell[] = [];
    const seen = new Set<Field>();
    row.cells.forEach((c, index) => {
      if (row.spread?.has(index)) return; // a header merged over several columns counts once
      const text = collapseSpaces(display(c));
      if (text === '') return;
      const field = c.kind === 'text' ? fieldOfHeader(text) : undefined;
      const like = c.kind === 'text' && !field ? resembledField(text) : undefined;
      if (field) seen.add(field);
      cells.push({ index, text, ...(field ? { field } : {}), ...(like ? { like } : {}) });
    });
    if (seen.size > 0 && (!best || seen.size > best.score)) best = { row, cells, score: seen.size };
  }
  return best && { row: best.row, cells: best.cells };
}
