// One target session for every worker (the admin panel's today): a session expiry needs one login, not one a page. The
// first page that finds the login view logs in; pages that find it meanwhile wait for that login,
// take its cookies and the local storage the panel kept (each worker's page has a context of its
// own, src/runner/browser.ts) and reload, which picks the new session up (a cookie, or a token the
// panel keeps in its local storage). No pause, no retry used: an expiry is not a fault of the
// Navigator.
import type { BrowserContext, Page } from 'playwright';
import type { LoginGate } from './target.js';

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export class SharedLogin implements LoginGate {
  /** Logins made so far; a page remembers the one it last worked with. */
  private generation = 0;
  private running: Promise<void> | undefined;
  private readonly seen = new WeakMap<Page, number>();
  /** What the panel stored after the last login (cookies, local storage): for pages and contexts made later. */
  saved: StorageState | undefined;
  /** Logins made (the bench and tests read it). */
  logins = 0;

  adopt(page: Page): void {
    this.seen.set(page, this.generation);
  }

  async enter(page: Page, ways: { login(): Promise<void>; resume(): Promise<boolean> }): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running.catch(() => undefined);
        continue;
      }
      const seen = this.seen.get(page) ?? -1;
      if (this.saved !== undefined && seen < this.generation) {
        // A session newer than the one this page saw fail: take it (its cookies, and the panel's
        // local storage, which the page's own 401 may have wiped).
        this.seen.set(page, this.generation);
        await restoreSession(page, this.saved);
        if (await ways.resume()) return;
        continue;
      }
      // This page saw the newest session fail (or there is none yet): it logs in for everyone.
      const run = (async () => {
        await ways.login();
        this.saved = await page.context().storageState();
        this.generation++;
        this.logins++;
      })();
      this.running = run;
      try {
        await run;
      } finally {
        if (this.running === run) this.running = undefined;
      }
      this.seen.set(page, this.generation);
      return;
    }
  }
}

/**
 * Gives the page the session of the last login: its cookies (a page in a context of its own has
 * none of them) and the local storage the panel kept, for the page's own origin.
 */
async function restoreSession(page: Page, state: StorageState): Promise<void> {
  if (state.cookies.length > 0) await page.context().addCookies(state.cookies).catch(() => undefined);
  await restoreLocalStorage(page, state);
}

/** Writes back the local storage the panel kept after the last login, for the page's own origin. */
async function restoreLocalStorage(page: Page, state: StorageState): Promise<void> {
  let origin: string;
  try {
    origin = new URL(page.url()).origin;
  } catch {
    return;
  }
  const items = state.origins.find((o) => o.origin === origin)?.localStorage ?? [];
  if (items.length === 0) return;
  await page
    .evaluate((entries) => {
      for (const { name, value } of entries) globalThis.localStorage.setItem(name, value);
    }, items)
    .catch(() => undefined);
}
