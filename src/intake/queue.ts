// readQueue: the staff's file → valid rows (the flow's columns apart from the staff's) and every
// problem at once, read against the columns the flow declares (a ColumnSet, flow-columns.ts).
// Nothing is ever written to the staff's file.
import path from 'node:path';
import { columnNumber, type Grid } from './cells.js';
import { KEY } from './columns.js';
import { localYmd } from './date.js';
import type { ColumnSet, ReadEnv } from './flow-columns.js';
import { municipalityMatcher } from './municipality.js';
import { readLayout, setColumns } from './queue-header.js';
import { crossRows, readRow, whereOf, type Pending } from './queue-rows.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { openSource } from './source.js';
import type { CellProblem, IntakeOptions, IntakeResult, IntakeWarning, InvalidRow, QueueRow, SentRecord } from './types.js';

/** Reads and checks a queue (.xlsx: the sheet «Очередь» or the first one; .csv). */
export async function readQueue(file: string, options: IntakeOptions): Promise<IntakeResult> {
  const src = await openSource(file);
  const grid = src.kind === 'xlsx' ? await readXlsx(src.data, file) : readCsv(src.data, path.basename(file), file);
  const result = intakeGrid(grid, file, options);
  const hidden = hiddenRowsWarning(grid, result.order);
  return hidden ? { ...result, warnings: [...result.warnings, hidden] } : result;
}

/** How many hidden rows a warning names before «и ещё N». */
const HIDDEN_LISTED = 20;

/**
 * Rows of the queue hidden in Excel (by hand, a filter, a collapsed group) are processed like the
 * others — what is in the file is the queue — but never silently: staff may have hidden a row to
 * mean «not this one».
 */
export function hiddenRowsWarning(grid: Grid, order: readonly number[]): IntakeWarning | undefined {
  const inQueue = new Set(order);
  const hidden = grid.rows.filter((r) => r.hidden && inQueue.has(r.rowNumber)).map((r) => r.rowNumber);
  if (hidden.length === 0) return undefined;
  const listed = hidden.slice(0, HIDDEN_LISTED).join(', ') + (hidden.length > HIDDEN_LISTED ? ` и ещё ${hidden.length - HIDDEN_LISTED}` : '');
  const message =
    hidden.length === 1
      ? `Строка ${listed} скрыта в Excel — navbot её тоже обработает; если она не нужна, удалите её.`
      : `Строки ${listed} скрыты в Excel — navbot их тоже обработает; если они не нужны, удалите их.`;
  return { column: '', header: '', message };
}

/** The reader's world: today, the municipalities, the default one when it is in the list. */
function readEnv(grid: Grid, options: IntakeOptions, set: ColumnSet, fileProblems: CellProblem[]): ReadEnv {
  const matcher = municipalityMatcher(options.municipalities);
  let defaultMunicipality: string | undefined;
  if (options.defaultMunicipality && options.defaultMunicipality.trim() !== '') {
    defaultMunicipality = matcher.match(options.defaultMunicipality);
    const column = set.columns.find((c) => c.field === 'municipality');
    if (!defaultMunicipality && column) {
      const near = matcher.nearest(options.defaultMunicipality).names;
      fileProblems.push({
        rowNumber: 0,
        column: '',
        header: column.header,
        value: options.defaultMunicipality,
        problem: `муниципалитет по умолчанию (NAVBOT_MUNICIPALITY) не найден в списке${set.wording?.listOf ?? ''}`,
        fix: `Исправьте NAVBOT_MUNICIPALITY в файле .env${near.length ? `, например на «${near[0]}»` : ''}.`,
      });
    }
  }
  return {
    today: localYmd(options.today ?? new Date()),
    date1904: grid.date1904,
    municipalities: matcher,
    ...(defaultMunicipality ? { defaultMunicipality } : {}),
    minAge: options.minAge,
    maxAge: options.maxAge,
    emailTemplate: options.emailTemplate,
  };
}

/** The checks, on a sheet already read into cells. */
export function intakeGrid(grid: Grid, file: string, options: IntakeOptions): IntakeResult {
  const set = options.columns;
  if (options.municipalities.length === 0) throw new Error('intake: the list of municipalities is empty');
  if (set.columns.some((c) => c.field === KEY)) throw new Error('intake: a flow column may not be named «key» (the key is intake’s own)');
  const fileProblems: CellProblem[] = [];
  const env = readEnv(grid, options, set, fileProblems);
  const layout = readLayout(grid, file, set, env, fileProblems);
  const where = whereOf(layout, new Map(setColumns(set).map((c) => [c.field, c.header])));
  const pending = layout.dataRows.map((row) => readRow(row, layout, set, env, where));
  crossRows(pending, set, where, (field) => layout.index.has(field));

  const rows: QueueRow[] = [];
  const invalid: InvalidRow[] = [];
  const problems: CellProblem[] = [...fileProblems];
  for (const p of pending) {
    p.problems.sort((a, b) => columnNumber(a.column) - columnNumber(b.column));
    if (p.problems.length === 0 && p.key !== undefined && p.keyNorm !== undefined) rows.push(validRow(p, set));
    else {
      invalid.push({ rowNumber: p.rowNumber, ...(p.key !== undefined ? { key: p.key } : {}), problems: p.problems, staff: p.staff });
      problems.push(...p.problems);
    }
  }
  return {
    file,
    sheet: grid.sheet,
    headerRow: layout.headerRow,
    rows,
    invalid,
    problems,
    staffHeaders: layout.staffCols.map((c) => c.header),
    warnings: layout.warnings,
    order: pending.map((p: Pending) => p.rowNumber),
  };
}

/** A row with no problem: its key and exactly the set's values (an empty cell is ''). */
function validRow(p: Pending, set: ColumnSet): QueueRow {
  const sent: Record<string, string> = { key: p.keyNorm! };
  for (const c of set.columns) sent[c.field] = p.values[c.field] ?? '';
  return Object.freeze({
    rowNumber: p.rowNumber,
    key: p.key!,
    keyNorm: p.keyNorm!,
    sent: Object.freeze(sent) as SentRecord,
    marks: Object.freeze({ ...p.marks }),
    staff: Object.freeze({ ...p.staff }),
  });
}
