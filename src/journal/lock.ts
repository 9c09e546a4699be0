// One navbot per queue: two runs on the same workbook would race on the same rows. The lock is
// `<stateDir>/<queueId>.lock` with `{ pid, host, startedAt, token }`, created atomically: the
// content is written to a temporary file, then hard-linked to the lock's name (which fails if it
// exists), so nobody ever reads a half-written lock. Where hard links are refused, `wx` is used.
// A lock whose process is gone (killed, power cut, reboot) is taken over; a live one is refused
// with a Russian message. Released by `release()` and, as a fallback, on process exit.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertQueueId } from './queue-id.js';
import { windowsProcessStart } from './process-start.js';

export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** Distinguishes this lock from an earlier one of a process that got the same pid. */
  readonly token?: string;
  /**
   * When the holder process started, as the OS tells it: a pid reused by another process (pids
   * wrap fast on a busy machine) has another start time, so a dead navbot's lock is not «busy».
   */
  readonly procStart?: string;
}

export interface Lock {
  readonly file: string;
  readonly info: LockInfo;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

/** The queue is being processed by another navbot; the message is for staff. */
export class LockBusyError extends Error {
  override name = 'LockBusyError';
  constructor(
    message: string,
    readonly holder: LockInfo | undefined,
  ) {
    super(message);
  }
}

/** A lock file that is unreadable and younger than this is being written right now: treat it as live. */
const FRESH_UNREADABLE_MS = 10_000;
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP', 'EXDEV', 'EACCES']);

const held = new Map<string, { token: string; release: () => void }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const { release } of [...held.values()]) release();
  });
}

const code = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

