// A worker owns an admin-panel page in a context of its own on the run's one admin session
// (recycled every K rows and when its memory grew, replaced after a fault) and a public-site context of its own, kept across rows with
// its storage cleared between them (made afresh every K rows and after a fault). It also keeps
// what a person needs after a row: screenshots (the certificate on screen, the failure screen and
// its HTML) and a trace of a failed row.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { personCanSee, type Settings } from '../config/settings.js';
import type { RowOffer } from '../procedure/plugin.js';
import type { AdminPort } from '../navigator/ports.js';
import { AdminPanel } from '../navigator/admin/panel.js';
import { PublicSite } from '../navigator/site/site.js';
import { clearSiteStorage, pageHeapMb, type BrowserHost } from './browser.js';
import type { SharedTrace } from './shared-trace.js';
import { reclaimHeap } from './reclaim.js';
import { RegistrySession } from './registry-session.js';
import type { Redactor } from '../core/redact.js';
import { keepMaskedTrace } from './trace-file.js';
import { pageWithoutScripts } from '../core/page-html.js';

/**
 * An admin page whose share of the panel's JavaScript heap passed this is replaced by a fresh one
 * before its next row. A page of the stand's panel uses 20–45 MB and does not grow with rows
 * (measured over 24 rows); a panel that leaks grows from there.
 */
const ADMIN_PAGE_HEAP_MB = 96;

/** A file-name-safe form of a row key (keys are staff references, never secrets). */
export function fileSlug(key: string): string {
  const s = key
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'row';
}

/** What the runner asks of a worker for a row's attempts (a browser Worker, or a test's fake). */
export interface RowWorker {
  /** What one attempt of a row is offered; its flow builds its context from it. */
  offer(key: string, onShot: (file: string) => void, opts?: { admin?: boolean }): Promise<RowOffer>;
  /** What the row's flow closes when the attempt ends well. */
  hold(release: () => Promise<void>): void;
  /** Ends an attempt; returns the row's screenshots (relative paths). */
  finish(key: string, shots: string[], outcome: 'ok' | 'failed'): Promise<string[]>;
  /** After a session expiry: the next attempt logs in again. */
  relogin(): Promise<void>;
  /** After a system fault: the next attempt starts afresh. */
  discard(): Promise<void>;
  close(): Promise<void>;
  /** The trace kept for the last failed row, relative to the run folder. */
  readonly lastTrace: string | undefined;
}

export class Worker implements RowWorker {
  private adminContext: BrowserContext | undefined;
  /** Lets the admin page go (its own context with it, unless the context is shared). */
  private closeAdmin: (() => Promise<void>) | undefined;
  private adminPage: Page | undefined;
  private admin: AdminPanel | undefined;
  /** The admin context's trace, and whether this worker's attempt is on it now. */
  private trace: SharedTrace | undefined;
  private tracing = false;
  private publicContext: BrowserContext | undefined;
  private publicPage: Page | undefined;
  private publicSite: PublicSite | undefined;
  /** The public context's trace is recording this row (started per row: a context's trace keeps its network log until stopped). */
  private publicTracing = false;
  private publicRows = 0;
  private publicOpening: Promise<void> | undefined;
  private rows = 0;
  /** After a system fault the next attempt is traced in full (DOM snapshots: slower, clearer). */
  private detailed = false;
  /** What the row's flow leaves open and closes itself when the attempt ends well. */
  private release: (() => Promise<void>) | undefined;
  /** The trace kept for the last failed row, relative to the run folder. */
  lastTrace: string | undefined;
  /** The certificate registry's session (issue 14), opened when a row first asks for it. */
  private readonly registrySession: RegistrySession;

  constructor(
    private readonly host: BrowserHost,
    private readonly settings: Settings,
    private readonly runDir: string,
    private readonly redactor: Redactor,
    /** Tells the person at the screen what to do now (a notice event). */
    private readonly say?: (key: string, text: string) => void,
  ) {
    this.registrySession = new RegistrySession(host, settings, () => this.traceOptions());
  }

