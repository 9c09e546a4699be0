// One batch, as `run`, `rehearse` and the demo start it: validate the queue for the flow's
// columns, take the target's lock, open the flow's rows of the ledger, let the flow's rules plan
// each row, run, and always leave a report — also when the run is interrupted. The flow is a
// plug-in (flows/index.ts); nothing here knows one by name.
import { mkdirSync } from 'node:fs';
import type { LaunchOptions } from 'playwright';
import path from 'node:path';
import type { Settings } from '../config/settings.js';
import { publicSettings } from '../config/settings.js';
import { resolveBrowser } from '../config/browser.js';
import { describeFetchError } from './net-error.js';
import { readQueue, IntakeFileError, formatProblems, normaliseKey, type IntakeResult, type SentRecord } from '../intake/index.js';
import { Journal, queueIdFor, newRunId } from '../journal/index.js';
import { describeTarget, ledgerDir, targetFor } from '../journal/target.js';
import { ledgerNotices } from '../journal/notices.js';
import { keyForms, ledgerKeyOf } from '../journal/key-forms.js';
import { ledgerRecords, mergedKeyRefusal } from '../journal/records.js';
import type { LedgerScope } from '../journal/entry.js';
import { DEFAULT_FLOW, unnamedLedgerFlow, type FlowPlugin } from '../../flows/index.js';
import { legacyReport } from './flow-option.js';
import type { RowPlan } from '../procedure/plugin.js';
import { acquireLock, LockBusyError } from '../journal/lock.js';
import { createRedactor } from '../core/redact.js';
import { maskConsoleWith } from './console-gate.js';
import { targetSecrets } from '../navigator/targets.js';
import { settingOf } from '../navigator/target.js';
import { targetsProblem, targetsToCheck } from '../procedure/targets.js';
import { createLogger } from '../core/logger.js';
import { EventLog } from '../core/events.js';
import { runQueue, type RunRow } from '../runner/runner.js';
import { buildReport, buildMissingReports, writeRunMeta, readRunMeta, type RunMeta } from '../report/index.js';
import { CliExit, EXIT, exitCodeFor } from './exit-codes.js';
import { Progress } from './progress.js';
import { intakeOptions } from './intake-options.js';
import { VERSION } from './version.js';

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

async function readValidQueue(file: string, settings: Settings, flow: FlowPlugin): Promise<IntakeResult> {
  try {
    return await readQueue(file, intakeOptions(settings, flow.fields, flow.columns));
  } catch (e) {
    if (e instanceof IntakeFileError) throw new CliExit(EXIT.invalid, e.message);
    throw e;
  }
}

/** Each target the flow uses is set up and answers (its module says at which address); in the targets' order. */
async function assertReachable(settings: Settings, flow: FlowPlugin): Promise<void> {
  const problem = targetsProblem(flow);
  if (problem) throw new CliExit(EXIT.invalid, problem);
  for (const t of targetsToCheck(flow)) {
    const what = t.title;
    // A target's own setting (NAVBOT_*, not in navbot's table) has no default: unset, it is named.
    const own = [t.settings.url, ...(t.settings.login ? [t.settings.login] : []), ...t.settings.secrets].filter((k) => k.startsWith('NAVBOT_'));
    const unset = own.filter((k) => settingOf(settings, k) === undefined);
    if (unset.length) throw new CliExit(EXIT.invalid, `Не задана настройка ${unset.join(', ')} (${what}). Укажите её в файле .env и запустите снова; ничего не отправлено.`);
    const url = t.url(settings);
    try {
      await fetch(url, { signal: AbortSignal.timeout(Math.min(settings.timeoutMs, 15_000)) });
    } catch (e) {
      const hint = settings.targetIsStand && own.length === 0 ? ' Учебный стенд не запущен? Запустите его: npm run stand' : ' Проверьте адрес в .env и доступ к сети.';
      throw new CliExit(EXIT.unreachable, `Недоступен ${what} ${url}: ${describeFetchError(e)}.${hint}`);
    }
  }
}

