// Owner-only files (issue 24, item 1): the exact icacls command lines on Windows (through a
// recording exec), the unix modes for real, umask 077 at the CLI's start, and doctor's check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aclScript, fixCommand, icaclsArgs, makeOwnerOnly, othersWhoRead, parseAcl, privatePaths, type OwnerOnlyHost } from '../../../src/core/owner-only.js';
import { checkOwnerOnly } from '../../../src/doctor/permissions.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-owner-'));

function recordingHost(stdout = ''): OwnerOnlyHost & { calls: Array<[string, string[]]> } {
  const calls: Array<[string, string[]]> = [];
  return { platform: 'win32', user: 'SCHOOL\\zav', calls, exec: (file, args) => (calls.push([file, [...args]]), { status: 0, stdout }) };
}

describe('owner-only on Windows (icacls)', () => {
  it('turns inheritance off and grants full control to the user and SYSTEM only: folders with (OI)(CI), files without', () => {
    const dir = tmp();
    const env = path.join(dir, '.env');
    fs.writeFileSync(env, 'X=1');
    fs.mkdirSync(path.join(dir, 'reports'));
    const host = recordingHost();
    expect(makeOwnerOnly(privatePaths(dir, 'data/state', 'reports'), host)).toEqual([]);
    expect(host.calls).toEqual([
      ['icacls', [env, '/inheritance:r', '/grant:r', 'SCHOOL\\zav:F', '/grant:r', '*S-1-5-18:F']],
      // data/state does not exist yet: nothing to change
      ['icacls', [path.join(dir, 'reports'), '/inheritance:r', '/grant:r', 'SCHOOL\\zav:(OI)(CI)F', '/grant:r', '*S-1-5-18:(OI)(CI)F']],
    ]);
  });

  it('reads who may access a path by SID (any Windows language): names all but the user, SYSTEM and Administrators', () => {
    expect(aclScript("C:\\Users\\o'neil\\navbot\\.env")).toBe(
      "[Console]::OutputEncoding = [Text.Encoding]::UTF8; $me = [Security.Principal.WindowsIdentity]::GetCurrent().User.Value; " +
        "foreach ($a in (Get-Acl -LiteralPath 'C:\\Users\\o''neil\\navbot\\.env').Access) { $sid = $a.IdentityReference.Value; " +
        'try { $sid = $a.IdentityReference.Translate([Security.Principal.SecurityIdentifier]).Value } catch {}; ' +
        '"$sid`t$($a.IdentityReference.Value)`t$($a.AccessControlType)`t$($sid -eq $me)" }',
    );
    const out = [
      'S-1-5-32-544\tBUILTIN\\Администраторы\tAllow\tFalse',
      'S-1-5-18\tNT AUTHORITY\\СИСТЕМА\tAllow\tFalse',
      'S-1-5-32-545\tBUILTIN\\Пользователи\tAllow\tFalse',
      'S-1-5-11\tNT AUTHORITY\\Прошедшие проверку\tAllow\tFalse',
      'S-1-5-21-1-2-3-1001\tSCHOOL\\zav\tAllow\tTrue',
      'S-1-1-0\tEveryone\tDeny\tFalse',
      '',
    ].join('\r\n');
    expect(parseAcl(out)).toEqual(['BUILTIN\\Пользователи', 'NT AUTHORITY\\Прошедшие проверку']);
    expect(parseAcl('S-1-5-18\tNT AUTHORITY\\SYSTEM\tAllow\tFalse\r\nS-1-5-21-9\tPC\\me\tAllow\tTrue\r\n')).toEqual([]);
  });

  it('doctor names the files others read and, when it cannot change them, gives the one icacls command', () => {
    const dir = tmp();
    const env = path.join(dir, '.env');
    fs.writeFileSync(env, 'X=1');
    const host: OwnerOnlyHost = { platform: 'win32', user: 'SCHOOL\\zav', exec: (f) => (f === 'powershell.exe' ? { status: 0, stdout: 'S-1-5-32-545\tBUILTIN\\Users\tAllow\tFalse\r\n' } : { status: 5, stdout: '' }) };
    const r = checkOwnerOnly([env], host);
    expect(r.ok).toBe(false);
    expect(r.text).toContain(`${env} (читают: BUILTIN\\Users)`);
    expect(r.text).toContain(`Выполните: icacls "${env}" /inheritance:r /grant:r "SCHOOL\\zav:F" /grant:r "*S-1-5-18:F"`);
  });

  it('the fixing command for several paths is one line', () => {
    expect(fixCommand(['C:\\n\\reports', 'C:\\n\\.env'], { platform: 'win32', user: 'U' }, (p) => p.endsWith('reports'))).toBe(
      'icacls "C:\\n\\reports" /inheritance:r /grant:r "U:(OI)(CI)F" /grant:r "*S-1-5-18:(OI)(CI)F" & icacls "C:\\n\\.env" /inheritance:r /grant:r "U:F" /grant:r "*S-1-5-18:F"',
    );
    expect(fixCommand(['/n/reports', "/n/it's"], { platform: 'linux', user: 'u' }, () => true)).toBe(`chmod -R go-rwx '/n/reports' '/n/it'\\''s'`);
    expect(icaclsArgs('x', 'u', false)).toEqual(['x', '/inheritance:r', '/grant:r', 'u:F', '/grant:r', '*S-1-5-18:F']);
  });
});

