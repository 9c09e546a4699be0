// Which Navigator a ledger belongs to. What navbot knows (a key's content and the claims it earned
// on a target) is kept per target, across queues: a queue run on the stand and then against a
// region must start afresh there, and two queues on one region share what they know.
// A target is its public site and admin panel, by host and port (the scheme and paths are not
// part of it: a region moving from http to https, or the panel to another path, is the same
// Navigator). `<stateDir>/ledger/<id>.jsonl` is its ledger, `<id>.json` says which URLs it is for.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { domainToUnicode } from 'node:url';

export interface TargetInfo {
  /** File-name-safe: `<public host slug>-<hash of both hosts>`. */
  readonly id: string;
  readonly publicUrl: string;
  readonly adminUrl: string;
  /** For people: «127.0.0.1:8080 (админ-панель 127.0.0.1:8080/admin/)». */
  readonly label: string;
}

export const LEDGER_DIR = 'ledger';

function hostOf(url: string): string {
  const u = new URL(url);
  // URL already lower-cases the host, turns IDN into punycode and drops a default port.
  return u.host.replace(/\.$/, '');
}

export function targetFor(publicUrl: string, adminUrl: string): TargetInfo {
  const pub = hostOf(publicUrl);
  const adm = hostOf(adminUrl);
  const slug =
    pub
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/g, '') || 'target';
  const hash = createHash('sha256').update(`${pub}|${adm}`, 'utf8').digest('hex').slice(0, 8);
  const admin = new URL(adminUrl);
  const shown = (host: string) => {
    const [name, port] = [host.replace(/:\d+$/, ''), /:\d+$/.exec(host)?.[0] ?? ''];
    return `${domainToUnicode(name) || name}${port}`;
  };
  return {
    id: `${slug}-${hash}`,
    publicUrl,
    adminUrl,
    label: `${shown(pub)} (админ-панель ${shown(adm)}${admin.pathname === '/' ? '' : admin.pathname})`,
  };
}

export function ledgerDir(stateDir: string): string {
  return path.join(path.resolve(stateDir), LEDGER_DIR);
}

/** Writes `<id>.json` once, so that `navbot ledger` can name the target of each ledger. */
export function describeTarget(stateDir: string, target: TargetInfo): void {
  const dir = ledgerDir(stateDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${target.id}.json`);
  if (fs.existsSync(file)) return;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ id: target.id, publicUrl: target.publicUrl, adminUrl: target.adminUrl, label: target.label, createdAt: new Date().toISOString() }, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** Every target this state folder has a ledger for. */
export function knownTargets(stateDir: string): TargetInfo[] {
  const dir = ledgerDir(stateDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: TargetInfo[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    try {
      const v = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Partial<TargetInfo>;
      if (typeof v.id === 'string' && typeof v.publicUrl === 'string' && typeof v.adminUrl === 'string') {
        out.push({ id: v.id, publicUrl: v.publicUrl, adminUrl: v.adminUrl, label: v.label ?? v.id });
      }
    } catch {
      // a damaged description only hides that target from listings
    }
  }
  return out;
}