  private async adminPanel(): Promise<AdminPanel> {
    if (this.admin && (this.adminPage!.isClosed() || this.rows >= this.settings.recycleRows || (await this.adminPageGrown()))) {
      await this.closeAdminPage();
      reclaimHeap();
    }
    if (!this.admin) {
      const { page, trace, close } = await this.host.adminPage();
      this.closeAdmin = close;
      this.adminPage = page;
      this.adminContext = page.context();
      this.trace = trace;
      this.admin = new AdminPanel(this.adminPage, {
        adminUrl: this.settings.adminUrl,
        email: this.settings.adminEmail,
        password: this.settings.adminPassword,
        profile: this.settings.profileData,
        timeoutMs: this.settings.timeoutMs,
        gate: this.host.login,
      });
      this.rows = 0;
    }
    this.warmPublic();
    await this.trace!.begin(this, this.detailed);
    this.tracing = true;
    return this.admin;
  }

  /**
   * The panel's JavaScript heap outgrew what its pages need (a panel that leaks): start a new
   * page. Pages that share a renderer (the bench's shared context) share its heap, so the heap is
   * counted a page.
   */
  private async adminPageGrown(): Promise<boolean> {
    if (!this.adminPage || this.rows < 2) return false;
    const mb = await pageHeapMb(this.adminPage);
    const pages = Math.max(1, this.adminPage.context().pages().length);
    return mb !== undefined && mb / pages > ADMIN_PAGE_HEAP_MB;
  }

  /**
   * Makes this worker's public context and page ahead of need: the first row starts on the admin
   * panel (the probe of registration), and the browser makes the public page meanwhile.
   */
  private warmPublic(): void {
    if (this.publicContext || this.publicOpening) return;
    this.publicOpening = this.openPublic().catch(() => undefined);
  }

  private async openPublic(): Promise<void> {
    const context = await this.host.newContext();
    try {
      this.publicPage = await context.newPage();
    } catch (e) {
      await context.close().catch(() => undefined);
      throw e;
    }
    this.publicContext = context;
    this.publicSite = undefined;
    this.publicRows = 0;
  }

  /** This worker's public-site page: its context is kept across rows (storage cleared between them). */
  private async publicSitePage(): Promise<Page> {
    if (this.publicOpening) await this.publicOpening;
    this.publicOpening = undefined;
    if (this.publicPage?.isClosed()) await this.closePublic(true);
    if (!this.publicContext || !this.publicPage) await this.openPublic();
    if (!this.publicContext || !this.publicPage) throw new Error('public site: no page');
    if (!this.publicTracing) {
      await this.publicContext.tracing.start(this.traceOptions());
      this.publicTracing = true;
    }
    return this.publicPage;
  }

