// How a queue's header row is found and read: headers compared as staff write them, the key
// column every queue leads with, and the header row within the first rows, below any title.
// The other columns are the flow's own (a ColumnSet, flow-columns.ts).
import { display, type GridRow } from './cells.js';
import type { ColumnSet } from './flow-columns.js';
import { collapseSpaces, fold, latinToCyrillic } from './text.js';

/** The field name of the key: intake's own, never a flow's column. */
export const KEY = 'key';

/** The key column every queue leads with. */
export const KEY_COLUMN = { field: KEY, header: 'Ключ', aliases: ['Ключ строки'], width: 14 } as const;

/**
 * Headers are compared without case, spaces, punctuation, ё/е, Latin look-alike letters or a «*»
 * mark — but with every word, also those in brackets: «E-mail (родителя)» is not «E-mail».
 * A hint in brackets is accepted only when it is listed as an alias.
 */
export function normaliseHeader(s: string): string {
  return fold(latinToCyrillic(collapseSpaces(s))).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Header text (normalised) → field, for the key and a set's columns (the first naming wins). */
export function headerLookup(set: ColumnSet): Map<string, string> {
  const byHeader = new Map<string, string>();
  for (const h of [KEY_COLUMN.header, ...KEY_COLUMN.aliases]) byHeader.set(normaliseHeader(h), KEY);
  for (const c of set.columns) {
    for (const h of [c.header, ...(c.aliases ?? [])]) if (!byHeader.has(normaliseHeader(h))) byHeader.set(normaliseHeader(h), c.field);
  }
  return byHeader;
}

/**
 * The column a header only resembles: the same words plus a hint in brackets («E-mail
 * (родителя)») or more words after them («Дата рождения мамы»). Such a column is the staff's own
 * and is never sent; intake warns about it, since staff may have meant it to be sent.
 */
export function resembled(text: string, lookup: ReadonlyMap<string, string>): string | undefined {
  if (lookup.has(normaliseHeader(text))) return undefined;
  const bare = collapseSpaces(text.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' '));
  const exact = bare === '' ? undefined : lookup.get(normaliseHeader(bare));
  if (exact) return exact;
  const words = bare.split(' ');
  for (let k = words.length - 1; k >= 1; k--) {
    const f = lookup.get(normaliseHeader(words.slice(0, k).join(' ')));
    if (f) return f;
  }
  return undefined;
}

export const HEADER_SEARCH_ROWS = 10;

export interface HeaderCell {
  /** 0-based column index. */
  index: number;
  text: string;
  field?: string;
  /** Set when the header only resembles a known column (it stays the staff's own). */
  like?: string;
}

/** The row (within Excel's first ten) with the most known headers; ties go to the upper one. */
export function findHeaderRow(rows: readonly GridRow[], lookup: ReadonlyMap<string, string>): { rowNumber: number; cells: HeaderCell[] } | undefined {
  let best: { rowNumber: number; cells: HeaderCell[]; score: number } | undefined;
  for (const row of rows) {
    if (row.rowNumber > HEADER_SEARCH_ROWS) break;
    const cells: HeaderCell[] = [];
    const seen = new Set<string>();
    row.cells.forEach((c, index) => {
      if (row.spread?.has(index)) return; // a header merged over several columns counts once
      const text = collapseSpaces(display(c));
      if (text === '') return;
      const field = c.kind === 'text' ? lookup.get(normaliseHeader(text)) : undefined;
      const like = c.kind === 'text' && !field ? resembled(text, lookup) : undefined;
      if (field) seen.add(field);
      cells.push({ index, text, ...(field ? { field } : {}), ...(like ? { like } : {}) });
    });
    if (seen.size > 0 && (!best || seen.size > best.score)) best = { rowNumber: row.rowNumber, cells, score: seen.size };
  }
  return best && { rowNumber: best.rowNumber, cells: best.cells };
}
