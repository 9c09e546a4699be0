// A region that asks «Я не робот» at the cabinet's login too (the stand's rule `captchaLogin`,
// issue 22 §5). navbot keeps no site session between runs, so the day phase cannot leave a login
// to the night: with a person at the screen navbot asks and waits, as at the registration;
// without one the row stops before the login is sent, saying so in Russian.
import { test, expect } from '@playwright/test';
import { defaultProfile } from '../../src/config/profile.js';
import { PublicSite } from '../../src/navigator/site/site.js';
import { BusinessError } from '../../src/core/errors.js';
import { useStand } from './support/navbot.js';

const target = useStand({ variants: ['captcha-widget'], rules: { captchaLogin: true } });

const logins = async () => (await target.client.requests()).filter((r) => r.method === 'POST' && r.path === '/api/site/login');

test('with a person at the screen: navbot fills the login, asks, waits; the person passes the widget; signed in', async ({ page }) => {
  await target.client.addUser({ email: 'parent@school.ru', lastName: 'Без', firstName: 'Внесения' });
  const said: string[] = [];
  const site = new PublicSite(page, { baseUrl: `${target.url}/`, profile: defaultProfile(), timeoutMs: 15_000, captchaHandOff: { waitMs: 60_000, say: (t) => said.push(t) } });
  const signing = site.login('parent@school.ru', 'password');
  await expect.poll(() => said.length, { timeout: 30_000 }).toBe(1);
  expect(said[0]).toContain('форму входа в кабинет');
  expect(await logins()).toEqual([]);
  await page.frameLocator('form iframe').getByLabel('Я не робот').click();
  expect(await signing).toBe('ok');
});

test('headless: the login is not sent; the reason says the night cannot pass it and what to do', async ({ page }) => {
  await target.client.addUser({ email: 'parent@school.ru', lastName: 'Без', firstName: 'Внесения' });
  const site = new PublicSite(page, { baseUrl: `${target.url}/`, profile: defaultProfile(), timeoutMs: 15_000 });
  const error = await site.login('parent@school.ru', 'password').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusinessError);
  expect((error as BusinessError).reason).toContain('и при входе в кабинет');
  expect((error as BusinessError).reason).toContain('ночной запуск без окна');
  expect((error as BusinessError).action).toContain('--headed');
  expect(await logins()).toEqual([]);
});

test('the stand refuses a login without the widget\'s token', async () => {
  await target.client.addUser({ email: 'parent@school.ru', lastName: 'Без', firstName: 'Внесения' });
  const res = await fetch(`${target.url}/api/site/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'parent@school.ru', password: 'password' }) });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { errors: Record<string, string> }).errors.captchaToken).toContain('Я не робот');
});
