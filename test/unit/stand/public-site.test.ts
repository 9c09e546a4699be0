import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, startTestStand, validUser, type TestStand } from './harness.js';
import { DEFAULT_PUBLIC_TEXTS } from '../../../src/stand/settings.js';
import { PUBLIC_MESSAGES, phoneDigits } from '../../../src/stand/public/validation.js';

let stand: TestStand;
let site: Client;
let control: Client;

beforeEach(async () => {
  stand = await startTestStand();
  site = new Client(stand.url);
  control = new Client(stand.url);
});
afterEach(async () => {
  await stand.close();
});

describe('registration', () => {
  it('shows the memo form: header links, labelled fields in order, consent, button', async () => {
    const page = await site.get('/');
    expect(page.status).toBe(200);
    for (const t of ['РЕГИСТРАЦИЯ', 'ВХОД', 'НЕ ПОМНЮ ПАРОЛЬ', 'ЗАРЕГИСТРИРОВАТЬСЯ', DEFAULT_PUBLIC_TEXTS.consent]) {
      expect(page.text).toContain(t);
    }
    const labels = [...page.text.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)].map((m) => [m[1], m[2]]);
    expect(labels).toEqual([
      ['municipality', DEFAULT_PUBLIC_TEXTS.municipality],
      ['lastName', DEFAULT_PUBLIC_TEXTS.lastName],
      ['firstName', DEFAULT_PUBLIC_TEXTS.firstName],
      ['patronymic', DEFAULT_PUBLIC_TEXTS.patronymic],
      ['phone', DEFAULT_PUBLIC_TEXTS.phone],
      ['email', DEFAULT_PUBLIC_TEXTS.email],
      ['password', DEFAULT_PUBLIC_TEXTS.password],
      ['consent', DEFAULT_PUBLIC_TEXTS.consent],
    ]);
    expect(page.text).toContain('<option value=""></option><option value="г. Блестящий">г. Блестящий</option>');
    expect(page.text).not.toContain('<label for="captcha">');
  });

  it('registers a user, opens a session and lands in the cabinet', async () => {
    const r = await site.post('/api/site/register', validUser());
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: true, err_code: null, data: { next: '/cabinet' }, message: 'Регистрация прошла успешно' });
    const state = (await control.get('/__stand/state')).json;
    expect(state.users).toEqual([
      {
        id: r.json.data.id,
        email: 'robot+r1@school.ru',
        lastName: 'Без',
        firstName: 'Внесения',
        patronymic: 'Данных',
        phone: '71111111111',
        municipality: 'г. Блестящий',
        resident: true,
        verified: false,
      },
    ]);
    const cabinet = await site.get('/cabinet');
    expect(cabinet.status).toBe(200);
    expect(cabinet.text).toContain('ЛИЧНЫЙ КАБИНЕТ');
    for (const tab of DEFAULT_PUBLIC_TEXTS.tabs) expect(cabinet.text).toMatch(new RegExp(`role="tab"[^>]*>${tab}<`));
    expect(cabinet.text).toContain('+7 (111) 111-11-11');
  });

  it.each([
    ['bad e-mail', { email: 'robot@school' }, 'email', PUBLIC_MESSAGES.emailInvalid],
    ['empty e-mail', { email: '' }, 'email', PUBLIC_MESSAGES.emailRequired],
    ['short phone', { phone: '+7 (111) 111-11' }, 'phone', PUBLIC_MESSAGES.phoneInvalid],
    ['letters in phone', { phone: 'телефон' }, 'phone', PUBLIC_MESSAGES.phoneInvalid],
    ['no consent', { consent: false }, 'consent', PUBLIC_MESSAGES.consentRequired],
    ['missing municipality', { municipality: '' }, 'municipality', PUBLIC_MESSAGES.municipalityRequired],
    ['unknown municipality', { municipality: 'г. Нигде' }, 'municipality', PUBLIC_MESSAGES.municipalityRequired],
    ['short password', { password: '12345' }, 'password', PUBLIC_MESSAGES.passwordShort],
    ['no last name', { lastName: '  ' }, 'lastName', PUBLIC_MESSAGES.lastNameRequired],
    ['digits in first name', { firstName: 'Ив4н' }, 'firstName', PUBLIC_MESSAGES.nameInvalid],
  ])('refuses %s with a Russian message next to the field', async (_name, over, field, message) => {
    const r = await site.post('/api/site/register', validUser(over));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ success: false, data: null, err_code: 400, message: PUBLIC_MESSAGES.formInvalid });
    expect(r.json.errors).toEqual({ [field]: message });
    expect(stand.ctx.state.users).toHaveLength(0);
    expect(site.cookies.size).toBe(0);
  });

  it('accepts the phone as typed, pasted or filled', () => {
    expect(phoneDigits('+7 (111) 111-11-11')).toBe('1111111111');
    expect(phoneDigits('1111111111')).toBe('1111111111');
    expect(phoneDigits('8 999 123 45 67')).toBe('9991234567');
    expect(phoneDigits('+7 (999) 123-45-6')).toBeNull();
    expect(phoneDigits('+380 99 123 45 67')).toBeNull();
  });

  it('refuses an e-mail already registered, whatever its case', async () => {
    expect((await site.post('/api/site/register', validUser())).status).toBe(200);
    const again = await new Client(stand.url).post('/api/site/register', validUser({ email: 'ROBOT+R1@School.RU', lastName: 'Другой' }));
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ success: false, message: DEFAULT_PUBLIC_TEXTS.emailTaken, errors: { email: DEFAULT_PUBLIC_TEXTS.emailTaken } });
    expect(stand.ctx.state.users).toHaveLength(1);
  });

  it('demands the «Я не робот» tick when the captcha rule is on', async () => {
    await control.post('/__stand/settings', { rules: { captcha: true } });
    expect((await site.get('/')).text).toMatch(/<label for="captcha">Я не робот<\/label>/);
    const r = await site.post('/api/site/register', validUser());
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual({ captcha: PUBLIC_MESSAGES.captchaRequired });
    const ok = await site.post('/api/site/register', validUser({ captcha: true }));
    expect(ok.status).toBe(200);
  });

  it('with e-mail confirmation on: registers without a session and asks to confirm', async () => {
    await control.post('/__stand/settings', { rules: { emailConfirmation: true } });
    const r = await site.post('/api/site/register', validUser());
    expect(r.json).toMatchObject({ success: true, data: { next: null, confirmEmail: true }, message: PUBLIC_MESSAGES.confirmEmail });
    expect(r.json.message).toContain('Подтвердите email по ссылке из письма');
    expect(site.cookies.size).toBe(0);
    expect((await site.get('/cabinet')).status).toBe(302);
  });
});

