// What `run` may start with: every row valid, or (with --skip-invalid) the valid ones, the
// others reported as skipped with the reason. A problem with the file as a whole always stops.
import { formatReport, skipReason } from './format.js';
import type { CellProblem, IntakeResult, QueueRow } from './types.js';

export interface SkippedRow {
  rowNumber: number;
  key?: string;
  reason: string;
  problems: CellProblem[];
  staff: Record<string, string>;
}

export interface RunPlan {
  rows: QueueRow[];
  skipped: SkippedRow[];
}

/** The queue has problems and the run must not start. The message lists them (Russian). */
export class IntakeInvalidError extends Error {
  constructor(readonly result: IntakeResult, hint: string) {
    super(`${formatReport(result)}\n${hint}`);
    this.name = 'IntakeInvalidError';
  }
}

export function planRun(result: IntakeResult, options: { skipInvalid?: boolean } = {}): RunPlan {
  if (result.problems.some((p) => p.rowNumber === 0)) {
    throw new IntakeInvalidError(result, 'Запуск невозможен: исправьте ошибки в файле целиком.');
  }
  if (result.invalid.length > 0 && !options.skipInvalid) {
    throw new IntakeInvalidError(
      result,
      'Запуск невозможен, пока в очереди есть строки с ошибками. Исправьте их или запустите с --skip-invalid, чтобы пропустить эти строки.',
    );
  }
  return {
    rows: result.rows,
    skipped: result.invalid.map((r) => ({
      rowNumber: r.rowNumber,
      ...(r.key !== undefined ? { key: r.key } : {}),
      reason: skipReason(r.problems),
      problems: r.problems,
      staff: r.staff,
    })),
  };
}
