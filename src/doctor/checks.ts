// `navbot doctor`'s local checks: Node, settings, secret, folders, browser, the URLs answer —
// each a ✓ or ✗ with what to do. A settings failure maps to 2, a target that does not answer to 3.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import { describeLaunchFailure, resolveBrowser } from '../config/browser.js';
import { describeFetchError, fetchErrorCode } from '../cli/net-error.js';
import { DEMO_SECRET, type Settings } from '../config/settings.js';
import { CODE } from './codes.js';

export type CheckArea = 'settings' | 'target';

export interface CheckResult {
  readonly ok: boolean;
  readonly text: string;
  /** Which exit code a failure maps to. */
  readonly area: CheckArea;
}

export const pass = (text: string, area: CheckArea = 'settings'): CheckResult => ({ ok: true, text, area });
export const fail = (text: string, area: CheckArea = 'settings'): CheckResult => ({ ok: false, text, area });

export function checkNode(version: string = process.versions.node): CheckResult {
  const major = Number(version.split('.')[0]);
  return major >= 20
    ? pass(`Node.js ${version}`)
    : fail(`Node.js ${version} устарел: нужен 20 или новее. Установите Node.js 20 LTS с nodejs.org.`);
}

export function checkSecret(settings: Pick<Settings, 'secret' | 'targetIsStand'>): CheckResult {
  if (settings.secret !== DEMO_SECRET) return pass('NAVBOT_SECRET задан свой');
  return settings.targetIsStand
    ? pass('NAVBOT_SECRET демонстрационный — допустимо только для учебного стенда')
    : fail('NAVBOT_SECRET демонстрационный, а цель — настоящий Навигатор. Задайте свой секрет в .env (не короче 16 символов) и не меняйте его.');
}

export function checkWritable(dir: string, what: string, envName: string): CheckResult {
  const probe = path.join(dir, `.navbot-doctor-${process.pid}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
    return pass(`${what} ${path.resolve(dir)} доступна для записи`);
  } catch (e) {
    return fail(`${what} ${path.resolve(dir)} недоступна для записи (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Укажите другую папку в ${envName} или дайте права на запись.`);
  }
}

/**
 * The browser the run would use starts, in the mode the run will use: with a window when
 * NAVBOT_HEADLESS=false (a PC without a screen cannot open one), without one otherwise.
 */
export async function checkBrowser(setting: string | undefined, headless = true): Promise<CheckResult> {
  const choice = resolveBrowser(setting, headless);
  if (!choice) {
    return fail(
      setting
        ? `браузер «${setting}» не найден. Укажите в NAVBOT_BROWSER путь к файлу браузера или канал msedge/chrome.`
        : 'браузер не найден. Установите Microsoft Edge или Google Chrome, либо укажите путь в NAVBOT_BROWSER.',
    );
  }
  try {
    const browser = await chromium.launch({ ...choice.launch, headless, timeout: 60_000 });
    try {
      const page = await browser.newPage();
      await page.goto('about:blank');
    } finally {
      await browser.close();
    }
    return pass(`браузер ${choice.describe} запускается${headless ? '' : ' и открывает окно (NAVBOT_HEADLESS=false)'}`);
  } catch (e) {
    return fail(`${describeLaunchFailure(e, choice.describe, headless)}.`);
  }
}

/** Any HTTP answer below 500 means the site is there (a login page may answer 302 or 401). */
export async function checkUrl(url: string, label: string, envName: string, o: { timeoutMs: number; stand: boolean }): Promise<CheckResult> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(o.timeoutMs) });
    await res.body?.cancel();
    return res.status < 500
      ? pass(`${label} ${url} отвечает (HTTP ${res.status})`, 'target')
      : fail(`${label} ${url} отвечает ошибкой HTTP ${res.status}: сайт неисправен, попробуйте позже.`, 'target');
  } catch (e) {
    const why =
      fetchErrorCode(e) === 'ECONNREFUSED' && o.stand
        ? 'учебный стенд не запущен: npm run stand'
        : (e as Error).name === 'TimeoutError'
          ? `нет ответа за ${Math.round(o.timeoutMs / 1000)} с. Проверьте сеть или прокси и адрес в ${envName}.`
          : `${describeFetchError(e)}. Проверьте адрес в ${envName} и доступ к сети.`;
    return fail(`${label} ${url} не отвечает: ${why}`, 'target');
  }
}

/** The line a check prints: ✓ or ✗ and its text, continuation lines indented. */
export function resultLine(r: CheckResult): string {
  return `  ${r.ok ? '✓' : '✗'} ${r.text.replace(/\n\s*/g, '\n      ')}\n`;
}

export function exitCodeFor(results: readonly CheckResult[]): number {
  const failed = results.filter((r) => !r.ok);
  if (failed.some((r) => r.area === 'settings')) return CODE.invalid;
  if (failed.length) return CODE.unreachable;
  return CODE.ok;
}
