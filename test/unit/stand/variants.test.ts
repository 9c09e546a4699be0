// Stand variants (issue 11, section 2) at the API level, and the stand-side contracts the robot
// relies on in every variant: the kid's certificates endpoint, the certificate save answer, ids
// as the API gives them, seeding through the control API.
import { afterEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../src/config/profile.js';
import { adminIndexHtml } from '../../../src/stand/admin-panel.js';
import { CAPTCHA_TOKEN_TTL_SEC } from '../../../src/stand/public/captcha.js';
import { PUBLIC_MESSAGES } from '../../../src/stand/public/validation.js';
import {
  DEFAULT_ADMIN_TEXTS,
  DEFAULT_PUBLIC_TEXTS,
  RENAMED_ADMIN_TEXTS,
  RENAMED_PUBLIC_TEXTS,
  STAND_VARIANTS,
  parseVariants,
  standSettings,
  type StandSettingsInput,
} from '../../../src/stand/settings.js';
import { Client, startTestStand, validUser, type TestStand } from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const KID_CERTIFICATES = '/api/pfdod/billing/check/event/certificate/kid/';

let stand: TestStand | undefined;
afterEach(async () => {
  await stand?.close();
  stand = undefined;
});

async function start(input: StandSettingsInput = {}) {
  stand = await startTestStand(input, { admin: true });
  return { stand, control: new Client(stand.url), admin: new Client(stand.url), site: new Client(stand.url) };
}

/** Logs the admin client in; returns the login answer (the cookie is kept by the client). */
async function adminLogin(admin: Client) {
  const r = await admin.post('/api/user/login', { email: 'admin@stand.local', password: 'stand-admin' });
  expect(r.status).toBe(200);
  return r;
}

/** A user and a confirmed child seeded through the control API; their ids as the state shows them. */
async function seed(control: Client) {
  const user = await control.post('/__stand/users', { email: 'parent@example.com', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: false });
  expect(user.status).toBe(201);
  const child = await control.post('/__stand/children', { userId: user.json.id, lastName: 'Без', firstName: 'Внесения', birthDate: '2016-05-20', sex: 'female', confirmed: true });
  expect(child.status).toBe(201);
  return { userId: user.json.id as number | string, childId: child.json.id as number | string };
}

describe('variant settings', () => {
  it('parses a comma list, refuses an unknown name in Russian, and keeps the default stand as it was', () => {
    expect(parseVariants('memo, uuid,vendor-session')).toEqual(['memo', 'uuid', 'vendor-session']);
    expect(() => parseVariants('memo,nope')).toThrow(/Неизвестный вариант стенда: nope/);
    const d = standSettings();
    expect(d).toMatchObject({ variants: [], memoOnly: false, idStyle: 'numeric', adminAuth: 'cookie', latencyMs: 0, adminSessionTtlSec: null });
    expect(d.rules.captchaWidget).toBe(false);
    expect(d.publicTexts).toEqual(DEFAULT_PUBLIC_TEXTS);
    expect(d.adminTexts).toEqual(DEFAULT_ADMIN_TEXTS);
  });

  it('combines variants; a setting given explicitly wins over a variant’s', () => {
    const s = standSettings({ variants: ['memo', 'uuid', 'vendor-session', 'captcha-widget', 'slow', 'renamed'], latencyMs: 10, tokenTtlSec: 3 });
    expect(s).toMatchObject({ memoOnly: true, idStyle: 'uuid', adminAuth: 'token', tokenTtlSec: 3, adminSessionTtlSec: 3, latencyMs: 10 });
    expect(s.rules.captchaWidget).toBe(true);
    expect(s.adminTexts.menuSiteUsers).toBe('Пользователи');
    expect(standSettings({ variants: 'vendor-session' }).adminSessionTtlSec).toBe(1800);
    expect(standSettings({ variants: 'slow' }).latencyMs).toBe(5000);
  });

  it('the default registration labels are the memo’s full words (NAVIGATOR.md)', () => {
    expect(DEFAULT_PUBLIC_TEXTS).toMatchObject({
      lastName: 'ВВЕДИТЕ ВАШУ ФАМИЛИЮ (ДЛЯ ОБРАЩЕНИЙ К ВАМ И ЗАПОЛНЕНИЯ ДОГОВОРОВ И ЗАЯВЛЕНИЙ)',
      phone: 'ВВЕДИТЕ НОМЕР МОБИЛЬНОГО ТЕЛЕФОНА (ДЛЯ СВЯЗИ ПРИ ОБРАБОТКЕ ЗАЯВОК)',
      email: 'ВВЕДИТЕ EMAIL (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)',
      password: 'ВЫБЕРИТЕ ПАРОЛЬ (ПАРОЛЬ ВАМ ПРИГОДИТСЯ, ЗАПОМНИТЕ ИЛИ ЗАПИШИТЕ ЕГО)',
    });
    const profile = loadProfile();
    for (const key of ['lastName', 'phone', 'email', 'password'] as const) expect(profile.publicTexts[key]).toBe(DEFAULT_PUBLIC_TEXTS[key]);
  });
});

describe('every variant', () => {
  for (const variant of STAND_VARIANTS) {
    it(`${variant}: seeding through the control API works and the state dump keeps its shape`, async () => {
      const { control } = await start({ variants: [variant], latencyMs: 0 });
      const { userId, childId } = await seed(control);
      const state = (await control.get('/__stand/state')).json;
      expect(state.users).toEqual([expect.objectContaining({ id: userId, email: 'parent@example.com', resident: false, verified: false })]);
      expect(state.children).toEqual([expect.objectContaining({ id: childId, userId, birthDate: '2016-05-20', sex: 'female', confirmed: true })]);
      expect(state.certificates).toEqual([]);
      expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    });
  }
});

describe('kid certificates endpoint and the certificate save answer (all variants)', () => {
  it('default: the save answer carries the certificate; the endpoint lists it with the vendor’s fields', async () => {
    const { control, admin } = await start();
    const { childId } = await seed(control);
    expect((await admin.get(KID_CERTIFICATES + childId)).status).toBe(401);
    await adminLogin(admin);
    expect((await admin.get(KID_CERTIFICATES + childId)).json).toMatchObject({ success: true, err_code: null, data: [] });
    const saved = await admin.post('/api/rest/certificate', { kid_id: childId, type: 'accounting', denomination: null });
    expect(saved.status).toBe(200);
    const cert = saved.json.data;
    expect(cert).toMatchObject({ id: 1, kid_id: childId, type: 'accounting', category_name: 'Сертификат учета', type_name: 'Сертификат учета', number: '55-0000123' });
    expect(saved.json.message).toBe('Выдан сертификат № 55-0000123');
    const list = await admin.get(KID_CERTIFICATES + childId);
    expect(list.json).toEqual({ success: true, err_code: null, total: 1, data: [{ id: cert.id, number: '55-0000123', type: 'accounting', category_name: 'Сертификат учета', created_at: cert.created_at }] });
    expect((await admin.get(KID_CERTIFICATES + '999999')).status).toBe(404);
  });

  it('default: the endpoint takes a bearer token like the other admin routes', async () => {
    const { control, admin } = await start();
    const { childId } = await seed(control);
    const token = (await adminLogin(admin)).json.data.token as string;
    const r = await new Client(stand!.url).request('GET', KID_CERTIFICATES + childId, undefined, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual([]);
  });
});

describe('uuid', () => {
  it('children and certificates have UUID ids, users numeric strings: in the state, the admin API and the public site', async () => {
    const { control, admin, site } = await start({ variants: ['uuid'] });
    const { userId, childId } = await seed(control);
    expect(userId).toBe('2101');
    expect(childId).toMatch(UUID);

    await adminLogin(admin);
    const users = await admin.get('/api/rest/siteuser');
    expect(users.json.data[0]).toMatchObject({ id: '2101', email: 'parent@example.com' });
    expect((await admin.get('/api/rest/siteuser/2101')).json.data.id).toBe('2101');
    const kids = await admin.get('/api/rest/kid?user_id=2101');
    expect(kids.json.data).toEqual([expect.objectContaining({ id: childId, user_id: '2101', birthday: '2016-05-20', sex: 'female', is_approved: true, is_deleted: false })]);
    const kid = await admin.get(`/api/rest/kid/${childId}`);
    expect(kid.json.data).toMatchObject({ id: childId, user_id: '2101', parent: { id: '2101' } });

    const saved = await admin.post('/api/rest/certificate', { kid_id: childId, type: 'accounting' });
    expect(saved.json.data.id).toMatch(UUID);
    expect(saved.json.data.kid_id).toBe(childId);
    const list = await admin.get(KID_CERTIFICATES + childId);
    expect(list.json.data).toEqual([expect.objectContaining({ id: saved.json.data.id, type: 'accounting', category_name: 'Сертификат учета' })]);

    const state = (await control.get('/__stand/state')).json;
    expect(state.users[0].id).toBe('2101');
    expect(state.children[0]).toMatchObject({ id: childId, userId: '2101' });
    expect(state.certificates).toEqual([{ id: saved.json.data.id, childId, type: 'accounting', number: '55-0000123' }]);

    // The public site: registration answers the new user's id as a string; children too.
    const reg = await site.post('/api/site/register', validUser({ email: 'robot+u1@school.ru' }));
    expect(reg.json.data.id).toBe('2102');
    const added = await site.post('/api/site/children', { lastName: 'Без', firstName: 'Внесения', birthDate: '2017-01-02', sex: 'male' });
    expect(added.json.data.id).toMatch(UUID);
    expect((await site.get('/api/site/me')).json.data.id).toBe('2102');
  });

  it('the same ids after a reset (they are derived, not random)', async () => {
    const { control } = await start({ variants: ['uuid'] });
    const first = await seed(control);
    await control.post('/__stand/reset');
    expect(await seed(control)).toEqual(first);
  });

  it('an admin can add a child to a user by the string id; an unknown id is 404', async () => {
    const { control, admin } = await start({ variants: ['uuid'] });
    const { userId } = await seed(control);
    await adminLogin(admin);
    const r = await admin.post('/api/rest/kid', { user_id: userId, first_name: 'Анна', birthday: '2015-02-03', sex: 'female' });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ user_id: '2101', birthday: '2015-02-03' });
    expect(r.json.data.id).toMatch(UUID);
    expect((await admin.get('/api/rest/kid/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('post-check', () => {
  it('answers only POST ?eventId= with ONE certificate object in the vendor’s fields; GET 405, no eventId 400, none → data null', async () => {
    const { control, admin } = await start({ variants: ['post-check'] });
    const { childId } = await seed(control);
    await adminLogin(admin);
    const check = `${KID_CERTIFICATES}${childId}`;
    const none = await admin.post(`${check}?eventId=1`, {});
    expect(none.status).toBe(200);
    expect(none.json).toMatchObject({ success: true, data: null });
    expect((await admin.get(check)).status).toBe(405);
    const missing = await admin.post(check, {});
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ success: false, message: expect.stringMatching(/мероприят/) });
    expect((await admin.post(`${check}?eventId=`, {})).status).toBe(400);
    await admin.post('/api/rest/certificate', { kid_id: childId, type: 'funding' });
    await admin.post('/api/rest/certificate', { kid_id: childId, type: 'accounting' });
    await admin.post('/api/rest/certificate', { kid_id: childId, type: 'accounting' });
    const one = (await admin.post(`${check}?eventId=42`, {})).json.data as Record<string, unknown>;
    // The accounting one first created: a duplicate cannot be seen through the check.
    expect(one).toMatchObject({ number: '55-0000124', category_name: 'Сертификат учета', type: 'accounting', kid_id: childId, is_cancelled: false, last_name: 'Без' });
    for (const k of ['id', 'unit', 'amount', 'denomination', 'category_name', 'municipality', 'kid_id', 'birthday', 'type', 'is_being_funded', 'is_used', 'is_cancelled', 'number', 'variant', 'category_id', 'date_start', 'date_end', 'created', 'is_deleted', 'last_name', 'first_name', 'patro_name']) {
      expect(one).toHaveProperty(k);
    }
    // The card's grid still loads its list (post-check changes only the billing endpoint).
    expect((await admin.get(`/api/rest/certificate?kid_id=${childId}`)).json.data).toHaveLength(3);
  });
});

describe('memo', () => {
  it('the kid’s answer has no certificates (only the per-event check and the save answer show one); no list anywhere; activity names no number', async () => {
    const { control, admin } = await start({ variants: ['memo'] });
    const { userId, childId } = await seed(control);
    await adminLogin(admin);
    const saved = await admin.post('/api/rest/certificate', { kid_id: childId, type: 'accounting' });
    expect(saved.json.data).toMatchObject({ number: '55-0000123', category_name: 'Сертификат учета' });
    const kid = (await admin.get(`/api/rest/kid/${childId}`)).json.data;
    expect(kid).not.toHaveProperty('certificates');
    expect(kid).toMatchObject({ is_approved: true, approved_by: null });
    expect((await admin.get(KID_CERTIFICATES + childId)).status).toBe(405);
    expect((await admin.get(`/api/rest/certificate?kid_id=${childId}`)).status).toBe(404);
    expect((await admin.post(`${KID_CERTIFICATES}${childId}?eventId=7`, {})).json.data).toMatchObject({ number: '55-0000123' });
    const activity = (await admin.get(`/api/rest/siteuser/${userId}/activity`)).json.data as Array<{ event: string }>;
    expect(activity.some((a) => a.event.includes('55-0000123'))).toBe(false);
  });

  it('the panel is told to show only what the memo shows; the public site uses the memo’s labels', async () => {
    const { site } = await start({ variants: ['memo'] });
    const html = adminIndexHtml(stand!.ctx);
    expect(html).toContain('"memoOnly":true');
    const page = (await site.get('/')).text;
    for (const label of ['lastName', 'phone', 'email', 'password'] as const) expect(page).toContain(DEFAULT_PUBLIC_TEXTS[label]);
  });
});

describe('vendor-session', () => {
  it('login answers access_token, refresh_token, expired_at (login + 30 min) and sets no cookie; the bearer token opens the API', async () => {
    const { admin } = await start({ variants: ['vendor-session'] });
    const r = await adminLogin(admin);
    expect(r.headers.get('set-cookie')).toBeNull();
    const data = r.json.data;
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['access_token', 'refresh_token', 'expired_at']));
    expect(data).not.toHaveProperty('token');
    expect(data.expired_at).toBe(new Date(stand!.clock.now + 1800 * 1000).toISOString());
    expect(data.perms).toContain('SiteUserViewList');
    expect((await admin.get('/api/user/me')).status).toBe(401); // no cookie: only the header counts
    const bearer = { authorization: `Bearer ${data.access_token}` };
    expect((await admin.request('GET', '/api/user/me', undefined, bearer)).status).toBe(200);
  });

  it('after the token’s lifetime the API answers 401 with the panel’s text', async () => {
    const { admin } = await start({ variants: ['vendor-session'], tokenTtlSec: 3 });
    const data = (await adminLogin(admin)).json.data;
    const bearer = { authorization: `Bearer ${data.access_token}` };
    expect(data.expired_at).toBe(new Date(stand!.clock.now + 3000).toISOString());
    stand!.clock.now += 2000;
    expect((await admin.request('GET', '/api/rest/siteuser', undefined, bearer)).status).toBe(200);
    stand!.clock.now += 1500;
    const r = await admin.request('GET', '/api/rest/siteuser', undefined, bearer);
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ success: false, err_code: 401, message: DEFAULT_ADMIN_TEXTS.sessionExpired });
  });

  it('the token lifetime is a control setting too (and reset restores it)', async () => {
    const { control, admin } = await start({ variants: ['vendor-session'] });
    expect((await control.get('/__stand/settings')).json).toMatchObject({ variants: ['vendor-session'], tokenTtlSec: 1800, adminSessionTtlSec: 1800 });
    const data = (await adminLogin(admin)).json.data;
    const bearer = { authorization: `Bearer ${data.access_token}` };
    expect((await control.post('/__stand/settings', { tokenTtlSec: 60 })).json).toMatchObject({ tokenTtlSec: 60, adminSessionTtlSec: 60 });
    stand!.clock.now += 61_000;
    expect((await admin.request('GET', '/api/user/me', undefined, bearer)).status).toBe(401);
    await control.post('/__stand/reset');
    expect((await control.get('/__stand/settings')).json).toMatchObject({ tokenTtlSec: 1800, adminSessionTtlSec: 1800 });
  });

  it('the panel is told to keep a token', async () => {
    await start({ variants: ['vendor-session'] });
    expect(adminIndexHtml(stand!.ctx)).toContain('"adminAuth":"token"');
  });
});

