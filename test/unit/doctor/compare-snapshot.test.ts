// `doctor --compare` (issue 22 §4): item by item, in Russian, what differs from the reference.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '../../../src/doctor/compare-snapshot.js';
import { compareFile, STAND_REFERENCE } from '../../../src/doctor/compare-run.js';
import { readSnapshot, type SnapshotDigest } from '../../../src/doctor/snapshot-read.js';
import { shapeOf } from '../../../src/doctor/shapes.js';

function digest(over: Partial<SnapshotDigest> = {}): SnapshotDigest {
  return {
    kind: 'navbot-snapshot-digest',
    screens: {
      'child-card': {
        target: 'admin',
        dom: [],
        ext: [
          { xtype: 'navkidwindow', kind: 'window', isWindow: true, window: 'Редактирование ребенка', title: 'Редактирование ребенка' },
          { xtype: 'button', window: 'Редактирование ребенка', text: 'Выдать сертификат' },
          { xtype: 'button', window: 'Редактирование ребенка', text: 'Подтвердить' },
          { xtype: 'combobox', window: 'Редактирование ребенка', fieldLabel: 'Пол', name: 'sex' },
          { xtype: 'textfield', window: 'Редактирование ребенка', fieldLabel: 'Фамилия', emptyText: 'Фамилия', name: 'last_name' },
          { xtype: 'form', window: 'Редактирование ребенка', title: 'Основные', recordFields: ['birthday', 'id', 'is_approved', 'sex'] },
          { xtype: 'tbtext', window: null, text: 'Отображаются записи 1 - 25 из 1889' },
        ],
      },
      'site-register': { target: 'site', ext: null, dom: [{ tag: 'select', type: 'select', label: 'ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ', name: 'municipality' }, { tag: 'button', text: 'ЗАРЕГИСТРИРОВАТЬСЯ' }] },
    },
    answers: { 'GET /api/rest/kid/{id}': shapeOf({ data: { id: 1, birthday: '2015-01-01', is_approved: false }, success: true }) },
    config: { status: 200, keys: ['captchaSiteKey'] },
    modules: { status: 200, modules: [{ alias: 'siteuser', is_sencha: true, is_react: false }] },
    menu: ['Пользователи сайта', 'Заявки'],
    skipped: {},
    ...over,
  };
}

