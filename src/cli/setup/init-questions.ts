// init's questions: one answer from a flag, a prompt or a default (--yes), an address that answers,
// the admin password and the default municipality. Split out of init.ts so runInit reads as its steps.
import path from 'node:path';
import { isLoopbackUrl } from '../../config/settings.js';
import { loadProfile } from '../../config/profile.js';
import { municipalityMatcher } from '../../intake/municipality.js';
import type { CheckResult } from '../../doctor/checks.js';
import { CliExit, EXIT } from '../exit-codes.js';
import type { EnvValues } from './env-file.js';

type Validate = (value: string) => true | string | Promise<true | string>;

/** The few prompt kinds init uses (@inquirer/prompts in the CLI, scripted answers in tests). */
export interface Ask {
  input(o: { message: string; default?: string; validate?: Validate }): Promise<string>;
  password(o: { message: string; validate?: Validate }): Promise<string>;
  select(o: { message: string; choices: Array<{ name: string; value: string }>; default?: string }): Promise<string>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
}

/** What the questions need of init's dependencies (InitDeps has all of it). */
export interface QuestionIo {
  /** Absent: no questions, every answer from a flag or a default (--yes). */
  ask?: Ask | undefined;
  say: (line: string) => void;
  env: Record<string, string | undefined>;
  checkUrl: (url: string, label: string, envName: string, stand: boolean) => Promise<CheckResult>;
  siteMunicipalities: (publicUrl: string, settings: EnvValues, dir: string) => Promise<string[] | undefined>;
}

export interface AnswerOptions {
  flag: string | undefined;
  flagName: string;
  message: string;
  default?: string | undefined;
  check: (v: string) => string | undefined;
}

/** One answer: the flag if it passes the check, else the question (or the default with --yes). */
export async function answer(io: QuestionIo, o: AnswerOptions): Promise<string> {
  const { ask, say } = io;
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
}

/** An address that answers (or that the person keeps knowingly); `check` is init's address check. */
export async function reachable(io: QuestionIo, o: AnswerOptions & { envName: string; label: string }): Promise<string> {
  const { ask, say } = io;
  let flag = o.flag;
  let def = o.default;
  for (;;) {
    const url = await answer(io, { flag, flagName: o.flagName, message: o.message, default: def, check: o.check });
    const r = await io.checkUrl(url, o.label, o.envName, isLoopbackUrl(url));
    say(`  ${r.ok ? '✓' : '✗'} ${r.text}`);
    if (r.ok) return url;
    if (!ask) throw new CliExit(EXIT.unreachable, `${r.text} Файл .env не записан.`);
    if (await ask.confirm({ message: 'Сайт не отвечает. Всё равно сохранить этот адрес?', default: false })) return url;
    flag = undefined;
    def = url;
  }
}

/** The admin password: from the variable --admin-password-env names, the prompt, or the fallback. */
export async function askPassword(passwordEnv: string | undefined, io: QuestionIo, fallback: { value: string; hint: string } | undefined): Promise<string> {
  if (passwordEnv !== undefined) {
    const name = passwordEnv.trim();
    const value = io.env[name];
    if (value) return value;
    if (!io.ask) throw new CliExit(EXIT.invalid, `--admin-password-env ${name}: переменная окружения ${name} не задана или пуста. Файл .env не записан.`);
    io.say(`  ✗ переменная окружения ${name} не задана или пуста`);
  }
  if (!io.ask) {
    if (fallback) return fallback.value;
    throw new CliExit(
      EXIT.invalid,
      'Не задан пароль администратора: передайте его через переменную окружения и укажите её имя флагом --admin-password-env ИМЯ. Файл .env не записан.',
    );
  }
  const got = await io.ask.password({
    message: `Пароль администратора (ввод не отображается${fallback ? `; ${fallback.hint}` : ''}):`,
    validate: (v) => (v !== '' || fallback ? true : 'пароль не может быть пустым'),
  });
  return got === '' && fallback ? fallback.value : got;
}

/** The municipality list to choose from: the site's, else the region profile's (said which). */
async function municipalityList(io: QuestionIo, o: { publicUrl: string; old: EnvValues; dir: string }): Promise<string[]> {
  const { say } = io;
  const profileFile = o.old.NAVBOT_PROFILE ? path.resolve(o.dir, o.old.NAVBOT_PROFILE) : undefined;
  let profileList: string[];
  try {
    profileList = loadProfile(profileFile).municipalities;
  } catch (e) {
    throw new CliExit(EXIT.invalid, `NAVBOT_PROFILE: ${(e as Error).message}`);
  }
  say('  … читаю список муниципалитетов на сайте');
  const site = await io.siteMunicipalities(o.publicUrl, o.old, o.dir);
  if (!site?.length) {
    say('  ! список с сайта прочитать не удалось — беру список из профиля региона');
    return profileList;
  }
  say(`  ✓ на сайте ${site.length} муниципалитетов`);
  const inProfile = municipalityMatcher(profileList);
  const unknown = site.filter((m) => !inProfile.match(m));
  if (unknown.length) {
    say(
      `  ! В профиле региона нет ${unknown.length} из них (например, «${unknown[0]}»): очередь с такими муниципалитетами не пройдёт проверку. Перечислите муниципалитеты сайта в файле профиля (NAVBOT_PROFILE).`,
    );
  }
  return site;
}

/** The default municipality (--municipality, else the question; undefined: none). */
export async function askMunicipality(flag: string | undefined, io: QuestionIo, o: { publicUrl: string; old: EnvValues; dir: string }): Promise<string | undefined> {
  const { say, ask } = io;
  const list = await municipalityList(io, o);
  const matcher = municipalityMatcher(list);
  const nearest = (raw: string) => matcher.nearest(raw).names.slice(0, 3).map((n) => `«${n}»`).join(', ');
  if (flag !== undefined && flag.trim() !== '') {
    const found = matcher.match(flag);
    if (found) return found;
    const problem = `муниципалитета «${flag}» нет в списке Навигатора (ближе всего: ${nearest(flag)})`;
    if (!ask) throw new CliExit(EXIT.invalid, `--municipality: ${problem}. Файл .env не записан.`);
    say(`  ✗ ${problem}`);
  }
  const previous = o.old.NAVBOT_MUNICIPALITY ? matcher.match(o.old.NAVBOT_MUNICIPALITY) : undefined;
  if (!ask) return flag === undefined ? previous : undefined;
  const NONE = '';
  const chosen = await ask.select({
    message: 'Муниципалитет по умолчанию (для строк очереди, где он не указан):',
    choices: [{ name: 'не задавать — муниципалитет указан в каждой строке очереди', value: NONE }, ...list.map((m) => ({ name: m, value: m }))],
    default: previous ?? NONE,
  });
  return chosen === NONE ? undefined : chosen;
}
