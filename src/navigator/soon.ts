// Waiting for an element that comes with the site's answer. Playwright's locator waits look again
// after 0, 20, 50, 100 and 100 ms, then every 500 ms: on a site that answers in 300 ms, an element
// drawn from the answer is seen up to half a second after it came (measured on the stand at 300 ms
// a request: the public site's «ДЕТИ» list, its saved child and the certificate types' list cost
// about 1.4 s a row of such waiting). `soon` also looks right after every answer the page gets
// (a document, a fetch, an XHR), so it sees the element within a frame or two of its arrival.
// Still a wait for a state, never for time: a look that finds nothing just ends. Each look is a
// wait of its own in a row's trace (one that found nothing shows as «Timeout 150ms exceeded»:
// expected, not a fault). After an early success the long wait cannot be cancelled: it ends at
// its next look (the element is there) or at its timeout, its error ignored.
import type { Locator, Page, Request } from 'playwright';

/** Requests whose answers a page draws from (static files are not: they change nothing shown). */
const ANSWERS = new Set(['document', 'fetch', 'xhr']);

/** How long one look after an answer keeps looking: a page draws what came within a few frames. */
const LOOK_MS = 150;

/** Like `target.waitFor({ state, timeout })`, but sees the state as soon as an answer brought it. */
export async function soon(page: Page, target: Locator, timeoutMs: number, state: 'visible' | 'attached' | 'hidden' = 'visible'): Promise<void> {
  let settled = false;
  let look: ((request: Request) => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        settled = true;
        resolve();
      };
      look = (request) => {
        if (settled || !ANSWERS.has(request.resourceType())) return;
        // A short look: found → done; not (yet) → nothing, the long wait goes on.
        target.waitFor({ state, timeout: LOOK_MS }).then(done, () => undefined);
      };
      page.on('requestfinished', look);
      target.waitFor({ state, timeout: timeoutMs }).then(done, (error: unknown) => {
        if (settled) return;
        settled = true;
        reject(error);
      });
    });
  } finally {
    if (look) page.off('requestfinished', look);
  }
}
