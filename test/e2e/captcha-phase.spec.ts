// The day/night split (issue 22 §5): `navbot run <queue> --until register` with a person at the
// browser registers each row — the person passes the captcha widget — and stops each row there;
// the night's headless `navbot run` finishes them: every child issued once. The test plays the
// person: navbot's headless browser listens on a remote-debugging port (NAVBOT_REMOTE_DEBUGGING_PORT,
// as chrome://inspect would reach it), the test connects over CDP and clicks inside the widget's
// iframe — a trusted click, as the widget requires. Without anyone clicking the phase ends with a reason.
import { test, expect } from '@playwright/test';
import { chromium, type Browser, type Page } from 'playwright';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { lastReport, makeQueue, navbotEnv, runDirs, runNavbot, startNavbot, tempDir, useStand, type QueueRowInput } from './support/navbot.js';

const target = useStand({ variants: ['captcha-widget'] });

const ROWS: QueueRowInput[] = [1, 2, 3, 4, 5].map((i) => ({ key: `Д-${i}`, birth: `1${i}.03.2014`, sex: i % 2 ? 'Женский' : 'Мужской' }));

const PHASE_LABEL = 'Зарегистрирован — остальное сделает ночной запуск';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** navbot's page whose registration form waits for the person: the widget is there and not yet ticked. */
async function waitingPage(browser: Browser): Promise<Page | undefined> {
  for (const page of browser.contexts().flatMap((c) => c.pages())) {
    const box = page.frameLocator('form iframe').getByLabel('Я не робот');
    if ((await box.count().catch(() => 0)) === 1 && !(await box.isChecked().catch(() => true))) return page;
  }
  return undefined;
}

