// Runs a validated queue through a flow. The scheduler (scheduler.ts) hands rows to workers; a
// row's attempts are a RowAttempt's (row-attempt.ts: resume from the first unfinished step, the
// retry policy, the breaker); this file counts the rows and words how the run ended, an outcome
// that the CLI maps to an exit code.
// The flow is a plug-in (src/procedure/plugin.ts): the runner knows none by name; it asks the flow for a
// row's context, runs its steps and asks it what a finished row is. A read-only flow's rows leave
// no trace in the ledger.
import type { LaunchOptions } from 'playwright';
import type { Settings } from '../config/settings.js';
import type { FlowPlugin } from '../procedure/plugin.js';
import { StopRunError, rootDecision } from '../core/errors.js';
import { Breaker } from './breaker.js';
import { ROW_STATUSES, emptyCounts, type EventLog, type RowStatus, type RunOutcome } from '../core/events.js';
import { BrowserHost } from './browser.js';
import { Politeness } from './politeness.js';
import { Worker, type RowWorker } from './worker.js';
import { usedTargets } from '../procedure/targets.js';
import { Scheduler } from './scheduler.js';
import { derivePassword } from '../core/password.js';
import type { Journal } from '../journal/journal.js';
import { RowAttempt, type RunRow, type RunScope } from './row-attempt.js';
import type { Logger } from '../core/logger.js';
import type { Redactor } from '../core/redact.js';

export type { RunRow } from './row-attempt.js';
/** A system fault in words staff read (row-error.ts). */
export { systemReason } from './row-error.js';

export interface RunOptions {
  settings: Settings;
  rows: readonly RunRow[];
  journal: Journal;
  events: EventLog;
  logger: Logger;
  redactor: Redactor;
  runId: string;
  runDir: string;
  launch: LaunchOptions;
  dryRun?: boolean;
  /** Set by Ctrl+C: rows finish their current step, nothing new starts. */
  signal?: AbortSignal;
  /** The flow to run; the journal is opened with its scope. */
  flow: FlowPlugin;
  /** A phase split (`run --until <step>`, phase.ts): rows end after this step of the flow. */
  until?: string;
  /**
   * The workers rows run on (one per concurrent row). By default: browser workers of one
   * BrowserHost; tests give workers whose offer is a fake Navigator, and no browser starts.
   */
  workers?: (say: (key: string, text: string) => void) => RowWorker[];
}

export interface RunSummary {
  counts: Record<RowStatus, number>;
  /** How the run ended; the CLI maps it to an exit code (src/cli/exit-codes.ts). */
  outcome: RunOutcome;
  stopped: string | undefined;
  actions: number;
  browserLaunches: number;
}

/** Browser workers of one BrowserHost (one per concurrent row), gating the origins of the targets the flow uses. */
function browserWorkers(o: RunOptions, politeness: Politeness, say: (key: string, text: string) => void): { host: BrowserHost; workers: RowWorker[] } {
  const { settings, flow } = o;
  const host = new BrowserHost({
    launch: o.launch,
    politeness,
    origins: [...new Set(usedTargets(flow).flatMap((t) => t.origins(settings)))],
    timeoutMs: settings.timeoutMs,
    backoffMs: settings.backoffMs,
  });
  return { host, workers: Array.from({ length: settings.concurrency }, () => new Worker(host, settings, o.runDir, o.redactor, say)) };
}

/** How the run ended: interrupted, stopped, or every row ended (a row that is not done needs a person). */
function outcomeOf(signal: AbortSignal | undefined, stopped: string | undefined, stopCode: number, counts: Record<RowStatus, number>): RunOutcome {
  if (signal?.aborted) return { kind: 'interrupted', signal: typeof signal.reason === 'string' ? signal.reason : 'SIGINT' };
  if (stopped) return { kind: 'stopped', reason: stopped, code: stopCode };
  // A row that lacks something (a read-only flow's finding) needs a person, as a failed one does.
  return { kind: 'completed', needsPerson: counts.failed > 0 || counts.pending > 0 || counts.incomplete > 0 || counts.duplicate > 0 };
}

export async function runQueue(o: RunOptions): Promise<RunSummary> {
  const { settings, journal, events, logger, flow } = o;
  const politeness = new Politeness(settings.actionsPerSecond);
  const say = (key: string, text: string) => events.emit({ type: 'notice', key, text });
  const browser = o.workers ? undefined : browserWorkers(o, politeness, say);
  const workers = o.workers?.(say) ?? browser!.workers;
  const scheduler = new Scheduler(workers);
  const counts = emptyCounts();
  let stopped: string | undefined;
  let stopCode = 3;
  const log = logger.child({ part: 'runner' });
  const stopping = () => stopped !== undefined || (o.signal?.aborted ?? false);
  const stop = (reason: string, code = 3) => {
    if (stopped) return;
    stopped = reason;
    stopCode = code;
    scheduler.clear();
    events.emit({ type: 'stop', reason });
    log.error(reason);
  };
  const scope: RunScope = { settings, journal, events, flow, dryRun: o.dryRun ?? false, until: o.until, signal: o.signal, breaker: new Breaker(settings.breaker), log, stopping, stop };
  events.emit({ type: 'run-start', runId: o.runId, total: o.rows.length, dryRun: o.dryRun ?? false });

  /**
   * A row's password is masked while the row runs, its end event included (the redactor stays as
   * small as the rows in flight): the password is forgotten only after everything about the row
   * was written and shown.
   */
  const processRow = async (row: RunRow, worker: RowWorker): Promise<void> => {
    const password = derivePassword(settings.secret, row.keyNorm);
    o.redactor.add(password);
    try {
      const ended = await new RowAttempt(scope, row, worker, password).settle();
      if (!ended) return;
      counts[ended.status]++;
      events.emit(ended);
    } finally {
      o.redactor.forget(password);
    }
  };

  await scheduler.run(
    o.rows,
    async (row, worker) => {
      if (!stopping()) await processRow(row, worker);
    },
    (error) => {
      // A journal that cannot be written (a full disk) stops the run with its own Russian words.
      const root = rootDecision(error);
      if (root instanceof StopRunError) stop(root.message, root.exitCode);
      else stop(`Внутренняя ошибка navbot: ${(error as Error).message}`);
    },
  );
  await Promise.all(workers.map((w) => w.close()));
  await browser?.host.close();

  counts.pending = o.rows.length - ROW_STATUSES.filter((s) => s !== 'pending').reduce((n, s) => n + counts[s], 0);
  const outcome = outcomeOf(o.signal, stopped, stopCode, counts);
  events.emit({ type: 'run-end', counts, outcome });
  return { counts, outcome, stopped, actions: politeness.actions, browserLaunches: browser?.host.launches ?? 0 };
}
