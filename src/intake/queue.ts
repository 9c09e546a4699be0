// readQueue: the staff's file → valid rows (sent fields apart from staff fields) and every
// problem at once. Nothing is ever written to the staff's file.
import path from 'node:path';
import { columnLetter, columnNumber, display, EMPTY, isBlank, type CellValue, type Grid } from './cells.js';
import { findHeaderRow, HEADER, HEADER_SEARCH_ROWS, sentColumns, type Field } from './columns.js';
import { localYmd } from './date.js';
import { MAX_QUEUE_ROWS, tooManyRows } from './limits.js';
import { emailFromTemplate, otherTemplateEmails, parsePreparedEmail } from './email.js';
import { intakeColumnSet } from './flow-queue.js';
import { parseKey, repeatedKeyProblem } from './key.js';
import { municipalityMatcher } from './municipality.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { parseRow, rowSchema, type ParsedRow } from './schema.js';
import { openSource } from './source.js';
import { collapseSpaces, shown } from './text.js';
import { IntakeFileError, type CellProblem, type IntakeOptions, type IntakeResult, type IntakeWarning, type InvalidRow, type QueueRow } from './types.js';

/** Reads and checks a queue (.xlsx: the sheet «Очередь» or the first one; .csv). */
export async function readQueue(file: string, options: IntakeOptions): Promise<IntakeResult> {
  const src = await openSource(file);
  const grid = src.kind === 'xlsx' ? await readXlsx(src.data, file) : readCsv(src.data, path.basename(file), file);
  const result = options.columns ? intakeColumnSet(grid, file, options, options.columns) : intakeGrid(grid, file, options);
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

const quote = (xs: readonly string[]) => xs.map((x) => `«${x}»`).join(', ');

interface Pending {
  rowNumber: number;
  parsed?: ParsedRow;
  key?: string;
  keyNorm?: string;
  email?: string;
  emailFromTemplate: boolean;
  otherEmails?: string[];
  problems: CellProblem[];
  staff: Record<string, string>;
}

/** The checks, on a sheet already read into cells. */
export function intakeGrid(grid: Grid, file: string, options: IntakeOptions): IntakeResult {
  if (options.municipalities.length === 0) throw new Error('intake: the list of municipalities is empty');
  if (!options.emailTemplate.includes('{key}')) throw new Error('intake: emailTemplate must contain {key}');
  const fileProblems: CellProblem[] = [];
  const matcher = municipalityMatcher(options.municipalities);
  // The flow's own columns; a column of another field is the staff's here (invariant 4).
  const columns = sentColumns(options.fields);
  const sends = new Set(columns.map((c) => c.field));

  let defaultMunicipality: string | undefined;
  if (sends.has('municipality') && options.defaultMunicipality && options.defaultMunicipality.trim() !== '') {
    defaultMunicipality = matcher.match(options.defaultMunicipality);
    if (!defaultMunicipality) {
      const near = matcher.nearest(options.defaultMunicipality).names;
      fileProblems.push({
        rowNumber: 0,
        column: '',
        header: HEADER.municipality,
        value: options.defaultMunicipality,
        problem: 'муниципалитет по умолчанию (NAVBOT_MUNICIPALITY) не найден в списке Навигатора',
        fix: `Исправьте NAVBOT_MUNICIPALITY в файле .env${near.length ? `, например на «${near[0]}»` : ''}.`,
      });
    }
  }

  const header = findHeaderRow(grid.rows);
  if (!header) {
    throw new IntakeFileError(
      'no-header',
      `В первых ${HEADER_SEARCH_ROWS} строках листа «${grid.sheet}» (${file}) нет строки заголовков. ` +
        `Ожидались столбцы ${quote(columns.map((c) => c.header))}. Возьмите шаблон: navbot template.`,
      file,
    );
  }
  const headerRow = header.row.rowNumber;

  // Known columns (first occurrence wins; a second one is a problem), then the staff's own.
  const index = new Map<Field, number>();
  const staffCols: Array<{ index: number; header: string }> = [];
  const warnings: IntakeWarning[] = [];
  for (const h of header.cells) {
    if (h.field && !sends.has(h.field)) {
      // Named as a field this flow does not send: the staff's own column, as any other.
      staffCols.push({ index: h.index, header: h.text });
      continue;
    }
    if (h.like && sends.has(h.like)) {
      const column = columnLetter(h.index + 1);
      warnings.push({
        column,
        header: h.text,
        message:
          `Столбец ${column} «${h.text}» похож на «${HEADER[h.like]}», но называется иначе: робот считает его вашим собственным ` +
          `столбцом и никогда не отправляет его в Навигатор. Если его нужно отправлять, назовите столбец точно «${HEADER[h.like]}».`,
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
        problem: `столбец «${HEADER[h.field]}» встречается дважды (ещё в столбце ${first}): непонятно, какой из них отправлять`,
        fix: `Удалите лишний столбец или переименуйте его (например, «${h.text} (для себя)»).`,
      });
    }
    staffCols.push({ index: h.index, header: h.text });
  }
  const required: Field[] = ['key', 'birthDate', 'sex', ...(defaultMunicipality ? [] : (['municipality'] as Field[]))];
  const missing = required.filter((f) => sends.has(f) && !index.has(f));
  if (missing.length > 0) {
    throw new IntakeFileError(
      'missing-columns',
      `В листе «${grid.sheet}» (${file}) нет обязательных столбцов: ${quote(missing.map((f) => HEADER[f]))}. ` +
        `Заголовки в строке ${headerRow}: ${quote(header.cells.map((c) => c.text))}. ` +
        'Добавьте столбцы или исправьте заголовки, как в шаблоне (navbot template).',
      file,
    );
  }

  const dataRows = grid.rows.filter((r) => r.rowNumber > headerRow && !r.cells.every((c) => isBlank(c)));
  if (dataRows.length > MAX_QUEUE_ROWS) throw tooManyRows(file, 'encoding' in grid ? undefined : grid.sheet); // CSV: no sheet
  // Cells under no header that hold data are the staff's too.
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

  const rules = {
    today: localYmd(options.today ?? new Date()),
    minAge: options.minAge,
    maxAge: options.maxAge,
    date1904: grid.date1904,
    municipalities: matcher,
    defaultMunicipality,
    emailTemplate: options.emailTemplate,
  };
  const schema = rowSchema(rules, sends);
  const where = (field: Field): { column: string; header: string } => {
    const i = index.get(field);
    return i === undefined ? { column: '', header: HEADER[field] } : { column: columnLetter(i + 1), header: HEADER[field] };
  };

  const pending: Pending[] = dataRows.map((row) => {
    const cellOf = (f: Field): CellValue => {
      const i = index.get(f);
      return i === undefined ? EMPTY : (row.cells[i] ?? EMPTY);
    };
    const raw = Object.fromEntries(columns.map((c) => [c.field, cellOf(c.field)])) as Partial<Record<Field, CellValue>>;
    const staff: Record<string, string> = {};
    for (const c of staffCols) staff[c.header] = display(row.cells[c.index] ?? EMPTY).trim();
    const p: Pending = { rowNumber: row.rowNumber, staff, problems: [], emailFromTemplate: false };

    const result = parseRow(schema, raw);
    if (result.ok) p.parsed = result.row;
    else {
      for (const issue of result.issues) {
        // A template address that fails is the key's doing when there is no E-mail column.
        const field = issue.field === 'email' && !index.has('email') ? 'key' : issue.field;
        p.problems.push({ rowNumber: row.rowNumber, ...where(field), value: display(raw[field] ?? EMPTY), problem: issue.problem, fix: issue.fix });
      }
    }
    // Key and e-mail are needed for the cross-row checks even when another cell is wrong.
    const rawKey = raw.key ?? EMPTY;
    const key = parseKey(rawKey);
    const prepared = sends.has('email') ? parsePreparedEmail(raw.email ?? EMPTY) : undefined;
    if (key.ok) [p.key, p.keyNorm] = [key.value.key, key.value.keyNorm];
    else if (!isBlank(rawKey)) p.key = collapseSpaces(display(rawKey));
    if (prepared?.ok && prepared.value) p.email = prepared.value;
    else if (prepared?.ok && key.ok) {
      const built = emailFromTemplate(options.emailTemplate, key.value.key);
      if (built.ok) [p.email, p.emailFromTemplate] = [built.value, true];
      const others = built.ok ? otherTemplateEmails(options.emailTemplate, key.value.key) : [];
      if (others.length) p.otherEmails = others;
    }
    return p;
  });

  crossRowChecks(pending, where, index.has('email'));

  const rows: QueueRow[] = [];
  const invalid: InvalidRow[] = [];
  const problems: CellProblem[] = [...fileProblems];
  for (const p of pending) {
    p.problems.sort((a, b) => columnNumber(a.column) - columnNumber(b.column));
    if (p.problems.length === 0 && p.parsed) {
      rows.push(
        Object.freeze({
          rowNumber: p.rowNumber,
          key: p.parsed.key,
          keyNorm: p.parsed.sent.key,
          sent: Object.freeze({ ...p.parsed.sent }),
          emailFromTemplate: p.emailFromTemplate,
          ...(p.otherEmails ? { otherEmails: Object.freeze(p.otherEmails) } : {}),
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

type Where = (field: Field) => { column: string; header: string };

/** Keys must be unique as staff compare them; addresses must be unique too. */
function crossRowChecks(pending: Pending[], where: Where, hasEmailColumn: boolean): void {
  const byKey = groupBy(pending, (p) => p.keyNorm);
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const p of group) {
      p.problems.push({
        rowNumber: p.rowNumber,
        ...where('key'),
        value: p.key ?? '',
        problem: repeatedKeyProblem(p.key, group.filter((o) => o !== p)),
        fix: 'У каждого ребёнка должен быть свой ключ. Если это один и тот же ребёнок — удалите лишнюю строку, иначе исправьте ключ.',
      });
    }
  }
  const byEmail = groupBy(pending, (p) => p.email);
  for (const group of byEmail.values()) {
    const who = (p: Pending) => p.keyNorm ?? `#${p.rowNumber}`;
    if (new Set(group.map(who)).size < 2) continue; // one key repeated: already reported
    for (const p of group) {
      const others = group.filter((o) => who(o) !== who(p));
      const names = others.map((o) => `«${shown(o.key ?? '')}» (строка ${o.rowNumber})`).join(', ');
      if (p.emailFromTemplate) {
        p.problems.push({
          rowNumber: p.rowNumber,
          ...where('key'),
          value: p.key ?? '',
          problem: `ключ «${shown(p.key ?? '')}» даёт тот же адрес ${p.email}, что и ключ ${names}`,
          fix: hasEmailColumn
            ? 'Сделайте ключи различимыми (например, добавьте цифру) или впишите готовый адрес в столбец «E-mail».'
            : 'Сделайте ключи различимыми (например, добавьте цифру).',
        });
      } else {
        p.problems.push({
          rowNumber: p.rowNumber,
          ...where('email'),
          value: p.email ?? '',
          problem: `адрес ${p.email} уже занят: он же у ${others.length === 1 ? 'строки' : 'строк'} ${others.map((o) => o.rowNumber).join(', ')}`,
          fix: 'У каждого ребёнка должен быть свой адрес: впишите другой или оставьте ячейку пустой — тогда адрес составит робот.',
        });
      }
    }
  }
}

function groupBy<T>(xs: T[], key: (x: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (k === undefined) continue;
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}
