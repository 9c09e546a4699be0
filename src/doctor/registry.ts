// `navbot doctor --flow registry-apply|registry-accept`: the organisation's cabinet of the
// certificate registry, read only — the login, the menu, every field the flows fill (nothing is
// sent), the search and the JSON the flows read. Writes $NAVBOT_REPORTS_DIR/doctor-<date>/
// survey.json and a screenshot; exit 0 ready, 2 a field or a login is wrong, 3 unreachable.
// Reads through the registry's page object (src/navigator/registry/pages.ts), which keeps every selector.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import { resolveBrowser } from '../config/browser.js';
import type { Settings } from '../config/settings.js';
import { SettingsStopError } from '../core/errors.js';
import { REGISTRY_PATHS as PATHS, REGISTRY_SEL as SEL, Registry } from '../navigator/registry/pages.js';
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
      checks = await surveyCabinet(registry);
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

/**
 * A read-only look at the cabinet for `navbot doctor --flow registry-…`: the login, the menu,
 * every field the flows fill on «Создать заявку» (after «Получить сертификат»; nothing is
 * sent), «Поиск заявки» and the JSON the flows read. Each check names what it looked for.
 */
export async function surveyCabinet(registry: Registry): Promise<Array<{ title: string; ok: boolean; found: string }>> {
  const page = registry.page;
  const out: Array<{ title: string; ok: boolean; found: string }> = [];
  const present = async (title: string, selector: string) => {
    const n = await page.locator(selector).count();
    out.push({ title, ok: n > 0, found: n > 0 ? 'есть' : `нет элемента ${selector}` });
  };
  await registry.ensureLoggedIn();
  out.push({ title: `вход организации ${registry.organisation}`, ok: true, found: 'принят' });
  const created = await registry.open(PATHS.create);
  out.push({ title: '«Создать заявку» открывается', ok: created === 200, found: `HTTP ${created}` });
  for (const [title, sel] of [
    ['форма заявки', SEL.form],
    ['фамилия ребенка', SEL.childLastName],
    ['имя ребенка', SEL.childFirstName],
    ['отчество ребенка', SEL.childPatronymic],
    ['дата рождения', SEL.birthDate],
    ['пол', SEL.sex],
    ['тип документа', SEL.documentType],
    ['серия документа', SEL.documentSeries],
    ['номер документа', SEL.documentNumber],
  ] as const) {
    await present(title, sel);
  }
  const link = page.locator(SEL.getCertificate);
  const section = page.locator(SEL.certificateSection);
  if ((await link.count()) > 0 && (await section.isHidden())) {
    await link.click();
    await section.waitFor({ state: 'visible', ...registry.wait });
    out.push({ title: 'ссылка «Получить сертификат»', ok: true, found: 'открывает вторую часть формы' });
  }
  for (const [title, sel] of [
    ['«старше 14 лет»', SEL.over14],
    ['фамилия заявителя', SEL.applicantLastName],
    ['имя заявителя', SEL.applicantFirstName],
    ['телефон', SEL.phone],
    ['e-mail', SEL.email],
    ['муниципалитет', SEL.municipality],
    [`кнопка «${registry.t.send}» (не нажимается)`, SEL.send],
  ] as const) {
    await present(title, sel);
  }
  const searched = await registry.open(PATHS.search);
  out.push({ title: '«Поиск заявки» открывается', ok: searched === 200, found: `HTTP ${searched}` });
  for (const [title, sel] of [
    ['номер заявки', SEL.searchNumber],
    ['номер сертификата', SEL.searchCertificate],
    ['кнопка «Поиск»', SEL.searchSubmit],
  ] as const) {
    await present(title, sel);
  }
  try {
    const api = await registry.api(`${PATHS.api}?number=${encodeURIComponent('Н-0')}`);
    out.push({ title: 'поиск заявок для робота (JSON)', ok: api.status < 400, found: `HTTP ${api.status}` });
  } catch (e) {
    out.push({ title: 'поиск заявок для робота (JSON)', ok: false, found: (e as Error).message.split('\n')[0]! });
  }
  return out;
}