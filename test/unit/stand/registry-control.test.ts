// The registry app seen from the control API: the state dump, reset, seeding, runtime settings,
// and the request log and faults covering /registry/* as they cover the Navigator.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Browser, startRegistryStand, validForm, type RegistryStand } from './registry-harness.js';

let stand: RegistryStand;
let org: Browser;
let control: Browser;

beforeEach(async () => {
  stand = await startRegistryStand({ seed: 3 });
  org = new Browser(stand.app);
  control = new Browser(stand.app);
});
afterEach(async () => {
  await stand.close();
});

const seed = (over: Record<string, unknown> = {}) => ({
  child: {
    lastName: 'Петрова',
    firstName: 'Анна',
    patronymic: 'Игоревна',
    birthDate: '2016-04-12',
    sex: 'female',
    documentType: 'birth-certificate',
    documentSeries: 'II-АБ',
    documentNumber: '765432',
  },
  applicant: { lastName: 'Петров', firstName: 'Игорь', phone: '+7 (912) 000-11-22', email: 'petrov@mail.ru' },
  ...over,
});

const state = async () => (await control.get('/__stand/state')).json;
const log = async () => (await control.get('/__stand/requests')).json as Array<{ method: string; path: string; status: number; body: unknown; fault?: string; query?: string }>;

describe('state, reset and seeding', () => {
  it('the state dump gains exactly `applications` in the DESIGN.md shape', async () => {
    await org.login();
    await org.post('/registry/applications', validForm());
    const dump = await state();
    expect(Object.keys(dump)).toEqual(['users', 'children', 'certificates', 'applications', 'duplicates']);
    expect(dump.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    const [a] = dump.applications;
    expect(Object.keys(a)).toEqual(['id', 'number', 'certificateNumber', 'child', 'over14', 'applicant', 'municipality', 'pdConfirmed', 'documentsReceived', 'refused', 'refuseReason']);
    expect(Object.keys(a.child)).toEqual(['lastName', 'firstName', 'patronymic', 'birthDate', 'sex', 'documentType', 'documentSeries', 'documentNumber']);
    expect(Object.keys(a.applicant)).toEqual(['lastName', 'firstName', 'patronymic', 'phone', 'email']);
    expect(a).toMatchObject({ id: 1, number: 'З-000123', certificateNumber: '5500000001', over14: false, pdConfirmed: false, documentsReceived: false, refused: false, refuseReason: null });
  });

  it('seeds an application (201 with the record) that the app then finds', async () => {
    const r = await control.postJson('/__stand/applications', seed({ pdConfirmed: true, municipality: 'Горный район' }));
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      id: 1,
      number: 'З-000123',
      certificateNumber: '5500000001',
      child: seed().child,
      over14: false,
      applicant: { lastName: 'Петров', firstName: 'Игорь', patronymic: '', phone: '79120001122', email: 'petrov@mail.ru' },
      municipality: 'Горный район',
      pdConfirmed: true,
      documentsReceived: false,
      refused: false,
      refuseReason: null,
    });
    expect((await state()).applications).toEqual([r.json]);
    await org.login();
    const found = await org.post('/registry/search', { number: 'З-000123', certificate: '5500000001' });
    expect(found.location).toBe('/registry/applications/1');
    expect((await org.get(found.location!)).text).toContain('data-pd-confirmed="true"');
  });

  it('seeding: a child over 14 applies alone by default; explicit numbers are kept and skipped later; duplicates need allowDuplicate', async () => {
    const alone = await control.postJson('/__stand/applications', { ...seed(), applicant: undefined, over14: true, number: 'З-000124', certificateNumber: '5512345678', refused: true, refuseReason: 'нет документов' });
    expect(alone.status).toBe(201);
    expect(alone.json).toMatchObject({
      number: 'З-000124',
      certificateNumber: '5512345678',
      over14: true,
      applicant: { lastName: 'Петрова', firstName: 'Анна', patronymic: 'Игоревна', phone: '79990000000', email: 'child@example.ru' },
      municipality: 'г. Блестящий',
      refused: true,
      refuseReason: 'нет документов',
    });
    const dup = await control.postJson('/__stand/applications', seed());
    expect(dup.status).toBe(409);
    expect(dup.json.error).toContain('З-000124');
    const other = await control.postJson('/__stand/applications', seed({ child: { ...seed().child, documentNumber: '111111' } }));
    expect(other.json.number).toBe('З-000123');
    const next = await control.postJson('/__stand/applications', seed({ child: { ...seed().child, documentNumber: '222222' } }));
    expect(next.json.number).toBe('З-000125');
    expect((await control.postJson('/__stand/applications', seed({ allowDuplicate: true }))).status).toBe(201);
    expect((await control.postJson('/__stand/applications', seed({ number: 'з-000125', allowDuplicate: true }))).status).toBe(409);
    expect((await control.postJson('/__stand/applications', { ...seed(), applicant: undefined })).status).toBe(400);
    const bad = await control.postJson('/__stand/applications', seed({ child: { ...seed().child, documentType: 'visa' } }));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('child.documentType');
  });

  it('reset clears the applications, the registry sessions, the numbering and the registry’s runtime settings', async () => {
    await org.login();
    await org.post('/registry/applications', validForm());
    await control.postJson('/__stand/settings', { registryRules: { duplicateDocument: false }, registrySessionTtlSec: 60 });
    expect((await control.get('/__stand/settings')).json).toMatchObject({ registryRules: { duplicateDocument: false, receivedNeedsConfirmed: true }, registrySessionTtlSec: 60 });
    expect((await control.postJson('/__stand/reset', {})).json).toEqual({ ok: true });
    expect((await state()).applications).toEqual([]);
    expect((await control.get('/__stand/settings')).json).toMatchObject({ registryRules: { duplicateDocument: true }, registrySessionTtlSec: null });
    expect((await org.get('/registry/applications')).status).toBe(302);
    await org.login();
    await org.post('/registry/applications', validForm());
    expect((await state()).applications.map((a: { number: string; certificateNumber: string }) => [a.number, a.certificateNumber])).toEqual([['З-000123', '5500000001']]);
  });

  it('expire-sessions takes kind "registry" and leaves the public site’s sessions', async () => {
    await org.login();
    stand.ctx.state.openSession('public', 1);
    expect((await control.postJson('/__stand/expire-sessions', { kind: 'registry' })).json).toEqual({ expired: 1 });
    expect([...stand.ctx.state.sessions.values()].map((s) => s.kind)).toEqual(['public']);
    expect((await control.postJson('/__stand/settings', { registryRules: { nonsense: true }, registrySessionTtlSec: -1 })).status).toBe(400);
  });
});

