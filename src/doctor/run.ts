// `navbot doctor` from start to verdict: the local checks (checks.ts), then a read-only survey of
// the region (region.ts) or of the certificate registry (registry.ts). Returns an outcome; the CLI
// maps it to an exit code (DESIGN.md, Contracts: 0 ready, 2 settings or a mismatch, 3 unreachable).
// A settings problem wins: it must be fixed before anything else.
import path from 'node:path';
import type { Settings } from '../config/settings.js';
import { createRedactor } from '../core/redact.js';
import { maskConsoleWith } from '../cli/console-gate.js';
import { checkBrowser, checkNode, checkSecret, checkUrl, checkWritable, exitCodeFor, fail, pass, resultLine, type CheckResult } from './checks.js';
import { checkOwnerOnly, checkProjectFolder } from './permissions.js';
import { privatePaths } from '../core/owner-only.js';
import { CODE } from './codes.js';
import { surveyRegion, type SurveyOptions } from './region.js';
import { surveyRegistry } from './registry.js';
import { checkOwnTargets } from './own-targets.js';
import type { TargetModule } from '../navigator/target.js';
import type { SurveyCheck } from './compare/check.js';

/** What doctor found: ready to run, settings or local setup wrong, the region differs, or no answer. */
export type DoctorOutcome =
  | { kind: 'ready'; dir?: string }
  | { kind: 'settings' }
  | { kind: 'mismatch'; dir: string }
  | { kind: 'unreachable'; dir?: string };

/** What doctor is asked: the settings, the flow it checks for, and what the region's survey takes. */
export interface DoctorOptions extends SurveyOptions {
  /** The settings as a run would load them; throws with a message for staff when they are wrong. */
  settings: () => Settings;
  /** Set when the flow uses the certificate registry: its survey replaces the Navigator's. */
  registry?: { title: string };
  /** The flow checked for (--flow): what it uses decides what is surveyed; `targets` are those it brings itself (a module's, --flow <path>). */
  flow?: { readonly title: string; readonly uses: readonly string[]; readonly targets?: readonly TargetModule[] };
}

