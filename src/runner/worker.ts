// A worker keeps a session on each target its rows' flow uses (src/navigator/<target>/target.ts:
// e.g. a page on the run's one shared login, or a context of the worker's own), and
// what a person needs after a row: screenshots (what a flow asked for, each target's page and its
// HTML when the row failed) and the traces of a failed row. It knows no target by name: it loops
// over the targets the flow declares in `uses`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright';
import type { Settings } from '../config/settings.js';
import type { RowOffer } from '../procedure/plugin.js';
import type { TargetHandles } from '../navigator/targets.js';
import type { RowScope, SessionHost, TargetModule, TargetSession } from '../navigator/target.js';
import { clearSiteStorage, pageHeapMb, type BrowserHost } from './browser.js';
import { reclaimHeap } from './reclaim.js';
import type { Redactor } from '../core/redact.js';
import { keepMaskedTrace } from './trace-file.js';
import { pageWithoutScripts } from '../core/page-html.js';

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
  /** What one attempt of a row is offered: the targets its flow uses (procedure/targets.ts), opened (or ready to open). */
  offer(key: string, onShot: (file: string) => void, uses: readonly TargetModule[]): Promise<RowOffer>;
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
  /** A session a target, made when a row first uses it, in the order made. */
  private readonly sessions = new Map<string, TargetSession<unknown>>();
  /** The targets the current attempt's flow uses, in its order (its first kept trace is the row's). */
  private used: readonly string[] = [];
  /** After a system fault the next attempt is traced in full (DOM snapshots: slower, clearer). */
  private detailed = false;
  /** What the row's flow leaves open and closes itself when the attempt ends well. */
  private release: (() => Promise<void>) | undefined;
  /** The trace kept for the last failed row, relative to the run folder. */
  lastTrace: string | undefined;
  private readonly sessionHost: SessionHost;

  constructor(
    host: BrowserHost,
    private readonly settings: Settings,
    private readonly runDir: string,
    private readonly redactor: Redactor,
    /** Tells the person at the screen what to do now (a notice event). */
    private readonly say?: (key: string, text: string) => void,
  ) {
    const worker = this;
    this.sessionHost = {
      newContext: () => host.newContext(),
      sharedPage: () => host.sharedPage(),
      login: host.login,
      shareSession: (context) => host.shareSession(context),
      pageHeapMb,
      reclaimHeap,
      clearSiteStorage,
      // Traces record actions and network always; DOM snapshots (about 1.5 s a row on the stand)
      // only for attempts after a system fault, which are the ones worth replaying.
      traceOptions: () => ({ snapshots: worker.detailed, screenshots: false, sources: false }),
      get detailed() {
        return worker.detailed;
      },
    };
  }

  private session(target: TargetModule): TargetSession<unknown> {
    let s = this.sessions.get(target.name);
    if (!s) this.sessions.set(target.name, (s = target.session(this.sessionHost, this.settings)));
    return s;
  }

  private scope(key: string, onShot: (file: string) => void): RowScope {
    const say = this.say;
    return {
      key,
      shoot: async (page, name, fullPage) => {
        const file = this.shotPath(key, name);
        await page.screenshot({ path: path.join(this.runDir, file), ...(fullPage ? { fullPage } : {}) });
        onShot(file);
      },
      ...(say ? { say: (text: string) => say(key, text) } : {}),
    };
  }

  /** What one attempt of a row is offered; its flow builds its context from it (src/procedure/plugin.ts). */
  async offer(key: string, onShot: (file: string) => void, uses: readonly TargetModule[]): Promise<RowOffer> {
    this.used = uses.map((t) => t.name);
    const row = this.scope(key, onShot);
    const handles = new Map<string, unknown>();
    for (const t of uses) await this.session(t).begin(row);
    for (const t of uses) handles.set(t.name, this.session(t).handle(row));
    return {
      target: <N extends keyof TargetHandles>(name: N): TargetHandles[N] => {
        if (!handles.has(name)) throw new Error(`this flow declared it does not use the target «${name}»`);
        return handles.get(name) as TargetHandles[N];
      },
      profile: this.settings.profileData,
      rowFile: (folder, ext) => {
        // The report links to it: a path with '/' on every system.
        const rel = `${folder}/${fileSlug(key)}.${ext}`;
        return { path: path.join(this.runDir, rel), rel };
      },
    };
  }

  /** What the row's flow closes when the attempt ends well (its open windows). */
  hold(release: () => Promise<void>): void {
    this.release = release;
  }

  private shotPath(key: string, name: string): string {
    mkdirSync(path.join(this.runDir, 'screenshots'), { recursive: true });
    return path.join('screenshots', `${fileSlug(key)}-${name}.png`);
  }

  /** Every session, the current attempt's targets first (in the flow's order). */
  private ordered(): Array<[string, TargetSession<unknown>]> {
    const rest = [...this.sessions.keys()].filter((n) => !this.used.includes(n));
    return [...this.used, ...rest].flatMap((n) => {
      const s = this.sessions.get(n);
      return s ? [[n, s] as [string, TargetSession<unknown>]] : [];
    });
  }

  /**
   * Ends a row's attempt: on failure keeps screenshots, the pages' HTML and redacted traces; on
   * success drops the traces. Returns the screenshots (relative paths) of the row.
   */
  async finish(key: string, shots: string[], outcome: 'ok' | 'failed'): Promise<string[]> {
    this.lastTrace = undefined;
    const kept = [...shots];
    if (outcome === 'failed') {
      for (const [name, s] of this.ordered()) {
        const file = await this.keepPage(key, name, s.page);
        if (file) kept.push(file);
      }
      this.lastTrace = await this.keepTraces(key);
      for (const [, s] of this.ordered()) await s.end('failed');
    } else {
      for (const [, s] of this.ordered()) await s.end('ok');
      const release = this.release;
      if (release) await release().catch(() => Promise.all(this.ordered().map(([, s]) => s.end('unclean'))));
    }
    this.release = undefined;
    this.detailed = false;
    return kept;
  }

  /** A failed row's screenshot of a target's page and its HTML (redacted). */
  private async keepPage(key: string, name: string, page: Page | undefined): Promise<string | undefined> {
    if (!page || page.isClosed()) return undefined;
    const file = this.shotPath(key, `error-${name}`);
    try {
      await page.screenshot({ path: path.join(this.runDir, file), timeout: 5000 });
      writeFileSync(path.join(this.runDir, file.replace(/\.png$/, '.html')), pageWithoutScripts(this.redactor.text(await page.content())));
      return file;
    } catch {
      // a crashed page has nothing to show
      return undefined;
    }
  }

  /** Each target's trace of a failed row, redacted; the row's is the first kept of its flow's targets. */
  private async keepTraces(key: string): Promise<string | undefined> {
    mkdirSync(path.join(this.runDir, 'traces'), { recursive: true });
    let first: string | undefined;
    for (const [name, s] of this.ordered()) {
      const rel = path.join('traces', `${fileSlug(key)}-${name}.zip`);
      const file = path.join(this.runDir, rel);
      try {
        // Masked under a temporary name and renamed after: a kill never leaves a raw trace under its final name.
        if (!(await keepMaskedTrace(file, this.redactor, (raw) => s.keepTrace(raw)))) continue;
      } catch {
        continue;
      }
      if (this.used.includes(name)) first ??= rel;
    }
    return first;
  }

  /** After a session expiry: the next attempt logs in again (once for all workers); the row's sessions end their row. */
  async relogin(): Promise<void> {
    this.release = undefined;
    for (const [, s] of this.ordered()) await s.end('relogin');
  }

  /** After a system fault: the next attempt starts on fresh pages and contexts, traced in detail. */
  async discard(): Promise<void> {
    this.release = undefined;
    this.detailed = true;
    for (const [, s] of this.ordered()) await s.end('fault');
  }

  async close(): Promise<void> {
    for (const [, s] of this.ordered()) await s.close();
  }
}
