// `modal-register` keeps the registration rules working inside the modal (issue 22 §2): the captcha
// widget (`captcha-widget` combined) still stops a headless robot before sending and lets a
// person pass it in the window; the «Я не робот» box and the e-mail confirmation still count; a
// profile that expects pages and labels stops with a Russian MissingElementError, not a timeout.
import { test, expect } from '@playwright/test';
import { defaultProfile, type Profile } from '../../src/config/profile.js';
import { PublicSite, type SiteRegistration } from '../../src/navigator/site/site.js';
import { BusinessError, MissingElementError } from '../../src/core/errors.js';
import { useStand } from './support/navbot.js';

const person: SiteRegistration = {
  municipality: 'Горный район',
  lastName: 'Без',
  firstName: 'Внесения',
  patronymic: 'Данных',
  phone: '+7 (111) 111-11-11',
  email: 'robot+m1@school.ru',
  password: 'derived-secret-1',
};

const modalProfile = (): Profile => {
  const p = defaultProfile();
  p.publicStructure = { ...p.publicStructure, forms: 'modal', fieldsBy: 'placeholder', municipality: 'list' };
  return p;
};

test.describe('modal-register with captcha-widget', () => {
  const target = useStand({ variants: ['modal-register', 'captcha-widget'] });
  const registers = async () => (await target.client.requests()).filter((r) => r.method === 'POST' && r.path === '/api/site/register');

  test('headless: «captcha» before anything is sent; with a person in the window: registered in the chosen municipality', async ({ page }) => {
    const headless = new PublicSite(page, { baseUrl: `${target.url}/`, profile: modalProfile(), timeoutMs: 15_000 });
    expect((await headless.register(person)).outcome).toBe('captcha');
    expect(await registers()).toEqual([]);

    const said: string[] = [];
    const site = new PublicSite(page, { baseUrl: `${target.url}/`, profile: modalProfile(), timeoutMs: 15_000, captchaHandOff: { waitMs: 60_000, say: (t) => said.push(t) } });
    const registering = site.register(person);
    await expect.poll(() => said.length, { timeout: 30_000 }).toBe(1);
    expect(await registers()).toEqual([]);
    await page.getByRole('dialog').frameLocator('form iframe').getByLabel('Я не робот').click();
    expect(await registering).toEqual({ outcome: 'registered' });
    const users = (await target.client.state()).users as Array<{ email: string; municipality?: string }>;
    expect(users.map((u) => [u.email, u.municipality])).toEqual([['robot+m1@school.ru', 'Горный район']]);
  });

  test('a municipality the list does not offer is the queue’s to fix, nothing sent', async ({ page }) => {
    const site = new PublicSite(page, { baseUrl: `${target.url}/`, profile: modalProfile(), timeoutMs: 15_000 });
    await expect(site.previewRegistration({ ...person, municipality: 'Нигдешний район' })).rejects.toBeInstanceOf(BusinessError);
    expect(await registers()).toEqual([]);
  });
});

test.describe('modal-register with e-mail confirmation and the «Я не робот» box', () => {
  const target = useStand({ variants: ['modal-register'], rules: { emailConfirmation: true, captcha: true } });

  test('the box stops a headless robot; without it the site asks to confirm the e-mail, and the login says so', async ({ page }) => {
    const site = new PublicSite(page, { baseUrl: `${target.url}/`, profile: modalProfile(), timeoutMs: 15_000 });
    expect((await site.register(person)).outcome).toBe('captcha');
    const res = await fetch(`${target.url}/__stand/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: { captcha: false } }) });
    expect(res.ok).toBe(true);
    expect((await site.register(person)).outcome).toBe('confirm-email');
    expect(await site.login(person.email, person.password)).toBe('email-not-confirmed');
    expect(await site.login(person.email, 'wrong-password-1')).toBe('bad-credentials');
  });
});

test.describe('modal-register with the default profile', () => {
  const target = useStand({ variants: ['modal-register'] });

  test('pages and labels expected: stops naming the missing field, in Russian', async ({ page }) => {
    const site = new PublicSite(page, { baseUrl: `${target.url}/`, profile: defaultProfile(), timeoutMs: 5_000 });
    const error = await site.register(person).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingElementError);
    expect((error as Error).message).toContain('ВВЕДИТЕ EMAIL');
  });
});
