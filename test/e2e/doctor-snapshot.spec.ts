// The field kit (issue 22 §4): `navbot doctor --snapshot` writes region-snapshot.zip beside
// survey.json; the zip holds no personal data — the stand is seeded with unusual names, e-mails,
// phones and birth dates, and none of them (in any spelling the screens use), nor the admin's
// password or login, nor a session token, is anywhere in it. `doctor --compare` of a default
// stand's snapshot lists no difference (exit 0); of `memo,vendor-session`, the known ones (exit 2).
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { startStand, type Stand } from '../../src/stand/server.js';
import { navbotEnv, runNavbot, tempDir } from './support/navbot.js';

test.describe.configure({ mode: 'parallel' });

/** People no screen of the stand shows by itself: each must be masked wherever it appears. */
const PEOPLE = [
  { email: 'zlata.kvasova-ok@pochta.test', lastName: 'Квасова', firstName: 'Златоцвета', patronymic: 'Ярополковна', phone: '79161234567', child: { lastName: 'Квасов', firstName: 'Добромир', patronymic: 'Святославич', birthDate: '2015-03-17', sex: 'male' } },
  { email: 'ilya.shchegolkov@yandex.test', lastName: 'Щеголькова', firstName: 'Евпраксия', patronymic: 'Ермолаевна', phone: '79031112233', child: { lastName: 'Щеголькова', firstName: 'Любомила', patronymic: 'Ильинична', birthDate: '2012-11-29', sex: 'female' } },
] as const;

/** Every spelling of the seeded values a screen or an answer may use. */
function forbidden(): string[] {
  const out: string[] = ['stand-admin', 'admin@stand.local'];
  for (const p of PEOPLE) {
    out.push(p.email, p.email.split('@')[0]!, p.lastName, p.firstName, p.patronymic, p.child.lastName, p.child.firstName, p.child.patronymic);
    const d = p.phone;
    out.push(d, d.slice(1), `(${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7, 9)}-${d.slice(9)}`, `${d.slice(4, 7)}-${d.slice(7, 9)}-${d.slice(9)}`);
    const [y, m, day] = p.child.birthDate.split('-');
    out.push(p.child.birthDate, `${day}.${m}.${y}`);
  }
  return out;
}

