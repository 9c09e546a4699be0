// The trace of an admin-panel context: a worker's own, or (the bench's shared design) one that
// several workers' pages share. A Playwright trace belongs to a context, not to a page, so rows
// on one context share it: what was recorded is
// dropped once the rows it covered ended well (when no other row is halfway, at the latest after
// twice as many rows as there are workers' pages), and a row that fails keeps the trace so far — its own attempt and, at
// C > 1, what the other workers' pages did meanwhile. Light tracing (actions and network) by
// default; after a system fault, detailed (DOM snapshots) until the retried row has ended.
import type { BrowserContext } from 'playwright';

export class SharedTrace {
  private chain: Promise<unknown> = Promise.resolve();
  private detailed = false;
  private started = false;
  /** Rows (their workers) whose current attempt follows a fault: they want a detailed trace. */
  private readonly wanting = new Set<object>();
  private active = 0;
  private endedInChunk = 0;

  constructor(
    private readonly context: BrowserContext,
    /** Row ends after which the trace starts afresh even while rows overlap; default: twice the pages (workers) in the context. */
    private readonly rotateAfter?: number,
  ) {}

  private get limit(): number {
    return this.rotateAfter ?? Math.max(2, 2 * this.context.pages().length);
  }

  /** Tracing calls one at a time (Playwright refuses a chunk started twice). */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.chain.then(step, step);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private options(detailed: boolean) {
    return { snapshots: detailed, screenshots: false, sources: false };
  }

  /**
   * Light or detailed, as the rows in flight want; a change, or `fresh`, starts a new trace (what
   * was recorded so far is dropped: a context's trace keeps its network log across chunks, so
   * only a new trace keeps a long run's trace small).
   */
  private level(fresh = false): Promise<void> {
    return this.serial(async () => {
      const want = this.wanting.size > 0;
      if (this.started && want === this.detailed && !fresh) return;
      if (this.started) await this.context.tracing.stop().catch(() => undefined);
      this.started = false;
      await this.context.tracing.start(this.options(want));
      this.started = true;
      this.detailed = want;
      this.endedInChunk = 0;
    });
  }

  /** A row's attempt begins on a page of the context; `detailed` after a system fault of that row. */
  async begin(owner: object, detailed: boolean): Promise<void> {
    if (detailed) this.wanting.add(owner);
    this.active++;
    await this.level().catch(() => undefined);
  }

  /** The attempt ended without a trace to keep (done, or to be retried: `detailed` for the retry). */
  async end(owner: object, detailed = false): Promise<void> {
    this.active = Math.max(0, this.active - 1);
    if (detailed) this.wanting.add(owner);
    else this.wanting.delete(owner);
    this.endedInChunk++;
    // Dropped when nobody else is in the middle of a row (their start would be lost), or when long.
    const drop = this.active === 0 || this.endedInChunk >= this.limit;
    await this.level(drop).catch(() => undefined);
  }

  /**
   * Stops the trace before its context closes. Playwright's client keeps a record of every API
   * call of the whole connection for each trace started, until that trace is stopped: a context
   * closed while tracing leaves its record growing for the rest of the run (measured: the navbot
   * process's heap after a full collection grew ~0.5 MB a row at C=4, and every call got slower).
   */
  dispose(): Promise<void> {
    return this.serial(async () => {
      if (!this.started) return;
      this.started = false;
      await this.context.tracing.stop().catch(() => undefined);
    }).catch(() => undefined);
  }

  /** The attempt failed for good: the chunk so far goes to `file` (the caller redacts it); false when none could be written. */
  async keep(owner: object, file: string): Promise<boolean> {
    this.active = Math.max(0, this.active - 1);
    this.wanting.delete(owner);
    const kept = await this.serial(async () => {
      if (!this.started) return false;
      await this.context.tracing.stopChunk({ path: file });
      return true;
    }).catch(() => false);
    await this.level(true).catch(() => undefined);
    return kept;
  }
}