export async function executeBatch(o: BatchOptions): Promise<BatchResult> {
  const out = o.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { settings } = o;
  const flow = o.flow ?? DEFAULT_FLOW;
  const queue = await readValidQueue(o.file, settings, flow);
  // With --only, only the chosen rows must be valid; the others are not touched.
  const wanted = o.only?.length ? new Set(o.only.map(normaliseKey)) : undefined;
  const blocking = wanted ? queue.invalid.filter((r) => r.key !== undefined && wanted.has(normaliseKey(r.key))) : queue.invalid;
  if (blocking.length > 0 && !o.skipInvalid) {
    out(formatProblems(queue));
    throw new CliExit(
      EXIT.invalid,
      `В очереди есть строки с ошибками (${blocking.length}). Исправьте их и запустите снова, или добавьте --skip-invalid, чтобы пропустить эти строки.`,
    );
  }
  const fileProblems = queue.problems.filter((p) => p.rowNumber === 0);
  if (fileProblems.length > 0) {
    out(formatProblems(queue));
    throw new CliExit(EXIT.invalid, 'Очередь нельзя обработать: исправьте ошибки выше.');
  }
  const browser = resolveBrowser(settings.browser, settings.headless);
  if (!browser) {
    throw new CliExit(
      EXIT.invalid,
      settings.browser
        ? `Браузер «${settings.browser}» из NAVBOT_BROWSER не найден. Укажите путь к msedge.exe/chrome.exe или канал msedge/chrome.`
        : 'Не найден браузер. Установите Microsoft Edge или Google Chrome, либо укажите путь в NAVBOT_BROWSER в файле .env.',
    );
  }

  const rows = queue.rows.filter((r) => !wanted || wanted.has(r.keyNorm));
  if (wanted) {
    const present = new Set([...queue.rows.map((r) => r.keyNorm), ...queue.invalid.flatMap((r) => (r.key ? [normaliseKey(r.key)] : []))]);
    const missing = o.only!.filter((k) => !present.has(normaliseKey(k)));
    if (missing.length > 0) {
      throw new CliExit(
        EXIT.invalid,
        `В очереди нет ${missing.length === 1 ? 'строки с ключом' : 'строк с ключами'} ${missing.map((k) => `«${k}»`).join(', ')} (--only). Проверьте ключи в столбце «Ключ» и запустите снова; ничего не отправлено.`,
      );
    }
  }

  // The profile can carry the flow (e.g. it names where certificates are read): else nothing is opened.
  const unfit = flow.preflight(settings.profileData, o.until);
  if (unfit) throw new CliExit(EXIT.invalid, unfit);

  await assertReachable(settings, flow);

  const queueId = queueIdFor(o.file);
  const queueFile = path.resolve(o.file);
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
  try {
    // A read-only flow (the audit) reads the ledger but creates nothing of it: no description, no empty file.
    if (!flow.readOnly) describeTarget(stateDir, target);
    mkdirSync(runDir, { recursive: true });
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
  // The run's redactor also knows each row's password while the row runs: the console uses it too.
  const unmaskConsole = maskConsoleWith(redactor);
  const logger = createLogger({ runDir, console: false, redactor, level: 'info' });

  // A read-only flow keeps no ledger: what the ledger says of other targets and old journals is not its concern.
  const notices = flow.readOnly ? [] : ledgerNotices(journal, stateDir, target, queueId);
  // Rows carry their key's identity; the ledger may hold a key under an older form (key-forms.ts):
  // the row is run, journaled and given its password under that form.
  const forms = keyForms(journal.entries(), normaliseKey);
  const ledgerKey = (id: string): string => {
    const k = ledgerKeyOf(forms, id);
    return 'key' in k ? k.key : id;
  };
  // The ledgers the flow's rules read: its own, and another flow's where it reads one (the audit reads the issuance's).
  const entriesOf = (name: string | undefined) => (name === undefined || name === flow.name ? journal.entries() : journal.entriesOf(scopeOf(name)));
  const read = new Set<string | undefined>([undefined]);
  const prepared = flow.prepare({
    rows: rows.map((r) => ({ key: r.key, keyNorm: r.keyNorm, rowNumber: r.rowNumber, sent: r.sent, emailFromTemplate: r.emailFromTemplate, ...(r.otherEmails ? { otherEmails: r.otherEmails } : {}) })),
    ledger: (name) => {
      read.add(name === flow.name ? undefined : name);
      return ledgerRecords(entriesOf(name), normaliseKey);
    },
    file: queueFile,
  });
  const decisions = new Map(prepared.rows);
  // A key one of those ledgers holds under two forms is nobody's record there: its rows stop, naming both.
  for (const name of read) {
    const entries = entriesOf(name);
    const held = name === undefined ? forms : keyForms(entries, normaliseKey);
    for (const r of rows) {
      const k = ledgerKeyOf(held, r.keyNorm);
      if ('merged' in k) decisions.set(r.keyNorm, mergedKeyRefusal(r.key, k.merged, entries, flow.layout));
    }
  }
  // What intake warned of (hidden rows, a header like a sent one) is said before the run, as validate says it.
  notices.push(...queue.warnings.map((w) => `Внимание: ${w.message}`), ...prepared.notices);
  for (const n of notices) {
    out(n);
    logger.info(n);
  }
  const meta: RunMeta = {
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
    rows: queueOrder(queue, rows, wanted, decisions, ledgerKey),
    ...(queue.warnings.length ? { intakeWarnings: queue.warnings.map((w) => w.message) } : {}),
  };
  writeRunMeta(runDir, meta);

  const labels = new Map(rows.map((r) => [ledgerKey(r.keyNorm), r.key]));
  const progress = new Progress(rows.length, process.stderr, labels, Date.now, flow.layout);
  const events = new EventLog(path.join(runDir, 'events.jsonl'), [(e) => progress.handle(e)], redactor);
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
    return { exitCode, runDir, mode: o.mode };
  }
  const outcomes = report.rows.map((r): BatchRow => ({ rowNumber: r.rowNumber, key: r.key, status: r.status, ...(r.reason !== undefined ? { reason: r.reason } : {}), ...(r.planned ? { planned: r.planned } : {}) }));
  return { exitCode, runDir, reportHtml: report.html, reportXlsx: report.xlsx, counts: report.counts, mode: o.mode, rows: outcomes };
}

