// The public site's structure (issue 22 §2–3): on `modal-register` (one modal with РЕГИСТРАЦИЯ /
// ВХОД / НЕ ПОМНЮ ПАРОЛЬ tabs, placeholders, a custom municipality list), `kids-form` (the «ДЕТИ»
// tab is the child form at once) and both, `doctor --sample` with NAVBOT_SAMPLE_PASSWORD finds the
// structure read-only (the two logins are its only writes), its suggested profile alone makes
// `run` issue every row once, and the sample's password appears nowhere doctor wrote.
import { test, expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeQueue, navbotEnv, runNavbot, tempDir, useStand } from './support/navbot.js';
import { defaultProfile, type Profile } from '../../src/config/profile.js';
import { PublicSite } from '../../src/navigator/site/site.js';
import { BusinessError } from '../../src/core/errors.js';

const SAMPLE = 'robot+obrazec@stand.local';
const SAMPLE_PASSWORD = 'obrazec-kabinet-7731';

async function seedSample(url: string, withChild: boolean): Promise<string> {
  const post = async (what: string, body: unknown) => {
    const res = await fetch(`${url}/__stand/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding ${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number | string };
  };
  const user = await post('users', { email: SAMPLE, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', password: SAMPLE_PASSWORD });
  if (withChild) await post('children', { userId: user.id, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2015-02-01', sex: 'male' });
  return String(user.id);
}

function lastDoctor(dir: string): { folder: string; files: string[] } {
  const reports = path.join(dir, 'reports');
  const folder = path.join(reports, readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1)!);
  return { folder, files: readdirSync(folder) };
}

const CASES = [
  { variants: ['modal-register'], structure: { forms: 'modal', fieldsBy: 'placeholder', municipality: 'list', children: 'list' } },
  { variants: ['kids-form'], structure: { forms: 'pages', fieldsBy: 'label', municipality: 'select', children: 'form' } },
  { variants: ['modal-register', 'kids-form'], structure: { forms: 'modal', fieldsBy: 'placeholder', municipality: 'list', children: 'form' } },
] as const;

for (const c of CASES) {
  test.describe(`public structure on ${c.variants.join(',')}`, () => {
    const target = useStand({ variants: [...c.variants] });

    test('doctor --sample finds the structure read-only; run with its suggested profile issues every row once', async () => {
      test.setTimeout(300_000);
      await seedSample(target.url, true);
      const dir = tempDir();
      const before = (await target.client.requests()).length;
      const doctor = await runNavbot(['doctor', '--sample', SAMPLE], navbotEnv(target.url, dir, { NAVBOT_SAMPLE_PASSWORD: SAMPLE_PASSWORD }));
      const log = (await target.client.requests()).slice(before);
      expect(log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`).sort()).toEqual(['POST /api/site/login', 'POST /api/user/login']);
      expect(doctor.code, doctor.stdout + doctor.stderr).toBe(2);
      const { folder, files } = lastDoctor(dir);
      const suggestedFile = path.join(folder, 'profile.suggested.json');
      const suggested = JSON.parse(readFileSync(suggestedFile, 'utf8')) as Partial<Profile>;
      const defaults = defaultProfile().publicStructure;
      const differs = Object.fromEntries(Object.entries(c.structure).filter(([k, v]) => defaults[k as keyof typeof defaults] !== v));
      expect(suggested.publicStructure).toEqual(differs);
      // The sample's password is nowhere: not printed, not in the survey, not in a file name.
      expect(doctor.stdout + doctor.stderr).not.toContain(SAMPLE_PASSWORD);
      for (const f of files) {
        expect(f).not.toContain(SAMPLE_PASSWORD);
        if (f.endsWith('.json')) expect(readFileSync(path.join(folder, f), 'utf8')).not.toContain(SAMPLE_PASSWORD);
      }

      const file = await makeQueue(path.join(dir, 'q.xlsx'), [
        { key: 'С-1', birth: '01.02.2015', sex: 'Мужской', municipality: 'Горный район' },
        { key: 'С-2', birth: '15.06.2012', sex: 'Женский' },
        { key: 'С-3', birth: '30.11.2018', sex: 'Мужской', municipality: 'Речной район' },
      ]);
      const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_PROFILE: suggestedFile }));
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const state = await target.client.state();
      const rows = (state.users as Array<{ email: string; municipality?: string }>).filter((u) => u.email !== SAMPLE);
      expect(rows.map((u) => u.municipality).sort()).toEqual(['Горный район', 'Речной район', 'г. Блестящий'].sort());
      expect(state.children).toHaveLength(4); // the sample's and one per row
      expect(state.certificates).toHaveLength(3);
      expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    });

    test('without NAVBOT_SAMPLE_PASSWORD the cabinet is skipped with a note, nothing but the admin login is sent', async () => {
      test.setTimeout(120_000);
      await seedSample(target.url, false);
      const dir = tempDir();
      const before = (await target.client.requests()).length;
      const doctor = await runNavbot(['doctor', '--sample', SAMPLE], navbotEnv(target.url, dir));
      const log = (await target.client.requests()).slice(before);
      expect(log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/user/login']);
      expect(doctor.stdout).toContain('не задан NAVBOT_SAMPLE_PASSWORD');
      const suggested = JSON.parse(readFileSync(path.join(lastDoctor(dir).folder, 'profile.suggested.json'), 'utf8')) as Partial<Profile>;
      expect(suggested.publicStructure?.children).toBeUndefined();
    });
  });
}

test.describe('kids-form: the one child form is never saved twice', () => {
  const target = useStand({ variants: ['kids-form'] });

  const profile = (): Profile => {
    const p = defaultProfile();
    p.publicStructure.children = 'form';
    return p;
  };

  async function signIn(page: Page): Promise<PublicSite> {
    const site = new PublicSite(page, { baseUrl: target.url, profile: profile(), timeoutMs: 15_000 });
    expect(await site.login(SAMPLE, SAMPLE_PASSWORD)).toBe('ok');
    return site;
  }

  test('a blank tab is saved once; the saved child is then recognised, and another child is refused without a write', async ({ page }) => {
    await seedSample(target.url, false);
    const site = await signIn(page);
    expect(await site.listChildren()).toEqual([]);
    const kid = { lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' as const };
    await site.addChild(kid);
    expect(await site.listChildren()).toEqual([kid]);
    const before = (await target.client.requests()).length;
    // The same child again (a row resumed after a crash): nothing is sent.
    await site.addChild(kid);
    // Another child: the form would overwrite the first; refused, nothing sent.
    await expect(site.addChild({ ...kid, birthDate: '2014-01-02' })).rejects.toBeInstanceOf(BusinessError);
    expect((await target.client.requests()).slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    const state = await target.client.state();
    expect(state.children).toHaveLength(1);
    expect(state.children[0]).toMatchObject({ birthDate: '2016-05-20', sex: 'female' });
  });
});
