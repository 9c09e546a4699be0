// Drives the public site's page object against the training stand started in-process.
import { test, expect } from '@playwright/test';
import { startStand, type Stand } from '../../src/stand/server.js';
import { defaultProfile } from '../../src/config/profile.js';
import { PublicSite, type SiteRegistration } from '../../src/navigator/site/site.js';
import { BusinessError, SessionExpiredError, SystemError } from '../../src/core/errors.js';

let stand: Stand;

test.beforeAll(async () => {
  stand = await startStand({ port: 0, control: true });
});
test.afterAll(async () => {
  await stand.close();
});
test.beforeEach(async () => {
  await control('POST', '/__stand/reset');
});

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(stand.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

const person = (over: Partial<SiteRegistration> = {}): SiteRegistration => ({
  municipality: 'г. Блестящий',
  lastName: 'Без',
  firstName: 'Внесения',
  patronymic: 'Данных',
  phone: '+7 (111) 111-11-11',
  email: 'robot+r1@school.ru',
  password: 'derived-secret-1',
  ...over,
});

const child = { lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' as const };

test('register → logout → login → add a child → list children', async ({ page }) => {
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  expect(await site.register(person())).toEqual({ outcome: 'registered' });
  let state = await control('GET', '/__stand/state');
  expect(state.users).toEqual([
    expect.objectContaining({ email: 'robot+r1@school.ru', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', phone: '71111111111', municipality: 'г. Блестящий', resident: true }),
  ]);

  await site.logout();
  await expect(page.getByRole('button', { name: 'ВОЙТИ' })).toBeVisible();
  expect(await site.listChildren().catch((e: unknown) => e)).toBeInstanceOf(SessionExpiredError);

  expect(await site.login('robot+r1@school.ru', 'wrong-password')).toBe('bad-credentials');
  expect(await site.login('robot+r1@school.ru', 'derived-secret-1')).toBe('ok');
  expect(await site.listChildren()).toEqual([]);

  await site.addChild(child);
  expect(await site.listChildren()).toEqual([child]);
  await site.addChild({ ...child, firstName: 'Второй', patronymic: '', birthDate: '2012-01-02', sex: 'male' });
  expect(await site.listChildren()).toEqual([child, { ...child, firstName: 'Второй', patronymic: '', birthDate: '2012-01-02', sex: 'male' }]);

  state = await control('GET', '/__stand/state');
  expect(state.children).toEqual([
    expect.objectContaining({ userId: state.users[0].id, birthDate: '2016-05-20', sex: 'female', confirmed: false }),
    expect.objectContaining({ userId: state.users[0].id, birthDate: '2012-01-02', sex: 'male' }),
  ]);
  const writes = (await control('GET', '/__stand/requests?writes=1')) as Array<{ path: string; body: { password?: string } | null }>;
  expect(writes.map((w) => w.path)).toEqual([
    '/api/site/register',
    '/api/site/logout',
    '/api/site/login',
    '/api/site/login',
    '/api/site/children',
    '/api/site/children',
  ]);
  expect(writes[0]!.body?.password).toBe('***');
});

test('an e-mail already registered (other case) → email-taken, nothing created', async ({ page }) => {
  await control('POST', '/__stand/users', { email: 'robot+r1@school.ru', lastName: 'Иванова', firstName: 'Мария' });
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  const r = await site.register(person({ email: 'Robot+R1@School.ru' }));
  expect(r.outcome).toBe('email-taken');
  expect(r.message).toBe('Пользователь с таким email уже зарегистрирован');
  expect((await control('GET', '/__stand/state')).users).toHaveLength(1);
});

test('captcha rule → captcha, the form is not sent', async ({ page }) => {
  await control('POST', '/__stand/settings', { rules: { captcha: true } });
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  expect((await site.register(person())).outcome).toBe('captcha');
  expect((await control('GET', '/__stand/state')).users).toEqual([]);
  expect(await control('GET', '/__stand/requests?writes=1')).toEqual([]);
});

test('e-mail confirmation rule → confirm-email, then email-not-confirmed until confirmed', async ({ page }) => {
  await control('POST', '/__stand/settings', { rules: { emailConfirmation: true } });
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  const r = await site.register(person());
  expect(r.outcome).toBe('confirm-email');
  expect(r.message).toContain('Подтвердите email по ссылке из письма');
  expect(await site.login('robot+r1@school.ru', 'derived-secret-1')).toBe('email-not-confirmed');
  await control('POST', '/__stand/confirm-email', { email: 'robot+r1@school.ru' });
  expect(await site.login('robot+r1@school.ru', 'derived-secret-1')).toBe('ok');
});

test('field errors → BusinessError quoting the site; unknown municipality refused before sending', async ({ page }) => {
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  const e = await site.register(person({ email: 'robot@school' })).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(BusinessError);
  expect((e as BusinessError).reason).toContain('«Введите корректный email, например ivanov@mail.ru»');
  await expect(page.getByRole('alert').filter({ hasText: 'Введите корректный email' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'ЗАРЕГИСТРИРОВАТЬСЯ' })).toBeEnabled();
  const m = await site.register(person({ municipality: 'г. Нигде' })).catch((x: unknown) => x);
  expect(m).toBeInstanceOf(BusinessError);
  expect((m as BusinessError).reason).toContain('г. Нигде');
  expect((await control('GET', '/__stand/state')).users).toEqual([]);
});

test('the phone mask takes typed, pasted and bare numbers', async ({ page }) => {
  await page.goto(stand.publicUrl);
  const phone = page.getByLabel('ВВЕДИТЕ НОМЕР МОБИЛЬНОГО ТЕЛЕФОНА');
  for (const value of ['+7 (111) 111-11-11', '1111111111', '81111111111']) {
    await phone.fill(value);
    await expect(phone).toHaveValue('+7 (111) 111-11-11');
  }
  for (const typed of ['+7 (999) 123-45-67', '9991234567', '89991234567']) {
    await phone.fill('');
    await phone.pressSequentially(typed);
    await expect(phone).toHaveValue('+7 (999) 123-45-67');
  }
  await phone.press('Backspace');
  await expect(phone).toHaveValue('+7 (999) 123-45-6');
});

test('faults: 5xx and a lost response are SystemErrors; a lost registration did happen', async ({ page }) => {
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  await control('POST', '/__stand/faults', { match: { method: 'POST', path: '^/api/site/register$' }, action: 'error', nth: 1 });
  expect(await site.register(person()).catch((e: unknown) => e)).toBeInstanceOf(SystemError);
  expect((await control('GET', '/__stand/state')).users).toEqual([]);

  // Dropped twice: Chromium replays a POST once when a reused connection dies without an answer.
  await control('POST', '/__stand/faults', { match: { method: 'POST', path: '^/api/site/register$' }, action: 'drop', nth: 1, times: 2 });
  const lost = await site.register(person()).catch((e: unknown) => e);
  expect(lost).toBeInstanceOf(SystemError);
  expect((await control('GET', '/__stand/state')).users).toHaveLength(1);
  expect((await site.register(person())).outcome).toBe('email-taken');
});

test('one lost response: the browser replays the POST, the stand logs both, the e-mail rule answers', async ({ page }) => {
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  await page.goto(stand.publicUrl); // warm a keep-alive connection, as a robot's page would have
  await control('POST', '/__stand/faults', { match: { method: 'POST', path: '^/api/site/register$' }, action: 'drop', nth: 1 });
  const r = await site.register(person()).catch((e: unknown) => e);
  const writes = (await control('GET', '/__stand/requests?writes=1')) as Array<{ status: number; fault?: string }>;
  expect(writes.map((w) => [w.status, w.fault ?? null])).toEqual([
    [0, 'drop'],
    [409, null],
  ]);
  expect(r).toEqual({ outcome: 'email-taken', message: 'Пользователь с таким email уже зарегистрирован' });
  expect((await control('GET', '/__stand/state')).users).toHaveLength(1);
});

test('an expired session while adding a child → SessionExpiredError', async ({ page }) => {
  const site = new PublicSite(page, { baseUrl: stand.publicUrl, profile: defaultProfile(), timeoutMs: 15_000 });
  await site.register(person());
  await control('POST', '/__stand/faults', { match: { method: 'GET', path: '^/api/site/children$' }, action: 'hold', nth: 1 });
  // Expire the session while the cabinet's list request is held, so the save meets a dead session.
  const adding = site.addChild(child).catch((e: unknown) => e);
  await expect.poll(async () => (await control('GET', '/__stand/held')).length).toBe(1);
  await control('POST', '/__stand/expire-sessions', { kind: 'public' });
  await control('POST', '/__stand/release', {});
  expect(await adding).toBeInstanceOf(SessionExpiredError);
  expect((await control('GET', '/__stand/state')).children).toEqual([]);
});
