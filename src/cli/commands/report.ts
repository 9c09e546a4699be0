// `navbot report [run-id]`: rebuilds a run's report.xlsx and report.html from run.json, the run's
// events and the journal — for the latest run by default, also after a crash.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildReport, latestRunId } from '../../report/build.js';
import { hasRunMeta, RunMetaError } from '../../report/meta.js';
import { settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { legacyReport } from '../flow-option.js';

/** A run id as navbot names run folders (2025-05-17T12-03-04-a1b2): one plain folder name. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The folder of a run under the reports folder (NAVBOT_REPORTS_DIR). The report is written into
 * it, so the id must name a folder right there: no path, no «..», no separators, no link that
 * leads elsewhere.
 */
export function resolveRunDir(reportsDir: string, runId: string | undefined): string {
  if (runId === undefined) {
    const latest = latestRunId(reportsDir);
    if (!latest) throw new CliExit(EXIT.invalid, `В папке отчётов ${path.resolve(reportsDir)} нет ни одного прогона. Сначала запустите navbot run.`);
    return insideReports(reportsDir, path.join(reportsDir, latest));
  }
  if (!RUN_ID.test(runId) || runId.includes('..')) {
    throw new CliExit(
      EXIT.invalid,
      `«${runId.replace(/[\u0000-\u001f\u007f]/g, '?')}» — не идентификатор прогона. Укажите имя папки прогона из папки отчётов ` +
        `${path.resolve(reportsDir)} (например, 2025-05-17T12-03-04-a1b2) — без пути, «..», «/» и «\\».`,
    );
  }
  const dir = path.join(reportsDir, runId);
  if (hasRunMeta(dir)) return insideReports(reportsDir, dir);
  const known = fs.existsSync(reportsDir) ? fs.readdirSync(reportsDir).filter((n) => hasRunMeta(path.join(reportsDir, n))).slice(-5) : [];
  throw new CliExit(
    EXIT.invalid,
    `Прогон «${runId}» не найден в папке ${path.resolve(reportsDir)}.` + (known.length ? `\nПоследние прогоны: ${known.join(', ')}` : ''),
  );
}

/** `dir` itself, when it really is a folder of the reports folder (not a link leading elsewhere). */
function insideReports(reportsDir: string, dir: string): string {
  let inside = false;
  try {
    inside = path.dirname(fs.realpathSync(dir)) === fs.realpathSync(reportsDir);
  } catch {
    inside = false;
  }
  if (!inside) {
    throw new CliExit(EXIT.invalid, `Папка прогона ${dir} — ссылка за пределы папки отчётов ${path.resolve(reportsDir)}: отчёт в неё не записывается.`);
  }
  return dir;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('пересобрать отчёт прогона (report.xlsx и report.html); по умолчанию — последнего')
    .argument('[run-id]', 'идентификатор прогона — имя его папки в папке отчётов (NAVBOT_REPORTS_DIR)')
    .action(async (runId: string | undefined) => {
      const settings = settingsFor();
      const runDir = resolveRunDir(settings.reportsDir, runId);
      let built;
      try {
        built = await buildReport(runDir, legacyReport());
      } catch (e) {
        if (e instanceof RunMetaError) throw new CliExit(EXIT.invalid, e.message);
        throw e;
      }
      const counts = built.shown
        .filter((s) => built.counts[s] > 0)
        .map((s) => `${built.labels[s]}: ${built.counts[s]}`)
        .join(', ');
      process.stdout.write(
        [
          `Отчёт прогона ${path.basename(runDir)} собран.`,
          `  Таблица: ${path.resolve(built.xlsx)}`,
          `  Страница: ${path.resolve(built.html)}`,
          `  Строки: ${counts || 'нет'}`,
          ...built.warnings.map((w) => `  Внимание: ${w}`),
          '',
        ].join('\n'),
      );
    });
}
