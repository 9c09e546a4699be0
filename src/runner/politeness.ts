// Politeness towards the target: a cap on navigations and form submits per second shared by every
// worker (p-queue's interval cap), and a pause with jitter when the target answers 429 or 5xx.
import PQueue from 'p-queue';
import type { BrowserContext, Request } from 'playwright';
import { setTimeout as backoffDelay } from 'node:timers/promises';

export class Politeness {
  private readonly queue: PQueue;
  private pausedUntil = 0;
  /** How many actions passed the gate; the bench divides wall time by it. */
  actions = 0;

  constructor(
    actionsPerSecond: number,
    private readonly random: () => number = Math.random,
  ) {
    const perSecond = actionsPerSecond >= 1;
    this.queue = new PQueue({
      concurrency: Number.POSITIVE_INFINITY,
      intervalCap: perSecond ? Math.round(actionsPerSecond) : 1,
      interval: perSecond ? 1000 : Math.round(1000 / actionsPerSecond),
      carryoverIntervalCount: true,
    });
  }

  /** Resolves when one more action may be sent. */
  async gate(): Promise<void> {
    this.actions++;
    await this.queue.add(() => undefined);
  }

  /**
   * The target is overloaded: hold every worker's next action for a backoff with jitter
   * (1–2 × base). Overlapping calls extend the pause instead of stacking it.
   */
  overloaded(baseMs: number): void {
    const until = Date.now() + baseMs * (1 + this.random());
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.queue.pause();
    // The latest pause decides when to go on (a timer may fire a millisecond early, so compare
    // identities, not clocks).
    void backoffDelay(until - Date.now(), undefined, { ref: false }).then(() => {
      if (this.pausedUntil === until) this.queue.start();
    });
  }

  get paused(): boolean {
    return this.queue.isPaused;
  }
}

/** A navigation or a write: what the cap counts. Reads (GET of data, assets) pass freely. */
export function isAction(request: Request): boolean {
  return request.isNavigationRequest() || request.method() !== 'GET';
}

/** Files a page loads (scripts, styles, images, fonts): never a navigation or a write. */
const STATIC_FILE = String.raw`[^?#]*\.(?:m?js|css|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|otf|eot|map)(?:[?#]|$)`;

/**
 * The requests the gate must see: to our origins, except static files. A RegExp, not a function:
 * Playwright matches a RegExp in its server part and lets every other request go on there; a
 * function makes it hand every request of the context (each script and image of the panel) to the
 * handler, an object each kept until the context closes.
 */
export function gatedUrls(origins: string[]): RegExp {
  return new RegExp(`${originsPattern(origins)}(?!${STATIC_FILE})`, 'i');
}

/** A URL on one of `origins` (the origin ends there: `:3000` is not `:30001`). */
function originsPattern(origins: string[]): string {
  const escaped = origins.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})(?=[/?#]|$)`;
}

/**
 * Routes a context's requests to `origins` through the gate, sends writes exactly once, and
 * watches answers for overload. Requests elsewhere (none expected) pass untouched.
 */
export async function applyPoliteness(
  context: BrowserContext,
  politeness: Politeness,
  origins: string[],
  timeoutMs: number,
  backoffBaseMs = 1000,
): Promise<void> {
  const ours = new RegExp(originsPattern(origins), 'i');
  await context.route(
    gatedUrls(origins),
    async (route) => {
      const request = route.request();
      if (!isAction(request)) return route.fallback();
      await politeness.gate();
      if (request.method() === 'GET') return route.fallback();
      // A write is sent by Playwright, not by the browser's network stack: Chromium silently
      // re-sends a POST whose keep-alive connection closed without an answer, which would make
      // a second user or child. Sent this way, a lost answer stays lost and verify decides. A
      // form's post (server-rendered pages) is a write too: its redirect is handed to the page.
      let response;
      try {
        response = await route.fetch({ maxRedirects: 0, maxRetries: 0, timeout: timeoutMs });
      } catch {
        return route.abort('connectionfailed').catch(() => undefined);
      }
      return route.fulfill({ response }).catch(() => undefined);
    },
  );
  context.on('response', (response) => {
    const status = response.status();
    if ((status === 429 || status >= 500) && ours.test(response.url())) politeness.overloaded(backoffBaseMs);
  });
}
