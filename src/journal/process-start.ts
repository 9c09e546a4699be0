// A process's start time on Windows, for the lock's staleness (journal/lock.ts): a lock names its
// holder's pid and start time, and a pid alive after a reboot, or reused by another program, is
// not the holder when its start time differs (issue 24). PowerShell's Get-Process first, wmic
// when PowerShell cannot read it (another user's process); both give the same value: seconds
// since 1970 in UTC, as «win:<seconds>».
import { execFileSync } from 'node:child_process';

/** Runs a program (no shell); its stdout, or undefined when it failed. */
export type RunProgram = (file: string, args: readonly string[]) => string | undefined;

const runProgram: RunProgram = (file, args) => {
  try {
    return execFileSync(file, [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, windowsHide: true });
  } catch {
    return undefined;
  }
};

/** The two command lines tried, in order. */
export function windowsStartCommands(pid: number): Array<[string, string[]]> {
  const id = String(Math.trunc(pid));
  return [
    ['powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `(Get-Process -Id ${id} -ErrorAction Stop).StartTime.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')`]],
    ['wmic', ['process', 'where', `ProcessId=${id}`, 'get', 'CreationDate', '/value']],
  ];
}

const stamp = (ms: number) => (Number.isFinite(ms) ? `win:${Math.floor(ms / 1000)}` : undefined);

/** Get-Process's answer «2026-12-07T12:50:40Z» → «win:…». */
export function parseGetProcess(out: string): string | undefined {
  const m = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/.exec(out);
  return m ? stamp(Date.parse(m[1]!)) : undefined;
}

/** wmic's «CreationDate=20261207155040.123456+180» (local time, offset in minutes) → «win:…». */
export function parseWmic(out: string): string | undefined {
  const m = /CreationDate=(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.\d+([+-])(\d{3})/.exec(out);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, sign, off] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return stamp(local - (sign === '-' ? -1 : 1) * Number(off) * 60_000);
}

export function windowsProcessStart(pid: number, run: RunProgram = runProgram): string | undefined {
  const [ps, wmic] = windowsStartCommands(pid);
  const a = run(ps![0], ps![1]);
  const fromPs = a === undefined ? undefined : parseGetProcess(a);
  if (fromPs) return fromPs;
  const b = run(wmic![0], wmic![1]);
  return b === undefined ? undefined : parseWmic(b);
}
