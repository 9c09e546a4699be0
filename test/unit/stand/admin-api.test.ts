// The admin panel's REST API, through app.inject on a fastify app with only the admin plugin.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAdminPanel } from '../../../src/stand/admin-panel.js';
import type { StandContext } from '../../../src/stand/context.js';
import { standSettings, type StandSettingsInput } from '../../../src/stand/settings.js';
import { StandState } from '../../../src/stand/state.js';

interface Harness {
  app: FastifyInstance;
  ctx: StandContext;
  clock: { now: number };
}

async function harness(input: StandSettingsInput = {}): Promise<Harness> {
  const settings = standSettings(input);
  const clock = { now: Date.parse('2025-03-01T09:00:00Z') };
  const state = StandState.from(settings, () => clock.now);
  const ctx: StandContext = { settings, state };
  const app = Fastify({ logger: false });
  await registerAdminPanel(app, ctx);
  await app.ready();
  return { app, ctx, clock };
}

function seedParent(ctx: StandContext, over: { email?: string; resident?: boolean } = {}) {
  return ctx.state.addUser({
    email: over.email ?? 'parent@example.com',
    password: 'x',
    lastName: 'Без',
    firstName: 'Внесения',
    patronymic: 'Данных',
    phone: '71111111111',
    municipality: 'г. Блестящий',
    consent: true,
    ...(over.resident === undefined ? {} : { resident: over.resident }),
  });
}

let h: Harness;
let cookie = '';

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, withCookie = true) {
  const res = await h.app.inject({
    method,
    url,
    headers: withCookie && cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.json() as { data: any; err_code: number | null; success: boolean; message?: string; total?: number; errors?: Record<string, string> } };
}

async function login(email = 'admin@stand.local', password = 'stand-admin') {
  const res = await h.app.inject({ method: 'POST', url: '/api/user/login', payload: { email, password } });
  const setCookie = String(res.headers['set-cookie'] ?? '');
  if (res.statusCode === 200) cookie = setCookie.split(';')[0] ?? '';
  return { status: res.statusCode, body: res.json(), setCookie };
}

beforeEach(async () => {
  h = await harness();
  cookie = '';
});
afterEach(async () => {
  await h.app.close();
});

describe('admin session', () => {
  it('logs in with the stand admin and returns a token and a cookie', async () => {
    const r = await login();
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.err_code).toBeNull();
    expect(typeof r.body.data.token).toBe('string');
    expect(r.setCookie).toMatch(/^nav_admin=/);
    const me = await call('GET', '/api/user/me');
    expect(me.body.data).toMatchObject({ id: 1, email: 'admin@stand.local' });
  });

  it('refuses a wrong password with the panel text', async () => {
    const r = await login('admin@stand.local', 'wrong');
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ success: false, data: null, message: 'Неверный e-mail или пароль' });
  });

  it('answers 401 with the envelope without a session', async () => {
    for (const url of ['/api/user/me', '/api/rest/siteuser', '/api/rest/kid?user_id=1', '/api/rest/certificate-type']) {
      const r = await call('GET', url, undefined, false);
      expect(r.status, url).toBe(401);
      expect(r.body).toMatchObject({ success: false, err_code: 401 });
    }
  });

  it('accepts the token as a bearer header', async () => {
    const r = await login();
    const res = await h.app.inject({ method: 'GET', url: '/api/user/me', headers: { authorization: `Bearer ${r.body.data.token}` } });
    expect(res.statusCode).toBe(200);
  });

  it('answers 401 once the session expired, and after logout', async () => {
    await login();
    expect((await call('GET', '/api/rest/siteuser')).status).toBe(200);
    h.ctx.state.expireSessions('admin');
    expect((await call('GET', '/api/rest/siteuser')).body.err_code).toBe(401);

    await login();
    await call('POST', '/api/user/logout', {});
    expect((await call('GET', '/api/user/me')).status).toBe(401);
  });

  it('expires by lifetime when the stand sets one', async () => {
    await h.app.close();
    h = await harness({ adminSessionTtlSec: 1800 });
    await login();
    h.clock.now += 1799_000;
    expect((await call('GET', '/api/user/me')).status).toBe(200);
    h.clock.now += 2_000;
    expect((await call('GET', '/api/user/me')).status).toBe(401);
  });
});

