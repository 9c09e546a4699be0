// `navbot init`: the logic with flags or scripted answers in a temp folder (fake network, site
// and doctor), then once for real: `navbot init --yes …` as a child process against a stand.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'dotenv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/doctor/checks.js';
import { CliExit } from '../../../src/cli/exit-codes.js';
import { quoteEnvValue } from '../../../src/cli/setup/env-file.js';
import { runInit, SECRET_NOTE, templateProblem, type Ask, type InitDeps, type InitFlags } from '../../../src/cli/setup/init.js';
import { DEMO_SECRET } from '../../../src/config/settings.js';
import { startStand, type Stand } from '../../../src/stand/server.js';

const SITE_LIST = ['г. Блестящий', 'г. Северный', 'Речной район'];
const REGION = { publicUrl: 'https://nav.example.ru/', adminUrl: 'https://admin.nav.example.ru/admin/' };
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-init-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

interface Fake {
  deps: InitDeps;
  lines: string[];
  doctorDirs: string[];
  checked: string[];
}

function fake(o: { down?: string[]; site?: string[] | undefined; env?: Record<string, string>; ask?: Ask; secret?: string } = {}): Fake {
  const lines: string[] = [];
  const doctorDirs: string[] = [];
  const checked: string[] = [];
  const deps: InitDeps = {
    say: (l) => lines.push(l),
    env: o.env ?? {},
    checkUrl: async (url, label): Promise<CheckResult> => {
      checked.push(url);
      return (o.down ?? []).includes(url)
        ? { ok: false, text: `${label} ${url} не отвечает: соединение отклонено.`, area: 'target' }
        : { ok: true, text: `${label} ${url} отвечает (HTTP 200)`, area: 'target' };
    },
    siteMunicipalities: async () => ('site' in o ? o.site : SITE_LIST),
    doctor: async (dir) => {
      doctorDirs.push(dir);
      return 0;
    },
    ...(o.ask ? { ask: o.ask } : {}),
    ...(o.secret ? { newSecret: () => o.secret! } : {}),
  };
  return { deps, lines, doctorDirs, checked };
}

const regionFlags = (dir: string, extra: InitFlags = {}): InitFlags => ({
  dir,
  yes: true,
  publicUrl: REGION.publicUrl,
  adminUrl: REGION.adminUrl,
  adminEmail: 'operator@school.ru',
  adminPasswordEnv: 'NAV_PASS',
  emailTemplate: 'robot+{key}@school.ru',
  municipality: 'г. Северный',
  concurrency: '3',
  ...extra,
});
const regionEnv = { NAV_PASS: 'Пароль с #решёткой и "кавычками"' };

const readEnv = (dir: string) => parse(fs.readFileSync(path.join(dir, '.env'), 'utf8'));

async function refused(p: Promise<unknown>): Promise<CliExit> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CliExit);
  return e as CliExit;
}

