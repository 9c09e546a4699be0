// Columns a flow declares itself (issue 14): a flow whose queue is not the memo's names each of
// its columns (header, aliases, width and drop-down list in the template, the rule staff read,
// the reader of a cell) and its rules across the cells of a row (a document's series read by its
// type, the applicant's names required only for a younger child). Intake stays generic: it finds
// the columns, reads every cell, runs the flow's rules, and reports every bad cell at once; the
// key is always intake's own first column. A column the flow does not declare is the staff's,
// never checked and never given to the flow (DESIGN.md, invariant 4).
import type ExcelJS from 'exceljs';
import type { CellValue } from './cells.js';
import type { Checked } from './check.js';
import type { Ymd } from './date.js';
import type { MunicipalityMatcher } from './municipality.js';

/** What a reader may need to know beyond its cell. */
export interface ReadEnv {
  /** The robot's «today» (a local calendar day). */
  readonly today: Ymd;
  /** The workbook counts serial dates from 1904. */
  readonly date1904: boolean;
  readonly municipalities: MunicipalityMatcher;
  /** Canonical NAVBOT_MUNICIPALITY, when it is set and in the list. */
  readonly defaultMunicipality?: string;
  /** The certificate's age range, in whole years (the region's profile). */
  readonly minAge: number;
  readonly maxAge: number;
  /** NAVBOT_EMAIL_TEMPLATE (`{key}` becomes the key's slug). */
  readonly emailTemplate: string;
}

/** What the template's lists and rules may need. */
export interface TemplateEnv {
  readonly municipalities: readonly string[];
  readonly defaultMunicipality?: string;
  readonly minAge: number;
  readonly maxAge: number;
  readonly emailTemplate: string;
  /** The robot's «today». */
  readonly today: Ymd;
}

/** Reads one cell: the value the flow sends (as text), or the problem and its fix (Russian). */
export type CellReader = (cell: CellValue, env: ReadEnv) => Checked<string>;

export interface FlowColumn {
  /** The name of the value in the row the flow gets (not «key»: the key is intake's own). */
  readonly field: string;
  /** The header staff see (Russian). */
  readonly header: string;
  /** Other headers read as this column (compared as intake compares headers). */
  readonly aliases?: readonly string[];
  /** Width in the template, in characters. */
  readonly width: number | ((env: TemplateEnv) => number);
  /** The sheet must have this column (its cells may still be allowed empty by the reader). */
  readonly required?: boolean | ((env: ReadEnv) => boolean);
  /**
   * Reads the column's cell alone. Without it, the set's `check` reads the cell (its form depends
   * on another cell); a value neither sets stays empty.
   */
  readonly read?: CellReader;
  /** The template's drop-down list. */
  readonly list?: (env: TemplateEnv) => readonly string[];
  /** The template's cell format: text (leading zeros kept) or a date. */
  readonly format?: 'text' | 'date';
  /** «Как заполнять»: the column's rule (Russian). */
  readonly rule: string | ((env: TemplateEnv) => string);
  /** How a sent value reads for staff (the ledger workbook), e.g. 2016-03-05 → 05.03.2016; default as sent. */
  readonly show?: (value: string) => string;
  /** The template's hint when a cell is selected (Russian; up to 255 characters). */
  readonly prompt?: string;
  /**
   * The template's own check of the column's cells (`letter`: its column; `list`: its list's
   * range on «Списки»), in place of the one its list or format gives.
   */
  readonly validation?: (env: TemplateEnv, letter: string, list?: string) => ExcelJS.DataValidation;
}

/** One row under a set's rules: its cells, what was read of them, and where to put a problem. */
export interface RowCheck {
  /** The sheet has the column. */
  has(field: string): boolean;
  cell(field: string): CellValue;
  /** The value read so far; undefined while the cell is bad or unread. */
  value(field: string): string | undefined;
  /** The cell already has a problem. */
  failed(field: string): boolean;
  /** Reads a cell with `reader`: sets the value, or records the problem. */
  read(field: string, reader: (cell: CellValue) => Checked<string>): string | undefined;
  /** Records a problem of a cell (a row may have several; each cell one). */
  problem(field: string, problem: string, fix: string): void;
  /** Notes about the row that the set's readers derived (kept on the row, never sent). */
  mark(marks: RowMarks): void;
}

