// `navbot schedule <queue> --at HH:MM [--days …]`: the unattended night run. On Windows a Task
// Scheduler task (schtasks), on Linux/macOS a crontab line (printed, or added with --install);
// `--print` shows what would be done, `--list` and `--remove` manage what is there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { CliExit, EXIT } from '../exit-codes.js';
import { settingsFor } from '../env.js';
import {
  cronJobs,
  cronLine,
  decodeConsole,
  describeDays,
  hhmm,
  parseDays,
  parseSchtasksCsv,
  parseTime,
  quoteWindowsArg,
  ScheduleError,
  taskName,
  windowsCommandLine,
  windowsCreateArgs,
  windowsDeleteArgs,
  windowsQueryArgs,
  windowsTaskName,
  withCronLine,
  withoutCronLine,
  type ScheduledRun,
  type System,
} from '../setup/schedule.js';

const ENTRY = fileURLToPath(new URL('../../../bin/navbot.mjs', import.meta.url));

export interface ScheduleFlags {
  at?: string;
  days?: string;
  print?: boolean;
  install?: boolean;
  list?: boolean;
  remove?: boolean;
  system?: System;
}

export interface ExecResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

export interface ScheduleDeps {
  say: (line: string) => void;
  /** Runs a program; `verbatim` passes args to Windows exactly as quoted. ENOENT → code 127. */
  exec: (file: string, args: readonly string[], o?: { input?: string; verbatim?: boolean }) => Promise<ExecResult>;
  system: System;
  /** The project folder (where .env is and where the run starts). */
  cwd: string;
  node: string;
  entry: string;
  /** NAVBOT_REPORTS_DIR, for the log; read only when a run is scheduled. */
  reportsDir: () => string;
}

export function defaultExec(file: string, args: readonly string[], o: { input?: string; verbatim?: boolean } = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    // stdin is a pipe only when there is something to write (`crontab -`); `crontab -l` and
    // schtasks get none. A program may still exit before reading all of it: the write then fails
    // with EPIPE on the stdin stream, which would crash navbot unhandled — the program's exit
    // code and stderr say what happened, so that error is dropped.
    const stdin = o.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(file, [...args], { windowsVerbatimArguments: !!o.verbatim, stdio: [stdin, 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: e.code === 'ENOENT' ? 127 : 1, stdout: Buffer.alloc(0), stderr: Buffer.from(e.message) }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(o.input);
    }
  });
}

/** A path as the scheduled command writes it: relative to the project folder when inside it. */
function within(system: System, dir: string, p: string): string {
  const lib = system === 'windows' ? path.win32 : path.posix;
  const abs = lib.resolve(dir, p);
  const rel = lib.relative(dir, abs);
  return rel && !rel.startsWith('..') && !lib.isAbsolute(rel) ? rel : abs;
}

function scheduledRun(queue: string, flags: ScheduleFlags, deps: ScheduleDeps): ScheduledRun {
  if (!flags.at) throw new CliExit(EXIT.invalid, 'Укажите время запуска: --at ЧЧ:ММ, например navbot schedule data/очередь.xlsx --at 02:30');
  try {
    const time = parseTime(flags.at);
    const days = parseDays(flags.days);
    const name = taskName(queue);
    const rel = (p: string) => within(deps.system, deps.cwd, p);
    return {
      name,
      projectDir: deps.cwd,
      node: deps.node,
      entry: rel(deps.entry),
      queue: rel(queue),
      log: rel((deps.system === 'windows' ? path.win32 : path.posix).join(deps.reportsDir(), `schedule-${name}.log`)),
      time,
      days,
    };
  } catch (e) {
    if (e instanceof ScheduleError) throw new CliExit(EXIT.invalid, `navbot schedule: ${e.message}.`);
    throw e;
  }
}

