// `navbot init`: a staff member's own .env, by answering questions one at a time (or, for scripts
// and tests, by flags and --yes). Every answer is checked before anything is written; the secret
// is generated, never asked. Prompts, network checks, the site's municipality list and doctor
// come in as dependencies, so the logic runs in tests without a terminal or a browser.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DEMO_SECRET, isLoopbackUrl, loadSettings, SETTINGS, SettingsError, urlProblem } from '../../config/settings.js';
import { emailFromTemplate } from '../../intake/email.js';
import type { CheckResult } from '../../doctor/checks.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { makeOwnerOnly, privatePaths, type OwnerOnlyHost } from '../../core/owner-only.js';
import { readEnvFile, renderEnvFile, writeEnvFile, type EnvValues } from './env-file.js';
import { answer, askMunicipality, askPassword, reachable, type Ask } from './init-questions.js';

export interface InitFlags {
  /** The project folder: .env is written there and doctor runs there (default: the current folder). */
  dir?: string;
  force?: boolean;
  newSecret?: boolean;
  yes?: boolean;
  publicUrl?: string;
  adminUrl?: string;
  adminEmail?: string;
  /** The name of an environment variable holding the admin password (never the password itself). */
  adminPasswordEnv?: string;
  emailTemplate?: string;
  municipality?: string;
  concurrency?: string;
}

export type { Ask };

export interface InitDeps {
  /** Absent: no questions, every answer from a flag or a default (--yes). */
  ask?: Ask;
  say: (line: string) => void;
  /** The process environment, for --admin-password-env and for overriding variables. */
  env: Record<string, string | undefined>;
  /** Does the address answer? (doctor's check) */
  checkUrl: (url: string, label: string, envName: string, stand: boolean) => Promise<CheckResult>;
  /** The municipality list of the site's registration form, or undefined when it cannot be read. */
  siteMunicipalities: (publicUrl: string, settings: EnvValues, dir: string) => Promise<string[] | undefined>;
  /** Runs `navbot doctor` in the project folder; returns its exit code. */
  doctor: (dir: string) => Promise<number>;
  newSecret?: () => string;
  /** How files are made owner-only (tests: a recording icacls). */
  host?: OwnerOnlyHost;
}

export const ENV_FILE = '.env';
const STAND_PUBLIC = 'http://127.0.0.1:8080/';
const STAND_ADMIN_EMAIL = 'admin@stand.local';
const STAND_ADMIN_PASSWORD = 'stand-admin';
const SAMPLE_KEY = 'К-001';

/** 32 random bytes in base64url: 43 characters of [A-Za-z0-9_-], safe in a .env and a shell. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const SECRET_NOTE =
  'NAVBOT_SECRET создан: из него получаются пароли учётных записей-заглушек — не меняйте его и храните .env вместе с журналом data/state, иначе navbot не войдёт в уже созданные учётные записи.';

/** What is wrong with an address typed in answer to a question (init's own words first, then the settings' rule), or undefined. */
export function answerUrlProblem(value: string): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'это не адрес сайта: нужен полный адрес, например https://р00.навигатор.дети/';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'адрес должен начинаться с https:// (или http://)';
  if (u.username || u.password) return 'в адресе не должно быть логина и пароля (часть «логин:пароль@»): их navbot спросит отдельно';
  // What .env will be held to («http:/host» parses, but is a typo there).
  return urlProblem(value);
}

export function adminEmailProblem(value: string): string | undefined {
  if (value === '') return 'логин не может быть пустым';
  if (/\s/.test(value)) return 'в логине есть пробел';
  if (!value.includes('@')) return 'логин администратора — это e-mail, в нём нет знака @';
  return undefined;
}

/** The e-mail template check: {key} in the part before @, and an address the admin panel saves. */
export function templateProblem(template: string): string | undefined {
  if (!template.includes('{key}')) return 'в шаблоне нет {key} — на его место navbot подставляет ключ строки, например robot+{key}@school.ru';
  const at = template.lastIndexOf('@');
  if (at < 0) return 'в шаблоне нет знака @, например robot+{key}@school.ru';
  if (template.indexOf('{key}') > at) return '{key} должен стоять до знака @, например robot+{key}@school.ru';
  const sample = emailFromTemplate(template, SAMPLE_KEY);
  if (!sample.ok) return sample.problem;
  return undefined;
}

export function concurrencyProblem(value: string): string | undefined {
  return SETTINGS.concurrency[1].safeParse(value).success && /^\d+$/.test(value.trim()) ? undefined : 'нужно целое число от 1 до 16';
}


/** Runs init; returns the exit code (doctor's, once .env is written). Throws CliExit to refuse. */
export async function runInit(flags: InitFlags, deps: InitDeps): Promise<number> {
  const { dir, file, old } = start(flags, deps);
  const answers = await askAll(flags, deps, { dir, old });
  const secret = chooseSecret(flags, deps, old.NAVBOT_SECRET);
  const values = settingsToWrite(answers, secret, old);
  checkSettings(values, dir);
  writeSettings(file, values, dir, deps);
  deps.say('');
  deps.say('Проверка: navbot doctor');
  return deps.doctor(dir);
}

