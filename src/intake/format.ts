// Problems and summaries in Russian, for the console and for the report.
import type { CellProblem, IntakeResult } from './types.js';
import { shown } from './text.js';

const where = (p: CellProblem) => (p.column ? `столбец ${p.column} «${p.header}»` : `столбец «${p.header}»`);

/** Ends a clause with a full stop (a problem follows a colon, so it stays lower-case). */
const sentence = (s: string) => {
  const t = s.trim();
  return t === '' || /[.!?…]$/.test(t) ? t : `${t}.`;
};

/** One line: «Строка 7, столбец C «Пол»: значение «Мж» не распознано. … Как исправить: …» */
export function formatProblem(p: CellProblem): string {
  const head = p.rowNumber > 0 ? `Строка ${p.rowNumber}, ${where(p)}` : p.column ? `Заголовки, ${where(p)}` : `Настройки, ${where(p)}`;
  return `${head}: ${sentence(p.problem)}${p.fix ? ` Как исправить: ${sentence(p.fix)}` : ''}`;
}

export function formatSummary(r: IntakeResult): string {
  return `Проверено строк: ${r.order.length}, готовы: ${r.rows.length}, с ошибками: ${r.invalid.length}`;
}

/** Every problem, grouped by row (file-level ones first), then the summary line. */
export function formatReport(r: IntakeResult): string {
  const lines: string[] = [];
  lines.push(`Файл: ${r.file}, лист «${r.sheet}», заголовки в строке ${r.headerRow}.`);
  if (r.warnings.length > 0) {
    lines.push('', 'Предупреждения (работе не мешают, но проверьте):');
    for (const w of r.warnings) lines.push(`  • ${w.message}`);
  }
  const general = r.problems.filter((p) => p.rowNumber === 0);
  if (general.length > 0) {
    lines.push('', 'Ошибки в файле целиком (робот не начнёт работу, пока они есть):');
    for (const p of general) lines.push(`  • ${formatProblem(p).replace(/^[^:]+: /, `${where(p)}: `)}`);
  }
  for (const row of r.invalid) {
    lines.push('', `Строка ${row.rowNumber}${row.key ? ` (ключ «${shown(row.key)}»)` : ''}:`);
    for (const p of row.problems) {
      const value = p.value.trim() === '' ? 'пусто' : `«${shown(p.value)}»`;
      lines.push(`  • ${p.column || '—'} «${p.header}» = ${value}: ${sentence(p.problem)}`);
      if (p.fix) lines.push(`    Как исправить: ${sentence(p.fix)}`);
    }
  }
  if (lines.length > 1) lines.push('');
  const verdict = r.problems.length > 0 ? '.' : r.order.length === 0 ? '. В очереди пока нет ни одной строки.' : '. Все строки в порядке.';
  lines.push(formatSummary(r) + verdict);
  return lines.join('\n');
}

/** A short reason for a skipped row (run --skip-invalid). */
export function skipReason(problems: readonly CellProblem[]): string {
  return problems.map((p) => `${p.column || '—'} «${p.header}»: ${p.problem}`).join('; ');
}

/** Alias of formatReport: every problem grouped by row, then the summary line. */
export const formatProblems = formatReport;
