// The lock's staleness on Windows (issue 24): a process's start time by Get-Process, else wmic —
// the exact command lines, both parsers, and that both give one value for one instant.
import { describe, expect, it } from 'vitest';
import { parseGetProcess, parseWmic, windowsProcessStart, windowsStartCommands } from '../../../src/journal/process-start.js';

describe('Windows process start time', () => {
  it('asks PowerShell for the UTC start time, then wmic for CreationDate', () => {
    expect(windowsStartCommands(4242)).toEqual([
      ['powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', "(Get-Process -Id 4242 -ErrorAction Stop).StartTime.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')"]],
      ['wmic', ['process', 'where', 'ProcessId=4242', 'get', 'CreationDate', '/value']],
    ]);
  });

  it('reads both answers as the same instant (wmic is local time with an offset in minutes)', () => {
    const utc = `win:${Date.parse('2026-12-07T12:50:40Z') / 1000}`;
    expect(parseGetProcess('2026-12-07T12:50:40Z\r\n')).toBe(utc);
    expect(parseWmic('\r\n\r\nCreationDate=20261207155040.123456+180\r\n\r\n')).toBe(utc);
    expect(parseWmic('CreationDate=20261207075040.500000-300')).toBe(utc);
    expect(parseGetProcess('')).toBeUndefined();
    expect(parseWmic('No Instance(s) Available.')).toBeUndefined();
  });

  it('falls back to wmic when PowerShell cannot read the process, and gives up when neither can', () => {
    const calls: string[] = [];
    const wmicOnly = (file: string) => (calls.push(file), file === 'wmic' ? 'CreationDate=20261207155040.000000+180' : undefined);
    expect(windowsProcessStart(7, wmicOnly)).toBe(`win:${Date.parse('2026-12-07T12:50:40Z') / 1000}`);
    expect(calls).toEqual(['powershell.exe', 'wmic']);
    expect(windowsProcessStart(7, () => undefined)).toBeUndefined();
    expect(windowsProcessStart(7, (f) => (f === 'powershell.exe' ? '2026-01-01T00:00:00Z' : 'x'))).toBe(`win:${Date.parse('2026-01-01T00:00:00Z') / 1000}`);
  });
});
