// The variant matrix in `npm test` (issue 22 «Done when»), a reduced set that covers every new
// variant at least once: on each, doctor's suggested profile alone (no hand edit) makes `run`
// issue a 6-row queue once. Then the crash matrix on `post-check,no-record`: navbot, run with
// doctor's profile, is killed at a point of a row; the next run finishes with no second user,
// child or certificate. The whole matrix is variant-matrix-full.spec.ts (`npm run variants`).
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { startStand, type Stand } from '../../src/stand/server.js';
import { caseName, doctorProfile, expectIssuedOnce, issueSixOnVariant, seedSamples, type MatrixCase } from './support/matrix.js';
import { lastReport, makeQueue, navbotEnv, runNavbot, StandClient, startNavbot, tempDir } from './support/navbot.js';

const CASES: MatrixCase[] = [
  { variants: ['memo', 'post-check', 'uuid'], doctorExit: 2 },
  { variants: ['desktop', 'window-confirm', 'no-record'], doctorExit: 2 },
  { variants: ['modal-register', 'kids-form'], doctorExit: 2 },
  { variants: ['post-check'], doctorExit: 0 },
  // Every compatible variant at once: doctor reads the certified sample through the panel as it
  // found it (desktop's «Пуск», renamed words), not as the default profile assumes.
  { variants: ['memo', 'uuid', 'vendor-session', 'renamed', 'modal-register', 'kids-form', 'desktop', 'window-confirm', 'no-record'], doctorExit: 2 },
];

test.describe.configure({ mode: 'parallel' });

for (const c of CASES) {
  test(`${caseName(c)}: doctor's profile alone issues 6 rows once`, async () => {
    test.setTimeout(360_000);
    await issueSixOnVariant(c);
  });
}

/** Where navbot is killed: once the act's request was answered, or while its answer is held. */
const POINTS: Array<{ name: string; method: string; path: string; point: 'after-act' | 'held-response' }> = [
  { name: 'after the registration', method: 'POST', path: '^/api/site/register$', point: 'after-act' },
  { name: 'after the child is added', method: 'POST', path: '^/api/site/children$', point: 'after-act' },
  { name: 'after «Сохранить» of the certificate, its answer held', method: 'POST', path: '^/api/rest/certificate$', point: 'held-response' },
  { name: 'after «Сохранить» of the certificate, answered', method: 'POST', path: '^/api/rest/certificate$', point: 'after-act' },
];

test.describe('crash matrix on post-check,no-record with doctor\'s profile', () => {
  let stand: Stand;
  let client: StandClient;
  let profile = '';
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stand = await startStand({ port: 0, control: true, variants: ['post-check', 'no-record'] });
    client = new StandClient(stand.url);
    await seedSamples(client);
    profile = (await doctorProfile(stand.url, client, tempDir('navbot-matrix-'), { variants: ['post-check', 'no-record'] })).suggestedFile;
  });
  test.afterAll(async () => stand?.close());

  for (const p of POINTS) {
    test(`SIGKILL ${p.name}: the rerun issues each row once`, async () => {
      test.setTimeout(240_000);
      await client.reset();
      await seedSamples(client);
      const dir = tempDir('navbot-matrix-crash-');
      const rows = [
        { key: 'Кр-1', birth: '10.03.2014', sex: 'Женский' as const },
        { key: 'Кр-2', birth: '21.09.2011', sex: 'Мужской' as const },
      ];
      const file = await makeQueue(path.join(dir, 'q.xlsx'), rows);
      const env = navbotEnv(stand.url, dir, { NAVBOT_PROFILE: profile });
      const re = new RegExp(p.path);
      if (p.point === 'held-response') await client.faults([{ match: { method: p.method, path: p.path }, action: 'hold', nth: 1 }]);
      const before = (await client.requests()).length;
      const run = startNavbot(['run', file], env);
      let exited = '';
      void run.done.then((r) => (exited = `navbot exited (${r.code ?? r.signal}): ${(r.stdout + r.stderr).slice(-3000)}`));
      await expect
        .poll(
          async () => {
            if (exited) return exited;
            if (p.point === 'held-response') return (await client.held()).some((h) => h.method === p.method && re.test(h.path)) ? 'ready' : 'waiting';
            const log = (await client.requests()).slice(before);
            return log.some((r) => r.method === p.method && re.test(r.path) && r.status >= 200 && r.status < 300) ? 'ready' : 'waiting';
          },
          { timeout: 180_000, intervals: [20] },
        )
        .toBe('ready');
      run.child.kill('SIGKILL');
      expect((await run.done).signal).toBe('SIGKILL');
      await client.release();
      await client.faults([]);

      const second = await runNavbot(['run', file], env);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expectIssuedOnce(await client.state(), rows.length);
      // No second act: one registration, one child, one certificate save per row.
      const log = (await client.requests()).slice(before);
      const count = (method: string, re: RegExp) => log.filter((r) => r.method === method && re.test(r.path)).length;
      expect(count('POST', /^\/api\/site\/register$/)).toBe(rows.length);
      expect(count('POST', /^\/api\/site\/children$/)).toBe(rows.length);
      expect(count('POST', /^\/api\/rest\/certificate$/)).toBe(rows.length);
      expect((await lastReport(dir)).map((r) => r.status)).toEqual(['Выдан', 'Выдан']);
    });
  }
});
