// The retry policy of one row: what to do after an attempt failed, and how long to wait.
//
// The budget is counted in progress, not in attempts: `retries` is how many failed attempts in a
// row may make no progress (see no step done that no earlier attempt of this run saw done). An
// attempt that got further than any before starts the count again, so a flaky region that fails
// one request in ten still brings a five-step row home, while a step that fails every time stops
// after `retries` + 1 tries. An attempt that failed outside an act (while logging in, probing, or
// in what an act needs before its intent, a step's `ready`) costs a quarter: nothing was written, and a person would simply try
// again (a flaky region fails one read in thirty, and a step reads a dozen times). Progress is
// bounded by the flow's steps, so a row ends: at most (4 × retries + 1) × (steps + 1) attempts. A session expiry is no fault: log in again at once, up to
// `maxExpiries` times a row; beyond that it counts as an ordinary fault.
import { canRetry, type Verdict } from '../core/errors.js';

export interface RetryOptions {
  /** Failed attempts without progress a row may retry (NAVBOT_RETRIES). */
  retries: number;
  /** The first pause before a retry (NAVBOT_BACKOFF_MS); doubles with each attempt without progress. */
  backoffMs: number;
  /** Session expiries one row may meet before they count as faults (a token that dies at once). */
  maxExpiries?: number;
}

export const MAX_EXPIRIES_PER_ROW = 10;

export class RowRetries {
  /** The attempt being made (1-based); a re-login does not start a new one. */
  attempt = 1;
  /** The cost of the failed attempts since the row last made progress (1 an attempt that acted, ¼ one that only read). */
  stalled = 0;
  expiries = 0;
  private readonly maxExpiries: number;

  constructor(
    private readonly options: RetryOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.maxExpiries = options.maxExpiries ?? MAX_EXPIRIES_PER_ROW;
  }

  /**
   * After a failed attempt: `progressed` says whether it saw a step done that no earlier attempt
   * of this run saw done; `acted` whether it failed inside an act (an intent written, its done
   * not yet: the act or its read-back failed). Returns the verdict
   * and moves the counters on.
   */
  decide(error: unknown, progressed: boolean, acted = true): Verdict {
    if (progressed) this.stalled = 0;
    const cost = acted ? 1 : 0.25;
    let verdict = canRetry(error, Math.ceil(this.stalled + cost), this.options.retries);
    if (verdict === 'relogin-retry') {
      if (this.expiries < this.maxExpiries) {
        this.expiries++;
        return verdict;
      }
      // Expiries beyond what a row may meet count as ordinary faults, under the same budget.
      verdict = this.stalled + cost > this.options.retries ? 'fail-row' : 'retry';
    }
    if (verdict === 'retry') {
      this.stalled += cost;
      this.attempt++;
    }
    return verdict;
  }

  /** The pause before the next attempt: exponential in the attempts without progress, with jitter, capped at 16 × backoff. */
  delayMs(): number {
    const base = Math.min(this.options.backoffMs * 2 ** Math.max(0, this.stalled - 1), 16 * this.options.backoffMs);
    return Math.round(base * (0.5 + this.random()));
  }
}