describe('site users', () => {
  beforeEach(async () => {
    for (let i = 0; i < 30; i++) {
      seedParent(h.ctx, { email: `user${i}@example.com` });
    }
    await login();
  });

  it('pages by 25 with the total, newest first', async () => {
    const p1 = await call('GET', '/api/rest/siteuser?page=1&start=0&limit=25');
    expect(p1.body.total).toBe(30);
    expect(p1.body.data).toHaveLength(25);
    expect(p1.body.data[0].id).toBeGreaterThan(p1.body.data[1].id);
    const p2 = await call('GET', '/api/rest/siteuser?page=2&start=25&limit=25');
    expect(p2.body.data).toHaveLength(5);
    const asc = await call('GET', `/api/rest/siteuser?limit=25&sort=${encodeURIComponent('[{"property":"id","direction":"ASC"}]')}`);
    expect(asc.body.data[0].id).toBe(2101);
  });

  it('searches by e-mail and by name, with vendor field names', async () => {
    const r = await call('GET', '/api/rest/siteuser?query=USER7@example.com');
    expect(r.body.total).toBe(1);
    expect(r.body.data[0]).toMatchObject({
      email: 'user7@example.com',
      last_name: 'Без',
      first_name: 'Внесения',
      patro_name: 'Данных',
      phone: '+71111111111',
      municipality: 'г. Блестящий',
      municipality_id: 1,
      is_resident: true,
      is_verified: false,
    });
    expect((await call('GET', '/api/rest/siteuser?query=без внесения')).body.total).toBe(30);
    expect((await call('GET', '/api/rest/siteuser?query=nobody@example.com')).body.total).toBe(0);
  });

  it('saves «Резидент РФ» and the other fields with PUT', async () => {
    const user = h.ctx.state.users[0]!;
    const r = await call('PUT', `/api/rest/siteuser/${user.id}`, { is_resident: false, is_verified: true, municipality_id: 2, phone: '+7 (222) 222-22-22' });
    expect(r.body.success).toBe(true);
    expect(r.body.data).toMatchObject({ is_resident: false, is_verified: true, municipality: 'г. Северный', phone: '+72222222222' });
    expect(h.ctx.state.dump().users[0]).toMatchObject({ resident: false, verified: true, municipality: 'г. Северный' });
    expect((await call('GET', `/api/rest/siteuser/${user.id}`)).body.data.is_resident).toBe(false);
  });

  it('refuses an e-mail taken by another user and an unknown id', async () => {
    const [a, b] = h.ctx.state.users;
    const r = await call('PUT', `/api/rest/siteuser/${a!.id}`, { email: b!.email });
    expect(r.status).toBe(400);
    expect(r.body.errors?.email).toBeTruthy();
    expect((await call('GET', '/api/rest/siteuser/999999')).status).toBe(404);
  });

  it('creates a new user resident by default', async () => {
    const r = await call('POST', '/api/rest/siteuser', { email: 'new@example.com', first_name: 'Новый' });
    expect(r.body.data.is_resident).toBe(true);
  });
});

