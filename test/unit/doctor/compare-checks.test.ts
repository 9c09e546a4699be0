// `navbot doctor`'s survey, the pure half: how a region's text is compared with the profile's
// (whole and folded in the admin panel, as a part with ё kept on the public site), which text on
// screen is suggested when the profile's is missing, and what the staff member gets: checks, exit
// code, the differences and a suggested profile that loadProfile accepts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProfile, loadProfile } from '../../../src/config/profile.js';
import {
  compareContains,
  compareLists,
  compareWhole,
  idKind,
  median,
  pickCandidate,
  scanSources,
  similarity,
  titleTemplate,
} from '../../../src/doctor/survey/match.js';
import type { SurveyFindings } from '../../../src/doctor/survey/types.js';
import { buildChecks, surveyExitCode } from '../../../src/doctor/compare/checks.js';
import { textCheck } from '../../../src/doctor/compare/check.js';
import { suggestPace } from '../../../src/doctor/compare/pace.js';
import { differences, differencesList, suggestedName, suggestedProfile } from '../../../src/doctor/compare/suggestion.js';
import { summaryLines } from '../../../src/doctor/compare/summary.js';

const base = (key: string, expected: string) => ({ key, where: 'экран', expected });

describe('doctor survey: comparing a text of the admin panel (whole, folded)', () => {
  it('should take the same text, a spelling with ё or another case as navbot does', () => {
    expect(compareWhole(base('adminTexts.menuSiteUsers', 'Пользователи сайта'), ['Заявки', 'Пользователи  сайта'], () => null)).toMatchObject({ status: 'same', works: true });
    const yo = compareWhole(base('adminTexts.accountingCertificate', 'Сертификат учета'), ['Сертификат не подтвержден', 'Сертификат учёта'], () => null);
    expect(yo).toMatchObject({ status: 'spelling', works: true, found: 'Сертификат учёта' });
    expect(compareWhole(base('adminTexts.childName', 'ФИО ребенка'), ['ФИО РЕБЕНКА'], () => null)).toMatchObject({ status: 'spelling', works: true });
  });

  it('should strip what Ext adds to labels («Имя *:»)', () => {
    expect(compareWhole(base('adminTexts.childBirthDate', 'Дата рождения'), ['Дата рождения *:'], () => null, { label: true })).toMatchObject({ status: 'same', found: 'Дата рождения' });
  });

  it('should name the candidate when the text is not there, and say missing when none is', () => {
    const renamed = compareWhole(base('adminTexts.menuSiteUsers', 'Пользователи сайта'), ['Пользователи', 'Заявки'], () => 'Пользователи');
    expect(renamed).toMatchObject({ status: 'renamed', works: false, found: 'Пользователи' });
    expect(compareWhole(base('adminTexts.search', 'Поиск'), ['Фильтр'], () => null)).toMatchObject({ status: 'missing', works: false, found: null });
  });

  it('should keep «Подтвержден» and «Не подтвержден» apart', () => {
    expect(compareWhole(base('adminTexts.confirmed', 'Подтвержден'), ['Не подтвержден'], () => null).status).toBe('missing');
  });
});

describe('doctor survey: comparing a text of the public site (a part, ё kept)', () => {
  it('should find a profile label inside the longer label of the site, any case', () => {
    expect(compareContains(base('publicTexts.municipality', 'ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ'), ['Выберите муниципалитет (для рекомендации программ)'], () => null)).toMatchObject({ status: 'same', works: true });
  });

  it('should not take ё for е: Playwright would not find it', () => {
    const f = compareContains(base('publicTexts.addChild', 'ДОБАВИТЬ РЕБЕНКА'), ['ДОБАВИТЬ РЕБЁНКА'], () => null);
    expect(f).toMatchObject({ status: 'spelling', works: false, found: 'ДОБАВИТЬ РЕБЁНКА' });
  });

  it('should suggest the control of the same kind when the label is renamed', () => {
    const labels = [
      { text: 'ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ', kind: 'select' },
      { text: 'ВВЕДИТЕ ВАШЕ ИМЯ', kind: 'text' },
      { text: 'ВВЕДИТЕ ЭЛ. ПОЧТУ (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)', kind: 'email' },
    ];
    const shown = labels.map((l) => l.text);
    expect(compareContains(base('publicTexts.municipality', 'ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ'), shown, () => pickCandidate('ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ', labels, { kind: 'select' }))).toMatchObject({
      status: 'renamed',
      found: 'ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ',
    });
    expect(pickCandidate('ВВЕДИТЕ EMAIL (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)', labels, { kind: 'email' })).toBe('ВВЕДИТЕ ЭЛ. ПОЧТУ (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)');
  });
});

