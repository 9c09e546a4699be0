// A worker's session in the certificate registry (issue 14): a browser context of its own, opened
// on a row's first use and logged in once; kept across rows (its pages hold nothing between
// actions), dropped after a system fault so the retry starts fresh, closed with the worker. Like
// the admin panel's, its trace records every row and is kept for a failed one.
import type { BrowserContext, Page } from 'playwright';
import type { Settings } from '../../config/settings.js';
import type { AttemptEnd, RowScope, SessionHost, TargetSession } from '../target.js';
import type { RegistryPort } from './port.js';
import { Registry } from './pages.js';

/** What a registry flow gets: the cabinet (logged in, opened on first use) and a screenshot of it. */
export interface RegistryHandle {
  open(): Promise<RegistryPort>;
  capture(name: string): Promise<void>;
}

export class RegistrySession implements TargetSession<RegistryHandle> {
  private context: BrowserContext | undefined;
  private registry: Registry | undefined;
  /** A trace chunk is recording the current row. */
  private recording = false;

  constructor(
    private readonly host: SessionHost,
    private readonly settings: Settings,
  ) {}

  async begin(): Promise<void> {}

  handle(row: RowScope): RegistryHandle {
    return {
      open: () => this.open(),
      capture: async (name) => {
        const page = this.page;
        if (page) await row.shoot(page, name, true);
      },
    };
  }

  /** The registry, logged in (opened on first use). */
  async open(): Promise<Registry> {
    if (!this.registry) {
      this.context = await this.host.newContext();
      // start() opens the first chunk itself (a startChunk() after it would leave start()'s record
      // of calls behind in Playwright's client for the rest of the run).
      await this.context.tracing.start(this.host.traceOptions());
      this.recording = true;
      const page = await this.context.newPage();
      this.registry = new Registry(page, {
        baseUrl: this.settings.registryUrl,
        login: this.settings.registryLogin,
        password: this.settings.registryPassword,
        timeoutMs: this.settings.timeoutMs,
      });
    }
    if (!this.recording) {
      await this.context!.tracing.startChunk();
      this.recording = true;
    }
    await this.registry.ensureLoggedIn();
    return this.registry;
  }

  /** Its page, if the row used it. */
  get page(): Page | undefined {
    const page = this.registry?.page;
    return page && !page.isClosed() ? page : undefined;
  }

  keepTrace(file: string): Promise<boolean> {
    return this.endRow(file);
  }

  async end(how: AttemptEnd): Promise<void> {
    if (how === 'fault') await this.discard();
    else if (how !== 'unclean') await this.endRow();
  }

  close(): Promise<void> {
    return this.discard();
  }

  /** Ends the row's trace chunk: dropped, or kept at `file` (a failed row). True when kept. */
  private async endRow(file?: string): Promise<boolean> {
    if (!this.recording || !this.context) return false;
    this.recording = false;
    try {
      await this.context.tracing.stopChunk(file ? { path: file } : undefined);
      return file !== undefined;
    } catch {
      return false;
    }
  }

  /** After a system fault: the next attempt logs in again in a fresh context. */
  private async discard(): Promise<void> {
    const ctx = this.context;
    this.context = undefined;
    this.registry = undefined;
    this.recording = false;
    // Stopped before the context closes: a trace left running keeps growing (SharedTrace.dispose).
    await ctx?.tracing.stop().catch(() => undefined);
    await ctx?.close().catch(() => undefined);
  }
}
