// The robot on a stand that differs as regions do (issue 11, §3): memo-only screens (no «ID»
// column, no status text, no certificates grid), UUID ids and a vendor-style token session,
// combined. The batch reads what the panel loaded (records, the per-event certificate check), keeps
// ids as strings, survives expiring tokens without using up retries, and is crash-safe there.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { lastReport, runDirs, makeQueue, navbotEnv, runNavbot, startNavbot, tempDir, useStand, writes, type QueueRowInput } from './support/navbot.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ROWS: QueueRowInput[] = [
  { key: 'В-1', birth: '01.02.2015', sex: 'Мужской' },
  { key: 'В-2', birth: '15.06.2012', sex: 'Женский' },
  { key: 'В-3', birth: '30.11.2018', sex: 'Мужской', municipality: 'Горный район' },
  { key: 'В-4', birth: '29.02.2016', sex: 'Женский' },
  { key: 'В-5', birth: '05.05.2010', sex: 'Мужской' },
  { key: 'В-6', birth: '12.12.2019', sex: 'Женский' },
];

test.describe('memo, uuid, vendor-session', () => {
  const target = useStand({ variants: ['memo', 'uuid', 'vendor-session'] });
  // `memo` shows certificates only in the per-event check (issue 22 §1): its profile says so.
  const PROFILE = { NAVBOT_PROFILE: path.resolve('data/profiles/post-check.json') };

  test('a 6-row batch issues 6 certificates with string ids, and a second run writes nothing', async () => {
    test.setTimeout(360_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS);
    const env = navbotEnv(target.url, dir, { NAVBOT_CONCURRENCY: '2', ...PROFILE });
    const began = Date.now();
    const first = await runNavbot(['run', file], env);
    const seconds = (Date.now() - began) / 1000;
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const state = await target.client.state();
    expect(state.users).toHaveLength(6);
    expect(state.children).toHaveLength(6);
    expect(state.children.every((c) => UUID.test(String(c.id)) && c.confirmed)).toBe(true);
    expect(state.certificates).toHaveLength(6);
    expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    const report = await lastReport(dir);
    expect(report.map((r) => r.status)).toEqual(Array(6).fill('Выдан'));
    expect(report.map((r) => r.number).sort()).toEqual(state.certificates.map((c) => c.number).sort());
    // The report's child ids are the panel's UUIDs, never numbers or «null».
    expect(report.map((r) => r.childId).sort()).toEqual(state.children.map((c) => String(c.id)).sort());
    test.info().annotations.push({ type: 'per-child seconds (memo,uuid,vendor-session, C=2)', description: (seconds / 6).toFixed(2) });

    const before = (await target.client.requests()).length;
    const second = await runNavbot(['run', file], env);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(writes((await target.client.requests()).slice(before))).toEqual([]);
    expect((await lastReport(dir)).map((r) => r.status)).toEqual(Array(6).fill('Уже был выдан'));
  });

  /** Kill points on this stand: while the certificate's save is held or right after it, and during the confirmation. */
  const KILLS = [
    { name: 'before the certificate save', method: 'POST', path: '^/api/rest/certificate$', action: 'stall' },
    { name: 'during the certificate save', method: 'POST', path: '^/api/rest/certificate$', action: 'hold' },
    { name: 'after the certificate save', method: 'POST', path: '^/api/rest/certificate$', action: 'after' },
    { name: 'during the child confirmation', method: 'POST', path: '^/api/rest/kid/[^/]+/approve$', action: 'hold' },
  ] as const;

  for (const k of KILLS) {
    test(`SIGKILL ${k.name}: the next run issues once`, async () => {
      test.setTimeout(180_000);
      const dir = tempDir();
      const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'К-1', birth: '10.03.2014', sex: 'Женский' }]);
      const env = navbotEnv(target.url, dir, PROFILE);
      const re = new RegExp(k.path);
      if (k.action !== 'after') await target.client.faults([{ match: { method: k.method, path: k.path }, action: k.action, nth: 1 }]);
      const run = startNavbot(['run', file], env);
      await expect
        .poll(
          async () =>
            k.action === 'after'
              ? (await target.client.requests()).some((r) => r.method === k.method && re.test(r.path) && r.status >= 200 && r.status < 300)
              : (await target.client.held()).some((h) => h.method === k.method && re.test(h.path)),
          { timeout: 120_000, intervals: [20] },
        )
        .toBe(true);
      run.child.kill('SIGKILL');
      await run.done;
      await target.client.release();
      await target.client.faults([]);
      const again = await runNavbot(['run', file], env);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      const state = await target.client.state();
      expect(state.users).toHaveLength(1);
      expect(state.children).toHaveLength(1);
      expect(state.children[0]).toMatchObject({ birthDate: '2014-03-10', sex: 'female', confirmed: true });
      expect(state.certificates).toHaveLength(1);
      expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
      const [row] = await lastReport(dir);
      expect(row).toMatchObject({ status: 'Выдан', number: state.certificates[0]!.number });
    });
  }
});

