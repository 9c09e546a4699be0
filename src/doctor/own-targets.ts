// doctor for a procedure that brings its own targets (`navbot doctor --flow <path>`, issue 23): navbot
// knows of such a target only what its module declares — its settings and the address that answers —
// so it checks those (set, an address by navbot's rules, answering) and says plainly that it cannot
// survey the target's pages: the first run's probes do. Read-only: one GET of each address.
import type { Settings } from '../config/settings.js';
import { ownSettingsProblem, type TargetModule } from '../navigator/target.js';
import { checkUrl, fail, type CheckResult } from './checks.js';

/** Each own target: its settings are set and its address is one (settings area, exit 2), then it answers (target area, exit 3). */
export async function checkOwnTargets(settings: Settings, targets: readonly TargetModule[], timeoutMs: number): Promise<CheckResult[]> {
  return Promise.all(targets.map((t) => checkOwnTarget(settings, t, timeoutMs)));
}

async function checkOwnTarget(settings: Settings, t: TargetModule, timeoutMs: number): Promise<CheckResult> {
  const wrong = ownSettingsProblem(settings, t);
  if (wrong) return fail(`${t.title}: ${wrong.head}${wrong.detail ? `: ${wrong.detail}` : ''}. ${wrong.unset ? 'Укажите' : 'Исправьте'} в файле .env.`);
  return checkUrl(t.url(settings), t.title, t.settings.url, { timeoutMs, stand: false });
}
