// `navbot doctor`: is this computer ready to run a queue, and will navbot work on this region?
// First the local checks (Node, settings, secret, folders, browser, the URLs answer), each with ✓
// or ✗ and what to do; when they pass, a read-only survey of the region (doctor-survey.ts).
// Exit codes: 0 all good, 2 settings or local setup wrong, or the region differs from the profile
// (the survey names each label, column or field), 3 the target does not answer. A settings
// problem wins: it must be fixed before anything else.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { chromium } from 'playwright';
import { describeLaunchFailure, resolveBrowser } from '../../config/browser.js';
import { describeFetchError, fetchErrorCode } from '../../config/net-error.js';
import { DEMO_SECRET, type Settings } from '../../config/settings.js';
import { environment, settingsFor } from '../env.js';
import { maskConsoleWith } from '../../runner/console-gate.js';
import { createRedactor } from '../../core/redact.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { surveyRegion } from './doctor-survey.js';
import { surveyRegistry } from './doctor-registry.js';
import { FLOW_DEFAULT, flowFor, flowHelp } from '../flow-option.js';
import { compareFile } from '../../doctor/compare-run.js';

export type CheckArea = 'settings' | 'target';

export interface CheckResult {
  readonly ok: boolean;
  readonly text: string;
  /** Which exit code a failure maps to. */
  readonly area: CheckArea;
}

const pass = (text: string, area: CheckArea = 'settings'): CheckResult => ({ ok: true, text, area });
const fail = (text: string, area: CheckArea = 'settings'): CheckResult => ({ ok: false, text, area });

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

function print(r: CheckResult): void {
  process.stdout.write(`  ${r.ok ? '✓' : '✗'} ${r.text.replace(/\n\s*/g, '\n      ')}\n`);
}

export function exitCodeFor(results: readonly CheckResult[]): number {
  const failed = results.filter((r) => !r.ok);
  if (failed.some((r) => r.area === 'settings')) return EXIT.invalid;
  if (failed.length) return EXIT.unreachable;
  return EXIT.ok;
}

export interface DoctorOptions {
  /** E-mail of an existing placeholder user whose cards the survey reads. */
  sample?: string;
  /** The procedure to check for: a registry flow surveys the certificate registry, not the Navigator. */
  flow?: string;
  /** Also write region-snapshot.zip (the field kit) beside survey.json. */
  snapshot?: boolean;
  /** E-mail of a placeholder user whose child holds a certificate: where the panel shows it (issue 22 §1). */
  sampleCertified?: string;
  /** The event id for the per-event certificate check. */
  eventId?: string;
}

