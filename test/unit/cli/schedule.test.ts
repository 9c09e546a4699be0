// `navbot schedule`: the generated schtasks and crontab command lines — paths with spaces,
// Cyrillic, quotes and % — read back as Windows and sh would read them, and the command's
// create/list/remove against a fake schtasks and crontab.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register as registerRun } from '../../../src/cli/commands/run.js';
import { defaultExec, schedule, type ExecResult, type ScheduleDeps } from '../../../src/cli/commands/schedule.js';
import { CliExit } from '../../../src/cli/exit-codes.js';
import {
  cronJobs,
  cronLine,
  decodeConsole,
  parseDays,
  parseSchtasksCsv,
  parseTime,
  quoteWindowsArg,
  scheduledHeader,
  taskName,
  windowsCommandLine,
  windowsCreateArgs,
  windowsTaskCommand,
  withCronLine,
  withoutCronLine,
  type ScheduledRun,
} from '../../../src/cli/setup/schedule.js';

/**
 * How a Windows program splits its command line (CommandLineToArgvW / MSVC rules), written
 * independently of quoteWindowsArg: 2n backslashes + quote → n backslashes and a quote toggles;
 * 2n+1 backslashes + quote → n backslashes and a literal quote; other backslashes are literal.
 */
function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n++;
        i++;
      }
      if (line[i] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) cur += '"';
        else inQuotes = !inQuotes;
      } else {
        cur += '\\'.repeat(n);
        i--;
      }
      started = true;
    } else if (ch === '"') {
      inQuotes = !inQuotes;
      started = true;
    } else if ((ch === ' ' || ch === '\t') && !inQuotes) {
      if (started) args.push(cur);
      cur = '';
      started = false;
    } else {
      cur += ch;
      started = true;
    }
  }
  if (started) args.push(cur);
  return args;
}

const WIN: ScheduledRun = {
  name: 'ночная очередь',
  projectDir: 'C:\\Users\\Иванова Мария\\Документы\\navbot',
  node: 'C:\\Program Files\\nodejs\\node.exe',
  entry: 'bin\\navbot.mjs',
  queue: 'data\\ночная очередь.xlsx',
  log: 'reports\\schedule-ночная очередь.log',
  time: { hour: 2, minute: 30 },
  days: [0, 1, 2, 3, 4],
};