test('day: the person passes «Я не робот» for 5 rows in the --until register phase; night: a headless run issues each once', async () => {
  test.setTimeout(300_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS);
  const port = await freePort();
  // Concurrency 2 is asked for; the attended phase runs one row at a time all the same.
  const day = startNavbot(['run', file, '--until', 'register'], navbotEnv(target.url, dir, { NAVBOT_REMOTE_DEBUGGING_PORT: String(port), NAVBOT_CONCURRENCY: '2', NAVBOT_CAPTCHA_WAIT_S: '90' }));
  let said = '';
  day.child.stderr!.on('data', (d: Buffer) => (said += d.toString()));
  let browser: Browser | undefined;
  try {
    await expect(async () => {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    for (let i = 1; i <= ROWS.length; i++) {
      // navbot names the row and asks; then one page waits with the widget unticked.
      await expect.poll(() => said.split('Пройдите проверку «Я не робот»').length - 1, { timeout: 90_000 }).toBe(i);
      let page: Page | undefined;
      await expect.poll(async () => (page = await waitingPage(browser!)) !== undefined, { timeout: 30_000 }).toBe(true);
      // One row at a time: the person has exactly one form to answer.
      expect((await target.client.state()).users).toHaveLength(i - 1);
      await page!.bringToFront();
      await page!.frameLocator('form iframe').getByLabel('Я не робот').click();
      await expect.poll(async () => (await target.client.state()).users.length, { timeout: 30_000 }).toBe(i);
    }
  } finally {
    await browser?.close().catch(() => undefined);
  }
  const dayRun = await day.done;
  expect(dayRun.code, dayRun.stdout + dayRun.stderr).toBe(0);
  expect(dayRun.stdout).toContain('Этап до шага «регистрация на сайте» (--until register)');
  expect(dayRun.stdout).toContain('Строки идут по одной');
  expect(dayRun.stdout).toContain('Вход в кабинет на сайте navbot между запусками не сохраняет');
  // One row at a time: each row ended before the next one started (the events of the day's run).
  const events = readFileSync(path.join(runDirs(dir)[0]!, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
  const rowEvents = events.filter((e) => e.type === 'row-start' || e.type === 'row-end').map((e) => e.type);
  expect(rowEvents).toEqual(ROWS.flatMap(() => ['row-start', 'row-end']));
  // The Сводка names the phase: a reader of the report knows the rest is the night's.
  expect(readFileSync(path.join(runDirs(dir)[0]!, 'report.html'), 'utf8')).toContain('до шага «register» (--until register)');
  const dayReport = await lastReport(dir);
  expect(dayReport.map((r) => r.status)).toEqual(ROWS.map(() => PHASE_LABEL));
  expect(dayReport[0]!.action).toContain('без --until');
  let state = await target.client.state();
  expect(state.users).toHaveLength(5);
  expect(state.children).toHaveLength(0);
  expect(state.certificates).toHaveLength(0);

  // The night: headless, no one at the screen; registration is found done, the rest is done.
  const night = await runNavbot(['run', file], navbotEnv(target.url, dir));
  expect(night.code, night.stdout + night.stderr).toBe(0);
  const nightReport = await lastReport(dir);
  expect(nightReport.map((r) => r.status)).toEqual(ROWS.map(() => 'Выдан'));
  state = await target.client.state();
  expect(state.users).toHaveLength(5);
  expect(state.children).toHaveLength(5);
  expect(state.certificates.filter((c) => c.type === 'accounting')).toHaveLength(5);
  expect(new Set(state.certificates.map((c) => c.childId)).size).toBe(5);
  expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });

  // A second phase the next day finds every row further on: nothing is registered again, nothing asked.
  const again = await runNavbot(['run', file, '--until', 'register'], navbotEnv(target.url, dir));
  expect(again.code, again.stdout + again.stderr).toBe(0);
  expect(again.stderr).not.toContain('Пройдите проверку');
  // Only registration was read on the target: the ledger's «issued» is a note, not the row's status.
  const againReport = await lastReport(dir);
  expect(againReport.map((r) => r.status)).toEqual(ROWS.map(() => PHASE_LABEL));
  expect(againReport[0]!.reason).toContain('По журналу строка уже была выдана раньше');
  expect((await target.client.state()).users).toHaveLength(5);
});

test('--until register without a window on a captcha region: each row stops before sending, saying what to do', async () => {
  test.setTimeout(120_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 2));
  const run = await runNavbot(['run', file, '--until', 'register'], navbotEnv(target.url, dir));
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stdout).toContain('Окна браузера нет');
  const rows = await lastReport(dir);
  expect(rows.map((r) => r.status)).toEqual(['Ошибка', 'Ошибка']);
  expect(rows[0]!.reason).toContain('«Я не робот»');
  expect(rows[0]!.action).toContain('--until register --headed');
  expect((await target.client.state()).users).toHaveLength(0);
});

test('with a person who does not come: the phase ends the row with the wait that ran out, nothing sent', async () => {
  test.setTimeout(120_000);
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 1));
  const port = await freePort();
  const run = await runNavbot(['run', file, '--until', 'register'], navbotEnv(target.url, dir, { NAVBOT_REMOTE_DEBUGGING_PORT: String(port), NAVBOT_CAPTCHA_WAIT_S: '10' }));
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr).toContain('Пройдите проверку «Я не робот» в окне браузера');
  const [row] = await lastReport(dir);
  expect(row!.status).toBe('Ошибка');
  expect(row!.reason).toContain('не пройдена за 10 с');
  expect(row!.action).toContain('пока navbot ждёт');
  expect((await target.client.state()).users).toHaveLength(0);
});

test('--until a step the flow does not have: stops before anything, listing the steps', async () => {
  const dir = tempDir();
  const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 1));
  const run = await runNavbot(['run', file, '--until', 'regster'], navbotEnv(target.url, dir));
  expect(run.code).not.toBe(0);
  expect(run.stderr + run.stdout).toContain('register (регистрация на сайте)');
  expect(await target.client.requests()).toEqual([]);
});
