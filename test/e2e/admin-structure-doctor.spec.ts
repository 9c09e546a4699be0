// issue 22 §3 for the admin structure: on `desktop`, `window-confirm` and `no-record`, `doctor`
// (read-only) writes adminStructure into profile.suggested.json, and `run` with that profile alone
// issues every row once — no hand edit.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lastReport, makeQueue, navbotEnv, runNavbot, tempDir, useStand, writes, type QueueRowInput } from './support/navbot.js';

const SAMPLE = 'robot+obrazec@stand.local';

async function seedSample(url: string): Promise<void> {
  const post = async (what: string, body: unknown) => {
    const res = await fetch(`${url}/__stand/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding ${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number | string };
  };
  const user = await post('users', { email: SAMPLE, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных' });
  await post('children', { userId: user.id, firstName: 'Образец', birthDate: '2015-02-01', sex: 'male' });
}

const ROWS: QueueRowInput[] = [
  { key: 'С-1', birth: '01.02.2015', sex: 'Мужской' },
  { key: 'С-2', birth: '15.06.2012', sex: 'Женский' },
];

const CASES: Array<{ variants: string[]; expect: Record<string, unknown> }> = [
  { variants: ['desktop'], expect: { menuButton: 'Пуск', usersInWindow: true } },
  { variants: ['window-confirm'], expect: { questionWindows: ['Подтверждение', 'Подтверждение заявки'], refusalWindows: ['Ошибка'] } },
  { variants: ['no-record'], expect: {} },
  { variants: ['desktop', 'window-confirm', 'no-record'], expect: { menuButton: 'Пуск', usersInWindow: true, questionWindows: ['Подтверждение', 'Подтверждение заявки'] } },
];

for (const c of CASES) {
  test.describe(`doctor → run on ${c.variants.join(',')}`, () => {
    const target = useStand({ variants: c.variants });

    test('the suggested profile alone issues every row once', async () => {
      test.setTimeout(300_000);
      await seedSample(target.url);
      const dir = tempDir();
      const before = (await target.client.requests()).length;
      const doctor = await runNavbot(['doctor', '--sample', SAMPLE], navbotEnv(target.url, dir));
      // Read-only: the admin login is its only write.
      expect(writes((await target.client.requests()).slice(before)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
      const reports = path.join(dir, 'reports');
      const folder = path.join(reports, readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1)!);
      const suggestedFile = path.join(folder, 'profile.suggested.json');
      const suggested = JSON.parse(readFileSync(suggestedFile, 'utf8')) as { adminStructure?: Record<string, unknown>; adminTexts?: Record<string, unknown> };
      expect(suggested.adminStructure ?? {}, doctor.stdout).toMatchObject(c.expect);
      if (c.variants.includes('desktop')) {
        // The list's filter «Email» is the search field; the records hold what the columns do not.
        expect(suggested.adminTexts).toMatchObject({ search: 'Email' });
        expect(doctor.code, doctor.stdout).toBe(2);
      } else {
        expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
      }
      const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS);
      const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_PROFILE: suggestedFile }));
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const state = await target.client.state();
      expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
      // The sample's child has none; each row's child has one.
      expect(state.certificates).toHaveLength(2);
      expect((await lastReport(dir)).map((r) => r.status)).toEqual(['Выдан', 'Выдан']);
    });
  });
}
