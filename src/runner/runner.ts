// Runs a validated queue through a flow: p-queue schedules rows over workers, each row resumes
// from its first unfinished step, system faults are retried with backoff in fresh contexts,
// business faults fail the row at once, consecutive system faults open the circuit breaker.
import PQueue from 'p-queue';
import { setTimeout as backoffDelay } from 'node:timers/promises';
import type { LaunchOptions } from 'playwright';
import type { Settings } from '../config/settings.js';
import { previewSteps, runSteps, type Facts, type Flow } from '../../flows/engine.js';
import { accountingCertificateFlow, type AccountingContext, type SentRow } from '../../flows/accounting-certificate.js';
import { BusinessError, StopRunError, canRetry, rootDecision } from './errors.js';
import { EventLog, type RowEndEvent, type RowError, type RowStatus } from './events.js';
import { BrowserHost } from './browser.js';
import { Politeness } from './politeness.js';
import { Worker } from './worker.js';
import { derivePassword } from './password.js';
import { ROW_STEP } from '../journal/entry.js';
import type { Journal } from '../journal/journal.js';
import type { Logger } from './logger.js';
import type { Redactor } from './redact.js';

export interface RunRow {
  /** The normalised key: journal key, password input. */
  keyNorm: string;
  sent: SentRow;
}

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
  /** Test hook: the flow to run (defaults to the accounting certificate). */
  flow?: Flow<AccountingContext>;
}

export interface RunSummary {
  counts: Record<RowStatus, number>;
  stopped: string | undefined;
  exitCode: number;
  actions: number;
  browserLaunches: number;
}

type RowEnd = Omit<RowEndEvent, 'at'>;

const emptyCounts = (): Record<RowStatus, number> => ({ issued: 0, already: 0, failed: 0, skipped: 0, pending: 0, 'dry-run': 0 });

function describe(error: unknown): RowError {
  const e = rootDecision(error);
  if (e instanceof BusinessError) return { kind: 'business', reason: e.reason, action: e.action };
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return {
    kind: 'system',
    reason: `Сбой связи или страницы: ${message}`,
    action: 'Запустите navbot ещё раз: он продолжит с того же шага. Если повторяется — проверьте доступность Навигатора.',
  };
}