/** Where .env goes and what it held; refuses an existing file without --force, and no terminal without --yes. */
function start(flags: InitFlags, deps: InitDeps): { dir: string; file: string; old: EnvValues } {
  const dir = path.resolve(flags.dir ?? '.');
  const file = path.join(dir, ENV_FILE);
  const existing = readEnvFile(file);
  if (existing && !flags.force) {
    throw new CliExit(
      EXIT.invalid,
      `Файл настроек ${file} уже есть, navbot init его не меняет. Чтобы заполнить его заново, запустите navbot init --force (секрет NAVBOT_SECRET при этом сохранится).`,
    );
  }
  if (!deps.ask && !flags.yes) {
    throw new CliExit(EXIT.invalid, 'navbot init задаёт вопросы, а терминала нет. Для сценариев передайте все ответы флагами и добавьте --yes (см. navbot init --help).');
  }
  deps.say(`navbot init — настройка для работы с Навигатором региона. Ответы будут записаны в ${file}.`);
  if (deps.ask) deps.say('В скобках — ответ по умолчанию: нажмите Enter, чтобы его принять.');
  return { dir, file, old: existing ?? {} };
}

interface Answers {
  publicUrl: string;
  adminUrl: string;
  adminEmail: string;
  adminPassword: string;
  emailTemplate: string;
  municipality: string | undefined;
  concurrency: string;
}

/** The questions, in their order: addresses, login, e-mail template, municipality, concurrency. */
async function askAll(flags: InitFlags, deps: InitDeps, o: { dir: string; old: EnvValues }): Promise<Answers> {
  const { old } = o;
  const { publicUrl, adminUrl, standTarget } = await askAddresses(flags, deps, old);
  const { adminEmail, adminPassword } = await askLogin(flags, deps, old, standTarget);
  const emailTemplate = await askEmailTemplate(flags, deps, old, { adminEmail, standTarget });

  // 6. The default municipality, from the region's list.
  const municipality = await askMunicipality(flags.municipality, deps, { publicUrl, old, dir: o.dir });

  // 7. Concurrency.
  const concurrency = await answer(deps, {
    flag: flags.concurrency,
    flagName: '--concurrency',
    message: 'Сколько строк обрабатывать одновременно (1–16; 2 — бережно к сайту):',
    default: old.NAVBOT_CONCURRENCY ?? '2',
    check: concurrencyProblem,
  });
  return { publicUrl, adminUrl, adminEmail, adminPassword, emailTemplate, municipality, concurrency };
}

