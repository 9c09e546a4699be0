// `navbot init`: a staff member's own .env, by answering questions one at a time (or, for scripts
// and tests, by flags and --yes). Every answer is checked before anything is written; the secret
// is generated, never asked. Prompts, network checks, the site's municipality list and doctor
// come in as dependencies, so the logic runs in tests without a terminal or a browser.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DEMO_SECRET, isLoopbackUrl, loadSettings, SETTINGS, SettingsError } from '../../config/settings.js';
import { loadProfile } from '../../config/profile.js';
import { emailFromTemplate } from '../../intake/email.js';
import { municipalityMatcher } from '../../intake/municipality.js';
import type { CheckResult } from '../../doctor/checks.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { makeOwnerOnly, privatePaths, type OwnerOnlyHost } from '../../core/owner-only.js';
import { readEnvFile, renderEnvFile, writeEnvFile, type EnvValues } from './env-file.js';

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

type Validate = (value: string) => true | string | Promise<true | string>;

/** The few prompt kinds init uses (@inquirer/prompts in the CLI, scripted answers in tests). */
export interface Ask {
  input(o: { message: string; default?: string; validate?: Validate }): Promise<string>;
  password(o: { message: string; validate?: Validate }): Promise<string>;
  select(o: { message: string; choices: Array<{ name: string; value: string }>; default?: string }): Promise<string>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
}

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

