// Public shapes of intake: what the staff's queue becomes once read and checked.
import type { ColumnSet, RowMarks } from './flow-columns.js';

/** What intake needs to know about the target and the certificate. */
export interface IntakeOptions {
  /** Canonical municipality names, as the Navigator lists them. */
  municipalities: string[];
  /** Used for rows whose «Муниципалитет» is empty or absent; must be one of `municipalities`. */
  defaultMunicipality?: string;
  /** E-mail for rows without a prepared one, e.g. `robot+{key}@school.ru`; `{key}` becomes the key's slug. */
  emailTemplate: string;
  /** Certificate age range in whole years, inclusive. */
  minAge: number;
  maxAge: number;
  /** For tests; default now. Compared as a local calendar date. */
  today?: Date;
  /**
   * The columns the flow sends (its queue columns, flow-columns.ts; the key is always one). Any
   * other column is the staff's own: read for the report, never checked as sent and never given
   * to the flow (invariant 4).
   */
  columns: ColumnSet;
}

/**
 * What a row sends (DESIGN.md, invariant 4): its normalised key (same as QueueRow.keyNorm: stable
 * across retyping, so derived secrets stay stable) and exactly its set's fields, as text.
 */
export type SentRecord = Readonly<Record<string, string>> & { readonly key: string };

export interface QueueRow {
  /** Excel's row number (CSV: the line's record number, as Excel shows it). */
  rowNumber: number;
  /** The key as staff typed it, trimmed. */
  key: string;
  /** For comparisons and the journal. */
  keyNorm: string;
  sent: Readonly<SentRecord>;
  /** What the set's readers noted about the row (flow-columns.ts RowMarks): the flow's, carried untouched. Never sent. */
  marks: RowMarks;
  /** Staff-only columns: header → displayed text. Never sent. */
  staff: Readonly<Record<string, string>>;
}

export interface CellProblem {
  /** Excel's row number; 0 for a problem with the file as a whole. */
  rowNumber: number;
  /** Column letter ('' when the column itself is absent). */
  column: string;
  header: string;
  /** The cell as staff see it. */
  value: string;
  /** What is wrong (Russian). */
  problem: string;
  /** How to fix it (Russian). */
  fix: string;
}

export interface InvalidRow {
  rowNumber: number;
  key?: string;
  problems: CellProblem[];
  staff: Record<string, string>;
}

/** Something staff should know that does not stop the queue (Russian, meant for staff). */
export interface IntakeWarning {
  /** Column letter. */
  column: string;
  header: string;
  message: string;
}

export interface IntakeResult {
  file: string;
  sheet: string;
  headerRow: number;
  /** Valid rows, in sheet order. */
  rows: QueueRow[];
  invalid: InvalidRow[];
  /** Every bad cell, file-level problems too (rowNumber 0). */
  problems: CellProblem[];
  staffHeaders: string[];
  /** E.g. a staff column whose header resembles a sent one. */
  warnings: IntakeWarning[];
  /** Row numbers in sheet order, valid and invalid. */
  order: number[];
}

export type IntakeFileErrorCode =
  | 'missing'
  | 'locked'
  | 'unreadable'
  | 'format'
  | 'no-header'
  | 'missing-columns'
  | 'exists'
  /** The file, or the workbook once unpacked, is beyond the limits in limits.ts. */
  | 'too-large'
  /** More rows than one queue may hold (MAX_QUEUE_ROWS). */
  | 'too-many-rows'
  /** Merged areas too big to read (MAX_MERGED_CELLS). */
  | 'merge-too-large';

/** The file cannot be read as a queue at all. The message is Russian and meant for staff. */
export class IntakeFileError extends Error {
  constructor(
    readonly code: IntakeFileErrorCode,
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'IntakeFileError';
  }
}
