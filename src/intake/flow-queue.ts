// Intake of a queue whose columns its flow declares (flow-columns.ts): the same file rules as the
// memo's queue (a header row within the first ten, staff columns kept apart, every bad cell at
// once, keys unique), with the flow's readers and rules in place of the memo's schema.
import { columnLetter, columnNumber, display, EMPTY, isBlank, type CellValue, type Grid } from './cells.js';
import { controlProblem, type Checked } from './check.js';
import { COLUMNS, HEADER_SEARCH_ROWS, normaliseHeader } from './columns.js';
import { localYmd } from './date.js';
import type { ColumnSet, FlowColumn, ReadEnv, RowCheck } from './flow-columns.js';
import { parseKey, repeatedKeyProblem } from './key.js';
import { MAX_QUEUE_ROWS, tooManyRows } from './limits.js';
import { municipalityMatcher } from './municipality.js';
import { collapseSpaces, shown } from './text.js';
import { IntakeFileError, type CellProblem, type IntakeOptions, type IntakeResult, type IntakeWarning, type InvalidRow, type QueueRow, type SentRecord } from './types.js';

const KEY = 'key';
/** The key column, as the memo's queue has it. */
const KEY_COLUMN = COLUMNS.find((c) => c.field === 'key')!;

const quote = (xs: readonly string[]) => xs.map((x) => `«${x}»`).join(', ');

interface Col {
  field: string;
  header: string;
  column?: FlowColumn;
}

/** Header text → field, for the set's columns and the key. */
function headerLookup(set: ColumnSet): Map<string, string> {
  const byHeader = new Map<string, string>();
  byHeader.set(normaliseHeader(KEY_COLUMN.header), KEY);
  for (const a of KEY_COLUMN.aliases) byHeader.set(normaliseHeader(a), KEY);
  for (const c of set.columns) for (const h of [c.header, ...(c.aliases ?? [])]) if (!byHeader.has(normaliseHeader(h))) byHeader.set(normaliseHeader(h), c.field);
  return byHeader;
}