async function seed(url: string, confirmed: boolean): Promise<void> {
  const post = async (what: string, body: unknown) => {
    const res = await fetch(`${url}/__stand/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding ${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number | string };
  };
  for (const p of PEOPLE) {
    const user = await post('users', { email: p.email, lastName: p.lastName, firstName: p.firstName, patronymic: p.patronymic, phone: p.phone });
    // A confirmed child's card names the operator who confirmed it (name, e-mail, phone).
    await post('children', { userId: user.id, ...p.child, confirmed });
  }
}

/** Runs doctor --snapshot on a fresh seeded stand (children confirmed on a variant); returns the zip's files, the sessions' tokens and the operator's data. */
async function snapshotOf(variants: string | undefined): Promise<{ dir: string; zip: string; files: Map<string, string>; tokens: string[]; code: number | null; stdout: string }> {
  const stand: Stand = await startStand({ port: 0, control: true, ...(variants ? { variants } : {}) });
  try {
    await seed(stand.url, variants !== undefined);
    const dir = tempDir();
    const run = await runNavbot(['doctor', '--snapshot'], navbotEnv(stand.url, dir));
    const reports = path.join(dir, 'reports');
    const folder = path.join(reports, readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1)!);
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['survey.json', 'profile.suggested.json', 'region-snapshot.zip']));
    const zip = path.join(folder, 'region-snapshot.zip');
    const archive = await JSZip.loadAsync(readFileSync(zip));
    const files = new Map<string, string>();
    for (const name of Object.keys(archive.files)) if (!archive.files[name]!.dir) files.set(name, await archive.files[name]!.async('string'));
    // The operator's own data: the admin panel shows it in its header and in «Подтверждение».
    const tokens = [...stand.state.sessions.keys(), ...stand.state.admins.flatMap((a) => [a.name, a.phone, a.phone.replace(/^\+/, '')])];
    return { dir, zip, files, tokens, code: run.code, stdout: run.stdout + run.stderr };
  } finally {
    await stand.close();
  }
}

function expectNoPersonalData(files: Map<string, string>, tokens: string[]): void {
  expect(tokens.length).toBeGreaterThan(0);
  const all = [...files.values()].join('\n');
  for (const v of [...forbidden(), ...tokens]) expect(all.toLowerCase(), `«${v}» is in the snapshot`).not.toContain(v.toLowerCase());
  // Nothing that looks like an e-mail or a phone survives either.
  expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
}

test('doctor --snapshot on a seeded default stand: the zip has every screen and no personal data; compared, no difference', async () => {
  test.setTimeout(180_000);
  const s = await snapshotOf(undefined);
  expect(s.code, s.stdout).toBe(0);
  expect(s.stdout).toContain('region-snapshot.zip');
  const manifest = JSON.parse(s.files.get('manifest.json')!) as { kind: string; screens: Array<{ name: string; target: string; aria: string; outline: string }> };
  expect(manifest.kind).toBe('navbot-region-snapshot');
  expect(manifest.screens.map((x) => x.name)).toEqual(['admin-login', 'admin-users', 'user-card', 'user-children', 'child-card', 'certificate-dialog', 'site-register', 'site-login']);
  for (const sc of manifest.screens) expect(s.files.has(sc.aria) && s.files.has(sc.outline)).toBe(true);
  expect(manifest.screens.map((x) => x.target)).toEqual(['admin', 'admin', 'admin', 'admin', 'admin', 'admin', 'site', 'site']);
  expectNoPersonalData(s.files, s.tokens);
  // The structure is there: labels, columns, the answers' shapes, the modules, the config keys.
  const card = s.files.get(manifest.screens.find((x) => x.name === 'user-card')!.aria)!;
  expect(card).toContain('textbox "Фамилия:": «…»');
  expect(card).toContain('columnheader "Email"');
  expect(s.files.get('answers.json')).toContain('"GET /api/rest/siteuser/{id}"');
  expect(JSON.parse(s.files.get('modules.json')!).modules).toContainEqual({ alias: 'siteuser', is_sencha: true, is_react: false });
  expect(JSON.parse(s.files.get('config.json')!).keys).toEqual(['captchaSiteKey']);

  const cmp = await runNavbot(['doctor', '--compare', s.zip], navbotEnv('http://127.0.0.1:9', s.dir));
  expect(cmp.code, cmp.stdout + cmp.stderr).toBe(0);
  expect(cmp.stdout).toContain('отличий не найдено');

  // A file that is not a snapshot: a Russian message, exit 2.
  const bad = path.join(s.dir, 'not-a-snapshot.zip');
  writeFileSync(bad, 'просто текст');
  const wrong = await runNavbot(['doctor', '--compare', bad], navbotEnv('http://127.0.0.1:9', s.dir));
  expect(wrong.code).toBe(2);
  expect(wrong.stdout).toContain('не zip-архив');
});

test('doctor --compare of a memo,vendor-session snapshot lists the known differences (exit 2); its zip has no token, nor who confirmed the child', async () => {
  test.setTimeout(180_000);
  const s = await snapshotOf('memo,vendor-session');
  expectNoPersonalData(s.files, s.tokens);
  const cmp = await runNavbot(['doctor', '--compare', s.zip], navbotEnv('http://127.0.0.1:9', s.dir));
  expect(cmp.code, cmp.stdout + cmp.stderr).toBe(2);
  for (const line of [
    'нет: столбец «ID» (поле id)',
    'нет: таблица «Сертификаты»',
    'GET /api/rest/kid/{id}: нет ключа data.certificates (array)',
    'POST /api/user/login: новый ключ data.access_token (string)',
    'POST /api/user/login: нет ключа data.token (string)',
  ]) {
    expect(cmp.stdout).toContain(line);
  }
  expect(cmp.stdout).not.toContain('Экран «регистрация на сайте»');
});
