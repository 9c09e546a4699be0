// A worker owns an admin-panel context (recycled every K rows, replaced after a fault) and, per
// row, a fresh public-site context. It also keeps what a person needs after a row: screenshots
// (the certificate on screen, the failure screen and its HTML) and a trace of a failed row.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import type { Settings } from '../config/settings.js';
import type { AccountingContext, SentRow } from '../../flows/accounting-certificate.js';
import type { AdminPort } from '../navigator/ports.js';
import { RowWindows } from '../../flows/row-windows.js';
import { AdminPanel } from '../navigator/admin-panel.js';
import { PublicSite } from '../navigator/public-site.js';
import type { BrowserHost } from './browser.js';
import type { Redactor } from '../core/redact.js';
import { redactTrace } from './trace.js';

/** A file-name-safe form of a row key (keys are staff references, never secrets). */
export function fileSlug(key: string): string {
  const s = key
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'row';
}

export class Worker {
  private adminContext: BrowserContext | undefined;
  private adminPage: Page | undefined;
  private admin: AdminPanel | undefined;
  private publicContext: BrowserContext | undefined;
  private publicPage: Page | undefined;
  private publicSite: PublicSite | undefined;
  private rows = 0;
  /** After a system fault the next attempt is traced in full (DOM snapshots: slower, clearer). */
  private detailed = false;
  private adminDetailed = false;
  private windows: RowWindows | undefined;
  /** The trace kept for the last failed row, relative to the run folder. */
  lastTrace: string | undefined;

  constructor(
    private readonly host: BrowserHost,
    private readonly settings: Settings,
    private readonly runDir: string,
    private readonly redactor: Redactor,
    /** Tells the person at the screen what to do now (a notice event). */
    private readonly say?: (key: string, text: string) => void,
  ) {}

  private async adminPanel(): Promise<AdminPanel> {
    if (this.admin && this.rows >= this.settings.recycleRows) await this.discardAdmin();
    if (!this.admin) {
      this.adminContext = await this.host.newContext('admin');
      await this.adminContext.tracing.start(this.traceOptions());
      this.adminDetailed = this.detailed;
      this.adminPage = await this.adminContext.newPage();
      this.admin = new AdminPanel(this.adminPage, {
        adminUrl: this.settings.adminUrl,
        email: this.settings.adminEmail,
        password: this.settings.adminPassword,
        profile: this.settings.profileData,
        timeoutMs: this.settings.timeoutMs,
      });
      this.rows = 0;
    }
    await this.adminContext!.tracing.startChunk();
    return this.admin;
  }

