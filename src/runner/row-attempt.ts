// One row's attempts, from its first to how it ends (runner.ts hands rows to workers and counts
// them). An attempt resumes from the first step this run has not seen done, runs the flow's steps
// on what the worker offers, and the retry policy (retry.ts) decides after a failure: system
// faults are retried with backoff in a fresh state, business faults fail the row at once, a
// session expiry logs in again; the breaker (breaker.ts) counts faults across rows. The row's
// ledger learns what it sends before its first entry; a read-only flow's rows write nothing.
import { setTimeout as backoffDelay } from 'node:timers/promises';
import type { Settings } from '../config/settings.js';
import type { Facts } from '../core/facts.js';
import type { FlowPlugin, OpenRow } from '../procedure/plugin.js';
import type { StepHooks, StepJournal } from '../procedure/engine.js';
import { usedTargets } from '../procedure/targets.js';
import type { SentRecord } from '../intake/index.js';
import { BusinessError, DuplicateError, StopRunError, rootDecision, type Verdict } from '../core/errors.js';
import type { EventLog, RowEndEvent, RowError, RowStatus } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import { ROW_STEP, type Binding } from '../journal/entry.js';
import type { Journal } from '../journal/journal.js';
import type { RowState } from '../journal/row-state.js';
import type { Breaker } from './breaker.js';
import { phaseEnd } from './phase.js';
import { RowRetries } from './retry.js';
import { describe } from './row-error.js';
import type { RowWorker } from './worker.js';

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

/** What a row's attempts share with the run. */
export interface RunScope {
  readonly settings: Settings;
  readonly journal: Journal;
  readonly events: EventLog;
  readonly flow: FlowPlugin;
  readonly dryRun: boolean;
  /** A phase split (`run --until <step>`): rows end after this step. */
  readonly until: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly breaker: Breaker;
  readonly log: Logger;
  /** The run is stopping (a stop, or Ctrl+C): nothing new starts. */
  stopping(): boolean;
  stop(reason: string, code?: number): void;
}

export type RowEnd = Omit<RowEndEvent, 'at'>;

/** Two flat records (facts, a binding's content) hold the same values. */
export const sameRecord = (a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>>): boolean =>
  !!a && Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

/**
 * The ledger of one row in this run: the key's binding is recorded before its first entry (and
 * only when it differs); a read-only flow writes nothing at all.
 */
class RowLedger {
  private bound = false;

  constructor(
    private readonly journal: Journal,
    private readonly row: RunRow,
    private readonly keeps: boolean,
  ) {}

  bind(): void {
    if (!this.keeps) return;
    const { binding, keyNorm } = this.row;
    if (!this.bound && binding && !sameRecord(this.journal.rowState(keyNorm).binding?.content, binding.content)) {
      this.journal.recordBinding(keyNorm, binding);
    }
    this.bound = true;
  }

  write(input: Parameters<Journal['append']>[0]): void {
    if (!this.keeps) return;
    this.bind();
    this.journal.append(input);
  }

  /** A failure or a retry's note: written as it is (it claims nothing, so it binds nothing). */
  note(input: Parameters<Journal['append']>[0]): void {
    if (this.keeps) this.journal.append(input);
  }
}

/** What one attempt was doing when it ended. */
interface Attempt {
  readonly n: number;
  /** Steps seen done before it: seeing more is progress. */
  readonly seenBefore: number;
  /** It failed inside an act (an intent written, its done not yet); failing while only reading costs less. */
  acted: boolean;
  /** The step it is in (its Russian title): a configuration fault says where it met it. */
  doing: string | undefined;
  readonly screenshots: string[];
}

export class RowAttempt {
  private readonly key: string;
  private readonly began = performance.now();
  private readonly ledger: RowLedger;
  /** Steps this run saw done on the target (probed or verified), with their facts, in order. */
  private readonly seenDone = new Map<string, Facts>();
  private readonly retries: RowRetries;
  private readonly rowLog: Logger;
  private facts: Facts = {};
  /** What the ledger held before this run: it tells «issued now» from «issued before». */
  private before: RowState | undefined;

  constructor(
    private readonly run: RunScope,
    private readonly row: RunRow,
    private readonly worker: RowWorker,
    private readonly password: string,
  ) {
    this.key = row.keyNorm;
    this.ledger = new RowLedger(run.journal, row, !run.flow.readOnly);
    this.retries = new RowRetries({ retries: run.settings.retries, backoffMs: run.settings.backoffMs });
    this.rowLog = run.log.child({ rowKey: row.sent.key });
  }

