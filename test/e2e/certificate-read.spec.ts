// The certificate from what the panel itself shows (issue 22 §1): on `post-check` the kid's
// certificate is seen only through `POST …/kid/{kid_id}?eventId=`, on `memo` nowhere but there and
// in the save's answer. With a profile that names the check, a batch issues once; with none, and a
// save whose answer was lost, the ledger's intent stops the row — never a second certificate.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { lastReport, makeQueue, navbotEnv, runNavbot, startNavbot, tempDir, useStand, writes, type QueueRowInput } from './support/navbot.js';

const CHECK = /^\/api\/pfdod\/billing\/check\/event\/certificate\/kid\//;
const PROFILE = { NAVBOT_PROFILE: path.resolve('data/profiles/post-check.json') };

const ROWS: QueueRowInput[] = [
  { key: 'П-1', birth: '01.02.2015', sex: 'Мужской' },
  { key: 'П-2', birth: '15.06.2012', sex: 'Женский' },
  { key: 'П-3', birth: '30.11.2018', sex: 'Мужской' },
  { key: 'П-4', birth: '29.02.2016', sex: 'Женский' },
  { key: 'П-5', birth: '05.05.2010', sex: 'Мужской' },
  { key: 'П-6', birth: '12.12.2019', sex: 'Женский' },
];

test.describe('post-check', () => {
  const target = useStand({ variants: ['post-check'] });

  test('6 rows issued once through the per-event check; a second run writes nothing', async () => {
    test.setTimeout(360_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS);
    const env = navbotEnv(target.url, dir, { NAVBOT_CONCURRENCY: '2', ...PROFILE });
    const first = await runNavbot(['run', file], env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const state = await target.client.state();
    expect(state.certificates).toHaveLength(6);
    expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    const report = await lastReport(dir);
    expect(report.map((r) => r.status)).toEqual(Array(6).fill('Выдан'));
    expect(report.map((r) => r.number).sort()).toEqual(state.certificates.map((c) => c.number).sort());
    const log = await target.client.requests();
    const checks = log.filter((r) => CHECK.test(r.path));
    // Read only by the check (POST with the profile's event), never by a GET list.
    expect(checks.length).toBeGreaterThanOrEqual(6 * 3);
    expect(checks.every((r) => r.method === 'POST' && r.status === 200)).toBe(true);
    expect(log.filter((r) => r.method === 'POST' && r.path === '/api/rest/certificate')).toHaveLength(6);

    const before = log.length;
    const second = await runNavbot(['run', file], env);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(writes((await target.client.requests()).slice(before))).toEqual([]);
    expect((await lastReport(dir)).map((r) => r.status)).toEqual(Array(6).fill('Уже был выдан'));
  });

  test('the default profile on post-check reads the card\'s grid, not the check: issued once', async () => {
    test.setTimeout(180_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 1));
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const state = await target.client.state();
    expect(state.certificates).toHaveLength(1);
    expect((await target.client.requests()).filter((r) => CHECK.test(r.path))).toEqual([]);
    expect((await lastReport(dir))[0]).toMatchObject({ status: 'Выдан', number: state.certificates[0]!.number });
  });
});