describe('navbot init with flags (--yes)', () => {
  it('writes a fresh .env with every answer and a generated secret, mode 600, then runs doctor there', async () => {
    const dir = tempDir();
    const f = fake({ env: regionEnv });
    expect(await runInit(regionFlags(dir), f.deps)).toBe(0);
    const env = readEnv(dir);
    expect(env).toEqual({
      NAVBOT_PUBLIC_URL: REGION.publicUrl,
      NAVBOT_ADMIN_URL: REGION.adminUrl,
      NAVBOT_ADMIN_EMAIL: 'operator@school.ru',
      NAVBOT_ADMIN_PASSWORD: regionEnv.NAV_PASS,
      NAVBOT_SECRET: env.NAVBOT_SECRET,
      NAVBOT_EMAIL_TEMPLATE: 'robot+{key}@school.ru',
      NAVBOT_MUNICIPALITY: 'г. Северный',
      NAVBOT_CONCURRENCY: '3',
    });
    expect(env.NAVBOT_SECRET).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(env.NAVBOT_SECRET).not.toBe(DEMO_SECRET);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(f.checked).toEqual([REGION.publicUrl, REGION.adminUrl]);
    expect(f.doctorDirs).toEqual([dir]);
    expect(f.lines).toContain(`  ✓ ${SECRET_NOTE}`);
    expect(f.lines.filter((l) => l.includes('NAVBOT_SECRET создан')).length).toBe(1);
    expect(f.lines.join('\n')).not.toContain(env.NAVBOT_SECRET);
    expect(f.lines.join('\n')).not.toContain(regionEnv.NAV_PASS);
    // Each setting under its Russian description.
    expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toContain('# шаблон e-mail, например robot+{key}@school.ru\nNAVBOT_EMAIL_TEMPLATE=robot+{key}@school.ru\n');
  });

  it('gives two runs two different secrets and returns doctor’s exit code', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await runInit(regionFlags(a), fake({ env: regionEnv }).deps);
    const f = fake({ env: regionEnv });
    f.deps.doctor = async () => 3;
    expect(await runInit(regionFlags(b), f.deps)).toBe(3);
    expect(readEnv(a).NAVBOT_SECRET).not.toBe(readEnv(b).NAVBOT_SECRET);
  });

  it('refuses to overwrite an existing .env without --force, and leaves it as it was', async () => {
    const dir = tempDir();
    const before = 'NAVBOT_SECRET=my-old-secret-kept-with-the-journal\n';
    fs.writeFileSync(path.join(dir, '.env'), before);
    const f = fake({ env: regionEnv });
    const e = await refused(runInit(regionFlags(dir), f.deps));
    expect(e.code).toBe(2);
    expect(e.message).toContain('navbot init --force');
    expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe(before);
    expect(f.doctorDirs).toEqual([]);
    // --new-secret alone does not open the door either.
    expect((await refused(runInit(regionFlags(dir, { newSecret: true }), f.deps))).code).toBe(2);
    expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe(before);
  });

  it('--force keeps the secret and settings it does not ask about; --new-secret replaces the secret', async () => {
    const dir = tempDir();
    const oldSecret = 'my-old-secret-kept-with-the-journal';
    fs.writeFileSync(path.join(dir, '.env'), `NAVBOT_SECRET=${oldSecret}\nNAVBOT_BROWSER=msedge\nNAVBOT_MUNICIPALITY=Речной район\nNAVBOT_PUBLIC_URL=https://old.example.ru/\n`);
    const f = fake({ env: regionEnv });
    expect(await runInit(regionFlags(dir, { force: true, municipality: undefined }), f.deps)).toBe(0);
    const env = readEnv(dir);
    expect(env.NAVBOT_SECRET).toBe(oldSecret);
    expect(env.NAVBOT_BROWSER).toBe('msedge');
    expect(env.NAVBOT_PUBLIC_URL).toBe(REGION.publicUrl);
    expect(env.NAVBOT_MUNICIPALITY).toBe('Речной район');
    expect(f.lines).toContain('  ✓ NAVBOT_SECRET сохранён из прежнего .env (его нельзя менять).');

    const g = fake({ env: regionEnv, secret: 'a-brand-new-secret-0123456789-abcdefghij' });
    await runInit(regionFlags(dir, { force: true, newSecret: true }), g.deps);
    expect(readEnv(dir).NAVBOT_SECRET).toBe('a-brand-new-secret-0123456789-abcdefghij');
    expect(g.lines.join('\n')).toMatch(/Создан НОВЫЙ NAVBOT_SECRET/);
  });

  it('replaces the demo secret even with --force', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.env'), `NAVBOT_SECRET=${DEMO_SECRET}\n`);
    await runInit(regionFlags(dir, { force: true }), fake({ env: regionEnv }).deps);
    expect(readEnv(dir).NAVBOT_SECRET).not.toBe(DEMO_SECRET);
  });

  it.each([
    [{ emailTemplate: 'robot@school.ru' }, /нет \{key\}/],
    [{ emailTemplate: 'robot@{key}.school.ru' }, /\{key\} должен стоять до знака @/],
    [{ emailTemplate: 'robot+{key}@school.education' }, /длиннее 6 букв/],
    [{ emailTemplate: 'робот+{key}@school.ru' }, /русские буквы/],
    [{ municipality: 'г. Северск' }, /муниципалитета «г\. Северск» нет в списке Навигатора \(ближе всего: «г\. Северный»\)/],
    [{ concurrency: '0' }, /от 1 до 16/],
    [{ publicUrl: 'nav.example.ru' }, /не адрес сайта/],
    [{ adminEmail: 'operator' }, /нет знака @/],
    [{ adminPasswordEnv: 'NO_SUCH_VAR' }, /переменная окружения NO_SUCH_VAR не задана/],
    [{ adminPasswordEnv: undefined }, /--admin-password-env/],
  ] as Array<[InitFlags, RegExp]>)('checks every answer before writing: %o', async (bad, why) => {
    const dir = tempDir();
    const e = await refused(runInit({ ...regionFlags(dir), ...bad }, fake({ env: regionEnv }).deps));
    expect(e.code).toBe(2);
    expect(e.message).toMatch(why);
    expect(e.message).toContain('Файл .env не записан');
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
  });

  it('ends with exit 3 and writes nothing when the admin panel does not answer', async () => {
    const dir = tempDir();
    const f = fake({ env: regionEnv, down: [REGION.adminUrl] });
    const e = await refused(runInit(regionFlags(dir), f.deps));
    expect(e.code).toBe(3);
    expect(e.message).toContain(`админ-панель ${REGION.adminUrl} не отвечает`);
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
  });

  it('takes the municipality from the profile’s list when the site does not show one', async () => {
    const dir = tempDir();
    const f = fake({ env: regionEnv, site: undefined });
    await runInit(regionFlags(dir, { municipality: 'весёлый  РАЙОН' }), f.deps);
    expect(readEnv(dir).NAVBOT_MUNICIPALITY).toBe('Весёлый район');
    expect(f.lines).toContain('  ! список с сайта прочитать не удалось — беру список из профиля региона');
  });

  it('with the stand’s address needs no other answer (stand login, template and no municipality)', async () => {
    const dir = tempDir();
    await runInit({ dir, yes: true, publicUrl: 'http://127.0.0.1:8097' }, fake().deps);
    const env = readEnv(dir);
    expect(env).toMatchObject({
      NAVBOT_PUBLIC_URL: 'http://127.0.0.1:8097',
      NAVBOT_ADMIN_URL: 'http://127.0.0.1:8097/admin/',
      NAVBOT_ADMIN_EMAIL: 'admin@stand.local',
      NAVBOT_ADMIN_PASSWORD: 'stand-admin',
      NAVBOT_EMAIL_TEMPLATE: 'robot+{key}@stand.local',
      NAVBOT_CONCURRENCY: '2',
    });
    expect(env.NAVBOT_MUNICIPALITY).toBeUndefined();
  });

  it('asks for --yes when there is no terminal', async () => {
    const dir = tempDir();
    const e = await refused(runInit({ dir }, fake().deps));
    expect(e.code).toBe(2);
    expect(e.message).toMatch(/терминала нет.*--yes/);
  });
});

