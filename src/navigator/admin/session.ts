// A worker's session on the admin panel: a page in a context of its own on the run's ONE login
// (../shared-login.ts; recycled every K rows and when its memory grew, replaced after a fault). Its
// context's trace records every attempt and is kept for a failed row.
import type { BrowserContext, Page } from 'playwright';
import type { Settings } from '../../config/settings.js';
import type { AdminPort } from '../ports.js';
import type { AttemptEnd, RowScope, RowTrace, SessionHost, TargetSession } from '../target.js';
import { AdminPanel } from './panel.js';

/**
 * An admin page whose share of the panel's JavaScript heap passed this is replaced by a fresh one
 * before its next row. A page of the stand's panel uses 20–45 MB and does not grow with rows
 * (measured over 24 rows); a panel that leaks grows from there.
 */
const ADMIN_PAGE_HEAP_MB = 96;

/** What a flow gets of the admin panel: the panel, logged in, and a screenshot of what it shows now. */
export interface AdminHandle {
  readonly port: AdminPort;
  capture(name: string): Promise<void>;
}

export class AdminSession implements TargetSession<AdminHandle> {
  private context: BrowserContext | undefined;
  /** Lets the page go (its own context with it, unless the context is shared). */
  private closePage: (() => Promise<void>) | undefined;
  private adminPage: Page | undefined;
  private admin: AdminPanel | undefined;
  /** The context's trace, and whether this worker's attempt is on it now. */
  private trace: RowTrace | undefined;
  private tracing = false;
  private rows = 0;

  constructor(
    private readonly host: SessionHost,
    private readonly settings: Settings,
  ) {}

  /** Opens (or recycles) the page, starts the attempt's trace, logs in (once for all workers). */
  async begin(): Promise<void> {
    const admin = await this.panel();
    this.rows++;
    await admin.ensureLoggedIn();
    await this.host.shareSession(this.context!);
  }

  handle(row: RowScope): AdminHandle {
    const admin = this.admin!;
    const context = this.context!;
    const page = this.adminPage!;
    return {
      port: {
        ensureLoggedIn: async () => {
          await admin.ensureLoggedIn();
          await this.host.shareSession(context);
        },
        findUsersByEmail: (email) => admin.findUsersByEmail(email),
        openUser: (id) => admin.openUser(id),
      },
      capture: (name) => row.shoot(page, name, false),
    };
  }

  get page(): Page | undefined {
    return this.adminPage;
  }

  private async panel(): Promise<AdminPanel> {
    if (this.admin && (this.adminPage!.isClosed() || this.rows >= this.settings.recycleRows || (await this.grown()))) {
      await this.closeAdminPage();
      this.host.reclaimHeap();
    }
    if (!this.admin) {
      const { page, trace, close } = await this.host.sharedPage();
      this.closePage = close;
      this.adminPage = page;
      this.context = page.context();
      this.trace = trace;
      this.admin = new AdminPanel(page, {
        adminUrl: this.settings.adminUrl,
        email: this.settings.adminEmail,
        password: this.settings.adminPassword,
        profile: this.settings.profileData,
        timeoutMs: this.settings.timeoutMs,
        gate: this.host.login,
      });
      this.rows = 0;
    }
    await this.trace!.begin(this, this.host.detailed);
    this.tracing = true;
    return this.admin;
  }

  /**
   * The panel's JavaScript heap outgrew what its pages need (a panel that leaks): start a new
   * page. Pages that share a renderer (the bench's shared context) share its heap, so the heap is
   * counted a page.
   */
  private async grown(): Promise<boolean> {
    if (!this.adminPage || this.rows < 2) return false;
    const mb = await this.host.pageHeapMb(this.adminPage);
    const pages = Math.max(1, this.adminPage.context().pages().length);
    return mb !== undefined && mb / pages > ADMIN_PAGE_HEAP_MB;
  }

  async keepTrace(file: string): Promise<boolean> {
    const tracing = this.tracing;
    this.tracing = false;
    if (!tracing || !this.trace) return false;
    return this.trace.keep(this, file).catch(() => false);
  }

  async end(how: AttemptEnd): Promise<void> {
    if (how === 'ok' || how === 'relogin') return this.endTrace(false);
    if (how === 'fault') await this.endTrace(true);
    // What a failed row left open in the panel is unknown: the next row starts on a fresh page.
    await this.closeAdminPage();
  }

  async close(): Promise<void> {
    await this.endTrace(false);
    await this.closeAdminPage();
  }

  private async endTrace(detailed: boolean): Promise<void> {
    if (!this.tracing) return;
    this.tracing = false;
    await this.trace?.end(this, detailed);
  }

  /** Closes this worker's page and its context; the session and the other workers' pages stay. */
  private async closeAdminPage(): Promise<void> {
    const close = this.closePage;
    this.adminPage = undefined;
    this.admin = undefined;
    this.closePage = undefined;
    this.context = undefined;
    this.trace = undefined;
    this.tracing = false;
    await close?.();
  }
}
