// The ledger per Navigator (issue 10): what navbot knows is kept per target and per key, a row's
// content is compared with what its key sent before, and the report says «Выдан» / «Уже был
// выдан» only after the target itself showed the row's child with its certificate. One test per
// case staff met: another target, a corrected row, next month's queue, a family e-mail, two copies
// at once, a changed e-mail template, --only with an absent key, a kill during the certificate's
// save, a respelled key. Each asserts the stand's state and the report's words.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { startStand } from '../../src/stand/server.js';
import {
  StandClient,
  lastReport,
  makeQueue,
  navbotEnv,
  reportRows,
  runDirs,
  runNavbot,
  startNavbot,
  tempDir,
  useStand,
  writes,
  type QueueRowInput,
} from './support/navbot.js';

const target = useStand();

async function queueAt(dir: string, rel: string, rows: QueueRowInput[]): Promise<string> {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  return makeQueue(file, rows);
}

/** The stand's requests made after `since` (an index into the log). */
async function requestsSince(since: number) {
  return (await target.client.requests()).slice(since);
}

/** Requests for the Navigator's data (reads too); the reachability check's page loads are not. */
const apiCalls = (log: Array<{ path: string }>) => log.filter((r) => r.path.startsWith('/api/'));

/** The admin panel's REST API, as a person correcting a child in the panel would change it. */
async function correctChildAsPerson(url: string, childId: number, birthDate: string, sex: 'male' | 'female') {
  const login = await fetch(`${url}/api/user/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@stand.local', password: 'stand-admin' }),
  });
  const token = ((await login.json()) as { data: { token: string } }).data.token;
  const res = await fetch(`${url}/api/rest/kid/${childId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ birthday: birthDate, sex }),
  });
  expect(res.ok).toBe(true);
}

test('1. another target: the same queue against a second Navigator issues there, not «уже выданы»', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const file = await queueAt(dir, 'очередь.xlsx', [
    { key: 'Ц-1', birth: '03.03.2015', sex: 'Мужской' },
    { key: 'Ц-2', birth: '04.04.2016', sex: 'Женский' },
  ]);
  const first = await runNavbot(['run', file], navbotEnv(target.url, dir));
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const onA = await target.client.state();
  expect(onA.certificates).toHaveLength(2);

  const other = await startStand({ port: 0, control: true });
  try {
    const b = new StandClient(other.url);
    const second = await runNavbot(['run', file], navbotEnv(other.url, dir));
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('уже обрабатывал на другом Навигаторе');
    const onB = await b.state();
    expect(onB.users).toHaveLength(2);
    expect(onB.children.map((c) => `${c.birthDate}/${c.sex}/${c.confirmed}`).sort()).toEqual(['2015-03-03/male/true', '2016-04-04/female/true']);
    expect(onB.certificates).toHaveLength(2);
    const report = await lastReport(dir);
    expect(report.map((r) => r.status)).toEqual(['Выдан', 'Выдан']);
    expect(report.map((r) => r.number).sort()).toEqual(onB.certificates.map((c) => c.number).sort());
    // The first Navigator was not touched by the second run.
    expect(await target.client.state()).toEqual(onA);

    // `navbot ledger` shows what navbot holds for each Navigator, read-only.
    for (const [url, state] of [[other.url, onB], [target.url, onA]] as const) {
      const listed = await runNavbot(['ledger', '--target', `${url}/admin/`], navbotEnv(target.url, dir));
      expect(listed.code, listed.stdout + listed.stderr).toBe(0);
      const out = /Таблица: (.+\.xlsx)/.exec(listed.stdout)![1]!;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.getWorksheet('Учёт')!;
      // The columns are the flow's own (its queue columns and its report's facts): found by header.
      const headers = (ws.getRow(1).values as unknown[]).map(String);
      const at = ['Ключ', 'Дата рождения', 'Пол', 'Номер сертификата', 'Состояние'].map((h) => headers.indexOf(h));
      expect(at.every((c) => c > 0)).toBe(true);
      const got: string[] = [];
      ws.eachRow((r, n) => {
        if (n > 1) got.push(at.map((c) => String(r.getCell(c).value ?? '')).join('|'));
      });
      const [n1, n2] = ['2015-03-03', '2016-04-04'].map((d) => state.certificates.find((c) => state.children.find((k) => k.id === c.childId)?.birthDate === d)!.number);
      expect(got).toEqual([`Ц-1|03.03.2015|Мужской|${n1}|Выдан`, `Ц-2|04.04.2016|Женский|${n2}|Выдан`]);
    }
  } finally {
    await other.close();
  }
});

