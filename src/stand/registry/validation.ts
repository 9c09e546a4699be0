// Server-side validation of the registry app's forms. Messages are the settings' texts
// (settings.registryTexts, all [inferred]); a field's error is keyed by the form field's name.
import type { RegistryFormat, RegistryRules, RegistryTexts } from '../settings.js';
import { DOCUMENT_TYPES, type Applicant, type ApplicationChild, type DocumentType } from '../state.js';
import { parseDate, phoneDigits } from '../public/validation.js';
import { formatPhone } from '../public/pages.js';

export type FieldErrors = Record<string, string>;
/** A submitted form as strings (what a re-rendered form shows again). */
export type FormValues = Record<string, string>;

/** The fields of the application form, in page order (ids and names are the same). */
export const APPLICATION_FIELDS = [
  'childLastName',
  'childFirstName',
  'childPatronymic',
  'birthDate',
  'sex',
  'documentType',
  'documentSeries',
  'documentNumber',
  'over14',
  'applicantLastName',
  'applicantFirstName',
  'applicantPatronymic',
  'phone',
  'email',
  'municipality',
] as const;

export interface ApplicationInput {
  child: ApplicationChild;
  over14: boolean;
  applicant: Applicant;
  municipality: string;
}

const NAME = /^\p{L}[\p{L}\s'’-]*$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** A Roman numeral from 1 to 399 in Latin I, V, X, L, C (the region part of a birth certificate's series). */
const ROMAN = /^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const CYRILLIC_PAIR = /^[А-ЯЁ]{2}$/;
/** Cyrillic letters that look like the Roman numerals' Latin ones. */
const CYRILLIC_ROMAN: Record<string, string> = { С: 'C', Х: 'X', І: 'I', Ӏ: 'I' };
/** Latin letters that look like Cyrillic capitals. */
const LATIN_CYRILLIC: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У' };

export const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
export const yes = (v: unknown): boolean => v === true || v === 'true' || v === 'on' || v === '1' || v === 1;

/** The body of a form post as strings (arrays keep their last value). */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    out[k] = typeof last === 'boolean' ? (last ? 'on' : '') : str(last);
  }
  return out;
}

/** YYYY-MM-DD of a moment, by UTC (as the public site does). */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Full years reached: is the child born on `birthDate` at least `age` on `today`? (29 Feb → 1 Mar.) */
export function reachedAge(birthDate: string, age: number, today: string): boolean {
  const [y, rest] = [Number(birthDate.slice(0, 4)), birthDate.slice(4)];
  return `${String(y + age).padStart(4, '0')}${rest}` <= today;
}

export type SeriesCheck = { ok: true; value: string } | { ok: false; reason: 'invalid' | 'lookalike' };

/**
 * A birth certificate's series: a Roman numeral in Latin letters, a hyphen, two Cyrillic capitals
 * («IV-КН»). Lower case is raised. Look-alike letters of the other script are refused with their
 * own reason, or with `normalize` replaced (and en/em dashes or a space taken for the hyphen).
 */
export function checkBirthSeries(raw: string, lookalikes: RegistryFormat['seriesLookalikes']): SeriesCheck {
  let text = raw.trim().toUpperCase();
  if (lookalikes === 'normalize') text = text.replace(/\s*[–—\s]\s*/g, '-').replace(/-+/g, '-');
  const parts = text.split('-');
  if (parts.length !== 2) return { ok: false, reason: 'invalid' };
  let [roman, letters] = parts as [string, string];
  const romanMixed = [...roman].some((ch) => ch in CYRILLIC_ROMAN) && [...roman].every((ch) => /[IVXLC]/.test(ch) || ch in CYRILLIC_ROMAN);
  const lettersMixed = [...letters].some((ch) => ch in LATIN_CYRILLIC) && [...letters].every((ch) => /[А-ЯЁ]/.test(ch) || ch in LATIN_CYRILLIC);
  if (romanMixed || lettersMixed) {
    if (lookalikes === 'refuse') return { ok: false, reason: 'lookalike' };
    roman = [...roman].map((ch) => CYRILLIC_ROMAN[ch] ?? ch).join('');
    letters = [...letters].map((ch) => LATIN_CYRILLIC[ch] ?? ch).join('');
  }
  if (!ROMAN.test(roman) || !CYRILLIC_PAIR.test(letters)) return { ok: false, reason: 'invalid' };
  return { ok: true, value: `${roman}-${letters}` };
}

function name(value: string, errors: FieldErrors, field: string, t: RegistryTexts, mandatory: boolean): void {
  if (!value) {
    if (mandatory) errors[field] = t.required;
  } else if (!NAME.test(value) || value.length > 100) errors[field] = t.nameInvalid;
}

export interface ValidationOptions {
  texts: RegistryTexts;
  format: RegistryFormat;
  rules: RegistryRules;
  municipalities: readonly string[];
  /** YYYY-MM-DD of the day of sending. */
  today: string;
  /** The edit form: these consents must all be ticked (fields consent0, consent1, …). */
  consents?: readonly string[];
}

/**
 * The application form (create and edit). With the over-14 checkbox the applicant's name is the
 * child's (whatever the applicant name fields say); phone and e-mail are asked either way.
 */
