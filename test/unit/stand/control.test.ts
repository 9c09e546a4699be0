import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, startTestStand, validUser, type TestStand } from './harness.js';

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

describe('control API', () => {
  it('dumps the state in the DESIGN.md contract shape', async () => {
    const reg = await site.post('/api/site/register', validUser());
    await site.post('/api/site/children', { lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2015-01-31', sex: 'male' });
    stand.ctx.state.addCertificate(stand.ctx.state.children[0]!.id, 'accounting');
    const state = (await control.get('/__stand/state')).json;
    expect(Object.keys(state)).toEqual(expect.arrayContaining(['users', 'children', 'certificates']));
    expect(Object.keys(state.users[0]).sort()).toEqual(
      ['id', 'email', 'lastName', 'firstName', 'patronymic', 'phone', 'municipality', 'resident', 'verified'].sort(),
    );
    expect(state.users[0].id).toBe(reg.json.data.id);
    expect(state.children[0]).toMatchObject({
      id: expect.any(Number),
      userId: reg.json.data.id,
      lastName: 'Без',
      firstName: 'Внесения',
      patronymic: 'Данных',
      birthDate: '2015-01-31',
      sex: 'male',
      confirmed: false,
    });
    expect(state.certificates).toEqual([{ id: 1, childId: state.children[0].id, type: 'accounting', number: '55-0000123' }]);
  });

  it('logs every request, reads too, with passwords masked; assets and control calls are left out', async () => {
    await site.get('/');
    await site.get('/favicon.ico');
    await site.get('/admin/ext/ext-all.js');
    await site.post('/api/site/register', validUser({ password: 'top-secret' }));
    await site.get('/cabinet?tab=children');
    await control.get('/__stand/state');
    const log = (await control.get('/__stand/requests')).json;
    expect(log.map((e: { method: string; path: string; status: number }) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/', 200],
      ['POST', '/api/site/register', 200],
      ['GET', '/cabinet', 200],
    ]);
    expect(log[0]).toMatchObject({ body: null, at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(log[1].body).toEqual({ ...validUser(), password: '***' });
    expect(JSON.stringify(log)).not.toContain('top-secret');
    expect(log[2].query).toBe('tab=children');
    const writes = (await control.get('/__stand/requests?writes=1')).json;
    expect(writes.map((e: { path: string }) => e.path)).toEqual(['/api/site/register']);
    const since = (await control.get('/__stand/requests?since=2')).json;
    expect(since.map((e: { path: string }) => e.path)).toEqual(['/cabinet']);
  });

  it('reset clears state, sessions, log, faults and runtime rules', async () => {
    await control.post('/__stand/settings', { rules: { captcha: true }, publicSessionTtlSec: 5 });
    await control.post('/__stand/faults', { action: 'latency', ms: 1, match: { path: '^/nothing$' } });
    await site.post('/api/site/register', validUser({ captcha: true }));
    expect(stand.ctx.state.users).toHaveLength(1);
    expect((await control.post('/__stand/reset')).json).toEqual({ ok: true });
    expect((await control.get('/__stand/state')).json).toMatchObject({ users: [], children: [], certificates: [] });
    expect((await control.get('/__stand/requests')).json).toEqual([]);
    expect((await control.get('/__stand/faults')).json).toEqual({ rules: [] });
    expect((await control.get('/__stand/settings')).json).toMatchObject({ rules: { captcha: false }, publicSessionTtlSec: null });
    expect((await site.get('/api/site/children')).status).toBe(401);
  });

  it('creates a site user directly (a real person for tests) and refuses a taken e-mail unless asked', async () => {
    const r = await control.post('/__stand/users', { email: 'ivanova@mail.ru', lastName: 'Иванова', firstName: 'Мария', phone: '+7 (999) 123-45-67' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ email: 'ivanova@mail.ru', lastName: 'Иванова', phone: '79991234567', municipality: 'г. Блестящий', resident: true, verified: false });
    expect((await control.post('/__stand/users', { email: 'IVANOVA@mail.ru', lastName: 'И', firstName: 'М' })).status).toBe(409);
    expect((await control.post('/__stand/users', { email: 'IVANOVA@mail.ru', lastName: 'И', firstName: 'М', allowDuplicate: true })).status).toBe(201);
    expect((await control.get('/__stand/state')).json.duplicates.users).toBe(1);
    const login = await site.post('/api/site/login', { email: 'ivanova@mail.ru', password: 'password' });
    expect(login.json.success).toBe(true);
  });

  it('seeds a certificate on a child with the next number, a second accounting one too (a staged duplicate)', async () => {
    const user = await control.post('/__stand/users', { email: 'dup@example.com', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных' });
    const child = await control.post('/__stand/children', { userId: user.json.id, firstName: 'Внесения', birthDate: '2016-03-05', sex: 'male', confirmed: true });
    const first = await control.post('/__stand/certificates', { childId: child.json.id });
    const second = await control.post('/__stand/certificates', { childId: child.json.id });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ childId: child.json.id, type: 'accounting', number: expect.stringMatching(/^\d+-\d{7}$/) });
    expect(second.json.number).not.toBe(first.json.number);
    const state = (await control.get('/__stand/state')).json;
    expect(state.certificates).toHaveLength(2);
    expect(state.duplicates.certificates).toBe(1);
    expect((await control.post('/__stand/certificates', { childId: 999999 })).status).toBe(404);
    expect((await control.post('/__stand/certificates', { childId: child.json.id, type: 'gold' })).status).toBe(400);
  });

  it('rejects malformed control bodies with a 400 and a reason', async () => {
    const bad = await control.post('/__stand/faults', { rules: [{ action: 'explode' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('action');
    const badRegex = await control.post('/__stand/faults', { action: 'error', match: { path: '([' } });
    expect(badRegex.status).toBe(400);
  });

  it('is closed (404) when control is off', async () => {
    const closed = await startTestStand({ control: false });
    try {
      const c = new Client(closed.url);
      expect((await c.get('/__stand/state')).status).toBe(404);
      expect((await c.post('/__stand/reset')).status).toBe(404);
      expect((await c.get('/')).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});
