import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireLock, LockBusyError, processStartTime } from '../../../src/journal/lock.js';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid!;
  await once(child, 'exit');
  return pid;
}

describe('acquireLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should create the lock with pid, host and start time, and remove it on release', () => {
    const lock = acquireLock(dir, 'q-1');
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'q-1.lock'), 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(Date.parse(info.startedAt)).not.toBeNaN();
    lock.release();
    lock.release();
    expect(fs.existsSync(path.join(dir, 'q-1.lock'))).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('should refuse a second acquire while the first holder lives, in Russian', () => {
    const lock = acquireLock(dir, 'q-1');
    try {
      expect(() => acquireLock(dir, 'q-1')).toThrow(LockBusyError);
      expect(() => acquireLock(dir, 'q-1')).toThrow(
        new RegExp(`Очередь уже обрабатывается другим запуском navbot \\(процесс ${process.pid}, начат .+\\)\\. Дождитесь его окончания или остановите его\\.`),
      );
      // Another queue is independent.
      acquireLock(dir, 'q-2').release();
    } finally {
      lock.release();
    }
    acquireLock(dir, 'q-1').release();
  });

  it('should refuse a lock held by a live process of another navbot', () => {
    // The parent of this test process is alive and is not us.
    fs.writeFileSync(path.join(dir, 'q-1.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: new Date().toISOString() }));
    expect(() => acquireLock(dir, 'q-1')).toThrow(`процесс ${process.ppid}`);
  });

  it('should take over a lock whose process is dead', async () => {
    const pid = await deadPid();
    fs.writeFileSync(path.join(dir, 'q-1.lock'), JSON.stringify({ pid, host: os.hostname(), startedAt: new Date().toISOString() }));
    const lock = acquireLock(dir, 'q-1');
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('should take over a lock from before the last reboot and an old unreadable one', () => {
    const file = path.join(dir, 'q-1.lock');
    const beforeBoot = new Date(Date.now() - os.uptime() * 1000 - 3_600_000).toISOString();
    fs.writeFileSync(file, JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: beforeBoot }));
    acquireLock(dir, 'q-1').release();

    fs.writeFileSync(file, '{"pid":');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    acquireLock(dir, 'q-1').release();

    fs.writeFileSync(file, '');
    expect(() => acquireLock(dir, 'q-1')).toThrow(LockBusyError);
  });

  it('should name the other computer when the lock is held elsewhere', () => {
    fs.writeFileSync(path.join(dir, 'q-1.lock'), JSON.stringify({ pid: 1234, host: 'office-pc-7', startedAt: new Date().toISOString() }));
    expect(() => acquireLock(dir, 'q-1')).toThrow(/на компьютере office-pc-7.*удалите файл/s);
  });

  it('should leave neither a lock nor its temporary file when the disk refuses the write (issue 13)', () => {
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    try {
      expect(() => acquireLock(dir, 'q-1')).toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
    // Space is back: the next run takes the lock as usual.
    acquireLock(dir, 'q-1').release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('should release the lock when the process exits', async () => {
    const script = `import { acquireLock } from ${JSON.stringify(path.resolve('src/journal/lock.ts'))}; acquireLock(${JSON.stringify(dir)}, 'q-1'); process.stdout.write('held');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out).toBe('held');
    expect(fs.existsSync(path.join(dir, 'q-1.lock'))).toBe(false);
  });
});

describe('acquireLock and reused pids', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-lock-pid-'));
  });

  it('should take over a lock whose pid now belongs to another process (another start time)', () => {
    // The parent is alive, but the lock says its process started at another moment: a dead navbot's pid, reused.
    fs.writeFileSync(path.join(dir, 'q-1.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: new Date().toISOString(), procStart: 'linux:1' }));
    const lock = acquireLock(dir, 'q-1');
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, procStart: processStartTime(process.pid) });
    lock.release();
  });

  it('should refuse a lock whose live holder has the start time it recorded, and say how to clear it', () => {
    const procStart = processStartTime(process.ppid);
    expect(procStart).toBeDefined();
    fs.writeFileSync(path.join(dir, 'q-1.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: new Date().toISOString(), procStart }));
    expect(() => acquireLock(dir, 'q-1', 'Навигатор 127.0.0.1:8080')).toThrow(/Навигатор 127\.0\.0\.1:8080 уже обрабатывается.*удалите файл/s);
  });

  it('should read a start time that differs between two processes and is stable for one', () => {
    expect(processStartTime(process.pid)).toBe(processStartTime(process.pid));
    expect(processStartTime(process.pid)).not.toBe(processStartTime(1));
  });
});