describe('doctor survey: candidates', () => {
  it('should pick the menu item containing «пользовател», preferring the closest words', () => {
    const menu = ['Пользователи', 'Заявки', 'Программы', 'Организации'].map((text) => ({ text }));
    expect(pickCandidate('Пользователи сайта', menu, { contains: ['пользовател'] })).toBe('Пользователи');
    const two = ['Пользователи системы', 'Пользователи портала'].map((text) => ({ text }));
    expect(pickCandidate('Пользователи портала сайта', two, { contains: ['пользовател'] })).toBe('Пользователи портала');
    expect(pickCandidate('Пользователи сайта', [{ text: 'Заявки' }], { contains: ['пользовател'] })).toBeNull();
  });

  it('should pick the certificate type containing «учет» after ё-folding', () => {
    const items = ['Сертификат не подтвержден', 'Сертификат учёта (ПФДО)', 'Сертификат финансирования'].map((text) => ({ text }));
    expect(pickCandidate('Сертификат учета', items, { contains: ['учет'] })).toBe('Сертификат учёта (ПФДО)');
  });

  it('should find a column by the record field behind it, and skip texts other keys took', () => {
    const cols = [
      { text: 'ID', kind: 'id' },
      { text: 'Эл. почта', kind: 'email' },
    ];
    expect(pickCandidate('', cols, { kind: 'email' })).toBe('Эл. почта');
    expect(pickCandidate('', cols, { kind: 'phone' })).toBeNull();
    expect(pickCandidate('ИМЯ', [{ text: 'ВВЕДИТЕ ВАШЕ ИМЯ', kind: 'text' }], { kind: 'text', taken: new Set(['ВВЕДИТЕ ВАШЕ ИМЯ']) })).toBeNull();
  });

  it('should not guess among several unrelated candidates', () => {
    expect(pickCandidate('Поиск', [{ text: 'Фамилия' }, { text: 'Имя' }])).toBeNull();
    expect(similarity('ВВЕДИТЕ EMAIL (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)', 'ВВЕДИТЕ ЭЛ. ПОЧТУ (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)')).toBeGreaterThan(0.5);
  });
});

describe('doctor survey: texts the pages show only after a login', () => {
  it('should look for them in what the site sent, with JSON escapes undone', () => {
    const html = '<script>window.SITE={"text":{"addChild":"ДОБАВИТЬ РЕБЁНКА","childSaved":"\\u0420\\u0435\\u0431\\u0451\\u043d\\u043e\\u043a добавлен","childrenTab":"МОИ ДЕТИ"}}</script>';
    expect(scanSources(base('publicTexts.addChild', 'ДОБАВИТЬ РЕБЕНКА'), [html])).toMatchObject({ status: 'spelling', works: false, found: 'ДОБАВИТЬ РЕБЁНКА' });
    expect(scanSources(base('publicTexts.childSaved', 'Ребенок добавлен'), [html])).toMatchObject({ status: 'spelling', found: 'Ребёнок добавлен' });
    expect(scanSources(base('publicTexts.childrenTab', 'ДЕТИ'), [html])).toMatchObject({ status: 'same', works: true });
    expect(scanSources(base('publicTexts.emailTaken', 'уже зарегистрирован'), [html])).toMatchObject({ status: 'unchecked', works: true });
  });

  it('should prefer the profile spelling when the site has both', () => {
    expect(scanSources(base('publicTexts.save', 'СОХРАНИТЬ'), ['Сохранить', 'СОХРАНИТЬ'])).toMatchObject({ status: 'same' });
  });
});

