// `navbot schedule`: the command lines that make the operating system run `navbot run <queue>`
// at night, in the project folder, with the console output kept in a log. Windows: a Task
// Scheduler task made by schtasks. Linux/macOS: a crontab line. Pure functions: the command
// (src/cli/commands/schedule.ts) runs them, the tests read them.
import iconv from 'iconv-lite';

export type System = 'windows' | 'unix';

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** Monday first, as staff count days; index 0 = Monday … 6 = Sunday. */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export const DAY_LABELS = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'] as const;
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];

const DAY_WORDS: Record<string, number> = {};
for (const [i, names] of [
  ['пн', 'пон', 'понедельник', 'mon', 'monday'],
  ['вт', 'вто', 'вторник', 'tue', 'tuesday'],
  ['ср', 'сре', 'среда', 'wed', 'wednesday'],
  ['чт', 'чет', 'четверг', 'thu', 'thursday'],
  ['пт', 'пят', 'пятница', 'fri', 'friday'],
  ['сб', 'суб', 'суббота', 'sat', 'saturday'],
  ['вс', 'вос', 'воскресенье', 'sun', 'sunday'],
].entries()) {
  for (const n of names) DAY_WORDS[n] = i;
}
const DAY_SETS: Record<string, number[]> = {
  ежедневно: ALL_DAYS,
  'каждый день': ALL_DAYS,
  daily: ALL_DAYS,
  '*': ALL_DAYS,
  будни: [0, 1, 2, 3, 4],
  weekdays: [0, 1, 2, 3, 4],
  выходные: [5, 6],
  weekend: [5, 6],
};

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

/** "2:05", "02:05" → { hour: 2, minute: 5 }. */
export function parseTime(s: string): TimeOfDay {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(s);
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    throw new ScheduleError(`время «${s}» не понятно: укажите ЧЧ:ММ по 24-часовым часам, например --at 02:30`);
  }
  return { hour, minute };
}

export const hhmm = (t: TimeOfDay) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** "пн-пт", "пн,ср,пт", "будни", "mon-fri", "ежедневно" (also the default) → day indexes, Monday = 0. */
export function parseDays(s: string | undefined): number[] {
  const text = (s ?? '').trim().toLowerCase().replace(/ё/g, 'е');
  if (text === '' || DAY_SETS[text]) return [...(DAY_SETS[text] ?? ALL_DAYS)];
  const out = new Set<number>();
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const set = DAY_SETS[part];
    if (set) {
      for (const d of set) out.add(d);
      continue;
    }
    const range = part.split(/[-–—]/);
    const ends = range.map((r) => DAY_WORDS[r.replace(/\.$/, '')]);
    if ((range.length === 1 || range.length === 2) && ends.every((e) => e !== undefined)) {
      const [from, to] = [ends[0]!, ends.at(-1)!];
      for (let d = from; ; d = (d + 1) % 7) {
        out.add(d);
        if (d === to) break;
      }
      continue;
    }
    throw new ScheduleError(`день «${part}» не понятен: укажите дни так — пн,ср,пт или пн-пт, будни, выходные, ежедневно`);
  }
  return [...out].sort((a, b) => a - b);
}

export function describeDays(days: readonly number[]): string {
  if (days.length === 7) return 'каждый день';
  if (days.join() === '0,1,2,3,4') return 'по будням (пн–пт)';
  return `по дням: ${days.map((d) => DAY_LABELS[d]).join(', ')}`;
}

/** What runs, where and when. Paths as they will be written: relative to the project folder when inside it. */
export interface ScheduledRun {
  /** The task's name: the queue file's name without extension. */
  name: string;
  /** Absolute project folder (where .env is). */
  projectDir: string;
  /** Absolute path of node. */
  node: string;
  /** navbot's entry script (bin/navbot.mjs). */
  entry: string;
  /** The queue file. */
  queue: string;
  /** Where the console output of each night is appended. */
  log: string;
  time: TimeOfDay;
  days: number[];
}

/**
 * What the scheduled command adds to `navbot run`: navbot then starts its output with a dated line,
 * so that each night's part of the log can be found (the same on Windows and Linux, no shell tricks).
 */
export const SCHEDULED_FLAG = '--scheduled';

/** The first line of a scheduled run in the log: «===== 06.12.2026 02:30:00 — navbot run data/очередь.xlsx (по расписанию) =====». */
export function scheduledHeader(now: Date, queue: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(now.getDate())}.${pad(now.getMonth() + 1)}.${now.getFullYear()}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `===== ${day} ${time} — navbot run ${queue} (по расписанию) =====`;
}

