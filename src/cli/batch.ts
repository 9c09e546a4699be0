// One batch, as `run`, `rehearse` and the demo start it: validate the queue, take the queue's
// lock, open the journal, run, and always leave a report — also when the run is interrupted.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from '../config/settings.js';
import { publicSettings } from '../config/settings.js';
import { resolveBrowser } from '../config/browser.js';
import { describeFetchError } from '../config/net-error.js';
import { readQueue, IntakeFileError, formatProblems, normaliseKey, type IntakeResult } from '../intake/index.js';
import { Journal, queueIdFor, newRunId } from '../journal/index.js';
import { acquireLock, LockBusyError } from '../runner/lock.js';
import { createRedactor } from '../runner/redact.js';
import { createLogger } from '../runner/logger.js';
import { EventLog } from '../runner/events.js';
import { runQueue, type RunRow } from '../runner/runner.js';
import { buildReport, buildMissingReports, writeRunMeta, readRunMeta, type RunMeta } from '../report/index.js';
import { CliExit, EXIT } from './exit-codes.js';
import { Progress } from './progress.js';
import { intakeOptions } from './intake-options.js';
import { VERSION } from './version.js';

export type BatchMode = RunMeta['mode'];

export interface BatchOptions {
  file: string;
  settings: Settings;
  mode: BatchMode;
  only?: string[];
  skipInvalid?: boolean;
  /** Where staff-facing lines go (stdout). */
  out?: (line: string) => void;
  signal?: AbortSignal;
}

export interface BatchResult {
  exitCode: number;
  runDir: string;
  reportHtml?: string;
  reportXlsx?: string;
  counts?: Record<string, number>;
}

async function readValidQueue(file: string, settings: Settings): Promise<IntakeResult> {
  try {
    return await readQueue(file, intakeOptions(settings));
  } catch (e) {
    if (e instanceof IntakeFileError) throw new CliExit(EXIT.invalid, e.message);
    throw e;
  }
}

async function assertReachable(settings: Settings): Promise<void> {
  for (const [what, url] of [
    ['публичный сайт', settings.publicUrl],
    ['админ-панель', settings.adminUrl],
  ] as const) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(Math.min(settings.timeoutMs, 15_000)) });
    } catch (e) {
      const hint = settings.targetIsStand ? ' Учебный стенд не запущен? Запустите его: npm run stand' : ' Проверьте адрес в .env и доступ к сети.';
      throw new CliExit(EXIT.unreachable, `Недоступен ${what} ${url}: ${describeFetchError(e)}.${hint}`);
    }
  }
}

export async function executeBatch(o: BatchOptions): Promise<BatchResult> {
  const out = o.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { settings } = o;
  const queue = await readValidQueue(o.file, settings);
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
  if (wanted && rows.length === 0) throw new CliExit(EXIT.invalid, `В очереди нет строк с ключами: ${o.only!.join(', ')}`);

  await assertReachable(settings);

  const queueId = queueIdFor(o.file);
  const stateDir = path.resolve(settings.stateDir);
  let lock: ReturnType<typeof acquireLock>;
  try {
    lock = acquireLock(stateDir, queueId);
  } catch (e) {
    if (e instanceof LockBusyError) throw new CliExit(EXIT.unreachable, e.message);
    throw e;
  }
  // A run killed earlier never built its report: build it now, before anything else changes.
  await buildMissingReports(path.resolve(settings.reportsDir)).catch(() => undefined);
  const runId = newRunId();
  const runDir = path.resolve(settings.reportsDir, runId);
  mkdirSync(runDir, { recursive: true });
  const redactor = createRedactor([settings.adminPassword, settings.secret]);
  const logger = createLogger({ runDir, console: false, redactor, level: 'info' });
  const journal = Journal.open(stateDir, queueId, { runId, redact: (s) => redactor.text(s) });
  const meta: RunMeta = {
    runId,
    version: VERSION,
    queueFile: path.resolve(o.file),
    queueId,
    stateDir,
    startedAt: new Date().toISOString(),
    target: { publicUrl: settings.publicUrl, adminUrl: settings.adminUrl, isStand: settings.targetIsStand },
    mode: o.mode,
    settings: publicSettings(settings),
    staffHeaders: queue.staffHeaders,
    rows: queueOrder(queue, rows, wanted),
  };
  writeRunMeta(runDir, meta);

  const labels = new Map(rows.map((r) => [r.keyNorm, r.key]));
  const progress = new Progress(rows.length, process.stderr, labels);
  const events = new EventLog(path.join(runDir, 'events.jsonl'), [(e) => progress.handle(e)], (t) => redactor.text(t));
  let exitCode: number = EXIT.rowsFailed;
  const tolerate = tolerateBrowserDeath(logger);
  try {
    const runRows: RunRow[] = rows.map((r) => ({ keyNorm: r.keyNorm, sent: r.sent }));
    const summary = await runQueue({
      settings,
      rows: runRows,
      journal,
      events,
      logger,
      redactor,
      runId,
      runDir,
      launch: browser.launch,
      dryRun: o.mode === 'dry-run',
      ...(o.signal ? { signal: o.signal } : {}),
    });
    exitCode = summary.exitCode;
    if (summary.stopped) out(summary.stopped);
  } finally {
    tolerate.dispose();
    progress.stop();
    journal.close();
    lock.release();
    await logger.close();
    writeRunMeta(runDir, { ...readRunMeta(runDir), endedAt: new Date().toISOString(), exitCode });
  }
  const report = await buildReport(runDir);
  return { exitCode, runDir, reportHtml: report.html, reportXlsx: report.xlsx, counts: report.counts };
}

/** Queue order for the report: every row, invalid ones (skipped) with their reason. */
function queueOrder(queue: IntakeResult, rows: IntakeResult['rows'], wanted: Set<string> | undefined): RunMeta['rows'] {
  const valid = new Map(rows.map((r) => [r.rowNumber, r]));
  const invalid = new Map(queue.invalid.map((r) => [r.rowNumber, r]));
  const out: RunMeta['rows'] = [];
  for (const n of queue.order) {
    const v = valid.get(n);
    if (v) {
      out.push({ rowNumber: n, key: v.key, keyNorm: v.keyNorm, email: v.sent.email, staff: { ...v.staff } });
      continue;
    }
    const inv = invalid.get(n);
    if (inv && !wanted) {
      out.push({
        rowNumber: n,
        key: inv.key ?? `строка ${n}`,
        ...(inv.key ? { keyNorm: normaliseKey(inv.key) } : {}),
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