/** Answers given in order, as a person would type them; Enter ('') takes the default. */
function scripted(answers: Array<string | boolean>) {
  const asked: string[] = [];
  const rejected: string[] = [];
  const choices: string[][] = [];
  const next = () => {
    if (answers.length === 0) throw new Error(`no answer left after: ${asked.at(-1)}`);
    return answers.shift()!;
  };
  const typed = async (o: { message: string; default?: string; validate?: (v: string) => true | string | Promise<true | string> }) => {
    asked.push(o.message);
    for (;;) {
      let v = String(next());
      if (v === '' && o.default !== undefined) v = o.default;
      const r = o.validate ? await o.validate(v) : true;
      if (r === true) return v;
      rejected.push(r);
    }
  };
  const ask: Ask = {
    input: typed,
    password: typed,
    select: async (o) => {
      asked.push(o.message);
      choices.push(o.choices.map((c) => c.name));
      const v = String(next());
      return v === '' ? (o.default ?? '') : v;
    },
    confirm: async (o) => {
      asked.push(o.message);
      return next() as boolean;
    },
  };
  return { ask, asked, rejected, choices, left: answers };
}

describe('navbot init answered by a person', () => {
  it('asks one question at a time, re-asks after a failed check, and offers the site’s municipalities', async () => {
    const dir = tempDir();
    const s = scripted([
      'https://typo.example.ru/', // does not answer…
      false, // …so do not keep it
      REGION.publicUrl,
      REGION.adminUrl,
      'operator@school.ru',
      '', // empty password is refused
      'секрет-пароль',
      'robot@school.ru', // no {key}: refused
      'robot+{key}@school.ru',
      'Речной район',
      '', // concurrency: the default
    ]);
    const f = fake({ ask: s.ask, down: ['https://typo.example.ru/'] });
    expect(await runInit({ dir }, f.deps)).toBe(0);
    expect(s.left).toEqual([]);
    expect(s.asked).toEqual([
      'Адрес публичного сайта Навигатора региона (где родители регистрируются):',
      'Сайт не отвечает. Всё равно сохранить этот адрес?',
      'Адрес публичного сайта Навигатора региона (где родители регистрируются):',
      'Адрес админ-панели Навигатора:',
      'Логин (e-mail) администратора в админ-панели:',
      'Пароль администратора (ввод не отображается):',
      'Шаблон e-mail учётных записей-заглушек ({key} — место для ключа строки):',
      'Муниципалитет по умолчанию (для строк очереди, где он не указан):',
      'Сколько строк обрабатывать одновременно (1–16; 2 — бережно к сайту):',
    ]);
    expect(s.rejected).toEqual(['пароль не может быть пустым', expect.stringMatching(/нет \{key\}/)]);
    expect(s.choices[0]).toEqual(['не задавать — муниципалитет указан в каждой строке очереди', ...SITE_LIST]);
    expect(readEnv(dir)).toMatchObject({
      NAVBOT_PUBLIC_URL: REGION.publicUrl,
      NAVBOT_ADMIN_PASSWORD: 'секрет-пароль',
      NAVBOT_EMAIL_TEMPLATE: 'robot+{key}@school.ru',
      NAVBOT_MUNICIPALITY: 'Речной район',
      NAVBOT_CONCURRENCY: '2',
    });
    expect(f.lines).toContain('  ✓ строка с ключом К-001 получит адрес robot+k-001@school.ru');
  });

  it('with --force offers the old answers as defaults and keeps the old password on Enter', async () => {
    const dir = tempDir();
    await runInit(regionFlags(dir), fake({ env: regionEnv }).deps);
    const first = readEnv(dir);
    const s = scripted(['', '', '', '', '', '', '4']);
    await runInit({ dir, force: true }, fake({ ask: s.ask }).deps);
    expect(readEnv(dir)).toEqual({ ...first, NAVBOT_CONCURRENCY: '4' });
  });
});

