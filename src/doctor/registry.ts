// `navbot doctor --flow registry-apply|registry-accept`: the organisation's cabinet of the
// certificate registry, read only — the login, the menu, every field the flows fill (nothing is
// sent), the search and the JSON the flows read. Writes $NAVBOT_REPORTS_DIR/doctor-<date>/
// survey.json and a screenshot; exit 0 ready, 2 a field or a login is wrong, 3 unreachable.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import { resolveBrowser } from '../config/browser.js';
import type { Settings } from '../config/settings.js';
import { SettingsStopError } from '../core/errors.js';
import { Registry } from '../navigator/registry.js';
import { CODE } from './codes.js';
import { surveyDir } from './region.js';

export interface RegistrySurvey {
  exitCode: number;
  dir: string;
  checks: Array<{ title: string; ok: boolean; found: string }>;
}

export async function surveyRegistry(settings: Settings, write: (line: string) => void): Promise<RegistrySurvey> {
  const dir = surveyDir(settings.reportsDir, new Date());
  const choice = resolveBrowser(settings.browser);
  const browser = await chromium.launch({ ...(choice?.launch ?? {}), headless: true });
  let checks: RegistrySurvey['checks'] = [];
  let exitCode: number = CODE.ok;
  try {
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    const registry = new Registry(page, { baseUrl: settings.registryUrl, login: settings.registryLogin, password: settings.registryPassword, timeoutMs: Math.min(settings.timeoutMs, 20_000) });
    try {
      checks = await registry.survey();
      exitCode = checks.every((c) => c.ok) ? CODE.ok : CODE.invalid;
    } catch (e) {
      const message = String((e as Error)?.message ?? e).split('\n')[0]!;
      checks.push({ title: 'осмотр реестра', ok: false, found: message });
      exitCode = e instanceof SettingsStopError ? CODE.invalid : CODE.unreachable;
    }
    await page.screenshot({ path: path.join(dir, 'registry.png'), fullPage: true }).catch(() => undefined);
  } finally {
    await browser.close();
  }
  for (const c of checks) write(`  ${c.ok ? '✓' : '✗'} ${c.title}: ${c.found}\n`);
  writeFileSync(path.join(dir, 'survey.json'), `${JSON.stringify({ target: 'registry', url: settings.registryUrl, at: new Date().toISOString(), exitCode, checks }, null, 2)}\n`);
  return { exitCode, dir, checks };
}