  /** Attempts the row until it ends; undefined when the run stopped before it did. */
  async settle(): Promise<RowEnd | undefined> {
    if (this.row.refused) {
      return this.end('failed', {}, 0, { error: { kind: 'business', reason: this.row.refused.reason, action: this.row.refused.action } });
    }
    this.before = this.run.journal.rowState(this.key);
    for (;;) {
      if (this.run.stopping()) return undefined;
      const a: Attempt = { n: this.retries.attempt, seenBefore: this.seenDone.size, acted: false, doing: undefined, screenshots: [] };
      this.run.events.emit({ type: 'row-start', key: this.key, attempt: a.n });
      try {
        return await this.attempt(a);
      } catch (error) {
        const next = await this.failed(error, a);
        if (next !== 'again') return next;
      }
    }
  }

  private end(status: RowStatus, facts: Facts, attempts: number, extra: Partial<RowEnd> = {}): RowEnd {
    return { type: 'row-end', key: this.key, status, facts, attempts, ms: Math.round(performance.now() - this.began), screenshots: [], ...extra };
  }

  /**
   * One attempt. The first probes every step from the first: the ledger's ids are used only after
   * the target confirms them (a stored id for another child, or on another target, is never
   * trusted). A retry goes on from what this run itself saw done moments ago.
   */
  private async attempt(a: Attempt): Promise<RowEnd | undefined> {
    const { flow } = this.run;
    const from = flow.steps.find((st) => !this.seenDone.has(st.name))?.name;
    this.facts = Object.assign({}, ...flow.steps.filter((st) => this.seenDone.has(st.name)).map((st) => this.seenDone.get(st.name)));
    const offer = await this.worker.offer(this.row.sent.key, (name) => a.screenshots.push(name), usedTargets(flow));
    const opened = flow.open(offer, { sent: this.row.sent, password: this.password, ...(this.row.plan !== undefined ? { plan: this.row.plan } : {}) });
    this.worker.hold(opened.release);
    if (this.run.dryRun) return this.preview(opened, a);
    const result = await opened.run(this.facts, from, this.stepJournal(a), a.n, this.hooks(a));
    this.facts = result.facts;
    if (result.stopped) return undefined;
    if (result.paused) {
      // Not done, not failed: no row-level done is written; the next run without --until goes on.
      const { status, facts: shown, ...words } = phaseEnd(flow, this.run.until!, this.facts, this.before!);
      return this.end(status, shown, a.n, { screenshots: await this.worker.finish(this.row.sent.key, a.screenshots, 'ok'), ...words });
    }
    return this.completed(a);
  }

  private async preview(opened: OpenRow, a: Attempt): Promise<RowEnd> {
    const preview = await opened.preview(this.facts, this.run.until);
    return this.end('dry-run', preview.facts, a.n, { planned: preview.planned, screenshots: await this.worker.finish(this.row.sent.key, a.screenshots, 'ok') });
  }

  /** The facts the ledger keeps: the layout's run-only ones stay in this run's events (invariant 7). */
  private forLedger(facts: Facts): Facts {
    const runOnly = this.run.flow.layout.columns.filter((c) => c.runOnly).map((c) => c.fact);
    return runOnly.some((k) => k in facts) ? Object.fromEntries(Object.entries(facts).filter(([k]) => !runOnly.includes(k))) : facts;
  }

  private stepJournal(a: Attempt): StepJournal {
    return {
      intent: (step, n) => {
        a.acted = true;
        this.ledger.write({ key: this.key, step, kind: 'intent', attempt: n });
      },
      done: (step, all) => {
        a.acted = false;
        this.seenDone.set(step, all);
        const f = this.forLedger(all);
        // A probe that finds what the ledger already holds writes nothing.
        const now = this.run.journal.rowState(this.key);
        if (!now.intents.has(step) && sameRecord(now.done.get(step), f)) return;
        this.ledger.write({ key: this.key, step, kind: 'done', facts: f });
      },
    };
  }

  private hooks(a: Attempt): StepHooks {
    const { events, flow, breaker, until } = this.run;
    return {
      onStepStart: (step, title) => {
        a.doing = title;
        events.emit({ type: 'step-start', key: this.key, step, title });
      },
      onStepEnd: (step, outcome, ms) => {
        breaker.success();
        events.emit({ type: 'step-end', key: this.key, step, title: flow.steps.find((s) => s.name === step)?.title ?? step, outcome, ms: Math.round(ms) });
      },
      shouldStop: () => this.run.stopping(),
      ...(until !== undefined ? { until } : {}),
    };
  }