test('2. a corrected row: the old child is not confirmed or issued; after a person corrects it, the row goes on', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir, { NAVBOT_RETRIES: '0' });
  const rows = (birth: string, sex: QueueRowInput['sex']) => [{ key: 'И-1', birth, sex }];
  const file = await queueAt(dir, 'очередь.xlsx', rows('10.10.2016', 'Мужской'));
  await target.client.faults([{ match: { method: 'POST', path: '^/api/rest/kid/\\d+/approve$' }, action: 'error', status: 500 }]);
  const failed = await runNavbot(['run', file], env);
  expect(failed.code, failed.stdout + failed.stderr).toBe(1);
  await target.client.faults([]);
  let state = await target.client.state();
  expect(state.children).toHaveLength(1);
  expect(state.children[0]).toMatchObject({ birthDate: '2016-10-10', sex: 'male', confirmed: false });

  // Staff correct the row in the queue and run again.
  await queueAt(dir, 'очередь.xlsx', rows('11.10.2016', 'Женский'));
  const since = (await target.client.requests()).length;
  const refused = await runNavbot(['run', file], env);
  expect(refused.code, refused.stdout + refused.stderr).toBe(1);
  expect(writes(await requestsSince(since))).toEqual([]);
  state = await target.client.state();
  expect(state.children).toHaveLength(1);
  expect(state.children[0]).toMatchObject({ birthDate: '2016-10-10', sex: 'male', confirmed: false });
  expect(state.certificates).toHaveLength(0);
  const [row] = await lastReport(dir);
  expect(row!.status).toBe('Ошибка');
  expect(row!.number).toBe('');
  expect(row!.reason).toContain('10.10.2016, мужской');
  expect(row!.reason).toContain('11.10.2016, женский');
  expect(row!.action).toMatch(/исправьте дату рождения и пол ребенка #\d+ в админ-панели/);

  // A person corrects the child in the panel, as the message says; the next run goes on there.
  await correctChildAsPerson(target.url, state.children[0]!.id, '2016-10-11', 'female');
  const done = await runNavbot(['run', file], env);
  expect(done.code, done.stdout + done.stderr).toBe(0);
  state = await target.client.state();
  expect(state.children).toHaveLength(1);
  expect(state.children[0]).toMatchObject({ birthDate: '2016-10-11', sex: 'female', confirmed: true });
  expect(state.certificates).toHaveLength(1);
  const [issued] = await lastReport(dir);
  expect(issued).toMatchObject({ status: 'Выдан', number: state.certificates[0]!.number });
});

test('3. next month\'s queue reusing a key: stopped with both children named; a new key issues', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  const april = await queueAt(dir, 'april/очередь.xlsx', [{ key: '1', birth: '05.05.2015', sex: 'Мужской' }]);
  const a = await runNavbot(['run', april], env);
  expect(a.code, a.stdout + a.stderr).toBe(0);
  const aprilNumber = (await target.client.state()).certificates[0]!.number;

  const may = await queueAt(dir, 'may/очередь.xlsx', [
    { key: '1', birth: '07.07.2019', sex: 'Женский' },
    { key: '2', birth: '08.08.2018', sex: 'Мужской' },
  ]);
  const m = await runNavbot(['run', may], env);
  expect(m.code, m.stdout + m.stderr).toBe(1);
  const state = await target.client.state();
  expect(state.children.some((c) => c.birthDate === '2019-07-07')).toBe(false);
  expect(state.children.map((c) => c.birthDate).sort()).toEqual(['2015-05-05', '2018-08-08']);
  expect(state.certificates).toHaveLength(2);
  const [one, two] = await lastReport(dir);
  expect(one!.status).toBe('Ошибка');
  expect(one!.number).toBe('');
  expect(one!.reason).toContain('уже использован');
  expect(one!.reason).toContain('april/очередь.xlsx');
  expect(one!.reason).toContain('05.05.2015, мужской');
  expect(one!.reason).toContain('07.07.2019, женский');
  expect(one!.reason).toContain(aprilNumber);
  expect(one!.action).toContain('новый ключ');
  expect(two!.status).toBe('Выдан');

  // The same with a corrected birth date on April's issued row: stopped, nothing written.
  await queueAt(dir, 'april/очередь.xlsx', [{ key: '1', birth: '06.05.2015', sex: 'Мужской' }]);
  const since = (await target.client.requests()).length;
  const again = await runNavbot(['run', april], env);
  expect(again.code, again.stdout + again.stderr).toBe(1);
  expect(writes(await requestsSince(since))).toEqual([]);
  const [corrected] = await lastReport(dir);
  expect(corrected!.status).toBe('Ошибка');
  expect(corrected!.reason).toContain('05.05.2015');
  expect(corrected!.reason).toContain('06.05.2015');
  expect(corrected!.number).toBe('');
});

