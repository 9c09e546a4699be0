// The outcome of normalising one cell: a value, or what is wrong and how to fix it (Russian).
import type { CellValue } from './cells.js';
import { controlChars } from './text.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string; fix: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const bad = (problem: string, fix: string): Checked<never> => ({ ok: false, problem, fix });

/** A sent cell holding control characters (NUL and the like) is refused before it is read. */
export function controlProblem(cell: CellValue): Checked<never> | undefined {
  const text = cell.kind === 'text' ? cell.text : cell.kind === 'formula' ? cell.formula : '';
  const codes = controlChars(text);
  if (codes.length === 0) return undefined;
  return bad(
    `в ячейке есть невидимые служебные символы (${codes.slice(0, 3).join(', ')})`,
    'Очистите ячейку и впишите значение заново с клавиатуры: такие символы попадают при копировании из других программ.',
  );
}
