// Errors are named after what the runner does with them. Whoever throws decides: a business
// fault (the target refuses for a reason a person must fix) is never retried; a system fault
// (timeout, 5xx, lost response, crashed page) is retried in a fresh browser context; an expired
// session is re-established and retried; a stop ends the whole run (exit code 3). What navbot
// looks for missing from a page that answered is a configuration fault: the row fails and the
// run stops after it (exit code 2), since every other row would meet the same page.
import type { Facts } from './facts.js';

/**
 * The row fails for good; `reason` and `action` are Russian, for staff. `facts`: what the failing
 * step found before it stopped (an id, a number), shown in the report's columns beside the error.
 */
export class BusinessError extends Error {
  override name = 'BusinessError';
  readonly facts: Facts | undefined;
  constructor(
    readonly reason: string,
    readonly action: string,
    options?: { cause?: unknown; facts?: Facts },
  ) {
    super(reason, options?.cause === undefined ? undefined : { cause: options.cause });
    this.facts = options?.facts;
  }
}

/**
 * The target holds two or more records where a row has one (placeholder users with the row's
 * e-mail, children of its birth date and sex, accounting certificates of its child): the row ends
 * as a duplicate, never retried and never acted on again until a person deletes the extra ones.
 * `facts` are the ids or numbers found (joined, for the report's columns; never written as claims).
 */
export class DuplicateError extends BusinessError {
  override name = 'DuplicateError';
  constructor(reason: string, action: string, facts: Readonly<Record<string, string>> = {}) {
    super(reason, action, { facts });
  }
}

/**
 * The page answered, but what navbot looks for is not on it (a menu item, a button, a field, a
 * column, a window title, a tab, a list item): the region's profile does not fit the region.
 * Retrying cannot help and every row would meet the same page, so the row fails and the run
 * stops after it with exit 2 (DESIGN, invariant 6) — never «the Navigator does not answer».
 * `element` says what is missing in Russian, with its kind («кнопки «Выдать сертификат»»),
 * `page` where («админ-панели», «сайта»), `doing` what navbot was doing (a step's title).
 */
export class MissingElementError extends BusinessError {
  override name = 'MissingElementError';
  constructor(
    readonly element: string,
    readonly page: string,
    readonly doing?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `На странице ${page} нет ${element}${doing ? ` (шаг «${doing}»)` : ''}: проверьте профиль региона (navbot doctor).`,
      'Запустите navbot doctor: он осмотрит регион и предложит профиль с его словами (NAVBOT_PROFILE). Исправьте профиль и запустите navbot снова — строка продолжится с того же шага.',
      options,
    );
  }

  /** The same fault, saying what navbot was doing (kept when it already says). */
  during(doing: string | undefined): MissingElementError {
    return this.doing || !doing ? this : new MissingElementError(this.element, this.page, doing, { cause: this.cause });
  }
}

/** Transient: retry the row from its first unfinished step in a fresh context. */
export class SystemError extends Error {
  override name = 'SystemError';
}

/** The target asked to log in again (admin panel or public site). */
export class SessionExpiredError extends SystemError {
  override name = 'SessionExpiredError';
}

/**
 * The whole run must stop: target unreachable, circuit breaker open, or settings wrong. The
 * message is Russian and shown as it is; `exitCode` is what a scheduler acts on (3: try later).
 */
export class StopRunError extends Error {
  override name = 'StopRunError';
  readonly exitCode: number = 3;
}

/**
 * A setting is wrong and retrying cannot help (the panel refused the admin's e-mail or password,
 * or the account lacks the rights): exit 2, so a scheduler does not retry it every night.
 */
export class SettingsStopError extends StopRunError {
  override name = 'SettingsStopError';
  override readonly exitCode: number = 2;
}

/** Walks `cause` links to find the error that decides the runner's response. */
export function rootDecision(error: unknown): unknown {
  let e: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    if (e instanceof BusinessError || e instanceof SystemError || e instanceof StopRunError) return e;
    const cause = (e as { cause?: unknown } | null)?.cause;
    if (cause === undefined) break;
    e = cause;
  }
  return error;
}

/** `fail-row-stop-run`: the row fails, and the run stops after it (a configuration fault, exit 2). */
export type Verdict = 'fail-row' | 'fail-row-stop-run' | 'retry' | 'relogin-retry' | 'stop-run';

/**
 * What the runner does after `attempt` attempts (1-based) of a row failed with `error`.
 * Unknown errors (Playwright timeouts, crashed pages, network errors) count as system faults.
 */
export function canRetry(error: unknown, attempt: number, maxRetries: number): Verdict {
  const e = rootDecision(error);
  if (e instanceof StopRunError) return 'stop-run';
  if (e instanceof MissingElementError) return 'fail-row-stop-run';
  if (e instanceof BusinessError) return 'fail-row';
  // An expired session is no fault: log in again even on the last attempt (the runner bounds how
  // many expiries one row may meet).
  if (e instanceof SessionExpiredError) return 'relogin-retry';
  if (attempt > maxRetries) return 'fail-row';
  return 'retry';
}
