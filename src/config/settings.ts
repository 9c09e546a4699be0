// navbot's settings: one zod table, each field with its NAVBOT_* name (DESIGN.md, Contracts).
// Precedence: command line > environment > .env > default. Only the CLI passes process.env in;
// the result is frozen. Defaults target a stand started by `navbot stand` on 127.0.0.1:8080.
import os from 'node:os';
import { z } from 'zod';
import { loadProfile, type Profile } from './profile.js';
import { isLoopbackUrl } from './loopback.js';
import { TARGET_SETTINGS } from '../navigator/target-settings.js';
import type { TargetSettingSpec } from './setting-spec.js';

/** Allowed only while the target is the training stand (a loopback address). */
export const DEMO_SECRET = 'navbot-demo-secret-for-the-training-stand-only';

// Each setting is read by one small parser whose complaint is Russian and says what is allowed,
// e.g. «целое число от 1 до 16, сейчас «abc»» (zod's own messages are English).
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const wrong = (message: string): Parsed<never> => ({ ok: false, message });

/** A value as quoted in a message: one line, shortened. Secrets are never quoted. */
function now(v: unknown): string {
  const s = String(v).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return `сейчас «${s.length > 80 ? `${s.slice(0, 79)}…` : s}»`;
}

/** A setting: `def` when unset, otherwise what `parse` makes of the raw value (text from .env, or a CLI value). */
function setting<T>(def: T, parse: (v: unknown) => Parsed<T>) {
  return z.unknown().optional().transform((v, ctx): T => {
    if (v === undefined) return def;
    const r = parse(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** What is wrong with an address setting's value (Russian, for «Ошибка в настройках»), or undefined when it is one. */
export function urlProblem(value: unknown): string | undefined {
  const s = text(value)?.trim() ?? '';
  let u: URL | undefined;
  try {
    u = new URL(s);
  } catch {
    u = undefined;
  }
  // The scheme must be written out in full: «htp:/x» or «http:/x» are typos, not addresses.
  if (!u || !/^https?:\/\/[^/]/i.test(s) || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') {
    // A mistyped address may still carry «login:password@»: quoted without it.
    return `нужен адрес, который начинается с http:// или https:// и содержит имя сервера, например https://navigator.example.ru/; ${now(s.replace(/[^/]*@/g, '…@'))}`;
  }
  // A login and password inside the address would be stored and shown unmasked (reports, run.json).
  if (u.username || u.password) {
    return 'в адресе не должно быть логина и пароля (часть «логин:пароль@» перед именем сервера): уберите её, логин и пароль задаются отдельными настройками';
  }
  return undefined;
}

const url = (def: string) =>
  setting(def, (v) => {
    const problem = urlProblem(v);
    return problem ? wrong(problem) : good(text(v)?.trim() ?? '');
  });

const int = (min: number, max: number, def: number) =>
  setting(def, (v) => {
    const s = text(v)?.trim() ?? '';
    const n = /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? good(n) : wrong(`нужно целое число от ${min} до ${max}, ${now(v)}`);
  });

const positive = (max: number, def: number) =>
  setting(def, (v) => {
    const s = (text(v)?.trim() ?? '').replace(',', '.');
    const n = /^\d+(\.\d+)?$|^\.\d+$/.test(s) ? Number(s) : NaN;
    return n > 0 && n <= max ? good(n) : wrong(`нужно число больше 0 и не больше ${max} (дробное — например 0.5), ${now(v)}`);
  });

const YES = /^(1|true|yes|on|да)$/i;
const NO = /^(0|false|no|off|нет)$/i;
const bool = (def: boolean) =>
  setting(def, (v) => {
    if (typeof v === 'boolean') return good(v);
    const s = text(v)?.trim() ?? '';
    if (YES.test(s)) return good(true);
    if (NO.test(s)) return good(false);
    return wrong(`нужно «да» или «нет» (можно true/false, 1/0, yes/no), ${now(v)}`);
  });

const nonEmpty = (def: string) =>
  setting(def, (v) => {
    const s = text(v);
    return s !== undefined && s.trim() !== '' ? good(s) : wrong('не может быть пустым');
  });

/** The schemas of secret settings: publicSettings masks them, whichever target declares one. */
const SECRET_SCHEMAS = new WeakSet<object>();

/** Never quoted in messages: only its length is. */
const secretText = (def: string, minLength: number) => {
  const schema = setting(def, (v) => {
    const s = text(v) ?? '';
    if (minLength <= 1) return s.trim() !== '' ? good(s) : wrong('не может быть пустым');
    return s.length >= minLength ? good(s) : wrong(`нужно не короче ${minLength} символов, сейчас ${s.length}`);
  });
  SECRET_SCHEMAS.add(schema);
  return schema;
};

const optionalInt = (min: number, max: number) =>
  setting<number | undefined>(undefined, (v) => {
    const s = text(v)?.trim() ?? '';
    const n = /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? good(n) : wrong(`нужно целое число от ${min} до ${max}, ${now(v)}`);
  });

const optionalText = () => setting<string | undefined>(undefined, (v) => good(text(v)));

/**
 * Rows at once when NAVBOT_CONCURRENCY is not set: two, one on a one-core machine. A row sends
 * about 8 navigations and writes, and the default politeness lets 1 a second through
 * (NAVBOT_ACTIONS_PER_SECOND), so two rows at once already fill it; more rows only help where a
 * region allows more actions a second, and each costs a browser context (`npm run bench`: the
 * figures are in README, «Сколько строк одновременно»).
 */
export function defaultConcurrency(cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length): number {
  return Math.max(1, Math.min(2, cores));
}

/** The entries of the targets' own settings (navigator/target-settings.ts), each parsed by its kind. */
function targetEntries() {
  type Entries = { readonly [K in keyof typeof TARGET_SETTINGS]: readonly [(typeof TARGET_SETTINGS)[K]['env'], ReturnType<typeof nonEmpty>, string] };
  const parse = (s: TargetSettingSpec) => (s.kind === 'url' ? url(s.default) : s.kind === 'secret' ? secretText(s.default, 1) : nonEmpty(s.default));
  return Object.fromEntries(Object.entries(TARGET_SETTINGS).map(([field, s]) => [field, [s.env, parse(s), s.description]])) as unknown as Entries;
}

/** Each target secret left at its stand default while the address it is for (urlOf) is not loopback. */
export function standSecretsOffStand(
  raw: Record<string, unknown>,
  parsed: Record<string, unknown>,
  table: Record<string, TargetSettingSpec> = TARGET_SETTINGS,
): string[] {
  return Object.entries(table).flatMap(([field, spec]) => {
    if (spec.kind !== 'secret' || spec.urlOf === undefined || raw[field] !== undefined) return [];
    const address = parsed[spec.urlOf];
    if (typeof address === 'string' && isLoopbackUrl(address)) return [];
    const site = table[spec.urlOf];
    const where = site ? `${site.env} (${site.description})` : spec.urlOf;
    return [`${spec.env} (${spec.description}): не задан, а ${where} — не учебный стенд. Задайте его в .env.`];
  });
}

/** field → [environment name, schema, Russian description for messages and `doctor`]. */
export const SETTINGS = {
  publicUrl: ['NAVBOT_PUBLIC_URL', url('http://127.0.0.1:8080/'), 'адрес публичного сайта Навигатора'],
  adminUrl: ['NAVBOT_ADMIN_URL', url('http://127.0.0.1:8080/admin/'), 'адрес админ-панели'],
  adminEmail: ['NAVBOT_ADMIN_EMAIL', nonEmpty('admin@stand.local'), 'логин администратора'],
  adminPassword: ['NAVBOT_ADMIN_PASSWORD', secretText('stand-admin', 1), 'пароль администратора'],
  secret: ['NAVBOT_SECRET', secretText(DEMO_SECRET, 16), 'секрет для паролей учётных записей (не короче 16 символов)'],
  emailTemplate: [
    'NAVBOT_EMAIL_TEMPLATE',
    setting('robot+{key}@stand.local', (v) => {
      const s = text(v)?.trim() ?? '';
      return s.includes('{key}') ? good(s) : wrong(`нужен шаблон с {key} на месте ключа строки, например robot+{key}@school.ru; ${now(v)}`);
    }),
    'шаблон e-mail, например robot+{key}@school.ru',
  ],
  municipality: ['NAVBOT_MUNICIPALITY', optionalText(), 'муниципалитет по умолчанию'],
  // What other targets declare (src/navigator/<target>/settings.ts), in this place of the table.
  ...targetEntries(),
  browser: ['NAVBOT_BROWSER', optionalText(), 'браузер: путь к файлу или канал msedge/chrome'],
  concurrency: ['NAVBOT_CONCURRENCY', int(1, 16, defaultConcurrency()), 'число параллельных потоков'],
  stateDir: ['NAVBOT_STATE_DIR', nonEmpty('data/state'), 'папка журнала'],
  reportsDir: ['NAVBOT_REPORTS_DIR', nonEmpty('reports'), 'папка отчётов'],
  keepDays: ['NAVBOT_KEEP_DAYS', int(1, 3650, 30), 'сколько дней хранить папки прогонов (снимки, трассы, отчёты) и осмотры doctor; журнал хранится всегда'],
  profile: ['NAVBOT_PROFILE', optionalText(), 'файл профиля региона (тексты и адреса)'],
  actionsPerSecond: ['NAVBOT_ACTIONS_PER_SECOND', positive(100, 1), 'не больше N переходов и отправок форм в секунду'],
  retries: ['NAVBOT_RETRIES', int(0, 10, 3), 'повторов при сбое системы'],
  backoffMs: ['NAVBOT_BACKOFF_MS', int(10, 60_000, 1000), 'пауза после ответа 429/5xx и перед повтором, мс (растёт с каждой попыткой)'],
  breaker: ['NAVBOT_BREAKER', int(1, 1000, 5), 'сбоев подряд, после которых прогон останавливается'],
  timeoutMs: ['NAVBOT_TIMEOUT_MS', int(1000, 600_000, 30_000), 'ожидание ответа страницы, мс'],
  headless: ['NAVBOT_HEADLESS', bool(true), 'браузер без окна'],
  recycleRows: ['NAVBOT_RECYCLE_ROWS', int(1, 10_000, 25), 'пересоздавать контекст браузера каждые N строк'],
  captchaWaitS: ['NAVBOT_CAPTCHA_WAIT_S', int(10, 3600, 300), 'с окном браузера (--headed): сколько секунд ждать, пока человек пройдёт проверку «Я не робот»'],
  remoteDebuggingPort: [
    'NAVBOT_REMOTE_DEBUGGING_PORT',
    optionalInt(1024, 65535),
    'для отладки и тестов: порт удалённой отладки браузера на этом ПК (127.0.0.1); через него человек видит окно браузера без экрана (chrome://inspect) и может пройти «Я не робот»',
  ],
  notifyTo: [
    'NAVBOT_NOTIFY_TO',
    z
      .string()
      .refine((v) => v.split(/[,;]/).every((a) => z.email().safeParse(a.trim()).success), 'нужны адреса e-mail через запятую, например zav@school.ru, it@school.ru')
      .optional(),
    'кому отправлять сводку после каждого прогона: e-mail, несколько — через запятую',
  ],
  smtpUrl: [
    'NAVBOT_SMTP_URL',
    z.url({ protocol: /^smtps?$/, error: 'нужен адрес вида smtp://логин:пароль@сервер:587 или smtps://логин:пароль@сервер:465' }).optional(),
    'почтовый сервер для сводки: smtp://логин:пароль@сервер:587 или smtps://логин:пароль@сервер:465',
  ],
} as const;

type Table = typeof SETTINGS;
export type SettingName = keyof Table;
type Schemas = { [K in SettingName]: Table[K][1] };
const schema = z.object(Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v[1]])) as unknown as Schemas);

export type Settings = Readonly<z.infer<typeof schema>> & {
  readonly targetIsStand: boolean;
  readonly profileData: Profile;
  /** NAVBOT_* variables this table does not name, by name: the settings of a target a procedure brings (navigator/target.ts, settingOf). */
  readonly extra?: Readonly<Record<string, string>>;
};

/** The NAVBOT_* variables (set, non-empty) that the table does not name. */
function extraSettings(env: Record<string, string | undefined>): Record<string, string> {
  const known = new Set<string>(Object.values(SETTINGS).map(([name]) => name));
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[0].startsWith('NAVBOT_') && !known.has(e[0]) && !!e[1]));
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ошибка в настройках:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