describe('captcha-widget', () => {
  async function solve(site: Client, sitekey: string) {
    const r = await site.post('/captcha/api/solve', { sitekey });
    expect(r.status).toBe(200);
    return r.json.data.token as string;
  }

  it('GET /api/config gives the site key; the form embeds the widget; the widget has «Я не робот»', async () => {
    const { site } = await start({ variants: ['captcha-widget'] });
    const key = stand!.ctx.settings.captchaSiteKey;
    expect((await site.get('/api/config')).json).toMatchObject({ success: true, data: { captchaSiteKey: key } });
    const page = (await site.get('/')).text;
    expect(page).toContain(`<iframe src="/captcha/widget?sitekey=${key}"`);
    expect(page).toContain('name="captchaToken"');
    expect(page).not.toContain('<label for="captcha">');
    const widget = await site.get(`/captcha/widget?sitekey=${key}`);
    expect(widget.text).toContain('<label for="not-robot">Я не робот</label>');
    expect((await site.get('/captcha/widget?sitekey=wrong')).text).toContain('Неверный ключ сайта');
    expect((await site.post('/captcha/api/solve', { sitekey: 'wrong' })).status).toBe(400);
  });

  it('refuses the form without a token, with a stale or a spent one; accepts a solved one once', async () => {
    const { site, control } = await start({ variants: ['captcha-widget'] });
    const key = stand!.ctx.settings.captchaSiteKey;
    const none = await site.post('/api/site/register', validUser());
    expect(none.status).toBe(400);
    expect(none.json.errors).toEqual({ captchaToken: PUBLIC_MESSAGES.captchaWidgetRequired });
    expect((await site.post('/api/site/register', validUser({ captchaToken: 'forged' }))).json.errors).toEqual({ captchaToken: PUBLIC_MESSAGES.captchaWidgetInvalid });

    const stale = await solve(site, key);
    stand!.clock.now += (CAPTCHA_TOKEN_TTL_SEC + 1) * 1000;
    expect((await site.post('/api/site/register', validUser({ captchaToken: stale }))).json.errors).toEqual({ captchaToken: PUBLIC_MESSAGES.captchaWidgetInvalid });

    const token = await solve(site, key);
    // Another field wrong: the token is not spent yet.
    expect((await site.post('/api/site/register', validUser({ captchaToken: token, phone: '12' }))).json.errors).toEqual({ phone: PUBLIC_MESSAGES.phoneInvalid });
    const ok = await site.post('/api/site/register', validUser({ captchaToken: token }));
    expect(ok.status).toBe(200);
    const again = await new Client(stand!.url).post('/api/site/register', validUser({ email: 'other@school.ru', captchaToken: token }));
    expect(again.json.errors).toEqual({ captchaToken: PUBLIC_MESSAGES.captchaWidgetInvalid });
    expect((await control.get('/__stand/state')).json.users).toHaveLength(1);
  });

  it('the default stand has no widget and keeps its checkbox captcha rule', async () => {
    const { site, control } = await start();
    expect((await site.get('/api/config')).json.data).toEqual({ captchaSiteKey: null });
    expect((await site.get('/')).text).not.toContain('<iframe');
    await control.post('/__stand/settings', { rules: { captcha: true } });
    expect((await site.get('/')).text).toContain('<label for="captcha">Я не робот</label>');
    expect((await site.post('/api/site/register', validUser({ captcha: true }))).status).toBe(200);
  });
});

