// The rows of a queue read against a flow's column set: each cell by its column's reader, the
// set's rules across a row's cells, then the rules across rows (keys unique as staff compare
// them, the set's unique values and its own rules). Every bad cell is recorded, none stops the rest.
import { columnLetter, display, EMPTY, isBlank, type CellValue, type GridRow } from './cells.js';
import { controlProblem, type Checked } from './check.js';
import { KEY } from './columns.js';
import type { ColumnSet, ReadEnv, RowCheck, RowMarks, RowView } from './flow-columns.js';
import { parseKey, repeatedKeyProblem } from './key.js';
import type { SheetLayout } from './queue-header.js';
import { collapseSpaces } from './text.js';
import type { CellProblem } from './types.js';

export interface Pending {
  rowNumber: number;
  key?: string;
  keyNorm?: string;
  values: Record<string, string>;
  marks: RowMarks;
  problems: CellProblem[];
  staff: Record<string, string>;
}

export type Where = (field: string) => { column: string; header: string };

/** Where a field's column is, and its header as the set names it. */
export function whereOf(layout: SheetLayout, headerOf: ReadonlyMap<string, string>): Where {
  return (field) => {
    const i = layout.index.get(field);
    return { column: i === undefined ? '' : columnLetter(i + 1), header: headerOf.get(field) ?? field };
  };
}

/** Reads one row: the key, each column with a reader, then the set's rules across the row. */
export function readRow(row: GridRow, layout: SheetLayout, set: ColumnSet, env: ReadEnv, where: Where): Pending {
  const cellOf = (field: string): CellValue => {
    const i = layout.index.get(field);
    return i === undefined ? EMPTY : (row.cells[i] ?? EMPTY);
  };
  const staff: Record<string, string> = {};
  for (const c of layout.staffCols) staff[c.header] = display(row.cells[c.index] ?? EMPTY).trim();
  const p: Pending = { rowNumber: row.rowNumber, values: {}, marks: {}, problems: [], staff };
  const failed = new Set<string>();
  const problem = (field: string, text: string, fix: string) => {
    if (failed.has(field)) return;
    failed.add(field);
    delete p.values[field];
    p.problems.push({ rowNumber: row.rowNumber, ...where(field), value: display(cellOf(field)), problem: text, fix });
  };
  const read = (field: string, reader: (cell: CellValue) => Checked<string>): string | undefined => {
    if (failed.has(field)) return undefined;
    const cell = cellOf(field);
    const r = controlProblem(cell) ?? reader(cell);
    if (r.ok) return (p.values[field] = r.value);
    problem(field, r.problem, r.fix);
    return undefined;
  };

  const rawKey = cellOf(KEY);
  const key = parseKey(rawKey);
  if (key.ok) [p.key, p.keyNorm] = [key.value.key, key.value.keyNorm];
  else {
    if (!isBlank(rawKey)) p.key = collapseSpaces(display(rawKey));
    problem(KEY, key.problem, key.fix);
  }
  for (const c of set.columns) if (c.read) read(c.field, (cell) => c.read!(cell, env));
  const check: RowCheck = {
    has: (field) => layout.index.has(field),
    cell: cellOf,
    // The key's value is the key as typed (the row sends its normalised form).
    value: (field) => (field === KEY ? (key.ok ? key.value.key : undefined) : p.values[field]),
    failed: (field) => failed.has(field),
    read,
    problem,
    mark: (marks) => (p.marks = { ...p.marks, ...marks }),
  };
  set.check?.(check, env);
  return p;
}

function groups(pending: readonly Pending[], by: (p: Pending) => string | undefined): Pending[][] {
  const m = new Map<string, Pending[]>();
  for (const p of pending) {
    const k = by(p);
    if (k === undefined) continue;
    const g = m.get(k);
    if (g) g.push(p);
    else m.set(k, [p]);
  }
  return [...m.values()].filter((g) => g.length > 1);
}

const KEY_FIX = 'У каждой строки должен быть свой ключ. Если это одна и та же строка — удалите лишнюю, иначе исправьте ключ.';

/** Keys unique as staff compare them; the set's unique values and its own rules across rows. */
export function crossRows(pending: Pending[], set: ColumnSet, where: Where, has: (field: string) => boolean): void {
  for (const g of groups(pending, (p) => p.keyNorm)) {
    for (const p of g) {
      p.problems.push({
        rowNumber: p.rowNumber,
        ...where(KEY),
        value: p.key ?? '',
        problem: repeatedKeyProblem(p.key, g.filter((o) => o !== p)),
        fix: set.wording?.repeatedKeyFix ?? KEY_FIX,
      });
    }
  }
  for (const rule of set.unique ?? []) {
    const by = (p: Pending) => {
      const vs = rule.fields.map((f) => p.values[f]);
      return vs.some((v) => v === undefined || v === '') ? undefined : JSON.stringify(vs);
    };
    for (const g of groups(pending, by)) {
      // One key repeated is already said.
      if (new Set(g.map((p) => p.keyNorm ?? `#${p.rowNumber}`)).size < 2) continue;
      for (const p of g) {
        const others = g.filter((o) => o !== p).map((o) => o.rowNumber);
        p.problems.push({ rowNumber: p.rowNumber, ...where(rule.at), value: p.values[rule.at] ?? '', problem: rule.problem(others), fix: rule.fix });
      }
    }
  }
  if (set.across) set.across(pending.map((p) => view(p, where)), has);
}

function view(p: Pending, where: Where): RowView {
  return {
    rowNumber: p.rowNumber,
    ...(p.key !== undefined ? { key: p.key } : {}),
    ...(p.keyNorm !== undefined ? { keyNorm: p.keyNorm } : {}),
    marks: p.marks,
    value: (field) => p.values[field],
    problem: (field, value, problem, fix) => p.problems.push({ rowNumber: p.rowNumber, ...where(field), value, problem, fix }),
  };
}
