import { Option, type Command } from 'commander';
import { SCHEDULED_FLAG, scheduledHeader } from '../setup/schedule.js';
import { settingsFor } from '../env.js';
import { executeBatch, type BatchResult, type BatchRow } from '../batch.js';
import { rowsWord } from '../../report/summary-mail.js';
import { interruptSignal } from '../interrupt.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { notifyRun, runFolders, startedRunDir } from '../notify.js';
import { flowHelp } from '../flow-option.js';
import { loadFlow } from '../flow-load.js';
import type { FlowPlugin } from '../../../flows/index.js';
import { wordsOf } from '../../core/layout.js';
import { personCanSee } from '../../config/settings.js';
import { phaseStep } from '../../runner/phase.js';
import { phaseIntro, phaseOutro } from '../phase-lines.js';

export interface RunFlags {
  flow?: string;
  concurrency?: string;
  only?: string[];
  headed?: boolean;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Started by `navbot schedule`'s task or crontab line: a dated first line for the log. */
  scheduled?: boolean;
  /** A phase split: each row ends after this step (`--until register`: the attended day phase). */
  until?: string;
}

/** How many stopping rows a dry run's summary names before «и ещё N». */
const STOPS_LISTED = 10;

/**
 * A dry run's summary: every row counted by what a real run would do with it — do it, find it
 * done, or stop (each stop named with its reason), or not reach it (the dry run itself stopped).
 */
export function dryRunLines(rows: readonly BatchRow[]): string[] {
  const will = rows.filter((r) => r.status === 'dry-run' && r.planned?.length);
  const done = rows.filter((r) => r.status === 'already' || (r.status === 'dry-run' && !r.planned?.length));
  const unreached = rows.filter((r) => r.status === 'pending');
  const stops = rows.filter((r) => !will.includes(r) && !done.includes(r) && !unreached.includes(r));
  const parts = [`будет сделано: ${will.length}`, `уже сделано: ${done.length}`, `остановится: ${stops.length}`];
  if (unreached.length) parts.push(`не проверено: ${unreached.length}`);
  const lines = [`Итог пробного прогона (ничего не записано): ${rowsWord(rows.length)} — ${parts.join(', ')}.`];
  if (stops.length) {
    lines.push('Остановятся (причина и что делать — в отчёте):');
    for (const r of stops.slice(0, STOPS_LISTED)) lines.push(`  • строка ${r.rowNumber}, ключ «${r.key}»: ${r.reason ?? 'причина в отчёте'}`);
    if (stops.length > STOPS_LISTED) lines.push(`  … и ещё ${stops.length - STOPS_LISTED} — см. отчёт.`);
  }
  if (unreached.length) lines.push(`Не проверено: ${unreached.length} — пробный прогон остановился раньше (почему — выше и в отчёте).`);
  return lines;
}

export function printResult(r: BatchResult, say: (line: string) => void, flow: FlowPlugin): void {
  say('');
  const c = r.counts ?? {};
  const n = (k: string) => c[k] ?? 0;
  if (r.mode === 'dry-run' && r.rows) for (const line of dryRunLines(r.rows)) say(line);
  else if (r.mode === 'dry-run' || n('dry-run') > 0) say('Итог пробного прогона: ничего не записано; что было бы с каждой строкой — в отчёте.');
  else say(`Итог: ${flow.layout.statuses.filter((s) => !s.rare || n(s.status) > 0).map((s) => `${s.count} ${n(s.status)}`).join(', ')}.`);
  if (n('incomplete') > 0) {
    say(`${wordsOf(flow.layout, 'incomplete').label} — ${n('incomplete')}: что именно, написано у каждой строки в отчёте (столбцы «Причина» и «Что делать»).`);
  }
  if (n('duplicate') > 0) {
    say(`${wordsOf(flow.layout, 'duplicate').label} — ${n('duplicate')}: какую запись оставить и какую удалить в админ-панели, написано у каждой строки в отчёте («Причина» и «Что делать»). navbot по этим строкам больше ничего не создаёт.`);
  }
  say(`Отчёт: ${r.reportHtml ?? '(не построен)'}`);
  if (r.reportXlsx) say(`Таблица: ${r.reportXlsx}`);
  say(`Папка прогона: ${r.runDir}`);
}