/**
 * What a set's readers note about a row beside its values, by names the set's flow chooses:
 * intake, the CLI and the runner carry them to the flow untouched and never read them (the flow
 * types its own marks where it reads them).
 */
export type RowMarks = Readonly<Record<string, unknown>>;

/** One read row, as rules across rows see it. */
export interface RowView {
  readonly rowNumber: number;
  /** The key as typed, when it could be read. */
  readonly key?: string;
  readonly keyNorm?: string;
  readonly marks: RowMarks;
  value(field: string): string | undefined;
  /** Records a problem at a field's column, with the value to show. */
  problem(field: string, value: string, problem: string, fix: string): void;
}

/** The words of a set's messages (defaults: a flow that sends rows elsewhere than the Navigator). */
export interface SetWording {
  /** After «не найден в списке», e.g. « Навигатора». */
  readonly listOf?: string;
  /** What the robot does with a staff column, e.g. «никогда не отправляет его в Навигатор». */
  readonly staffColumn?: string;
  /** The fix of a repeated key. */
  readonly repeatedKeyFix?: string;
  /** The command that writes the set's template. */
  readonly templateCommand?: string;
}

/** How the set's template looks beyond its columns. */
export interface SetSheet {
  /** Width of the staff's two columns. */
  readonly staffWidth?: number;
  readonly headerHeight?: number;
  /** The hidden sheet «Списки» by columns, in place of the columns' own lists. */
  lists?(env: TemplateEnv): ReadonlyArray<readonly string[]>;
  /** Writes «Как заполнять» in place of the generic one. */
  instructions?(ws: ExcelJS.Worksheet, env: TemplateEnv): void;
}

/** Values that must differ between rows (e.g. an identity document). */
export interface UniqueRule {
  readonly fields: readonly string[];
  /** The column the problem is shown at. */
  readonly at: string;
  /** Russian: what is wrong, given the other rows' numbers. */
  problem(otherRows: readonly number[]): string;
  readonly fix: string;
}

export interface ColumnSet {
  /** The flow's name, for the hints that name a command (`--flow NAME`). */
  readonly flow: string;
  /** Russian: what one row is («одна заявка»), for «Как заполнять». */
  readonly row: string;
  readonly columns: readonly FlowColumn[];
  /** Rules across a row's cells, after every column with a reader was read. */
  check?(row: RowCheck, env: ReadEnv): void;
  readonly unique?: readonly UniqueRule[];
  /** «Как заполнять»'s example rows: values as staff would type them, by field («key» too). */
  readonly examples?: ReadonlyArray<Readonly<Record<string, string>>>;
  /** Extra lines for «Как заполнять» (Russian), after the rules. */
  readonly notes?: readonly string[];
  /** Rules across rows beyond `unique` (after the keys were compared). */
  across?(rows: readonly RowView[], has: (field: string) => boolean): void;
  readonly wording?: SetWording;
  readonly sheet?: SetSheet;
}

/** What a row of a column set sends: its key and exactly the set's fields. */
export type ColumnValues = Readonly<Record<string, string>> & { readonly key: string };

/**
 * The second guard of invariant 4 where a row is handed to its flow: exactly the set's fields
 * (an empty cell is ''), nothing else; a declared field that is missing is a bug.
 */
export function columnValues(sent: Readonly<{ key: string }>, set: ColumnSet): ColumnValues {
  const out: Record<string, string> = { key: sent.key };
  for (const c of set.columns) {
    const v = (sent as Readonly<Record<string, unknown>>)[c.field];
    if (typeof v !== 'string') throw new Error(`intake: the row ${sent.key} lacks the sent field ${c.field}`);
    out[c.field] = v;
  }
  return Object.freeze(out) as ColumnValues;
}
