// Runs a validated queue through a flow. The scheduler (scheduler.ts) hands rows to workers; each
// row resumes from its first unfinished step; the retry policy (retry.ts) decides after a failed
// attempt (system faults retried with backoff in a fresh state, business faults fail the row at
// once, a session expiry logs in again), the breaker (breaker.ts) counts faults across rows and
// words the stop. The run ends with an outcome that the CLI maps to an exit code.
// The flow is a plug-in (src/procedure/plugin.ts): the runner knows none by name; it asks the flow for a
// row's context, runs its steps and asks it what a finished row is. A read-only flow's rows leave
// no trace in the ledger.
import { setTimeout as backoffDelay } from 'node:timers/promises';
import type { LaunchOptions } from 'playwright';
import type { Settings } from '../config/settings.js';
import type { Facts } from '../core/facts.js';
import type { FlowPlugin } from '../procedure/plugin.js';
import type { SentRecord } from '../intake/index.js';
import { BusinessError, DuplicateError, MissingElementError, SessionExpiredError, StopRunError, rootDecision } from '../core/errors.js';
import { Breaker } from './breaker.js';
import { RowRetries } from './retry.js';
import { EventLog, ROW_STATUSES, emptyCounts, type RowEndEvent, type RowError, type RowStatus, type RunOutcome } from '../core/events.js';
import { BrowserHost } from './browser.js';
import { Politeness } from './politeness.js';
import { Worker, type RowWorker } from './worker.js';
import { targetModule } from '../navigator/targets.js';
import { Scheduler } from './scheduler.js';
import { phaseEnd } from './phase.js';
import { derivePassword } from '../core/password.js';
import { ROW_STEP, type Binding, type Facts as EntryFacts } from '../journal/entry.js';
import type { Journal } from '../journal/journal.js';
import type { Logger } from '../core/logger.js';
import type { Redactor } from '../core/redact.js';

export interface RunRow {
  /**
   * The row's ledger key: its identity (intake's normaliseKey), or the older form the ledger
   * already holds the key under (journal/key-forms.ts). The journal's key and the password's basis.
   */
  keyNorm: string;
  /** What the row sends: the flow's declared fields only. */
  sent: Readonly<SentRecord>;
  /** The flow's ledger rules stopped the row: it ends failed, nothing is sent or journaled. */
  refused?: { reason: string; action: string };
  /** The flow's own plan for the row (its `prepare`), handed back to it with the row. */
  plan?: unknown;
  /** Recorded as the key's binding before its first ledger write of this run, if it differs. */
  binding?: Binding;
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

/** Two flat records (facts, a binding's content) hold the same values. */
const sameRecord = (a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>>): boolean =>
  !!a && Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

export interface RunSummary {
  counts: Record<RowStatus, number>;
  /** How the run ended; the CLI maps it to an exit code (src/cli/exit-codes.ts). */
  outcome: RunOutcome;
  stopped: string | undefined;
  actions: number;
  browserLaunches: number;
}

type RowEnd = Omit<RowEndEvent, 'at'>;


/** A row's error in words staff read; `doing`: the title of the step it happened in, if any. */
function describe(error: unknown, doing?: string): RowError {
  const e = rootDecision(error);
  if (e instanceof MissingElementError) {
    const said = e.during(doing);
    return { kind: 'business', reason: said.reason, action: said.action };
  }
  if (e instanceof BusinessError) return { kind: 'business', reason: e.reason, action: e.action };
  // A stop says in Russian what happened and what to do; it is not a fault of the connection.
  if (e instanceof StopRunError) return { kind: 'stopped', reason: e.message, action: '' };
  return {
    kind: 'system',
    reason: systemReason(e),
    action: 'Запустите navbot ещё раз: он продолжит с того же шага. Если повторяется — проверьте доступность Навигатора. Подробности — в navbot.log и трассировке в папке прогона.',
  };
}


/**
 * A system fault in words staff read (console, report, summary); the internal English message
 * stays in the log and the trace.
 */
export function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const http = /HTTP (\d{3})/.exec(message)?.[1];
  if (error instanceof SessionExpiredError) return 'Сбой связи: сессия Навигатора истекала снова и снова, вход не удержался.';
  if (/Timeout \d+ms exceeded|timed? ?out/i.test(message)) return 'Сбой связи: Навигатор не ответил вовремя.';
  if (http && Number(http) >= 500) return `Сбой связи: Навигатор ответил ошибкой сервера (HTTP ${http}).`;
  if (http === '429') return 'Сбой связи: Навигатор просит отправлять запросы реже (HTTP 429).';
  if (/Target (page, context or browser )?closed|browser has been closed|crash/i.test(message)) return 'Сбой браузера: окно браузера закрылось или упало посреди действия.';
  if (/net::|ECONNREFUSED|ECONNRESET|socket hang up|status 0|HTTP 0/i.test(message)) return 'Сбой связи: соединение с Навигатором оборвалось.';
  return 'Сбой страницы: Навигатор показал не то, что ожидалось (подробности — в navbot.log).';
}