export async function doctor(o: DoctorOptions = {}): Promise<number> {
  const flow = flowFor(o.flow);
  const registry = flow.uses.includes('registry');
  process.stdout.write(`navbot doctor — проверка готовности к работе${registry ? ` (${flow.title})` : ''}\n`);
  const results: CheckResult[] = [];
  const add = (r: CheckResult) => {
    results.push(r);
    print(r);
  };
  add(checkNode());
  let settings: Settings;
  try {
    settings = settingsFor();
    add(pass(`настройки в порядке (цель: ${settings.targetIsStand ? 'учебный стенд' : 'Навигатор'} ${settings.publicUrl})`));
  } catch (e) {
    add(fail(e instanceof CliExit ? e.message : String(e)));
    process.stdout.write('  Остальные проверки пропущены: сначала исправьте настройки (.env).\n');
    return exitCodeFor(results);
  }
  add(checkSecret(settings));
  add(checkWritable(settings.stateDir, 'папка журнала', 'NAVBOT_STATE_DIR'));
  add(checkWritable(settings.reportsDir, 'папка отчётов', 'NAVBOT_REPORTS_DIR'));
  const timeoutMs = Math.min(settings.timeoutMs, 15_000);
  const urls = Promise.all(
    registry
      ? [checkUrl(settings.registryUrl, 'реестр сертификатов', 'NAVBOT_REGISTRY_URL', { timeoutMs, stand: settings.targetIsStand })]
      : [
          checkUrl(settings.publicUrl, 'публичный сайт', 'NAVBOT_PUBLIC_URL', { timeoutMs, stand: settings.targetIsStand }),
          checkUrl(settings.adminUrl, 'админ-панель', 'NAVBOT_ADMIN_URL', { timeoutMs, stand: settings.targetIsStand }),
        ],
  );
  add(await checkBrowser(settings.browser, settings.headless));
  for (const r of await urls) add(r);
  const failed = results.filter((r) => !r.ok).length;
  if (failed) {
    process.stdout.write(`Обзор региона пропущен: сначала исправьте отмеченное ✗.\nИтог: проблем — ${failed}. Исправьте отмеченное ✗ и запустите navbot doctor ещё раз.\n`);
    return exitCodeFor(results);
  }
  if (registry) {
    process.stdout.write('Осмотр реестра сертификатов (только чтение: кроме входа организации ничего не отправляется)\n');
    const r = await surveyRegistry(settings, (line) => process.stdout.write(line));
    const bad = r.checks.filter((c) => !c.ok).length;
    process.stdout.write(
      r.exitCode === EXIT.ok
        ? `Итог: реестр готов к работе. Отчёт осмотра: ${path.join(r.dir, 'survey.json')}\n`
        : r.exitCode === EXIT.invalid
          ? `Итог: в реестре не хватает того, что нужно navbot, — проблем: ${bad} (отмечены ✗). Проверьте NAVBOT_REGISTRY_URL, логин и пароль; отчёт: ${path.join(r.dir, 'survey.json')}\n`
          : 'Итог: реестр перестал отвечать во время осмотра. Проверьте сеть и запустите navbot doctor позже.\n',
    );
    return r.exitCode;
  }
  // The sample's cabinet password: from the environment only (never a flag), never printed.
  const samplePassword = o.sample ? environment().NAVBOT_SAMPLE_PASSWORD || undefined : undefined;
  if (samplePassword) maskConsoleWith(createRedactor([samplePassword]));
  process.stdout.write(
    samplePassword
      ? 'Обзор региона (только чтение: в Навигатор записываются лишь вход в админ-панель и вход в кабинет заглушки на сайте)\n'
      : 'Обзор региона (только чтение: в Навигатор записывается лишь вход в админ-панель)\n',
  );
  if (o.sample && !samplePassword) process.stdout.write(`  – кабинет заглушки на сайте не осмотрен: не задан NAVBOT_SAMPLE_PASSWORD (пароль кабинета ${o.sample}); вкладка «ДЕТИ» не проверена\n`);
  let survey;
  try {
    survey = await surveyRegion(settings, {
      ...(o.sample ? { sample: o.sample } : {}),
      ...(samplePassword ? { samplePassword } : {}),
      ...(o.snapshot ? { snapshot: true } : {}),
      ...(o.sampleCertified ? { sampleCertified: o.sampleCertified } : {}),
      ...(o.eventId ? { eventId: o.eventId } : {}),
      write: (line) => process.stdout.write(line),
    });
  } catch (e) {
    process.stdout.write(`  ✗ обзор не удался: ${String((e as Error)?.message ?? e).split('\n')[0]}\nИтог: Навигатор не удалось осмотреть. Запустите navbot doctor позже.\n`);
    return EXIT.unreachable;
  }
  const problems = survey.checks.filter((c) => !c.ok).length;
  if (survey.exitCode === EXIT.ok) {
    const warnings = survey.checks.filter((c) => c.status === 'warning').length;
    const unseen = survey.checks.filter((c) => c.status === 'skipped' && !c.profileKey && c.item >= 5 && c.item <= 8).map((c) => c.title);
    const tail = [
      unseen.length ? `Не осмотрены: ${unseen.join(', ')} — для полного обзора запустите navbot doctor --sample EMAIL существующей заглушки с ребёнком.` : '',
      warnings ? `Предупреждений: ${warnings} (отмечены !).` : '',
    ].filter(Boolean);
    process.stdout.write(`Итог: всё готово к работе.${tail.length ? ` ${tail.join(' ')}` : ''}\n`);
  }
  else if (survey.exitCode === EXIT.invalid) {
    process.stdout.write(`Итог: navbot на этом Навигаторе не заработает без правок — проблем: ${problems} (отмечены ✗). Исправьте профиль или настройки, как сказано выше, и запустите navbot doctor ещё раз.\n`);
  } else process.stdout.write('Итог: Навигатор перестал отвечать во время обзора. Проверьте сеть и запустите navbot doctor позже.\n');
  return survey.exitCode;
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('проверить готовность: Node.js, настройки, браузер, папки, доступность Навигатора, и осмотреть регион (только чтение)')
    .option('--sample <email>', 'e-mail существующей заглушки: её карточку и ребёнка осмотреть (без него — первый пользователь в таблице); с NAVBOT_SAMPLE_PASSWORD в окружении — и её кабинет на сайте (вкладку «ДЕТИ»)')
    .option('--flow <name>', `${flowHelp('для какой процедуры проверить')}; для registry-apply и registry-accept осматривается реестр сертификатов`)
    .option('--snapshot', 'записать и снимок региона region-snapshot.zip (без персональных данных) — его присылают разработчикам, если регион отличается')
    .option('--compare <zip>', 'для разработчиков: сравнить снимок региона с учебным стендом (без сети и браузера)')
    .option('--reference <file>', 'с --compare: сравнить не со стендом, а с другим снимком')
    .option('--sample-certified <email>', 'e-mail заглушки, у ребёнка которой точно есть сертификат: найти, где панель показывает его номер, и предложить adminData.certificateRead')
    .option('--event-id <id>', 'мероприятие для проверки сертификата (POST …/certificate/kid/{kid_id}?eventId=) вместе с --sample-certified')
    .action(async (opts: { sample?: string; flow?: string; snapshot?: boolean; compare?: string; reference?: string; sampleCertified?: string; eventId?: string }) => {
      if (opts.compare) {
        const outcome = await compareFile(opts.compare, { ...(opts.reference ? { reference: opts.reference } : {}), write: (line) => process.stdout.write(line) });
        process.exitCode = outcome.kind === 'same' ? EXIT.ok : EXIT.invalid;
        return;
      }
      process.exitCode = await doctor({
        ...(opts.sample ? { sample: opts.sample } : {}),
        ...(opts.flow && opts.flow !== FLOW_DEFAULT ? { flow: opts.flow } : {}),
        ...(opts.snapshot ? { snapshot: true } : {}),
        ...(opts.sampleCertified ? { sampleCertified: opts.sampleCertified } : {}),
        ...(opts.eventId ? { eventId: opts.eventId } : {}),
      });
    });
}