describe('compareSnapshots', () => {
  it('finds nothing between a digest and itself, nor where only data differs (counts, ids, nulls)', () => {
    const other = digest();
    other.screens['child-card']!.ext![6] = { xtype: 'tbtext', window: null, text: 'Отображаются записи 1 - 3 из 3' };
    other.answers['GET /api/rest/kid/{id}?_dc'] = shapeOf({ data: { id: 7, birthday: null, is_approved: true }, success: true });
    delete other.answers['GET /api/rest/kid/{id}'];
    expect(compareSnapshots(digest(), other)).toEqual([]);
  });

  it('lists a window renamed, a label, a placeholder, a kind, a button, record fields, keys, modules and the menu', () => {
    const r = digest({
      answers: { 'GET /api/rest/kid/{id}': shapeOf({ data: { id: 'uuid', birthday: '2015-01-01' }, success: true }) },
      config: { status: 200, keys: ['captchaSiteKey', 'yandexMetrika'] },
      modules: { status: 200, modules: [{ alias: 'siteuser', is_sencha: false, is_react: true }, { alias: 'billing', is_sencha: false, is_react: true }] },
      menu: ['Пользователи', 'Заявки'],
    });
    const w = 'Редактирование ребёнка';
    r.screens['child-card']!.ext = [
      { xtype: 'navkidwindow', kind: 'window', isWindow: true, window: w, title: w },
      { xtype: 'button', window: w, text: 'Выдать сертификат ребёнку' },
      { xtype: 'textfield', window: w, fieldLabel: 'Пол', name: 'sex' },
      { xtype: 'textfield', window: w, fieldLabel: 'Фамилия ребёнка', emptyText: 'Введите фамилию', name: 'last_name' },
      { xtype: 'form', window: w, title: 'Основные', recordFields: ['birthday', 'id'] },
    ];
    r.screens['site-register']!.dom = [{ tag: 'div', role: 'listbox', label: 'МУНИЦИПАЛИТЕТ' }, { tag: 'button', text: 'ЗАРЕГИСТРИРОВАТЬСЯ' }];
    const texts = compareSnapshots(digest(), r).map((d) => `${d.area} | ${d.text}`);
    expect(texts).toEqual([
      'экран «карточка ребёнка» | окно «Редактирование ребенка» называется «Редактирование ребёнка»',
      'экран «карточка ребёнка» | нет: текст панели «Отображаются записи 1 - 25 из 1889»',
      'экран «карточка ребёнка» | окно «Редактирование ребенка»: список «Пол» (name=sex): другой вид компонента — combobox → textfield',
      'экран «карточка ребёнка» | окно «Редактирование ребенка»: поле «Фамилия» (name=last_name): подпись «Фамилия» → «Фамилия ребёнка»',
      'экран «карточка ребёнка» | окно «Редактирование ребенка»: поле «Фамилия» (name=last_name): подсказка в поле (placeholder) «Фамилия» → «Введите фамилию»',
      'экран «карточка ребёнка» | окно «Редактирование ребенка»: форма «Основные»: в записях нет полей is_approved, sex',
      'экран «карточка ребёнка» | окно «Редактирование ребенка»: нет: кнопка «Выдать сертификат»',
      'экран «карточка ребёнка» | окно «Редактирование ребенка»: нет: кнопка «Подтвердить»',
      'экран «карточка ребёнка» | окно «Редактирование ребенка»: есть только в регионе: кнопка «Выдать сертификат ребёнку»',
      'экран «регистрация на сайте» | нет: поле select «ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ»',
      'экран «регистрация на сайте» | есть только в регионе: div «МУНИЦИПАЛИТЕТ»',
      'меню админ-панели | нет пункта «Пользователи сайта»',
      'меню админ-панели | новый пункт «Пользователи»',
      'ответы панели и сайта | GET /api/rest/kid/{id}: data.id — другой тип: number → string',
      'ответы панели и сайта | GET /api/rest/kid/{id}: нет ключа data.is_approved (boolean)',
      '/api/config | новый ключ yandexMetrika',
      'модули (/api/modules/get) | модуль siteuser: Sencha → React',
      'модули (/api/modules/get) | новый модуль billing (React)',
    ]);
  });

  it('says a screen the region snapshot lacks, and why the survey did not reach it', () => {
    const r = digest({ skipped: { child: 'у пользователя нет детей' } });
    delete r.screens['child-card'];
    expect(compareSnapshots(digest(), r)).toEqual([{ area: 'экран «карточка ребёнка»', text: 'экрана нет в снимке (осмотр не дошёл до него: у пользователя нет детей)' }]);
  });
});

describe('compareFile', () => {
  it('a bad file is a Russian message and the bad-file outcome; the stand reference reads', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-compare-'));
    const lines: string[] = [];
    const write = (l: string) => void lines.push(l);
    writeFileSync(path.join(dir, 'x.zip'), 'не архив');
    expect(await compareFile(path.join(dir, 'x.zip'), { write })).toMatchObject({ kind: 'bad-file' });
    expect(await compareFile(path.join(dir, 'none.zip'), { write })).toMatchObject({ kind: 'bad-file' });
    expect(lines.join('')).toMatch(/не zip-архив[\s\S]*не прочитан/);
    const ref = await readSnapshot(STAND_REFERENCE);
    expect(Object.keys(ref.screens)).toContain('child-card');
    expect(await compareFile(STAND_REFERENCE, { write, reference: STAND_REFERENCE })).toEqual({ kind: 'same' });
  });
});
