// The target profile: every text and URL piece navbot relies on in a region. Defaults describe
// the training stand (which copies the regional memo); a real region overrides what differs
// with a JSON file named by NAVBOT_PROFILE. navbot never imports the stand: these defaults are
// written out on purpose.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const DEFAULT_MUNICIPALITIES = [
  'г. Блестящий',
  'г. Северный',
  'г. Заречный',
  'г. Лесной',
  'г. Озёрск',
  'Берёзовский район',
  'Весёлый район',
  'Горный район',
  'Дубравный район',
  'Полевой район',
  'Речной район',
  'Солнечный район',
];

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

const adminTexts = z.object({
  loginEmail: z.string().default('E-mail'),
  loginPassword: z.string().default('Пароль'),
  loginButton: z.string().default('ВОЙТИ'),
  menuSiteUsers: z.string().default('Пользователи сайта'),
  userWindowTitle: z.string().default('#{id} клиент'),
  tabMain: z.string().default('Основные'),
  tabChildren: z.string().default('Дети'),
  lastName: z.string().default('Фамилия'),
  firstName: z.string().default('Имя'),
  patronymic: z.string().default('Отчество'),
  email: z.string().default('Email'),
  resident: z.string().default('Резидент РФ'),
  save: z.string().default('Сохранить'),
  close: z.string().default('Закрыть'),
  childName: z.string().default('ФИО ребенка'),
  childWindowTitle: z.string().default('Редактирование ребенка'),
  confirmation: z.string().default('Подтверждение'),
  confirm: z.string().default('Подтвердить'),
  issueCertificate: z.string().default('Выдать сертификат'),
  yes: z.string().default('Да'),
  no: z.string().default('Нет'),
  certificateWindowTitle: z.string().default('Новый сертификат'),
  certificateType: z.string().default('Тип сертификата'),
  accountingCertificate: z.string().default('Сертификат учета'),
  certificates: z.string().default('Сертификаты'),
  search: z.string().default('Поиск'),
  // Grids, the child card and message boxes (read by the admin page objects).
  columnId: z.string().default('ID'),
  columnFullName: z.string().default('ФИО'),
  verified: z.string().default('Проверен'),
  childDeleted: z.string().default('Удален?'),
  childBirthDateColumn: z.string().default('Дата рождения'),
  childBirthDate: z.string().default('Дата рождения'),
  childSex: z.string().default('Пол'),
  male: z.string().default('Мужской'),
  female: z.string().default('Женский'),
  confirmationStatus: z.string().default('Статус'),
  /** In «Подтверждение», who confirmed (the memo: ID, Пользователь, Email, Учреждение, Телефон). */
  confirmedByUser: z.string().default('Пользователь'),
  confirmed: z.string().default('Подтвержден'),
  notConfirmed: z.string().default('Не подтвержден'),
  certificateTypeColumn: z.string().default('Тип'),
  certificateNumberColumn: z.string().default('Номер'),
  ok: z.string().default('OK'),
  cancel: z.string().default('Отмена'),
});

const placeholder = z.object({
  lastName: z.string().default('Без'),
  firstName: z.string().default('Внесения'),
  patronymic: z.string().default('Данных'),
  /** As typed into the masked input: ten digits after +7. */
  phone: z.string().default('+7 (111) 111-11-11'),
});

/**
 * Where the robot reads what decides a step: the fields of the records the panel itself loaded
 * (the Ext record behind a form or a grid row) and its read-only endpoints (called with the
 * panel's own session). Defaults: the vendor's REST names as public sources give them
 * (NAVIGATOR.md, REST API); a region that names them otherwise says so here.
 */
