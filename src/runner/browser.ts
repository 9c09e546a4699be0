// One browser for the run, relaunched if it dies; contexts for the admin panel (one per worker,
// sharing one admin session through its cookies) and for the public site (one per row).
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright';
import { applyPoliteness, type Politeness } from './politeness.js';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface BrowserHostOptions {
  launch: LaunchOptions;
  politeness: Politeness;
  /** Origins of the public site and the admin panel: only their requests are gated. */
  origins: string[];
  timeoutMs: number;
  backoffMs: number;
}

export class BrowserHost {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  /** The admin session, shared by every worker's context and refreshed after each login. */
  private adminState: StorageState | undefined;
  launches = 0;

  constructor(private readonly options: BrowserHostOptions) {}

  private async ensureBrowser(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    // navbot handles Ctrl+C itself (finish the step, write the journal and the report); left on,
    // Playwright's own handler would close the browser and exit 130 under it, without a report.
    this.launching ??= chromium.launch({ ...this.options.launch, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }).then((b) => {
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

  async newContext(kind: 'admin' | 'public'): Promise<BrowserContext> {
    const browser = await this.ensureBrowser();
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1366, height: 900 },
      storageState: kind === 'admin' ? this.adminState : undefined,
    });
    // Functions handed to page.evaluate are serialised from our compiled code; tsx (esbuild with
    // keepNames) wraps named functions in `__name(...)`, which the page does not define.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
    context.setDefaultTimeout(this.options.timeoutMs);
    context.setDefaultNavigationTimeout(this.options.timeoutMs);
    await applyPoliteness(context, this.options.politeness, this.options.origins, this.options.timeoutMs, this.options.backoffMs);
    return context;
  }

  /** Called after a successful admin login so that new contexts start logged in. */
  async shareAdminSession(context: BrowserContext): Promise<void> {
    this.adminState = await context.storageState();
  }

  /** PIDs are not exposed by Playwright; the bench measures the process tree instead. */
  get connected(): boolean {
    return this.browser?.isConnected() ?? false;
  }

  /** Test and soak hook: kills the browser the way a crash would. */
  async crash(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await b.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    await b?.close().catch(() => undefined);
  }
}