describe('doctor survey: small facts', () => {
  it('should tell numbers, strings of digits and UUIDs apart', () => {
    expect(idKind([5001, 5002])).toBe('number');
    expect(idKind(['2101'])).toBe('digits');
    expect(idKind(['f6c7c6d2-1a2b-4c3d-8e9f-0a1b2c3d4e5f'])).toBe('uuid');
    expect(idKind([])).toBe('none');
  });

  it('should make the window title template from the title and the id', () => {
    expect(titleTemplate('#2101 клиент', '2101')).toBe('#{id} клиент');
    expect(titleTemplate('Клиент 7', '7')).toBe('Клиент {id}');
  });

  it('should compare municipality lists folded, naming what is missing on either side', () => {
    const d = compareLists(['г. Озёрск', 'г. Лесной', 'Горный район'], ['г. Озерск', 'г. Лесной', 'Речной район']);
    expect(d.missingOnSite).toEqual(['Горный район']);
    expect(d.extraOnSite).toEqual(['Речной район']);
    expect(d.spelledOtherwise).toEqual([{ profile: 'г. Озёрск', site: 'г. Озерск' }]);
  });

  it('should suggest a timeout of ten answers (not below the default) and a slower pace for a slow region', () => {
    const defaults = { timeoutMs: 30_000, actionsPerSecond: 1 };
    expect(median([10, 30, 20])).toBe(20);
    expect(suggestPace([12, 15, 9, 40], defaults)).toMatchObject({ medianMs: 14, timeoutMs: 30_000, actionsPerSecond: 1 });
    expect(suggestPace([5100, 5000, 5300], defaults)).toMatchObject({ medianMs: 5100, timeoutMs: 51_000, actionsPerSecond: 0.19 });
    expect(suggestPace([2000, 2000], defaults)).toMatchObject({ timeoutMs: 30_000, actionsPerSecond: 0.5 });
  });
});

/** What the survey finds on the stand's `renamed` variant with the default profile. */
function renamedFindings(): SurveyFindings {
  const t = (key: string, where: string, expected: string, found: string, status: 'same' | 'spelling' | 'renamed', works: boolean) => ({ key, where, expected, found, status, works });
  return {
    admin: {
      ext: { present: true, version: '6.2.0.981' },
      login: { status: 200, keys: ['data', 'data.token', 'data.user', 'success', 'err_code'], session: 'cookie', expiresAt: null, lifetimeSec: null, perms: null },
      loggedIn: true,
      menu: ['Пользователи', 'Заявки', 'Программы', 'Организации'],
      section: { ext: true, title: 'Пользователи', columns: [{ text: 'ID', dataIndex: 'id', hidden: false }], searchFields: ['Поиск'], paging: 'Отображаются записи 1 - 1 из 1', rows: 1, total: 1 },
      user: { id: '2101', email: 'robot+s1@stand.local', how: 'sample', placeholder: true },
      userCard: null,
      kids: { columns: [], count: 1, idKind: 'number', recordFields: ['id'], childId: '5001', fromRecords: true },
      child: null,
      dialog: { title: 'Новый сертификат', tabs: [], fields: [], buttons: ['Сохранить', 'Отмена'], grids: [], fieldsets: [], record: [], comboLabel: 'Тип сертификата', items: ['Сертификат не подтвержден', 'Сертификат учёта', 'Сертификат финансирования'], closed: true },
      skipped: {},
    },
    site: { register: null, login: null, municipalities: [...defaultProfile().municipalities], captcha: { checkbox: null, widget: null, siteKey: null }, emailConfirmation: null },
    texts: [
      t('adminTexts.menuSiteUsers', 'меню админ-панели', 'Пользователи сайта', 'Пользователи', 'renamed', false),
      t('adminTexts.email', 'таблица пользователей сайта', 'Email', 'Эл. почта', 'renamed', false),
      t('adminTexts.email', 'карточка пользователя, поля', 'Эл. почта', 'Эл. почта', 'same', true),
      t('adminTexts.childName', 'карточка пользователя, вкладка «Дети»', 'ФИО ребенка', 'ФИО ребёнка', 'spelling', true),
      t('adminTexts.issueCertificate', 'карточка ребёнка, кнопки', 'Выдать сертификат', 'Выдать сертификат ребёнку', 'renamed', false),
      t('adminTexts.accountingCertificate', 'окно выдачи сертификата, список «Тип сертификата»', 'Сертификат учета', 'Сертификат учёта', 'spelling', true),
      t('publicTexts.municipality', 'форма регистрации', 'ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ', 'ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ', 'renamed', false),
      t('publicTexts.addChild', 'кабинет и сообщения сайта', 'ДОБАВИТЬ РЕБЕНКА', 'ДОБАВИТЬ РЕБЁНКА', 'spelling', false),
      t('publicTexts.submitLogin', 'форма входа на сайт', 'ВОЙТИ', 'ВОЙТИ', 'same', true),
    ],
    timing: [12, 20, 9],
    errors: [],
    screenshots: ['01-admin-login.png'],
  };
}