const adminData = z.object({
  /** Fields of a site user's record (the user card's form). */
  userFields: z
    .object({
      /** The user's id in the users list's records (the list's rows are opened by it). */
      id: z.string().default('id'),
      resident: z.string().default('is_resident'),
      verified: z.string().default('is_verified'),
      lastName: z.string().default('last_name'),
      firstName: z.string().default('first_name'),
      patronymic: z.string().default('patro_name'),
      email: z.string().default('email'),
    })
    .prefault({}),
  /** Fields of a child's record (the «Дети» grid rows and the child window's form). */
  kidFields: z
    .object({
      id: z.string().default('id'),
      birthDate: z.string().default('birthday'),
      sex: z.string().default('sex'),
      approved: z.string().default('is_approved'),
      deleted: z.string().default('is_deleted'),
    })
    .prefault({}),
  /** How the records spell the sexes. */
  sexValues: z.object({ male: z.string().default('male'), female: z.string().default('female') }).prefault({}),
  /**
   * Where the accounting certificate's state and number are read (issue 22 §1), in this order:
   * the answer to «Сохранить» of «Новый сертификат» (always); a field of the child window's record
   * (`recordField`, a list of certificates); the «Сертификаты» grid on the child window (`grid`,
   * its texts in adminTexts.certificates / certificateTypeColumn / certificateNumberColumn); the
   * per-event check `POST check.path?eventId=…` (only with an event id); the `GET list.path`
   * (only where the region has one). No read path is assumed that no source shows: a region
   * configures (or `doctor` suggests) what its panel has. `{kid_id}` is replaced in paths.
   * `grid: true` is the training stand's default only: no public source shows such a grid on a
   * real region's child card. Before the first run on a real region, staff run
   * `navbot doctor --sample-certified EMAIL` and take the read path it proposes. With no source at
   * all the run stops before any write (flows/accounting/certificate-preflight.ts).
   */
  certificateRead: z
    .object({
      recordField: z.string().default(''),
      grid: z.boolean().default(true),
      check: z
        .object({ path: z.string().default('/api/pfdod/billing/check/event/certificate/kid/{kid_id}'), eventId: z.string().min(1) })
        .nullable()
        .default(null),
      list: z.object({ path: z.string().min(1) }).nullable().default(null),
    })
    .prefault({}),
  /**
   * Fields of a certificate there: its number, the type's name as the combo shows it, and the
   * flags of a cancelled or deleted certificate (not counted as issued).
   */
  certificateFields: z
    .object({
      number: z.string().default('number'),
      typeName: z.string().default('category_name'),
      cancelled: z.string().default('is_cancelled'),
      deleted: z.string().default('is_deleted'),
    })
    .prefault({}),
  /**
   * The request «Сохранить» of «Новый сертификат» sends (its path, without the query; `{kid_id}`
   * replaced): only its own answer says the certificate was saved — not the panel's other
   * requests after the click. '' (unknown): no answer is taken as the save's; the sources decide.
   */
  certificateSave: z.object({ method: z.string().default('POST'), path: z.string().default('/api/rest/certificate') }).prefault({}),
});

/**
 * How the admin panel is built where regions differ in structure, not in words (issue 22 §2).
 * Defaults: the training stand (a tree menu, the users grid on the page, a «Поиск» field with
 * Enter, Ext message boxes).
 */