export async function runQueue(o: RunOptions): Promise<RunSummary> {
  const { settings, journal, events, logger } = o;
  const flow = o.flow ?? accountingCertificateFlow;
  const steps = flow.steps.map((s) => s.name);
  const politeness = new Politeness(settings.actionsPerSecond);
  const host = new BrowserHost({
    launch: o.launch,
    politeness,
    origins: [new URL(settings.publicUrl).origin, new URL(settings.adminUrl).origin],
    timeoutMs: settings.timeoutMs,
    backoffMs: settings.backoffMs,
  });
  const counts = emptyCounts();
  let stopped: string | undefined;
  let consecutiveFaults = 0;
  const queue = new PQueue({ concurrency: settings.concurrency });
  const idle: Worker[] = [];
  const log = logger.child({ part: 'runner' });
  const stopping = () => stopped !== undefined || (o.signal?.aborted ?? false);

  const stop = (reason: string) => {
    if (stopped) return;
    stopped = reason;
    queue.clear();
    events.emit({ type: 'stop', reason });
    log.error(reason);
  };

  events.emit({ type: 'run-start', runId: o.runId, total: o.rows.length, dryRun: o.dryRun ?? false });

  /** A row's password is masked in logs only while the row runs: the redactor stays small. */
  async function processRow(row: RunRow, worker: Worker): Promise<RowEnd | undefined> {
    const password = derivePassword(settings.secret, row.keyNorm);
    o.redactor.add(password);
    try {
      return await attemptRow(row, worker, password);
    } finally {
      o.redactor.forget(password);
    }
  }

  async function attemptRow(row: RunRow, worker: Worker, password: string): Promise<RowEnd | undefined> {
    const key = row.keyNorm;
    const began = performance.now();
    const state = journal.rowState(key);
    const end = (status: RowStatus, facts: Facts, attempts: number, extra: Partial<RowEnd> = {}): RowEnd => {
      counts[status]++;
      return { type: 'row-end' as const, key, status, facts, attempts, ms: Math.round(performance.now() - began), screenshots: [], ...extra };
    };
    if (state.status === 'issued') return end('already', { ...state.facts }, 0);

    let facts: Facts = { ...state.facts };
    // Any act announced in this run (in any attempt) makes the row «issued» rather than «already».
    let actedThisRun = false;
    const rowLog = log.child({ rowKey: row.sent.key });
    for (let attempt = 1; ; attempt++) {
      if (stopping()) return undefined;
      events.emit({ type: 'row-start', key, attempt });
      const screenshots: string[] = [];
      // What earlier attempts verified is in the journal; this attempt starts from there.
      facts = { ...journal.rowState(key).facts };
      try {
        if (o.dryRun) {
          const ctx = await worker.context(row.sent, password, (name) => screenshots.push(name));
          const preview = await previewSteps(flow, ctx, facts);
          return end('dry-run', preview.facts, attempt, { planned: preview.planned, screenshots: await worker.finish(row.sent.key, screenshots, 'ok') });
        }
        const ctx = await worker.context(row.sent, password, (name) => screenshots.push(name));
        const result = await runSteps(
          flow,
          ctx,
          facts,
          journal.firstUnfinished(key, steps),
          {
            intent: (step, n) => {
              actedThisRun = true;
              journal.append({ key, step, kind: 'intent', attempt: n });
            },
            done: (step, f) => journal.append({ key, step, kind: 'done', facts: f }),
          },
          attempt,
          {
            onStepStart: (step, title) => events.emit({ type: 'step-start', key, step, title }),
            onStepEnd: (step, outcome, ms) => {
              consecutiveFaults = 0;
              events.emit({ type: 'step-end', key, step, title: flow.steps.find((s) => s.name === step)?.title ?? step, outcome, ms: Math.round(ms) });
            },
            shouldStop: stopping,
          },
        );
        facts = result.facts;
        if (result.stopped) return undefined;
        journal.append({ key, step: ROW_STEP, kind: 'done', facts });
        // Nothing acted: everything was already on the target (an earlier run, or by hand).
        return end(actedThisRun ? 'issued' : 'already', facts, attempt, {
          screenshots: await worker.finish(row.sent.key, screenshots, 'ok'),
        });
      } catch (error) {
        const verdict = canRetry(error, attempt, settings.retries);
        const info = describe(error);
        if (verdict === 'stop-run') {
          stop(info.reason);
          return undefined;
        }
        if (verdict === 'fail-row') {
          const shots = await worker.finish(row.sent.key, screenshots, 'failed');
          if (!o.dryRun) journal.append({ key, step: ROW_STEP, kind: 'failed', error: { kind: info.kind === 'business' ? 'business' : 'system', reason: info.reason, action: info.action } });
          rowLog.error(`строка не выполнена: ${info.reason}`, error);
          if (info.kind === 'system' && ++consecutiveFaults >= settings.breaker) {
            stop(`Навигатор не отвечает: ${consecutiveFaults} сбоев подряд. Прогон остановлен; запустите позже — navbot продолжит с того же места.`);
          }
          return end('failed', facts, attempt, { error: info, screenshots: shots, trace: worker.lastTrace });
        }
        consecutiveFaults++;
        rowLog.retry(`попытка ${attempt} не удалась, повтор`, error, { attempt });
        if (!o.dryRun) journal.append({ key, step: ROW_STEP, kind: 'note', attempt, error: { kind: 'system', reason: info.reason } });
        events.emit({ type: 'retry', key, attempt, reason: info.reason });
        await worker.discard();
        if (consecutiveFaults >= settings.breaker) {
          stop(`Навигатор не отвечает: ${consecutiveFaults} сбоев подряд. Прогон остановлен; запустите позже — navbot продолжит с того же места.`);
          return undefined;
        }
        await backoffDelay(Math.min(settings.backoffMs * 2 ** (attempt - 1), 16 * settings.backoffMs) * (0.5 + Math.random()), undefined, { signal: o.signal }).catch(() => undefined);
      }
    }
  }

  const workers = Array.from({ length: settings.concurrency }, () => new Worker(host, settings, o.runDir, o.redactor));
  idle.push(...workers);
  for (const row of o.rows) {
    void queue.add(async () => {
      if (stopping()) return;
      const worker = idle.pop()!;
      try {
        const ended = await processRow(row, worker);
        if (ended) events.emit(ended);
      } catch (error) {
        stop(`Внутренняя ошибка navbot: ${(error as Error).message}`);
      } finally {
        idle.push(worker);
      }
    });
  }
  await queue.onIdle();
  await Promise.all(workers.map((w) => w.close()));
  await host.close();

  const processed = counts.issued + counts.already + counts.failed + counts.skipped + counts['dry-run'];
  counts.pending = o.rows.length - processed;
  const exitCode = o.signal?.aborted ? 130 : stopped ? 3 : counts.failed > 0 || counts.pending > 0 ? 1 : 0;
  events.emit({ type: 'run-end', counts, exitCode });
  return { counts, stopped, exitCode, actions: politeness.actions, browserLaunches: host.launches };
}

