// The certificate registry's two flows end to end (issue 14 §3), navbot run as staff run it against
// the stand's registry: registry-apply makes one application per valid row (a bad series stops its
// row before anything is sent), a second run writes nothing; registry-accept confirms and marks
// the documents received where every filled column matches, stops a row naming the field that
// does not, refuses only the row that says «Отказать». Staff-only columns never reach the stand.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runDirs, runNavbot, startNavbot, tempDir, useStand } from './support/navbot.js';
import {
  ACCEPT_HEADERS,
  APPLY_HEADERS,
  applications,
  bornYearsAgo,
  makeSheet,
  registryEnv,
  registryWrites,
  reportTable,
  requests,
  seedApplication,
} from './support/registry.js';

const target = useStand();

const parent = { 'Фамилия заявителя': 'Иванова', 'Имя заявителя': 'Мария', 'Отчество заявителя': 'Петровна', 'Телефон заявителя': '+7 (912) 345-67-89', 'E-mail заявителя': 'ivanova@mail.ru' };

/** Six children: two of 15 (they apply themselves), one whose series is no Roman number. */
const CHILDREN: Array<Record<string, string>> = [
  { Ключ: 'А-1', Фамилия: 'Иванов', Имя: 'Пётр', Отчество: 'Сергеевич', 'Дата рождения': bornYearsAgo(8), Пол: 'Мужской', 'Тип документа': 'Свидетельство о рождении', 'Серия документа': 'IV-КН', 'Номер документа': '123456', Муниципалитет: 'г. Северный', 'Старше 14 лет': 'Нет', ...parent },
  { Ключ: 'А-2', Фамилия: 'Смирнова', Имя: 'Ольга', 'Дата рождения': bornYearsAgo(10), Пол: 'Ж', 'Тип документа': 'Свидетельство о рождении', 'Серия документа': 'ХII-MЮ', 'Номер документа': '234567', Муниципалитет: 'г. Лесной', ...parent, 'Фамилия заявителя': 'Смирнов', 'Имя заявителя': 'Олег' },
  { Ключ: 'А-3', Фамилия: 'Кузнецов', Имя: 'Илья', 'Дата рождения': bornYearsAgo(6), Пол: 'М', 'Тип документа': 'Свидетельство о рождении', 'Серия документа': 'I-АБ', 'Номер документа': '345678', Муниципалитет: 'г. Северный', ...parent, 'Фамилия заявителя': 'Кузнецова', 'Имя заявителя': 'Ирина' },
  { Ключ: 'А-4', Фамилия: 'Петрова', Имя: 'Анна', 'Дата рождения': bornYearsAgo(15), Пол: 'Женский', 'Тип документа': 'Паспорт РФ', 'Серия документа': '45 05', 'Номер документа': '765432', Муниципалитет: 'г. Северный', 'Старше 14 лет': 'Да', 'Телефон заявителя': '89120001122', 'E-mail заявителя': 'anna.petrova@mail.ru' },
  { Ключ: 'А-5', Фамилия: 'Соколов', Имя: 'Максим', Отчество: 'Ильич', 'Дата рождения': bornYearsAgo(15), Пол: 'Мужской', 'Тип документа': 'Паспорт РФ', 'Серия документа': '4512', 'Номер документа': '111222', Муниципалитет: 'г. Заречный', 'Старше 14 лет': 'да', 'Телефон заявителя': '9120003344', 'E-mail заявителя': 'max@mail.ru' },
  { Ключ: 'А-6', Фамилия: 'Волков', Имя: 'Денис', 'Дата рождения': bornYearsAgo(9), Пол: 'М', 'Тип документа': 'Свидетельство о рождении', 'Серия документа': 'IIII-КН', 'Номер документа': '456789', Муниципалитет: 'г. Северный', ...parent, 'Фамилия заявителя': 'Волкова', 'Имя заявителя': 'Вера' },
];
const APPLY_ROWS: Array<Record<string, string>> = CHILDREN.map((r) => ({ ...r, 'ФИО (для себя)': `ЛИЧНОЕ-${r.Ключ}`, Примечание: `ЗАМЕТКА-${r.Ключ}` }));

const STAFF_MARKS = /ЛИЧНОЕ-|ЗАМЕТКА-/;

