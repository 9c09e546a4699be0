// A key's identity (issue 21, part 1): keys that differ only in case or keyboard layout are one
// key — one placeholder user, one child, one certificate, across queues. And a ledger written by
// an older navbot (which kept «X-01» as Cyrillic «х-01», e-mail robot+kh-01@…, and derived the
// password from that form) still finds its user, keeps its e-mail and logs in with its password.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DEMO_SECRET } from '../../src/config/settings.js';
import { derivePassword } from '../../src/core/password.js';
import { targetFor } from '../../src/journal/target.js';
import { lastReport, makeQueue, navbotEnv, runNavbot, tempDir, useStand, type QueueRowInput } from './support/navbot.js';

const target = useStand();

const ledgerFile = (dir: string) => path.join(dir, 'state', 'ledger', `${targetFor(`${target.url}/`, `${target.url}/admin/`).id}.jsonl`);

/** Writes a ledger file as an older navbot left it for this stand. */
function writeLedger(dir: string, lines: object[]): void {
  mkdirSync(path.dirname(ledgerFile(dir)), { recursive: true });
  writeFileSync(ledgerFile(dir), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

/** A placeholder user as navbot registers it, with the password of `keyForm`. */
async function seedPlaceholder(email: string, keyForm: string): Promise<number> {
  const seeded = await fetch(`${target.url}/__stand/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', municipality: 'г. Лесной', password: derivePassword(DEMO_SECRET, keyForm) }),
  });
  expect(seeded.status).toBe(201);
  return ((await seeded.json()) as { id: number }).id;
}

const row = (key: string): QueueRowInput => ({ key, birth: '05.03.2016', sex: 'Мужской', municipality: 'г. Лесной' });

test('1. «AB-7», then «ab-7» in the next queue: one user, one child, one certificate, the same number reported', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  const first = await runNavbot(['run', await makeQueue(path.join(dir, 'очередь-1.xlsx'), [row('AB-7')])], env);
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const before = await target.client.state();
  expect(before.users).toHaveLength(1);
  expect(before.children).toHaveLength(1);
  expect(before.certificates).toHaveLength(1);
  const [issued] = await lastReport(dir);
  expect(issued).toMatchObject({ status: 'Выдан', number: before.certificates[0]!.number });

  const second = await runNavbot(['run', await makeQueue(path.join(dir, 'очередь-2.xlsx'), [row('ab-7')])], env);
  expect(second.code, second.stdout + second.stderr).toBe(0);
  expect(await target.client.state()).toEqual(before);
  const [again] = await lastReport(dir);
  expect(again).toMatchObject({ status: 'Уже был выдан', number: before.certificates[0]!.number, email: 'robot+ab-7@stand.local' });
  // The e-mail reads as the key was typed: Latin stays Latin (not robot+av-7@).
  expect(before.users.map((u) => u.email)).toEqual(['robot+ab-7@stand.local']);
});

test('2. one queue with «Ab-10» and «aB-10»: validate finds the duplicate key', async () => {
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'очередь.xlsx'), [row('Ab-10'), { ...row('aB-10'), birth: '06.03.2016' }]);
  const r = await runNavbot(['validate', file], navbotEnv(target.url, dir));
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stdout + r.stderr).toContain('ключ «aB-10» повторяется: такой же ключ «Ab-10» в строке 2');
});

test('3. a ledger of an older navbot («X-01» kept as «х-01», e-mail robot+kh-01@): its user is found and logged in, nothing new made', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  // What the older navbot left: a placeholder user registered with the old slug and the password
  // derived from the old normalised key, and the ledger's record of it.
  const oldKey = 'х-01'; // Cyrillic х
  const email = 'robot+kh-01@stand.local';
  const userId = await seedPlaceholder(email, oldKey);
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const run = 'run-old';
  writeLedger(dir, [
    { at, run, key: oldKey, step: 'row', kind: 'bind', bind: { content: { birthDate: '2016-03-05', sex: 'male', municipality: 'г. Лесной', email }, queue: 'q-old', file: path.join(dir, 'старая.xlsx'), row: 2, shownKey: 'X-01' } },
    { at, run, key: oldKey, step: 'register', kind: 'intent', attempt: 1 },
    { at, run, key: oldKey, step: 'register', kind: 'done', facts: { userId: String(userId) } },
  ]);

  const r = await runNavbot(['run', await makeQueue(path.join(dir, 'очередь.xlsx'), [row('X-01')])], env);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const state = await target.client.state();
  expect(state.users.map((u) => u.email)).toEqual([email]);
  expect(state.children).toHaveLength(1);
  expect(state.children[0]).toMatchObject({ userId, birthDate: '2016-03-05', sex: 'male', confirmed: true });
  expect(state.certificates).toHaveLength(1);
  const [line] = await lastReport(dir);
  expect(line).toMatchObject({ status: 'Выдан', email, number: state.certificates[0]!.number });
  // The key goes on under the form the ledger holds it by: one record, never a second.
  const keys = readFileSync(ledgerFile(dir), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key);
  expect(new Set(keys)).toEqual(new Set([oldKey]));

  // `navbot password` prints the password the run used: the one of the older form.
  const pw = await runNavbot(['password', 'X-01', '--only'], env);
  expect(pw.code, pw.stderr).toBe(0);
  expect(pw.stdout.trim()).toBe(derivePassword(DEMO_SECRET, oldKey));
});

test('4. a key an older navbot kept as two («ав-7» and «ab-7», two users): the row stops naming both, nothing is sent', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const lines: object[] = [];
  for (const [form, shownKey, email] of [['ав-7', 'AB-7', 'robot+av-7@stand.local'], ['ab-7', 'ab-7', 'robot+ab-7@stand.local']] as const) {
    const userId = await seedPlaceholder(email, form);
    lines.push(
      { at, run: 'old', key: form, step: 'row', kind: 'bind', bind: { content: { birthDate: '2016-03-05', sex: 'male', municipality: 'г. Лесной', email }, queue: 'q-old', file: path.join(dir, `${form}.xlsx`), row: 2, shownKey } },
      { at, run: 'old', key: form, step: 'register', kind: 'intent', attempt: 1 },
      { at, run: 'old', key: form, step: 'register', kind: 'done', facts: { userId: String(userId) } },
    );
  }
  writeLedger(dir, lines);
  const before = await target.client.state();
  const since = (await target.client.requests()).length;

  const r = await runNavbot(['run', await makeQueue(path.join(dir, 'очередь.xlsx'), [row('Ab-7')])], env);
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(await target.client.state()).toEqual(before);
  expect((await target.client.requests()).slice(since).filter((q) => q.path.startsWith('/api/'))).toEqual([]);
  const [line] = await lastReport(dir);
  expect(line!.status).toBe('Ошибка');
  for (const part of ['«AB-7» (в учёте «ав-7»)', 'robot+av-7@stand.local', '«ab-7»', 'robot+ab-7@stand.local', 'не выбирает']) expect(line!.reason).toContain(part);
  expect(line!.action).toContain('уберите строку из очереди');

  // `navbot password` shows both passwords, and refuses to pick one for a script.
  const pw = await runNavbot(['password', 'Ab-7'], env);
  expect(pw.stdout).toContain(`Пароль для «ав-7»: ${derivePassword(DEMO_SECRET, 'ав-7')}`);
  expect(pw.stdout).toContain(`Пароль для «ab-7»: ${derivePassword(DEMO_SECRET, 'ab-7')}`);
  const only = await runNavbot(['password', 'Ab-7', '--only'], env);
  expect(only.code).toBe(2);

  // The audit reads the same ledger: it names both forms too, never «found» under one address.
  const audit = await runNavbot(['run', await makeQueue(path.join(dir, 'сверка.xlsx'), [row('Ab-7')]), '--flow', 'audit'], env);
  expect(audit.code, audit.stdout + audit.stderr).toBe(1);
  const [checked] = await lastReport(dir);
  expect(checked!.status).toBe('Ошибка');
  for (const part of ['«AB-7» (в учёте «ав-7»)', 'robot+av-7@stand.local', 'robot+ab-7@stand.local']) expect(checked!.reason).toContain(part);
});

test('5. «Х-01» (Cyrillic) issued from one PC, «X-01» (Latin) from another with no ledger: no second user; the row names the address', async () => {
  test.setTimeout(240_000);
  const one = tempDir();
  const first = await runNavbot(['run', await makeQueue(path.join(one, 'очередь.xlsx'), [row('Х-01')])], navbotEnv(target.url, one));
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const before = await target.client.state();
  expect(before.users.map((u) => u.email)).toEqual(['robot+kh-01@stand.local']);

  const other = tempDir(); // another state folder: this PC's ledger knows nothing of «Х-01»
  const r = await runNavbot(['run', await makeQueue(path.join(other, 'очередь.xlsx'), [row('X-01')])], navbotEnv(target.url, other));
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(await target.client.state()).toEqual(before);
  const [line] = await lastReport(other);
  expect(line!.status).toBe('Ошибка');
  expect(line!.reason).toContain(`#${before.users[0]!.id} с адресом robot+kh-01@stand.local`);
  expect(line!.action).toContain('впишите в столбец «E-mail» этой строки адрес robot+kh-01@stand.local');
});