export function urlProblem(value: string): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'это не адрес сайта: нужен полный адрес, например https://р00.навигатор.дети/';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'адрес должен начинаться с https:// (или http://)';
  if (u.username || u.password) return 'в адресе не должно быть логина и пароля (часть «логин:пароль@»): их navbot спросит отдельно';
  return undefined;
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
  const { ask, say } = deps;
  const dir = path.resolve(flags.dir ?? '.');
  const file = path.join(dir, ENV_FILE);
  const existing = readEnvFile(file);
  if (existing && !flags.force) {
    throw new CliExit(
      EXIT.invalid,
      `Файл настроек ${file} уже есть, navbot init его не меняет. Чтобы заполнить его заново, запустите navbot init --force (секрет NAVBOT_SECRET при этом сохранится).`,
    );
  }
  if (!ask && !flags.yes) {
    throw new CliExit(EXIT.invalid, 'navbot init задаёт вопросы, а терминала нет. Для сценариев передайте все ответы флагами и добавьте --yes (см. navbot init --help).');
  }
  const old: EnvValues = existing ?? {};
  const interactive = !!ask;

  say(`navbot init — настройка для работы с Навигатором региона. Ответы будут записаны в ${file}.`);
  if (interactive) say('В скобках — ответ по умолчанию: нажмите Enter, чтобы его принять.');

  /** One answer: the flag if it passes the check, else the question (or the default with --yes). */
  const answer = async (o: { flag: string | undefined; flagName: string; message: string; default?: string | undefined; check: (v: string) => string | undefined }) => {
    let def = o.default;
    if (o.flag !== undefined) {
      const value = o.flag.trim();
      const problem = o.check(value);
      if (!problem) return value;
      if (!ask) throw new CliExit(EXIT.invalid, `${o.flagName} «${value}»: ${problem}. Файл .env не записан.`);
      say(`  ✗ ${o.flagName} «${value}»: ${problem}`);
      def = value;
    }
    if (!ask) {
      if (def === undefined) throw new CliExit(EXIT.invalid, `Не задан ${o.flagName}: без вопросов (--yes) его нужно передать флагом. Файл .env не записан.`);
      const problem = o.check(def);
      if (problem) throw new CliExit(EXIT.invalid, `${o.flagName} «${def}»: ${problem}. Файл .env не записан.`);
      return def;
    }
    const got = await ask.input({ message: o.message, ...(def !== undefined ? { default: def } : {}), validate: (v) => o.check(v.trim()) ?? true });
    return got.trim();
  };

  /** An address that answers (or that the person keeps knowingly). */
  const reachable = async (o: { flag: string | undefined; flagName: string; envName: string; label: string; message: string; default?: string | undefined }) => {
    let flag = o.flag;
    let def = o.default;
    for (;;) {
      const url = await answer({ flag, flagName: o.flagName, message: o.message, default: def, check: urlProblem });
      const r = await deps.checkUrl(url, o.label, o.envName, isLoopbackUrl(url));
      say(`  ${r.ok ? '✓' : '✗'} ${r.text}`);
      if (r.ok) return url;
      if (!ask) throw new CliExit(EXIT.unreachable, `${r.text} Файл .env не записан.`);
      if (await ask.confirm({ message: 'Сайт не отвечает. Всё равно сохранить этот адрес?', default: false })) return url;
      flag = undefined;
      def = url;
    }
  };

  // 1–2. Where the region's Navigator is.
  const publicUrl = await reachable({
    flag: flags.publicUrl,
    flagName: '--public-url',
    envName: 'NAVBOT_PUBLIC_URL',
    label: 'публичный сайт',
    message: 'Адрес публичного сайта Навигатора региона (где родители регистрируются):',
    default: old.NAVBOT_PUBLIC_URL ?? STAND_PUBLIC,
  });
  const stand = isLoopbackUrl(publicUrl);
  const adminDefault = old.NAVBOT_ADMIN_URL ?? (stand ? new URL('admin/', publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href : undefined);
  const adminUrl = await reachable({
    flag: flags.adminUrl,
    flagName: '--admin-url',
    envName: 'NAVBOT_ADMIN_URL',
    label: 'админ-панель',
    message: 'Адрес админ-панели Навигатора:',
    default: adminDefault,
  });
  const standTarget = stand && isLoopbackUrl(adminUrl);

  // 3–4. The admin login.
  const adminEmail = await answer({
    flag: flags.adminEmail,
    flagName: '--admin-email',
    message: 'Логин (e-mail) администратора в админ-панели:',
    default: old.NAVBOT_ADMIN_EMAIL ?? (standTarget ? STAND_ADMIN_EMAIL : undefined),
    check: adminEmailProblem,
  });
  const adminPassword = await askPassword(
    flags,
    deps,
    old.NAVBOT_ADMIN_PASSWORD ? { value: old.NAVBOT_ADMIN_PASSWORD, hint: 'Enter — оставить прежний' } : standTarget ? { value: STAND_ADMIN_PASSWORD, hint: 'Enter — пароль учебного стенда' } : undefined,
  );

  // 5. The placeholder accounts' e-mail.
  const domain = adminEmail.includes('@') ? adminEmail.slice(adminEmail.lastIndexOf('@') + 1).toLowerCase() : 'school.ru';
  const emailTemplate = await answer({
    flag: flags.emailTemplate,
    flagName: '--email-template',
    message: 'Шаблон e-mail учётных записей-заглушек ({key} — место для ключа строки):',
    default: old.NAVBOT_EMAIL_TEMPLATE ?? (standTarget ? 'robot+{key}@stand.local' : `robot+{key}@${domain}`),
    check: templateProblem,
  });
  const sample = emailFromTemplate(emailTemplate, SAMPLE_KEY);
  if (sample.ok) say(`  ✓ строка с ключом ${SAMPLE_KEY} получит адрес ${sample.value}`);

  // 6. The default municipality, from the region's list.
  const municipality = await askMunicipality(flags, deps, { publicUrl, old, dir });

  // 7. Concurrency.
  const concurrency = await answer({
    flag: flags.concurrency,
    flagName: '--concurrency',
    message: 'Сколько строк обрабатывать одновременно (1–16; 2 — бережно к сайту):',
    default: old.NAVBOT_CONCURRENCY ?? '2',
    check: concurrencyProblem,
  });

  // The secret: kept from the old file, unless a new one is asked for.
  const oldSecret = old.NAVBOT_SECRET;
  const keep = !!oldSecret && oldSecret !== DEMO_SECRET && oldSecret.length >= 16 && !flags.newSecret;
  const secret = keep ? oldSecret : (deps.newSecret ?? generateSecret)();
  if (keep) say('  ✓ NAVBOT_SECRET сохранён из прежнего .env (его нельзя менять).');
  else {
    if (oldSecret && oldSecret !== DEMO_SECRET) say('  ! Создан НОВЫЙ NAVBOT_SECRET (--new-secret): в учётные записи, созданные со старым секретом, navbot больше не войдёт.');
    say(`  ✓ ${SECRET_NOTE}`);
  }

  // Settings init does not ask about stay as they were.
  const asked: EnvValues = {
    NAVBOT_PUBLIC_URL: publicUrl,
    NAVBOT_ADMIN_URL: adminUrl,
    NAVBOT_ADMIN_EMAIL: adminEmail,
    NAVBOT_ADMIN_PASSWORD: adminPassword,
    NAVBOT_SECRET: secret,
    NAVBOT_EMAIL_TEMPLATE: emailTemplate,
    ...(municipality ? { NAVBOT_MUNICIPALITY: municipality } : {}),
    NAVBOT_CONCURRENCY: concurrency,
  };
  const values: EnvValues = { ...asked };
  for (const [k, v] of Object.entries(old)) if (!(k in values) && !(k === 'NAVBOT_MUNICIPALITY' && !municipality)) values[k] = v;

  // What navbot will read must pass navbot's own checks before it is written.
  try {
    loadSettings({ ...values, ...(values.NAVBOT_PROFILE ? { NAVBOT_PROFILE: path.resolve(dir, values.NAVBOT_PROFILE) } : {}) });
  } catch (e) {
    if (e instanceof SettingsError) throw new CliExit(EXIT.invalid, `${e.message}\nФайл .env не записан.`);
    throw e;
  }
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
  say('');
  say('Проверка: navbot doctor');
  return deps.doctor(dir);
}

