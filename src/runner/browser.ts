// One browser for the run, relaunched if it dies. An admin-panel context a worker, all on ONE
// session: one login for all (admin-session.ts; a context made later takes the session the last
// login left when its page meets the login view). Headless Chromium draws only the front tab of
// a context's window: a second page of a shared context got one animation frame a second, and
// every Playwright action on it (its «stable» check waits for frames) took a second longer — at
// C=2 one worker ran 5× slower (measured: 22 s a row against 2.5 s).
// `chooseAdminContexts('shared')` keeps the one-context design for the bench. Public-site
// contexts: one a worker, kept across rows (the worker clears its storage between rows).
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright';
import { browserName, describeLaunchFailure } from '../config/browser.js';
import { SettingsStopError } from '../core/errors.js';
import { applyPoliteness, type Politeness } from './politeness.js';
import { SharedLogin } from '../navigator/admin/shared-login.js';
import { SharedTrace } from './shared-trace.js';
import { leanSwitches } from './chromium-flags.js';

export interface BrowserHostOptions {
  launch: LaunchOptions;
  politeness: Politeness;
  /** Origins of the public site and the admin panel: only their requests are gated. */
  origins: string[];
  timeoutMs: number;
  backoffMs: number;
  /** Rows after which an admin trace is started afresh even when rows overlap (default: twice the context's pages). */
  traceRows?: number;
}

/** How the workers' admin pages are hosted: a context each (default), or one shared context. */
export type AdminContexts = 'per-worker' | 'shared';
let adminContexts: AdminContexts = 'per-worker';
/** For the bench: measure the shared admin context (pages as tabs of one window) against the default. */
export function chooseAdminContexts(choice: AdminContexts): void {
  adminContexts = choice;
}

/** A worker's admin page, its context's trace, and how to let it go. */
export interface AdminPageHandle {
  page: Page;
  trace: SharedTrace;
  close(): Promise<void>;
}

interface AdminContext {
  context: BrowserContext;
  trace: SharedTrace;
  closed: boolean;
}

export class BrowserHost {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private admin: AdminContext | undefined;
  private adminOpening: Promise<AdminContext> | undefined;
  /** The admin session: one login for every worker's admin page, kept for pages and contexts made later. */
  readonly login = new SharedLogin();
  launches = 0;

  constructor(private readonly options: BrowserHostOptions) {}

  private async ensureBrowser(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    // navbot handles Ctrl+C itself (finish the step, write the journal and the report); left on,
    // Playwright's own handler would close the browser and exit 130 under it, without a report.
    this.launching ??= chromium.launch({ ...this.options.launch, args: [...(this.options.launch.args ?? []), ...leanSwitches()], handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }).then((b) => {
      this.launches++;
      this.browser = b;
      this.launching = undefined;
      return b;
    }, (e: unknown) => {
      this.launching = undefined;
      // A browser that never started on this PC (no screen for a window, a broken install) is a
      // setting to fix here: exit 2 in doctor's words, not «Сбой браузера» nor «Навигатор не
      // отвечает». One that started before and died is relaunched as a system fault.
      if (this.launches > 0) throw e;
      const headless = this.options.launch.headless ?? true;
      throw new SettingsStopError(`Прогон остановлен: ${describeLaunchFailure(e, browserName(this.options.launch), headless)}. Ничего не отправлено; после исправления запустите navbot снова.`, { cause: e });
    });
    return this.launching;
  }

  /** The shared admin context (made once; again only when the browser or the context died). */
  private async adminContext(): Promise<AdminContext> {
    const live = this.admin;
    if (live && !live.closed && this.browser?.isConnected()) return live;
    this.adminOpening ??= (async () => {
      const context = await this.newContext();
      const entry: AdminContext = { context, trace: new SharedTrace(context, this.options.traceRows), closed: false };
      context.on('close', () => {
        entry.closed = true;
      });
      this.admin = entry;
      return entry;
    })().finally(() => {
      this.adminOpening = undefined;
    });
    return this.adminOpening;
  }

