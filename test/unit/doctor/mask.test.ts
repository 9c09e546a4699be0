// The field kit holds no personal data (issue 22 §4): the ARIA snapshot keeps the structure and
// the interface's labels; values, rows, cells, options, URLs and known values are masked.
import { describe, expect, it } from 'vitest';
import { MASK, maskAria, Scrubber } from '../../../src/doctor/mask.js';

const PD = ['Квасова', 'Златоцвета', 'Ярополковна', 'zlata.kvas@mail.test', '79161234567', '916', '2015-03-17', '17.03.2015', 'Оператор стенда', 'admin@stand.local'];

const ARIA = `- application:
  - toolbar:
    - text: Система управления Навигатором Оператор стенда (admin@stand.local)
  - treegrid:
    - row " Пользователи сайта" [level=2] [selected]:
      - gridcell " Пользователи сайта"
  - grid "Пользователи сайта":
    - textbox:
      - /placeholder: Поиск
    - rowgroup:
      - row "ID ФИО Email":
        - columnheader "ID"
        - columnheader "ФИО"
    - rowgroup:
      - row "2101 Квасова Златоцвета Ярополковна zlata.kvas@mail.test +7 (916) 123-45-67":
        - gridcell "2101"
        - gridcell "Квасова Златоцвета Ярополковна"
    - text: Отображаются записи 1 - 1 из 1
  - dialog "#2101 клиент":
    - tablist:
      - tab "Дети" [selected]
    - form:
      - text: "Фамилия:"
      - textbox "Фамилия:": Квасова
      - textbox "Дата рождения:": 17.03.2015
      - combobox "Родитель:": Квасова З. Я. <zlata.kvas@mail.test>
      - checkbox "Резидент РФ:" [checked]
      - listbox:
        - option "Квасов Добромир 17.03.2015"
      - link "Квасова Златоцвета":
        - /url: /cabinet?id=2101&token=abc
    - paragraph: Ребёнок Квасов Добромир, дата рождения 2015-03-17
    - button "Сохранить"`;

function scrubber(): Scrubber {
  const s = new Scrubber();
  s.addAll({ last_name: 'Квасова', first_name: 'Златоцвета', patro_name: 'Ярополковна', name: 'Оператор стенда', modules: [{ name: 'Пользователи сайта' }] });
  s.addSecret('admin@stand.local');
  s.allow('Пользователи сайта');
  return s;
}

describe('maskAria', () => {
  const out = maskAria(ARIA, scrubber());

  it('leaves no name, e-mail, phone, date or login of the snapshot', () => {
    for (const v of PD) expect(out, v).not.toContain(v);
    expect(out).not.toContain('Добромир');
    expect(out).not.toContain('token=abc');
  });

  it('keeps the structure and the interface: roles, labels, columns, tabs, buttons, placeholders, the menu', () => {
    for (const line of [
      '- row " Пользователи сайта" [level=2] [selected]:',
      '- grid "Пользователи сайта":',
      '- /placeholder: Поиск',
      '- columnheader "ФИО"',
      '- tab "Дети" [selected]',
      '- text: "Фамилия:"',
      `- textbox "Фамилия:": ${MASK}`,
      `- combobox "Родитель:": ${MASK}`,
      '- checkbox "Резидент РФ:" [checked]',
      `- option "${MASK}"`,
      `- gridcell "${MASK}"`,
      '- button "Сохранить"',
      '- text: Отображаются записи 1 - 1 из 1',
    ]) {
      expect(out).toContain(line);
    }
    expect(out.split('\n')).toHaveLength(ARIA.split('\n').length);
  });
});

describe('Scrubber', () => {
  it('masks known values as whole words, e-mails, UUIDs and digit runs of 5 or more; keeps short numbers', () => {
    const s = scrubber();
    expect(s.scrub('Квасова Златоцвета: +7 (916) 123-45-67, 2015-03-17, x@y.ru, f6c7c6d2-1111-4222-8333-444455556666, #2101 клиент, 1 - 25 из 1889')).toBe(
      `${MASK} ${MASK}: ${MASK}, ${MASK}, ${MASK}, ${MASK}, #2101 клиент, 1 - 25 из 1889`,
    );
    // A whole word only: «Квасоваров» is not «Квасова».
    expect(s.scrub('Квасоваров')).toBe('Квасоваров');
  });

  it('does not mask an interface text equal to a value, but a secret always', () => {
    const s = scrubber();
    expect(s.scrub('Пользователи сайта')).toBe('Пользователи сайта');
    s.allow('admin@stand.local');
    expect(s.scrub('вход admin@stand.local')).toBe(`вход ${MASK}`);
    expect(s.scrubJson({ a: ['Ярополковна'], b: 3 })).toEqual({ a: [MASK], b: 3 });
  });
});
