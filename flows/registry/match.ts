// How a queue row and a registry record are compared, as a person checking documents compares
// them: names with ё = е, case and runs of spaces ignored; a series with Latin and Cyrillic
// look-alike letters taken as one; numbers without spaces; dates and sexes as the values they are.
// Differences are said in Russian with both values, as staff read them.
import type { ColumnValues } from '../../src/intake/index.js';
import { DOCUMENT_LABELS } from './cells.js';
import { collapseSpaces, latinToCyrillic, normaliseDashes, SEX_LABELS } from '../../src/intake/index.js';
import type { RegistryChild, RegistryRecord } from '../../src/navigator/registry/port.js';
import { YES } from './columns.js';

export const foldName = (s: string): string => normaliseDashes(collapseSpaces(s)).replace(/\s*-\s*/g, '-').toLowerCase().replace(/ё/g, 'е');
export const foldSeries = (s: string): string => latinToCyrillic(normaliseDashes(s).toUpperCase().replace(/[ІӀ]/g, 'I')).replace(/[\s-]/g, '');
export const foldNumber = (s: string): string => s.replace(/[\s-]/g, '');
const phoneDigits = (s: string): string => s.replace(/\D/g, '').slice(-10);

const ruDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso);
const typeLabel = (t: string) => (t === 'other' ? 'Иной документ' : (DOCUMENT_LABELS as Record<string, string>)[t] ?? t);
const sexLabel = (s: string) => (SEX_LABELS as Record<string, string>)[s] ?? s;

export interface Difference {
  /** The row's field (the queue column's). */
  readonly field: string;
  /** The queue's column header. */
  readonly header: string;
  readonly queue: string;
  readonly registry: string;
}

interface Check {
  field: string;
  header: string;
  theirs: (r: RegistryRecord) => string;
  fold: (s: string) => string;
  show?: (s: string) => string;
}

const CHILD: readonly Check[] = [
  { field: 'lastName', header: 'Фамилия', theirs: (r) => r.child.lastName, fold: foldName },
  { field: 'firstName', header: 'Имя', theirs: (r) => r.child.firstName, fold: foldName },
  { field: 'patronymic', header: 'Отчество', theirs: (r) => r.child.patronymic, fold: foldName },
  { field: 'birthDate', header: 'Дата рождения', theirs: (r) => r.child.birthDate, fold: (s) => s, show: ruDate },
  { field: 'sex', header: 'Пол', theirs: (r) => r.child.sex, fold: (s) => s, show: sexLabel },
  { field: 'documentType', header: 'Тип документа', theirs: (r) => r.child.documentType, fold: (s) => s, show: typeLabel },
  { field: 'documentSeries', header: 'Серия документа', theirs: (r) => r.child.documentSeries, fold: foldSeries },
  { field: 'documentNumber', header: 'Номер документа', theirs: (r) => r.child.documentNumber, fold: foldNumber },
];

const yesNo = (b: boolean) => (b ? 'Да' : 'Нет');

const APPLICATION: readonly Check[] = [
  { field: 'municipality', header: 'Муниципалитет', theirs: (r) => r.municipality, fold: foldName },
  { field: 'over14', header: 'Старше 14 лет', theirs: (r) => String(r.over14), fold: (s) => s, show: (s) => yesNo(s === YES) },
  { field: 'applicantPhone', header: 'Телефон заявителя', theirs: (r) => r.applicant.phone, fold: phoneDigits },
  { field: 'applicantEmail', header: 'E-mail заявителя', theirs: (r) => r.applicant.email, fold: (s) => s.trim().toLowerCase() },
];

/** The applicant's names are the child's from 14 on: compared only for a younger child. */
const APPLICANT: readonly Check[] = [
  { field: 'applicantLastName', header: 'Фамилия заявителя', theirs: (r) => r.applicant.lastName, fold: foldName },
  { field: 'applicantFirstName', header: 'Имя заявителя', theirs: (r) => r.applicant.firstName, fold: foldName },
  { field: 'applicantPatronymic', header: 'Отчество заявителя', theirs: (r) => r.applicant.patronymic, fold: foldName },
];

function differ(checks: readonly Check[], row: ColumnValues, r: RegistryRecord, onlyFilled: boolean): Difference[] {
  const out: Difference[] = [];
  for (const c of checks) {
    const ours = row[c.field] ?? '';
    if (onlyFilled && ours.trim() === '') continue;
    const theirs = c.theirs(r);
    if (c.fold(ours) === c.fold(theirs)) continue;
    const show = c.show ?? ((s: string) => s);
    out.push({ field: c.field, header: c.header, queue: show(ours), registry: show(theirs) });
  }
  return out;
}

/** Every filled field of an accept row that the record shows otherwise. */
export function childDifferences(row: ColumnValues, r: RegistryRecord): Difference[] {
  return differ(CHILD, row, r, true);
}

/** Every field of an apply row the record shows otherwise (the applicant's names only under 14). */
export function applicationDifferences(row: ColumnValues, r: RegistryRecord): Difference[] {
  return [...differ(CHILD, row, r, false), ...differ(APPLICATION, row, r, false), ...(row.over14 === YES ? [] : differ(APPLICANT, row, r, false))];
}

/** The row's document is the record's: the same type, series and number (look-alikes folded). */
export function sameDocument(row: ColumnValues, child: RegistryChild): boolean {
  return (
    row.documentType === child.documentType &&
    foldSeries(row.documentSeries ?? '') === foldSeries(child.documentSeries) &&
    foldNumber(row.documentNumber ?? '') === foldNumber(child.documentNumber)
  );
}

/** «Фамилия»: в очереди «Иванов», в реестре «Иванова»; … */
export function sayDifferences(ds: readonly Difference[]): string {
  return ds.map((d) => `«${d.header}»: в очереди «${d.queue || 'пусто'}», в реестре «${d.registry || 'пусто'}»`).join('; ');
}

/** The row's child is the record's: names (ё = е, case, spaces folded), birth date, and document. */
export function sameChild(row: ColumnValues, r: RegistryRecord): boolean {
  return (
    foldName(row.lastName ?? '') === foldName(r.child.lastName) &&
    foldName(row.firstName ?? '') === foldName(r.child.firstName) &&
    row.birthDate === r.child.birthDate &&
    sameDocument(row, r.child)
  );
}
