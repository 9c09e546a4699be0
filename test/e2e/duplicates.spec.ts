// The target's word about duplicates (issue 21, parts 2 and 3). (a) A placeholder user with two
// identical children (one certified) and a child with two accounting certificates, staged through
// the control API: `run` and `--flow audit` both report «Дубликат в Навигаторе» with both ids or
// numbers and which one to delete, exit 1, and the stand gains nothing. (b) Two installations (two
// state folders) run one 4-row queue at once against one stand, then the first runs again: every
// duplicate the stand holds is reported, and no report says «Выдан» / «Уже был выдан» with
// another run's number without saying so.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { makeQueue, navbotEnv, reportRows, runDirs, runNavbot, startNavbot, tempDir, useStand, type QueueRowInput, type ReportLine, type StandDump } from './support/navbot.js';

const target = useStand();

const DUPLICATE = 'Дубликат в Навигаторе';
const placeholder = { lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных' };

test('(a) two identical children of a placeholder user, two accounting certificates of a child: run and audit report the duplicate with both ids, exit 1, nothing added', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const c = target.client;
  // D-1: one user, two children of the row's birth date and sex; the first confirmed and certified.
  const u1 = await c.addUser({ email: 'dup-1@stand.local', ...placeholder, resident: false });
  const k1 = await c.addChild({ userId: u1.id, ...placeholder, birthDate: '2016-03-05', sex: 'male', confirmed: true });
  const k1b = await c.addChild({ userId: u1.id, ...placeholder, birthDate: '2016-03-05', sex: 'male' });
  const cert1 = await c.addCertificate({ childId: k1.id });
  // D-2: one user, one confirmed child with two accounting certificates.
  const u2 = await c.addUser({ email: 'dup-2@stand.local', ...placeholder, resident: false });
  const k2 = await c.addChild({ userId: u2.id, ...placeholder, birthDate: '2015-07-01', sex: 'female', confirmed: true });
  const cert2a = await c.addCertificate({ childId: k2.id });
  const cert2b = await c.addCertificate({ childId: k2.id });
  const before = await c.state();

  const file = await makeQueue(path.join(dir, 'очередь.xlsx'), [
    { key: 'D-1', birth: '05.03.2016', sex: 'Мужской', email: 'dup-1@stand.local' },
    { key: 'D-2', birth: '01.07.2015', sex: 'Женский', email: 'dup-2@stand.local' },
  ]);
  const env = navbotEnv(target.url, dir, { NAVBOT_RETRIES: '0' });

  const run = await runNavbot(['run', file], env);
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(await c.state()).toEqual(before);
  const issued = await reportRows(runDirs(dir).at(-1)!);
  expect(issued.map((r) => [r.key, r.status])).toEqual([
    ['D-1', DUPLICATE],
    ['D-2', DUPLICATE],
  ]);
  // Both ids, and which one to keep: the certified child, the first certificate.
  expect(issued[0]!.reason).toContain(`#${k1.id}`);
  expect(issued[0]!.reason).toContain(`#${k1b.id}`);
  expect(issued[0]!.action).toContain(`#${k1b.id}`);
  expect(issued[0]!.action).toMatch(new RegExp(`оставьте[^.]*#${k1.id}`, 'i'));
  expect(issued[1]!.reason).toContain(cert2a.number);
  expect(issued[1]!.reason).toContain(cert2b.number);
  expect(issued[1]!.action).toMatch(new RegExp(`оставьте[^.]*${cert2a.number}`, 'i'));
  expect(issued[1]!.action).toContain(cert2b.number);
  expect(run.stdout).toContain(`${DUPLICATE} — 2`);
  void cert1;

  const audit = await runNavbot(['run', file, '--flow', 'audit'], env);
  expect(audit.code, audit.stdout + audit.stderr).toBe(1);
  expect(await c.state()).toEqual(before);
  const found = await reportRows(runDirs(dir).at(-1)!);
  expect(found.map((r) => [r.key, r.status])).toEqual([
    ['D-1', DUPLICATE],
    ['D-2', DUPLICATE],
  ]);
  expect(found[0]!.reason).toContain(`#${k1.id}`);
  expect(found[0]!.reason).toContain(`#${k1b.id}`);
  expect(found[1]!.reason).toContain(cert2a.number);
  expect(found[1]!.reason).toContain(cert2b.number);
  expect(found[1]!.action).toContain(cert2b.number);
});