function writeLockFile(file: string, info: LockInfo): boolean {
  const body = `${JSON.stringify(info)}\n`;
  const tmp = `${file}.${info.pid}.${info.token ?? ''}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, body);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    // A full disk or a refused write: no temporary file is left behind.
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    if (!LINK_UNSUPPORTED.has(code(e) ?? '')) throw e;
    return createExclusive(file, body);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function createExclusive(file: string, body: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, body);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

type Found = { kind: 'gone' } | { kind: 'info'; info: LockInfo; raw: string } | { kind: 'unreadable'; ageMs: number; raw: string };

function readLockFile(file: string): Found {
  let raw: string;
  let mtimeMs: number;
  try {
    raw = fs.readFileSync(file, 'utf8');
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch (e) {
    if (code(e) === 'ENOENT') return { kind: 'gone' };
    throw e;
  }
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string') {
      return { kind: 'info', info: v as LockInfo, raw };
    }
  } catch {
    // fall through: unreadable
  }
  return { kind: 'unreadable', ageMs: Date.now() - mtimeMs, raw };
}

/**
 * The start time of process `pid` as the OS reports it, or undefined where it cannot be read.
 * Linux: field 22 of /proc/<pid>/stat (clock ticks since boot); elsewhere `ps -o lstart=`;
 * Windows: Get-Process, else wmic (journal/process-start.ts).
 */
export function processStartTime(pid: number): string | undefined {
  try {
    if (process.platform === 'linux') {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[19] ? `linux:${fields[19]}` : undefined;
    }
    if (process.platform === 'win32') return windowsProcessStart(pid);
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return out ? `ps:${out}` : undefined;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) !== 'ESRCH';
  }
}

/** Whether the holder can still be running; on another computer we cannot tell, so we assume so. */
function holderAlive(info: LockInfo, file: string): boolean {
  if (info.host !== os.hostname()) return true;
  if (info.pid === process.pid) {
    // Our own pid: either we hold it (refuse a second acquire) or a previous process had our pid.
    return held.get(file)?.token === info.token;
  }
  const bootMs = Date.now() - os.uptime() * 1000;
  const started = Date.parse(info.startedAt);
  if (Number.isFinite(started) && started < bootMs - 60_000) return false;
  if (!pidAlive(info.pid)) return false;
  // The pid is alive: is it still the navbot that took the lock, or a process that got its pid?
  if (info.procStart !== undefined) {
    const now = processStartTime(info.pid);
    if (now !== undefined && now !== info.procStart) return false;
  }
  return true;
}

/**
 * The lock's holder when it is alive as acquireLock judges it (another computer's always is; a pid
 * from before the last boot, or reused by another process, is not), else undefined: for readers
 * such as the console that must refuse exactly when the CLI would, never take the lock themselves.
 */
export function liveHolder(file: string): LockInfo | undefined {
  let found: Found;
  try {
    found = readLockFile(file);
  } catch {
    return undefined;
  }
  return found.kind === 'info' && holderAlive(found.info, file) ? found.info : undefined;
}

function when(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleString('ru-RU');
}

function busy(info: LockInfo | undefined, file: string, subject: string): LockBusyError {
  if (!info) {
    return new LockBusyError(
      `${subject} уже обрабатывается другим запуском navbot (файл блокировки ${file} только что создан). Дождитесь его окончания или остановите его.`,
      undefined,
    );
  }
  if (info.host !== os.hostname()) {
    return new LockBusyError(
      `${subject} уже обрабатывается запуском navbot на компьютере ${info.host} (процесс ${info.pid}, начат ${when(info.startedAt)}). ` +
        `Дождитесь его окончания или остановите его. Если на том компьютере navbot не запущен, удалите файл ${file}.`,
      info,
    );
  }
  return new LockBusyError(
    `${subject} уже обрабатывается другим запуском navbot (процесс ${info.pid}, начат ${when(info.startedAt)}). Дождитесь его окончания или остановите его. ` +
      `Если navbot точно не запущен (нет его окна, в диспетчере задач нет процесса ${info.pid}), удалите файл ${file} и запустите снова.`,
    info,
  );
}

/**
 * Moves a stale lock aside atomically (rename), checks that what was moved is the stale lock and
 * not one created meanwhile by a faster competitor (then puts that one back), and deletes it.
 */
function takeOver(file: string, staleRaw: string, myToken: string): void {
  const aside = `${file}.stale-${process.pid}-${myToken}`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if (code(e) === 'ENOENT') return;
    throw e;
  }
  const moved = fs.readFileSync(aside, 'utf8');
  if (moved !== staleRaw) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // Someone else holds the name now; the next round reads and judges it.
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * Takes `<stateDir>/<id>.lock`. `subject` names what is locked in the Russian message (a queue, or
 * a Navigator: one navbot per target, so two queues or two copies of one cannot race there).
 */
export function acquireLock(stateDir: string, queueId: string, subject = 'Очередь'): Lock {
  assertQueueId(queueId);
  fs.mkdirSync(stateDir, { recursive: true });
  const file = path.resolve(stateDir, `${queueId}.lock`);
  const procStart = processStartTime(process.pid);
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(6).toString('hex'),
    ...(procStart ? { procStart } : {}),
  };
  for (let round = 0; round < 5; round++) {
    if (writeLockFile(file, info)) return register(file, info);
    const found = readLockFile(file);
    if (found.kind === 'gone') continue;
    if (found.kind === 'unreadable') {
      if (found.ageMs < FRESH_UNREADABLE_MS) throw busy(undefined, file, subject);
      takeOver(file, found.raw, info.token as string);
      continue;
    }
    if (holderAlive(found.info, file)) throw busy(found.info, file, subject);
    takeOver(file, found.raw, info.token as string);
  }
  throw busy(undefined, file, subject);
}

function register(file: string, info: LockInfo): Lock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(file);
    try {
      const found = readLockFile(file);
      if (found.kind === 'info' && found.info.token === info.token && found.info.pid === info.pid) fs.rmSync(file, { force: true });
    } catch {
      // Runs from the exit hook too: never throw there. A lock left behind is taken over as stale.
    }
  };
  held.set(file, { token: info.token as string, release });
  installExitHook();
  return { file, info, release };
}
