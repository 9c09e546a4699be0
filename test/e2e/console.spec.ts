// «Пульт navbot» (issue 25) end to end: `navbot console` as a separate process in a project folder
// of its own, the test's browser on its printed address, a training stand it works against. One
// console for the file, the tests in order: the door, setup from a broken .env, a queue's check,
// a run stopped and resumed from the page, the history and the schedule.
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startStand, type Stand } from '../../src/stand/server.js';
import { makeQueue, runNavbot, startNavbot, StandClient, tempDir } from './support/navbot.js';
import { startConsoleProcess, type ConsoleProcess } from './support/console.js';

const ADMIN_PASSWORD = 'Adm1n-Pult-9x7q';
const SECRET = 'pult-secret-0123456789abcdef';

let stand: Stand;
let client: StandClient;
let pult: ConsoleProcess;
let dir: string;
const answers: Array<Promise<string>> = [];

test.describe.configure({ mode: 'serial' });

function writeEnv(extra: string[]): void {
  fs.writeFileSync(
    path.join(dir, '.env'),
    [
      `NAVBOT_PUBLIC_URL=${stand.url}/`,
      `NAVBOT_ADMIN_URL=${stand.url}/admin/`,
      `NAVBOT_SECRET=${SECRET}`,
      `NAVBOT_STATE_DIR=${path.join(dir, 'state')}`,
      `NAVBOT_REPORTS_DIR=${path.join(dir, 'reports')}`,
      'NAVBOT_ACTIONS_PER_SECOND=100',
      'NAVBOT_TIMEOUT_MS=15000',
      ...extra,
      '',
    ].join('\n'),
  );
}

test.beforeAll(async () => {
  stand = await startStand({ port: 0, control: true, adminPassword: ADMIN_PASSWORD });
  client = new StandClient(stand.url);
  dir = tempDir('navbot-console-');
  // A fake crontab: the schedule's add and remove go through `navbot schedule`'s code without touching this machine's.
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const table = path.join(dir, 'crontab.txt');
  fs.writeFileSync(path.join(bin, 'crontab'), `#!/bin/sh\nif [ "$1" = "-l" ]; then [ -f "${table}" ] && cat "${table}" && exit 0; echo "no crontab for user" >&2; exit 1; fi\ncat > "${table}"\n`, { mode: 0o755 });
  // Broken: the concurrency is not a number, and the admin password is missing.
  writeEnv(['NAVBOT_CONCURRENCY=много']);
  pult = await startConsoleProcess(dir, { PATH: `${bin}:${process.env.PATH}` });
});

test.afterAll(async () => {
  await pult?.stop();
  await stand?.close();
});

