// `navbot report [run-id]`: rebuilds a run's report.xlsx and report.html from run.json, the run's
// events and the journal — for the latest run by default, also after a crash.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildReport, latestRunId } from '../../report/build.js';
import { STATUS_LABEL, STATUSES } from '../../report/labels.js';
import { hasRunMeta, RunMetaError } from '../../report/meta.js';
import { settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';

/** A run id under the reports folder, or a path to a run folder. */
function resolveRunDir(reportsDir: string, runId: string | undefined): string {
  if (runId === undefined) {
    const latest = latestRunId(reportsDir);
    if (!latest) throw new CliExit(EXIT.invalid, `В папке отчётов ${path.resolve(reportsDir)} нет ни одного прогона. Сначала запустите navbot run.`);
    return path.join(reportsDir, latest);
  }
  const candidates = [path.join(reportsDir, runId), runId];
  const found = candidates.find((dir) => hasRunMeta(dir));
  if (found) return found;
  const known = fs.existsSync(reportsDir) ? fs.readdirSync(reportsDir).filter((n) => hasRunMeta(path.join(reportsDir, n))).slice(-5) : [];
  throw new CliExit(
    EXIT.invalid,
    `Прогон «${runId}» не найден в папке ${path.resolve(reportsDir)}.` + (known.length ? `\nПоследние прогоны: ${known.join(', ')}` : ''),
  );
}

export function register(program: Command): void {
  program
    .command('report')
    .description('пересобрать отчёт прогона (report.xlsx и report.html); по умолчанию — последнего')
    .argument('[run-id]', 'идентификатор прогона (имя папки в папке отчётов) или путь к папке прогона')
    .action(async (runId: string | undefined) => {
      const settings = settingsFor();
      const runDir = resolveRunDir(settings.reportsDir, runId);
      let built;
      try {
        built = await buildReport(runDir);
      } catch (e) {
        if (e instanceof RunMetaError) throw new CliExit(EXIT.invalid, e.message);
        throw e;
      }
      const counts = STATUSES.filter((s) => built.counts[s] > 0)
        .map((s) => `${STATUS_LABEL[s]}: ${built.counts[s]}`)
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
