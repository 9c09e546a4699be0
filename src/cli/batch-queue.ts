// Before a batch opens anything: the queue read for the flow's columns and checked (bad rows,
// --only), the browser found, the profile fit for the flow, every target the flow uses reachable.
// Each refusal is a CliExit with what to do, in Russian; nothing is sent.
import type { Settings } from '../config/settings.js';
import { resolveBrowser } from '../config/browser.js';
import { readQueue, IntakeFileError, formatProblems, normaliseKey, type IntakeResult } from '../intake/index.js';
import type { FlowPlugin } from '../procedure/plugin.js';
import { targetsProblem, targetsToCheck } from '../procedure/targets.js';
import { ownSettings, ownSettingsProblem } from '../navigator/target.js';
import { describeFetchError } from './net-error.js';
import { CliExit, EXIT } from './exit-codes.js';
import { intakeOptions } from './intake-options.js';

export interface CheckedQueue {
  readonly queue: IntakeResult;
  /** The rows to run (all valid ones, or those --only chose). */
  readonly rows: IntakeResult['rows'];
  /** --only's keys, normalised. */
  readonly wanted: Set<string> | undefined;
  readonly browser: NonNullable<ReturnType<typeof resolveBrowser>>;
}

async function readValidQueue(file: string, settings: Settings, flow: FlowPlugin): Promise<IntakeResult> {
  try {
    return await readQueue(file, intakeOptions(settings, flow.columns));
  } catch (e) {
    if (e instanceof IntakeFileError) throw new CliExit(EXIT.invalid, e.message);
    throw e;
  }
}

/** The queue, checked: its bad rows (unless skipped), its file problems, --only's keys; the browser; the profile's fit. */
export async function checkQueue(
  o: { file: string; only?: string[] | undefined; skipInvalid?: boolean | undefined; until?: string | undefined },
  settings: Settings,
  flow: FlowPlugin,
  out: (line: string) => void,
): Promise<CheckedQueue> {
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
  if (wanted) assertOnlyPresent(queue, o.only!);
  // The profile can carry the flow (e.g. it names where certificates are read): else nothing is opened.
  const unfit = flow.preflight(settings.profileData, o.until);
  if (unfit) throw new CliExit(EXIT.invalid, unfit);
  return { queue, rows, wanted, browser };
}

/** Every key --only names is in the queue (valid or not). */
function assertOnlyPresent(queue: IntakeResult, only: readonly string[]): void {
  const present = new Set([...queue.rows.map((r) => r.keyNorm), ...queue.invalid.flatMap((r) => (r.key ? [normaliseKey(r.key)] : []))]);
  const missing = only.filter((k) => !present.has(normaliseKey(k)));
  if (missing.length > 0) {
    throw new CliExit(
      EXIT.invalid,
      `В очереди нет ${missing.length === 1 ? 'строки с ключом' : 'строк с ключами'} ${missing.map((k) => `«${k}»`).join(', ')} (--only). Проверьте ключи в столбце «Ключ» и запустите снова; ничего не отправлено.`,
    );
  }
}

/** Each target the flow uses is set up and answers (its module says at which address); in the targets' order. */
export async function assertReachable(settings: Settings, flow: Pick<FlowPlugin, 'name' | 'uses' | 'targets'>): Promise<void> {
  const problem = targetsProblem(flow);
  if (problem) throw new CliExit(EXIT.invalid, problem);
  for (const t of targetsToCheck(flow)) {
    const what = t.title;
    // A target's own settings (NAVBOT_*, not in navbot's table) have no default and no check but this.
    const own = ownSettings(t).length > 0;
    const wrong = ownSettingsProblem(settings, t);
    if (wrong) {
      const head = `${wrong.head[0]!.toUpperCase()}${wrong.head.slice(1)} (${what})${wrong.detail ? `: ${wrong.detail}` : ''}`;
      throw new CliExit(EXIT.invalid, `${head}. ${wrong.unset ? 'Укажите в файле .env' : 'Исправьте в файле .env'} и запустите снова; ничего не отправлено.`);
    }
    const url = t.url(settings);
    try {
      await fetch(url, { signal: AbortSignal.timeout(Math.min(settings.timeoutMs, 15_000)) });
    } catch (e) {
      const hint = settings.targetIsStand && !own ? ' Учебный стенд не запущен? Запустите его: npm run stand' : ' Проверьте адрес в .env и доступ к сети.';
      throw new CliExit(EXIT.unreachable, `Недоступен ${what} ${url}: ${describeFetchError(e)}.${hint}`);
    }
  }
}
