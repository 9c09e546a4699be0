// Cells of the certificate registry's queues (issue 14; shared/REGISTRY.md): names, identity
// documents, yes/no, the applicant's phone and e-mail, and the over-14 rule. Each reader gives
// the value as the registry expects it, or the problem and its fix in Russian.
import { bad, collapseSpaces, display, emailProblem, fold, latinToCyrillic, normaliseDashes, ok, shown, type CellValue, type Checked } from '../../src/intake/index.js';

export type DocumentType = 'birth-certificate' | 'passport';

/** The document types as staff choose them (the template's drop-down). */
export const DOCUMENT_LABELS: Record<DocumentType, string> = {
  'birth-certificate': 'Свидетельство о рождении',
  passport: 'Паспорт РФ',
};

const DOCUMENT_ALIASES: Record<string, DocumentType> = {
  'свидетельство о рождении': 'birth-certificate',
  'свидетельство о рождении рф': 'birth-certificate',
  'свид о рождении': 'birth-certificate',
  'свидетельство': 'birth-certificate',
  'со р': 'birth-certificate',
  'сор': 'birth-certificate',
  'паспорт рф': 'passport',
  'паспорт': 'passport',
  'паспорт гражданина рф': 'passport',
  'паспорт гражданина российской федерации': 'passport',
};

const TYPE_FIX = `Выберите из списка: ${Object.values(DOCUMENT_LABELS).join(' или ')}.`;

const text = (cell: CellValue) => collapseSpaces(display(cell));

