// navbot's settings: one zod table, each field with its NAVBOT_* name (DESIGN.md, Contracts).
// Precedence: command line > environment > .env > default. Only the CLI passes process.env in;
// the result is frozen. Defaults target a stand started by `navbot stand` on 127.0.0.1:8080.
import { z } from 'zod';
import { loadProfile, type Profile } from './profile.js';

/** Allowed only while the target is the training stand (a loopback address). */
export const DEMO_SECRET = 'navbot-demo-secret-for-the-training-stand-only';

const int = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);
const bool = (def: boolean) =>
  z
    .union([z.boolean(), z.string()])
    .transform((v) => (typeof v === 'boolean' ? v : /^(1|true|yes|да)$/i.test(v.trim())))
    .default(def);

/** field → [environment name, schema, Russian description for messages and `doctor`]. */
export const SETTINGS = {
  publicUrl: ['NAVBOT_PUBLIC_URL', z.url().default('http://127.0.0.1:8080/'), 'адрес публичного сайта Навигатора'],
  adminUrl: ['NAVBOT_ADMIN_URL', z.url().default('http://127.0.0.1:8080/admin/'), 'адрес админ-панели'],
  adminEmail: ['NAVBOT_ADMIN_EMAIL', z.string().min(1).default('admin@stand.local'), 'логин администратора'],
  adminPassword: ['NAVBOT_ADMIN_PASSWORD', z.string().min(1).default('stand-admin'), 'пароль администратора'],
  secret: ['NAVBOT_SECRET', z.string().min(16).default(DEMO_SECRET), 'секрет для паролей учётных записей (не короче 16 символов)'],
  emailTemplate: [
    'NAVBOT_EMAIL_TEMPLATE',
    z.string().includes('{key}').default('robot+{key}@stand.local'),
    'шаблон e-mail, например robot+{key}@school.ru',
  ],
  municipality: ['NAVBOT_MUNICIPALITY', z.string().optional(), 'муниципалитет по умолчанию'],
  browser: ['NAVBOT_BROWSER', z.string().optional(), 'браузер: путь к файлу или канал msedge/chrome'],
  concurrency: ['NAVBOT_CONCURRENCY', int(1, 16, 2), 'число параллельных потоков'],
  stateDir: ['NAVBOT_STATE_DIR', z.string().min(1).default('data/state'), 'папка журнала'],
  reportsDir: ['NAVBOT_REPORTS_DIR', z.string().min(1).default('reports'), 'папка отчётов'],
  profile: ['NAVBOT_PROFILE', z.string().optional(), 'файл профиля региона (тексты и адреса)'],
  actionsPerSecond: ['NAVBOT_ACTIONS_PER_SECOND', z.coerce.number().positive().max(100).default(1), 'не больше N переходов и отправок форм в секунду'],
  retries: ['NAVBOT_RETRIES', int(0, 10, 3), 'повторов при сбое системы'],
  backoffMs: ['NAVBOT_BACKOFF_MS', int(10, 60_000, 1000), 'пауза после ответа 429/5xx и перед повтором, мс (растёт с каждой попыткой)'],
  breaker: ['NAVBOT_BREAKER', int(1, 1000, 5), 'сбоев подряд, после которых прогон останавливается'],
  timeoutMs: ['NAVBOT_TIMEOUT_MS', int(1000, 600_000, 30_000), 'ожидание ответа страницы, мс'],
  headless: ['NAVBOT_HEADLESS', bool(true), 'браузер без окна'],
  recycleRows: ['NAVBOT_RECYCLE_ROWS', int(1, 10_000, 25), 'пересоздавать контекст браузера каждые N строк'],
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

export type Settings = Readonly<z.infer<typeof schema>> & { readonly targetIsStand: boolean; readonly profileData: Profile };

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ошибка в настройках:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

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
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((i) => {
        const field = String(i.path[0]) as SettingName;
        const entry = SETTINGS[field];
        return entry ? `${entry[0]} (${entry[2]}): ${i.message}` : i.message;
      }),
    );
  }
  const s = parsed.data;
  const targetIsStand = isLoopbackUrl(s.publicUrl) && isLoopbackUrl(s.adminUrl);
  if (!targetIsStand && s.secret === DEMO_SECRET) {
    throw new SettingsError([
      'NAVBOT_SECRET: для настоящего региона нужен свой секрет. Задайте NAVBOT_SECRET в файле .env (не короче 16 символов) и не меняйте его между запусками.',
    ]);
  }
  let profileData: Profile;
  try {
    profileData = loadProfile(s.profile);
  } catch (e) {
    throw new SettingsError([`NAVBOT_PROFILE: ${(e as Error).message}`]);
  }
  return Object.freeze({ ...s, targetIsStand, profileData });
}

/** Settings as safe to print or store in a report: secrets replaced. */
export function publicSettings(s: Settings): Record<string, unknown> {
  const { adminPassword: _p, secret: _s, profileData: _d, ...rest } = s;
  return { ...rest, adminPassword: '***', secret: '***', ...(s.smtpUrl ? { smtpUrl: withoutPassword(s.smtpUrl) } : {}) };
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