/** 1–2. Where the region's Navigator is (standTarget: both addresses are this computer's, the stand). */
async function askAddresses(flags: InitFlags, deps: InitDeps, old: EnvValues): Promise<{ publicUrl: string; adminUrl: string; standTarget: boolean }> {
  const publicUrl = await reachable(deps, {
    flag: flags.publicUrl,
    flagName: '--public-url',
    envName: 'NAVBOT_PUBLIC_URL',
    label: 'публичный сайт',
    message: 'Адрес публичного сайта Навигатора региона (где родители регистрируются):',
    default: old.NAVBOT_PUBLIC_URL ?? STAND_PUBLIC,
    check: answerUrlProblem,
  });
  const stand = isLoopbackUrl(publicUrl);
  const adminDefault = old.NAVBOT_ADMIN_URL ?? (stand ? new URL('admin/', publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href : undefined);
  const adminUrl = await reachable(deps, {
    flag: flags.adminUrl,
    flagName: '--admin-url',
    envName: 'NAVBOT_ADMIN_URL',
    label: 'админ-панель',
    message: 'Адрес админ-панели Навигатора:',
    default: adminDefault,
    check: answerUrlProblem,
  });
  return { publicUrl, adminUrl, standTarget: stand && isLoopbackUrl(adminUrl) };
}

/** 3–4. The admin login. */
async function askLogin(flags: InitFlags, deps: InitDeps, old: EnvValues, standTarget: boolean): Promise<{ adminEmail: string; adminPassword: string }> {
  const adminEmail = await answer(deps, {
    flag: flags.adminEmail,
    flagName: '--admin-email',
    message: 'Логин (e-mail) администратора в админ-панели:',
    default: old.NAVBOT_ADMIN_EMAIL ?? (standTarget ? STAND_ADMIN_EMAIL : undefined),
    check: adminEmailProblem,
  });
  const adminPassword = await askPassword(
    flags.adminPasswordEnv,
    deps,
    old.NAVBOT_ADMIN_PASSWORD ? { value: old.NAVBOT_ADMIN_PASSWORD, hint: 'Enter — оставить прежний' } : standTarget ? { value: STAND_ADMIN_PASSWORD, hint: 'Enter — пароль учебного стенда' } : undefined,
  );
  return { adminEmail, adminPassword };
}

/** 5. The placeholder accounts' e-mail (a sample address is shown). */
async function askEmailTemplate(flags: InitFlags, deps: InitDeps, old: EnvValues, o: { adminEmail: string; standTarget: boolean }): Promise<string> {
  const { adminEmail } = o;
  const domain = adminEmail.includes('@') ? adminEmail.slice(adminEmail.lastIndexOf('@') + 1).toLowerCase() : 'school.ru';
  const emailTemplate = await answer(deps, {
    flag: flags.emailTemplate,
    flagName: '--email-template',
    message: 'Шаблон e-mail учётных записей-заглушек ({key} — место для ключа строки):',
    default: old.NAVBOT_EMAIL_TEMPLATE ?? (o.standTarget ? 'robot+{key}@stand.local' : `robot+{key}@${domain}`),
    check: templateProblem,
  });
  const sample = emailFromTemplate(emailTemplate, SAMPLE_KEY);
  if (sample.ok) deps.say(`  ✓ строка с ключом ${SAMPLE_KEY} получит адрес ${sample.value}`);
  return emailTemplate;
}

/** The secret: kept from the old file, unless a new one is asked for. */
function chooseSecret(flags: InitFlags, deps: InitDeps, oldSecret: string | undefined): string {
  const { say } = deps;
  const keep = !!oldSecret && oldSecret !== DEMO_SECRET && oldSecret.length >= 16 && !flags.newSecret;
  const secret = keep ? oldSecret : (deps.newSecret ?? generateSecret)();
  if (keep) say('  ✓ NAVBOT_SECRET сохранён из прежнего .env (его нельзя менять).');
  else {
    if (oldSecret && oldSecret !== DEMO_SECRET) say('  ! Создан НОВЫЙ NAVBOT_SECRET (--new-secret): в учётные записи, созданные со старым секретом, navbot больше не войдёт.');
    say(`  ✓ ${SECRET_NOTE}`);
  }
  return secret;
}

/** The answers in .env's order; settings init does not ask about stay as they were. */
function settingsToWrite(a: Answers, secret: string, old: EnvValues): EnvValues {
  const values: EnvValues = {
    NAVBOT_PUBLIC_URL: a.publicUrl,
    NAVBOT_ADMIN_URL: a.adminUrl,
    NAVBOT_ADMIN_EMAIL: a.adminEmail,
    NAVBOT_ADMIN_PASSWORD: a.adminPassword,
    NAVBOT_SECRET: secret,
    NAVBOT_EMAIL_TEMPLATE: a.emailTemplate,
    ...(a.municipality ? { NAVBOT_MUNICIPALITY: a.municipality } : {}),
    NAVBOT_CONCURRENCY: a.concurrency,
  };
  for (const [k, v] of Object.entries(old)) if (!(k in values) && !(k === 'NAVBOT_MUNICIPALITY' && !a.municipality)) values[k] = v;
  return values;
}

/** What navbot will read must pass navbot's own checks before it is written. */
function checkSettings(values: EnvValues, dir: string): void {
  try {
    loadSettings({ ...values, ...(values.NAVBOT_PROFILE ? { NAVBOT_PROFILE: path.resolve(dir, values.NAVBOT_PROFILE) } : {}) });
  } catch (e) {
    if (e instanceof SettingsError) throw new CliExit(EXIT.invalid, `${e.message}\nФайл .env не записан.`);
    throw e;
  }
}

/** Writes .env, closes the private files to others and warns of environment variables that override it. */
function writeSettings(file: string, values: EnvValues, dir: string, deps: InitDeps): void {
  const { say } = deps;
  writeEnvFile(
    file,
    renderEnvFile(values, [
      `Настройки navbot, созданы командой navbot init ${new Date().toLocaleString('ru-RU')}.`,
      'Файл содержит пароль и секрет: не пересылайте его и не выкладывайте в общий доступ.',
      'NAVBOT_SECRET не меняйте: из него получаются пароли учётных записей-заглушек.',
    ]),
  );
  say(`Настройки записаны: ${file}`);
  // The password, the secret and the children's data: the staff member's only (issue 24).
  for (const f of makeOwnerOnly(privatePaths(dir, values.NAVBOT_STATE_DIR || 'data/state', values.NAVBOT_REPORTS_DIR || 'reports'), deps.host))
    say(`  ! не удалось закрыть доступ другим пользователям: ${f}. Запустите navbot doctor — он покажет команду.`);
  const overriding = Object.keys(values).filter((k) => deps.env[k] !== undefined && deps.env[k] !== '' && deps.env[k] !== values[k]);
  if (overriding.length) say(`  ! В переменных окружения Windows/системы заданы ${overriding.join(', ')}: они важнее .env. Уберите их, если они устарели.`);
}