test('4. a family e-mail: a twin and a sibling with the same e-mail are stopped, never given the first child', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  const family = 'semya.petrovy@mail.ru';
  const mayQ = await queueAt(dir, 'май.xlsx', [{ key: 'Т-1', birth: '01.03.2017', sex: 'Женский', email: family }]);
  const may = await runNavbot(['run', mayQ], env);
  expect(may.code, may.stdout + may.stderr).toBe(0);
  const before = await target.client.state();

  // June: the twin (same birth date and sex); July: a sibling. Both with the family's e-mail.
  const juneQ = await queueAt(dir, 'июнь.xlsx', [{ key: 'Т-2', birth: '01.03.2017', sex: 'Женский', email: family }]);
  const julyQ = await queueAt(dir, 'июль.xlsx', [{ key: 'С-3', birth: '05.09.2014', sex: 'Мужской', email: family }]);
  for (const q of [juneQ, julyQ]) {
    const since = (await target.client.requests()).length;
    const run = await runNavbot(['run', q], env);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    // Refused before anything was sent: not even a read of the panel's data.
    expect(apiCalls(await requestsSince(since))).toEqual([]);
    expect(await target.client.state()).toEqual(before);
    const [r] = await lastReport(dir);
    expect(r!.status).toBe('Ошибка');
    expect(r!.number).toBe('');
    expect(r!.reason).toContain(`E-mail ${family} уже занят ключом «Т-1»`);
    expect(r!.action).toContain('свой e-mail');
    expect(r!.action).not.toMatch(/исправьте ребенка/i);
  }
});

test('5. two copies of one queue at once: the second is refused while the first runs; 2 rows, 2 certificates', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  const rows: QueueRowInput[] = [
    { key: 'К-1', birth: '02.02.2013', sex: 'Мужской' },
    { key: 'К-2', birth: '03.03.2014', sex: 'Женский' },
  ];
  const original = await queueAt(dir, 'очередь.xlsx', rows);
  const copy = await queueAt(dir, 'очередь (копия).xlsx', rows);
  // The first run is certainly in the middle of a row while the copy starts.
  await target.client.faults([{ match: { method: 'POST', path: '^/api/site/register$' }, action: 'hold', nth: 1 }]);
  const first = startNavbot(['run', original], env);
  await expect.poll(async () => (await target.client.held()).length, { timeout: 60_000, intervals: [50] }).toBe(1);
  const second = await runNavbot(['run', copy], env);
  expect(second.code, second.stdout + second.stderr).toBe(3);
  expect(second.stderr).toContain('уже обрабатывается другим запуском navbot');
  await target.client.release();
  await target.client.faults([]);
  const firstDone = await first.done;
  expect(firstDone.code, firstDone.stdout + firstDone.stderr).toBe(0);

  // Run afterwards, the copy finds both children issued and writes nothing.
  const since = (await target.client.requests()).length;
  const later = await runNavbot(['run', copy], env);
  expect(later.code, later.stdout + later.stderr).toBe(0);
  expect(writes(await requestsSince(since))).toEqual([]);
  const state = await target.client.state();
  expect(state.users).toHaveLength(2);
  expect(state.children).toHaveLength(2);
  expect(state.certificates).toHaveLength(2);
  expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
  expect((await lastReport(dir)).map((r) => r.status)).toEqual(['Уже был выдан', 'Уже был выдан']);
});