  /** The flow's context for one attempt of a row. */
  async context(
    row: SentRow,
    password: string,
    onShot: (file: string) => void,
    extra: Pick<AccountingContext, 'previous' | 'claimedChildren'> = {},
  ): Promise<AccountingContext> {
    const admin = await this.adminPanel();
    this.rows++;
    const adminContext = this.adminContext!;
    const adminPage = this.adminPage!;
    const shareAfterLogin = async () => {
      await admin.ensureLoggedIn();
      await this.host.shareAdminSession(adminContext);
    };
    await shareAfterLogin();
    const p = this.settings.profileData;
    const port: AdminPort = {
      ensureLoggedIn: shareAfterLogin,
      findUsersByEmail: (email) => admin.findUsersByEmail(email),
      openUser: (id) => admin.openUser(id),
    };
    this.windows = new RowWindows(port);
    return {
      ...extra,
      row,
      password,
      placeholder: p.placeholder,
      certificateTypeName: p.adminTexts.accountingCertificate,
      admin: port,
      windows: this.windows,
      site: async () => {
        if (!this.publicPage) {
          this.publicContext = await this.host.newContext('public');
          await this.publicContext.tracing.start(this.traceOptions());
          this.publicPage = await this.publicContext.newPage();
          this.publicSite = undefined;
        }
        // One page object a row: it knows the account its page signed in as.
        return (this.publicSite ??= new PublicSite(this.publicPage, {
          baseUrl: this.settings.publicUrl,
          profile: p,
          timeoutMs: this.settings.timeoutMs,
          // With a window (--headed) a person at the screen may pass a captcha; headless nobody can.
          ...(this.settings.headless || !this.say ? {} : { captchaHandOff: { waitMs: this.settings.captchaWaitS * 1000, say: (text: string) => this.say!(row.key, text) } }),
        }));
      },
      capture: async (name) => {
        const file = this.shotPath(row.key, name);
        await adminPage.screenshot({ path: path.join(this.runDir, file) });
        onShot(file);
      },
      captureSite: async (name) => {
        if (!this.publicPage) return;
        const file = this.shotPath(row.key, name);
        await this.publicPage.screenshot({ path: path.join(this.runDir, file), fullPage: true });
        onShot(file);
      },
    };
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
      for (const [name, page] of [['admin', this.adminPage], ['site', this.publicPage]] as const) {
        if (!page || page.isClosed()) continue;
        const file = this.shotPath(key, `error-${name}`);
        try {
          await page.screenshot({ path: path.join(this.runDir, file), timeout: 5000 });
          writeFileSync(path.join(this.runDir, file.replace(/\.png$/, '.html')), this.redactor.text(await page.content()));
          kept.push(file);
        } catch {
          // a crashed page has nothing to show
        }
      }
      this.lastTrace = await this.keepTrace(key);
      // What the failed row left open in the panel is unknown: the next row starts on a fresh page.
      await this.discardAdmin();
    } else {
      await this.adminContext?.tracing.stopChunk().catch(() => undefined);
      await this.windows?.closeAll().catch(() => this.discardAdmin());
    }
    this.windows = undefined;
    this.detailed = false;
    if (outcome === 'ok' && this.adminDetailed && this.adminContext) {
      // Back to light tracing for the rows that follow.
      await this.adminContext.tracing.stop().catch(() => undefined);
      await this.adminContext.tracing.start(this.traceOptions());
      this.adminDetailed = false;
    }
    await this.closePublic(outcome === 'ok');
    return kept;
  }

  private async keepTrace(key: string): Promise<string | undefined> {
    mkdirSync(path.join(this.runDir, 'traces'), { recursive: true });
    const rel = path.join('traces', `${fileSlug(key)}-admin.zip`);
    const file = path.join(this.runDir, rel);
    try {
      await this.adminContext?.tracing.stopChunk({ path: file });
      await redactTrace(file, this.redactor);
    } catch {
      return undefined;
    }
    if (this.publicContext) {
      const publicFile = path.join(this.runDir, 'traces', `${fileSlug(key)}-site.zip`);
      await this.publicContext.tracing
        .stop({ path: publicFile })
        .then(() => redactTrace(publicFile, this.redactor))
        .catch(() => undefined);
    }
    return rel;
  }

  private async closePublic(discardTrace: boolean): Promise<void> {
    const ctx = this.publicContext;
    this.publicContext = undefined;
    this.publicPage = undefined;
    this.publicSite = undefined;
    if (!ctx) return;
    if (discardTrace) await ctx.tracing.stop().catch(() => undefined);
    await ctx.close().catch(() => undefined);
  }

  private async discardAdmin(): Promise<void> {
    const ctx = this.adminContext;
    this.adminContext = undefined;
    this.adminPage = undefined;
    this.admin = undefined;
    await ctx?.close().catch(() => undefined);
  }

  /** After a session expiry: the same admin page logs in again on the next attempt; the row's public context is dropped. */
  async relogin(): Promise<void> {
    await this.adminContext?.tracing.stopChunk().catch(() => undefined);
    await this.closePublic(true);
  }

  /** After a system fault: the next attempt starts in fresh contexts. */
  async discard(): Promise<void> {
    this.detailed = true;
    await this.adminContext?.tracing.stopChunk().catch(() => undefined);
    await this.closePublic(true);
    await this.discardAdmin();
  }

  async close(): Promise<void> {
    await this.closePublic(true);
    await this.discardAdmin();
  }
}
