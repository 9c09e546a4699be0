// Question 10: the region's answer time and the pace it suggests (NAVBOT_TIMEOUT_MS,
// NAVBOT_ACTIONS_PER_SECOND).
import { median } from '../survey/match.js';
import type { SurveyFindings } from '../survey/types.js';
import type { CheckList, CurrentSettings } from './check.js';

export interface Pace {
  medianMs: number;
  samples: number;
  actionsPerSecond: number;
  timeoutMs: number;
}

/**
 * The pace a region's answer time suggests: a timeout of at least ten answers (never below the
 * default), and at most one action per second — when answers take longer than a second, one
 * action per answer time, so that requests never pile up on a slow server.
 */
export function suggestPace(samples: readonly number[], defaults: { timeoutMs: number; actionsPerSecond: number }): Pace {
  const m = Math.round(median(samples));
  const timeoutMs = Math.min(600_000, Math.max(defaults.timeoutMs, Math.ceil((10 * m) / 1000) * 1000));
  const actionsPerSecond = m <= 1000 ? Math.min(1, defaults.actionsPerSecond) : Math.max(0.01, Math.floor(100_000 / m) / 100);
  return { medianMs: m, samples: samples.length, actionsPerSecond, timeoutMs };
}

/** Item 10; returns the suggested pace. */
export function paceCheck(f: SurveyFindings, cur: CurrentSettings, defaults: { timeoutMs: number; actionsPerSecond: number }, out: CheckList): Pace {
  // 10. Answer time.
  const pace = suggestPace(f.timing, defaults);
  const slowTimeout = cur.timeoutMs < 10 * pace.medianMs;
  const tooFast = pace.medianMs > 1000 && cur.actionsPerSecond > pace.actionsPerSecond;
  out.add({
    id: 'timing',
    item: 10,
    title: 'время ответа (медиана GET)',
    status: f.timing.length === 0 ? 'skipped' : slowTimeout || tooFast ? 'warning' : 'ok',
    expected: `NAVBOT_TIMEOUT_MS ≥ 10 × медиана, NAVBOT_ACTIONS_PER_SECOND ≤ ${pace.actionsPerSecond}`,
    found: { medianMs: pace.medianMs, samples: pace.samples, timeoutMs: cur.timeoutMs, actionsPerSecond: cur.actionsPerSecond },
    suggested: { NAVBOT_ACTIONS_PER_SECOND: pace.actionsPerSecond, NAVBOT_TIMEOUT_MS: pace.timeoutMs },
    note: `медиана ${pace.medianMs} мс по ${pace.samples} запросам; предлагается NAVBOT_ACTIONS_PER_SECOND=${pace.actionsPerSecond}, NAVBOT_TIMEOUT_MS=${pace.timeoutMs}`,
    ...(slowTimeout || tooFast
      ? { todo: `укажите в .env NAVBOT_TIMEOUT_MS=${Math.max(pace.timeoutMs, cur.timeoutMs)}${tooFast ? ` и NAVBOT_ACTIONS_PER_SECOND=${pace.actionsPerSecond}` : ''}: регион отвечает медленно` }
      : {}),
  });
  return pace;
}