export { isLoopbackUrl };

/**
 * Builds settings from the environment (already merged with .env by the CLI) and command-line
 * overrides (field names). Throws SettingsError with every problem in Russian.
 */
export function loadSettings(env: Record<string, string | undefined>, overrides: Partial<Record<SettingName, unknown>> = {}): Settings {
  const raw: Record<string, unknown> = {};
  for (const [field, [envName]] of Object.entries(SETTINGS)) {
    const fromCli = overrides[field as SettingName];
    const fromEnv = env[envName];
    if (fromCli !== undefined) raw[field] = fromCli;
    else if (fromEnv !== undefined && fromEnv !== '') raw[field] = fromEnv;
  }
  // Every problem at once: the table's, the profile's, then the secret's (which needs the URLs).
  const problems: string[] = [];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0]) as SettingName;
      const entry = SETTINGS[field];
      problems.push(entry ? `${entry[0]} (${entry[2]}): ${i.message}` : i.message);
    }
  }
  let profileData: Profile | undefined;
  const profileFile = parsed.success ? parsed.data.profile : typeof raw.profile === 'string' ? raw.profile : undefined;
  try {
    profileData = loadProfile(profileFile);
  } catch (e) {
    problems.push(`NAVBOT_PROFILE: ${(e as Error).message}`);
  }
  if (parsed.success) {
    const s = parsed.data;
    // The stand's passwords are defaults only for the stand: a real site never gets «stand-admin».
    if (raw.adminPassword === undefined && !isLoopbackUrl(s.adminUrl)) {
      problems.push('NAVBOT_ADMIN_PASSWORD (пароль администратора): не задан, а админ-панель — не учебный стенд. Задайте пароль в .env (или запустите navbot init).');
    }
    problems.push(...standSecretsOffStand(raw, s as unknown as Record<string, unknown>));
    if (!(isLoopbackUrl(s.publicUrl) && isLoopbackUrl(s.adminUrl)) && s.secret === DEMO_SECRET) {
      problems.push(
        'NAVBOT_SECRET: для настоящего региона нужен свой секрет. Задайте NAVBOT_SECRET в файле .env (не короче 16 символов) и не меняйте его между запусками.',
      );
    }
  }
  if (!parsed.success || !profileData || problems.length > 0) throw new SettingsError(problems);
  const s = parsed.data;
  const targetIsStand = isLoopbackUrl(s.publicUrl) && isLoopbackUrl(s.adminUrl);
  return Object.freeze({ ...s, targetIsStand, profileData, extra: Object.freeze(extraSettings(env)) });
}

/**
 * Whether a person can see navbot's browser and act in it (pass a captcha): a window (--headed),
 * or a headless browser reached through its remote-debugging port (chrome://inspect; the e2e
 * test plays the person that way). Headless without the port, nobody can.
 */
export function personCanSee(s: Pick<Settings, 'headless' | 'remoteDebuggingPort'>): boolean {
  return !s.headless || s.remoteDebuggingPort !== undefined;
}

/** Settings as safe to print or store in a report: every secret setting replaced. */
export function publicSettings(s: Settings): Record<string, unknown> {
  const { profileData: _d, extra, ...rest } = s;
  const masked = Object.entries(SETTINGS).flatMap(([field, entry]) => (SECRET_SCHEMAS.has(entry[1]) ? [[field, '***']] : []));
  // A plug-in target's own settings: which are secret only its module says, so none is shown.
  const own = Object.keys(extra ?? {}).map((name) => [name, '***']);
  return { ...rest, ...Object.fromEntries(masked), ...(s.smtpUrl ? { smtpUrl: withoutPassword(s.smtpUrl) } : {}), ...(own.length ? { extra: Object.fromEntries(own) } : {}) };
}

/** The SMTP address with its password masked: it is stored in run.json and shown in reports. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}
