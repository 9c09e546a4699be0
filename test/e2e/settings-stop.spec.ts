// A wrong admin password is a settings error, not a fault of the connection: exit 2 (a scheduler
// must not retry it every night), the panel's refusal in Russian without «Сбой связи», nothing
// sent, and the password itself nowhere in what navbot printed.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { makeQueue, navbotEnv, runNavbot, tempDir, useStand, writes } from './support/navbot.js';

const target = useStand();

test('a wrong admin password ends the run with exit 2 and a Russian settings message', async () => {
  test.setTimeout(120_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'А-1', birth: '01.01.2015', sex: 'Мужской' }]);
  const r = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_ADMIN_PASSWORD: 'Wr0ng-Admin-Pa55' }));
  const printed = r.stdout + r.stderr;
  expect(r.code, printed).toBe(2);
  expect(printed).toContain('Не удалось войти в админ-панель');
  expect(printed).toContain('NAVBOT_ADMIN_PASSWORD');
  expect(printed).not.toContain('Сбой связи');
  expect(printed).not.toContain('Wr0ng-Admin-Pa55');
  expect(writes(await target.client.requests())).toEqual([]);
  expect((await target.client.state()).users).toEqual([]);
});
