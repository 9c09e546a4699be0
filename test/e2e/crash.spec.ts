// Crash safety: navbot is killed with SIGKILL at every step (a) just before its act, (b) while
// the act's response is held by the stand, (c) after the act, before its verify; a second run
// must finish the row with no duplicate user, child or certificate. Driven only by the stand's
// held requests and request log, never by hooks inside navbot.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { useStand, makeQueue, navbotEnv, runNavbot, startNavbot, tempDir } from './support/navbot.js';

/** The request that is each step's irreversible act. */
const ACTS: Array<{ step: string; method: string; path: string }> = [
  { step: 'register', method: 'POST', path: '^/api/site/register$' },
  { step: 'addChild', method: 'POST', path: '^/api/site/children$' },
  { step: 'clearResident', method: 'PUT', path: '^/api/rest/siteuser/\\d+$' },
  { step: 'confirmChild', method: 'POST', path: '^/api/rest/kid/\\d+/approve$' },
  { step: 'issueCertificate', method: 'POST', path: '^/api/rest/certificate$' },
];

type Point = 'before-act' | 'held-response' | 'after-act';
const POINTS: Point[] = ['before-act', 'held-response', 'after-act'];

const target = useStand();

for (const act of ACTS) {
  for (const point of POINTS) {
    test(`SIGKILL ${point} of ${act.step}: the next run issues once`, async () => {
      test.setTimeout(120_000);
      const dir = tempDir();
      const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'К-1', birth: '10.03.2014', sex: 'Женский' }]);
      const env = navbotEnv(target.url, dir);
      const re = new RegExp(act.path);
      const rule = { match: { method: act.method, path: act.path }, nth: 1 };
      // before-act: the request is stalled before the server carries it out, then abandoned.
      // held-response: the server carries it out, the answer is held.
      if (point === 'before-act') await target.client.faults([{ ...rule, action: 'stall' }]);
      if (point === 'held-response') await target.client.faults([{ ...rule, action: 'hold' }]);

      const run = startNavbot(['run', file], env);
      // If navbot ends before the point is reached, the poll shows how it ended.
      let exited = '';
      void run.done.then((r) => (exited = `navbot exited (${r.code ?? r.signal}): ${(r.stdout + r.stderr).slice(-3000)}`));
      await expect
        .poll(
          async () => {
            if (exited) return exited;
            if (point === 'after-act') {
              const log = await target.client.requests();
              return log.some((r) => r.method === act.method && re.test(r.path) && r.status >= 200 && r.status < 300) ? 'ready' : 'waiting';
            }
            return (await target.client.held()).some((h) => h.method === act.method && re.test(h.path)) ? 'ready' : 'waiting';
          },
          { timeout: 90_000, intervals: [20] },
        )
        .toBe('ready');
      run.child.kill('SIGKILL');
      const killed = await run.done;
      expect(killed.signal).toBe('SIGKILL');
      await target.client.release();
      await target.client.faults([]);

      // The journal announced the act before it was made.
      const ledgers = path.join(dir, 'state', 'ledger');
      const journalFile = readdirSync(ledgers).find((f) => f.endsWith('.jsonl'))!;
      const journal = readFileSync(path.join(ledgers, journalFile), 'utf8');
      expect(journal).toContain(`"step":"${act.step}","kind":"intent"`);

      const second = await runNavbot(['run', file], env);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      const state = await target.client.state();
      expect(state.users).toHaveLength(1);
      expect(state.users[0]!.resident).toBe(false);
      expect(state.children).toHaveLength(1);
      expect(state.children[0]).toMatchObject({ birthDate: '2014-03-10', sex: 'female', confirmed: true });
      expect(state.certificates).toHaveLength(1);
      expect(state.certificates[0]!.type).toBe('accounting');
      expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
    });
  }
}
