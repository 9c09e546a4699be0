// doctor's check that the project's personal data is its owner's only (.env, the ledger folder,
// the reports folder): it names each one others on this PC can read, makes it owner-only, and
// where it cannot, gives the one command that does it.
import fs from 'node:fs';
import { currentHost, fixCommand, makeOwnerOnly, othersWhoRead, type OwnerOnlyHost } from '../core/owner-only.js';
import { fail, pass, type CheckResult } from './checks.js';

export function checkOwnerOnly(targets: readonly string[], host: OwnerOnlyHost = currentHost()): CheckResult {
  const exposed = targets.map((t) => ({ t, who: othersWhoRead(t, host) })).filter((x) => x.who.length > 0);
  if (exposed.length === 0) return pass('.env, журнал и отчёты доступны только вашей учётной записи');
  const named = exposed.map((x) => `${x.t} (читают: ${x.who.join(', ')})`).join('; ');
  const failed = makeOwnerOnly(
    exposed.map((x) => x.t),
    host,
  );
  const still = exposed.filter((x) => othersWhoRead(x.t, host).length > 0 || failed.some((f) => f.startsWith(`${x.t}:`)));
  if (still.length === 0) return pass(`были доступны другим пользователям этого ПК: ${named} — теперь только вашей учётной записи`);
  const isFolder = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();
  return fail(
    `другие пользователи этого ПК могут читать ${named}: там пароли и данные детей. Выполните: ${fixCommand(
      still.map((x) => x.t),
      host,
      isFolder,
    )}`,
  );
}

/**
 * Windows only: the project folder holds bin\navbot.mjs, which the night task runs as the staff
 * member; a folder under C:\ lets every account change it. Elsewhere a clone's code is no secret.
 */
export function checkProjectFolder(dir: string, host: OwnerOnlyHost = currentHost()): CheckResult | undefined {
  if (host.platform !== 'win32') return undefined;
  const who = othersWhoRead(dir, host);
  if (who.length === 0) return pass(`папка navbot ${dir} доступна только вашей учётной записи`);
  return fail(
    `папку navbot ${dir} (и программу, которую запускает ночное задание) могут читать и, возможно, менять другие: ${who.join(', ')}. ` +
      `Лучше перенести navbot в %LOCALAPPDATA%\\navbot (см. README, «Установка на Windows»); либо выполните: ${fixCommand([dir], host, () => true)}`,
  );
}
