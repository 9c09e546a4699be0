import { describe, expect, it } from 'vitest';
import { EMPTY, type CellValue } from '../../../src/intake/cells.js';
import { ageAt, fromSerial, parseBirthDate, parseDateText } from '../../../src/intake/date.js';
import { emailFromTemplate, parsePreparedEmail } from '../../../src/intake/email.js';
import { normaliseKey, parseKey, slugify } from '../../../src/intake/key.js';
import { municipalityMatcher, parseMunicipality } from '../../../src/intake/municipality.js';
import { parseSex } from '../../../src/intake/sex.js';
import { settleScript } from '../../../src/intake/text.js';
import { DEFAULT_MUNICIPALITIES } from '../../../src/config/profile.js';

const text = (t: string): CellValue => ({ kind: 'text', text: t });
const rules = { today: { y: 2025, m: 9, d: 1 }, minAge: 5, maxAge: 17 };

describe('key', () => {
  it('compares as staff would: spaces, case, ё, dashes, keyboard layout, «№ 17»', () => {
    expect(normaliseKey('  2025-017 ')).toBe('2025-017');
    expect(normaliseKey('2025 – 017')).toBe('2025-017');
    expect(normaliseKey('№ 17')).toBe('№17');
    expect(normaliseKey('№17')).toBe('№17');
    expect(normaliseKey('17')).toBe('17');
    expect(normaliseKey('Ёлка  1')).toBe('елка 1');
    // «5А» typed with a Latin A and with a Cyrillic А is one key
    expect(normaliseKey('5A-03')).toBe(normaliseKey('5А-03'));
    expect(normaliseKey('ABC')).toBe(normaliseKey('АВС'));
    // a word with Latin-only letters stays Latin
    expect(normaliseKey('Test-1')).toBe('test-1');
    expect(settleScript('tеst')).toBe('test');
    // case is folded before look-alikes settle: «AB-7» (capitals look Cyrillic) and «ab-7» are one key (issue 21)
    expect(normaliseKey('AB-7')).toBe(normaliseKey('ab-7'));
    expect(normaliseKey('АВ-7')).toBe('ab-7');
    expect(normaliseKey('Иванов-1')).toBe('иванов-1');
  });

  it('trims and keeps the typed form', () => {
    expect(parseKey(text('  №  17 '))).toEqual({ ok: true, value: { key: '№ 17', keyNorm: '№17' } });
    expect(parseKey({ kind: 'number', n: 17 })).toEqual({ ok: true, value: { key: '17', keyNorm: '17' } });
  });

  it('refuses empty, punctuation-only, too long and example keys', () => {
    expect(parseKey(EMPTY)).toMatchObject({ ok: false, problem: 'ключ не заполнен' });
    expect(parseKey(text('—'))).toMatchObject({ ok: false, problem: 'в ключе «—» нет ни букв, ни цифр' });
    expect(parseKey(text('x'.repeat(41)))).toMatchObject({ ok: false, problem: 'ключ длиннее 40 символов' });
    expect(parseKey(text('ПРИМЕР-1'))).toMatchObject({ ok: false });
  });

  it('slugs: transliterated, lower case, safe', () => {
    expect(slugify('ДЕМО-001')).toBe('demo-001');
    expect(slugify('№17')).toBe('n17');
    expect(slugify('2025/017 (осень)')).toBe('2025-017-osen');
    expect(slugify('Щука Ёж')).toBe('shhuka-ezh');
    // a word of look-alikes only keeps the script it was typed in (issue 21: X-01 was kh-01)
    expect(slugify('  --Х--  ')).toBe('kh');
    expect(slugify('X-01')).toBe('x-01');
    expect(slugify('AB-7')).toBe('ab-7');
  });
});