/** A task or crontab name from the queue's file name: no characters the systems reserve. */
export function taskName(queueFile: string): string {
  const base = queueFile.replace(/\\/g, '/').split('/').pop() ?? queueFile;
  const stem = base.replace(/\.(xlsx|csv|xlsm|xls)$/i, '');
  return stem.replace(/[\\/:*?"<>|%#\r\n]/g, '_').trim() || 'очередь';
}

// ---- Windows: schtasks ------------------------------------------------------------------------

/** The folder of navbot's tasks in Task Scheduler. */
export const TASK_FOLDER = 'navbot';
/** schtasks refuses a /TR longer than this. */
export const MAX_TASK_RUN = 261;

export const windowsTaskName = (name: string) => `${TASK_FOLDER}\\${name}`;

/**
 * The command the task runs (schtasks /TR): cmd changes to the project folder, runs navbot and
 * appends its output to the log. With /s, cmd drops the outer quotes and keeps the inner ones,
 * so every path is quoted as it is: spaces and Cyrillic need nothing more. A path with % would be
 * expanded by cmd, and " cannot occur in a Windows path: both are refused.
 */
export function windowsTaskCommand(r: ScheduledRun): string {
  for (const p of [r.projectDir, r.node, r.entry, r.queue, r.log]) {
    if (/[%"]/.test(p)) throw new ScheduleError(`путь «${p}» содержит знак % или кавычку — планировщик Windows его исказит. Переименуйте папку или файл.`);
  }
  const q = (p: string) => `"${p}"`;
  const tr = `cmd /d /s /c "cd /d ${q(r.projectDir)} && ${q(r.node)} ${q(r.entry)} run ${q(r.queue)} ${SCHEDULED_FLAG} >> ${q(r.log)} 2>&1"`;
  if (tr.length > MAX_TASK_RUN) {
    throw new ScheduleError(
      `команда задания получается длиннее ${MAX_TASK_RUN} знаков (${tr.length}) — столько планировщик Windows не принимает. Перенесите папку проекта ближе к корню диска (например, C:\\navbot) или дайте очереди короткое имя.`,
    );
  }
  return tr;
}

export function windowsCreateArgs(r: ScheduledRun): string[] {
  const weekly = r.days.length < 7;
  return [
    '/Create',
    '/F',
    '/TN',
    windowsTaskName(r.name),
    '/TR',
    windowsTaskCommand(r),
    '/SC',
    weekly ? 'WEEKLY' : 'DAILY',
    ...(weekly ? ['/D', r.days.map((d) => WEEKDAYS[d]).join(',')] : []),
    '/ST',
    hhmm(r.time),
  ];
}

export const windowsDeleteArgs = (name: string) => ['/Delete', '/F', '/TN', windowsTaskName(name)];
export const windowsQueryArgs = () => ['/Query', '/FO', 'CSV', '/NH'];

/**
 * One argument as Windows programs parse their command line (the MSVC rules schtasks follows):
 * quoted when it has a space, a tab or a quote; an inner quote becomes \" and the backslashes
 * right before a quote (or before the closing quote) are doubled.
 */
export function quoteWindowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      slashes++;
      continue;
    }
    if (ch === '"') {
      out += '\\'.repeat(slashes * 2 + 1) + '"';
    } else {
      out += '\\'.repeat(slashes) + ch;
    }
    slashes = 0;
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}

/** The command line as typed in cmd, and exactly as navbot passes it (verbatim) to schtasks. */
export function windowsCommandLine(exe: string, args: readonly string[]): string {
  return [exe, ...args].map(quoteWindowsArg).join(' ');
}

/** schtasks' output: UTF-8 when the console says so, else the Russian OEM code page (866). */
export function decodeConsole(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'cp866');
  }
}

export interface ListedTask {
  name: string;
  nextRun: string;
  status: string;
}

/** navbot's tasks from `schtasks /Query /FO CSV /NH` (columns: name, next run, status, in any language). */
export function parseSchtasksCsv(text: string): ListedTask[] {
  const out: ListedTask[] = [];
  for (const line of text.split(/\r?\n/)) {
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
    const [name, nextRun = '', status = ''] = cells;
    if (name?.toLowerCase().startsWith(`\\${TASK_FOLDER}\\`) && !out.some((t) => t.name === name)) out.push({ name, nextRun, status });
  }
  return out;
}

// ---- Linux / macOS: crontab -------------------------------------------------------------------

/** A word for sh: single-quoted when it is not plain. */
export function posixQuote(s: string): string {
  if (/^[\w@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Cron turns an unescaped % into a line break before the shell sees the command. */
const cronEscape = (s: string) => s.replace(/%/g, '\\%');

export const cronMarker = (name: string) => `# navbot: ${name}`;

/** The crontab line: minute hour * * weekdays, then the command with its marker comment. */
export function cronLine(r: ScheduledRun): string {
  const dow = r.days.length === 7 ? '*' : r.days.map((d) => (d + 1) % 7).sort((a, b) => a - b).join(',');
  const q = (p: string) => cronEscape(posixQuote(p));
  const command = `cd ${q(r.projectDir)} && ${q(r.node)} ${q(r.entry)} run ${q(r.queue)} ${SCHEDULED_FLAG} >> ${q(r.log)} 2>&1`;
  return `${r.time.minute} ${r.time.hour} * * ${dow} ${command} ${cronMarker(r.name)}`;
}

const isJobOf = (line: string, name?: string) => (name === undefined ? /# navbot: .+$/.test(line) : line.endsWith(` ${cronMarker(name)}`));

/** The crontab's navbot lines. */
export function cronJobs(crontab: string): string[] {
  return crontab.split('\n').filter((l) => !l.trimStart().startsWith('#') && isJobOf(l));
}

/** The crontab with this queue's line added, replacing an earlier one for the same queue. */
export function withCronLine(crontab: string, r: ScheduledRun): string {
  const kept = withoutCronLine(crontab, r.name).replace(/\n*$/, '');
  return `${kept ? `${kept}\n` : ''}${cronLine(r)}\n`;
}

export function withoutCronLine(crontab: string, name: string): string {
  const lines = crontab.split('\n').filter((l) => l.trimStart().startsWith('#') || !isJobOf(l, name));
  const text = lines.join('\n').replace(/\n*$/, '');
  return text ? `${text}\n` : '';
}
