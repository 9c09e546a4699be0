// Issue 11: a flaky region — 10 % of writes answer 500, 5 % of answers to writes are lost, 3 % of
// reads answer 500, and the admin session ends every 20 s — is worked through in ONE run with the
// default retries and breaker: the retry budget is counted in progress (src/runner/retry.ts), so
// faults spread over a row's steps do not add up to a failed row. FLAKY_SEED picks other faults.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { lastReport, makeQueue, navbotEnv, runNavbot, tempDir, useStand, type QueueRowInput } from './support/navbot.js';

const ROWS: QueueRowInput[] = [
  { key: 'Ф-1', birth: '01.02.2015', sex: 'Мужской' },
  { key: 'Ф-2', birth: '15.06.2012', sex: 'Женский' },
  { key: 'Ф-3', birth: '30.11.2018', sex: 'Мужской', municipality: 'Горный район' },
  { key: 'Ф-4', birth: '29.02.2016', sex: 'Женский' },
  { key: 'Ф-5', birth: '05.05.2010', sex: 'Мужской' },
  { key: 'Ф-6', birth: '12.12.2019', sex: 'Женский' },
];
const seed = Number(process.env.FLAKY_SEED ?? 11);
// The suite runs seed 11; `npm run flaky` runs seeds 11–14 (FLAKY_SEEDS for others).

test.describe('a flaky region', () => {
  const target = useStand({ seed, adminSessionTtlSec: 20 });

  test('6 rows at C=2 are all issued in one run, with default retries and breaker', async () => {
    test.setTimeout(480_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS);
    await target.client.faults(
      [
        { match: { path: '^/api/', method: ['POST', 'PUT'] }, action: 'error', probability: 0.1 },
        { match: { path: '^/api/', method: ['POST', 'PUT'] }, action: 'drop', probability: 0.05, times: 1000 },
        { match: { path: '^/api/', method: 'GET' }, action: 'error', probability: 0.03 },
      ],
      seed,
    );
    const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_CONCURRENCY: '2', NAVBOT_RETRIES: '3', NAVBOT_BREAKER: '5' }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const state = await target.client.state();
    expect(state.certificates).toHaveLength(6);
    expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    // Every reason a person reads is Russian: no English page-object text in the report.
    for (const r of await lastReport(dir)) expect(r.reason).not.toMatch(/admin panel|session expired|Timeout/);
  });
});
