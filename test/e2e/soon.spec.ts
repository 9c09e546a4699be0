// `soon` (src/navigator/soon.ts): an element that comes with a slow answer is seen right after the
// answer, not at Playwright's next half-second look (issue 12: ~1.4 s a row at 300 ms a request).
import { test, expect, type Page } from '@playwright/test';
import { soon } from '../../src/navigator/soon.js';

const ORIGIN = 'http://soon.test';

/** Listeners of the page's «requestfinished» (a Page is an EventEmitter; its typings do not say so). */
const finishedListeners = (page: Page) => (page as unknown as { listenerCount(event: string): number }).listenerCount('requestfinished');

/** A page that draws «пришло» from the answer to its fetch of /data, which the test releases. */
async function slowPage(page: Page): Promise<{ release: () => void; answered: Promise<number> }> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(`${ORIGIN}/data`, async (route) => {
    await held;
    await route.fulfill({ json: { text: 'пришло' } });
  });
  await page.route(`${ORIGIN}/`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><body><script>
        fetch('/data').then((r) => r.json()).then((d) => { const p = document.createElement('p'); p.textContent = d.text; document.body.appendChild(p); });
      </script></body>`,
    }),
  );
  const answered = new Promise<number>((resolve) => page.on('requestfinished', (r) => r.url().endsWith('/data') && resolve(Date.now())));
  await page.goto(`${ORIGIN}/`);
  return { release, answered };
}

test('an element drawn from a slow answer is seen within a few frames of the answer', async ({ page }) => {
  const { release, answered } = await slowPage(page);
  const listeners = finishedListeners(page);
  const seen = soon(page, page.getByText('пришло'), 10_000).then(() => Date.now());
  // The answer comes 400 ms into the wait: past Playwright's quick looks (0, 20, 50, 100, 100 ms),
  // where its own next look is up to 500 ms away.
  setTimeout(release, 400);
  const [at, seenAt] = await Promise.all([answered, seen]);
  expect(seenAt - at).toBeLessThan(250);
  await expect(page.getByText('пришло')).toBeVisible();
  // No listener is left behind on the page.
  expect(finishedListeners(page)).toBe(listeners);
});

test('an element that never comes fails the wait at its timeout, like waitFor', async ({ page }) => {
  const { release } = await slowPage(page);
  const listeners = finishedListeners(page);
  release();
  await expect(page.getByText('пришло')).toBeVisible();
  const error = await soon(page, page.getByText('не придёт'), 600).then(
    () => null,
    (e: unknown) => e,
  );
  expect(String(error)).toMatch(/Timeout 600ms exceeded/);
  expect(finishedListeners(page)).toBe(listeners);
});