test.describe('memo', () => {
  const target = useStand({ variants: ['memo'] });

  test('issued with the number the save answered and the check shows; no certificate list is ever asked', async () => {
    test.setTimeout(240_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 2));
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir, PROFILE));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const state = await target.client.state();
    expect(state.certificates).toHaveLength(2);
    const report = await lastReport(dir);
    expect(report.map((r) => r.status)).toEqual(['Выдан', 'Выдан']);
    expect(report.map((r) => r.number).sort()).toEqual(state.certificates.map((c) => c.number).sort());
    const log = await target.client.requests();
    expect(log.filter((r) => r.method === 'GET' && (CHECK.test(r.path) || r.path === '/api/rest/certificate'))).toEqual([]);
  });

  test('the default profile (grid) on memo: the missing «Сертификаты» grid stops the run with exit 2, nothing issued', async () => {
    test.setTimeout(180_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 2));
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir));
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect((await target.client.state()).certificates).toEqual([]);
    const [row] = await lastReport(dir);
    expect(row!.reason).toMatch(/нет списка «Сертификаты» со столбцами «Тип», «Номер»/);
    expect(row!.reason).not.toMatch(/не отвечает/);
  });

  test('without a read path the run stops at its start, before any write, saying what to configure (exit 2)', async () => {
    test.setTimeout(180_000);
    const dir = tempDir();
    const none = path.join(dir, 'none.json');
    writeFileSync(none, JSON.stringify({ adminData: { certificateRead: { grid: false } } }));
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 1));
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_PROFILE: none }));
    const printed = run.stdout + run.stderr;
    expect(run.code, printed).toBe(2);
    expect(printed).toContain('adminData.certificateRead');
    expect(printed).toContain('navbot doctor --sample-certified');
    expect(writes(await target.client.requests())).toEqual([]);
    expect((await target.client.state()).users).toEqual([]);
  });

  test('a check path the panel does not have (404) stops the run (exit 2) naming it, not a row-level failure', async () => {
    test.setTimeout(180_000);
    const dir = tempDir();
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ adminData: { certificateRead: { grid: false, check: { path: '/api/no/such/check/{kid_id}', eventId: '1' } } } }));
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 2));
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_PROFILE: wrong }));
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect((await target.client.state()).certificates).toEqual([]);
    const [row] = await lastReport(dir);
    expect(row!.reason).toContain('/api/no/such/check/');
    expect(row!.reason).toContain('HTTP 404');
  });

  test('the save\'s answer dropped and the check refusing after it: the retry in the same run stops «возможно, уже выдан», one certificate', async () => {
    test.setTimeout(240_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'К-2', birth: '11.04.2013', sex: 'Мужской' }]);
    // The check answers twice (probe, recheck before the save), then refuses; the save runs, its answer never comes.
    await target.client.faults([
      { match: { method: 'POST', path: '^/api/rest/certificate$' }, action: 'drop', nth: 1 },
      { match: { method: 'POST', path: CHECK.source }, action: 'error', status: 403, nth: 3, times: 50 },
    ]);
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { ...PROFILE, NAVBOT_RETRIES: '3' }));
    await target.client.faults([]);
    expect(run.code).toBe(1);
    expect((await target.client.state()).certificates).toHaveLength(1);
    expect((await target.client.requests()).filter((r) => r.method === 'POST' && r.path === '/api/rest/certificate')).toHaveLength(1);
    const [row] = await lastReport(dir);
    expect(row!.reason).toMatch(/^Сертификат, возможно, уже выдан/);
  });

  test('SIGKILL between «Сохранить» and its answer, rerun where no read path shows certificates: stops, never a second certificate', async () => {
    test.setTimeout(240_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'К-1', birth: '10.03.2014', sex: 'Женский' }]);
    // The save is carried out, its answer held; navbot is killed while it waits.
    await target.client.faults([{ match: { method: 'POST', path: '^/api/rest/certificate$' }, action: 'hold', nth: 1 }]);
    const run = startNavbot(['run', file], navbotEnv(target.url, dir, PROFILE));
    await expect.poll(async () => (await target.client.held()).some((h) => h.path === '/api/rest/certificate'), { timeout: 150_000, intervals: [20] }).toBe(true);
    run.child.kill('SIGKILL');
    await run.done;
    await target.client.release();
    await target.client.faults([]);
    expect((await target.client.state()).certificates).toHaveLength(1);
    const saves = async () => (await target.client.requests()).filter((r) => r.method === 'POST' && r.path === '/api/rest/certificate').length;
    expect(await saves()).toBe(1);

    // The region's panel shows certificates nowhere navbot can read (its check refuses): the ledger's intent decides.
    await target.client.faults([{ match: { method: 'POST', path: CHECK.source }, action: 'error', status: 403, times: 500 }]);
    const blind = await runNavbot(['run', file], navbotEnv(target.url, dir, PROFILE));
    await target.client.faults([]);
    expect(blind.code).not.toBe(0);
    const [row] = await lastReport(dir);
    expect(row!.reason).toMatch(/^Сертификат, возможно, уже выдан/);
    expect(row!.action).toMatch(/Проверьте в админ-панели/);
    expect(await saves()).toBe(1);
    expect((await target.client.state()).certificates).toHaveLength(1);

    // Once the profile names the check, the next run finds it: issued by this navbot, once.
    const seen = await runNavbot(['run', file], navbotEnv(target.url, dir, PROFILE));
    expect(seen.code, seen.stdout + seen.stderr).toBe(0);
    const state = await target.client.state();
    expect(state.certificates).toHaveLength(1);
    expect(await saves()).toBe(1);
    expect((await lastReport(dir))[0]).toMatchObject({ status: 'Выдан', number: state.certificates[0]!.number });
  });
});