export function register(program: Command): void {
  program
    .command('run')
    .description('обработать очередь: выдать сертификаты учёта (или выполнить другую процедуру, --flow)')
    .argument('<file>', 'файл очереди (.xlsx или .csv)')
    .option('--flow <name>', flowHelp())
    .option('--concurrency <n>', 'число параллельных потоков (NAVBOT_CONCURRENCY)')
    .option('--only <keys...>', 'обработать только строки с этими ключами')
    .option('--headed', 'показывать окно браузера', false)
    .option('--dry-run', 'пробный прогон: ничего не записывать, показать, что будет сделано', false)
    .option('--skip-invalid', 'пропустить строки с ошибками (в отчёте они будут «Пропущен»)', false)
    .option(
      '--until <step>',
      'остановить каждую строку после шага (register — регистрация на сайте): днём с --headed человек отмечает «Я не робот», остальное сделает ночной запуск без --until',
    )
    .addOption(new Option(SCHEDULED_FLAG, 'запуск по расписанию (navbot schedule): первой строкой вывода — дата и время').hideHelp())
    .addHelpText(
      'after',
      '\nПроверка «Я не робот» на сайте региона:\n  днём:  navbot run очередь.xlsx --until register --headed   (отметить «Я не робот» для каждой строки)\n  ночью: обычный запуск по расписанию (navbot schedule очередь.xlsx --at 02:30) — остальное без человека',
    )
    .action(async (file: string, flags: RunFlags) => {
      // First, before anything can fail: the log of the nights then shows where each one starts.
      if (flags.scheduled) process.stdout.write(`\n${scheduledHeader(new Date(), file)}\n`);
      const flow = await loadFlow(flags.flow);
      const until = flags.until === undefined ? undefined : phaseStep(flow, flags.until);
      if (until && 'problem' in until) throw new CliExit(EXIT.invalid, until.problem);
      const overrides = {
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(flags.headed ? { headless: false } : {}),
      };
      let settings = settingsFor(overrides);
      const say = (line: string) => process.stdout.write(`${line}\n`);
      if (until) {
        // A person passes one captcha at a time, in one window: the attended phase runs rows one by one.
        if (personCanSee(settings) && settings.concurrency > 1) settings = settingsFor({ ...overrides, concurrency: 1 });
        for (const line of phaseIntro(flow, until.step, settings)) say(line);
      }
      const interrupt = interruptSignal(say);
      // Every run ends with the summary e-mail (when set up), also one that threw after it started.
      const before = runFolders(settings.reportsDir);
      let result: BatchResult;
      try {
        result = await executeBatch({
          file,
          settings,
          flow,
          mode: flags.dryRun ? 'dry-run' : 'run',
          ...(flags.only ? { only: flags.only } : {}),
          skipInvalid: flags.skipInvalid ?? false,
          signal: interrupt.signal,
          ...(until ? { until: until.step } : {}),
        });
      } catch (e) {
        interrupt.dispose();
        const runDir = startedRunDir(settings.reportsDir, before, file);
        const failure = ((e as Error)?.message ?? String(e)).split('\n')[0]!;
        await notifyRun({ settings, file, exitCode: e instanceof CliExit ? e.code : EXIT.rowsFailed, ...(runDir ? { runDir } : {}), failure });
        throw e;
      } finally {
        interrupt.dispose();
      }
      printResult(result, say, flow);
      if (until) for (const line of phaseOutro(until.step, settings)) say(line);
      process.exitCode = result.exitCode;
      await notifyRun({ settings, file, exitCode: result.exitCode, runDir: result.runDir });
    });
}