test.describe('vendor-session with a 20 s token', () => {
  const target = useStand({ variants: ['vendor-session'], tokenTtlSec: 20 });

  test('C=4 over more than three tokens: every row issued, expiries neither exhaust retries nor trip the breaker', async () => {
    test.setTimeout(480_000);
    const dir = tempDir();
    const rows: QueueRowInput[] = Array.from({ length: 26 }, (_, i) => ({ key: `С-${i + 1}`, birth: `${String((i % 28) + 1).padStart(2, '0')}.0${(i % 2) + 3}.2013`, sex: i % 2 ? 'Женский' : 'Мужской' }));
    const file = await makeQueue(path.join(dir, 'q.xlsx'), rows);
    // The breaker at its default (5) and few retries: only expiries that cost nothing let this pass.
    // The batch outlasts three tokens however fast the machine: 26 rows of ~8 actions at 3 actions a
    // second take at least 69 s.
    const env = navbotEnv(target.url, dir, { NAVBOT_CONCURRENCY: '4', NAVBOT_BREAKER: '5', NAVBOT_RETRIES: '1', NAVBOT_ACTIONS_PER_SECOND: '3' });
    const began = Date.now();
    const run = await runNavbot(['run', file], env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Longer than three tokens, and the expiries really happened (each a re-login, not a fault).
    const elapsedMs = Date.now() - began;
    expect(elapsedMs).toBeGreaterThan(60_000);
    const events = readFileSync(path.join(runDirs(dir).at(-1)!, 'events.jsonl'), 'utf8');
    expect(events.split('\n').filter((l) => l.includes('"type":"retry"') && l.includes('вход заново')).length).toBeGreaterThanOrEqual(3);
    const state = await target.client.state();
    expect(state.certificates).toHaveLength(26);
    expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    const logins = (await target.client.requests()).filter((r) => r.path === '/api/user/login');
    // One login per token for all four workers (the others wait for it), not one per page: a
    // token lives 20 s, so the run needed about elapsed / 20 s of them.
    expect(logins.length).toBeGreaterThanOrEqual(Math.floor(elapsedMs / 25_000));
    expect(logins.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 20_000) + 2);
  });
});

test.describe('renamed', () => {
  const target = useStand({ variants: ['renamed'] });

  test('passes with its profile; without it stops before any write', async () => {
    test.setTimeout(240_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 2));
    const without = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_TIMEOUT_MS: '4000', NAVBOT_RETRIES: '0', NAVBOT_BREAKER: '1' }));
    expect(without.code, without.stdout + without.stderr).not.toBe(0);
    expect(writes(await target.client.requests())).toEqual([]);

    const withProfile = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_PROFILE: path.resolve('data/profiles/renamed.json') }));
    expect(withProfile.code, withProfile.stdout + withProfile.stderr).toBe(0);
    expect((await target.client.state()).certificates).toHaveLength(2);
  });
});