export async function runQueue(o: RunOptions): Promise<RunSummary> {
  const { settings, journal, events, logger } = o;
  const flow = o.flow;
  // A read-only flow writes nothing: no binding, no intent (it never acts), no done, no failure.
  const keepsLedger = !flow.readOnly;
  const politeness = new Politeness(settings.actionsPerSecond);
  let host: BrowserHost | undefined;
  const say = (key: string, text: string) => events.emit({ type: 'notice', key, text });
  const workers =
    o.workers?.(say) ??
    ((h: BrowserHost) => Array.from({ length: settings.concurrency }, () => new Worker(h, settings, o.runDir, o.redactor, say)))(
      (host = new BrowserHost({
        launch: o.launch,
        politeness,
        origins: [...new Set(flow.uses.flatMap((name) => targetModule(name).origins(settings)))],
        timeoutMs: settings.timeoutMs,
        backoffMs: settings.backoffMs,
      })),
    );
  const scheduler = new Scheduler(workers);
  const counts = emptyCounts();
  let stopped: string | undefined;
  let stopCode = 3;
  const breaker = new Breaker(settings.breaker);
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

  events.emit({ type: 'run-start', runId: o.runId, total: o.rows.length, dryRun: o.dryRun ?? false });

  /**
   * A row's password is masked while the row runs, its end event included (the redactor stays as
   * small as the rows in flight): the password is forgotten only after everything about the row
   * was written and shown.
   */
  async function processRow(row: RunRow, worker: RowWorker): Promise<void> {
    const password = derivePassword(settings.secret, row.keyNorm);
    o.redactor.add(password);
    try {
      const ended = await attemptRow(row, worker, password);
      if (ended) events.emit(ended);
    } finally {
      o.redactor.forget(password);
    }
  }

  async function attemptRow(row: RunRow, worker: RowWorker, password: string): Promise<RowEnd | undefined> {
    const key = row.keyNorm;
    const began = performance.now();
    const end = (status: RowStatus, facts: Facts, attempts: number, extra: Partial<RowEnd> = {}): RowEnd => {
      counts[status]++;
      return { type: 'row-end' as const, key, status, facts, attempts, ms: Math.round(performance.now() - began), screenshots: [], ...extra };
    };
    if (row.refused) {
      return end('failed', {}, 0, { error: { kind: 'business', reason: row.refused.reason, action: row.refused.action } });
    }
    // What the ledger held before this run: it tells «issued now» from «issued before».
    const before = journal.rowState(key);

    // The ledger learns what the row sends before its first entry of this run; a probe that finds
    // what the ledger already holds writes nothing.
    let bound = false;
    const bind = () => {
      if (!keepsLedger) return;
      if (!bound && row.binding && !sameRecord(journal.rowState(key).binding?.content, row.binding.content)) {
        journal.recordBinding(key, row.binding);
      }
      bound = true;
    };
    const write = (input: Parameters<Journal['append']>[0]) => {
      if (!keepsLedger) return;
      bind();
      journal.append(input);
    };
    const lastStep = flow.steps[flow.steps.length - 1]!.name;

    let facts: Facts = {};
    const rowLog = log.child({ rowKey: row.sent.key });
    // Steps this run saw done on the target (probed or verified), with their facts, in order.
    const seenDone = new Map<string, Facts>();
    const retries = new RowRetries({ retries: settings.retries, backoffMs: settings.backoffMs });
    for (;;) {
      const attempt = retries.attempt;
      const seenBefore = seenDone.size;
      // Whether this attempt failed inside an act (an intent written, its done not yet): an attempt
      // that failed while only reading (a probe, a login, the next step's read) costs less.
      let acted = false;
      // The step this attempt is in (its Russian title): a configuration fault says where it met it.
      let doing: string | undefined;
      if (stopping()) return undefined;
      events.emit({ type: 'row-start', key, attempt });
      const screenshots: string[] = [];
      // The first attempt probes every step from the first: the ledger's ids are used only after
      // the target confirms them (a stored id for another child, or on another target, is never
      // trusted). A retry goes on from what this run itself saw done moments ago.
      const from = flow.steps.find((st) => !seenDone.has(st.name))?.name;
      facts = Object.assign({}, ...flow.steps.filter((st) => seenDone.has(st.name)).map((st) => seenDone.get(st.name)));
      try {
        const offer = await worker.offer(row.sent.key, (name) => screenshots.push(name), flow.uses);
        const opened = flow.open(offer, { sent: row.sent, password, ...(row.plan !== undefined ? { plan: row.plan } : {}) });
        worker.hold(opened.release);
        if (o.dryRun) {
          const preview = await opened.preview(facts, o.until);
          return end('dry-run', preview.facts, attempt, { planned: preview.planned, screenshots: await worker.finish(row.sent.key, screenshots, 'ok') });
        }
        const result = await opened.run(
          facts,
          from,
          {
            intent: (step, n) => {
              acted = true;
              write({ key, step, kind: 'intent', attempt: n });
            },
            done: (step, f) => {
              acted = false;
              seenDone.set(step, f);
              const now = journal.rowState(key);
              if (!now.intents.has(step) && sameRecord(now.done.get(step), f as EntryFacts)) return;
              write({ key, step, kind: 'done', facts: f });
            },
          },
          attempt,
          {
            onStepStart: (step, title) => {
              doing = title;
              events.emit({ type: 'step-start', key, step, title });
            },
            onStepEnd: (step, outcome, ms) => {
              breaker.success();
              events.emit({ type: 'step-end', key, step, title: flow.steps.find((s) => s.name === step)?.title ?? step, outcome, ms: Math.round(ms) });
            },
            shouldStop: stopping,
            ...(o.until !== undefined ? { until: o.until } : {}),
          },
        );
        facts = result.facts;
        if (result.stopped) return undefined;
        if (result.paused) {
          // Not done, not failed: no row-level done is written; the next run without --until goes on.
          const p = phaseEnd(flow, o.until!, facts, before);
          const { status, facts: shown, ...words } = p;
          return end(status, shown, attempt, { screenshots: await worker.finish(row.sent.key, screenshots, 'ok'), ...words });
        }
        const now = journal.rowState(key);
        if (now.status !== 'issued' || !sameRecord(now.issued?.facts, facts as EntryFacts)) write({ key, step: ROW_STEP, kind: 'done', facts });
        // The target showed the row's own data (e.g. a person corrected the child): they are the key's now.
        else bind();
        const shots = await worker.finish(row.sent.key, screenshots, 'ok');
        // The flow says what the row is: done now by navbot, found done, or lacking something.
        const { intended, made, contested } = journal.rowState(key);
        const verdict = flow.outcome(facts, { ...(before.issued ? { before: before.issued } : {}), actedLast: intended.has(lastStep) && !contested.has(lastStep), intended, made, contested });
        return end(verdict.status, facts, attempt, {
          screenshots: shots,
          ...(verdict.note !== undefined ? { note: verdict.note } : {}),
          ...(verdict.action !== undefined ? { action: verdict.action } : {}),
        });
      } catch (error) {
        // Progress: this attempt saw a step done that no earlier attempt of this run saw done.
        const verdict = retries.decide(error, seenDone.size > seenBefore, acted);
        const info = describe(error, doing);
        if (verdict === 'stop-run') {
          const root = rootDecision(error);
          stop(info.reason, root instanceof StopRunError ? root.exitCode : 3);
          return undefined;
        }
        if (verdict === 'fail-row' || verdict === 'fail-row-stop-run') {
          // Two records where the row has one: its own status, with the ids found (not claims).
          const duplicate = rootDecision(error) instanceof DuplicateError;
          const kind = duplicate ? 'duplicate' : info.kind === 'business' ? 'business' : 'system';
          // The failure is on disk before anything else can go wrong (screenshots on a full disk).
          if (!o.dryRun && keepsLedger) journal.append({ key, step: ROW_STEP, kind: 'failed', error: { kind, reason: info.reason, action: info.action } });
          // A configuration fault: every other row would meet the same page. The run stops now, before
          // another row starts (exit 2); rows not started stay for the run after the profile is fixed.
          if (verdict === 'fail-row-stop-run') stop(`Прогон остановлен: ${info.reason} Строки, до которых он не дошёл, не тронуты; исправьте профиль и запустите navbot снова.`, 2);
          const shots = await worker.finish(row.sent.key, screenshots, 'failed').catch(() => [] as string[]);
          rowLog.error(`строка не выполнена: ${info.reason}`, error);
          const tripped = info.kind === 'system' ? breaker.fault() : undefined;
          if (tripped) stop(tripped);
          // What the failing step found (a business fault may carry it; a duplicate, the ids of
          // every record) shows beside the error.
          const root = rootDecision(error);
          const found = root instanceof BusinessError ? root.facts : undefined;
          return end(duplicate ? 'duplicate' : 'failed', found ? { ...facts, ...found } : facts, attempt, { error: info, screenshots: shots, trace: worker.lastTrace });
        }
        if (verdict === 'relogin-retry') {
          // An expired session is not a fault of the Navigator: log in again at once (the next
          // attempt's ensureLoggedIn does), without a pause, without using up a retry and without
          // counting toward the circuit breaker.
          rowLog.retry('сессия истекла, вход заново', error, { attempt });
          events.emit({ type: 'retry', key, attempt, reason: 'сессия Навигатора истекла — вход заново' });
          await worker.relogin();
          continue;
        }
        const tripped = breaker.fault();
        rowLog.retry(`попытка ${attempt} не удалась, повтор`, error, { attempt });
        if (!o.dryRun && keepsLedger) journal.append({ key, step: ROW_STEP, kind: 'note', attempt, error: { kind: 'system', reason: info.reason } });
        events.emit({ type: 'retry', key, attempt, reason: info.reason });
        await worker.discard();
        if (tripped) {
          stop(tripped);
          return undefined;
        }
        await backoffDelay(retries.delayMs(), undefined, { signal: o.signal }).catch(() => undefined);
      }
    }
  }

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
  await host?.close();

  const processed = ROW_STATUSES.filter((s) => s !== 'pending').reduce((n, s) => n + counts[s], 0);
  counts.pending = o.rows.length - processed;
  // A row that lacks something (a read-only flow's finding) needs a person, as a failed one does.
  const outcome: RunOutcome = o.signal?.aborted
    ? { kind: 'interrupted', signal: typeof o.signal.reason === 'string' ? o.signal.reason : 'SIGINT' }
    : stopped
      ? { kind: 'stopped', reason: stopped, code: stopCode }
      : { kind: 'completed', needsPerson: counts.failed > 0 || counts.pending > 0 || counts.incomplete > 0 || counts.duplicate > 0 };
  events.emit({ type: 'run-end', counts, outcome });
  return { counts, outcome, stopped, actions: politeness.actions, browserLaunches: host?.launches ?? 0 };
}