describe('kids, confirmation and certificates', () => {
  let kidId: number;
  let userId: number;

  beforeEach(async () => {
    const parent = seedParent(h.ctx);
    userId = parent.id;
    kidId = h.ctx.state.addChild({ userId, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' }).id;
    await login();
  });

  it('lists the kids of a user and shows one with its parent line', async () => {
    const list = await call('GET', `/api/rest/kid?user_id=${userId}&page=1&start=0&limit=25`);
    expect(list.body.total).toBe(1);
    expect(list.body.data[0]).toMatchObject({ id: kidId, full_name: 'Без Внесения Данных', birthday: '2016-05-20', is_deleted: false, is_approved: false });
    const kid = await call('GET', `/api/rest/kid/${kidId}`);
    expect(kid.body.data.parent.title).toBe('Внесения Данных Без <parent@example.com> +71111111111 г. Блестящий');
    expect(kid.body.data.approved_by).toBeNull();
    expect(kid.body.data.certificates).toEqual([]);
  });

  it('lists the three certificate types', async () => {
    const r = await call('GET', '/api/rest/certificate-type');
    expect(r.body.data.map((t: { name: string }) => t.name)).toEqual(['Сертификат не подтвержден', 'Сертификат учета', 'Сертификат финансирования']);
  });

  it('refuses to confirm without SNILS while the parent is a resident, then confirms', async () => {
    const refused = await call('POST', `/api/rest/kid/${kidId}/approve`, { without_snils: true });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ success: false, message: h.ctx.settings.adminTexts.residentRefusal });
    expect(h.ctx.state.children[0]!.confirmed).toBe(false);

    await call('PUT', `/api/rest/siteuser/${userId}`, { is_resident: false });
    const ok = await call('POST', `/api/rest/kid/${kidId}/approve`, { without_snils: true });
    expect(ok.body.success).toBe(true);
    expect(ok.body.data.is_approved).toBe(true);
    expect(ok.body.data.approved_by).toMatchObject({ id: 1, email: 'admin@stand.local', organization: 'Учебный стенд Навигатора' });
    expect(h.ctx.state.children[0]!.confirmedBy?.id).toBe(1);
  });

  it('confirms a resident child that has a SNILS, and when the rule is off', async () => {
    await call('PUT', `/api/rest/kid/${kidId}`, { snils: '112-233-445 95' });
    expect((await call('POST', `/api/rest/kid/${kidId}/approve`, {})).body.success).toBe(true);
    h.ctx.settings.rules.refuseConfirmWhileResident = false;
    const other = h.ctx.state.addChild({ userId, lastName: 'Без', firstName: 'Второй', patronymic: '', birthDate: '2014-01-02', sex: 'male' });
    expect((await call('POST', `/api/rest/kid/${other.id}/approve`, {})).body.success).toBe(true);
  });

  it('refuses a certificate for an unconfirmed child', async () => {
    const r = await call('POST', '/api/rest/certificate', { kid_id: kidId, type: 'accounting', denomination: 0 });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(h.ctx.settings.adminTexts.certificateNeedsConfirmed);
    expect(h.ctx.state.certificates).toHaveLength(0);
  });

  it('issues a numbered certificate, shows it on the child, and lets a duplicate happen (counted)', async () => {
    await call('PUT', `/api/rest/siteuser/${userId}`, { is_resident: false });
    await call('POST', `/api/rest/kid/${kidId}/approve`, {});
    const first = await call('POST', '/api/rest/certificate', { kid_id: kidId, type: 'accounting', denomination: null });
    expect(first.body.success).toBe(true);
    expect(first.body.data.number).toMatch(/^\d{2}-\d{7}$/);
    expect(first.body.data.type_name).toBe('Сертификат учета');
    const kid = await call('GET', `/api/rest/kid/${kidId}`);
    expect(kid.body.data.certificates).toEqual([expect.objectContaining({ number: first.body.data.number, type: 'accounting' })]);
    expect(h.ctx.state.duplicates().certificates).toBe(0);

    const second = await call('POST', '/api/rest/certificate', { kid_id: kidId, type: 'accounting' });
    expect(second.body.success).toBe(true);
    expect(second.body.data.number).not.toBe(first.body.data.number);
    expect(h.ctx.state.duplicates().certificates).toBe(1);
  });

  it('refuses an unknown certificate type', async () => {
    h.ctx.settings.rules.certificateNeedsConfirmed = false;
    const r = await call('POST', '/api/rest/certificate', { kid_id: kidId, type: 'golden' });
    expect(r.status).toBe(400);
  });

  it('adds a child from the panel', async () => {
    const r = await call('POST', '/api/rest/kid', { user_id: userId, first_name: 'Новый', birthday: '2017-02-03', sex: 'male' });
    expect(r.body.success).toBe(true);
    expect(h.ctx.state.children).toHaveLength(2);
  });
});

describe('panel page', () => {
  it('serves index.html with Ext JS, locale-ru, the config and the app', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/admin/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Система управления Навигатором</title>');
    expect(res.body).toContain('/admin/ext/ext-all.js');
    expect(res.body).toContain('/admin/ext/classic/locale/locale-ru.js');
    expect(res.body).toContain('/admin/app.js');
    expect(res.body).toContain('"menuSiteUsers":"Пользователи сайта"');
    const ext = await h.app.inject({ method: 'GET', url: '/admin/ext/ext-all.js' });
    expect(ext.statusCode).toBe(200);
    expect(ext.headers['cache-control']).toMatch(/max-age=\d+/);
    expect((await h.app.inject({ method: 'GET', url: '/admin/app.js' })).body).toContain('Ext.application');
  });
});