/** The declared column a header only resembles (a hint in brackets, or more words after it). */
function resembled(text: string, lookup: ReadonlyMap<string, string>): string | undefined {
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

interface Pending {
  rowNumber: number;
  key?: string;
  keyNorm?: string;
  values: Record<string, string>;
  problems: CellProblem[];
  staff: Record<string, string>;
}

/** Reads a queue sheet against a flow's column set. */
export function intakeColumnSet(grid: Grid, file: string, options: IntakeOptions, set: ColumnSet): IntakeResult {
  if (options.municipalities.length === 0) throw new Error('intake: the list of municipalities is empty');
  if (set.columns.some((c) => c.field === KEY)) throw new Error('intake: a flow column may not be named «key» (the key is intake’s own)');
  const cols: Col[] = [{ field: KEY, header: KEY_COLUMN.header }, ...set.columns.map((c) => ({ field: c.field, header: c.header, column: c }))];
  const headerOf = new Map(cols.map((c) => [c.field, c.header]));
  const lookup = headerLookup(set);
  const fileProblems: CellProblem[] = [];
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
        problem: 'муниципалитет по умолчанию (NAVBOT_MUNICIPALITY) не найден в списке',
        fix: `Исправьте NAVBOT_MUNICIPALITY в файле .env${near.length ? `, например на «${near[0]}»` : ''}.`,
      });
    }
  }

  // The header row: within Excel's first ten, the one with the most of the set's headers.
  let best: { rowNumber: number; cells: Array<{ index: number; text: string; field?: string; like?: string }>; score: number } | undefined;
  for (const row of grid.rows) {
    if (row.rowNumber > HEADER_SEARCH_ROWS) break;
    const cells: Array<{ index: number; text: string; field?: string; like?: string }> = [];
    const seen = new Set<string>();
    row.cells.forEach((c, index) => {
      if (row.spread?.has(index)) return;
      const text = collapseSpaces(display(c));
      if (text === '') return;
      const field = c.kind === 'text' ? lookup.get(normaliseHeader(text)) : undefined;
      const like = c.kind === 'text' && !field ? resembled(text, lookup) : undefined;
      if (field) seen.add(field);
      cells.push({ index, text, ...(field ? { field } : {}), ...(like ? { like } : {}) });
    });
    if (seen.size > 0 && (!best || seen.size > best.score)) best = { rowNumber: row.rowNumber, cells, score: seen.size };
  }
  const command = `navbot template --flow ${set.flow}`;
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
  for (const h of best.cells) {
    if (h.like) {
      const column = columnLetter(h.index + 1);
      const name = headerOf.get(h.like)!;
      warnings.push({
        column,
        header: h.text,
        message:
          `Столбец ${column} «${h.text}» похож на «${name}», но называется иначе: робот считает его вашим собственным ` +
          `столбцом и никуда его не отправляет. Если его нужно отправлять, назовите столбец точно «${name}».`,
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
  const missing = cols.filter((c) => (c.field === KEY || c.column?.required) && !index.has(c.field));
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
  if (dataRows.length > MAX_QUEUE_ROWS) throw tooManyRows(file, 'encoding' in grid ? undefined : grid.sheet);
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

  const env: ReadEnv = {
    today: localYmd(options.today ?? new Date()),
    date1904: grid.date1904,
    municipalities: matcher,
    ...(defaultMunicipality ? { defaultMunicipality } : {}),
    minAge: options.minAge,
    maxAge: options.maxAge,
  };
  const where = (field: string) => {
    const i = index.get(field);
    return { column: i === undefined ? '' : columnLetter(i + 1), header: headerOf.get(field) ?? field };
  };

  const pending: Pending[] = dataRows.map((row) => {
    const cellOf = (field: string): CellValue => {
      const i = index.get(field);
      return i === undefined ? EMPTY : (row.cells[i] ?? EMPTY);
    };
    const staff: Record<string, string> = {};
    for (const c of staffCols) staff[c.header] = display(row.cells[c.index] ?? EMPTY).trim();
    const p: Pending = { rowNumber: row.rowNumber, values: {}, problems: [], staff };
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
      has: (field) => index.has(field),
      cell: cellOf,
      value: (field) => p.values[field],
      failed: (field) => failed.has(field),
      read,
      problem,
    };
    set.check?.(check, env);
    return p;
  });

  crossRows(pending, set, where);

  const rows: QueueRow[] = [];
  const invalid: InvalidRow[] = [];
  const problems: CellProblem[] = [...fileProblems];
  for (const p of pending) {
    p.problems.sort((a, b) => columnNumber(a.column) - columnNumber(b.column));
    if (p.problems.length === 0 && p.key !== undefined && p.keyNorm !== undefined) {
      const sent: Record<string, string> = { key: p.keyNorm };
      for (const c of set.columns) sent[c.field] = p.values[c.field] ?? '';
      rows.push(
        Object.freeze({
          rowNumber: p.rowNumber,
          key: p.key,
          keyNorm: p.keyNorm,
          sent: Object.freeze(sent) as Readonly<SentRecord>,
          emailFromTemplate: false,
          staff: Object.freeze({ ...p.staff }),
        }),
      );
    } else {
      invalid.push({ rowNumber: p.rowNumber, ...(p.key !== undefined ? { key: p.key } : {}), problems: p.problems, staff: p.staff });
      problems.push(...p.problems);
    }
  }
  return {
    file,
    sheet: grid.sheet,
    headerRow,
    rows,
    invalid,
    problems,
    staffHeaders: staffCols.map((c) => c.header),
    warnings,
    order: pending.map((p) => p.rowNumber),
  };
}

/** Keys unique as staff compare them; the set's unique values too. */
function crossRows(pending: Pending[], set: ColumnSet, where: (field: string) => { column: string; header: string }): void {
  const group = (by: (p: Pending) => string | undefined) => {
    const m = new Map<string, Pending[]>();
    for (const p of pending) {
      const k = by(p);
      if (k === undefined) continue;
      const g = m.get(k);
      if (g) g.push(p);
      else m.set(k, [p]);
    }
    return [...m.values()].filter((g) => g.length > 1);
  };
  for (const g of group((p) => p.keyNorm)) {
    for (const p of g) {
      p.problems.push({
        rowNumber: p.rowNumber,
        ...where(KEY),
        value: p.key ?? '',
        problem: repeatedKeyProblem(p.key, g.filter((o) => o !== p)),
        fix: 'У каждой строки должен быть свой ключ. Если это одна и та же строка — удалите лишнюю, иначе исправьте ключ.',
      });
    }
  }
  for (const rule of set.unique ?? []) {
    const by = (p: Pending) => {
      const vs = rule.fields.map((f) => p.values[f]);
      return vs.some((v) => v === undefined || v === '') ? undefined : JSON.stringify(vs);
    };
    for (const g of group(by)) {
      // One key repeated is already said.
      if (new Set(g.map((p) => p.keyNorm ?? `#${p.rowNumber}`)).size < 2) continue;
      for (const p of g) {
        const others = g.filter((o) => o !== p).map((o) => o.rowNumber);
        p.problems.push({ rowNumber: p.rowNumber, ...where(rule.at), value: p.values[rule.at] ?? '', problem: rule.problem(others), fix: rule.fix });
      }
    }
  }
}