describe('birth date', () => {
  it('reads text forms', () => {
    expect(parseDateText('05.03.2016')).toEqual({ ok: true, value: { y: 2016, m: 3, d: 5 } });
    expect(parseDateText('5.3.2016')).toEqual({ ok: true, value: { y: 2016, m: 3, d: 5 } });
    expect(parseDateText('05/03/2016')).toEqual({ ok: true, value: { y: 2016, m: 3, d: 5 } });
    expect(parseDateText('2016-03-05')).toEqual({ ok: true, value: { y: 2016, m: 3, d: 5 } });
    expect(parseDateText(' 05.03.2016 г.')).toEqual({ ok: true, value: { y: 2016, m: 3, d: 5 } });
    expect(parseDateText('05.03.2016 0:00:00')).toEqual({ ok: true, value: { y: 2016, m: 3, d: 5 } });
  });

  it('refuses impossible and ambiguous dates', () => {
    expect(parseDateText('31.02.2015')).toEqual({ ok: false, problem: 'такой даты нет: в феврале 2015 года 28 дней', fix: expect.any(String) });
    expect(parseDateText('29.02.2015')).toMatchObject({ ok: false });
    expect(parseDateText('29.02.2016')).toMatchObject({ ok: true });
    expect(parseDateText('05.13.2016')).toMatchObject({ ok: false, problem: 'в дате «05.13.2016» нет месяца 13' });
    expect(parseDateText('05.03.16')).toMatchObject({ ok: false, problem: 'в дате «05.03.16» год не из четырёх цифр' });
    expect(parseDateText('5 марта')).toMatchObject({ ok: false, problem: '«5 марта» не похоже на дату' });
    expect(parseDateText('05.03-2016')).toMatchObject({ ok: false });
  });

  it('converts serials (1900 with its leap-year bug, and 1904)', () => {
    expect(fromSerial(1)).toEqual({ y: 1900, m: 1, d: 1 });
    expect(fromSerial(59)).toEqual({ y: 1900, m: 2, d: 28 });
    expect(fromSerial(60)).toBeUndefined(); // 29.02.1900 never was
    expect(fromSerial(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(fromSerial(42434)).toEqual({ y: 2016, m: 3, d: 5 });
    expect(fromSerial(42434.75)).toEqual({ y: 2016, m: 3, d: 5 });
    expect(fromSerial(40972, true)).toEqual({ y: 2016, m: 3, d: 5 });
  });

  it('counts whole years at today; 29 February comes of age on 28 February', () => {
    expect(ageAt({ y: 2008, m: 9, d: 1 }, rules.today)).toBe(17);
    expect(ageAt({ y: 2008, m: 9, d: 2 }, rules.today)).toBe(16);
    expect(ageAt({ y: 2008, m: 2, d: 29 }, { y: 2025, m: 2, d: 28 })).toBe(17);
    expect(ageAt({ y: 2008, m: 2, d: 29 }, { y: 2025, m: 2, d: 27 })).toBe(16);
  });

  it('checks the range and says it', () => {
    expect(parseBirthDate(text('01.09.2008'), rules)).toEqual({ ok: true, value: '2008-09-01' });
    expect(parseBirthDate(text('01.09.2020'), rules)).toEqual({ ok: true, value: '2020-09-01' });
    expect(parseBirthDate(text('02.09.2020'), rules)).toMatchObject({
      ok: false,
      problem: 'ребёнку 4 года, а сертификат выдаётся детям от 5 до 17 лет включительно',
    });
    expect(parseBirthDate(text('01.09.2007'), rules)).toMatchObject({
      ok: false,
      problem: 'ребёнку уже 18 лет: сертификат выдаётся детям до 18 лет (от 5 до 17 лет включительно)',
    });
    expect(parseBirthDate(text('02.09.2025'), rules)).toMatchObject({ ok: false, problem: 'дата 02.09.2025 ещё не наступила' });
    expect(parseBirthDate({ kind: 'number', n: 20102015 }, rules)).toMatchObject({ ok: false, problem: 'число 20102015 не похоже на дату' });
    expect(parseBirthDate({ kind: 'bool', b: true }, rules)).toMatchObject({ ok: false });
    expect(parseBirthDate({ kind: 'date', d: new Date(Date.UTC(2016, 2, 5)) }, rules)).toEqual({ ok: true, value: '2016-03-05' });
  });
});

describe('sex', () => {
  it.each([
    ['Мужской', 'male'],
    ['мужской', 'male'],
    ['М', 'male'],
    ['м', 'male'],
    ['M', 'male'], // Latin
    ['m', 'male'], // Latin
    ['муж', 'male'],
    ['Муж.', 'male'],
    ['MУЖ', 'male'], // Latin M
    ['  Женский ', 'female'],
    ['Ж', 'female'],
    ['жен', 'female'],
    ['ЖEН', 'female'], // Latin E
    ['женский', 'female'],
  ])('«%s» → %s', (raw, sex) => {
    expect(parseSex(text(raw))).toEqual({ ok: true, value: sex });
  });

  it('lists the accepted values otherwise', () => {
    expect(parseSex(text('Мж'))).toEqual({
      ok: false,
      problem: 'значение «Мж» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен)',
      fix: 'Выберите из списка: Мужской или Женский (можно сокращённо: М, Ж, муж, жен).',
    });
    expect(parseSex(EMPTY)).toMatchObject({ ok: false, problem: 'пол не заполнен' });
    expect(parseSex({ kind: 'number', n: 1 })).toMatchObject({ ok: false });
  });
});

describe('municipality', () => {
  const m = municipalityMatcher(DEFAULT_MUNICIPALITIES);
  it('matches ignoring case, spaces, ё/е and look-alike letters', () => {
    expect(m.match('г. Озёрск')).toBe('г. Озёрск');
    expect(m.match('Г.ОЗЕРСК')).toBe('г. Озёрск');
    expect(m.match('  г.   Лесной ')).toBe('г. Лесной');
    expect(m.match('Beсёлый paйoн')).toBe('Весёлый район'); // Latin B, e, p, a, o
    expect(m.match('Озёрск')).toBeUndefined();
  });

  it('suggests the nearest, or lists all when nothing is near', () => {
    expect(parseMunicipality(text('г. Озерскк'), m)).toEqual({
      ok: false,
      problem: 'муниципалитета «г. Озерскк» нет в списке Навигатора',
      fix: 'Возможно, имелось в виду «г. Озёрск». Выберите название из списка в ячейке.',
    });
    expect(parseMunicipality(text('Озёрск'), m)).toMatchObject({ fix: expect.stringContaining('«г. Озёрск»') });
    const far = parseMunicipality(text('Москва и Московская область'), m);
    expect(far).toMatchObject({ ok: false, fix: expect.stringMatching(/^Выберите из списка в ячейке: «г\. Блестящий», .*«Солнечный район»\.$/) });
  });

  it('uses the default when empty', () => {
    expect(parseMunicipality(EMPTY, m, 'г. Лесной')).toEqual({ ok: true, value: 'г. Лесной' });
    expect(parseMunicipality(EMPTY, m)).toMatchObject({ ok: false, problem: 'муниципалитет не заполнен' });
  });
});

describe('e-mail', () => {
  it('should refuse addresses the admin panel (Ext JS vtype) cannot save', () => {
    expect(parsePreparedEmail({ kind: 'text', text: 'a@school.example' })).toMatchObject({ ok: false, problem: expect.stringMatching(/длиннее 6 букв/) });
    expect(parsePreparedEmail({ kind: 'text', text: 'a@a.b.c.d.e.f.ru' })).toMatchObject({ ok: false, problem: expect.stringMatching(/больше шести частей/) });
    expect(parsePreparedEmail({ kind: 'text', text: 'a@mail.school.museum' })).toMatchObject({ ok: true, value: 'a@mail.school.museum' });
  });

  it('accepts sane addresses, lower-cased', () => {
    expect(parsePreparedEmail(text(' Parent.One+5@Example.RU '))).toEqual({ ok: true, value: 'parent.one+5@example.ru' });
    expect(parsePreparedEmail(text('mailto:a@b.ru'))).toEqual({ ok: true, value: 'a@b.ru' });
    expect(parsePreparedEmail(EMPTY)).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['ivanov@mail', 'часть адреса после @ (домен) записана неверно'],
    ['ivanov.mail.ru', 'нет знака @'],
    ['a@@b.ru', 'знак @ встречается больше одного раза'],
    ['иванов@почта.рф', 'в адресе есть русские буквы или другие не латинские символы'],
    ['iva nov@mail.ru', 'в адресе есть пробел'],
    ['.ivanov@mail.ru', 'часть адреса до @ записана неверно'],
    ['iv..anov@mail.ru', 'часть адреса до @ записана неверно'],
  ])('refuses «%s»: %s', (raw, why) => {
    expect(parsePreparedEmail(text(raw))).toMatchObject({ ok: false, problem: `«${raw}» — не адрес электронной почты: ${why}` });
  });

  it('builds from the template with the slug', () => {
    expect(emailFromTemplate('robot+{key}@school.ru', normaliseKey('ДЕМО-001'))).toEqual({ ok: true, value: 'robot+demo-001@school.ru' });
    expect(emailFromTemplate('Robot+{key}@School.ru', '№17')).toEqual({ ok: true, value: 'robot+n17@school.ru' });
    expect(emailFromTemplate('robot+{key}@school.ru', 'щ'.repeat(30))).toMatchObject({ ok: false });
  });
});
