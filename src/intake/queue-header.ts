// The header row of a queue read against a flow's column set: where each column is, which are
// the staff's own, a header that only resembles a column (a warning), a column twice (a problem),
// and the columns the set requires (the file cannot be read without them).
import { columnLetter, isBlank, type Grid, type GridRow } from './cells.js';
import { findHeaderRow, HEADER_SEARCH_ROWS, headerLookup, KEY, KEY_COLUMN } from './columns.js';
import type { ColumnSet, FlowColumn, ReadEnv } from './flow-columns.js';
import { MAX_QUEUE_ROWS, tooManyRows } from './limits.js';
import { IntakeFileError, type CellProblem, type IntakeWarning } from './types.js';

export interface Col {
  field: string;
  header: string;
  column?: FlowColumn;
}

/** A sheet's layout under a set: the header row, where each column is, the staff's columns. */
export interface SheetLayout {
  headerRow: number;
  index: Map<string, number>;
  staffCols: Array<{ index: number; header: string }>;
  warnings: IntakeWarning[];
  dataRows: GridRow[];
}

const quote = (xs: readonly string[]) => xs.map((x) => `«${x}»`).join(', ');

/** The key, then the set's columns. */
export function setColumns(set: ColumnSet): Col[] {
  return [{ field: KEY, header: KEY_COLUMN.header }, ...set.columns.map((c) => ({ field: c.field, header: c.header, column: c }))];
}

export const templateCommand = (set: ColumnSet) => set.wording?.templateCommand ?? `navbot template --flow ${set.flow}`;

/** Finds the header row and the columns; problems with the file as a whole go to `fileProblems`. */
export function readLayout(grid: Grid, file: string, set: ColumnSet, env: ReadEnv, fileProblems: CellProblem[]): SheetLayout {
  const cols = setColumns(set);
  const headerOf = new Map(cols.map((c) => [c.field, c.header]));
  const command = templateCommand(set);
  const best = findHeaderRow(grid.rows, headerLookup(set));
  if (!best) {
    throw new IntakeFileError(
      'no-header',
      `В первых ${HEADER_SEARCH_ROWS} строках листа «${grid.sheet}» (${file}) нет строки заголовков. ` +
        `Ожидались столбцы ${quote(cols.map((c) => c.header))}. Возьмите шаблон: ${command}.`,
      file,
    );
  }
  const headerRow = best.rowNumber;
  const index = new Map<string, number>();
  const staffCols: Array<{ index: number; header: string }> = [];
  const warnings: IntakeWarning[] = [];
  const staffColumn = set.wording?.staffColumn ?? 'никуда его не отправляет';
  for (const h of best.cells) {
    if (h.like) {
      const column = columnLetter(h.index + 1);
      const name = headerOf.get(h.like)!;
      warnings.push({
        column,
        header: h.text,
        message:
          `Столбец ${column} «${h.text}» похож на «${name}», но называется иначе: робот считает его вашим собственным ` +
          `столбцом и ${staffColumn}. Если его нужно отправлять, назовите столбец точно «${name}».`,
      });
    }
    if (h.field && !index.has(h.field)) {
      index.set(h.field, h.index);
      continue;
    }
    if (h.field) {
      const first = columnLetter(index.get(h.field)! + 1);
      fileProblems.push({
        rowNumber: 0,
        column: columnLetter(h.index + 1),
        header: h.text,
        value: h.text,
        problem: `столбец «${headerOf.get(h.field)}» встречается дважды (ещё в столбце ${first}): непонятно, какой из них отправлять`,
        fix: `Удалите лишний столбец или переименуйте его (например, «${h.text} (для себя)»).`,
      });
    }
    staffCols.push({ index: h.index, header: h.text });
  }
  const required = (c: Col) => c.field === KEY || (typeof c.column?.required === 'function' ? c.column.required(env) : c.column?.required);
  const missing = cols.filter((c) => required(c) && !index.has(c.field));
  if (missing.length > 0) {
    throw new IntakeFileError(
      'missing-columns',
      `В листе «${grid.sheet}» (${file}) нет обязательных столбцов: ${quote(missing.map((c) => c.header))}. ` +
        `Заголовки в строке ${headerRow}: ${quote(best.cells.map((c) => c.text))}. ` +
        `Добавьте столбцы или исправьте заголовки, как в шаблоне (${command}).`,
      file,
    );
  }
  const dataRows = grid.rows.filter((r) => r.rowNumber > headerRow && !r.cells.every((c) => isBlank(c)));
  if (dataRows.length > MAX_QUEUE_ROWS) throw tooManyRows(file, 'encoding' in grid ? undefined : grid.sheet); // CSV: no sheet
  staffColumns(dataRows, index, staffCols);
  return { headerRow, index, staffCols, warnings, dataRows };
}

/** Cells under no header that hold data are the staff's too; a header twice gets its letter. */
function staffColumns(dataRows: readonly GridRow[], index: ReadonlyMap<string, number>, staffCols: Array<{ index: number; header: string }>): void {
  const taken = new Set([...index.values(), ...staffCols.map((c) => c.index)]);
  const width = dataRows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  for (let i = 0; i < width; i++) {
    if (!taken.has(i) && dataRows.some((r) => !isBlank(r.cells[i]))) staffCols.push({ index: i, header: `Столбец ${columnLetter(i + 1)}` });
  }
  staffCols.sort((a, b) => a.index - b.index);
  const seenHeaders = new Set<string>();
  for (const c of staffCols) {
    if (seenHeaders.has(c.header)) c.header = `${c.header} (${columnLetter(c.index + 1)})`;
    seenHeaders.add(c.header);
  }
}
