// `navbot purge [--dry-run]`: deletes now what every run's start deletes — run folders and doctor
// surveys older than NAVBOT_KEEP_DAYS (screenshots, pages, traces, PDFs, reports). The ledger is
// never deleted. --dry-run only lists.
import type { Command } from 'commander';
import { purgeLines, purgeOld } from '../../report/purge.js';
import { settingsFor } from '../env.js';
import { EXIT } from '../exit-codes.js';

export function purge(o: { dryRun?: boolean; keepDays?: string }, out: (line: string) => void = (l) => void process.stdout.write(`${l}\n`)): number {
  const s = settingsFor(o.keepDays !== undefined ? { keepDays: o.keepDays } : {});
  const r = purgeOld({ reportsDir: s.reportsDir, stateDir: s.stateDir, keepDays: s.keepDays, ...(o.dryRun ? { dryRun: true } : {}) });
  const lines = purgeLines(r, s.keepDays, o.dryRun);
  if (lines.length === 0) out(`Удалять нечего: в ${s.reportsDir} нет папок старше ${s.keepDays} дн. (NAVBOT_KEEP_DAYS). Журнал (${s.stateDir}) не удаляется никогда.`);
  for (const l of lines) out(l);
  return r.failed.length ? EXIT.rowsFailed : EXIT.ok;
}

export function register(program: Command): void {
  program
    .command('purge')
    .description('удалить папки прогонов и осмотры doctor старше NAVBOT_KEEP_DAYS дней (снимки, трассы, отчёты); журнал не удаляется')
    .option('--dry-run', 'только показать, что будет удалено')
    .option('--keep-days <N>', 'вместо NAVBOT_KEEP_DAYS')
    .action((opts: { dryRun?: boolean; keepDays?: string }) => {
      process.exitCode = purge(opts);
    });
}
