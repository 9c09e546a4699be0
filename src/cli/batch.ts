// One batch, as `run`, `rehearse` and the demo start it: validate the queue for the flow's
// columns, take the target's lock, open the flow's rows of the ledger, let the flow's rules plan
// each row, run, and always leave a report — also when the run is interrupted. The flow is a
// plug-in (flows/index.ts); nothing here knows one by name.
import { mkdirSync } from 'node:fs';
import type { LaunchOptions } from 'playwright';
import path from 'node:path';
import type { Settings } from '../config/settings.js';
import { publicSettings } from '../config/settings.js';
import { Journal, queueIdFor, newRunId } from '../journal/index.js';
import { describeTarget, ledgerDir, targetFor } from '../journal/target.js';
import { ledgerNotices } from '../journal/notices.js';
import type { LedgerScope } from '../journal/entry.js';
import { DEFAULT_FLOW, type FlowPlugin } from '../../flows/index.js';
import { legacyReport } from './flow-option.js';
import { acquireLock, LockBusyError } from '../journal/lock.js';
import { careAtRunStart, type RunStartCare } from './private-data.js';
import { createRedactor } from '../core/redact.js';
import { maskConsoleWith } from './console-gate.js';
import { targetSecrets } from '../navigator/targets.js';
import { createLogger } from '../core/logger.js';
import { EventLog, type RunEvent } from '../core/events.js';
import { runQueue, type RunRow } from '../runner/runner.js';
import { buildReport, buildMissingReports, writeRunMeta, readRunMeta, type RunMeta } from '../report/index.js';
import { CliExit, EXIT, exitCodeFor } from './exit-codes.js';
import { Progress } from './progress.js';
import { VERSION } from './version.js';
import { assertReachable, checkQueue, type CheckedQueue } from './batch-queue.js';
import { planRows, queueOrder, runRow } from './batch-plan.js';

export type BatchMode = RunMeta['mode'];

export interface BatchOptions {
  file: string;
  settings: Settings;
  /** The flow to run (flows/index.ts); the default flow when absent. */
  flow?: FlowPlugin;
  mode: BatchMode;
  only?: string[];
  skipInvalid?: boolean;
  /** Where staff-facing lines go (stdout). */
  out?: (line: string) => void;
  signal?: AbortSignal;
  /** A phase split (`run --until <step>`): each row ends after that step (runner/phase.ts). */
  until?: string;
  /** Also told every run event, after the mask (the console's live progress). */
  onEvent?: (e: RunEvent) => void;
}

export interface BatchResult {
  exitCode: number;
  runDir: string;
  reportHtml?: string;
  reportXlsx?: string;
  counts?: Record<string, number>;
  /** The run's mode: a dry run's summary is told row by row. */
  mode?: BatchMode;
  /** Each row's outcome as the report shows it (absent when the report could not be built). */
  rows?: BatchRow[];
}

/** A row's outcome for the console's summary. */
export interface BatchRow {
  rowNumber: number;
  key: string;
  status: string;
  reason?: string;
  /** Dry run: the steps a real run would do (none: the row is done already). */
  planned?: string[];
}

/** Which ledger entries are a flow's own (journal/entry.ts). */
export function ledgerScope(flow: FlowPlugin): LedgerScope {
  return { flow: flow.name, unnamed: flow.ownsUnnamedLedger };
}