test.describe('doctor --sample-certified on the default stand', () => {
  const target = useStand();

  test('a certificate of another type with its number is no accounting certificate: nothing suggested, the profile not called working', async () => {
    test.setTimeout(240_000);
    const email = 'robot+funding@stand.local';
    const number = await seedCertified(target.url, email, 'funding');
    const dir = tempDir();
    const run = await runNavbot(['doctor', '--sample-certified', email], navbotEnv(target.url, dir));
    expect(run.code, run.stdout).toBe(2);
    const { survey, suggested } = lastDoctor(dir);
    const check = survey.checks.find((c) => c.id === 'admin.certificateSample');
    // The record's «certificates» and the card's grid show the number — of another type.
    expect(check).toMatchObject({ status: 'mismatch' });
    expect(check?.note).toContain('только другого типа');
    expect(check?.note).not.toContain(`номер ${number}`);
    expect(JSON.parse(readFileSync(suggested, 'utf8')).adminData?.certificateRead).toBeUndefined();
  });
});

/** A placeholder user whose child holds a certificate (accounting unless told), seeded through the control API. */
async function seedCertified(url: string, email: string, type = 'accounting'): Promise<string> {
  const post = async (what: string, body: unknown) => {
    const res = await fetch(`${url}/__stand/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding ${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number | string; number?: string };
  };
  const user = await post('users', { email, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: false });
  const child = await post('children', { userId: user.id, firstName: 'Образец', birthDate: '2015-02-01', sex: 'male', confirmed: true });
  return String((await post('certificates', { childId: child.id, type })).number);
}

function lastDoctor(dir: string): { survey: { exitCode: number; checks: Array<{ id: string; status: string; note?: string; todo?: string }> }; suggested: string } {
  const reports = path.join(dir, 'reports');
  const folder = path.join(reports, readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1)!);
  return { survey: JSON.parse(readFileSync(path.join(folder, 'survey.json'), 'utf8')), suggested: path.join(folder, 'profile.suggested.json') };
}

test.describe('doctor --sample-certified on memo', () => {
  const target = useStand({ variants: ['memo'] });

  test('finds the number only in the per-event check, suggests just that, and the suggested profile issues', async () => {
    test.setTimeout(300_000);
    const email = 'robot+certified@stand.local';
    const number = await seedCertified(target.url, email);
    const dir = tempDir();
    // Without an event id: no source shows the number; nothing is suggested.
    const blind = await runNavbot(['doctor', '--sample-certified', email], navbotEnv(target.url, dir));
    expect(blind.code, blind.stdout).toBe(2);
    const first = lastDoctor(dir);
    expect(first.survey.checks.find((c) => c.id === 'admin.certificateSample')).toMatchObject({ status: 'mismatch', todo: expect.stringMatching(/--event-id/) });
    expect(JSON.parse(readFileSync(first.suggested, 'utf8')).adminData?.certificateRead).toBeUndefined();

    const before = (await target.client.requests()).length;
    const seen = await runNavbot(['doctor', '--sample-certified', email, '--event-id', '77'], navbotEnv(target.url, dir));
    expect(seen.code, seen.stdout).toBe(2);
    // Read-only: the admin login and the check's POST, nothing written.
    const sent = writes((await target.client.requests()).slice(before)).map((r) => `${r.method} ${r.path}`);
    expect(sent.filter((r) => r !== 'POST /api/user/login')).toEqual([]);
    const { survey, suggested } = lastDoctor(dir);
    expect(survey.checks.find((c) => c.id === 'admin.certificateSample')?.note).toContain(number);
    expect(JSON.parse(readFileSync(suggested, 'utf8')).adminData.certificateRead).toEqual({
      recordField: '',
      grid: false,
      check: { path: '/api/pfdod/billing/check/event/certificate/kid/{kid_id}', eventId: '77' },
      list: null,
    });

    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 1));
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_PROFILE: suggested }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((await target.client.state()).certificates).toHaveLength(2);
  });
});
