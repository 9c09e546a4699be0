// «The page answered, but X is not there» against «the Navigator did not answer» (issue 21,
// part 4; README «A missing element is not a network fault»): the admin panel's rule on its
// snapshot, the public site's on a real page whose answers are held, failed or given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page, type Route } from 'playwright';
import { defaultProfile } from '../../../src/config/profile.js';
import { resolveBrowser } from '../../../src/config/browser.js';
import { MissingElementError } from '../../../src/core/errors.js';
import { PanelDriver, type PanelSought } from '../../../src/navigator/admin/driver.js';
import type { PanelSnapshot } from '../../../src/navigator/ext.js';
import { firstMissing, pageSettled, watchAnswers } from '../../../src/navigator/missing.js';

/** An idle panel after login: Ext ready, nothing loading, no message, the menu not found. */
const idle: PanelSnapshot = { ext: true, busy: false, login: false, menu: false, message: null, windows: ['#12 клиент'], started: 4, failures: [], failedAt: 0, writes: 0 };

describe('the admin panel: a timeout on a settled panel without what was sought', () => {
  const driver = new PanelDriver({} as Page, defaultProfile(), 1000);
  const sought: PanelSought[] = [
    { element: 'кнопки «Выдать сертификат»', present: () => true },
    ...driver.expected({ windowShown: 'Новый сертификат', menu: true }),
  ];
  const since = Date.now();
  const explain = (s: PanelSnapshot, list = sought) => driver.missing(s, list, since).then(
    () => 'timeout',
    (e: unknown) => (e instanceof MissingElementError ? e.reason : `other: ${String(e)}`),
  );

  it('names the first element sought that is absent, in the order given', async () => {
    expect(await explain(idle)).toBe('На странице админ-панели нет пункта меню «Пользователи сайта»: проверьте профиль региона (navbot doctor).');
    expect(await explain({ ...idle, menu: true })).toContain('нет окна «Новый сертификат»');
    // Everything sought is there (a button covered by a toast, say): the timeout stays a timeout.
    expect(await explain({ ...idle, menu: true, windows: ['#12 клиент', 'новый сертификат'] })).toBe('timeout');
    expect(await firstMissing([{ element: 'a', present: async () => false }, { element: 'b', present: () => false }], idle)).toBe('a');
  });

  it('keeps a busy, hung, failed or interrupted panel a timeout (the Navigator did not answer)', async () => {
    // A request in flight, a mask or a loading store (a slow region).
    expect(await explain({ ...idle, busy: true })).toBe('timeout');
    // Ext not there (the page did not load).
    expect(await explain({ ...idle, ext: false })).toBe('timeout');
    // A request failed while the step waited (a list a 5xx left empty lacks its item).
    expect(await explain({ ...idle, failures: [500], failedAt: since + 1 })).toBe('timeout');
    // A message box is the panel's own answer; a login view is an expired session.
    expect(await explain({ ...idle, message: { title: 'Ошибка', text: 'Сервер вернул ошибку (500)', buttons: ['OK'] } })).toBe('timeout');
    expect(await explain({ ...idle, login: true })).toBe('timeout');
    // Nothing sought: nothing to name.
    expect(await explain(idle, [])).toBe('timeout');
  });

  it('on the login view, the login view is no expired session; a failure before the wait began does not count', async () => {
    const field: PanelSought[] = [{ element: 'поля «E-mail»', present: () => false }];
    await expect(driver.missing({ ...idle, login: true }, field, since, undefined, true)).rejects.toThrow('нет поля «E-mail»');
    await expect(driver.missing({ ...idle, failures: [500], failedAt: since - 1 }, field, since)).rejects.toBeInstanceOf(MissingElementError);
  });
});

describe('the public site: settled = document parsed, no answer of its origin on its way, none failed', () => {
  let browser: Browser;
  let page: Page;
  const held: Route[] = [];

  beforeAll(async () => {
    browser = await chromium.launch(resolveBrowser(undefined, true)!.launch);
    page = await browser.newPage();
    watchAnswers(page);
    await page.route('http://nav.test/**', async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: '<html><body><h1>ЛИЧНЫЙ КАБИНЕТ</h1></body></html>' });
      if (url.pathname === '/api/held') return void held.push(route);
      if (url.pathname === '/api/fail') return route.fulfill({ status: 503, body: 'busy' });
      return route.fulfill({ contentType: 'application/json', body: '{"success":true}' });
    });
    // Another origin that never answers (a counter, a chat): not the Navigator's.
    await page.route('http://counter.test/**', (route) => void held.push(route));
    await page.goto('http://nav.test/');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const fetchFrom = (url: string) => page.evaluate((u) => void fetch(u).catch(() => undefined), url);
  /** The page's own view of its answers arriving: a state, not a pause. */
  const until = async (check: () => Promise<boolean>) => expect.poll(check, { timeout: 5000, interval: 20 }).toBe(true);

  it('is settled once the page has answered, also with another origin silent', async () => {
    await fetchFrom('http://nav.test/api/ok');
    await fetchFrom('http://counter.test/hit');
    await until(() => pageSettled(page, Date.now()));
  });

  it('is not settled while an answer of its own origin is on its way, and is once it came', async () => {
    await fetchFrom('http://nav.test/api/held');
    await until(async () => held.some((r) => r.request().url().endsWith('/api/held')));
    expect(await pageSettled(page, Date.now())).toBe(false);
    await held.find((r) => r.request().url().endsWith('/api/held'))!.fulfill({ contentType: 'application/json', body: '{}' });
    await until(() => pageSettled(page, Date.now()));
  });

  it('is not settled after a 5xx since the wait began; a 5xx before it does not count', async () => {
    const began = Date.now();
    await fetchFrom('http://nav.test/api/fail');
    await until(async () => !(await pageSettled(page, began)));
    await until(() => pageSettled(page, Date.now() + 1));
  });
});
