// The audit flow end to end (issue 12): a queue of four children — two issued by the accounting
// flow, one whose child was added but never confirmed, one never started — reconciled with the
// stand by `navbot run --flow audit`. It reports the two numbers and, in Russian, what the other
// two lack; it sends nothing but GETs and the admin's login, leaves the stand and the ledger as
// they were, and the accounting flow's next run goes on as if no audit had run.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readHtml, readXlsx } from '../unit/report/read-back.js';
import { makeQueue, navbotEnv, runDirs, runNavbot, tempDir, useStand, type QueueRowInput } from './support/navbot.js';

const target = useStand();

const ROWS: QueueRowInput[] = [
  { key: 'С-1', birth: '01.02.2014', sex: 'Мужской', realName: 'Один' },
  { key: 'С-2', birth: '02.03.2015', sex: 'Женский', realName: 'Два' },
  { key: 'С-3', birth: '03.04.2016', sex: 'Мужской', realName: 'Три' },
  { key: 'С-4', birth: '04.05.2017', sex: 'Женский', realName: 'Четыре' },
];

/** The target's ledger file (one per Navigator). */
function ledgerFile(dir: string): string {
  const ledgers = path.join(dir, 'state', 'ledger');
  return path.join(ledgers, readdirSync(ledgers).find((f) => f.endsWith('.jsonl'))!);
}

/** Everything the audit sent that is not a read: only the admin panel's login. */
const notReads = (log: Array<{ method: string; path: string }>) => log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

test('an audit after the accounting run: 2 found with their numbers, 1 child not confirmed, 1 without a user; only reads', async () => {
  test.setTimeout(300_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'очередь.xlsx'), ROWS);
  const env = navbotEnv(target.url, dir, { NAVBOT_RETRIES: '0' });

  // Two rows issued by the accounting flow…
  const issued = await runNavbot(['run', file, '--only', 'С-1', 'С-2'], env);
  expect(issued.code, issued.stdout + issued.stderr).toBe(0);
  // …one stopped at the child's confirmation (the panel fails it), so its child is not confirmed…
  await target.client.faults([{ match: { method: 'POST', path: '^/api/rest/kid/\\d+/approve$' }, action: 'error', status: 500 }]);
  const stopped = await runNavbot(['run', file, '--only', 'С-3'], env);
  expect(stopped.code, stopped.stdout + stopped.stderr).toBe(1);
  await target.client.faults([]);
  // …and С-4 never started.
  const before = await target.client.state();
  expect(before.users).toHaveLength(3);
  expect(before.children.map((c) => c.confirmed).sort()).toEqual([false, true, true]);
  expect(before.certificates).toHaveLength(2);
  const ledgerBefore = readFileSync(ledgerFile(dir));
  expect(ledgerBefore.toString()).toContain('"flow":"accounting-certificate"');
  const since = (await target.client.requests()).length;

  const audit = await runNavbot(['run', file, '--flow', 'audit'], env);
  // A row lacks something: exit 1, and the console says where to read why.
  expect(audit.code, audit.stdout + audit.stderr).toBe(1);
  expect(audit.stdout).toMatch(/Итог: найдено 2, не хватает 2, ошибок 0/);
  expect(audit.stdout).toContain('Не хватает — 2');

  // Read-only: the stand's request log shows only reads and the admin login; nothing changed.
  const log = (await target.client.requests()).slice(since);
  expect(log.some((r) => r.method === 'GET' && r.path.startsWith('/api/'))).toBe(true);
  expect(new Set(notReads(log))).toEqual(new Set(['POST /api/user/login']));
  expect(await target.client.state()).toEqual(before);
  // The staff's own columns never leave the machine.
  for (const r of ROWS) expect(JSON.stringify(log)).not.toContain(r.realName!);
  // Nothing in the ledger: the accounting flow's rows are untouched, no audit row is written.
  expect(readFileSync(ledgerFile(dir)).equals(ledgerBefore)).toBe(true);

  const runDir = runDirs(dir).at(-1)!;
  const { rows, pairs } = await readXlsx(path.join(runDir, 'report.xlsx'));
  const childOf = (birthDate: string) => before.children.find((c) => c.birthDate === birthDate)!;
  const numberOf = (birthDate: string) => before.certificates.find((c) => c.childId === childOf(birthDate).id)!.number;
  const userOf = (birthDate: string) => String(childOf(birthDate).userId);
  expect(rows.map((r) => [r['Ключ'], r['Статус'], r['Номер сертификата'], r['Чего не хватает']])).toEqual([
    ['С-1', 'Найдено', numberOf('2014-02-01'), undefined],
    ['С-2', 'Найдено', numberOf('2015-03-02'), undefined],
    ['С-3', 'Не хватает', undefined, 'ребенок не подтвержден; нет сертификата учета'],
    ['С-4', 'Не хватает', undefined, 'нет пользователя'],
  ]);
  expect(rows.map((r) => [r['ID пользователя'], r['ID ребенка']])).toEqual([
    [userOf('2014-02-01'), String(childOf('2014-02-01').id)],
    [userOf('2015-03-02'), String(childOf('2015-03-02').id)],
    [userOf('2016-04-03'), String(childOf('2016-04-03').id)],
    [undefined, undefined],
  ]);
  expect(String(rows[3]!['Причина'])).toContain('нет пользователя с e-mail robot+');
  expect(String(rows[2]!['Что делать'])).toMatch(/navbot run/);
  expect(rows.map((r) => r['ФИО (для себя)'])).toEqual(['Один', 'Два', 'Три', 'Четыре']);
  // The municipality is not the audit's column: staff see it as their own.
  expect(rows[0]!['Муниципалитет']).toBe('г. Блестящий');
  expect(String(pairs.get('Процедура'))).toContain('--flow audit');
  const html = readHtml(path.join(runDir, 'report.html'));
  expect(html.rows.map((r) => r.status)).toEqual(['already', 'already', 'incomplete', 'incomplete']);
  expect(html.rows[2]!.cells.missing).toBe('ребенок не подтвержден; нет сертификата учета');
  expect(html.counts).toMatchObject({ already: 2, incomplete: 2 });

  // The accounting flow's next run is not «already done» from anything the audit did: it finishes
  // С-3, starts С-4, and finds С-1 and С-2 done by itself earlier.
  const next = await runNavbot(['run', file], env);
  expect(next.code, next.stdout + next.stderr).toBe(0);
  const after = await target.client.state();
  expect(after.users).toHaveLength(4);
  expect(after.children.every((c) => c.confirmed)).toBe(true);
  expect(after.certificates).toHaveLength(4);
  expect(after.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
  const accounting = await readXlsx(path.join(runDirs(dir).at(-1)!, 'report.xlsx'));
  expect(accounting.rows.map((r) => [r['Ключ'], r['Статус']])).toEqual([
    ['С-1', 'Уже был выдан'],
    ['С-2', 'Уже был выдан'],
    ['С-3', 'Выдан'],
    ['С-4', 'Выдан'],
  ]);
  expect(String(accounting.rows[0]!['Причина'])).toMatch(/^Выдан navbot ранее/);

  // And an audit now finds every row complete: exit 0.
  const again = await runNavbot(['run', file, '--flow', 'audit'], env);
  expect(again.code, again.stdout + again.stderr).toBe(0);
  const final = await readXlsx(path.join(runDirs(dir).at(-1)!, 'report.xlsx'));
  expect(final.rows.map((r) => r['Статус'])).toEqual(['Найдено', 'Найдено', 'Найдено', 'Найдено']);
  expect(final.rows.map((r) => r['Номер сертификата']).sort()).toEqual(after.certificates.map((c) => c.number).sort());
});