async function askPassword(flags: InitFlags, deps: InitDeps, fallback: { value: string; hint: string } | undefined): Promise<string> {
  if (flags.adminPasswordEnv !== undefined) {
    const name = flags.adminPasswordEnv.trim();
    const value = deps.env[name];
    if (value) return value;
    if (!deps.ask) throw new CliExit(EXIT.invalid, `--admin-password-env ${name}: переменная окружения ${name} не задана или пуста. Файл .env не записан.`);
    deps.say(`  ✗ переменная окружения ${name} не задана или пуста`);
  }
  if (!deps.ask) {
    if (fallback) return fallback.value;
    throw new CliExit(
      EXIT.invalid,
      'Не задан пароль администратора: передайте его через переменную окружения и укажите её имя флагом --admin-password-env ИМЯ. Файл .env не записан.',
    );
  }
  const got = await deps.ask.password({
    message: `Пароль администратора (ввод не отображается${fallback ? `; ${fallback.hint}` : ''}):`,
    validate: (v) => (v !== '' || fallback ? true : 'пароль не может быть пустым'),
  });
  return got === '' && fallback ? fallback.value : got;
}

async function askMunicipality(flags: InitFlags, deps: InitDeps, o: { publicUrl: string; old: EnvValues; dir: string }): Promise<string | undefined> {
  const { say, ask } = deps;
  const profileFile = o.old.NAVBOT_PROFILE ? path.resolve(o.dir, o.old.NAVBOT_PROFILE) : undefined;
  let profileList: string[];
  try {
    profileList = loadProfile(profileFile).municipalities;
  } catch (e) {
    throw new CliExit(EXIT.invalid, `NAVBOT_PROFILE: ${(e as Error).message}`);
  }
  say('  … читаю список муниципалитетов на сайте');
  const site = await deps.siteMunicipalities(o.publicUrl, o.old, o.dir);
  let list: string[];
  if (site?.length) {
    list = site;
    say(`  ✓ на сайте ${site.length} муниципалитетов`);
    const inProfile = municipalityMatcher(profileList);
    const unknown = site.filter((m) => !inProfile.match(m));
    if (unknown.length) {
      say(
        `  ! В профиле региона нет ${unknown.length} из них (например, «${unknown[0]}»): очередь с такими муниципалитетами не пройдёт проверку. Перечислите муниципалитеты сайта в файле профиля (NAVBOT_PROFILE).`,
      );
    }
  } else {
    list = profileList;
    say('  ! список с сайта прочитать не удалось — беру список из профиля региона');
  }
  const matcher = municipalityMatcher(list);
  const nearest = (raw: string) => matcher.nearest(raw).names.slice(0, 3).map((n) => `«${n}»`).join(', ');
  if (flags.municipality !== undefined && flags.municipality.trim() !== '') {
    const found = matcher.match(flags.municipality);
    if (found) return found;
    const problem = `муниципалитета «${flags.municipality}» нет в списке Навигатора (ближе всего: ${nearest(flags.municipality)})`;
    if (!ask) throw new CliExit(EXIT.invalid, `--municipality: ${problem}. Файл .env не записан.`);
    say(`  ✗ ${problem}`);
  }
  const previous = o.old.NAVBOT_MUNICIPALITY ? matcher.match(o.old.NAVBOT_MUNICIPALITY) : undefined;
  if (!ask) return flags.municipality === undefined ? previous : undefined;
  const NONE = '';
  const chosen = await ask.select({
    message: 'Муниципалитет по умолчанию (для строк очереди, где он не указан):',
    choices: [{ name: 'не задавать — муниципалитет указан в каждой строке очереди', value: NONE }, ...list.map((m) => ({ name: m, value: m }))],
    default: previous ?? NONE,
  });
  return chosen === NONE ? undefined : chosen;
}