/** Every answer the page receives is kept, to check that none holds a secret. */
async function open(page: Page, hash = ''): Promise<void> {
  page.on('response', (r) => {
    if (!r.url().includes('/api/run/stream')) answers.push(r.text().catch(() => ''));
  });
  await page.goto(`${pult.url}${hash}`);
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

async function expectNoSecrets(): Promise<void> {
  const all = (await Promise.all(answers)).join('\n');
  expect(all.length).toBeGreaterThan(0);
  expect(all).not.toContain(ADMIN_PASSWORD);
  expect(all).not.toContain(SECRET);
}

test('the door: no token, 401; a write with a foreign Origin or without the token, refused', async () => {
  expect((await fetch(`${pult.base}/`)).status).toBe(401);
  expect((await fetch(`${pult.base}/api/runs`)).status).toBe(401);
  expect((await fetch(`${pult.base}/?token=wrong`)).status).toBe(401);
  const own = { origin: pult.base, 'x-navbot-token': pult.token };
  expect((await fetch(`${pult.base}/api/run/stop`, { method: 'POST', headers: { ...own, origin: 'http://evil.example' } })).status).toBe(403);
  expect((await fetch(`${pult.base}/api/run/stop`, { method: 'POST', headers: { 'x-navbot-token': pult.token } })).status).toBe(403);
  expect((await fetch(`${pult.base}/api/run/stop`, { method: 'POST', headers: { origin: pult.base } })).status).toBe(401);
  expect((await fetch(`${pult.base}/api/run/stop`, { method: 'POST', headers: own })).status).toBe(200);
  expect(pult.output()).toContain(pult.url);
});

test('«Готовность»: a broken .env is a red checklist; the setup form writes .env and the checklist turns green', async ({ page }, info) => {
  test.setTimeout(150_000);
  await open(page);
  for (const tab of ['Готовность', 'Очереди', 'Прогон', 'История', 'Расписание']) await expect(page.getByRole('link', { name: tab })).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveText(/Исправьте настройки/, { timeout: 60_000 });
  await expect(page.getByTestId('attention')).toContainText('NAVBOT_CONCURRENCY');
  await expect(page.locator('li.fail').first()).toBeVisible();
  await shot(page, info, 'готовность-ошибка');

  await page.getByLabel('Логин (e-mail) администратора').fill(stand.settings.adminEmail);
  await page.getByLabel('Пароль администратора').fill(ADMIN_PASSWORD);
  await page.getByLabel('Шаблон e-mail заглушек').fill('robot+{key}@stand.local');
  await page.getByLabel('Сколько строк обрабатывать одновременно (1–16)').fill('1');
  await page.getByRole('button', { name: 'Сохранить настройки' }).click();
  await expect(page.getByTestId('setup-result')).toContainText('Настройки записаны', { timeout: 90_000 });
  await expect(page.getByTestId('verdict')).toHaveText('Всё готово к работе.', { timeout: 60_000 });
  await expect(page.getByLabel('Пароль администратора')).toHaveValue('');
  await shot(page, info, 'готовность-готово');
  const env = fs.readFileSync(path.join(dir, '.env'), 'utf8');
  expect(env).toContain(`NAVBOT_ADMIN_PASSWORD=${ADMIN_PASSWORD}`);
  expect(env).toContain(`NAVBOT_SECRET=${SECRET}`);
  expect(env).toContain('NAVBOT_CONCURRENCY=1');
  await expectNoSecrets();
});

test('«Очереди»: a queue with errors shows every finding of validate in the table', async ({ page }, info) => {
  const file = await makeQueue(path.join(dir, 'ошибки.xlsx'), [
    { key: 'О-1', birth: '31.02.2015', sex: 'Мужской' },
    { key: '', birth: '03.04.2016', sex: 'Женский' },
    { key: 'О-3', birth: '01.01.1990', sex: 'Мужской', municipality: 'Нет такого' },
  ]);
  const validate = await runNavbot(['validate', file, '--json'], { NAVBOT_MUNICIPALITY: '' });
  const problems = (JSON.parse(validate.stdout) as { problems: Array<{ rowNumber: number; problem: string }> }).problems;
  expect(problems.length).toBeGreaterThanOrEqual(4);
  await open(page, '#queues');
  await page.locator('input[type=file]').first().setInputFiles(file);
  await expect(page.getByTestId('check-summary')).toContainText('с ошибками 3');
  const table = page.getByTestId('problems');
  await expect(table.locator('tbody tr')).toHaveCount(problems.length);
  for (const p of problems) await expect(table).toContainText(p.problem);
  await shot(page, info, 'очереди-ошибки');
  await expectNoSecrets();
});

test('«Прогон»: 4 rows with live progress; «Остановить» gives 130; the resumed run finishes with no second certificate; «История» links the reports', async ({ page }, info) => {
  test.setTimeout(240_000);
  await client.reset();
  // Slow enough to press «Остановить» between rows.
  await fetch(`${stand.url}/__stand/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 60 }) });
  const file = await makeQueue(path.join(dir, 'очередь.xlsx'), [
    { key: 'П-1', birth: '01.02.2015', sex: 'Мужской' },
    { key: 'П-2', birth: '02.03.2016', sex: 'Женский' },
    { key: 'П-3', birth: '03.04.2014', sex: 'Мужской' },
    { key: 'П-4', birth: '04.05.2013', sex: 'Женский' },
  ]);
  await open(page, '#queues');
  await page.locator('input[type=file]').first().setInputFiles(file);
  await expect(page.getByTestId('check-summary')).toContainText('в порядке');
  await page.getByRole('link', { name: 'Прогон' }).click();
  await page.getByLabel('Очередь').selectOption('очередь.xlsx');
  await page.getByRole('button', { name: 'Запустить прогон' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('учебный стенд');
  await expect(dialog).toContainText('Строк к обработке: 4');
  await shot(page, info, 'прогон-подтверждение');
  await dialog.getByRole('button', { name: 'Да, запустить' }).click();

  const stop = page.getByRole('button', { name: 'Остановить' });
  await expect(stop).toBeVisible();
  await expect(page.getByTestId('rows').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('rows')).toContainText('в работе');
  await expect(page.getByTestId('progress-summary')).toContainText('Обработано 1 из 4', { timeout: 60_000 });
  await shot(page, info, 'прогон-идёт');
  await stop.click();
  await expect(page.getByTestId('outcome')).toContainText('код 130', { timeout: 60_000 });
  const stopped = await client.state();
  expect(stopped.certificates.length).toBeGreaterThanOrEqual(1);
  expect(stopped.certificates.length).toBeLessThan(4);
  await shot(page, info, 'прогон-остановлен');

  await page.getByRole('button', { name: 'Запустить прогон' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Да, запустить' }).click();
  await expect(page.getByTestId('outcome')).toContainText('все строки обработаны', { timeout: 120_000 });
  await expect(page.getByTestId('outcome').getByRole('link', { name: 'Отчёт' })).toBeVisible();
  const done = await client.state();
  expect(done.certificates).toHaveLength(4);
  expect(new Set(done.certificates.map((c) => String(c.childId))).size).toBe(4);
  expect(done.users).toHaveLength(4);
  expect(done.children).toHaveLength(4);
  expect(done.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
  await shot(page, info, 'прогон-готово');

  await page.getByRole('link', { name: 'История' }).click();
  const runs = page.getByTestId('runs');
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  await expect(runs.getByRole('link', { name: 'Отчёт' })).toHaveCount(2);
  await expect(runs.locator('tbody tr').first()).toContainText('выполнено');
  await expect(runs.locator('tbody tr').nth(1)).toContainText('130');
  await expect(page.getByTestId('ledger').locator('tbody tr')).toHaveCount(4);
  await page.getByLabel('Поиск по ключу').fill('П-3');
  await page.getByRole('button', { name: 'Найти' }).click();
  await expect(page.getByTestId('ledger').locator('tbody tr')).toHaveCount(1);
  await shot(page, info, 'история');
  const [report] = await Promise.all([page.waitForEvent('popup'), runs.getByRole('link', { name: 'Отчёт' }).first().click()]);
  await expect(report.locator('body')).toContainText('П-1');
  await expectNoSecrets();
});

test('a scheduled CLI run holding the Navigator shows «идёт прогон по расписанию» with its progress', async ({ page }, info) => {
  test.setTimeout(120_000);
  // The stand keeps the last test's records: the ledger knows their ids, new rows get new ones.
  await fetch(`${stand.url}/__stand/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 150 }) });
  const file = await makeQueue(path.join(dir, 'ночь.xlsx'), [
    { key: 'Н-1', birth: '05.06.2012', sex: 'Мужской' },
    { key: 'Н-2', birth: '06.07.2011', sex: 'Женский' },
  ]);
  const env = Object.fromEntries(
    fs
      .readFileSync(path.join(dir, '.env'), 'utf8')
      .split('\n')
      .filter((l) => /^NAVBOT_\w+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const night = startNavbot(['run', file, '--scheduled'], env);
  await open(page, '#run');
  await expect(page.getByTestId('scheduled')).toContainText('Идёт прогон по расписанию', { timeout: 30_000 });
  await expect(page.getByTestId('scheduled')).toContainText('ночь.xlsx');
  await expect(page.getByRole('button', { name: 'Запустить прогон' })).toBeDisabled();
  await shot(page, info, 'прогон-по-расписанию');
  const ended = await night.done;
  expect(ended.code, ended.stdout + ended.stderr).toBe(0);
  await expect(page.getByTestId('scheduled')).toHaveCount(0, { timeout: 15_000 });
  await fetch(`${stand.url}/__stand/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 0 }) });
});

test('«Репетиция на стенде»: the queue runs on a training stand of its own; the region gets nothing', async ({ page }, info) => {
  test.setTimeout(120_000);
  await client.reset();
  await open(page, '#queues');
  await page.locator('input[type=file]').first().setInputFiles(path.join(dir, 'ночь.xlsx'));
  await expect(page.getByTestId('check-summary')).toContainText('в порядке');
  await page.getByRole('button', { name: 'Репетиция на стенде' }).click();
  await page.getByRole('button', { name: 'Запустить прогон' }).click();
  await expect(page.getByRole('dialog')).toContainText('репетиции');
  await page.getByRole('dialog').getByRole('button', { name: 'Да, запустить' }).click();
  // The banner may still show the last run's outcome for a moment: wait for this rehearsal's own end.
  const view = () => page.evaluate(() => fetch('/api/run').then((r) => r.json() as Promise<{ view: { active: boolean; mode?: string } }>));
  await expect.poll(async () => { const v = (await view()).view; return `${v.mode}:${v.active}`; }, { timeout: 90_000 }).toBe('rehearsal:false');
  await expect(page.getByTestId('outcome')).toContainText('все строки обработаны', { timeout: 90_000 });
  await shot(page, info, 'репетиция');
  const region = await client.state();
  expect(region.users).toEqual([]);
  expect(region.certificates).toEqual([]);
  await expectNoSecrets();
});

test('«Расписание»: a night run added and removed through navbot schedule', async ({ page }, info) => {
  await open(page, '#schedule');
  await expect(page.getByTestId('schedule-empty')).toBeVisible();
  await page.getByLabel('Очередь').selectOption('очередь.xlsx');
  await page.getByLabel('Время (ЧЧ:ММ)').fill('02:30');
  await page.getByRole('button', { name: 'Добавить ночной прогон' }).click();
  await expect(page.getByTestId('schedule-result')).toContainText('Строка добавлена в crontab');
  const night = page.getByTestId('schedule-list').locator('tbody tr');
  await expect(night).toHaveCount(1);
  await expect(night).toContainText('очередь');
  await expect(night).toContainText('02:30');
  await expect(night).toContainText('по будням');
  expect(fs.readFileSync(path.join(dir, 'crontab.txt'), 'utf8')).toMatch(/^30 2 \* \* 1,2,3,4,5 .* run 'console-queues\/очередь\.xlsx' --scheduled .*# navbot: очередь$/m);
  await shot(page, info, 'расписание');
  await page.getByRole('button', { name: 'Удалить прогон этой очереди' }).click();
  await expect(page.getByTestId('schedule-result')).toContainText('удалена из crontab');
  await expect(page.getByTestId('schedule-empty')).toBeVisible();
  await expectNoSecrets();
});

test('«Выйти» ends the console; its address answers no more', async ({ page }) => {
  await open(page);
  const exited = new Promise<number | null>((resolve) => pult.child.once('exit', (code) => resolve(code)));
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByText('Пульт закрыт')).toBeVisible();
  expect(await exited).toBe(0);
  expect(pult.output()).toContain('Пульт закрыт.');
  await expect(fetch(`${pult.base}/`)).rejects.toThrow();
});