describe('.env values', () => {
  it.each(['plain-value', 'г. Северный', 'p#ss word', `it's "quoted"`, 'a`b"c', 'back\\slash', '  padded  ', 'smtp://u%40x:p@h:587'])('reads %s back unchanged', (v) => {
    const q = quoteEnvValue(v);
    expect(q).toBeDefined();
    expect(parse(`K=${q}`).K).toBe(v);
  });

  it('refuses what dotenv cannot hold', () => {
    expect(quoteEnvValue('two\nlines')).toBeUndefined();
    expect(quoteEnvValue(`'\`"\\n`)).toBeUndefined();
  });

  it('checks templates as the admin panel would save them', () => {
    expect(templateProblem('robot+{key}@school.ru')).toBeUndefined();
    expect(templateProblem('{key}@a.b.c.d.e.f.ru')).toMatch(/больше шести частей/);
  });
});

describe('navbot init --yes as a process, against the stand', () => {
  let stand: Stand;
  beforeAll(async () => {
    stand = await startStand({ port: 0, control: true });
  });
  afterAll(async () => stand?.close());

  it('writes .env (mode 600) and ends with doctor’s «всё готово»', async () => {
    const dir = tempDir();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NAVBOT_')));
    const main = path.resolve(import.meta.dirname, '../../../src/cli/main.ts');
    const child = spawn(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        main,
        'init',
        '--yes',
        '--public-url',
        stand.publicUrl,
        '--admin-url',
        stand.adminUrl,
        '--admin-email',
        'admin@stand.local',
        '--admin-password-env',
        'STAND_PASS',
        '--email-template',
        'robot+{key}@stand.local',
        '--municipality',
        'г. Озерск',
        '--concurrency',
        '1',
      ],
      { cwd: dir, env: { ...clean, STAND_PASS: 'stand-admin', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, out).toBe(0);
    expect(out).toContain('✓ на сайте 12 муниципалитетов');
    expect(out).toContain('Итог: всё готово к работе.');
    const env = readEnv(dir);
    expect(env).toMatchObject({
      NAVBOT_PUBLIC_URL: stand.publicUrl,
      NAVBOT_ADMIN_URL: stand.adminUrl,
      NAVBOT_ADMIN_EMAIL: 'admin@stand.local',
      NAVBOT_ADMIN_PASSWORD: 'stand-admin',
      NAVBOT_EMAIL_TEMPLATE: 'robot+{key}@stand.local',
      NAVBOT_MUNICIPALITY: 'г. Озёрск',
      NAVBOT_CONCURRENCY: '1',
    });
    expect(env.NAVBOT_SECRET).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(out).not.toContain(env.NAVBOT_SECRET);
  }, 90_000);
});