test('registry-apply then registry-accept on the same children', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  const env = registryEnv(target.url, dir);
  const applyFile = await makeSheet(path.join(dir, 'заявки.xlsx'), APPLY_HEADERS, APPLY_ROWS);

  // A bad series stops the run before anything reaches the registry.
  const refused = await runNavbot(['run', '--flow', 'registry-apply', applyFile], env);
  expect(refused.code, refused.stdout + refused.stderr).toBe(2);
  expect(refused.stdout).toContain('H «Серия документа» = «IIII-КН»: серия «IIII-КН» записана неверно.');
  expect((await requests(target.url)).filter((r) => r.path.startsWith('/registry/'))).toEqual([]);

  // With --skip-invalid the five valid rows are applied, the sixth is skipped and never sent.
  const first = await runNavbot(['run', '--flow', 'registry-apply', '--skip-invalid', applyFile], env);
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const apps = await applications(target.url);
  expect(apps).toHaveLength(5);
  const byName = (lastName: string) => apps.find((a) => a.child.lastName === lastName)!;
  expect(byName('Иванов')).toMatchObject({
    child: { firstName: 'Пётр', patronymic: 'Сергеевич', sex: 'male', documentType: 'birth-certificate', documentSeries: 'IV-КН', documentNumber: '123456' },
    over14: false,
    applicant: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна', phone: '79123456789', email: 'ivanova@mail.ru' },
    municipality: 'г. Северный',
  });
  // Look-alike letters of the series put right before sending.
  expect(byName('Смирнова').child).toMatchObject({ documentSeries: 'XII-МЮ', sex: 'female' });
  expect(byName('Смирнова').municipality).toBe('г. Лесной');
  // From 14 on the applicant is the child.
  expect(byName('Петрова')).toMatchObject({ over14: true, child: { documentType: 'passport', documentSeries: '4505', documentNumber: '765432' }, applicant: { lastName: 'Петрова', firstName: 'Анна', phone: '79120001122' } });
  expect(byName('Соколов')).toMatchObject({ over14: true, applicant: { lastName: 'Соколов', firstName: 'Максим', patronymic: 'Ильич' } });
  expect(apps.some((a) => a.child.lastName === 'Волков')).toBe(false);
  expect(byName('Иванов').child.birthDate.split('-').reverse().join('.')).toBe(APPLY_ROWS[0]!['Дата рождения']);

  const [applyRun] = runDirs(dir).slice(-1);
  const report = await reportTable(applyRun!);
  expect(report.map((r) => [r['Ключ'], r['Статус']])).toEqual([
    ['А-1', 'Заявка создана'],
    ['А-2', 'Заявка создана'],
    ['А-3', 'Заявка создана'],
    ['А-4', 'Заявка создана'],
    ['А-5', 'Заявка создана'],
    ['А-6', 'Пропущена'],
  ]);
  expect(report[0]).toMatchObject({ 'Номер заявки': byName('Иванов').number, 'Номер сертификата': byName('Иванов').certificateNumber, Примечание: 'ЗАМЕТКА-А-1' });
  for (const r of report.slice(0, 5)) {
    const pdf = path.join(applyRun!, r['Заявление (PDF)']!);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1'), pdf).toBe('%PDF-');
  }
  expect(report[5]!['Причина']).toContain('Серия документа');
  const html = readFileSync(path.join(applyRun!, 'report.html'), 'utf8');
  expect(html).toContain('Заявки на сертификаты в реестре');
  expect(html).toMatch(/<a href="applications\/[^"]+\.pdf">/);

  // A second run finds every application and sends nothing.
  const postsBefore = registryWrites(await requests(target.url)).length;
  expect(postsBefore).toBe(5);
  const second = await runNavbot(['run', '--flow', 'registry-apply', '--skip-invalid', applyFile], env);
  expect(second.code, second.stdout + second.stderr).toBe(0);
  expect(registryWrites(await requests(target.url))).toHaveLength(5);
  expect(await applications(target.url)).toHaveLength(5);
  expect((await reportTable(runDirs(dir).at(-1)!)).slice(0, 5).map((r) => r['Статус'])).toEqual(Array(5).fill('Заявка уже была'));

  // registry-accept: three match, one differs in its document's number, one is refused.
  const row = (key: string, lastName: string, extra: Record<string, string> = {}) => {
    const a = byName(lastName);
    return { Ключ: key, 'Номер заявки': a.number, 'Номер сертификата': a.certificateNumber, Примечание: `ЗАМЕТКА-${key}`, ...extra };
  };
  const acceptFile = await makeSheet(path.join(dir, 'прием.xlsx'), ACCEPT_HEADERS, [
    // ё = е, case, look-alike Latin letters in the series: the same as the registry's.
    row('П-1', 'Иванов', { Фамилия: 'ИВАНОВ', Имя: 'Петр', 'Дата рождения': APPLY_ROWS[0]!['Дата рождения']!, Пол: 'М', 'Тип документа': 'Свидетельство о рождении', 'Серия документа': 'iv-kh', 'Номер документа': '123456' }),
    row('П-2', 'Смирнова'),
    row('П-3', 'Петрова', { Фамилия: 'Петрова', 'Серия документа': '4505' }),
    row('П-4', 'Кузнецов', { Фамилия: 'Кузнецов', 'Номер документа': '345679' }),
    row('П-5', 'Соколов', { Решение: 'Отказать', 'Причина отказа': 'Заявитель не принес паспорт' }),
  ]);
  const accept = await runNavbot(['run', '--flow', 'registry-accept', acceptFile], env);
  expect(accept.code, accept.stdout + accept.stderr).toBe(1);
  const after = await applications(target.url);
  const now = (lastName: string) => after.find((a) => a.child.lastName === lastName)!;
  for (const name of ['Иванов', 'Смирнова', 'Петрова']) expect(now(name), name).toMatchObject({ pdConfirmed: true, documentsReceived: true, refused: false });
  expect(now('Кузнецов')).toMatchObject({ pdConfirmed: false, documentsReceived: false, refused: false });
  expect(now('Соколов')).toMatchObject({ pdConfirmed: false, documentsReceived: false, refused: true, refuseReason: 'Заявитель не принес паспорт' });
  // Nothing was pressed for the differing row.
  const log = await requests(target.url);
  expect(registryWrites(log).filter((r) => r.path.includes(`/applications/${now('Кузнецов').id}/`))).toEqual([]);
  const acceptReport = await reportTable(runDirs(dir).at(-1)!);
  // The differing row stops, yet says which application it found and in what state (it was empty).
  expect(acceptReport.map((r) => [r['Ключ'], r['Статус'], r['Номер заявки'], r['Статус заявки']])).toEqual([
    ['П-1', 'Обработана', byName('Иванов').number, 'Документы получены'],
    ['П-2', 'Обработана', byName('Смирнова').number, 'Документы получены'],
    ['П-3', 'Обработана', byName('Петрова').number, 'Документы получены'],
    ['П-4', 'Ошибка', byName('Кузнецов').number, 'Новая'],
    ['П-5', 'Обработана', byName('Соколов').number, 'Отказано'],
  ]);
  expect(acceptReport[3]!['Причина']).toContain('«Номер документа»: в очереди «345679», в реестре «345678»');
  expect(acceptReport[4]!['Причина отказа']).toBe('Заявитель не принес паспорт');
  expect(existsSync(path.join(runDirs(dir).at(-1)!, 'report.html'))).toBe(true);

  // Again: nothing is pressed twice.
  const writesBefore = registryWrites(log).length;
  const again = await runNavbot(['run', '--flow', 'registry-accept', acceptFile], env);
  expect(again.code).toBe(1);
  expect(registryWrites(await requests(target.url))).toHaveLength(writesBefore);

  // The staff's own columns never reached the stand, in either flow.
  expect(JSON.stringify(await requests(target.url))).not.toMatch(STAFF_MARKS);
});

