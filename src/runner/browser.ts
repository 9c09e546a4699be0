// One browser for the run, relaunched if it dies. ONE admin-panel context, shared by the workers
// (a page each): one session, one login for all (admin-session.ts), one trace (shared-trace.ts).
// Public-site contexts: one a worker, kept across rows (the worker clears its storage between
// rows). Pages are what workers recycle; a context is made again only after the browser died.
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright';
import { applyPoliteness, type Politeness } from './politeness.js';
import { SharedLogin } from './admin-session.js';
import { SharedTrace } from './shared-trace.js';
import { leanSwitches } from './chromium-flags.js';

export interface BrowserHostOptions {
  launch: LaunchOptions;
  politeness: Politeness;
  /** Origins of the public site and the admin panel: only their requests are gated. */
  origins: string[];
  timeoutMs: number;
  backoffMs: number;
  /** Rows after which the shared admin trace is started afresh even when rows overlap (default: twice the workers' pages). */
  traceRows?: number;
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
  /** The admin session: one login for every page of the admin context, kept for a context made after a crash. */
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
      throw e;
    });
    return this.launching;
  }

  /** The shared admin context (made once; again only when the browser or the context died). */
  private async adminContext(): Promise<AdminContext> {
    const live = this.admin;
    if (live && !live.closed && this.browser?.isConnected()) return live;
    this.adminOpening ??= (async () => {
      const context = await this.newContext('admin');
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

  /** A new page in the shared admin context, and that context's trace. */
  async adminPage(): Promise<{ page: Page; trace: SharedTrace }> {
    const admin = await this.adminContext();
    return { page: await admin.context.newPage(), trace: admin.trace };
  }

  async newContext(kind: 'admin' | 'public'): Promise<BrowserContext> {
    const browser = await this.ensureBrowser();
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1366, height: 900 },
      storageState: kind === 'admin' ? this.login.saved : undefined,
    });
    // Functions handed to page.evaluate are serialised from our compiled code; tsx (esbuild with
    // keepNames) wraps named functions in `__name(...)`, which the page does not define.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
    context.setDefaultTimeout(this.options.timeoutMs);
    context.setDefaultNavigationTimeout(this.options.timeoutMs);
    await applyPoliteness(context, this.options.politeness, this.options.origins, this.options.timeoutMs, this.options.backoffMs);
    return context;
  }

  /**
   * Called after a successful admin login so that a context made later (after a browser crash)
   * starts logged in. The shared login keeps the state of each login it makes; this only fills
   * in a session made without it.
   */
  async shareAdminSession(context: BrowserContext): Promise<void> {
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