  /** Every step ended: the row-level done, then the flow says what the row is (done now, found done, lacking). */
  private async completed(a: Attempt): Promise<RowEnd> {
    const { journal, flow } = this.run;
    const facts = this.facts;
    const kept = this.forLedger(facts);
    const now = journal.rowState(this.key);
    if (now.status !== 'issued' || !sameRecord(now.issued?.facts, kept)) this.ledger.write({ key: this.key, step: ROW_STEP, kind: 'done', facts: kept });
    // The target showed the row's own data (e.g. a person corrected the child): they are the key's now.
    else this.ledger.bind();
    const shots = await this.worker.finish(this.row.sent.key, a.screenshots, 'ok');
    const { intended, made, contested } = journal.rowState(this.key);
    const lastStep = flow.steps[flow.steps.length - 1]!.name;
    const before = this.before!;
    const verdict = flow.outcome(facts, { ...(before.issued ? { before: before.issued } : {}), actedLast: intended.has(lastStep) && !contested.has(lastStep), intended, made, contested });
    return this.end(verdict.status, facts, a.n, {
      screenshots: shots,
      ...(verdict.note !== undefined ? { note: verdict.note } : {}),
      ...(verdict.action !== undefined ? { action: verdict.action } : {}),
    });
  }

  /** After a failed attempt: the row's end, undefined (the run stops), or 'again' (another attempt). */
  private async failed(error: unknown, a: Attempt): Promise<RowEnd | undefined | 'again'> {
    // Progress: this attempt saw a step done that no earlier attempt of this run saw done.
    const verdict = this.retries.decide(error, this.seenDone.size > a.seenBefore, a.acted);
    const info = describe(error, a.doing);
    if (verdict === 'stop-run') {
      const root = rootDecision(error);
      this.run.stop(info.reason, root instanceof StopRunError ? root.exitCode : 3);
      return undefined;
    }
    if (verdict === 'fail-row' || verdict === 'fail-row-stop-run') return this.failRow(error, a, verdict, info);
    if (verdict === 'relogin-retry') {
      // An expired session is not a fault of the Navigator: log in again at once (the next
      // attempt's ensureLoggedIn does), without a pause, without using up a retry and without
      // counting toward the circuit breaker.
      this.rowLog.retry('сессия истекла, вход заново', error, { attempt: a.n });
      this.run.events.emit({ type: 'retry', key: this.key, attempt: a.n, reason: 'сессия Навигатора истекла — вход заново' });
      await this.worker.relogin();
      return 'again';
    }
    return this.retry(error, a, info);
  }

  /** The row fails for good; a configuration fault stops the run too. */
  private async failRow(error: unknown, a: Attempt, verdict: Extract<Verdict, 'fail-row' | 'fail-row-stop-run'>, info: RowError): Promise<RowEnd> {
    const root = rootDecision(error);
    // Two records where the row has one: its own status, with the ids found (not claims).
    const duplicate = root instanceof DuplicateError;
    const kind = duplicate ? 'duplicate' : info.kind === 'business' ? 'business' : 'system';
    // The failure is on disk before anything else can go wrong (screenshots on a full disk).
    if (!this.run.dryRun) this.ledger.note({ key: this.key, step: ROW_STEP, kind: 'failed', error: { kind, reason: info.reason, action: info.action } });
    // A configuration fault: every other row would meet the same page. The run stops now, before
    // another row starts (exit 2); rows not started stay for the run after the profile is fixed.
    if (verdict === 'fail-row-stop-run') this.run.stop(`Прогон остановлен: ${info.reason} Строки, до которых он не дошёл, не тронуты; исправьте профиль и запустите navbot снова.`, 2);
    const shots = await this.worker.finish(this.row.sent.key, a.screenshots, 'failed').catch(() => [] as string[]);
    this.rowLog.error(`строка не выполнена: ${info.reason}`, error);
    const tripped = info.kind === 'system' ? this.run.breaker.fault() : undefined;
    if (tripped) this.run.stop(tripped);
    // What the failing step found (a business fault may carry it; a duplicate, the ids of every
    // record) shows beside the error.
    const found = root instanceof BusinessError ? root.facts : undefined;
    return this.end(duplicate ? 'duplicate' : 'failed', found ? { ...this.facts, ...found } : this.facts, a.n, { error: info, screenshots: shots, trace: this.worker.lastTrace });
  }

  /** A system fault: noted, the worker starts afresh, and after a pause the row goes on (unless the breaker tripped). */
  private async retry(error: unknown, a: Attempt, info: RowError): Promise<undefined | 'again'> {
    const tripped = this.run.breaker.fault();
    this.rowLog.retry(`попытка ${a.n} не удалась, повтор`, error, { attempt: a.n });
    if (!this.run.dryRun) this.ledger.note({ key: this.key, step: ROW_STEP, kind: 'note', attempt: a.n, error: { kind: 'system', reason: info.reason } });
    this.run.events.emit({ type: 'retry', key: this.key, attempt: a.n, reason: info.reason });
    await this.worker.discard();
    if (tripped) {
      this.run.stop(tripped);
      return undefined;
    }
    await backoffDelay(this.retries.delayMs(), undefined, { signal: this.run.signal }).catch(() => undefined);
    return 'again';
  }
}
