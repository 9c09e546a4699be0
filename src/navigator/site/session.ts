// A worker's session on the public site: a context of its own, kept across rows with its storage
// cleared between them (made afresh every K rows and after a fault), made ahead of need (the
// first row starts on the admin panel meanwhile). Its trace records a row and is kept for a
// failed one.
import type { BrowserContext, Page } from 'playwright';
import { personCanSee, type Settings } from '../../config/settings.js';
import type { PublicSitePort } from '../ports.js';
import type { AttemptEnd, RowScope, SessionHost, TargetSession } from '../target.js';
import { PublicSite } from './site.js';

/** What a flow gets of the public site: its page object for the row (opened on first use), and a screenshot. */
export interface SiteHandle {
  open(): Promise<PublicSitePort>;
  capture(name: string): Promise<void>;
}

export class SiteSession implements TargetSession<SiteHandle> {
  private context: BrowserContext | undefined;
  private publicPage: Page | undefined;
  private site: PublicSite | undefined;
  /** The trace is recording this row (started per row: a context's trace keeps its network log until stopped). */
  private tracing = false;
  private rows = 0;
  private opening: Promise<void> | undefined;

  constructor(
    private readonly host: SessionHost,
    private readonly settings: Settings,
  ) {}

  /** Makes the context and page ahead of need. */
  async begin(): Promise<void> {
    if (this.context || this.opening) return;
    this.opening = this.openContext().catch(() => undefined);
  }

  handle(row: RowScope): SiteHandle {
    const s = this.settings;
    const say = row.say;
    return {
      open: async () => {
        const page = await this.sitePage();
        // One page object a row: it knows the account its page signed in as.
        return (this.site ??= new PublicSite(page, {
          baseUrl: s.publicUrl,
          profile: s.profileData,
          timeoutMs: s.timeoutMs,
          // With a window (--headed) a person at the screen may pass a captcha; headless nobody can.
          ...(!personCanSee(s) || !say ? {} : { captchaHandOff: { waitMs: s.captchaWaitS * 1000, say } }),
        }));
      },
      capture: async (name) => {
        if (this.publicPage) await row.shoot(this.publicPage, name, true);
      },
    };
  }

  get page(): Page | undefined {
    return this.publicPage;
  }

  private async openContext(): Promise<void> {
    const context = await this.host.newContext();
    try {
      this.publicPage = await context.newPage();
    } catch (e) {
      await context.close().catch(() => undefined);
      throw e;
    }
    this.context = context;
    this.site = undefined;
    this.rows = 0;
  }

  /** The row's page: its context is kept across rows (storage cleared between them). */
  private async sitePage(): Promise<Page> {
    if (this.opening) await this.opening;
    this.opening = undefined;
    if (this.publicPage?.isClosed()) await this.closeContext();
    if (!this.context || !this.publicPage) await this.openContext();
    if (!this.context || !this.publicPage) throw new Error('public site: no page');
    if (!this.tracing) {
      await this.context.tracing.start(this.host.traceOptions());
      this.tracing = true;
    }
    return this.publicPage;
  }

  async keepTrace(file: string): Promise<boolean> {
    if (!this.context || !this.tracing) return false;
    this.tracing = false;
    return this.context.tracing
      .stop({ path: file })
      .then(() => true)
      .catch(() => false);
  }

  async end(how: AttemptEnd): Promise<void> {
    if (how === 'fault') return this.closeContext();
    if (how !== 'unclean') return this.endRow();
  }

  close(): Promise<void> {
    return this.closeContext();
  }

  /**
   * Between rows: the context forgets the row (cookies, local and session storage, IndexedDB; the
   * browser's cache of the site's files stays), its trace is dropped; every K rows the context
   * itself is made afresh.
   */
  private async endRow(): Promise<void> {
    const ctx = this.context;
    const page = this.publicPage;
    this.site = undefined;
    if (!ctx || !page) return;
    if (this.tracing) {
      this.tracing = false;
      await ctx.tracing.stop().catch(() => undefined);
    }
    if (++this.rows >= this.settings.recycleRows || page.isClosed()) return this.closeContext();
    try {
      await this.host.clearSiteStorage(page);
      await ctx.clearCookies();
    } catch {
      await this.closeContext();
    }
  }

  private async closeContext(): Promise<void> {
    if (this.opening) await this.opening;
    this.opening = undefined;
    const ctx = this.context;
    this.context = undefined;
    this.publicPage = undefined;
    this.site = undefined;
    const tracing = this.tracing;
    this.tracing = false;
    if (!ctx) return;
    if (tracing) await ctx.tracing.stop().catch(() => undefined);
    await ctx.close().catch(() => undefined);
  }
}