/** NAVBOT_REMOTE_DEBUGGING_PORT: the browser also listens there (127.0.0.1), for a person or a test to see it. */
function withRemoteDebugging(launch: LaunchOptions, port: number | undefined): LaunchOptions {
  return port === undefined ? launch : { ...launch, args: [...(launch.args ?? []), `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'] };
}

/** Another flow's ledger scope, by its name (that flow may own the unnamed entries). */
function scopeOf(name: string): LedgerScope {
  return { flow: name, unnamed: unnamedLedgerFlow()?.name === name };
}

/** What a row sends, as a binding's content: its fields but the key. */
function content(sent: Readonly<SentRecord>): Record<string, string> {
  return Object.fromEntries(Object.entries(sent).filter(([k, v]) => k !== 'key' && v !== undefined)) as Record<string, string>;
}

/**
 * A queue row as the runner takes it: under its ledger key (its identity, or the older form the
 * ledger knows it by), with what it sends after the flow's rules, its plan and its binding.
 */
function runRow(r: IntakeResult['rows'][number], d: RowPlan<unknown> | undefined, queueId: string, file: string, ledgerKey: string): RunRow {
  if (d?.kind === 'refuse') return { keyNorm: ledgerKey, sent: r.sent, refused: { reason: d.reason, action: d.action } };
  const sent = d?.sent ?? r.sent;
  return {
    keyNorm: ledgerKey,
    sent,
    ...(d?.plan !== undefined ? { plan: d.plan } : {}),
    binding: { content: content(sent), queue: queueId, file, row: r.rowNumber, shownKey: r.key },
  };
}

/** Queue order for the report: every row, invalid ones (skipped) with their reason, refused ones with theirs. */
function queueOrder(
  queue: IntakeResult,
  rows: IntakeResult['rows'],
  wanted: Set<string> | undefined,
  decisions: ReadonlyMap<string, RowPlan<unknown>>,
  ledgerKey: (id: string) => string,
): RunMeta['rows'] {
  const valid = new Map(rows.map((r) => [r.rowNumber, r]));
  const invalid = new Map(queue.invalid.map((r) => [r.rowNumber, r]));
  const out: RunMeta['rows'] = [];
  for (const n of queue.order) {
    const v = valid.get(n);
    if (v) {
      const d = decisions.get(v.keyNorm);
      const email = d?.kind === 'go' ? d.sent.email : v.sent.email;
      out.push({
        rowNumber: n,
        key: v.key,
        keyNorm: ledgerKey(v.keyNorm),
        ...(email !== undefined ? { email } : {}),
        staff: { ...v.staff },
        ...(d?.kind === 'refuse' ? { refused: { reason: d.reason, action: d.action } } : {}),
      });
      continue;
    }
    const inv = invalid.get(n);
    // With --only, a chosen row that is invalid is reported skipped (with --skip-invalid), never dropped.
    if (inv && (!wanted || (inv.key !== undefined && wanted.has(normaliseKey(inv.key))))) {
      out.push({
        rowNumber: n,
        key: inv.key ?? `строка ${n}`,
        ...(inv.key ? { keyNorm: ledgerKey(normaliseKey(inv.key)) } : {}),
        staff: { ...inv.staff },
        invalid: {
          reason: inv.problems.map((p) => `${p.column}${p.rowNumber} «${p.header}»: ${p.problem}`).join('; '),
          action: inv.problems.map((p) => p.fix).join('; '),
        },
      });
    }
  }
  return out;
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