function outcomeOf(code: number, dir?: string): DoctorOutcome {
  if (code === CODE.ok) return { kind: 'ready', ...(dir ? { dir } : {}) };
  if (code === CODE.invalid) return dir ? { kind: 'mismatch', dir } : { kind: 'settings' };
  return { kind: 'unreachable', ...(dir ? { dir } : {}) };
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorOutcome> {
  const write = o.write;
  const registry = o.registry ?? (o.flow?.uses.includes('registry') ? { title: o.flow.title } : undefined);
  const own = (o.flow?.targets ?? []).filter((t) => o.flow!.uses.includes(t.name));
  // A procedure that uses only targets of its own has no Navigator to check or survey.
  const navigator = !registry && (!o.flow || o.flow.uses.some((n) => !own.some((t) => t.name === n)));
  const titled = registry?.title ?? (own.length ? o.flow!.title : undefined);
  write(`navbot doctor — проверка готовности к работе${titled ? ` (${titled})` : ''}\n`);
  const results: CheckResult[] = [];
  const add = (r: CheckResult) => {
    results.push(r);
    write(resultLine(r));
  };
  add(checkNode());
  let settings: Settings;
  try {
    settings = o.settings();
    add(pass(navigator || registry ? `настройки в порядке (цель: ${settings.targetIsStand ? 'учебный стенд' : 'Навигатор'} ${settings.publicUrl})` : 'настройки в порядке'));
  } catch (e) {
    add(fail(e instanceof Error ? e.message : String(e)));
    write('  Остальные проверки пропущены: сначала исправьте настройки (.env).\n');
    return outcomeOf(exitCodeFor(results));
  }
  await localChecks(settings, registry ? 'registry' : navigator ? 'navigator' : 'none', add);
  for (const r of await checkOwnTargets(settings, own, Math.min(settings.timeoutMs, 15_000))) add(r);
  const failed = results.filter((r) => !r.ok).length;
  if (failed) {
    write(`${navigator || registry ? 'Обзор региона пропущен' : 'Проверка остановлена'}: сначала исправьте отмеченное ✗.\nИтог: проблем — ${failed}. Исправьте отмеченное ✗ и запустите navbot doctor ещё раз.\n`);
    return outcomeOf(exitCodeFor(results));
  }
  if (registry) return registryVerdict(settings, write);
  if (navigator) return regionVerdict(settings, o);
  const one = own.length === 1;
  write(
    `Итог: всё готово к работе, насколько navbot может судить. Страниц${one ? 'ы' : ''} ${own.map((t) => `«${t.title}»`).join(', ')} navbot не осматривает (${one ? 'это цель' : 'это цели'} самой процедуры): ` +
      'их проверят шаги первого запуска — например, navbot run <файл очереди> --flow <путь к процедуре> --only <ключ>.\n',
  );
  return { kind: 'ready' };
}

/** The checks after the settings: secret, folders, the browser and whether the target's addresses answer. */
async function localChecks(settings: Settings, surveyed: 'registry' | 'navigator' | 'none', add: (r: CheckResult) => void): Promise<void> {
  add(checkSecret(settings));
  add(checkWritable(settings.stateDir, 'папка журнала', 'NAVBOT_STATE_DIR'));
  add(checkWritable(settings.reportsDir, 'папка отчётов', 'NAVBOT_REPORTS_DIR'));
  add(checkOwnerOnly(privatePaths('.', settings.stateDir, settings.reportsDir)));
  const project = checkProjectFolder(path.resolve('.'));
  if (project) add(project);
  const timeoutMs = Math.min(settings.timeoutMs, 15_000);
  const urls = Promise.all(
    surveyed === 'none'
      ? []
      : surveyed === 'registry'
      ? [checkUrl(settings.registryUrl, 'реестр сертификатов', 'NAVBOT_REGISTRY_URL', { timeoutMs, stand: settings.targetIsStand })]
      : [
          checkUrl(settings.publicUrl, 'публичный сайт', 'NAVBOT_PUBLIC_URL', { timeoutMs, stand: settings.targetIsStand }),
          checkUrl(settings.adminUrl, 'админ-панель', 'NAVBOT_ADMIN_URL', { timeoutMs, stand: settings.targetIsStand }),
        ],
  );
  add(await checkBrowser(settings.browser, settings.headless));
  for (const r of await urls) add(r);
}

/** The certificate registry's survey and its verdict line. */
async function registryVerdict(settings: Settings, write: (line: string) => void): Promise<DoctorOutcome> {
  write('Осмотр реестра сертификатов (только чтение: кроме входа организации ничего не отправляется)\n');
  const r = await surveyRegistry(settings, write);
  const bad = r.checks.filter((c) => !c.ok).length;
  write(
    r.exitCode === CODE.ok
      ? `Итог: реестр готов к работе. Отчёт осмотра: ${path.join(r.dir, 'survey.json')}\n`
      : r.exitCode === CODE.invalid
        ? `Итог: в реестре не хватает того, что нужно navbot, — проблем: ${bad} (отмечены ✗). Проверьте NAVBOT_REGISTRY_URL, логин и пароль; отчёт: ${path.join(r.dir, 'survey.json')}\n`
        : 'Итог: реестр перестал отвечать во время осмотра. Проверьте сеть и запустите navbot doctor позже.\n',
  );
  return outcomeOf(r.exitCode, r.dir);
}

/** The region's survey (the sample's cabinet only with its password) and its verdict line. */
async function regionVerdict(settings: Settings, o: DoctorOptions): Promise<DoctorOutcome> {
  const write = o.write;
  const samplePassword = o.sample ? o.samplePassword || undefined : undefined;
  if (samplePassword) maskConsoleWith(createRedactor([samplePassword]));
  write(
    samplePassword
      ? 'Обзор региона (только чтение: в Навигатор записываются лишь вход в админ-панель и вход в кабинет заглушки на сайте)\n'
      : 'Обзор региона (только чтение: в Навигатор записывается лишь вход в админ-панель)\n',
  );
  if (o.sample && !samplePassword) write(`  – кабинет заглушки на сайте не осмотрен: не задан NAVBOT_SAMPLE_PASSWORD (пароль кабинета ${o.sample}); вкладка «ДЕТИ» не проверена\n`);
  let survey;
  try {
    survey = await surveyRegion(settings, {
      ...(o.sample ? { sample: o.sample } : {}),
      ...(samplePassword ? { samplePassword } : {}),
      ...(o.snapshot ? { snapshot: true } : {}),
      ...(o.sampleCertified ? { sampleCertified: o.sampleCertified } : {}),
      ...(o.eventId ? { eventId: o.eventId } : {}),
      version: o.version,
      write,
    });
  } catch (e) {
    write(`  ✗ обзор не удался: ${String((e as Error)?.message ?? e).split('\n')[0]}\nИтог: Навигатор не удалось осмотреть. Запустите navbot doctor позже.\n`);
    return { kind: 'unreachable' };
  }
  write(regionVerdictLine(survey.checks, survey.exitCode));
  return outcomeOf(survey.exitCode, survey.dir);
}

/** The region survey's last line: ready (with what was not seen and the warnings), a mismatch, or no answer. */
function regionVerdictLine(checks: SurveyCheck[], exitCode: number): string {
  const problems = checks.filter((c) => !c.ok).length;
  if (exitCode === CODE.ok) {
    const warnings = checks.filter((c) => c.status === 'warning').length;
    const unseen = checks.filter((c) => c.status === 'skipped' && !c.profileKey && c.item >= 5 && c.item <= 8).map((c) => c.title);
    const tail = [
      unseen.length ? `Не осмотрены: ${unseen.join(', ')} — для полного обзора запустите navbot doctor --sample EMAIL существующей заглушки с ребёнком.` : '',
      warnings ? `Предупреждений: ${warnings} (отмечены !).` : '',
    ].filter(Boolean);
    return `Итог: всё готово к работе.${tail.length ? ` ${tail.join(' ')}` : ''}\n`;
  }
  if (exitCode === CODE.invalid) {
    return `Итог: navbot на этом Навигаторе не заработает без правок — проблем: ${problems} (отмечены ✗). Исправьте профиль или настройки, как сказано выше, и запустите navbot doctor ещё раз.\n`;
  }
  return 'Итог: Навигатор перестал отвечать во время обзора. Проверьте сеть и запустите navbot doctor позже.\n';
}