describe('login and sessions', () => {
  beforeEach(async () => {
    await site.post('/api/site/register', validUser());
    await site.post('/api/site/logout');
  });

  it('logs in with the right password only', async () => {
    const wrong = await site.post('/api/site/login', { email: 'robot+r1@school.ru', password: 'nope-nope' });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ success: false, message: PUBLIC_MESSAGES.badCredentials });
    const unknown = await site.post('/api/site/login', { email: 'nobody@school.ru', password: 'secret-1' });
    expect(unknown.json.message).toBe(PUBLIC_MESSAGES.badCredentials);
    expect((await site.get('/cabinet')).status).toBe(302);
    const right = await site.post('/api/site/login', { email: 'Robot+R1@school.ru', password: 'secret-1' });
    expect(right.json).toMatchObject({ success: true, data: { next: '/cabinet' } });
    expect((await site.get('/cabinet')).status).toBe(200);
  });

  it('refuses an unconfirmed e-mail with a distinct message until confirmed through control', async () => {
    await control.post('/__stand/settings', { rules: { emailConfirmation: true } });
    const refused = await site.post('/api/site/login', { email: 'robot+r1@school.ru', password: 'secret-1' });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toBe(PUBLIC_MESSAGES.emailNotConfirmed);
    expect(refused.json.message).not.toBe(PUBLIC_MESSAGES.badCredentials);
    const confirmed = await control.post('/__stand/confirm-email', { email: 'ROBOT+r1@school.ru' });
    expect(confirmed.json).toMatchObject({ email: 'robot+r1@school.ru', verified: true });
    const ok = await site.post('/api/site/login', { email: 'robot+r1@school.ru', password: 'secret-1' });
    expect(ok.json.success).toBe(true);
  });

  it('answers 401 and sends the page to /login once sessions are expired on demand', async () => {
    await site.post('/api/site/login', { email: 'robot+r1@school.ru', password: 'secret-1' });
    expect((await site.get('/api/site/children')).status).toBe(200);
    expect((await control.post('/__stand/expire-sessions', { kind: 'admin' })).json).toEqual({ expired: 0 });
    expect((await site.get('/api/site/children')).status).toBe(200);
    expect((await control.post('/__stand/expire-sessions', { kind: 'public' })).json).toEqual({ expired: 1 });
    const api = await site.get('/api/site/children');
    expect(api.status).toBe(401);
    expect(api.json).toMatchObject({ success: false, err_code: 401, message: PUBLIC_MESSAGES.sessionExpired });
    const page = await site.get('/cabinet?tab=children');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fcabinet%3Ftab%3Dchildren&expired=1');
    expect((await site.get('/login?expired=1')).text).toContain(PUBLIC_MESSAGES.sessionExpired);
  });

  it('expires a session after its TTL (set at runtime, live sessions included)', async () => {
    await site.post('/api/site/login', { email: 'robot+r1@school.ru', password: 'secret-1' });
    const s = await control.post('/__stand/settings', { publicSessionTtlSec: 60 });
    expect(s.json).toMatchObject({ publicSessionTtlSec: 60, adminSessionTtlSec: null });
    expect(stand.ctx.state.options.publicSessionTtlSec).toBe(60);
    stand.clock.now += 59_000;
    expect((await site.get('/api/site/children')).status).toBe(200);
    stand.clock.now += 2_000;
    expect((await site.get('/api/site/children')).status).toBe(401);
  });
});

