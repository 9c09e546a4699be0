// Children's data at rest stays readable by the staff member who runs navbot and nobody else on
// the PC (DESIGN.md, invariant 7). On Windows a folder made under C:\ inherits «Users: read» and
// «Authenticated Users: modify», and a file mode means nothing there: access is set by `icacls`
// (inheritance off, the current user and SYSTEM — the scheduled task — full control) and read
// back by SID through PowerShell's Get-Acl (icacls prints names in the console's language and code
// page). Elsewhere by mode (700 folders, 600 files) and `umask 077` for what navbot creates.
// The OS is reached through an injected `exec`, so the exact command lines are unit-tested.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs a program without a shell; returns its exit status and output. */
export type Exec = (file: string, args: readonly string[]) => { status: number; stdout: string };

export interface OwnerOnlyHost {
  platform: NodeJS.Platform;
  exec: Exec;
  /** The account that runs navbot, as icacls names it (DOMAIN\user). */
  user: string;
}

/** SYSTEM's SID: icacls takes it in any Windows language (the name is «СИСТЕМА» in Russian). */
const SYSTEM_SID = '*S-1-5-18';
/** Besides the owner: SYSTEM (the scheduled task), Administrators, CREATOR OWNER. */
const TRUSTED_SIDS = new Set(['S-1-5-18', 'S-1-5-32-544', 'S-1-3-0']);

export const realExec: Exec = (file, args) => {
  try {
    const stdout = execFileSync(file, [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000, windowsHide: true });
    return { status: 0, stdout };
  } catch (e) {
    const err = e as { status?: number | null; stdout?: string };
    return { status: typeof err.status === 'number' ? err.status : 1, stdout: String(err.stdout ?? '') };
  }
};

export function currentHost(): OwnerOnlyHost {
  const env = process.env;
  const name = env.USERNAME ?? os.userInfo().username;
  return { platform: process.platform, exec: realExec, user: env.USERDOMAIN ? `${env.USERDOMAIN}\\${name}` : name };
}

/** The queues given to the console (whole workbooks with children's data): beside the ledger folder. */
export function consoleQueuesDir(stateDir: string, dir = '.'): string {
  return path.resolve(dir, stateDir, '..', 'console-queues');
}

/** The project's files with secrets or children's data: `.env`, the ledger folder, the reports folder, the console's queues. */
export function privatePaths(dir: string, stateDir: string, reportsDir: string): string[] {
  return [path.resolve(dir, '.env'), path.resolve(dir, stateDir), path.resolve(dir, reportsDir), consoleQueuesDir(stateDir, dir)];
}

/** New files and folders navbot makes are its owner's only (called once at CLI start). */
export function ownerOnlyUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/** The icacls arguments that make `target` owner-only: inheritance off, user and SYSTEM full control. */
export function icaclsArgs(target: string, user: string, folder: boolean): string[] {
  const inherit = folder ? '(OI)(CI)' : '';
  return [target, '/inheritance:r', '/grant:r', `${user}:${inherit}F`, '/grant:r', `${SYSTEM_SID}:${inherit}F`];
}

/** The one command a person types to fix `targets` (shown by doctor). */
export function fixCommand(targets: readonly string[], host: Pick<OwnerOnlyHost, 'platform' | 'user'>, isFolder: (p: string) => boolean): string {
  const q = (s: string) => (host.platform === 'win32' ? `"${s}"` : `'${s.replace(/'/g, `'\\''`)}'`);
  if (host.platform === 'win32') {
    return targets.map((t) => `icacls ${icaclsArgs(t, host.user, isFolder(t)).map((a, i) => (i > 0 && a.startsWith('/') ? a : q(a))).join(' ')}`).join(' & ');
  }
  return `chmod -R go-rwx ${targets.map(q).join(' ')}`;
}

/**
 * A PowerShell script that lists who may access `target` by SID (language-independent, unlike
 * icacls's names in the console's code page): «sid<TAB>name<TAB>Allow|Deny<TAB>True|False» where
 * the last field says whether the SID is the current user's.
 */
export function aclScript(target: string): string {
  const literal = `'${target.replace(/'/g, "''")}'`;
  return (
    '[Console]::OutputEncoding = [Text.Encoding]::UTF8; ' +
    '$me = [Security.Principal.WindowsIdentity]::GetCurrent().User.Value; ' +
    `foreach ($a in (Get-Acl -LiteralPath ${literal}).Access) { ` +
    '$sid = $a.IdentityReference.Value; ' +
    'try { $sid = $a.IdentityReference.Translate([Security.Principal.SecurityIdentifier]).Value } catch {}; ' +
    '"$sid`t$($a.IdentityReference.Value)`t$($a.AccessControlType)`t$($sid -eq $me)" }'
  );
}

/** The names of the principals in aclScript's answer that are allowed in and are not the owner, SYSTEM or Administrators. */
export function parseAcl(output: string): string[] {
  const others: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const [sid, name, type, me] = line.split('\t');
    if (!sid || !name || type !== 'Allow' || me === 'True' || TRUSTED_SIDS.has(sid)) continue;
    if (!others.includes(name)) others.push(name);
  }
  return others;
}

/** Who else can read `target`: principals on Windows, «группа»/«все» by mode elsewhere; [] when only the owner. */
export function othersWhoRead(target: string, host: OwnerOnlyHost = currentHost()): string[] {
  if (!fs.existsSync(target)) return [];
  if (host.platform === 'win32') {
    const r = host.exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', aclScript(target)]);
    return r.status === 0 ? parseAcl(r.stdout) : [`неизвестно (права не прочитаны, код ${r.status})`];
  }
  const mode = fs.statSync(target).mode;
  return [...(mode & 0o040 ? ['группа'] : []), ...(mode & 0o004 ? ['все пользователи'] : [])];
}

/**
 * Makes each existing target owner-only. Returns the ones it could not change (their problem in
 * Russian). On Windows a folder's files follow by inheritance; elsewhere a 700 folder keeps them out of reach.
 */
export function makeOwnerOnly(targets: readonly string[], host: OwnerOnlyHost = currentHost()): string[] {
  const failed: string[] = [];
  for (const t of targets) {
    if (!fs.existsSync(t)) continue;
    const folder = fs.statSync(t).isDirectory();
    if (host.platform === 'win32') {
      const r = host.exec('icacls', icaclsArgs(t, host.user, folder));
      if (r.status !== 0) failed.push(`${t}: icacls завершился с кодом ${r.status}`);
      continue;
    }
    try {
      chmodOwner(t);
    } catch (e) {
      failed.push(`${t}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return failed;
}

/** 700 for a folder (what it holds is then out of others' reach), 600 for a file; links are left alone. */
function chmodOwner(target: string): void {
  const st = fs.lstatSync(target);
  if (st.isSymbolicLink()) return;
  fs.chmodSync(target, st.isDirectory() ? 0o700 : 0o600);
}
