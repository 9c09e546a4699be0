// A batch under seeded faults (HTTP 500s, dropped responses, the admin session expiring mid-batch)
// still issues every row exactly once; a row whose e-mail belongs to a real person fails with a
// Russian reason while the others issue; no secret reaches reports/ or the journal.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import JSZip from 'jszip';
import { derivePassword } from '../../src/core/password.js';
import { DEMO_SECRET } from '../../src/config/settings.js';
import { useStand, makeQueue, navbotEnv, runNavbot, startNavbot, tempDir } from './support/navbot.js';

const target = useStand({ seed: 7 });

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Every text under `dir`, trace archives unpacked. */
async function allText(dir: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const file of files(dir)) {
    const bytes = readFileSync(file);
    out.push({ file, text: bytes.toString('latin1') + bytes.toString('utf8') });
    if (file.endsWith('.zip')) {
      const zip = await JSZip.loadAsync(bytes);
      for (const entry of Object.values(zip.files)) {
        if (!entry.dir) out.push({ file: `${file}:${entry.name}`, text: await entry.async('string') });
      }
    }
  }
  return out;
}

test('seeded 500s, dropped responses and an admin session expiry: every row issued once', async () => {
  test.setTimeout(400_000);
  const dir = tempDir();
  const keys = ['Ф-1', 'Ф-2', 'Ф-3', 'Ф-4', 'Ф-5', 'Ф-6'];
  const file = await makeQueue(
    path.join(dir, 'q.xlsx'),
    keys.map((key, i) => ({ key, birth: `0${i + 1}.04.2013`, sex: i % 2 ? 'Женский' : 'Мужской' })),
  );
  await target.client.faults(
    [
      // One lost answer for sure (the second child's confirmation is made, its answer dropped): the
      // seeded draws below depend on how two workers' requests interleave, and may draw no drop at all.
      { match: { path: '^/api/rest/kid/\\d+/approve$', method: 'POST' }, action: 'drop', nth: 2 },
      { match: { path: '^/api/' }, action: 'error', probability: 0.1 },
      { match: { path: '^/api/', method: ['POST', 'PUT'] }, action: 'drop', probability: 0.1 },
    ],
    7,
  );
  const run = startNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_CONCURRENCY: '2', NAVBOT_RETRIES: '10', NAVBOT_BREAKER: '50' }));
  await expect.poll(async () => (await target.client.state()).certificates.length, { timeout: 300_000, intervals: [100] }).toBeGreaterThanOrEqual(2);
  await target.client.expireSessions('admin');
  const done = await run.done;
  expect(done.code, done.stdout + done.stderr).toBe(0);

  const state = await target.client.state();
  expect(state.users).toHaveLength(6);
  expect(state.children).toHaveLength(6);
  expect(state.certificates).toHaveLength(6);
  expect(state.children.every((c) => c.confirmed)).toBe(true);
  expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
  const log = await target.client.requests();
  expect(log.filter((r) => r.status >= 500).length).toBeGreaterThan(0);
  expect(log.filter((r) => r.status === 0).length).toBeGreaterThan(0);
  expect(log.filter((r) => r.path === '/api/user/login').length).toBeGreaterThan(1);
});

test('a real person’s e-mail fails that row with a Russian reason; the others issue; no secrets kept', async () => {
  test.setTimeout(300_000);
  const dir = tempDir();
  await target.client.addUser({ email: 'ivanova@school.ru', lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' });
  const file = await makeQueue(path.join(dir, 'q.xlsx'), [
    { key: 'Р-1', birth: '01.09.2014', sex: 'Мужской' },
    { key: 'Р-2', birth: '02.09.2014', sex: 'Женский', email: 'ivanova@school.ru' },
    { key: 'Р-3', birth: '03.09.2014', sex: 'Мужской' },
  ]);
  const secret = 'a-test-secret-that-must-not-leak-123';
  const result = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_SECRET: secret }));
  expect(result.code, result.stdout + result.stderr).toBe(1);
  const state = await target.client.state();
  expect(state.certificates).toHaveLength(2);
  const real = state.users.find((u) => u.email === 'ivanova@school.ru')!;
  expect(real).toMatchObject({ lastName: 'Иванова', resident: true });
  expect(state.children.filter((c) => c.userId === real.id)).toHaveLength(0);
  expect(result.stdout + result.stderr).toContain('Р-2');

  const runDir = path.join(dir, 'reports', readdirSync(path.join(dir, 'reports')).find((d) => /^\d/.test(d))!);
  const events = readFileSync(path.join(runDir, 'events.jsonl'), 'utf8');
  expect(events).toMatch(/уже занят настоящим пользователем Навигатора/);

  const secrets = ['stand-admin', secret, DEMO_SECRET, ...['р-1', 'р-2', 'р-3'].map((k) => derivePassword(secret, k))];
  const scanned: string[] = [];
  for (const where of [path.join(dir, 'reports'), path.join(dir, 'state')]) {
    for (const { file: f, text } of await allText(where)) {
      scanned.push(f);
      for (const s of secrets) expect(text.includes(s), `${s.slice(0, 3)}… found in ${f}`).toBe(false);
    }
  }
  // The failed row's traces were kept and searched unpacked (issue 13): the grep is not vacuous.
  expect(scanned.filter((f) => /traces[\\/][^:]+\.zip:/.test(f)).length, scanned.join('\n')).toBeGreaterThan(0);
  // What navbot printed passes the same mask; a real person's name never leaves in a reason.
  for (const s of secrets) expect((result.stdout + result.stderr).includes(s), `${s.slice(0, 3)}… printed`).toBe(false);
  // (Screenshots of the failed screen show what the panel showed; the texts navbot wrote do not name her.)
  for (const name of ['events.jsonl', 'navbot.log', 'report.html', 'run.json']) {
    expect(readFileSync(path.join(runDir, name), 'utf8'), name).not.toContain('Иванова');
  }
  expect(readFileSync(path.join(dir, 'state', 'ledger', readdirSync(path.join(dir, 'state', 'ledger')).find((f) => f.endsWith('.jsonl'))!), 'utf8')).not.toContain('Иванова');
});