describe('children', () => {
  const child = { lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' };

  beforeEach(async () => {
    await site.post('/api/site/register', validUser());
  });

  it('adds and lists children; a second identical child is created too', async () => {
    expect((await site.get('/api/site/children')).json).toMatchObject({ success: true, data: [], total: 0 });
    const r = await site.post('/api/site/children', child);
    expect(r.json).toMatchObject({ success: true, message: 'Ребенок добавлен', data: { ...child, id: expect.any(Number) } });
    await site.post('/api/site/children', child);
    const list = await site.get('/api/site/children');
    expect(list.json.data).toHaveLength(2);
    expect(list.json.data[0]).toEqual({ id: r.json.data.id, ...child });
    const state = (await control.get('/__stand/state')).json;
    expect(state.children).toHaveLength(2);
    expect(state.children[0]).toMatchObject({ userId: state.users[0].id, birthDate: '2016-05-20', sex: 'female', confirmed: false });
  });

  it('accepts ДД.ММ.ГГГГ as well as YYYY-MM-DD', async () => {
    const r = await site.post('/api/site/children', { ...child, birthDate: '20.05.2016', sex: 'male' });
    expect(r.json.data).toMatchObject({ birthDate: '2016-05-20', sex: 'male' });
  });

  it.each([
    ['no first name', { firstName: '' }, 'firstName', PUBLIC_MESSAGES.childFirstNameRequired],
    ['no last name', { lastName: '' }, 'lastName', PUBLIC_MESSAGES.childLastNameRequired],
    ['impossible date', { birthDate: '2016-02-30' }, 'birthDate', PUBLIC_MESSAGES.birthDateInvalid],
    ['future date', { birthDate: '2999-01-01' }, 'birthDate', PUBLIC_MESSAGES.birthDateFuture],
    ['no date', { birthDate: '' }, 'birthDate', PUBLIC_MESSAGES.birthDateInvalid],
    ['no sex', { sex: '' }, 'sex', PUBLIC_MESSAGES.sexRequired],
  ])('refuses %s', async (_n, over, field, message) => {
    const r = await site.post('/api/site/children', { ...child, ...over });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual({ [field]: message });
    expect(stand.ctx.state.children).toHaveLength(0);
  });

  it('needs a session', async () => {
    const anonymous = new Client(stand.url);
    expect((await anonymous.post('/api/site/children', child)).status).toBe(401);
    expect(stand.ctx.state.children).toHaveLength(0);
  });
});