const cur = { timeoutMs: 15_000, actionsPerSecond: 1, profile: defaultProfile(), sample: 'robot+s1@stand.local' };
const defaults = { timeoutMs: 30_000, actionsPerSecond: 1 };

describe('doctor survey: the verdict on a renamed region', () => {
  it('should exit 2 and name each difference, «Сертификат учёта» among them', () => {
    const { checks, pace } = buildChecks(renamedFindings(), cur, defaults);
    expect(surveyExitCode(checks)).toBe(2);
    const diffs = differencesList(checks);
    expect(diffs.map((d) => d.key)).toEqual([
      'adminTexts.menuSiteUsers',
      'adminTexts.email',
      'adminTexts.childName',
      'adminTexts.issueCertificate',
      'adminTexts.accountingCertificate',
      'publicTexts.municipality',
      'publicTexts.addChild',
    ]);
    // A spelling navbot copes with is listed, not counted as a failure.
    expect(diffs.find((d) => d.key === 'adminTexts.accountingCertificate')).toMatchObject({ found: 'Сертификат учёта', blocking: false });
    const text = summaryLines(checks, { dir: '/r/doctor-x', suggestedFile: '/r/doctor-x/profile.suggested.json', pace, exitCode: 2 }).join('\n');
    expect(text).toContain('«Сертификат учёта»');
    expect(text).toContain('✗ меню админ-панели: «Пользователи сайта» — в регионе «Пользователи». Что делать: укажите в профиле adminTexts.menuSiteUsers: «Пользователи»');
    expect(text).toContain('используйте profile.suggested.json: NAVBOT_PROFILE=/r/doctor-x/profile.suggested.json');
    expect(text).toMatch(/NAVBOT_TIMEOUT_MS=30000/);
  });

  it('should suggest a partial profile of the differing keys that loadProfile reads back', () => {
    const { checks } = buildChecks(renamedFindings(), cur, defaults);
    const suggested = suggestedProfile(defaultProfile(), checks, 'обзор');
    expect(suggested).toEqual({
      adminTexts: {
        menuSiteUsers: 'Пользователи',
        email: 'Эл. почта',
        childName: 'ФИО ребёнка',
        issueCertificate: 'Выдать сертификат ребёнку',
        accountingCertificate: 'Сертификат учёта',
      },
      publicTexts: { municipality: 'ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ', addChild: 'ДОБАВИТЬ РЕБЁНКА' },
      name: 'обзор',
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-doctor-'));
    try {
      const file = path.join(dir, 'profile.suggested.json');
      fs.writeFileSync(file, JSON.stringify(suggested));
      const p = loadProfile(file);
      expect(p.adminTexts.accountingCertificate).toBe('Сертификат учёта');
      expect(p.adminTexts.search).toBe('Поиск');
      expect(p.municipalities).toEqual(defaultProfile().municipalities);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should keep the suggested profile’s name stable when doctor runs again with its own suggestion', () => {
    const url = 'https://р-навигатор.рф/';
    let name = defaultProfile().name;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-name-'));
    try {
      for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
        // Each round suggests from the profile the previous round wrote, as staff use it.
        const file = path.join(dir, 'profile.suggested.json');
        fs.writeFileSync(file, JSON.stringify(suggestedProfile({ ...defaultProfile(), name }, [], suggestedName(name, day, url))));
        name = loadProfile(file).name;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(name).toBe(`Учебный стенд — по обзору navbot doctor 2026-12-03 (${url})`);
    // A name that already grew (earlier versions) shrinks back to one suffix; the region's own name stays.
    expect(suggestedName(`Пермский край — по обзору navbot doctor 2026-11-01 (${url}) — по обзору navbot doctor 2026-11-02 (${url})`, '2026-12-06', url)).toBe(
      `Пермский край — по обзору navbot doctor 2026-12-06 (${url})`,
    );
    expect(suggestedName('Край (тест)', '2026-12-06', url)).toBe(`Край (тест) — по обзору navbot doctor 2026-12-06 (${url})`);
  });

  it('should keep what the profile in use already changed, so the suggestion replaces it whole', () => {
    const current = defaultProfile();
    current.adminTexts.menuSiteUsers = 'Пользователи';
    current.minAge = 6;
    const suggested = suggestedProfile(current, [], undefined);
    expect(suggested).toEqual({ adminTexts: { menuSiteUsers: 'Пользователи' }, minAge: 6 });
    expect(differences({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2, d: 4 } })).toEqual({ b: { d: 3 } });
  });

  it('should exit 0 when everything matches, and 3 when the target stopped answering', () => {
    const f = renamedFindings();
    f.texts = f.texts.filter((x) => x.status === 'same');
    expect(surveyExitCode(buildChecks(f, cur, defaults).checks)).toBe(0);
    f.errors.push({ stage: 'публичный сайт', message: 'net::ERR_CONNECTION_REFUSED', unreachable: true });
    expect(surveyExitCode(buildChecks(f, cur, defaults).checks)).toBe(3);
  });

  it('should tell the municipalities that differ and suggest the site list', () => {
    const f = renamedFindings();
    f.texts = [];
    f.site.municipalities = ['г. Блестящий', 'г. Озерск'];
    const { checks } = buildChecks(f, cur, defaults);
    const m = checks.find((c) => c.id === 'site.municipalities')!;
    expect(m).toMatchObject({ status: 'mismatch', suggested: ['г. Блестящий', 'г. Озерск'] });
    expect(m.todo).toContain('написаны иначе: «г. Озёрск» → «г. Озерск»');
    expect(suggestedProfile(defaultProfile(), checks).municipalities).toEqual(['г. Блестящий', 'г. Озерск']);
  });

  it('should report a skipped screen as not checked, not as a failure', () => {
    const f = renamedFindings();
    f.texts = [];
    f.admin.kids = { columns: [], count: 0, idKind: 'none', recordFields: [], childId: null, fromRecords: false };
    f.admin.dialog = null;
    f.admin.skipped = { child: 'у пользователя нет детей', dialog: 'у пользователя нет детей' };
    const { checks } = buildChecks(f, cur, defaults);
    expect(checks.find((c) => c.id === 'admin.child')).toMatchObject({ status: 'skipped', ok: true, todo: 'не проверено: у пользователя нет детей' });
    expect(surveyExitCode(checks)).toBe(0);
  });

  it('should tell a public ё difference as a failure and an admin one as a spelling', () => {
    const pub = textCheck({ key: 'publicTexts.childSaved', where: 'кабинет', expected: 'Ребенок добавлен', found: 'Ребёнок добавлен', status: 'spelling', works: false });
    expect(pub).toMatchObject({ status: 'mismatch', ok: false, suggested: 'Ребёнок добавлен' });
    const adm = textCheck({ key: 'adminTexts.childWindowTitle', where: 'заголовок', expected: 'Редактирование ребенка', found: 'Редактирование ребёнка', status: 'spelling', works: true });
    expect(adm).toMatchObject({ status: 'spelling', ok: true, suggested: 'Редактирование ребёнка' });
  });
});