export function parseDocumentType(cell: CellValue): Checked<DocumentType> {
  const raw = text(cell);
  if (raw === '') return bad('тип документа не заполнен', TYPE_FIX);
  const t = DOCUMENT_ALIASES[fold(latinToCyrillic(raw)).replace(/[.«»"]/g, ' ').replace(/\s+/g, ' ').trim()];
  return t ? ok(t) : bad(`тип документа «${shown(raw)}» не распознан`, TYPE_FIX);
}

// A birth certificate's series: a Roman number (I, V, X, L, C) written in Latin letters, a hyphen,
// two Cyrillic capital letters: «IV-КН», «XII-МЮ». Staff type the Roman part with Cyrillic look-alikes
// (Х, С, «1» for I) and the letters with Latin ones; both are put right. The number has 6 digits.
const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const CYR_TO_ROMAN: Record<string, string> = { Х: 'X', С: 'C', І: 'I', Ӏ: 'I', '1': 'I', l: 'I', i: 'I', v: 'V', x: 'X', c: 'C', L: 'L' };

export interface DocumentId {
  series: string;
  number: string;
}

export function parseBirthCertificate(seriesCell: CellValue, numberCell: CellValue): { series: Checked<string>; number: Checked<string> } {
  const fix = 'Серия свидетельства о рождении — римские цифры латинскими буквами, дефис и две русские заглавные буквы, например IV-КН.';
  const raw = text(seriesCell);
  let series: Checked<string>;
  if (raw === '') series = bad('серия документа не заполнена', fix);
  else {
    const m = /^([^\s-]+)\s*-?\s*(\S{2})$/u.exec(normaliseDashes(raw).replace(/\s+/g, ' '));
    const roman = m ? [...m[1]!].map((ch) => CYR_TO_ROMAN[ch] ?? ch.toUpperCase()).join('') : '';
    const letters = m ? latinToCyrillic(m[2]!.toUpperCase()) : '';
    series = m && ROMAN.test(roman) && /^[А-ЯЁ]{2}$/u.test(letters) ? ok(`${roman}-${letters}`) : bad(`серия «${shown(raw)}» записана неверно`, fix);
  }
  return { series, number: digits(numberCell, 6, 'номер свидетельства', 'Номер свидетельства о рождении — 6 цифр, например 123456.') };
}

export function parsePassport(seriesCell: CellValue, numberCell: CellValue): { series: Checked<string>; number: Checked<string> } {
  return {
    series: digits(seriesCell, 4, 'серия паспорта', 'Серия паспорта — 4 цифры, например 4506 (пробел между парами цифр можно оставить).'),
    number: digits(numberCell, 6, 'номер паспорта', 'Номер паспорта — 6 цифр, например 123456.'),
  };
}

/** A number of exactly `n` digits; spaces inside are dropped; Excel's number cell loses leading zeros, so they are put back. */
function digits(cell: CellValue, n: number, what: string, fix: string): Checked<string> {
  if (cell.kind === 'number') {
    const s = Number.isInteger(cell.n) && cell.n >= 0 ? String(cell.n).padStart(n, '0') : '';
    return s.length === n ? ok(s) : bad(`${what} «${display(cell)}» — нужно ${n} цифр`, fix);
  }
  const raw = text(cell);
  if (raw === '') return bad(`${what} не заполнен${what.startsWith('серия') ? 'а' : ''}`, fix);
  const s = raw.replace(/[\s-]/g, '');
  return /^\d+$/.test(s) && s.length === n ? ok(s) : bad(`${what} «${shown(raw)}» — нужно ${n} цифр`, fix);
}

/** «Да»/«Нет» (also да/нет, д/н, yes/no, 1/0, a ticked TRUE); empty is `fallback`. */
export function parseYesNo(cell: CellValue, fallback = false): Checked<boolean> {
  if (cell.kind === 'bool') return ok(cell.b);
  const latin = fold(text(cell));
  // «Да» typed with a Latin «a» is still «Да».
  const raw = fold(latinToCyrillic(text(cell)));
  if (raw === '') return ok(fallback);
  if (['да', 'д', 'истина', '1', '+'].includes(raw) || ['yes', 'true'].includes(latin)) return ok(true);
  if (['нет', 'н', 'ложь', '0', '-'].includes(raw) || ['no', 'false'].includes(latin)) return ok(false);
  return bad(`значение «${shown(text(cell))}» не распознано`, 'Выберите из списка: Да или Нет (пустая ячейка — Нет).');
}

/**
 * A surname, name or patronymic as the documents write it: Russian letters, a hyphen, a space
 * or an apostrophe; Latin look-alikes put right; each part capitalised as written stays.
 */
export function parsePersonName(cell: CellValue, what: string, required: boolean): Checked<string> {
  const raw = normaliseDashes(text(cell));
  if (raw === '') return required ? bad(`${what} не ${/^фамилия/.test(what) ? 'заполнена' : 'заполнено'}`, `Впишите ${accusative(what)} как в документе.`) : ok('');
  const name = latinToCyrillic(raw).replace(/\s*-\s*/g, '-');
  if (!/^[А-ЯЁа-яё]+(?:[ '’-][А-ЯЁа-яё]+)*$/u.test(name)) {
    return bad(`«${shown(raw)}» — в ${whatPrepositional(what)} допустимы только русские буквы, пробел, дефис и апостроф`, `Исправьте ${accusative(what)}: впишите как в документе.`);
  }
  return ok(name);
}

/** «фамилия …» → «фамилию …» (the other names read the same). */
const accusative = (what: string) => what.replace(/^фамилия/, 'фамилию');

const whatPrepositional = (what: string) => (what.startsWith('фамилия') ? 'фамилии' : what.startsWith('имя') ? 'имени' : what.startsWith('отчество') ? 'отчестве' : 'поле');

/** A Russian mobile or landline number as +7XXXXXXXXXX (8…, 7…, +7…, 10 bare digits, with any punctuation). */
export function parsePhone(cell: CellValue, required: boolean): Checked<string> {
  const fix = 'Впишите номер из 10 цифр после +7, например +7 (912) 345-67-89.';
  const raw = cell.kind === 'number' ? String(cell.n) : text(cell);
  if (raw === '') return required ? bad('телефон не заполнен', fix) : ok('');
  if (/[^\d\s()+\-.]/.test(raw)) return bad(`«${shown(raw)}» — не номер телефона`, fix);
  let d = raw.replace(/\D/g, '');
  if (d.length === 11 && (d.startsWith('8') || d.startsWith('7'))) d = d.slice(1);
  return d.length === 10 ? ok(`+7${d}`) : bad(`в номере «${shown(raw)}» не 10 цифр после +7`, fix);
}

export function parseApplicantEmail(cell: CellValue, required: boolean): Checked<string> {
  const raw = text(cell).replace(/^mailto:/i, '').toLowerCase();
  if (raw === '') return required ? bad('e-mail заявителя не заполнен', 'Впишите адрес вида name@example.ru.') : ok('');
  const why = emailProblem(raw);
  return why ? bad(`«${shown(raw)}» — не адрес электронной почты: ${why}`, 'Впишите адрес вида name@example.ru.') : ok(raw);
}

/**
 * The over-14 rule: a child of 14 or older applies by themselves («Старше 14 лет» = Да); a younger
 * child's application is made by a parent. `age` is the child's age today.
 */
export function over14Problem(over14: boolean, age: number): Checked<never> | undefined {
  if (over14 && age < 14) {
    return bad(`отмечено «Старше 14 лет», а ребенку ${age} (по дате рождения)`, 'Проверьте дату рождения или поставьте «Нет» и заполните данные родителя.');
  }
  if (!over14 && age >= 14) {
    return bad(`ребенку уже ${age}: с 14 лет заявление подает он сам`, 'Поставьте «Да» в «Старше 14 лет»; данные заявителя тогда не нужны.');
  }
  return undefined;
}