export function validateApplication(v: FormValues, o: ValidationOptions): { value: ApplicationInput; errors: FieldErrors } {
  const t = o.texts;
  const errors: FieldErrors = {};
  const get = (k: string) => v[k] ?? '';
  const child: ApplicationChild = {
    lastName: get('childLastName'),
    firstName: get('childFirstName'),
    patronymic: get('childPatronymic'),
    birthDate: '',
    sex: get('sex') === 'female' ? 'female' : 'male',
    documentType: 'birth-certificate',
    documentSeries: get('documentSeries'),
    documentNumber: get('documentNumber'),
  };
  name(child.lastName, errors, 'childLastName', t, true);
  name(child.firstName, errors, 'childFirstName', t, true);
  name(child.patronymic, errors, 'childPatronymic', t, false);

  const rawDate = get('birthDate');
  const date = rawDate ? parseDate(rawDate) : null;
  if (!rawDate) errors.birthDate = t.required;
  else if (!date) errors.birthDate = t.birthDateInvalid;
  else if (date > o.today) errors.birthDate = t.birthDateFuture;
  else if (date < '1900-01-01') errors.birthDate = t.birthDateTooOld;
  else child.birthDate = date;

  const sex = get('sex');
  if (sex !== 'male' && sex !== 'female') errors.sex = t.sexRequired;

  const type = get('documentType');
  const offered = o.format.otherDocument ? DOCUMENT_TYPES : DOCUMENT_TYPES.filter((d) => d !== 'other');
  if (!(offered as readonly string[]).includes(type)) errors.documentType = t.documentTypeRequired;
  else {
    child.documentType = type as DocumentType;
    checkDocument(child, errors, o);
  }

  const over14 = yes(get('over14'));
  if (over14 && o.rules.over14NeedsAge && child.birthDate && !reachedAge(child.birthDate, o.format.over14Age, o.today)) {
    errors.over14 = t.over14TooYoung.replace('{age}', String(o.format.over14Age));
  }

  const applicant: Applicant = {
    lastName: over14 ? child.lastName : get('applicantLastName'),
    firstName: over14 ? child.firstName : get('applicantFirstName'),
    patronymic: over14 ? child.patronymic : get('applicantPatronymic'),
    phone: '',
    email: get('email'),
  };
  if (!over14) {
    name(applicant.lastName, errors, 'applicantLastName', t, true);
    name(applicant.firstName, errors, 'applicantFirstName', t, true);
    name(applicant.patronymic, errors, 'applicantPatronymic', t, false);
  }
  const phone = get('phone');
  const digits = phone ? phoneDigits(phone) : null;
  if (!phone) errors.phone = t.required;
  else if (!digits) errors.phone = t.phoneInvalid;
  else applicant.phone = `7${digits}`;
  if (!applicant.email) errors.email = t.required;
  else if (!EMAIL.test(applicant.email)) errors.email = t.emailInvalid;

  const municipality = get('municipality');
  if (!o.municipalities.includes(municipality)) errors.municipality = t.municipalityRequired;

  (o.consents ?? []).forEach((_text, i) => {
    if (!yes(get(`consent${i}`))) errors[`consent${i}`] = t.consentRequired;
  });

  return { value: { child, over14, applicant, municipality }, errors };
}

function checkDocument(child: ApplicationChild, errors: FieldErrors, o: ValidationOptions): void {
  const t = o.texts;
  const series = child.documentSeries;
  const number = child.documentNumber.replace(/\s+/g, '');
  if (child.documentType === 'birth-certificate') {
    if (!series) errors.documentSeries = t.required;
    else {
      const check = checkBirthSeries(series, o.format.seriesLookalikes);
      if (check.ok) child.documentSeries = check.value;
      else errors.documentSeries = check.reason === 'lookalike' ? t.birthSeriesLookalike : t.birthSeriesInvalid;
    }
    if (!number) errors.documentNumber = t.required;
    else if (!/^\d{6}$/.test(number)) errors.documentNumber = t.birthNumberInvalid;
    else child.documentNumber = number;
  } else if (child.documentType === 'passport') {
    const compact = series.replace(/\s+/g, '');
    if (!compact) errors.documentSeries = t.required;
    else if (!/^\d{4}$/.test(compact)) errors.documentSeries = t.passportSeriesInvalid;
    else child.documentSeries = compact;
    if (!number) errors.documentNumber = t.required;
    else if (!/^\d{6}$/.test(number)) errors.documentNumber = t.passportNumberInvalid;
    else child.documentNumber = number;
  } else {
    if (series.length > 20) errors.documentSeries = t.otherInvalid;
    if (!child.documentNumber) errors.documentNumber = t.required;
    else if (child.documentNumber.length > 20) errors.documentNumber = t.otherInvalid;
  }
}

/** The form's values of an existing application (the edit form's starting point). */
export function applicationFormValues(a: ApplicationInput): FormValues {
  return {
    childLastName: a.child.lastName,
    childFirstName: a.child.firstName,
    childPatronymic: a.child.patronymic,
    birthDate: a.child.birthDate,
    sex: a.child.sex,
    documentType: a.child.documentType,
    documentSeries: a.child.documentSeries,
    documentNumber: a.child.documentNumber,
    over14: a.over14 ? 'on' : '',
    applicantLastName: a.applicant.lastName,
    applicantFirstName: a.applicant.firstName,
    applicantPatronymic: a.applicant.patronymic,
    phone: formatPhone(a.applicant.phone),
    email: a.applicant.email,
    municipality: a.municipality,
  };
}
