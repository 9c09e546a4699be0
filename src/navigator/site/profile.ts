// The public site's sections of the region profile (NAVBOT_PROFILE): its relative paths, the texts
// it shows and how it is built. Declared by the target, composed into config's profileSchema through
// ../target-profiles.ts. Plain data (zod schemas with the training stand's defaults) that imports
// nothing of navbot, so config never pulls in a page object. The JSON keys are the profile file's
// format (regions' files, doctor's profile.suggested.json): never rename them.
import { z } from 'zod';

/** Relative paths on the public site. */
const publicPaths = z.object({ register: z.string().default('/'), login: z.string().default('/login'), cabinet: z.string().default('/cabinet') });

const publicTexts = z.object({
  register: z.string().default('РЕГИСТРАЦИЯ'),
  login: z.string().default('ВХОД'),
  logout: z.string().default('ВЫХОД'),
  municipality: z.string().default('ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ'),
  lastName: z.string().default('ВВЕДИТЕ ВАШУ ФАМИЛИЮ (ДЛЯ ОБРАЩЕНИЙ К ВАМ И ЗАПОЛНЕНИЯ ДОГОВОРОВ И ЗАЯВЛЕНИЙ)'),
  firstName: z.string().default('ВВЕДИТЕ ВАШЕ ИМЯ'),
  patronymic: z.string().default('ВВЕДИТЕ ВАШЕ ОТЧЕСТВО'),
  phone: z.string().default('ВВЕДИТЕ НОМЕР МОБИЛЬНОГО ТЕЛЕФОНА (ДЛЯ СВЯЗИ ПРИ ОБРАБОТКЕ ЗАЯВОК)'),
  email: z.string().default('ВВЕДИТЕ EMAIL (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)'),
  password: z.string().default('ВЫБЕРИТЕ ПАРОЛЬ (ПАРОЛЬ ВАМ ПРИГОДИТСЯ, ЗАПОМНИТЕ ИЛИ ЗАПИШИТЕ ЕГО)'),
  consent: z.string().default('Я ознакомлен и выражаю согласие'),
  captcha: z.string().default('Я не робот'),
  submitRegister: z.string().default('ЗАРЕГИСТРИРОВАТЬСЯ'),
  loginEmail: z.string().default('EMAIL'),
  loginPassword: z.string().default('ПАРОЛЬ'),
  submitLogin: z.string().default('ВОЙТИ'),
  cabinet: z.string().default('ЛИЧНЫЙ КАБИНЕТ'),
  childrenTab: z.string().default('ДЕТИ'),
  childLastName: z.string().default('ФАМИЛИЯ'),
  childFirstName: z.string().default('ИМЯ'),
  childPatronymic: z.string().default('ОТЧЕСТВО'),
  childBirthDate: z.string().default('ДЕНЬ РОЖДЕНИЯ'),
  childSex: z.string().default('ПОЛ'),
  male: z.string().default('Мужской'),
  female: z.string().default('Женский'),
  addChild: z.string().default('ДОБАВИТЬ РЕБЕНКА'),
  save: z.string().default('СОХРАНИТЬ'),
  cancel: z.string().default('ОТМЕНИТЬ ИЗМЕНЕНИЯ'),
  emailTaken: z.string().default('уже зарегистрирован'),
  /** Part of the message asking to confirm the e-mail (after registration, or at login). */
  confirmEmail: z.string().default('Подтвердите email'),
  /** Status shown once a child is saved in the cabinet. */
  childSaved: z.string().default('Ребенок добавлен'),
});

/**
 * How the public site is built (issue 22 §2). Defaults: the training stand (pages with `<label>`s,
 * a native `<select>`, «ДЕТИ» as a list with «ДОБАВИТЬ РЕБЕНКА»).
 */
const publicStructure = z.object({
  /** 'pages' — registration and login on their own pages (publicPaths); 'modal' — one modal whose tabs are РЕГИСТРАЦИЯ / ВХОД / НЕ ПОМНЮ ПАРОЛЬ, opened by a header link. */
  forms: z.enum(['pages', 'modal']).default('pages'),
  /** Form fields found by their `<label>` or by their placeholder. */
  fieldsBy: z.enum(['label', 'placeholder']).default('label'),
  /** The municipality: a native `<select>`, or a custom list (click it, then the item by its text). */
  municipality: z.enum(['select', 'list']).default('select'),
  /** «ДЕТИ»: 'list' — children listed, a new one through «ДОБАВИТЬ РЕБЕНКА»; 'form' — the child form shown at once, names prefilled. */
  children: z.enum(['list', 'form']).default('list'),
});

/** The public site's profile sections, each with its defaults. */
export const SITE_PROFILE = {
  publicPaths: publicPaths.prefault({}),
  publicTexts: publicTexts.prefault({}),
  publicStructure: publicStructure.prefault({}),
};
