// Server-side validation of the public site's forms. Messages are what a person sees (Russian);
// they are [inferred] (the memo shows no error texts), so they live in one table.
import type { Sex } from '../state.js';

export const PUBLIC_MESSAGES = {
  formInvalid: 'Проверьте правильность заполнения формы',
  municipalityRequired: 'Выберите муниципалитет из списка',
  lastNameRequired: 'Введите фамилию',
  firstNameRequired: 'Введите имя',
  nameInvalid: 'Допустимы только буквы, пробел, дефис и апостроф',
  phoneInvalid: 'Введите номер мобильного телефона полностью: +7 (XXX) XXX-XX-XX',
  emailRequired: 'Введите email',
  emailInvalid: 'Введите корректный email, например ivanov@mail.ru',
  passwordShort: 'Пароль должен содержать не менее 6 символов',
  consentRequired: 'Необходимо согласие с политикой конфиденциальности и пользовательским соглашением',
  captchaRequired: 'Подтвердите, что вы не робот',
  captchaWidgetRequired: 'Подтвердите, что вы не робот: отметьте «Я не робот» в окне проверки',
  captchaWidgetInvalid: 'Проверка «Я не робот» устарела или не пройдена. Пройдите её ещё раз',
  confirmEmail: 'Регистрация прошла успешно. Подтвердите email по ссылке из письма, затем войдите',
  loginRequired: 'Введите email и пароль',
  badCredentials: 'Неверный email или пароль',
  emailNotConfirmed: 'Email не подтвержден. Подтвердите email по ссылке из письма',
  sessionExpired: 'Сессия истекла, войдите снова',
  childLastNameRequired: 'Введите фамилию ребенка',
  childFirstNameRequired: 'Введите имя ребенка',
  birthDateInvalid: 'Укажите дату рождения ребенка',
  birthDateFuture: 'Дата рождения не может быть в будущем',
  birthDateTooOld: 'Проверьте год рождения',
  sexRequired: 'Укажите пол ребенка',
  serverError: 'Ошибка сервера. Повторите попытку позже.',
  networkError: 'Нет ответа от сервера. Проверьте подключение и повторите попытку.',
  forgotUnavailable: 'Восстановление пароля на учебном стенде недоступно. Обратитесь к администратору стенда.',
  emptyTab: 'Здесь пока ничего нет',
  passwordTab: 'Смена пароля на учебном стенде недоступна',
  noChildren: 'Дети не добавлены',
  loading: 'Загрузка...',
  sending: 'Отправка...',
} as const;

type Body = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const yes = (v: unknown): boolean => v === true || v === 'true' || v === 'on' || v === '1' || v === 1;
const NAME = /^\p{L}[\p{L}\s'’-]*$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Ten digits after +7 from "+7 (111) 111-11-11", "81111111111", "1111111111"; null otherwise. */
export function phoneDigits(raw: string): string | null {
  let d = raw.replace(/\D/g, '');
  const t = raw.trim();
  if (t.startsWith('+')) {
    if (!t.startsWith('+7')) return null;
    d = d.slice(1);
  } else if (d.length === 11 && (d.startsWith('7') || d.startsWith('8'))) d = d.slice(1);
  return d.length === 10 ? d : null;
}

function name(value: string, required: string, errors: FieldErrors, field: string, mandatory: boolean): void {
  if (!value) {
    if (mandatory) errors[field] = required;
  } else if (!NAME.test(value) || value.length > 100) errors[field] = PUBLIC_MESSAGES.nameInvalid;
}

export interface Registration {
  municipality: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  phone: string; // 7 + ten digits
  email: string;
  password: string;
}

export function validateRegistration(
  body: Body,
  opts: { municipalities: readonly string[]; captcha: boolean },
): { value: Registration; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const value = {
    municipality: str(body.municipality),
    lastName: str(body.lastName),
    firstName: str(body.firstName),
    patronymic: str(body.patronymic),
    phone: '',
    email: str(body.email),
    password: typeof body.password === 'string' ? body.password : '',
  };
  if (!opts.municipalities.includes(value.municipality)) errors.municipality = PUBLIC_MESSAGES.municipalityRequired;
  name(value.lastName, PUBLIC_MESSAGES.lastNameRequired, errors, 'lastName', true);
  name(value.firstName, PUBLIC_MESSAGES.firstNameRequired, errors, 'firstName', true);
  name(value.patronymic, '', errors, 'patronymic', false);
  const digits = phoneDigits(str(body.phone));
  if (digits) value.phone = `7${digits}`;
  else errors.phone = PUBLIC_MESSAGES.phoneInvalid;
  if (!value.email) errors.email = PUBLIC_MESSAGES.emailRequired;
  else if (!EMAIL.test(value.email)) errors.email = PUBLIC_MESSAGES.emailInvalid;
  if (value.password.length < 6) errors.password = PUBLIC_MESSAGES.passwordShort;
  if (!yes(body.consent)) errors.consent = PUBLIC_MESSAGES.consentRequired;
  if (opts.captcha && !yes(body.captcha)) errors.captcha = PUBLIC_MESSAGES.captchaRequired;
  return { value, errors };
}

export interface ChildInput {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: Sex;
}

/** Accepts YYYY-MM-DD (what <input type="date"> sends) or ДД.ММ.ГГГГ. */
export function parseDate(raw: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(raw))) [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function validateChild(body: Body, today: Date = new Date()): { value: ChildInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const sexRaw = str(body.sex);
  const value: ChildInput = {
    lastName: str(body.lastName),
    firstName: str(body.firstName),
    patronymic: str(body.patronymic),
    birthDate: '',
    sex: sexRaw === 'female' ? 'female' : 'male',
  };
  name(value.lastName, PUBLIC_MESSAGES.childLastNameRequired, errors, 'lastName', true);
  name(value.firstName, PUBLIC_MESSAGES.childFirstNameRequired, errors, 'firstName', true);
  name(value.patronymic, '', errors, 'patronymic', false);
  const date = parseDate(str(body.birthDate));
  if (!date) errors.birthDate = PUBLIC_MESSAGES.birthDateInvalid;
  else if (date > today.toISOString().slice(0, 10)) errors.birthDate = PUBLIC_MESSAGES.birthDateFuture;
  else if (date < '1900-01-01') errors.birthDate = PUBLIC_MESSAGES.birthDateTooOld;
  else value.birthDate = date;
  if (sexRaw !== 'male' && sexRaw !== 'female') errors.sex = PUBLIC_MESSAGES.sexRequired;
  return { value, errors };
}
