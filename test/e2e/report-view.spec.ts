// report.html as a reviewer opens it: by double-click (file://), offline. The status filter and
// the key search work, screenshots load from the run folder, and nothing is fetched from anywhere
// else. The pictures are kept under reports/screens/ for review.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../src/report/build.js';
import { makeFakeRun, type FakeRun } from '../unit/report/fake-run.js';

const SCREENS = path.resolve('reports', 'screens');
let run: FakeRun;

test.beforeAll(async ({ browser }) => {
  run = makeFakeRun();
  // Real pictures instead of 1×1 placeholders, so the review screenshot shows thumbnails.
  const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
  for (const [file, text, colour] of [
    ['А-001-certificate.png', 'Сертификат учета № 50-100000 выдан', '#e2f4e6'],
    ['А-003-failed.png', 'Ошибка: ребенку больше 18 лет', '#fde2e2'],
  ] as const) {
    await page.setContent(`<body style="margin:0;background:${colour};font:32px Arial;display:flex;align-items:center;justify-content:center;height:100vh">${text}</body>`);
    await page.screenshot({ path: path.join(run.runDir, 'screenshots', file) });
  }
  await page.close();
  await buildReport(run.runDir);
});

test.afterAll(() => fs.rmSync(run.root, { recursive: true, force: true }));

test('report.html opens from disk, filters by status and searches by key', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(pathToFileURL(path.join(run.runDir, 'report.html')).href);

  await expect(page.getByRole('heading', { name: 'Отчёт navbot' })).toBeVisible();
  const rows = page.locator('#rows tbody tr.row');
  await expect(rows).toHaveCount(6);
  await expect(page.locator('#shown')).toHaveText('Показано строк: 6 из 6');

  // Thumbnails load from the run folder (the page's CSP allows only local files).
  await page.locator('tr[data-status="issued"] details summary').click();
  const thumb = page.locator('tr[data-status="issued"] .shots img');
  await expect(thumb).toBeVisible();
  expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 1)).toBe(true);
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, 'report-html.png'), fullPage: true });

  await page.locator('.toolbar').getByRole('button', { name: /^Ошибка/ }).click();
  await expect(page.locator('#shown')).toHaveText('Показано строк: 1 из 6');
  const visible = rows.locator('visible=true');
  await expect(visible).toHaveCount(1);
  await expect(visible.first()).toHaveAttribute('data-status', 'failed');
  await expect(visible.first().locator('[data-col="reason"]')).toContainText('больше 18 лет');
  await visible.first().locator('details summary').click();
  await expect(visible.first()).toContainText('npx playwright show-trace traces/А-003-admin.zip');
  await page.screenshot({ path: path.join(SCREENS, 'report-html-failed.png'), fullPage: true });

  await page.locator('.toolbar').getByRole('button', { name: 'Все', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Поиск по ключу' }).fill('а-005');
  await expect(rows.locator('visible=true')).toHaveCount(1);
  await expect(rows.locator('visible=true').first().locator('[data-col="key"]')).toHaveText('А-005');

  expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
});