test('an audit of a Navigator navbot never worked on leaves no ledger behind', async () => {
  test.setTimeout(120_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'Н-1', birth: '05.06.2015', sex: 'Мужской' }]);
  const audit = await runNavbot(['run', file, '--flow', 'audit'], navbotEnv(target.url, dir));
  expect(audit.code, audit.stdout + audit.stderr).toBe(1);
  expect(audit.stdout).toContain('Не хватает — 1');
  // A read-only flow creates no ledger file and no description of one (it used to leave an empty <id>.jsonl).
  const ledgers = path.join(dir, 'state', 'ledger');
  const files = existsSync(ledgers) ? readdirSync(ledgers) : [];
  expect(files.filter((f) => f.endsWith('.jsonl') || f.endsWith('.json'))).toEqual([]);
  // The report is there all the same.
  const { rows } = await readXlsx(path.join(runDirs(dir).at(-1)!, 'report.xlsx'));
  expect(rows.map((r) => [r['Ключ'], r['Статус']])).toEqual([['Н-1', 'Не хватает']]);
});

test('a ledger from before flows had names is the accounting flow’s: it goes on from it, and the audit reads it alike', async () => {
  test.setTimeout(180_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'Л-1', birth: '05.06.2015', sex: 'Мужской' }]);
  const env = navbotEnv(target.url, dir);
  const first = await runNavbot(['run', file], env);
  expect(first.code, first.stdout + first.stderr).toBe(0);
  // The ledger as an older navbot wrote it: the same entries without a flow name.
  const ledger = ledgerFile(dir);
  const old = readFileSync(ledger, 'utf8').replaceAll('"flow":"accounting-certificate",', '');
  expect(old).not.toContain('"flow"');
  writeFileSync(ledger, old);

  const audit = await runNavbot(['run', file, '--flow', 'audit'], env);
  expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  expect(readFileSync(ledger, 'utf8')).toBe(old);
  const state = await target.client.state();
  const found = await readXlsx(path.join(runDirs(dir).at(-1)!, 'report.xlsx'));
  expect(found.rows.map((r) => [r['Статус'], r['Номер сертификата']])).toEqual([['Найдено', state.certificates[0]!.number]]);

  const since = (await target.client.requests()).length;
  const again = await runNavbot(['run', file], env);
  expect(again.code, again.stdout + again.stderr).toBe(0);
  expect(notReads((await target.client.requests()).slice(since)).filter((r) => !r.endsWith('/login'))).toEqual([]);
  const report = await readXlsx(path.join(runDirs(dir).at(-1)!, 'report.xlsx'));
  // «Выдан navbot ранее»: the unnamed entries were read as this flow's own.
  expect(report.rows.map((r) => [r['Статус'], r['Номер сертификата']])).toEqual([['Уже был выдан', state.certificates[0]!.number]]);
  expect(String(report.rows[0]!['Причина'])).toMatch(/^Выдан navbot ранее: прогон /);
});
