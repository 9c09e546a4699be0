// registry-accept's «Исправить» end to end (issue 26), navbot run as staff run it against the
// stand's registry: an application with a wrong birth-certificate series and a wrong patronymic is
// corrected through «Редактировать» (those two fields, every consent, «Отправить»), printed, and not
// confirmed; the next run with «Принять» confirms it. Killed between «Отправить» and its answer,
// the rerun edits nothing more and prints once. A confirmed application is never edited.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { killWhenHeld, ledgerJournal, runDirs, runNavbot, tempDir, useStand } from './support/navbot.js';
import { ACCEPT_HEADERS, applications, bornYearsAgo, makeSheet, registryEnv, reportTable, requests, seedApplication, type LoggedRequest, type StandApplication } from './support/registry.js';

const target = useStand();

const TRUTH = { lastName: 'Орлова', firstName: 'Вера', patronymic: 'Игоревна', documentSeries: 'III-АБ', documentNumber: '765432' };

/** What the registry holds: the patronymic and the series typed wrong. */
async function seedWrong(extra: Record<string, unknown> = {}): Promise<StandApplication> {
  const birthDate = bornYearsAgo(9).split('.').reverse().join('-');
  return seedApplication(target.url, {
    child: { ...TRUTH, patronymic: 'Игоревич', documentSeries: 'II-АБ', birthDate, sex: 'female', documentType: 'birth-certificate' },
    applicant: { lastName: 'Орлов', firstName: 'Игорь', patronymic: '', phone: '79120001122', email: 'orlov@mail.ru' },
    municipality: 'г. Северный',
    ...extra,
  });
}

function queue(dir: string, name: string, app: StandApplication, decision: string): Promise<string> {
  return makeSheet(path.join(dir, name), ACCEPT_HEADERS, [
    {
      Ключ: 'И-1', 'Номер заявки': app.number, 'Номер сертификата': app.certificateNumber, Фамилия: TRUTH.lastName, Отчество: TRUTH.patronymic,
      'Тип документа': 'Свидетельство о рождении', 'Серия документа': TRUTH.documentSeries, 'Номер документа': TRUTH.documentNumber, Решение: decision,
    },
  ]);
}

const edits = (log: readonly LoggedRequest[]) => log.filter((r) => r.method === 'POST' && /^\/registry\/applications\/\d+\/edit$/.test(r.path));
const prints = (log: readonly LoggedRequest[]) => log.filter((r) => r.method === 'GET' && /^\/registry\/applications\/\d+\/print$/.test(r.path));
const presses = (log: readonly LoggedRequest[]) => log.filter((r) => r.method === 'POST' && /\/(confirm|received|refuse)$/.test(r.path));