describe('slow', () => {
  it('every page and API answer takes 5 s; the control API does not', async () => {
    const { control, site } = await start({ variants: ['slow'] });
    expect((await control.get('/__stand/settings')).json.latencyMs).toBe(5000);
    let t = performance.now();
    expect((await site.get('/api/config')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(4990);
    t = performance.now();
    await control.get('/__stand/state');
    expect(performance.now() - t).toBeLessThan(1000);
    const log = (await control.get('/__stand/requests')).json as Array<{ path: string; ms: number }>;
    expect(log.find((e) => e.path === '/api/config')!.ms).toBeGreaterThanOrEqual(4990);
  }, 20_000);

  it('the latency is a control setting (a test can shorten it)', async () => {
    const { control, site } = await start({ variants: ['slow'] });
    await control.post('/__stand/settings', { latencyMs: 200 });
    const t = performance.now();
    await site.get('/login');
    const ms = performance.now() - t;
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(4000);
  });
});

describe('renamed', () => {
  it('serves the other words on the public site, in the panel and in the certificate types', async () => {
    const { control, site, admin } = await start({ variants: ['renamed'] });
    const page = (await site.get('/')).text;
    expect(page).toContain('ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ');
    expect(page).toContain('ВВЕДИТЕ ЭЛ. ПОЧТУ (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)');
    expect(page).toContain('ЗАРЕГИСТРИРОВАТЬСЯ В НАВИГАТОРЕ');
    const html = adminIndexHtml(stand!.ctx);
    expect(html).toContain('"menuSiteUsers":"Пользователи"');
    expect(html).toContain('"email":"Эл. почта"');
    await adminLogin(admin);
    const types = (await admin.get('/api/rest/certificate-type')).json.data;
    expect(types).toContainEqual({ id: 'accounting', name: 'Сертификат учёта' });
    const { childId } = await seed(control);
    // A type named in the memo's words is still understood.
    const saved = await admin.post('/api/rest/certificate', { kid_id: childId, type: 'Сертификат учета' });
    expect(saved.json.data).toMatchObject({ type: 'accounting', category_name: 'Сертификат учёта' });
    expect((await admin.get(KID_CERTIFICATES + childId)).json.data[0].category_name).toBe('Сертификат учёта');
  });

  it('data/profiles/renamed.json holds every text the variant changes, under the profile’s keys', () => {
    const profile = loadProfile('data/profiles/renamed.json');
    const s = standSettings({ variants: ['renamed'] });
    for (const key of Object.keys(RENAMED_PUBLIC_TEXTS) as Array<keyof typeof RENAMED_PUBLIC_TEXTS>) {
      if (key === 'tabs') continue; // the cabinet's tab list: checked through childrenTab below
      expect(profile.publicTexts[key as keyof typeof profile.publicTexts], key).toBe(s.publicTexts[key]);
    }
    const adminKey: Record<string, keyof typeof profile.adminTexts> = { certificateTypeAccounting: 'accountingCertificate' };
    for (const key of Object.keys(RENAMED_ADMIN_TEXTS) as Array<keyof typeof RENAMED_ADMIN_TEXTS>) {
      const p = adminKey[key] ?? (key as keyof typeof profile.adminTexts);
      expect(profile.adminTexts[p], key).toBe(s.adminTexts[key]);
    }
    // The cabinet's tab list names the children's tab as the profile does.
    expect(s.publicTexts.tabs).toContain(profile.publicTexts.childrenTab);
    // Labels the variant leaves alone still match the stand (the profile's defaults are the memo's).
    for (const key of ['lastName', 'firstName', 'patronymic', 'phone', 'password'] as const) expect(s.publicTexts[key]).toContain(profile.publicTexts[key]);
  });
});