/** The run's folders and ledger: the target's lock taken, a report left by a killed run built, the journal opened. */
async function openRun(settings: Settings, flow: FlowPlugin) {
  const stateDir = path.resolve(settings.stateDir);
  // What navbot knows is kept per Navigator (DESIGN.md, invariant 1), and one navbot works on a
  // Navigator at a time: two queues, or two copies of one, cannot race on the same children.
  const target = targetFor(settings.publicUrl, settings.adminUrl);
  const ledgerPath = ledgerDir(stateDir);
  let lock: ReturnType<typeof acquireLock>;
  try {
    lock = acquireLock(ledgerPath, target.id, `Навигатор ${target.label}`);
  } catch (e) {
    if (e instanceof LockBusyError) throw new CliExit(EXIT.unreachable, e.message);
    throw e;
  }
  // A run killed earlier never built its report: build it now, before anything else changes.
  await buildMissingReports(path.resolve(settings.reportsDir), legacyReport()).catch(() => undefined);
  const runId = newRunId();
  const runDir = path.resolve(settings.reportsDir, runId);
  const redactor = createRedactor([settings.secret, ...targetSecrets(settings, flow.targets)]);
  let journal: Journal;
  let care: RunStartCare;
  try {
    // A read-only flow (the audit) reads the ledger but creates nothing of it: no description, no empty file.
    if (!flow.readOnly) describeTarget(stateDir, target);
    mkdirSync(runDir, { recursive: true });
    care = careAtRunStart(settings, runDir);
    journal = Journal.open(ledgerPath, target.id, { runId, redact: (s) => redactor.text(s), scope: ledgerScope(flow), readOnly: flow.readOnly });
  } catch (e) {
    // A folder navbot cannot write (rights, a removed drive, antivirus): a setting to fix, in Russian.
    lock.release();
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CliExit(
      EXIT.invalid,
      `Не удалось подготовить папки прогона (${code}): журнал ${ledgerPath}, отчёт ${runDir}. Проверьте, что папки NAVBOT_STATE_DIR и NAVBOT_REPORTS_DIR доступны для записи и на диске есть место; ничего не отправлено.`,
    );
  }
  return { stateDir, target, ledgerPath, lock, runId, runDir, redactor, journal, care };
}