describe.skipIf(process.platform === 'win32')('owner-only by mode (real files)', () => {
  it('makes folders 700 and files 600; doctor then finds nobody else', () => {
    const dir = tmp();
    const env = path.join(dir, '.env');
    fs.writeFileSync(env, 'X=1', { mode: 0o644 });
    fs.chmodSync(env, 0o644);
    fs.mkdirSync(path.join(dir, 'data/state'), { recursive: true, mode: 0o755 });
    fs.mkdirSync(path.join(dir, 'reports'), { mode: 0o755 });
    fs.chmodSync(path.join(dir, 'data/state'), 0o755);
    fs.chmodSync(path.join(dir, 'reports'), 0o755);
    const targets = privatePaths(dir, 'data/state', 'reports');
    expect(othersWhoRead(env)).toEqual(['группа', 'все пользователи']);
    const check = checkOwnerOnly(targets);
    expect(check.ok).toBe(true);
    expect(check.text).toContain(`${env} (читают: группа, все пользователи)`);
    expect(fs.statSync(env).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'data/state')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'reports')).mode & 0o777).toBe(0o700);
    expect(checkOwnerOnly(targets).text).toBe('.env, журнал и отчёты доступны только вашей учётной записи');
  });

  it('the console’s uploaded queues are private data too: beside the ledger folder, made 700 (review R1, 2)', () => {
    const dir = tmp();
    const queues = path.join(dir, 'data', 'console-queues');
    fs.mkdirSync(queues, { recursive: true, mode: 0o755 });
    fs.chmodSync(queues, 0o755);
    expect(privatePaths(dir, 'data/state', 'reports')).toContain(queues);
    expect(makeOwnerOnly(privatePaths(dir, 'data/state', 'reports'), { platform: 'linux', user: 'u', exec: () => ({ status: 0, stdout: '' }) })).toEqual([]);
    expect(fs.statSync(queues).mode & 0o777).toBe(0o700);
  });

  it('the CLI starts with umask 077: a file it writes is 600 whatever the shell’s umask', async () => {
    const dir = tmp();
    const main = path.resolve(import.meta.dirname, '../../../src/cli/main.ts');
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NAVBOT_')));
    const old = process.umask(0o022);
    try {
      const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), main, 'template', 'q.xlsx'], { cwd: dir, env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      expect(await new Promise<number | null>((r) => child.on('exit', r)), out).toBe(0);
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(path.join(dir, 'q.xlsx')).mode & 0o777).toBe(0o600);
  }, 60_000);
});

describe('a run’s start on Windows', () => {
  it('reads the rights first and runs icacls to change only what others can read', async () => {
    const { careAtRunStart } = await import('../../../src/cli/private-data.js');
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'reports'));
    fs.mkdirSync(path.join(dir, 'state'));
    const calls: string[][] = [];
    const host: OwnerOnlyHost = {
      platform: 'win32',
      user: 'SCHOOL\\zav',
      exec: (file, args) => {
        if (file === 'icacls') {
          calls.push([...args]);
          return { status: 0, stdout: '' };
        }
        const who = args.at(-1)!.includes("reports'") ? 'S-1-5-32-545\tBUILTIN\\Users\tAllow\tFalse' : 'S-1-5-21-7\tSCHOOL\\zav\tAllow\tTrue';
        return { status: 0, stdout: `${who}\r\n` };
      },
    };
    careAtRunStart({ stateDir: path.join(dir, 'state'), reportsDir: path.join(dir, 'reports'), keepDays: 30 }, path.join(dir, 'reports', 'run'), host);
    expect(calls).toEqual([[path.join(dir, 'reports'), '/inheritance:r', '/grant:r', 'SCHOOL\\zav:(OI)(CI)F', '/grant:r', '*S-1-5-18:(OI)(CI)F']]);
  });
});

describe('doctor on the project folder (Windows)', () => {
  it('fails a folder others can reach, suggesting %LOCALAPPDATA%\\navbot and the icacls command; says nothing elsewhere', async () => {
    const { checkProjectFolder } = await import('../../../src/doctor/permissions.js');
    const dir = tmp();
    const exposed: OwnerOnlyHost = { platform: 'win32', user: 'SCHOOL\\zav', exec: () => ({ status: 0, stdout: 'S-1-5-11\tNT AUTHORITY\\Authenticated Users\tAllow\tFalse\r\n' }) };
    const r = checkProjectFolder(dir, exposed)!;
    expect(r.ok).toBe(false);
    expect(r.text).toContain('Лучше перенести navbot в %LOCALAPPDATA%\\navbot');
    expect(r.text).toContain(`icacls "${dir}" /inheritance:r /grant:r "SCHOOL\\zav:(OI)(CI)F"`);
    const mine: OwnerOnlyHost = { ...exposed, exec: () => ({ status: 0, stdout: 'S-1-5-21-7\tSCHOOL\\zav\tAllow\tTrue\r\n' }) };
    expect(checkProjectFolder(dir, mine)!.ok).toBe(true);
    expect(checkProjectFolder(dir, { ...mine, platform: 'linux' })).toBeUndefined();
  });
});
