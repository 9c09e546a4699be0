// doctor's reading of the admin structure (issue 22 §3): which field is the search, what goes
// into the suggested profile (the source-named dialog windows proposed without stopping navbot).
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../../src/config/profile.js';
import { DIALOGS_NOTE, SOURCE_DIALOGS, pickSearch, pickSearchButton, recordsSuffice, structureFrom, type StructureFindings } from '../../../src/doctor/survey/structure.js';
import { suggestedProfile } from '../../../src/doctor/compare/suggestion.js';
import type { SurveyCheck } from '../../../src/doctor/compare/check.js';

const findings = (over: Partial<StructureFindings> = {}): StructureFindings => ({
  menu: 'tree',
  menuButton: null,
  usersWindow: null,
  search: { by: 'placeholder', text: 'Поиск', button: 'Найти' },
  recordFields: [],
  dialogs: { seen: false, proposed: SOURCE_DIALOGS, note: DIALOGS_NOTE },
  ...over,
});

describe('pickSearch', () => {
  it('keeps the profile’s own field, else a search-like one, else the e-mail filter', () => {
    expect(pickSearch('Поиск', ['Поиск'], [])).toEqual({ by: 'placeholder', text: 'Поиск' });
    expect(pickSearch('Поиск', ['ФИО', 'Найти пользователя'], [])).toEqual({ by: 'placeholder', text: 'Найти пользователя' });
    expect(pickSearch('Поиск', ['ФИО', 'Email'], [])).toEqual({ by: 'placeholder', text: 'Email' });
    expect(pickSearch('Поиск', [], ['Эл. почта'])).toEqual({ by: 'label', text: 'Эл. почта' });
    expect(pickSearch('Поиск', ['ФИО'], [])).toBeNull();
  });

  it('finds a search button by its word only', () => {
    expect(pickSearchButton(['Создать', 'Найти'])).toBe('Найти');
    expect(pickSearchButton(['Создать'])).toBeNull();
  });
});

describe('structure for the suggested profile', () => {
  it('a desktop: the start button and the list in a window; the tree stand: nothing but the proposed windows', () => {
    const cur = defaultProfile().adminStructure;
    expect(structureFrom(findings({ menu: 'start', menuButton: 'Пуск', usersWindow: 'Пользователи сайта' }), cur)).toMatchObject({ menuButton: 'Пуск', usersInWindow: true });
    const tree = structureFrom(findings(), cur);
    expect(tree).toMatchObject({ menuButton: '', usersInWindow: false, searchBy: 'placeholder', questionWindows: SOURCE_DIALOGS.questionWindows, refusalWindows: ['Ошибка'] });
    // Windows the profile already names are kept.
    expect(structureFrom(findings(), { ...cur, questionWindows: ['Вопрос'] })).not.toHaveProperty('questionWindows');
  });

  it('records hold the users’ id and flags', () => {
    const p = defaultProfile();
    expect(recordsSuffice(p, ['id', 'email', 'is_resident', 'is_verified', 'phone'])).toBe(true);
    expect(recordsSuffice(p, ['id', 'email'])).toBe(false);
  });

  it('a proposed check goes into the suggested profile without being a difference', () => {
    const check: SurveyCheck = { id: 'admin.structure.questionWindows', item: 3, title: 'x', status: 'info', ok: true, expected: [], found: ['Подтверждение'], profileKey: 'adminStructure.questionWindows', suggested: ['Подтверждение'], propose: true };
    expect(suggestedProfile(defaultProfile(), [check])).toMatchObject({ adminStructure: { questionWindows: ['Подтверждение'] } });
    expect(suggestedProfile(defaultProfile(), [{ ...check, propose: false }])).not.toHaveProperty('adminStructure');
  });
});