/** The run's report, and each row's outcome for the console; a report that cannot be written says how to build it later. */
async function reportOf(runDir: string, runId: string, exitCode: number, mode: BatchMode, out: (line: string) => void): Promise<BatchResult> {
  // The run's outcome stands even when the report cannot be written (a full disk): say how to build it later.
  let report: Awaited<ReturnType<typeof buildReport>>;
  try {
    report = await buildReport(runDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    out(
      `Отчёт не записан${code === 'ENOSPC' ? ': на диске нет места' : `: ${(e as Error).message}`}. ` +
        `Всё сделанное записано в журнал; освободите место и выполните: npm run navbot -- report ${runId}`,
    );
    return { exitCode, runDir, mode };
  }
  const outcomes = report.rows.map((r): BatchRow => ({ rowNumber: r.rowNumber, key: r.key, status: r.status, ...(r.reason !== undefined ? { reason: r.reason } : {}), ...(r.planned ? { planned: r.planned } : {}) }));
  return { exitCode, runDir, reportHtml: report.html, reportXlsx: report.xlsx, counts: report.counts, mode, rows: outcomes };
}

/** What run.json says of the run before it starts (the report is built from it and the ledger). */
function runMetaOf(
  o: BatchOptions,
  flow: FlowPlugin,
  queue: CheckedQueue['queue'],
  at: { runId: string; queueFile: string; queueId: string; stateDir: string; ledgerPath: string; target: { id: string; label: string } },
  rows: RunMeta['rows'],
): RunMeta {
  const { settings } = o;
  const { runId, queueFile, queueId, stateDir, ledgerPath, target } = at;
  return {
    runId,
    version: VERSION,
    queueFile,
    queueId,
    stateDir,
    startedAt: new Date().toISOString(),
    target: { publicUrl: settings.publicUrl, adminUrl: settings.adminUrl, isStand: settings.targetIsStand },
    ledger: { dir: ledgerPath, id: target.id, label: target.label },
    mode: o.mode,
    ...(o.until !== undefined ? { until: o.until } : {}),
    flow: { name: flow.name, layout: flow.layout, scope: ledgerScope(flow) },
    settings: publicSettings(settings),
    staffHeaders: queue.staffHeaders,
    rows,
    ...(queue.warnings.length ? { intakeWarnings: queue.warnings.map((w) => w.message) } : {}),
  };
}

export async function executeBatch(o: BatchOptions): Promise<BatchResult> {
  const out = o.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { settings } = o;
  const flow = o.flow ?? DEFAULT_FLOW;
  const { queue, rows, wanted, browser } = await checkQueue(o, settings, flow, out);
  await assertReachable(settings, flow);

  const queueId = queueIdFor(o.file);
  const queueFile = path.resolve(o.file);
  const { stateDir, target, ledgerPath, lock, runId, runDir, redactor, journal, care } = await openRun(settings, flow);
  // The run's redactor also knows each row's password while the row runs: the console uses it too.
  const unmaskConsole = maskConsoleWith(redactor);
  const logger = createLogger({ runDir, console: false, redactor, level: 'info' });

  // A read-only flow keeps no ledger: what the ledger says of other targets and old journals is not its concern.
  const notices = flow.readOnly ? [] : ledgerNotices(journal, stateDir, target, queueId);
  const { ledgerKey, decisions, notices: planned } = planRows(journal, flow, rows, queueFile);
  // What intake warned of (hidden rows, a header like a sent one) is said before the run, as validate says it.
  notices.push(...care.lines, ...queue.warnings.map((w) => `Внимание: ${w.message}`), ...planned);
  for (const n of notices) {
    out(n);
    logger.info(n);
  }
  const meta = runMetaOf(o, flow, queue, { runId, queueFile, queueId, stateDir, ledgerPath, target }, queueOrder(queue, rows, wanted, decisions, ledgerKey));
  if (care.purged.length) meta.purged = care.purged;
  writeRunMeta(runDir, meta);

  const labels = new Map(rows.map((r) => [ledgerKey(r.keyNorm), r.key]));
  const progress = new Progress(rows.length, process.stderr, labels, Date.now, flow.layout);
  const events = new EventLog(path.join(runDir, 'events.jsonl'), [(e) => progress.handle(e), ...(o.onEvent ? [o.onEvent] : [])], redactor);
  let exitCode: number = EXIT.rowsFailed;
  const tolerate = tolerateBrowserDeath(logger);
  try {
    const runRows: RunRow[] = rows.map((r) => runRow(r, decisions.get(r.keyNorm), queueId, queueFile, ledgerKey(r.keyNorm)));
    const summary = await runQueue({
      settings,
      rows: runRows,
      journal,
      events,
      logger,
      redactor,
      runId,
      runDir,
      launch: withRemoteDebugging(browser.launch, settings.remoteDebuggingPort),
      flow,
      ...(o.until !== undefined ? { until: o.until } : {}),
      dryRun: o.mode === 'dry-run',
      ...(o.signal ? { signal: o.signal } : {}),
    });
    exitCode = exitCodeFor(summary.outcome);
    if (summary.stopped) out(summary.stopped);
  } finally {
    tolerate.dispose();
    progress.stop();
    journal.close();
    lock.release();
    await logger.close();
    unmaskConsole();
    try {
      writeRunMeta(runDir, { ...readRunMeta(runDir), endedAt: new Date().toISOString(), exitCode });
    } catch (e) {
      out(`Не удалось дописать ${path.join(runDir, 'run.json')}: ${(e as Error).message}. Журнал цел; отчёт будет построен по нему.`);
    }
  }
  return reportOf(runDir, runId, exitCode, o.mode, out);
}

/** NAVBOT_REMOTE_DEBUGGING_PORT: the browser also listens there (127.0.0.1), for a person or a test to see it. */
function withRemoteDebugging(launch: LaunchOptions, port: number | undefined): LaunchOptions {
  return port === undefined ? launch : { ...launch, args: [...(launch.args ?? []), `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'] };
}

/**
 * When the browser dies mid-call, Playwright's client can throw from its message dispatcher
 * (a handle of the dead browser is no longer bound) outside any awaited call. The calls that were
 * waiting fail on their own with "target closed" and the runner retries them in a new browser,
 * so such an exception is logged, not allowed to end the run. Anything else still ends it.
 */
function tolerateBrowserDeath(logger: { warn(message: string, data?: Record<string, unknown>): void }): { dispose(): void } {
  const PLAYWRIGHT_DISPATCH = /was not bound in the connection|Cannot find parent object|Unknown new child/;
  const onError = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (PLAYWRIGHT_DISPATCH.test(message)) {
      logger.warn('браузер закрылся посреди действия; строки будут повторены в новом браузере', { reason: message });
      return;
    }
    // What Node would do without this handler: report and end (the journal is already on disk).
    process.stderr.write(`Непредвиденная ошибка: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
    process.exit(EXIT.rowsFailed);
  };
  process.on('uncaughtException', onError);
  return { dispose: () => process.off('uncaughtException', onError) };
}
