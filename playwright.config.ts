import { defineConfig } from '@playwright/test';
import { resolveBrowser } from './src/config/browser.js';
import { config as loadEnv } from 'dotenv';

loadEnv({ quiet: true });

// The browser is resolved exactly as navbot resolves it (NAVBOT_BROWSER, Edge/Chrome,
// Playwright's own, /usr/bin/chromium), so tests drive the browser staff will use.
const browser = resolveBrowser(process.env.NAVBOT_BROWSER, true);
if (!browser) {
  throw new Error('Не найден браузер: установите Edge/Chrome или chromium, либо укажите путь в NAVBOT_BROWSER');
}

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // The whole variant matrix is `npm run variants` (test/tools/variants.mjs sets the variable).
  testIgnore: process.env.NAVBOT_VARIANT_MATRIX ? [] : ['**/variant-matrix-full.spec.ts'],
  timeout: 120_000,
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'reports/test-results',
  use: {
    headless: true,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    launchOptions: browser.launch,
    trace: 'retain-on-failure',
  },
});