/** A rerun after a kill knows only the field names: old → new stay in the killed run's folder, never in the ledger. */
async function expectCorrectedReport(runDir: string, rerun = false): Promise<void> {
  const [row] = await reportTable(runDir);
  expect(row).toMatchObject({ Ключ: 'И-1', Статус: 'Исправлена — дайте подписать', 'Статус заявки': 'Новая' });
  expect(row!['Исправлено (было → стало)']).toBe(rerun ? '«Отчество», «Серия документа»' : '«Отчество»: «Игоревич» → «Игоревна»; «Серия документа»: «II-АБ» → «III-АБ»');
  expect(row!['Причина']).toContain('«Отчество», «Серия документа»');
  expect(row!['Причина']).not.toContain('Игоревна');
  expect(row!['Что делать']).toContain('«Принять»');
  expect(row!['Заявление (PDF)']).toMatch(/^applications\/.+\.pdf$/);
  const pdf = path.join(runDir, row!['Заявление (PDF)']!);
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

test('«Исправить»: the differing fields corrected, every consent ticked, printed, not confirmed; then «Принять» confirms', async () => {
  test.setTimeout(180_000);
  const dir = tempDir();
  const env = registryEnv(target.url, dir);
  const app = await seedWrong();

  const first = await runNavbot(['run', '--flow', 'registry-accept', await queue(dir, 'исправить.xlsx', app, 'Исправить')], env);
  // The row needs a person (the parent signs): exit 1, as for every row that does.
  expect(first.code, first.stdout + first.stderr).toBe(1);
  const [now] = await applications(target.url);
  expect(now).toMatchObject({ child: { ...TRUTH, sex: 'female', birthDate: app.child.birthDate }, pdConfirmed: false, documentsReceived: false, refused: false });
  const log = await requests(target.url);
  expect(edits(log)).toHaveLength(1);
  expect(edits(log)[0]!.status).toBe(200);
  // Every consent the form asks for was ticked; what did not differ went as the form showed it.
  expect(edits(log)[0]!.body).toMatchObject({ consent0: 'on', consent1: 'on', consent2: 'on', childPatronymic: 'Игоревна', documentSeries: 'III-АБ', childFirstName: 'Вера', phone: expect.stringContaining('912') });
  expect(prints(log)).toHaveLength(1);
  expect(presses(log)).toEqual([]);
  await expectCorrectedReport(runDirs(dir).at(-1)!);
  // Invariant 7: the ledger (kept forever) holds the field names, not the child's old and new values.
  const ledgers = path.join(dir, 'state', 'ledger');
  const ledger = readdirSync(ledgers).map((f) => readFileSync(path.join(ledgers, f), 'utf8')).join('');
  expect(ledger).toContain('«Отчество», «Серия документа»');
  expect(ledger).not.toContain('«Игоревич» →');
  const html = readFileSync(path.join(runDirs(dir).at(-1)!, 'report.html'), 'utf8');
  expect(html).toMatch(/<a href="applications\/[^"]+\.pdf">/);

  // The parent signed: the same row with «Принять» confirms the personal data and the documents.
  const second = await runNavbot(['run', '--flow', 'registry-accept', await queue(dir, 'принять.xlsx', app, 'Принять')], env);
  expect(second.code, second.stdout + second.stderr).toBe(0);
  const [accepted] = await applications(target.url);
  expect(accepted).toMatchObject({ pdConfirmed: true, documentsReceived: true, refused: false, child: TRUTH });
  const after = await requests(target.url);
  expect(edits(after)).toHaveLength(1);
  const [row] = await reportTable(runDirs(dir).at(-1)!);
  expect(row).toMatchObject({ Статус: 'Обработана', 'Статус заявки': 'Документы получены', 'Исправлено (было → стало)': '', 'Заявление (PDF)': '' });
});

/** The registry's record as the steps read it: the edit's probe, its act, then its verify (the third read). */
const READ = '^/registry/api/applications/\\d+$';

const KILLS = [
  // The registry saves the edit; its answer is held until navbot is dead.
  { point: 'between «Отправить» and its answer', rule: { match: { method: 'POST', path: '^/registry/applications/\\d+/edit$' }, nth: 1, action: 'hold' }, waits: { method: 'POST', re: /\/edit$/ } },
  // The edit's answer came; the verify's read of the record is stalled.
  { point: 'after «Отправить», before its verify', rule: { match: { method: 'GET', path: READ }, nth: 3, action: 'stall' }, waits: { method: 'GET', re: new RegExp(READ) } },
];

for (const kill of KILLS) {
  test(`«Исправить»: SIGKILL ${kill.point} — the rerun edits nothing more and prints once`, async () => {
    test.setTimeout(180_000);
    const dir = tempDir();
    const env = registryEnv(target.url, dir);
    const app = await seedWrong();
    const file = await queue(dir, 'исправить.xlsx', app, 'Исправить');
    await target.client.faults([kill.rule]);
    await killWhenHeld(['run', '--flow', 'registry-accept', file], env, target.client, kill.waits);
    const journal = ledgerJournal(dir);
    expect(journal).toContain('"step":"correctApplication","kind":"intent"');
    // Killed with the edit sent (and carried out), nothing printed yet.
    expect(edits(await requests(target.url))).toHaveLength(1);
    expect((await applications(target.url))[0]!.child).toMatchObject(TRUTH);
    expect(prints(await requests(target.url))).toEqual([]);

    const second = await runNavbot(['run', '--flow', 'registry-accept', file], env);
    expect(second.code, second.stdout + second.stderr).toBe(1);
    const log = await requests(target.url);
    expect(edits(log)).toHaveLength(1);
    expect(prints(log)).toHaveLength(1);
    expect(presses(log)).toEqual([]);
    expect((await applications(target.url))[0]).toMatchObject({ child: TRUTH, pdConfirmed: false });
    // What was corrected is still said (the field names): the first run's search kept them in the ledger.
    await expectCorrectedReport(runDirs(dir).at(-1)!, true);
  });
}

test('«Исправить» on a confirmed application stops with a reason and edits nothing', async () => {
  test.setTimeout(120_000);
  const dir = tempDir();
  const env = registryEnv(target.url, dir);
  const app = await seedWrong({ pdConfirmed: true });
  const r = await runNavbot(['run', '--flow', 'registry-accept', await queue(dir, 'исправить.xlsx', app, 'Исправить')], env);
  expect(r.code, r.stdout + r.stderr).toBe(1);
  const log = await requests(target.url);
  expect(edits(log)).toEqual([]);
  expect(log.filter((x) => /\/edit$/.test(x.path))).toEqual([]);
  expect(prints(log)).toEqual([]);
  expect((await applications(target.url))[0]).toMatchObject({ pdConfirmed: true, child: { patronymic: 'Игоревич', documentSeries: 'II-АБ' } });
  const [row] = await reportTable(runDirs(dir).at(-1)!);
  expect(row).toMatchObject({ Статус: 'Ошибка', 'Статус заявки': 'Персональные данные подтверждены' });
  expect(row!['Причина']).toContain('уже подтверждена');
  expect(row!['Причина']).toContain('Ничего не изменено');
});