  /**
   * What one attempt of a row is offered; its flow builds its context from it (src/procedure/plugin.ts).
   * A flow that does not work on the admin panel (`admin: false`) is offered no admin session.
   */
  async offer(key: string, onShot: (file: string) => void, opts: { admin?: boolean } = {}): Promise<RowOffer> {
    const admin = opts.admin === false ? undefined : await this.adminPanel();
    if (admin) this.rows++;
    const adminContext = admin ? this.adminContext : undefined;
    const adminPage = admin ? this.adminPage : undefined;
    const shareAfterLogin = async () => {
      if (!admin || !adminContext) throw new Error('this flow declared it does not use the admin panel');
      await admin.ensureLoggedIn();
      await this.host.shareAdminSession(adminContext);
    };
    if (admin) await shareAfterLogin();
    const p = this.settings.profileData;
    const port: AdminPort = {
      ensureLoggedIn: shareAfterLogin,
      findUsersByEmail: async (email) => {
        if (!admin) throw new Error('this flow declared it does not use the admin panel');
        return admin.findUsersByEmail(email);
      },
      openUser: async (id) => {
        if (!admin) throw new Error('this flow declared it does not use the admin panel');
        return admin.openUser(id);
      },
    };
    return {
      admin: port,
      profile: p,
      site: async () => {
        const page = await this.publicSitePage();
        // One page object a row: it knows the account its page signed in as.
        return (this.publicSite ??= new PublicSite(page, {
          baseUrl: this.settings.publicUrl,
          profile: p,
          timeoutMs: this.settings.timeoutMs,
          // With a window (--headed) a person at the screen may pass a captcha; headless nobody can.
          ...(!personCanSee(this.settings) || !this.say ? {} : { captchaHandOff: { waitMs: this.settings.captchaWaitS * 1000, say: (text: string) => this.say!(key, text) } }),
        }));
      },
      capture: async (name) => {
        if (!adminPage) return;
        const file = this.shotPath(key, name);
        await adminPage.screenshot({ path: path.join(this.runDir, file) });
        onShot(file);
      },
      registry: () => this.registrySession.open(),
      captureRegistry: async (name) => {
        const page = this.registrySession.page;
        if (!page) return;
        const file = this.shotPath(key, name);
        await page.screenshot({ path: path.join(this.runDir, file), fullPage: true });
        onShot(file);
      },
      rowFile: (folder, ext) => {
        // The report links to it: a path with '/' on every system.
        const rel = `${folder}/${fileSlug(key)}.${ext}`;
        return { path: path.join(this.runDir, rel), rel };
      },
      captureSite: async (name) => {
        if (!this.publicPage) return;
        const file = this.shotPath(key, name);
        await this.publicPage.screenshot({ path: path.join(this.runDir, file), fullPage: true });
        onShot(file);
      },
    };
  }

  /** What the row's flow closes when the attempt ends well (its open windows). */
  hold(release: () => Promise<void>): void {
    this.release = release;
  }

  /**
   * Traces record actions and network always; DOM snapshots (about 1.5 s a row on the stand)
   * only for attempts after a system fault, which are the ones worth replaying.
   */
  private traceOptions() {
    return { snapshots: this.detailed, screenshots: false, sources: false };
  }

  private shotPath(key: string, name: string): string {
    mkdirSync(path.join(this.runDir, 'screenshots'), { recursive: true });
    return path.join('screenshots', `${fileSlug(key)}-${name}.png`);
  }

  /**
   * Ends a row's attempt: on failure keeps screenshots, the pages' HTML and a redacted trace; on
   * success drops the trace. Returns the screenshots (relative paths) of the row.
   */
  async finish(key: string, shots: string[], outcome: 'ok' | 'failed'): Promise<string[]> {
    this.lastTrace = undefined;
    const kept = [...shots];
    if (outcome === 'failed') {
      for (const [name, page] of [['admin', this.adminPage], ['site', this.publicPage], ['registry', this.registrySession.page]] as const) {
        if (!page || page.isClosed()) continue;
        const file = this.shotPath(key, `error-${name}`);
        try {
          await page.screenshot({ path: path.join(this.runDir, file), timeout: 5000 });
          writeFileSync(path.join(this.runDir, file.replace(/\.png$/, '.html')), pageWithoutScripts(this.redactor.text(await page.content())));
          kept.push(file);
        } catch {
          // a crashed page has nothing to show
        }
      }
      this.lastTrace = await this.keepTrace(key);
      // What the failed row left open in the panel is unknown: the next row starts on a fresh page.
      await this.closeAdminPage();
    } else {
      await this.endTrace(false);
      await this.registrySession.endRow();
      await this.release?.().catch(() => this.closeAdminPage());
    }
    this.release = undefined;
    this.detailed = false;
    await this.endPublicRow();
    return kept;
  }

