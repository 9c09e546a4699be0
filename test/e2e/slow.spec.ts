// A region that answers every request in 5 s (the `slow` stand variant, as one region measured):
// a batch completes with default timeouts and the run's lines carry an ETA measured from it.
// The suite runs 2 rows at C=2; `npm run slow` runs the 10 rows (about 13 minutes).
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { lastReport, makeQueue, navbotEnv, runNavbot, tempDir, useStand, type QueueRowInput } from './support/navbot.js';

const ROWS = Number(process.env.NAVBOT_SLOW_ROWS ?? 2);
const target = useStand({ variants: ['slow'] });

test(`slow region (5 s an answer): ${ROWS} rows at C=2 with default timeouts, with an ETA`, async () => {
  test.setTimeout(ROWS * 400_000);
  const dir = tempDir();
  const rows: QueueRowInput[] = Array.from({ length: ROWS }, (_, i) => ({ key: `М-${i + 1}`, birth: `${String(i + 1).padStart(2, '0')}.04.2014`, sex: i % 2 ? 'Женский' : 'Мужской' }));
  const file = await makeQueue(path.join(dir, 'q.xlsx'), rows);
  const env = navbotEnv(target.url, dir, { NAVBOT_CONCURRENCY: '2' });
  // Default timeouts and politeness: only what navbotEnv sets for every e2e is overridden back.
  delete (env as Record<string, string>).NAVBOT_TIMEOUT_MS;
  const run = await runNavbot(['run', file], env);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect((await target.client.state()).certificates).toHaveLength(ROWS);
  expect((await lastReport(dir)).every((r) => r.status === 'Выдан')).toBe(true);
  // Every line but the last says how long is left, in minutes measured on this region.
  const lines = run.stderr.split('\n').filter((l) => /^\[\d+\/\d+\]/.test(l));
  expect(lines).toHaveLength(ROWS);
  if (ROWS > 1) expect(lines[0]).toMatch(/осталось (~\d+ мин|меньше минуты)/);
});