describe('Windows: schtasks', () => {
  it('runs navbot in the project folder with every path quoted for cmd, and the output appended to the log', () => {
    expect(windowsTaskCommand(WIN)).toBe(
      'cmd /d /s /c "cd /d "C:\\Users\\Иванова Мария\\Документы\\navbot" && "C:\\Program Files\\nodejs\\node.exe" "bin\\navbot.mjs" run "data\\ночная очередь.xlsx" --scheduled >> "reports\\schedule-ночная очередь.log" 2>&1"',
    );
    expect(windowsCreateArgs(WIN)).toEqual([
      '/Create',
      '/F',
      '/TN',
      'navbot\\ночная очередь',
      '/TR',
      windowsTaskCommand(WIN),
      '/SC',
      'WEEKLY',
      '/D',
      'MON,TUE,WED,THU,FRI',
      '/ST',
      '02:30',
    ]);
    expect(windowsCreateArgs({ ...WIN, days: [0, 1, 2, 3, 4, 5, 6], time: { hour: 23, minute: 5 } }).slice(6)).toEqual(['/SC', 'DAILY', '/ST', '23:05']);
  });

  it('prints the command line exactly as schtasks will split it', () => {
    const args = windowsCreateArgs(WIN);
    const line = windowsCommandLine('schtasks', args);
    expect(line).toBe(
      'schtasks /Create /F /TN "navbot\\ночная очередь" /TR "cmd /d /s /c \\"cd /d \\"C:\\Users\\Иванова Мария\\Документы\\navbot\\" && \\"C:\\Program Files\\nodejs\\node.exe\\" \\"bin\\navbot.mjs\\" run \\"data\\ночная очередь.xlsx\\" --scheduled >> \\"reports\\schedule-ночная очередь.log\\" 2>&1\\"" /SC WEEKLY /D MON,TUE,WED,THU,FRI /ST 02:30',
    );
    expect(splitWindowsCommandLine(line)).toEqual(['schtasks', ...args]);
  });

  it('keeps a folder at the root of a drive (a backslash before a quote) intact', () => {
    const run = { ...WIN, projectDir: 'D:\\', entry: 'D:\\navbot 2\\bin\\navbot.mjs', queue: 'D:\\очереди\\' + 'май.xlsx' };
    const tr = windowsTaskCommand(run);
    expect(tr).toContain('cd /d "D:\\" && ');
    const args = windowsCreateArgs(run);
    expect(splitWindowsCommandLine(windowsCommandLine('schtasks', args))).toEqual(['schtasks', ...args]);
    for (const a of ['', 'plain', 'two words', 'ends\\', 'ends with space\\', 'q"uote', 'q\\"s', '\\\\server\\share path\\']) {
      expect(splitWindowsCommandLine(`x ${quoteWindowsArg(a)}`)).toEqual(['x', a]);
    }
  });

  it('refuses what Task Scheduler or cmd would spoil: a command over 261 characters, % in a path', () => {
    expect(() => windowsTaskCommand({ ...WIN, projectDir: `C:\\${'очень длинная папка\\'.repeat(9)}navbot` })).toThrow(/длиннее 261 знаков/);
    expect(() => windowsTaskCommand({ ...WIN, queue: 'data\\очередь 100%.xlsx' })).toThrow(/знак %/);
  });

  it('lists navbot’s tasks from schtasks output in the Russian console code page', () => {
    const csv = [
      '"\\Microsoft\\Windows\\Defrag\\ScheduledDefrag","Н/Д","Готово"',
      '"\\navbot\\ночная очередь","28.11.2026 2:30:00","Готово"',
      '"\\navbot\\май","Н/Д","Отключено"',
      '',
    ].join('\r\n');
    const text = decodeConsole(iconv.encode(csv, 'cp866'));
    expect(parseSchtasksCsv(text)).toEqual([
      { name: '\\navbot\\ночная очередь', nextRun: '28.11.2026 2:30:00', status: 'Готово' },
      { name: '\\navbot\\май', nextRun: 'Н/Д', status: 'Отключено' },
    ]);
    expect(decodeConsole(Buffer.from(csv, 'utf8'))).toBe(csv);
  });
});

const UNIX: ScheduledRun = {
  name: 'ночная очередь',
  projectDir: "/home/мария/Мои проекты/navbot's",
  node: '/usr/bin/node',
  entry: 'bin/navbot.mjs',
  queue: 'data/ночная очередь 100%.xlsx',
  log: 'reports/schedule-ночная очередь.log',
  time: { hour: 2, minute: 30 },
  days: [0, 1, 2, 3, 4],
};