/** Rows whose child the stand holds twice, or whose child holds two accounting certificates (by the user's e-mail). */
function duplicatedEmails(s: StandDump, emails: readonly string[]): string[] {
  const out: string[] = [];
  for (const email of emails) {
    const users = s.users.filter((u) => u.email.toLowerCase() === email.toLowerCase());
    const kids = s.children.filter((k) => users.some((u) => u.id === k.userId));
    const sameChild = new Map<string, number>();
    for (const k of kids) sameChild.set(`${k.userId}/${k.birthDate}/${k.sex}`, (sameChild.get(`${k.userId}/${k.birthDate}/${k.sex}`) ?? 0) + 1);
    const certs = (id: number) => s.certificates.filter((x) => x.childId === id && x.type === 'accounting').length;
    if (users.length > 1 || [...sameChild.values()].some((n) => n > 1) || kids.some((k) => certs(k.id) > 1)) out.push(email);
  }
  return out;
}

test('(b) two installations at once on one Navigator, then the first again: every duplicate reported, no «Выдан» with another run\'s number unsaid', async () => {
  test.setTimeout(420_000);
  const rows: QueueRowInput[] = [
    { key: 'Q-01', birth: '05.03.2016', sex: 'Мужской' },
    { key: 'Q-02', birth: '06.04.2015', sex: 'Женский' },
    { key: 'Q-03', birth: '07.05.2014', sex: 'Мужской' },
    { key: 'Q-04', birth: '08.06.2013', sex: 'Женский' },
  ];
  const emails = rows.map((r) => `robot+${r.key.toLowerCase()}@stand.local`);
  // A Navigator that answers in 150 ms: the two installations' steps overlap as on a real region.
  await fetch(`${target.url}/__stand/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 150 }) });
  const dirA = tempDir('navbot-a-');
  const dirB = tempDir('navbot-b-');
  const fileA = await makeQueue(path.join(dirA, 'очередь.xlsx'), rows);
  const fileB = await makeQueue(path.join(dirB, 'очередь.xlsx'), rows);
  const envA = navbotEnv(target.url, dirA, { NAVBOT_RETRIES: '1' });
  const envB = navbotEnv(target.url, dirB, { NAVBOT_RETRIES: '1' });

  const [a, b] = await Promise.all([startNavbot(['run', fileA], envA).done, startNavbot(['run', fileB], envB).done]);
  const a1 = await reportRows(runDirs(dirA).at(-1)!);
  const b1 = await reportRows(runDirs(dirB).at(-1)!);
  const third = await runNavbot(['run', fileA], envA);
  const a2 = await reportRows(runDirs(dirA).at(-1)!);
  const state = await target.client.state();
  const log = `A: ${a.stdout}\nB: ${b.stdout}\nA again: ${third.stdout}\nstand: ${JSON.stringify(state.duplicates)}`;

  // Every duplicate the stand holds is reported by the run after (and by the run that made it, if it saw it).
  const duplicated = duplicatedEmails(state, emails);
  const keyOf = (email: string) => rows[emails.indexOf(email)]!.key;
  for (const email of duplicated) expect(a2.find((r) => r.key === keyOf(email))?.status, log).toBe(DUPLICATE);
  // A run that ended with a duplicate says so in its exit code.
  for (const [run, report] of [[a, a1], [b, b1], [third, a2]] as const) {
    if (report.some((r) => r.status === DUPLICATE || r.status === 'Ошибка')) expect(run.code, log).toBe(1);
  }
  // Rows reported with a number: the number is on the stand for the row's user, and no two runs
  // both say navbot made the same certificate «Выдан» without a word of the other.
  const issuedBy = (report: ReportLine[], key: string) => report.find((r) => r.key === key && r.status === 'Выдан')?.number;
  for (const r of rows) {
    const na = issuedBy(a1, r.key);
    const nb = issuedBy(b1, r.key);
    if (na && nb) expect(na, `${r.key}: both runs say «Выдан» with one number\n${log}`).not.toBe(nb);
  }
  // The third run (A's folder) never claims B's certificate as its own: a number it shows is the
  // one A issued, or it says that another installation or a person issued it.
  for (const line of a2) {
    if (!line.number || line.status === DUPLICATE) continue;
    expect(line.status, log).not.toBe('Выдан');
    const mine = a1.find((r) => r.key === line.key && r.status === 'Выдан')?.number;
    if (line.number !== mine) expect(line.reason ?? '', `${line.key}: ${line.number} is not A's (${mine})\n${log}`).toMatch(new RegExp(`№ ${line.number}[^.]*не (этим|этот) navbot`));
  }
  for (const report of [a1, b1]) {
    for (const line of report) {
      if (line.status === 'Уже был выдан') expect(line.reason ?? '', log).toMatch(new RegExp(`№ ${line.number}[^.]*не (этим|этот) navbot`));
    }
  }
  // No row is left silent: each row of each report is issued, found, a duplicate, or failed with a reason.
  for (const report of [a1, b1, a2]) for (const line of report) expect(['Выдан', 'Уже был выдан', DUPLICATE, 'Ошибка'], log).toContain(line.status);
});