  /** A page on the run's one shared login session (the admin panel's, navigator/admin/session.ts): in a context of its own, or in the shared context. */
  async sharedPage(): Promise<AdminPageHandle> {
    if (adminContexts === 'per-worker') {
      const context = await this.newContext();
      try {
        const page = await context.newPage();
        const trace = new SharedTrace(context, this.options.traceRows);
        // The trace is stopped first: closed while tracing, it would leak (SharedTrace.dispose).
        return { page, trace, close: () => trace.dispose().then(() => context.close()).catch(() => undefined) };
      } catch (e) {
        await context.close().catch(() => undefined);
        throw e;
      }
    }
    const admin = await this.adminContext();
    const page = await admin.context.newPage();
    return { page, trace: admin.trace, close: () => page.close().catch(() => undefined) };
  }

  /** A context for the admin panel or the public site: both are made alike (no session given in). */
  async newContext(): Promise<BrowserContext> {
    const browser = await this.ensureBrowser();
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1366, height: 900 },
    });
    // An admin context starts without the session: its page meets the login view and takes the
    // last login's cookies and local storage through the gate (admin-session.ts). Playwright's
    // `storageState` option sets local storage by opening a page of its own, and a browser that
    // died during it left newContext() waiting for good (a soak row hung after a browser kill).
    try {
      // Functions handed to page.evaluate are serialised from our compiled code; tsx (esbuild with
      // keepNames) wraps named functions in `__name(...)`, which the page does not define.
      await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
      context.setDefaultTimeout(this.options.timeoutMs);
      context.setDefaultNavigationTimeout(this.options.timeoutMs);
      await applyPoliteness(context, this.options.politeness, this.options.origins, this.options.timeoutMs, this.options.backoffMs);
    } catch (e) {
      // A context that could not be set up is closed, not left behind (it is made again on every recycle).
      await context.close().catch(() => undefined);
      throw e;
    }
    return context;
  }

  /**
   * Called after a successful login on the shared session so that a page made later (another worker's, after a
   * browser crash) can take the session. The shared login keeps the state of each login it makes;
   * this only fills in a session made without it.
   */
  async shareSession(context: BrowserContext): Promise<void> {
    this.login.saved ??= await context.storageState();
  }

  /** PIDs are not exposed by Playwright; the bench measures the process tree instead. */
  get connected(): boolean {
    return this.browser?.isConnected() ?? false;
  }

  /** Test and soak hook: kills the browser the way a crash would. */
  async crash(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    this.admin = undefined;
    if (b) await b.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    this.admin = undefined;
    await b?.close().catch(() => undefined);
  }
}

/**
 * The JavaScript heap a page uses now, MB (Chromium's own count, through a DevTools session);
 * undefined when it cannot be read (another browser, a closed page).
 */
export async function pageHeapMb(page: Page): Promise<number | undefined> {
  if (page.isClosed()) return undefined;
  try {
    const cdp = await page.context().newCDPSession(page);
    try {
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize / 2 ** 20;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  } catch {
    return undefined;
  }
}

/**
 * Forgets what a site kept in the page's origin (local and session storage, IndexedDB) and leaves
 * the page blank; cookies are the context's (BrowserContext.clearCookies). The browser's cache of
 * the site's files stays, which is the point of keeping the context.
 */
export async function clearSiteStorage(page: Page): Promise<void> {
  if (page.isClosed()) return;
  if (/^https?:/.test(page.url())) {
    await page.evaluate(async () => {
      const g = globalThis as unknown as { localStorage?: Storage; sessionStorage?: Storage; indexedDB?: IDBFactory & { databases?: () => Promise<Array<{ name?: string }>> } };
      g.localStorage?.clear();
      g.sessionStorage?.clear();
      const dbs = g.indexedDB?.databases ? await g.indexedDB.databases() : [];
      for (const db of dbs) if (db.name) g.indexedDB!.deleteDatabase(db.name);
    });
  }
  await page.goto('about:blank');
}
