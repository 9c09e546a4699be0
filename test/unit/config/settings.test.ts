// Settings: every problem at once, each naming the setting, in Russian, saying what is allowed —
// before anything is sent (the CLI ends with exit code 2).
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConcurrency, loadSettings, publicSettings, SETTINGS, SettingsError, type SettingName } from '../../../src/config/settings.js';
import { settingsFor } from '../../../src/cli/env.js';
import { CliExit, EXIT } from '../../../src/cli/exit-codes.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as SettingsError).problems;
  }
  throw new Error('the settings were accepted');
}

const ENGLISH = /Invalid|expected|received|Too (small|big)|must|NaN/;

describe('settings', () => {
  it('the registry: the stand by default, a region by .env, its password never shown', () => {
    const d = loadSettings({});
    expect([d.registryUrl, d.registryLogin, d.registryPassword]).toEqual(['http://127.0.0.1:8080/registry/', 'org@stand.local', 'stand-org']);
    const s = loadSettings({ NAVBOT_REGISTRY_URL: 'https://reestr.example.ru/org/', NAVBOT_REGISTRY_LOGIN: 'school-7', NAVBOT_REGISTRY_PASSWORD: 'Sekret-Reestra-9' });
    expect([s.registryUrl, s.registryLogin]).toEqual(['https://reestr.example.ru/org/', 'school-7']);
    expect(JSON.stringify(publicSettings(s))).not.toContain('Sekret-Reestra-9');
    expect(problems({ NAVBOT_REGISTRY_URL: 'reestr' })[0]).toMatch(/^NAVBOT_REGISTRY_URL \(адрес АИС «Реестр сертификатов»/);
  });

  it('rows at once by default: two, one on a one-core machine; NAVBOT_CONCURRENCY overrides', () => {
    expect([1, 2, 4, 16].map((cores) => defaultConcurrency(cores))).toEqual([1, 2, 2, 2]);
    expect(loadSettings({}).concurrency).toBe(defaultConcurrency());
    expect(loadSettings({ NAVBOT_CONCURRENCY: '4' }).concurrency).toBe(4);
  });

  it('a URL setting must be http or https with a host', () => {
    for (const bad of ['htp:/x', 'http:/x', 'ftp://x.ru/', 'http://', 'x.ru', 'javascript:alert(1)']) {
      expect(problems({ NAVBOT_ADMIN_URL: bad })).toEqual([
        `NAVBOT_ADMIN_URL (адрес админ-панели): нужен адрес, который начинается с http:// или https:// и содержит имя сервера, например https://navigator.example.ru/; сейчас «${bad}»`,
      ]);
    }
    const s = loadSettings({ NAVBOT_PUBLIC_URL: 'https://nav.example.ru/', NAVBOT_ADMIN_URL: 'HTTP://127.0.0.1:8080/admin/', NAVBOT_SECRET: 'a-real-secret-of-the-region' });
    expect([s.publicUrl, s.adminUrl, s.targetIsStand]).toEqual(['https://nav.example.ru/', 'HTTP://127.0.0.1:8080/admin/', false]);
    // .env.example's Cyrillic addresses are addresses too.
    expect(loadSettings({ NAVBOT_PUBLIC_URL: 'https://р00.навигатор.дети/', NAVBOT_SECRET: 'a-real-secret-of-the-region', NAVBOT_ADMIN_PASSWORD: 'pw' }).publicUrl).toBe('https://р00.навигатор.дети/');
  });

  it('a number says which numbers are allowed and what it got, in Russian', () => {
    expect(problems({ NAVBOT_CONCURRENCY: 'abc' })).toEqual(['NAVBOT_CONCURRENCY (число параллельных потоков): нужно целое число от 1 до 16, сейчас «abc»']);
    expect(problems({ NAVBOT_CONCURRENCY: '2.5' })[0]).toContain('нужно целое число от 1 до 16, сейчас «2.5»');
    expect(problems({ NAVBOT_CONCURRENCY: '17' })[0]).toContain('сейчас «17»');
    expect(loadSettings({ NAVBOT_CONCURRENCY: ' 4 ', NAVBOT_ACTIONS_PER_SECOND: '0,5', NAVBOT_HEADLESS: 'нет' })).toMatchObject({
      concurrency: 4,
      actionsPerSecond: 0.5,
      headless: false,
    });
  });

  it('lists every problem at once, each naming its setting, none in English', () => {
    const list = problems({
      NAVBOT_PUBLIC_URL: 'htp:/x',
      NAVBOT_CONCURRENCY: 'abc',
      NAVBOT_HEADLESS: 'может быть',
      NAVBOT_ACTIONS_PER_SECOND: '0',
      NAVBOT_SECRET: 'short',
      NAVBOT_EMAIL_TEMPLATE: 'robot@school.ru',
      NAVBOT_PROFILE: '/nonexistent/profile.json',
    });
    expect(list.map((p) => p.split(' ')[0]!.replace(':', ''))).toEqual([
      'NAVBOT_PUBLIC_URL',
      'NAVBOT_SECRET',
      'NAVBOT_EMAIL_TEMPLATE',
      'NAVBOT_CONCURRENCY',
      'NAVBOT_ACTIONS_PER_SECOND',
      'NAVBOT_HEADLESS',
      'NAVBOT_PROFILE',
    ]);
    for (const p of list) expect(p).not.toMatch(ENGLISH);
    expect(list).toContain('NAVBOT_SECRET (секрет для паролей учётных записей (не короче 16 символов)): нужно не короче 16 символов, сейчас 5');
    expect(list.join('\n')).not.toContain('short'); // a secret is never quoted
    expect(list.at(-1)).toBe(
      'NAVBOT_PROFILE: Не удалось прочитать файл профиля /nonexistent/profile.json: файл не найден. Укажите в NAVBOT_PROFILE путь к файлу JSON (пример: data/profile.example.json).',
    );
  });

  it('every setting refuses junk in Russian', () => {
    const numeric = new Set<SettingName>(['concurrency', 'actionsPerSecond', 'retries', 'backoffMs', 'breaker', 'timeoutMs', 'recycleRows']);
    for (const [field, [env]] of Object.entries(SETTINGS) as Array<[SettingName, (typeof SETTINGS)[SettingName]]>) {
      const junk = field === 'headless' ? 'быть может' : numeric.has(field) ? '-1x' : field.endsWith('Url') ? 'nav.example.ru' : undefined;
      if (junk === undefined) continue;
      const [p] = problems({ [env]: junk });
      expect(p).toMatch(new RegExp(`^${env} \\(`));
      expect(p).toMatch(/: нуж(ен|на|но) /);
      // An SMTP address may carry a password: its value is never quoted back.
      if (field === 'smtpUrl') expect(p).not.toContain(junk);
      else expect(p).toContain(`сейчас «${junk}»`);
      expect(p).not.toMatch(ENGLISH);
    }
    // Empty from the command line (an empty .env value counts as unset).
    expect(() => loadSettings({}, { adminEmail: ' ' })).toThrow(/NAVBOT_ADMIN_EMAIL \(логин администратора\): не может быть пустым/);
  });

  it('a profile file with wrong types is described in Russian', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'navbot-settings-'));
    try {
      const file = path.join(dir, 'p.json');
      writeFileSync(file, JSON.stringify({ municipalities: [], maxAge: 30, publicTexts: { login: 5 } }));
      const [p] = problems({ NAVBOT_PROFILE: file });
      expect(p).toBe(
        `NAVBOT_PROFILE: Файл профиля ${file} содержит ошибки: municipalities: нужно не меньше 1 элементов; publicTexts.login: нужно текст в кавычках; maxAge: нужно не больше 18`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('in the CLI', () => {
    const saved = process.env.NAVBOT_CONCURRENCY;
    afterEach(() => {
      if (saved === undefined) delete process.env.NAVBOT_CONCURRENCY;
      else process.env.NAVBOT_CONCURRENCY = saved;
    });

    it('a bad setting ends the command with exit code 2 and the Russian list', () => {
      process.env.NAVBOT_CONCURRENCY = 'abc';
      const e = (() => {
        try {
          settingsFor();
        } catch (x) {
          return x;
        }
      })();
      expect(e).toBeInstanceOf(CliExit);
      expect((e as CliExit).code).toBe(EXIT.invalid);
      expect((e as CliExit).message).toBe('Ошибка в настройках:\n  - NAVBOT_CONCURRENCY (число параллельных потоков): нужно целое число от 1 до 16, сейчас «abc»');
    });
  });
});