test('registry templates: the flows’ columns, drop-downs and «Как заполнять»', async () => {
  const dir = tempDir();
  for (const flow of ['registry-apply', 'registry-accept']) {
    const file = path.join(dir, `${flow}.xlsx`);
    const r = await runNavbot(['template', file, '--flow', flow], registryEnv(target.url, dir));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`validate ${file} --flow ${flow}`);
    // The empty template validates (nothing to send, nothing wrong).
    const v = await runNavbot(['validate', file, '--flow', flow], registryEnv(target.url, dir));
    expect(v.code, v.stdout + v.stderr).toBe(0);
  }
});

test('registry-accept: a session that expires under an action logs in again and presses once', async () => {
  test.setTimeout(120_000);
  const dir = tempDir();
  const env = registryEnv(target.url, dir);
  const birthDate = bornYearsAgo(7).split('.').reverse().join('-');
  const app = await seedApplication(target.url, {
    child: { lastName: 'Зайцев', firstName: 'Лев', birthDate, sex: 'male', documentType: 'birth-certificate', documentSeries: 'III-ЖЕ', documentNumber: '222333' },
    applicant: { lastName: 'Зайцева', firstName: 'Нина', phone: '79125556677', email: 'z@mail.ru' },
  });
  const file = await makeSheet(path.join(dir, 'прием.xlsx'), ACCEPT_HEADERS, [{ Ключ: 'С-1', 'Номер заявки': app.number, 'Номер сертификата': app.certificateNumber }]);
  // The confirmation's post waits; meanwhile the session ends, so the registry sends it to log in.
  await target.client.faults([{ match: { method: 'POST', path: '^/registry/applications/\\d+/confirm$' }, nth: 1, action: 'stall' }]);
  const run = startNavbot(['run', '--flow', 'registry-accept', file], env);
  await expect.poll(async () => (await target.client.held()).length, { timeout: 60_000, intervals: [50] }).toBe(1);
  await fetch(`${target.url}/__stand/expire-sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'registry' }) });
  await target.client.release();
  const r = await run.done;
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const [now] = await applications(target.url);
  expect(now).toMatchObject({ pdConfirmed: true, documentsReceived: true });
  const posts = (await requests(target.url)).filter((x) => x.method === 'POST');
  // The first press was sent to the login page and not carried out; after logging in, one more.
  expect(posts.filter((x) => /\/confirm$/.test(x.path)).map((x) => x.status)).toEqual([303, 200]);
  expect(posts.filter((x) => x.path === '/registry/login').length).toBe(2);
});