const failed = (what: string, r: ExecResult) =>
  new CliExit(EXIT.invalid, `${what}: ${decodeConsole(r.stderr).trim() || decodeConsole(r.stdout).trim() || `код ${r.code}`}`);

async function readCrontab(deps: ScheduleDeps): Promise<string> {
  const r = await deps.exec('crontab', ['-l']);
  if (r.code === 127) throw new CliExit(EXIT.invalid, 'Команда crontab не найдена: установите cron (например, sudo apt install cron) или добавьте строку в планировщик вручную.');
  if (r.code === 0) return r.stdout.toString('utf8');
  if (/no crontab/i.test(r.stderr.toString('utf8'))) return '';
  throw failed('crontab -l не сработал', r);
}

async function writeCrontab(deps: ScheduleDeps, text: string): Promise<void> {
  const r = await deps.exec('crontab', ['-'], { input: text });
  if (r.code !== 0) throw failed('crontab не принял новую таблицу', r);
}

export async function schedule(queue: string | undefined, flags: ScheduleFlags, deps: ScheduleDeps): Promise<number> {
  const { say } = deps;
  if (flags.list) return listJobs(deps);

  if (!queue) throw new CliExit(EXIT.invalid, 'Укажите файл очереди: navbot schedule data/очередь.xlsx --at 02:30 (или --list).');
  if (flags.remove) return removeJob(taskName(queue), flags, deps);

  const run = scheduledRun(queue, flags, deps);
  if (!fs.existsSync(path.resolve(deps.cwd, queue))) throw new CliExit(EXIT.invalid, `Файл очереди ${queue} не найден (папка проекта ${deps.cwd}).`);
  if (!fs.existsSync(path.join(deps.cwd, '.env'))) {
    say('! В папке проекта нет .env: ночной прогон пойдёт на учебный стенд. Сначала выполните navbot init.');
  }
  const when = `${describeDays(run.days)} в ${hhmm(run.time)}`;
  say(`Ночной прогон: navbot run ${run.queue} — ${when}, в папке ${run.projectDir}.`);
  say(`Вывод каждого запуска дописывается в ${run.log}; отчёты — в папках прогонов, как обычно.`);
  return deps.system === 'windows' ? createWindowsTask(run, queue, flags, deps) : addCronLine(run, queue, flags, deps);
}

/** --list: navbot's tasks in the Windows scheduler, or its crontab lines. */
async function listJobs(deps: ScheduleDeps): Promise<number> {
  const { say } = deps;
  if (deps.system === 'windows') {
    const r = await deps.exec('schtasks', windowsQueryArgs());
    if (r.code !== 0) throw failed('schtasks /Query не сработал', r);
    const tasks = parseSchtasksCsv(decodeConsole(r.stdout));
    if (!tasks.length) say('Заданий navbot в планировщике Windows нет.');
    for (const t of tasks) say(`${t.name} — следующий запуск: ${t.nextRun || '—'}; состояние: ${t.status || '—'}`);
  } else {
    const jobs = cronJobs(await readCrontab(deps));
    if (!jobs.length) say('Строк navbot в crontab нет.');
    for (const j of jobs) say(j);
  }
  return EXIT.ok;
}

/** --remove: the queue's Windows task or crontab line (--print: only say what would go). */
async function removeJob(name: string, flags: ScheduleFlags, deps: ScheduleDeps): Promise<number> {
  const { say } = deps;
  if (deps.system === 'windows') {
    const args = windowsDeleteArgs(name);
    say(`Команда: ${windowsCommandLine('schtasks', args)}`);
    if (flags.print) return EXIT.ok;
    const r = await deps.exec('schtasks', args.map(quoteWindowsArg), { verbatim: true });
    if (r.code !== 0) throw failed(`Задание «${windowsTaskName(name)}» не удалено`, r);
    say(`✓ Задание «${windowsTaskName(name)}» удалено.`);
    return EXIT.ok;
  }
  const before = await readCrontab(deps);
  const after = withoutCronLine(before, name);
  if (after === before) {
    say(`В crontab нет строки navbot для очереди «${name}».`);
    return EXIT.ok;
  }
  if (flags.print) {
    say(`Из crontab будет удалена строка для очереди «${name}».`);
    return EXIT.ok;
  }
  await writeCrontab(deps, after);
  say(`✓ Строка для очереди «${name}» удалена из crontab.`);
  return EXIT.ok;
}

