// `navbot doctor` surveys a region read-only (issue 11, §4): on the default stand and on
// memo,uuid,vendor-session it is ready (exit 0); on `renamed` without a profile it exits 2 naming
// the differences, and the profile it suggests makes the next doctor and a batch pass. The stand's
// request log shows that the survey sent only GETs and the admin login.
import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeQueue, navbotEnv, runNavbot, tempDir, useStand, writes } from './support/navbot.js';

const SAMPLE = 'robot+obrazec@stand.local';

/** A placeholder user with a child, seeded through the stand's control API (nothing of navbot). */
async function seedSample(url: string): Promise<void> {
  const post = async (what: string, body: unknown) => {
    const res = await fetch(`${url}/__stand/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding ${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number | string };
  };
  const user = await post('users', { email: SAMPLE, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных' });
  await post('children', { userId: user.id, firstName: 'Образец', birthDate: '2015-02-01', sex: 'male' });
}

interface Survey {
  ready: boolean;
  exitCode: number;
  checks: Array<{ id: string; status: string; ok: boolean; profileKey?: string; found: unknown }>;
  differences: Array<{ key: string; found: unknown; blocking: boolean }>;
  screenshots: string[];
  findings: {
    admin: {
      login: { keys: string[]; session: string; lifetimeSec: number | null; perms: string[] | null } | null;
      kids: { idKind: string; count: number } | null;
      child: { id: string; confirmed: boolean | null } | null;
      dialog: { items: string[]; closed: boolean } | null;
    };
  };
}

/** The latest doctor folder under `<dir>/reports`, its survey.json and the suggested profile's path. */
function lastSurvey(dir: string): { folder: string; survey: Survey; suggested: string } {
  const reports = path.join(dir, 'reports');
  const folder = path.join(reports, readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1)!);
  const survey = JSON.parse(readFileSync(path.join(folder, 'survey.json'), 'utf8')) as Survey;
  return { folder, survey, suggested: path.join(folder, 'profile.suggested.json') };
}

/** What doctor sent that is not a GET: only the admin login, once. */
function notReads(log: Array<{ method: string; path: string }>) {
  return log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}

async function surveyReadOnly(target: { url: string; client: { requests(): Promise<Array<{ method: string; path: string }>>; state(): Promise<unknown> } }, env: Record<string, string> = {}) {
  await seedSample(target.url);
  const stateBefore = await target.client.state();
  const dir = tempDir();
  const before = (await target.client.requests()).length;
  const run = await runNavbot(['doctor', '--sample', SAMPLE], navbotEnv(target.url, dir, env));
  const log = (await target.client.requests()).slice(before);
  // The per-event certificate check (a POST that reads) where the profile names it.
  expect(notReads(log).filter((r) => !r.startsWith('POST /api/pfdod/billing/check/event/certificate/kid/'))).toEqual(['POST /api/user/login']);
  expect(writes(log)).toEqual([]);
  expect(await target.client.state()).toEqual(stateBefore);
  return { run, dir, ...lastSurvey(dir) };
}

test.describe('doctor on the default stand', () => {
  const target = useStand();

  test('surveys the region read-only and says it is ready', async () => {
    test.setTimeout(120_000);
    const { run, survey, folder } = await surveyReadOnly(target);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Итог: всё готово к работе.');
    expect(run.stdout).toContain('7. Карточка ребёнка');
    expect(survey).toMatchObject({ ready: true, exitCode: 0, differences: [] });
    expect(survey.checks.filter((c) => !c.ok)).toEqual([]);
    const a = survey.findings.admin;
    expect(a.login?.session).toBe('cookie');
    expect(a.kids).toMatchObject({ idKind: 'number', count: 1 });
    expect(a.child).toMatchObject({ confirmed: false });
    expect(a.dialog?.items).toContain('Сертификат учета');
    expect(a.dialog?.closed).toBe(true);
    // A screenshot per screen: login, users, user card, «Дети», child, dialog, registration, login page.
    expect(survey.screenshots).toHaveLength(8);
    for (const shot of survey.screenshots) expect(existsSync(path.join(folder, shot))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(folder, 'profile.suggested.json'), 'utf8'))).not.toHaveProperty('adminTexts');
  });
});

test.describe('doctor on memo, uuid, vendor-session', () => {
  const target = useStand({ variants: ['memo', 'uuid', 'vendor-session'] });

  test('reads the vendor login answer, UUID children and a memo child card, and says it is ready (with the profile that names the per-event check)', async () => {
    test.setTimeout(120_000);
    // memo shows certificates only in the per-event check: without a profile naming it, doctor says so (certificate-read.spec.ts).
    const { run, survey } = await surveyReadOnly(target, { NAVBOT_PROFILE: path.resolve('data/profiles/post-check.json') });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Итог: всё готово к работе.');
    expect(survey.checks.filter((c) => !c.ok)).toEqual([]);
    const a = survey.findings.admin;
    expect(a.login).toMatchObject({ session: 'bearer', perms: expect.arrayContaining(['SiteUserViewList', 'ViewActivityKids']) });
    expect(a.login?.keys).toEqual(expect.arrayContaining(['data.access_token', 'data.refresh_token', 'data.expired_at']));
    // 30 minutes, give or take the second the HTTP Date header rounds off.
    expect(a.login?.lifetimeSec).toBeCloseTo(1800, -1);
    expect(a.kids).toMatchObject({ idKind: 'uuid', count: 1 });
    expect(a.child?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(a.dialog).toMatchObject({ closed: true });
  });
});

test.describe('doctor on renamed', () => {
  const target = useStand({ variants: ['renamed'] });

  test('without a profile exits 2 naming «Сертификат учёта»; its suggested profile passes the next doctor and a batch', async () => {
    test.setTimeout(300_000);
    const { run, survey, suggested, dir } = await surveyReadOnly(target);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toContain('«Сертификат учёта»');
    expect(run.stdout).toContain(`используйте profile.suggested.json: NAVBOT_PROFILE=${suggested}`);
    expect(survey).toMatchObject({ ready: false, exitCode: 2 });
    const found = Object.fromEntries(survey.differences.map((d) => [d.key, d.found]));
    expect(found).toMatchObject({
      'adminTexts.menuSiteUsers': 'Пользователи',
      'adminTexts.email': 'Эл. почта',
      'adminTexts.issueCertificate': 'Выдать сертификат ребёнку',
      'adminTexts.accountingCertificate': 'Сертификат учёта',
      'publicTexts.municipality': 'ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ',
      'publicTexts.email': 'ВВЕДИТЕ ЭЛ. ПОЧТУ (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)',
    });

    // The next doctor with the suggested profile: ready, still read-only.
    const profile = { NAVBOT_PROFILE: suggested };
    const before = (await target.client.requests()).length;
    const again = await runNavbot(['doctor', '--sample', SAMPLE], navbotEnv(target.url, dir, profile));
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('Итог: всё готово к работе.');
    expect(notReads((await target.client.requests()).slice(before))).toEqual(['POST /api/user/login']);

    // And a batch with it issues both certificates.
    const file = await makeQueue(path.join(dir, 'q.xlsx'), [
      { key: 'Д-1', birth: '01.02.2015', sex: 'Мужской' },
      { key: 'Д-2', birth: '15.06.2012', sex: 'Женский' },
    ]);
    const batch = await runNavbot(['run', file], navbotEnv(target.url, dir, profile));
    expect(batch.code, batch.stdout + batch.stderr).toBe(0);
    const state = await target.client.state();
    expect(state.certificates).toHaveLength(2);
    expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
  });
});

test.describe('doctor for the certificate registry', () => {
  const target = useStand();

  test('--flow registry-apply looks at the cabinet read-only and says it is ready; a wrong password is exit 2', async () => {
    test.setTimeout(120_000);
    const dir = tempDir();
    const stateBefore = await target.client.state();
    const before = (await target.client.requests()).length;
    const run = await runNavbot(['doctor', '--flow', 'registry-apply'], navbotEnv(target.url, dir, { NAVBOT_REGISTRY_URL: `${target.url}/registry/` }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Итог: реестр готов к работе.');
    expect(run.stdout).toContain('✓ тип документа: есть');
    const log = (await target.client.requests()).slice(before);
    // Only the organisation's login is sent; the form is filled by nobody and never sent.
    expect(notReads(log)).toEqual(['POST /registry/login']);
    expect(await target.client.state()).toEqual(stateBefore);
    const reports = path.join(dir, 'reports');
    const folder = path.join(reports, readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1)!);
    const survey = JSON.parse(readFileSync(path.join(folder, 'survey.json'), 'utf8')) as { exitCode: number; checks: Array<{ ok: boolean }> };
    expect(survey.exitCode).toBe(0);
    expect(survey.checks.length).toBeGreaterThan(15);

    const wrong = await runNavbot(['doctor', '--flow', 'registry-apply'], navbotEnv(target.url, tempDir(), { NAVBOT_REGISTRY_URL: `${target.url}/registry/`, NAVBOT_REGISTRY_PASSWORD: 'not-the-password' }));
    expect(wrong.code, wrong.stdout).toBe(2);
    expect(wrong.stdout).toMatch(/Реестр сертификатов не принял вход организации org@stand\.local/);
    expect(wrong.stdout).not.toContain('not-the-password');
  });
});