describe('request log and faults on /registry/*', () => {
  it('logs the registry’s pages and form posts, reads too, with the password masked', async () => {
    await org.get('/registry/applications/new');
    await org.post('/registry/login', { login: 'org@stand.local', password: 'stand-org' });
    await org.get('/registry/applications?lastName=Иванов');
    await org.post('/registry/applications', validForm());
    const entries = await log();
    expect(entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/registry/applications/new', 302],
      ['POST', '/registry/login', 303],
      ['GET', '/registry/applications', 200],
      ['POST', '/registry/applications', 200],
    ]);
    expect(entries[1]!.body).toEqual({ login: 'org@stand.local', password: '***' });
    expect(entries[2]!.query).toBe(`lastName=${encodeURIComponent('Иванов')}`);
    expect(entries[3]!.body).toMatchObject({ childLastName: 'Иванов', documentSeries: 'IV-КН', municipality: 'г. Северный' });
  });

  it('an error fault on the form post answers an error page without carrying it out, and is logged', async () => {
    await org.login();
    const rules = await control.postJson('/__stand/faults', { match: { method: 'POST', path: '^/registry/applications$' }, action: 'error', status: 503, nth: 1 });
    expect(rules.status).toBe(200);
    const r = await org.post('/registry/applications', validForm());
    expect(r.status).toBe(503);
    expect(r.text).toContain('<h1>Ошибка 503</h1>');
    expect(r.text).toContain('Сервис временно недоступен');
    expect(stand.ctx.state.applications).toHaveLength(0);
    expect((await org.post('/registry/applications', validForm())).status).toBe(200);
    expect(stand.ctx.state.applications).toHaveLength(1);
    const entries = (await log()).filter((e) => e.path === '/registry/applications');
    expect(entries.map((e) => [e.status, e.fault])).toEqual([
      [503, 'error'],
      [200, undefined],
    ]);
    expect((await control.get('/__stand/faults')).json.rules[0]).toMatchObject({ seen: 2, fired: 1 });
  });

  it('the JSON keeps the vendor envelope under an error fault', async () => {
    await org.login();
    await control.postJson('/__stand/faults', { match: { path: '^/registry/api/' }, action: 'error' });
    const r = await stand.app.inject({ method: 'GET', url: '/registry/api/applications', headers: { cookie: `registry_session=${org.cookies.get('registry_session')}` } });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toMatchObject({ success: false, err_code: 500, data: null });
  });

  it('hold carries «Подтвердить персональные данные» out but keeps the answer; stall abandoned never carries out «Документы получены»', async () => {
    const url = await stand.listen();
    await control.postJson('/__stand/applications', seed());
    await org.login();
    const cookie = `registry_session=${org.cookies.get('registry_session')}`;
    const post = (path: string, signal?: AbortSignal) =>
      fetch(url + path, { method: 'POST', headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual', signal: signal ?? null });

    await control.postJson('/__stand/faults', {
      rules: [
        { match: { method: 'POST', path: '^/registry/applications/\\d+/confirm$' }, action: 'hold' },
        { match: { method: 'POST', path: '^/registry/applications/\\d+/received$' }, action: 'stall' },
      ],
    });
    let settled = false;
    const pending = post('/registry/applications/1/confirm').finally(() => (settled = true));
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toHaveLength(1));
    expect((await control.get('/__stand/held')).json[0]).toMatchObject({ method: 'POST', path: '/registry/applications/1/confirm' });
    expect(stand.ctx.state.applications[0]!.pdConfirmed).toBe(true);
    expect(settled).toBe(false);
    expect((await control.postJson('/__stand/release', {})).json).toEqual({ released: 1 });
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('data-pd-confirmed="true"');

    const abort = new AbortController();
    const lost = post('/registry/applications/1/received', abort.signal);
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toHaveLength(1));
    abort.abort();
    await expect(lost).rejects.toThrow();
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toEqual([]));
    expect(stand.ctx.state.applications[0]!.documentsReceived).toBe(false);
    await vi.waitFor(async () =>
      expect((await log()).filter((e) => e.method === 'POST' && e.path.startsWith('/registry/applications/1/')).map((e) => [e.path, e.status, e.fault])).toEqual([
        ['/registry/applications/1/confirm', 200, 'hold'],
        ['/registry/applications/1/received', 0, 'stall'],
      ]),
    );
  });

  it('with the control API off, the registry app still works and /__stand/applications is closed', async () => {
    const closed = await startRegistryStand({ control: false });
    try {
      const b = new Browser(closed.app);
      expect((await b.postJson('/__stand/applications', seed())).status).toBe(404);
      await b.login();
      expect((await b.post('/registry/applications', validForm())).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});