  private async endTrace(detailed: boolean): Promise<void> {
    if (!this.tracing) return;
    this.tracing = false;
    await this.trace?.end(this, detailed);
  }

  private async keepTrace(key: string): Promise<string | undefined> {
    mkdirSync(path.join(this.runDir, 'traces'), { recursive: true });
    const registryFile = path.join(this.runDir, 'traces', `${fileSlug(key)}-registry.zip`);
    const registryKept = await keepMaskedTrace(registryFile, this.redactor, async (raw) => (await this.registrySession.endRow(raw)) === true);
    // A flow on the registry alone has no admin trace: the registry's is the row's.
    if (!this.adminContext) return registryKept ? path.join('traces', `${fileSlug(key)}-registry.zip`) : undefined;
    const rel = path.join('traces', `${fileSlug(key)}-admin.zip`);
    const file = path.join(this.runDir, rel);
    const tracing = this.tracing;
    this.tracing = false;
    const trace = this.trace;
    if (!tracing || !trace || !(await keepMaskedTrace(file, this.redactor, (raw) => trace.keep(this, raw)))) return undefined;
    if (this.publicContext && this.publicTracing) {
      const publicFile = path.join(this.runDir, 'traces', `${fileSlug(key)}-site.zip`);
      this.publicTracing = false;
      const publicContext = this.publicContext;
      await keepMaskedTrace(publicFile, this.redactor, async (raw) => (await publicContext.tracing.stop({ path: raw }), true));
    }
    return rel;
  }

  /**
   * Between rows: the public context forgets the row (cookies, local and session storage,
   * IndexedDB; the browser's cache of the site's files stays), its trace is dropped; every K rows
   * the context itself is made afresh.
   */
  private async endPublicRow(): Promise<void> {
    const ctx = this.publicContext;
    const page = this.publicPage;
    this.publicSite = undefined;
    if (!ctx || !page) return;
    if (this.publicTracing) {
      this.publicTracing = false;
      await ctx.tracing.stop().catch(() => undefined);
    }
    if (++this.publicRows >= this.settings.recycleRows || page.isClosed()) return this.closePublic(true);
    try {
      await clearSiteStorage(page);
      await ctx.clearCookies();
    } catch {
      await this.closePublic(true);
    }
  }

  private async closePublic(discardTrace: boolean): Promise<void> {
    if (this.publicOpening) await this.publicOpening;
    this.publicOpening = undefined;
    const ctx = this.publicContext;
    this.publicContext = undefined;
    this.publicPage = undefined;
    this.publicSite = undefined;
    const tracing = this.publicTracing;
    this.publicTracing = false;
    if (!ctx) return;
    if (discardTrace && tracing) await ctx.tracing.stop().catch(() => undefined);
    await ctx.close().catch(() => undefined);
  }

  /** Closes this worker's admin page and its context; the session and the other workers' pages stay. */
  private async closeAdminPage(): Promise<void> {
    const close = this.closeAdmin;
    this.adminPage = undefined;
    this.admin = undefined;
    this.closeAdmin = undefined;
    this.adminContext = undefined;
    this.trace = undefined;
    this.tracing = false;
    await close?.();
  }

  /** After a session expiry: the same admin page logs in again (once for all workers) on the next attempt; the row's public session is dropped. */
  async relogin(): Promise<void> {
    this.release = undefined;
    await this.registrySession.endRow();
    await this.endTrace(false);
    await this.endPublicRow();
  }

  /** After a system fault: the next attempt starts on a fresh admin page and a fresh public context, traced in detail. */
  async discard(): Promise<void> {
    this.release = undefined;
    this.detailed = true;
    await this.endTrace(true);
    await this.closePublic(true);
    await this.closeAdminPage();
    await this.registrySession.discard();
  }

  async close(): Promise<void> {
    await this.endTrace(false);
    await this.closePublic(true);
    await this.closeAdminPage();
    await this.registrySession.discard();
  }
}
