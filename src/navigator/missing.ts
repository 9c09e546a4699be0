// «The page answered, but what navbot looks for is not there» against «the Navigator did not
// answer» (DESIGN, invariant 6; the rule is in README.md, «A missing element is not a network
// fault»). A wait for something a page object looks for that timed out is explained once, when it
// ends: the page object knows what it sought and asks whether the page is settled — nothing of the
// Navigator's still on its way — and whether what it sought is there. Settled and absent: a
// MissingElementError (a configuration fault, the run stops with exit 2). Anything else stays the
// timeout it was (a system fault: retried, counted by the circuit breaker).
import { errors, type Locator, type Page, type Request } from 'playwright';

/** A wait of Playwright's (a locator's action, waitFor, waitForFunction) that ran out of time. */
export const isTimeout = (e: unknown): boolean => e instanceof errors.TimeoutError;

/**
 * Something a page object looks for, named for staff: Russian, in the genitive with its kind, as
 * it follows «нет» («кнопки «Выдать сертификат»», «пункта меню «Пользователи сайта»»). `present`
 * looks once (no waiting), given what the page object read of the page when the wait ended.
 */
export interface Sought<S = unknown> {
  element: string;
  present(state: S): Promise<boolean> | boolean;
}

/** A locator sought: present when it matches at least one element (its own filters apply). */
export const soughtLocator = (element: string, locator: Locator): Sought => ({
  element,
  present: async () => (await locator.count()) > 0,
});

/** The first of `sought` that is not on the page (in the order given), or undefined. */
export async function firstMissing<S>(sought: ReadonlyArray<Sought<S>>, state: S): Promise<string | undefined> {
  for (const x of sought) if (!(await x.present(state))) return x.element;
  return undefined;
}

/**
 * How long an explanation may take to read the page: a renderer that cannot run a script in this
 * time did not answer either.
 */
export const EXPLAIN_MS = 5000;

/** Answers a page draws from (see soon.ts); static files change nothing shown. */
const ANSWERS = new Set(['document', 'fetch', 'xhr']);

/** Per page: its requests for answers that have not come back yet, and when one last failed. */
const watched = new WeakMap<Page, { pending: Set<Request>; failedAt: number }>();

/**
 * Starts keeping the page's requests in flight (documents, fetches, XHRs); once a page, before its
 * first action. A page object of a page without Ext (the public site) reads it to tell «settled».
 */
export function watchAnswers(page: Page): void {
  if (watched.has(page)) return;
  const w = { pending: new Set<Request>(), failedAt: 0 };
  watched.set(page, w);
  page.on('request', (r) => {
    if (ANSWERS.has(r.resourceType())) w.pending.add(r);
  });
  page.on('requestfinished', (r) => void w.pending.delete(r));
  page.on('requestfailed', (r) => {
    if (w.pending.delete(r)) w.failedAt = Date.now();
  });
  // A 5xx or 429 is the Navigator not answering, whatever the page drew instead.
  page.on('response', (res) => {
    if (ANSWERS.has(res.request().resourceType()) && (res.status() >= 500 || res.status() === 429)) w.failedAt = Date.now();
  });
}

/**
 * The page has answered: its document is parsed, no request to its own origin (the Navigator's,
 * not a counter's or a chat's) is still on its way, and none of its answers failed (no answer, a
 * 5xx, a 429) since `since` (Date.now() when the wait began). A page not watched is never settled.
 */
export async function pageSettled(page: Page, since: number): Promise<boolean> {
  const w = watched.get(page);
  if (!w || w.failedAt >= since) return false;
  const pending = w.pending;
  const parsed = await page.waitForFunction(() => document.readyState !== 'loading', undefined, { timeout: EXPLAIN_MS }).then(
    (h) => (void h.dispose().catch(() => undefined), true),
    () => false,
  );
  if (!parsed) return false;
  const origin = new URL(page.url()).origin;
  return ![...pending].some((r) => new URL(r.url()).origin === origin);
}