const adminStructure = z.object({
  /**
   * How «Пользователи сайта» is reached: 'menu' — an item of the tree or the desktop's start
   * menu by its text (adminTexts.menuSiteUsers); 'route' — the hash route `usersRoute`
   * (e.g. '#siteuser'). `usersInWindow`: the section opens as a window titled by its name.
   */
  usersVia: z.enum(['menu', 'route']).default('menu'),
  usersRoute: z.string().default(''),
  usersInWindow: z.boolean().default(false),
  /**
   * The button that opens the menu holding «Пользователи сайта» (a "Desktop" build's start
   * button, e.g. «Пуск»); '' where the menu is always shown (a tree).
   */
  menuButton: z.string().default(''),
  /**
   * How the users list is searched by e-mail: the field named adminTexts.search, found by its
   * placeholder or its label; the search starts on Enter, or on the button `searchButton`.
   */
  searchBy: z.enum(['placeholder', 'label']).default('placeholder'),
  searchSubmit: z.enum(['enter', 'button']).default('enter'),
  searchButton: z.string().default(''),
  /**
   * How the panel asks «Да»/«Нет» and how it refuses: Ext message boxes, or windows with these
   * titles (a question window has the yes/no buttons; a refusal window its text and «OK»/«Закрыть»).
   */
  questionWindows: z.array(z.string()).default([]),
  refusalWindows: z.array(z.string()).default([]),
  /**
   * Where the child window shows that the child is confirmed, where its form holds no record:
   * 'status' — the «Статус» field in «Подтверждение» («Подтвержден» / «Не подтвержден», whole
   * texts); 'confirmer' — the block shows who confirmed («Пользователь» filled) or «Подтвердить»
   * is disabled (the memo); 'auto' — the status where the card has that field, else the confirmer.
   */
  confirmedShownBy: z.enum(['auto', 'status', 'confirmer']).default('auto'),
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

export const profileSchema = z.object({
  name: z.string().default('Учебный стенд'),
  municipalities: z.array(z.string().min(1)).min(1).default(DEFAULT_MUNICIPALITIES),
  /** Relative paths on the public site. */
  publicPaths: z
    .object({ register: z.string().default('/'), login: z.string().default('/login'), cabinet: z.string().default('/cabinet') })
    .prefault({}),
  publicTexts: publicTexts.prefault({}),
  adminTexts: adminTexts.prefault({}),
  adminData: adminData.prefault({}),
  adminStructure: adminStructure.prefault({}),
  publicStructure: publicStructure.prefault({}),
  placeholder: placeholder.prefault({}),
  /** Certificate age range (inclusive, years) that intake enforces. */
  minAge: z.number().int().min(0).default(5),
  maxAge: z.number().int().max(18).default(17),
});

export type Profile = z.infer<typeof profileSchema>;

export const defaultProfile = (): Profile => profileSchema.parse({});

const KIND: Record<string, string> = {
  string: 'текст в кавычках',
  number: 'число',
  int: 'целое число',
  boolean: 'true или false',
  array: 'список [ … ]',
  object: 'объект { … }',
};

/** A profile problem in Russian: what is expected where (zod's own messages are English). */
function describeIssue(i: z.core.$ZodIssue): string {
  const where = i.path.length ? i.path.join('.') : '(весь файл)';
  const o = i as unknown as { expected?: string; minimum?: number | bigint; maximum?: number | bigint; origin?: string; keys?: string[] };
  switch (i.code) {
    case 'invalid_type':
      return `${where}: нужно ${KIND[o.expected ?? ''] ?? o.expected}`;
    case 'too_small':
      return o.origin === 'array' || o.origin === 'string'
        ? `${where}: нужно не меньше ${o.minimum} ${o.origin === 'array' ? 'элементов' : 'символов'}`
        : `${where}: нужно не меньше ${o.minimum}`;
    case 'too_big':
      return `${where}: нужно не больше ${o.maximum}`;
    case 'unrecognized_keys':
      return `${where}: неизвестные поля ${(o.keys ?? []).join(', ')}`;
    default:
      return `${where}: недопустимое значение`;
  }
}

/** Reads a profile file (JSON); missing keys keep the defaults. Throws a Russian message on error. */
export function loadProfile(file?: string): Profile {
  if (!file) return defaultProfile();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'файл не найден' : code === 'EACCES' ? 'нет прав на чтение' : code === 'EISDIR' ? 'это папка, а не файл' : (e as Error).message;
    throw new Error(`Не удалось прочитать файл профиля ${file}: ${why}. Укажите в NAVBOT_PROFILE путь к файлу JSON (пример: data/profile.example.json).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`Файл профиля ${file} — не JSON (${(e as Error).message}). Проверьте кавычки и запятые, как в data/profile.example.json.`);
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Файл профиля ${file} содержит ошибки: ${parsed.error.issues.map(describeIssue).join('; ')}`);
  }
  return parsed.data;
}
