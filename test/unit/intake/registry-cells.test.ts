import { describe, expect, it } from 'vitest';
import { EMPTY, type CellValue } from '../../../src/intake/cells.js';
import {
  over14Problem,
  parseApplicantEmail,
  parseBirthCertificate,
  parseDocumentType,
  parsePassport,
  parsePersonName,
  parsePhone,
  parseYesNo,
} from '../../../flows/registry/cells.js';

const t = (text: string): CellValue => ({ kind: 'text', text });
const n = (v: number): CellValue => ({ kind: 'number', n: v });
const value = <T>(c: { ok: true; value: T } | { ok: false; problem: string }) => (c.ok ? c.value : `!${c.problem}`);

describe('registry cells', () => {
  it('document types from the list and the ways staff write them', () => {
    expect(value(parseDocumentType(t('Свидетельство о рождении')))).toBe('birth-certificate');
    expect(value(parseDocumentType(t('свид. о рождении')))).toBe('birth-certificate');
    expect(value(parseDocumentType(t('ПАСПОРТ  РФ')))).toBe('passport');
    expect(value(parseDocumentType(t('Загранпаспорт')))).toMatch(/^!тип документа «Загранпаспорт» не распознан/);
    expect(value(parseDocumentType(EMPTY))).toBe('!тип документа не заполнен');
  });

  it('a birth certificate series: Roman numerals in Latin, a hyphen, two Cyrillic capitals; look-alikes put right', () => {
    const s = (raw: string) => value(parseBirthCertificate(t(raw), t('123456')).series);
    expect(s('IV-КН')).toBe('IV-КН');
    expect(s('iv-кн')).toBe('IV-КН');
    expect(s('ХII-МЮ')).toBe('XII-МЮ'); // Cyrillic Х typed for X
    expect(s('IV KH')).toBe('IV-КН'); // Latin K, H for К, Н; a space for the hyphen
    expect(s('IV–КН')).toBe('IV-КН'); // an en dash
    expect(s('IIII-КН')).toMatch(/^!серия «IIII-КН» записана неверно/);
    expect(s('IV-К')).toMatch(/^!серия/);
    expect(s('12-КН')).toMatch(/^!серия/);
    expect(s('IV-QW')).toMatch(/^!серия/);
  });

  it('document numbers: exactly 6 digits, leading zeros of a number cell put back', () => {
    expect(value(parseBirthCertificate(t('IV-КН'), n(12345)).number)).toBe('012345');
    expect(value(parseBirthCertificate(t('IV-КН'), t('12 34 56')).number)).toBe('123456');
    expect(value(parseBirthCertificate(t('IV-КН'), t('1234567')).number)).toMatch(/нужно 6 цифр/);
    expect(value(parseBirthCertificate(t('IV-КН'), EMPTY).number)).toBe('!номер свидетельства не заполнен');
  });

  it('a passport: series of 4 digits (pairs may be spaced), number of 6', () => {
    const p = parsePassport(t('45 06'), t('123456'));
    expect([value(p.series), value(p.number)]).toEqual(['4506', '123456']);
    expect(value(parsePassport(t('450'), t('123456')).series)).toMatch(/нужно 4 цифр/);
    expect(value(parsePassport(EMPTY, t('1')).series)).toBe('!серия паспорта не заполнена');
  });

  it('yes/no with empty as no', () => {
    expect(['Да', 'да', 'Дa', 'yes', 'Нет', '', 'TRUE'].map((x) => value(parseYesNo(x ? t(x) : EMPTY)))).toEqual([true, true, true, true, false, false, true]);
    expect(value(parseYesNo({ kind: 'bool', b: true }))).toBe(true);
    expect(value(parseYesNo(t('может быть')))).toMatch(/^!значение «может быть» не распознано/);
  });

  it('names: Russian letters, hyphen, space, apostrophe; Latin look-alikes put right', () => {
    expect(value(parsePersonName(t('Петрова-Водкина'), 'фамилия', true))).toBe('Петрова-Водкина');
    expect(value(parsePersonName(t('AННА'), 'имя', true))).toBe('АННА');
    expect(value(parsePersonName(t('Anna'), 'имя', true))).toMatch(/^!«Anna» — в имени допустимы только русские буквы/);
    expect(value(parsePersonName(EMPTY, 'отчество', false))).toBe('');
    expect(value(parsePersonName(EMPTY, 'фамилия', true))).toBe('!фамилия не заполнена');
  });

  it('phones to +7 and ten digits', () => {
    expect(['8 (912) 345-67-89', '+7 912 345 67 89', '9123456789'].map((x) => value(parsePhone(t(x), true)))).toEqual(['+79123456789', '+79123456789', '+79123456789']);
    expect(value(parsePhone(n(89123456789), true))).toBe('+79123456789');
    expect(value(parsePhone(t('12345'), true))).toMatch(/не 10 цифр/);
    expect(value(parsePhone(t('звонить маме'), true))).toMatch(/не номер телефона/);
    expect(value(parsePhone(EMPTY, false))).toBe('');
  });

  it('applicant e-mail', () => {
    expect(value(parseApplicantEmail(t('Mama@Mail.RU'), true))).toBe('mama@mail.ru');
    expect(value(parseApplicantEmail(t('мама@почта.рф'), true))).toMatch(/русские буквы/);
    expect(value(parseApplicantEmail(EMPTY, true))).toBe('!e-mail заявителя не заполнен');
  });

  it('the over-14 rule both ways', () => {
    expect(over14Problem(true, 15)).toBeUndefined();
    expect(over14Problem(false, 10)).toBeUndefined();
    expect(over14Problem(true, 13)?.ok === false && over14Problem(true, 13)).toMatchObject({ problem: expect.stringContaining('ребенку 13') });
    expect(over14Problem(false, 14)).toMatchObject({ problem: expect.stringContaining('с 14 лет заявление подает он сам') });
  });
});
