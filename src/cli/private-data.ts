// What every run's start does for the data at rest (issue 24): the project's .env, ledger and
// reports folders made owner-only, raw traces a killed run left deleted, then the folders older
// than NAVBOT_KEEP_DAYS deleted. Returns
// Russian lines for the console and the run's report (its Сводка lists what was purged).
import type { Settings } from '../config/settings.js';
import { makeOwnerOnly, othersWhoRead, privatePaths, type OwnerOnlyHost, currentHost } from '../core/owner-only.js';
import { purgeLines, purgeOld } from '../report/purge.js';
import { removeRawTraces } from '../runner/trace-file.js';

export interface RunStartCare {
  /** Lines to print before the run. */
  lines: string[];
  /** Lines for the run's report: what was purged. */
  purged: string[];
}

export function careAtRunStart(s: Pick<Settings, 'stateDir' | 'reportsDir' | 'keepDays'>, runDir: string, host: OwnerOnlyHost = currentHost()): RunStartCare {
  // Changed only where others can read (on Windows icacls walks a whole folder when it changes it).
  const exposed = privatePaths('.', s.stateDir, s.reportsDir).filter((t) => othersWhoRead(t, host).length > 0);
  const lines = makeOwnerOnly(exposed, host).map((f) => `Внимание: не удалось закрыть доступ другим пользователям к ${f}. Запустите navbot doctor — он покажет команду.`);
  // Raw traces a killed run left under their temporary names (runner/trace-file.ts).
  removeRawTraces(s.reportsDir);
  const purged = purgeLines(purgeOld({ reportsDir: s.reportsDir, stateDir: s.stateDir, keepDays: s.keepDays, keep: [runDir] }), s.keepDays);
  return { lines: [...lines, ...purged], purged };
}