describe('Linux/macOS: crontab', () => {
  it('writes minute, hour, weekdays, then the command in the project folder with quoted paths and escaped %', () => {
    expect(cronLine(UNIX)).toBe(
      "30 2 * * 1,2,3,4,5 cd '/home/мария/Мои проекты/navbot'\\''s' && /usr/bin/node bin/navbot.mjs run 'data/ночная очередь 100\\%.xlsx' --scheduled >> 'reports/schedule-ночная очередь.log' 2>&1 # navbot: ночная очередь",
    );
    expect(cronLine({ ...UNIX, days: [5, 6] }).startsWith('30 2 * * 0,6 ')).toBe(true);
    expect(cronLine({ ...UNIX, days: [0, 1, 2, 3, 4, 5, 6] }).startsWith('30 2 * * * ')).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('runs, as cron and sh would, in the folder with the queue and the log as named', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-cron-'));
    try {
      const project = path.join(root, "Мои проекты", "navbot's");
      fs.mkdirSync(path.join(project, 'reports'), { recursive: true });
      // A stand-in for node: records where it runs and what it got.
      const fakeNode = path.join(root, 'fake node');
      fs.writeFileSync(fakeNode, '#!/bin/sh\n{ pwd; for a in "$@"; do echo "[$a]"; done; } > "$RECORD"\necho "вывод navbot"\n', { mode: 0o755 });
      const line = cronLine({ ...UNIX, projectDir: project, node: fakeNode });
      // Cron: the five time fields, then the command; "\%" becomes "%" before the shell runs it.
      const command = line.split(' ').slice(5).join(' ').replace(/\\%/g, '%');
      const record = path.join(root, 'record.txt');
      execFileSync('/bin/sh', ['-c', command], { env: { PATH: '/usr/bin:/bin', RECORD: record } });
      expect(fs.readFileSync(record, 'utf8')).toBe(`${project}\n[bin/navbot.mjs]\n[run]\n[data/ночная очередь 100%.xlsx]\n[--scheduled]\n`);
      expect(fs.readFileSync(path.join(project, 'reports', 'schedule-ночная очередь.log'), 'utf8')).toBe('вывод navbot\n');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('adds a queue’s line once, replaces it on a new time, keeps everything else, and removes it', () => {
    const mine = '0 7 * * * /usr/bin/backup.sh\n# my comment # navbot: ночная очередь\n';
    const once = withCronLine(mine, UNIX);
    expect(once).toBe(`${mine}${cronLine(UNIX)}\n`);
    const later = { ...UNIX, time: { hour: 3, minute: 0 } };
    const twice = withCronLine(withCronLine(once, later), { ...UNIX, name: 'другая', queue: 'data/другая.xlsx' });
    expect(cronJobs(twice)).toEqual([cronLine(later), cronLine({ ...UNIX, name: 'другая', queue: 'data/другая.xlsx' })]);
    expect(withoutCronLine(twice, 'ночная очередь')).toBe(`${mine}${cronLine({ ...UNIX, name: 'другая', queue: 'data/другая.xlsx' })}\n`);
    expect(withCronLine('', UNIX)).toBe(`${cronLine(UNIX)}\n`);
  });
});

describe('time, days and names', () => {
  it('reads the time as HH:MM on a 24-hour clock', () => {
    expect(parseTime('2:05')).toEqual({ hour: 2, minute: 5 });
    expect(parseTime('23.59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['24:00', '7', '07:60', 'в два']) expect(() => parseTime(bad), bad).toThrow(/ЧЧ:ММ/);
  });

  it('reads days in Russian or English, lists, ranges and words', () => {
    expect(parseDays(undefined)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays('ежедневно')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays('пн-пт')).toEqual([0, 1, 2, 3, 4]);
    expect(parseDays('будни')).toEqual([0, 1, 2, 3, 4]);
    expect(parseDays('Пн, Ср, пт')).toEqual([0, 2, 4]);
    expect(parseDays('mon,wed,sun')).toEqual([0, 2, 6]);
    expect(parseDays('пт-пн')).toEqual([0, 4, 5, 6]);
    expect(parseDays('выходные')).toEqual([5, 6]);
    expect(() => parseDays('пн-пятн')).toThrow(/день «пн-пятн» не понятен/);
  });

  it('names the task after the queue file, without characters the systems reserve', () => {
    expect(taskName('data/ночная очередь.xlsx')).toBe('ночная очередь');
    expect(taskName('C:\\очереди\\май: 50%?.csv')).toBe('май_ 50__');
  });
});

describe('the schedule command', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function project(system: 'windows' | 'unix', crontab = '') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-schedule-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'очередь май.xlsx'), '');
    fs.writeFileSync(path.join(dir, '.env'), 'NAVBOT_CONCURRENCY=1\n');
    const calls: Array<{ file: string; args: readonly string[]; input?: string; verbatim?: boolean }> = [];
    const lines: string[] = [];
    const state = { crontab };
    const ok = (stdout = ''): ExecResult => ({ code: 0, stdout: Buffer.from(stdout), stderr: Buffer.alloc(0) });
    const deps: ScheduleDeps = {
      say: (l) => lines.push(l),
      exec: async (file, args, o = {}) => {
        calls.push({ file, args, ...o });
        if (file === 'crontab' && args[0] === '-l') return state.crontab ? ok(state.crontab) : { code: 1, stdout: Buffer.alloc(0), stderr: Buffer.from('no crontab for user') };
        if (file === 'crontab' && args[0] === '-') {
          state.crontab = o.input ?? '';
          return ok();
        }
        if (file === 'schtasks' && args[0] === '/Query') return ok('"\\navbot\\очередь май","28.11.2026 2:30:00","Ready"\r\n"\\Other","N/A","Ready"\r\n');
        return ok();
      },
      system,
      cwd: dir,
      node: system === 'windows' ? 'C:\\Program Files\\nodejs\\node.exe' : '/usr/bin/node',
      entry: path.join(dir, 'bin', 'navbot.mjs'),
      reportsDir: () => 'reports',
    };
    return { dir, deps, calls, lines, state };
  }

  it('Windows: creates the task through schtasks with the arguments passed verbatim, as printed', async () => {
    const p = project('windows');
    expect(await schedule('data/очередь май.xlsx', { at: '02:30', days: 'будни' }, p.deps)).toBe(0);
    expect(p.calls).toHaveLength(1);
    const call = p.calls[0]!;
    expect(call).toMatchObject({ file: 'schtasks', verbatim: true });
    const printed = p.lines.find((l) => l.startsWith('Команда: '))!.slice('Команда: '.length);
    expect(['schtasks', ...call.args].join(' ')).toBe(printed);
    const args = splitWindowsCommandLine(printed).slice(1);
    expect(args.slice(0, 4)).toEqual(['/Create', '/F', '/TN', 'navbot\\очередь май']);
    expect(args[5]).toContain('"bin\\navbot.mjs" run "data\\очередь май.xlsx" --scheduled >> "reports\\schedule-очередь май.log" 2>&1"');
    expect(args.slice(6)).toEqual(['/SC', 'WEEKLY', '/D', 'MON,TUE,WED,THU,FRI', '/ST', '02:30']);
    expect(fs.existsSync(path.join(p.dir, 'reports'))).toBe(true);
    expect(p.lines.join('\n')).toContain('✓ Задание «navbot\\очередь май» создано.');
  });

  it('Windows: --print only shows; --list and --remove', async () => {
    const p = project('windows');
    await schedule('data/очередь май.xlsx', { at: '02:30', print: true }, p.deps);
    expect(p.calls).toEqual([]);
    await schedule(undefined, { list: true }, p.deps);
    expect(p.lines.at(-1)).toBe('\\navbot\\очередь май — следующий запуск: 28.11.2026 2:30:00; состояние: Ready');
    await schedule('data/очередь май.xlsx', { remove: true }, p.deps);
    expect(p.calls.at(-1)).toMatchObject({ file: 'schtasks', args: ['/Delete', '/F', '/TN', '"navbot\\очередь май"'], verbatim: true });
  });

  it('Linux: prints the line by default, adds it with --install (replacing the queue’s old one), lists and removes it', async () => {
    const p = project('unix', '0 7 * * * /usr/bin/backup.sh\n');
    await schedule('data/очередь май.xlsx', { at: '2:30' }, p.deps);
    expect(p.calls).toEqual([]);
    const line = p.lines[p.lines.indexOf('Строка для crontab:') + 1]!;
    expect(line).toBe(`30 2 * * * cd ${p.dir} && /usr/bin/node bin/navbot.mjs run 'data/очередь май.xlsx' --scheduled >> 'reports/schedule-очередь май.log' 2>&1 # navbot: очередь май`);

    await schedule('data/очередь май.xlsx', { at: '2:30', install: true }, p.deps);
    await schedule('data/очередь май.xlsx', { at: '4:00', days: 'сб', install: true }, p.deps);
    expect(p.state.crontab).toBe(`0 7 * * * /usr/bin/backup.sh\n${line.replace('30 2 * * *', '0 4 * * 6')}\n`);

    await schedule(undefined, { list: true }, p.deps);
    expect(p.lines.at(-1)).toBe(line.replace('30 2 * * *', '0 4 * * 6'));
    await schedule('data/очередь май.xlsx', { remove: true }, p.deps);
    expect(p.state.crontab).toBe('0 7 * * * /usr/bin/backup.sh\n');
  });

  it('refuses a missing queue, a missing or bad time', async () => {
    const p = project('unix');
    for (const [queue, flags, why] of [
      ['data/нет такой.xlsx', { at: '02:30' }, /не найден/],
      ['data/очередь май.xlsx', {}, /--at ЧЧ:ММ/],
      ['data/очередь май.xlsx', { at: '25:00' }, /время «25:00» не понятно/],
      [undefined, { at: '02:30' }, /Укажите файл очереди/],
    ] as const) {
      const e = await schedule(queue, flags, p.deps).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CliExit);
      expect((e as CliExit).code).toBe(2);
      expect((e as CliExit).message).toMatch(why);
    }
    expect(p.calls).toEqual([]);
  });
});

describe('defaultExec', () => {
  // `crontab -l` exits without reading its stdin: writing to it used to raise EPIPE on the stdin
  // stream with no handler, and navbot crashed in about one try of three.
  const node = (code: string) => [process.execPath, ['-e', code]] as const;
  // Each try starts node twice: a few tries keep it quick on a busy machine (one try crashed before).
  it('survives a program that exits without reading its stdin, with and without input, many times over', { timeout: 60_000 }, async () => {
    for (let i = 0; i < 6; i++) {
      expect((await defaultExec(...node('process.exit(0)'))).code).toBe(0);
      const r = await defaultExec(...node('console.log("ok"); process.exit(3)'), { input: 'x'.repeat(1 << 20) });
      expect([r.code, r.stdout.toString()]).toEqual([3, 'ok\n']);
    }
    // A program that reads still gets the input; a missing one is 127.
    expect((await defaultExec(...node('process.stdin.pipe(process.stdout)'), { input: 'строка\n' })).stdout.toString()).toBe('строка\n');
    expect((await defaultExec(path.join(os.tmpdir(), 'navbot-no-such-program'), [])).code).toBe(127);
  });
});

describe('a scheduled run in the log', () => {
  it('names the date and time of each night', () => {
    expect(scheduledHeader(new Date(2026, 11, 7, 2, 30, 5), 'data/очередь.xlsx')).toBe('===== 07.12.2026 02:30:05 — navbot run data/очередь.xlsx (по расписанию) =====');
  });

  it('navbot run --scheduled starts its output with the dated line, also when the run cannot start', async () => {
    const program = new Command().exitOverride();
    registerRun(program);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const missing = path.join(os.tmpdir(), 'navbot-нет-такой-очереди.xlsx');
    const before = Date.now();
    let error: unknown;
    try {
      await program.parseAsync(['node', 'navbot', 'run', missing, '--scheduled']);
    } catch (e) {
      error = e;
    } finally {
      spy.mockRestore();
    }
    expect(error).toBeInstanceOf(CliExit);
    expect((error as CliExit).message).toMatch(/не найден/);
    const first = out.split('\n').find((l) => l !== '')!;
    expect(first).toMatch(/^===== \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d — navbot run .*navbot-нет-такой-очереди\.xlsx \(по расписанию\) =====$/);
    const [, d, m, y] = /^===== (\d\d)\.(\d\d)\.(\d{4})/.exec(first)!;
    const shown = new Date(Number(y), Number(m) - 1, Number(d)).getTime();
    expect(Math.abs(shown - new Date(new Date(before).toDateString()).getTime())).toBeLessThanOrEqual(86_400_000);
  });
});