/** Windows: the scheduler task (--print: only the command). */
async function createWindowsTask(run: ScheduledRun, queue: string, flags: ScheduleFlags, deps: ScheduleDeps): Promise<number> {
  const { say } = deps;
  let args: string[];
  try {
    args = windowsCreateArgs(run);
  } catch (e) {
    if (e instanceof ScheduleError) throw new CliExit(EXIT.invalid, `navbot schedule: ${e.message}`);
    throw e;
  }
  say(`Команда: ${windowsCommandLine('schtasks', args)}`);
  if (flags.print) return EXIT.ok;
  fs.mkdirSync(path.resolve(deps.cwd, deps.reportsDir()), { recursive: true }); // the log's folder must exist for >>
  const r = await deps.exec('schtasks', args.map(quoteWindowsArg), { verbatim: true });
  if (r.code !== 0) throw failed('Планировщик Windows не создал задание', r);
  say(`✓ Задание «${windowsTaskName(run.name)}» создано. Посмотреть: navbot schedule --list; удалить: navbot schedule ${queue} --remove.`);
  say('Компьютер в это время должен быть включён, а вы — вошли в Windows (экран можно заблокировать).');
  return EXIT.ok;
}

/** Linux/macOS: the crontab line, printed, or added with --install. */
async function addCronLine(run: ScheduledRun, queue: string, flags: ScheduleFlags, deps: ScheduleDeps): Promise<number> {
  const { say } = deps;
  const line = cronLine(run);
  if (!flags.install || flags.print) {
    say('Строка для crontab:');
    say(line);
    if (!flags.install) say(`Добавить её: navbot schedule ${queue} --at ${hhmm(run.time)}${flags.days ? ` --days ${flags.days}` : ''} --install (или crontab -e и вставить строку).`);
    return EXIT.ok;
  }
  fs.mkdirSync(path.resolve(deps.cwd, deps.reportsDir()), { recursive: true }); // the log's folder must exist for >>
  await writeCrontab(deps, withCronLine(await readCrontab(deps), run));
  say(`✓ Строка добавлена в crontab (прежняя строка этой очереди, если была, заменена):\n${line}`);
  return EXIT.ok;
}

export function register(program: Command): void {
  program
    .command('schedule')
    .description('ночной прогон по расписанию: задание планировщика Windows или строка crontab')
    .argument('[file]', 'файл очереди (.xlsx или .csv)')
    .option('--at <ЧЧ:ММ>', 'время запуска, например 02:30')
    .option('--days <дни>', 'дни: пн-пт, пн,ср,пт, будни, выходные (по умолчанию — каждый день)')
    .option('--print', 'только показать, что будет сделано')
    .option('--install', 'Linux/macOS: добавить строку в crontab')
    .option('--list', 'показать задания navbot')
    .option('--remove', 'удалить задание этой очереди')
    .addOption(new Option('--system <windows|unix>', 'для какой системы составить команду (для проверки)').choices(['windows', 'unix']).hideHelp())
    .action(async (file: string | undefined, flags: ScheduleFlags) => {
      const system: System = flags.system ?? (process.platform === 'win32' ? 'windows' : 'unix');
      process.exitCode = await schedule(file, flags, {
        say: (line) => process.stdout.write(`${line}\n`),
        exec: defaultExec,
        system,
        cwd: process.cwd(),
        node: process.execPath,
        entry: ENTRY,
        reportsDir: () => settingsFor().reportsDir,
      });
    });
}