test('6. the e-mail template changed after registration: the row goes on under the e-mail it registered with', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const file = await queueAt(dir, 'очередь.xlsx', [{ key: 'Ш-1', birth: '09.09.2015', sex: 'Женский' }]);
  await target.client.faults([{ match: { method: 'POST', path: '^/api/rest/kid/\\d+/approve$' }, action: 'error', status: 500 }]);
  const failed = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_RETRIES: '0' }));
  expect(failed.code, failed.stdout + failed.stderr).toBe(1);
  await target.client.faults([]);
  const registered = (await target.client.state()).users[0]!.email;
  expect(registered).toBe('robot+sh-1@stand.local');

  await queueAt(dir, 'очередь.xlsx', [
    { key: 'Ш-1', birth: '09.09.2015', sex: 'Женский' },
    { key: 'Ш-2', birth: '10.10.2014', sex: 'Мужской' },
  ]);
  const env = navbotEnv(target.url, dir, { NAVBOT_EMAIL_TEMPLATE: 'navbot+{key}@school.ru' });
  const done = await runNavbot(['run', file], env);
  expect(done.code, done.stdout + done.stderr).toBe(0);
  expect(done.stdout).toContain('Шаблон NAVBOT_EMAIL_TEMPLATE изменился');
  const state = await target.client.state();
  expect(state.users.map((u) => u.email).sort()).toEqual(['navbot+sh-2@school.ru', 'robot+sh-1@stand.local']);
  expect(state.children).toHaveLength(2);
  expect(state.certificates).toHaveLength(2);
  const report = await lastReport(dir);
  expect(report.map((r) => [r.status, r.email])).toEqual([
    ['Выдан', 'robot+sh-1@stand.local'],
    ['Выдан', 'navbot+sh-2@school.ru'],
  ]);
  expect(report.map((r) => r.reason).join(' ')).not.toContain('пароль не подходит');
});

test('7. --only with a key the queue lacks: exit 2 naming it, nothing sent', async () => {
  const dir = tempDir();
  const file = await queueAt(dir, 'очередь.xlsx', [
    { key: 'Т-1', birth: '01.01.2015', sex: 'Мужской' },
    { key: 'Т-2', birth: '02.01.2015', sex: 'Женский' },
  ]);
  const since = (await target.client.requests()).length;
  const r = await runNavbot(['run', file, '--only', 'Т-1', 'Т-3'], navbotEnv(target.url, dir));
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toContain('«Т-3»');
  expect(r.stderr).not.toContain('«Т-1»');
  expect(await requestsSince(since)).toEqual([]);
});

test('8. killed while the certificate\'s save was in flight: the rerun reports «Выдан» with its number', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  const file = await queueAt(dir, 'очередь.xlsx', [{ key: 'П-1', birth: '12.12.2012', sex: 'Мужской' }]);
  await target.client.faults([{ match: { method: 'POST', path: '^/api/rest/certificate$' }, action: 'hold', nth: 1 }]);
  const run = startNavbot(['run', file], env);
  await expect.poll(async () => (await target.client.held()).length, { timeout: 120_000, intervals: [50] }).toBe(1);
  run.child.kill('SIGKILL');
  await run.done;
  await target.client.release();
  await target.client.faults([]);
  expect((await target.client.state()).certificates).toHaveLength(1);

  const again = await runNavbot(['run', file], env);
  expect(again.code, again.stdout + again.stderr).toBe(0);
  const state = await target.client.state();
  expect(state.certificates).toHaveLength(1);
  const [row] = await lastReport(dir);
  expect(row).toMatchObject({ status: 'Выдан', number: state.certificates[0]!.number });
  // Counted over every report: navbot issued it once, and says so once.
  const statuses = (await Promise.all(runDirs(dir).map(reportRows))).flat().map((r) => r.status);
  expect(statuses.filter((s) => s === 'Выдан')).toHaveLength(1);
  expect(statuses).not.toContain('Уже был выдан');
});

test('9. a respelled key (F1 → F-1) for the same child: stopped with a question, no second user', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = navbotEnv(target.url, dir);
  const file = await queueAt(dir, 'очередь.xlsx', [{ key: 'F1', birth: '02.02.2016', sex: 'Мужской' }]);
  const first = await runNavbot(['run', file], env);
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const before = await target.client.state();

  await queueAt(dir, 'очередь.xlsx', [{ key: 'F-1', birth: '02.02.2016', sex: 'Мужской' }]);
  const since = (await target.client.requests()).length;
  const second = await runNavbot(['run', file], env);
  expect(second.code, second.stdout + second.stderr).toBe(1);
  expect(apiCalls(await requestsSince(since))).toEqual([]);
  expect(await target.client.state()).toEqual(before);
  const [row] = await lastReport(dir);
  expect(row!.status).toBe('Ошибка');
  expect(row!.reason).toContain('«F-1» похож на ключ «F1»');
  expect(row!.action).toContain('верните строке прежний ключ «F1»');
});
