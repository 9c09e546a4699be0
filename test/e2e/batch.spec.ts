// The product end to end: a queue of six children becomes six accounting certificates, and a
// second run of the same queue writes nothing and reports the same numbers.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { useStand, makeQueue, navbotEnv, runNavbot, tempDir, writes, type QueueRowInput } from './support/navbot.js';

const ROWS: QueueRowInput[] = [
  { key: 'Б-001', birth: '01.02.2015', sex: 'Мужской', realName: 'Секретов Пётр Иванович', note: 'мама просила не звонить' },
  { key: 'Б-002', birth: '15.06.2012', sex: 'Женский', realName: 'Тайнова Анна', note: '' },
  { key: 'Б-003', birth: '30.11.2018', sex: 'Мужской', municipality: 'Горный район', realName: 'Скрытный Олег' },
  { key: 'Б-004', birth: '29.02.2016', sex: 'Женский', email: 'prepared.mail@school.ru', realName: 'Неизвестная Ольга' },
  { key: 'Б-005', birth: '05.05.2010', sex: 'Мужской', realName: 'Засекреченный Иван' },
  { key: 'Б-006', birth: '12.12.2019', sex: 'Женский', municipality: 'г. Озёрск', realName: 'Приватная Мария' },
];

const target = useStand();

async function reportRows(runDir: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(runDir, 'report.xlsx'));
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => header.indexOf(name);
  const out: Array<{ key: string; status: string; number: string }> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as unknown[];
    out.push({ key: String(v[col('Ключ')] ?? ''), status: String(v[col('Статус')] ?? ''), number: String(v[col('Номер сертификата')] ?? '') });
  });
  return out;
}

test('a 6-row queue gives 6 certificates, and a second run writes nothing', async () => {
  test.setTimeout(300_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'очередь.xlsx'), ROWS.map((r) => ({ ...r })));
  const env = navbotEnv(target.url, dir, { NAVBOT_CONCURRENCY: '2' });

  const first = await runNavbot(['run', file], env);
  expect(first.code, first.stdout + first.stderr).toBe(0);

  const state = await target.client.state();
  expect(state.users).toHaveLength(6);
  expect(state.users.every((u) => u.resident === false && u.lastName === 'Без' && u.firstName === 'Внесения' && u.patronymic === 'Данных')).toBe(true);
  expect(state.children).toHaveLength(6);
  expect(state.children.every((c) => c.confirmed && c.lastName === 'Без')).toBe(true);
  const byEmail = new Map(state.users.map((u) => [u.email, u.id]));
  const childOf = (email: string) => state.children.find((c) => c.userId === byEmail.get(email));
  expect(childOf('prepared.mail@school.ru')).toMatchObject({ birthDate: '2016-02-29', sex: 'female' });
  expect(state.children.map((c) => `${c.birthDate}/${c.sex}`).sort()).toEqual(
    ['2015-02-01/male', '2012-06-15/female', '2018-11-30/male', '2016-02-29/female', '2010-05-05/male', '2019-12-12/female'].sort(),
  );
  expect(state.certificates).toHaveLength(6);
  expect(state.certificates.every((c) => c.type === 'accounting' && /^\d{2}-\d{7}$/.test(c.number))).toBe(true);
  expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });

  // Staff-only columns never leave the machine.
  const log = JSON.stringify(await target.client.requests());
  for (const r of ROWS) {
    expect(log).not.toContain(r.realName!);
    if (r.note) expect(log).not.toContain(r.note);
  }

  const runs = readdirSync(path.join(dir, 'reports')).filter((d) => /^\d/.test(d)).sort();
  const firstReport = await reportRows(path.join(dir, 'reports', runs.at(-1)!));
  expect(firstReport.map((r) => r.status)).toEqual(Array(6).fill('Выдан'));
  expect(firstReport.map((r) => r.number).sort()).toEqual(state.certificates.map((c) => c.number).sort());

  const before = (await target.client.requests()).length;
  const second = await runNavbot(['run', file], env);
  expect(second.code, second.stdout + second.stderr).toBe(0);
  const after = (await target.client.requests()).slice(before);
  expect(writes(after)).toEqual([]);
  expect(await target.client.state()).toEqual(state);

  const runs2 = readdirSync(path.join(dir, 'reports')).filter((d) => /^\d/.test(d)).sort();
  const secondReport = await reportRows(path.join(dir, 'reports', runs2.at(-1)!));
  expect(secondReport.map((r) => r.status)).toEqual(Array(6).fill('Уже был выдан'));
  expect(secondReport.map((r) => r.number)).toEqual(firstReport.map((r) => r.number));
});
