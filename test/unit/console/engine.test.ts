// The console's seam to the engine (src/console/engine.ts): settings read as the CLI reads them
// (the environment over .env, .env afresh), every secret masked, validate's findings, the batch's
// refusals as Russian messages, and the target's lock read as it lies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQueue, ConsoleEnv, flowNamed, lockHolder, runBatch } from '../../../src/console/engine.js';
import { ledgerDir, targetFor } from '../../../src/journal/target.js';
import { makeQueue } from '../../e2e/support/navbot.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-console-unit-'));

function project(env: string[]): string {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, '.env'), `${[`NAVBOT_STATE_DIR=${path.join(dir, 'state')}`, `NAVBOT_REPORTS_DIR=${path.join(dir, 'reports')}`, ...env].join('\n')}\n`);
  return dir;
}

describe('console engine adapter', () => {
  it('reads .env afresh, and the environment navbot started with wins over it', () => {
    const dir = project(['NAVBOT_CONCURRENCY=3', 'NAVBOT_MUNICIPALITY=г. Блестящий']);
    const env = new ConsoleEnv(dir, { NAVBOT_CONCURRENCY: '5' });
    expect(env.settings().concurrency).toBe(5);
    expect(env.settings().municipality).toBe('г. Блестящий');
    fs.appendFileSync(path.join(dir, '.env'), 'NAVBOT_MUNICIPALITY=\n');
    expect(new ConsoleEnv(dir, {}).settings().concurrency).toBe(3);
  });

  it('a wrong setting is an Error with the setting named, in Russian', () => {
    const env = new ConsoleEnv(project(['NAVBOT_CONCURRENCY=много']), {});
    expect(() => env.settings()).toThrowError(/NAVBOT_CONCURRENCY/);
  });

  it('masks the admin password, the secret and the SMTP password of .env', () => {
    const env = new ConsoleEnv(project(['NAVBOT_ADMIN_PASSWORD=Adm1n-Pa55-word', 'NAVBOT_SECRET=secret-0123456789abcdef', 'NAVBOT_SMTP_URL=smtp://robot:Mail-Pa55@mail.example:587']), {});
    const masked = env.redactor().text('Adm1n-Pa55-word secret-0123456789abcdef Mail-Pa55 ok');
    expect(masked).not.toMatch(/Adm1n|secret-0123|Mail-Pa55/);
    expect(masked).toContain('ok');
  });

  it("gives validate's findings for a queue, and the reason for a file that is no workbook", async () => {
    const dir = project([]);
    const settings = new ConsoleEnv(dir, {}).settings();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), [
      { key: 'А-1', birth: '31.02.2015', sex: 'Мужской' },
      { key: 'А-2', birth: '01.02.2015', sex: 'Женский' },
    ]);
    const check = await checkQueue(file, flowNamed(undefined), settings);
    expect(check).toMatchObject({ valid: false, checked: 2, ready: 1, invalid: 1, keys: ['А-2'] });
    expect(check.problems).toEqual([expect.objectContaining({ rowNumber: 2, column: 'B', problem: expect.stringContaining('такой даты нет') })]);
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a workbook');
    const bad = await checkQueue(junk, flowNamed(undefined), settings);
    expect(bad.valid).toBe(false);
    expect(bad.fileError).toMatch(/[а-я]/);
  });

  it('the batch refuses a queue with errors before anything is sent: exit 2 and the Russian reason', async () => {
    const dir = project([]);
    const settings = new ConsoleEnv(dir, {}).settings();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'А-1', birth: '31.02.2015', sex: 'Мужской' }]);
    const lines: string[] = [];
    const events: unknown[] = [];
    const end = await runBatch({ file, flow: flowNamed(undefined), settings, mode: 'run', signal: new AbortController().signal, onEvent: (e) => events.push(e), out: (l) => lines.push(l) });
    expect(end).toMatchObject({ ok: false, exitCode: 2, message: expect.stringContaining('строки с ошибками') });
    expect(events).toEqual([]);
  });

  it("reads the target's lock as the CLI judges it: a live holder here or on another computer; a dead one, this one, or a pid from before the boot does not (review R1, 8)", () => {
    const dir = project([]);
    const settings = new ConsoleEnv(dir, {}).settings();
    const target = targetFor(settings.publicUrl, settings.adminUrl);
    const ledger = ledgerDir(path.resolve(settings.stateDir));
    fs.mkdirSync(ledger, { recursive: true });
    const now = new Date().toISOString();
    const lock = (pid: number, startedAt = now, host = os.hostname()) => fs.writeFileSync(path.join(ledger, `${target.id}.lock`), JSON.stringify({ pid, host, startedAt }));
    expect(lockHolder(settings)).toBeUndefined();
    lock(process.ppid);
    expect(lockHolder(settings)).toMatchObject({ pid: process.ppid, startedAt: now });
    // After a reboot the pid may be alive again in another process: the CLI takes such a lock over.
    lock(process.ppid, new Date(Date.now() - os.uptime() * 1000 - 3_600_000).toISOString());
    expect(lockHolder(settings)).toBeUndefined();
    lock(2 ** 22 + 12345, now, 'school-pc-2');
    expect(lockHolder(settings)).toMatchObject({ label: expect.stringContaining('school-pc-2') });
    lock(process.pid);
    expect(lockHolder(settings)).toBeUndefined();
    lock(2 ** 22 + 12345);
    expect(lockHolder(settings)).toBeUndefined();
  });
});
