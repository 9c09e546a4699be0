// Settings that would send a secret where it does not belong (issue 24): the demo secret and the
// stand's passwords only for a target on this computer (by address, not by prefix); addresses
// with «login:password@» refused in Russian.
import { describe, expect, it } from 'vitest';
import { DEMO_SECRET, loadSettings, SettingsError, standSecretsOffStand } from '../../../src/config/settings.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadSettings(env);
    return [];
  } catch (e) {
    return (e as SettingsError).problems;
  }
};

describe('secrets by target', () => {
  it('«127.0.0.1.evil.example» is not the stand: the demo secret and the default passwords are refused', () => {
    const p = problems({ NAVBOT_PUBLIC_URL: 'http://127.0.0.1.evil.example/', NAVBOT_ADMIN_URL: 'http://127.0.0.1.evil.example/admin/' });
    expect(p).toContain('NAVBOT_ADMIN_PASSWORD (пароль администратора): не задан, а админ-панель — не учебный стенд. Задайте пароль в .env (или запустите navbot init).');
    expect(p.some((x) => x.startsWith('NAVBOT_SECRET: для настоящего региона нужен свой секрет'))).toBe(true);
  });

  it('an unset admin or registry password is the stand’s only for the stand', () => {
    expect(loadSettings({}).adminPassword).toBe('stand-admin');
    expect(loadSettings({ NAVBOT_PUBLIC_URL: 'http://[::1]:8080/', NAVBOT_ADMIN_URL: 'http://127.0.0.2:8080/admin/' }).targetIsStand).toBe(true);
    const real = { NAVBOT_PUBLIC_URL: 'https://nav.example.ru/', NAVBOT_ADMIN_URL: 'https://nav.example.ru/admin/', NAVBOT_SECRET: 'a-real-secret-of-the-region' };
    expect(problems(real)).toHaveLength(1);
    expect(loadSettings({ ...real, NAVBOT_ADMIN_PASSWORD: 'pw' }).adminPassword).toBe('pw');
    expect(problems({ NAVBOT_REGISTRY_URL: 'https://reestr.example.ru/' })[0]).toMatch(/^NAVBOT_REGISTRY_PASSWORD .*не задан, а NAVBOT_REGISTRY_URL .* — не учебный стенд/);
    expect(DEMO_SECRET).toBeTruthy();
  });

  it('any target’s secret with urlOf is checked by the one loop (config names no target)', () => {
    const table = {
      fooUrl: { env: 'NAVBOT_FOO_URL', kind: 'url', default: 'http://127.0.0.1/foo/', description: 'адрес Foo' },
      fooPassword: { env: 'NAVBOT_FOO_PASSWORD', kind: 'secret', default: 'stand-foo', description: 'пароль Foo', urlOf: 'fooUrl' },
    } as const;
    expect(standSecretsOffStand({}, { fooUrl: 'http://127.0.0.1/foo/' }, table)).toEqual([]);
    expect(standSecretsOffStand({ fooPassword: 'x' }, { fooUrl: 'https://foo.example.ru/' }, table)).toEqual([]);
    expect(standSecretsOffStand({}, { fooUrl: 'https://foo.example.ru/' }, table)).toEqual([
      'NAVBOT_FOO_PASSWORD (пароль Foo): не задан, а NAVBOT_FOO_URL (адрес Foo) — не учебный стенд. Задайте его в .env.',
    ]);
  });

  it('refuses a site address with a login and password in it, without quoting it', () => {
    const p = problems({ NAVBOT_ADMIN_URL: 'https://admin:Secret-42@nav.example.ru/admin/', NAVBOT_ADMIN_PASSWORD: 'x' });
    expect(p[0]).toBe(
      'NAVBOT_ADMIN_URL (адрес админ-панели): в адресе не должно быть логина и пароля (часть «логин:пароль@» перед именем сервера): уберите её, логин и пароль задаются отдельными настройками',
    );
    expect(p.join('\n')).not.toContain('Secret-42');
  });
});

describe('navbot init asks again for an address with a login in it', () => {
  it('names the problem without storing the address', async () => {
    const { answerUrlProblem: urlProblem } = await import('../../../src/cli/setup/init.js');
    expect(urlProblem('https://admin:pw@nav.example.ru/')).toBe('в адресе не должно быть логина и пароля (часть «логин:пароль@»): их navbot спросит отдельно');
    expect(urlProblem('https://nav.example.ru/')).toBeUndefined();
    expect(urlProblem('http:/nav.example.ru/')).toMatch(/^нужен адрес, который начинается с http:\/\/ или https:\/\//);
  });
});
