// Settings of the training stand: everything a region may do differently (texts, municipality
// list, business rules) is a setting here, so navbot's configuration can be shown to cope.
import type { IdStyle } from './state.js';

export const DEFAULT_MUNICIPALITIES: readonly string[] = [
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

/** Texts of the public site; keys are stable, values are what a person sees (the memo's words). */
export const DEFAULT_PUBLIC_TEXTS = {
  siteTitle: 'Навигатор дополнительного образования детей',
  register: 'РЕГИСТРАЦИЯ',
  login: 'ВХОД',
  forgot: 'НЕ ПОМНЮ ПАРОЛЬ',
  logout: 'ВЫХОД',
  municipality: 'ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ (ДЛЯ РЕКОМЕНДАЦИИ ПРОГРАММ)',
  lastName: 'ВВЕДИТЕ ВАШУ ФАМИЛИЮ (ДЛЯ ОБРАЩЕНИЙ К ВАМ И ЗАПОЛНЕНИЯ ДОГОВОРОВ И ЗАЯВЛЕНИЙ)',
  firstName: 'ВВЕДИТЕ ВАШЕ ИМЯ',
  patronymic: 'ВВЕДИТЕ ВАШЕ ОТЧЕСТВО',
  phone: 'ВВЕДИТЕ НОМЕР МОБИЛЬНОГО ТЕЛЕФОНА (ДЛЯ СВЯЗИ ПРИ ОБРАБОТКЕ ЗАЯВОК)',
  email: 'ВВЕДИТЕ EMAIL (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)',
  password: 'ВЫБЕРИТЕ ПАРОЛЬ (ПАРОЛЬ ВАМ ПРИГОДИТСЯ, ЗАПОМНИТЕ ИЛИ ЗАПИШИТЕ ЕГО)',
  consent: 'Я ознакомлен и выражаю согласие с политикой конфиденциальности и пользовательским соглашением',
  captcha: 'Я не робот',
  submitRegister: 'ЗАРЕГИСТРИРОВАТЬСЯ',
  loginEmail: 'EMAIL',
  loginPassword: 'ПАРОЛЬ',
  submitLogin: 'ВОЙТИ',
  cabinet: 'ЛИЧНЫЙ КАБИНЕТ',
  tabs: ['ПРОФИЛЬ', 'ДЕТИ', 'ДОСТИЖЕНИЯ', 'ИСТОРИЯ ЗАЯВОК', 'ИСТОРИЯ ПРОСМОТРОВ', 'ОТЛОЖЕНО', 'ПАРОЛЬ'],
  childrenTab: 'ДЕТИ',
  childLastName: 'ФАМИЛИЯ',
  childFirstName: 'ИМЯ',
  childPatronymic: 'ОТЧЕСТВО',
  childBirthDate: 'ДЕНЬ РОЖДЕНИЯ',
  childSex: 'ПОЛ',
  male: 'Мужской',
  female: 'Женский',
  addChild: 'ДОБАВИТЬ РЕБЕНКА',
  save: 'СОХРАНИТЬ',
  cancel: 'ОТМЕНИТЬ ИЗМЕНЕНИЯ',
  emailTaken: 'Пользователь с таким email уже зарегистрирован',
  registered: 'Регистрация прошла успешно',
  childSaved: 'Ребенок добавлен',
};

/** Texts of the admin panel («Система управления Навигатором»). */
export const DEFAULT_ADMIN_TEXTS = {
  appTitle: 'Система управления Навигатором',
  loginEmail: 'E-mail',
  loginPassword: 'Пароль',
  loginButton: 'ВОЙТИ',
  loginFailed: 'Неверный e-mail или пароль',
  menuSiteUsers: 'Пользователи сайта',
  menuOrders: 'Заявки',
  menuPrograms: 'Программы',
  menuOrganizations: 'Организации',
  logout: 'Выход',
  userWindowTitle: '#{id} клиент',
  tabMain: 'Основные',
  tabActivity: 'Активность',
  tabChildren: 'Дети',
  tabOrders: 'Заявки',
  lastName: 'Фамилия',
  firstName: 'Имя',
  patronymic: 'Отчество',
  email: 'Email',
  verified: 'Проверен',
  phone: 'Телефон',
  resident: 'Резидент РФ',
  municipality: 'Муниципалитет',
  sendConfirmation: 'Отправить письмо с подтверждением email',
  save: 'Сохранить',
  close: 'Закрыть',
  addChild: 'Добавить ребенка',
  childName: 'ФИО ребенка',
  childDeleted: 'Удален?',
  childWindowTitle: 'Редактирование ребенка',
  childFirstName: 'Имя *',
  childBirthDate: 'Дата рождения *',
  childSex: 'Пол *',
  childParent: 'Родитель, законный представитель *',
  confirmation: 'Подтверждение',
  confirm: 'Подтвердить',
  editSnils: 'Редактировать СНИЛС',
  issueCertificate: 'Выдать сертификат',
  confirmQuestion: 'У ребенка не указан СНИЛС. Подтвердить данные ребенка без СНИЛС?',
  residentRefusal: 'Подтверждение без СНИЛС невозможно: родитель является резидентом РФ',
  certificateNeedsConfirmed: 'Сертификат можно выдать только подтвержденному ребенку',
  certificateWindowTitle: 'Новый сертификат',
  certificateChild: 'Ребенок:',
  certificateType: 'Тип сертификата *',
  certificateTypeEmpty: 'Выберите тип сертификата',
  // The three types' names: the combo's items and the certificates' `category_name`.
  certificateTypeUnconfirmed: 'Сертификат не подтвержден',
  certificateTypeAccounting: 'Сертификат учета',
  certificateTypeFunding: 'Сертификат финансирования',
  denomination: 'Номинал:',
  denominationEmpty: 'Сумма ...',
  certificates: 'Сертификаты',
  loading: 'Загрузка...',
  pagingText: 'Отображаются записи {0} - {1} из {2}',
  search: 'Поиск',
  saved: 'Сохранено',
  sessionExpired: 'Сессия истекла, войдите снова',
  // Further texts of the admin panel (grids, dialogs, messages); [inferred], overridable per region.
  columnId: 'ID',
  columnFullName: 'ФИО',
  columnName: 'Название',
  columnDate: 'Дата',
  columnStatus: 'Статус',
  columnProgram: 'Программа',
  columnEvent: 'Событие',
  yes: 'Да',
  no: 'Нет',
  create: 'Создать',
  open: 'Открыть',
  refresh: 'Обновить',
  find: 'Найти',
  emptyGrid: 'Нет данных для отображения',
  newUserWindowTitle: 'Новый клиент',
  confirmationSent: 'Письмо с подтверждением отправлено на {email}',
  activityRegistered: 'Регистрация на сайте',
  activityChildAdded: 'Добавлен ребенок: {name}',
  activityChildConfirmed: 'Подтвержден ребенок: {name}',
  activityCertificate: 'Выдан сертификат № {number}: {name}',
  noOrders: 'Заявок нет',
  childBirthDateColumn: 'Дата рождения',
  newChildWindowTitle: 'Новый ребенок',
  male: 'Мужской',
  female: 'Женский',
  confirmationStatus: 'Статус',
  confirmed: 'Подтвержден',
  notConfirmed: 'Не подтвержден',
  confirmedById: 'ID',
  confirmedByUser: 'Пользователь',
  confirmedByEmail: 'Email',
  confirmedByOrganization: 'Учреждение',
  confirmedByPhone: 'Телефон',
  confirmQuestionTitle: 'Подтверждение данных',
  childConfirmed: 'Данные ребенка подтверждены',
  certificateTypeColumn: 'Тип',
  certificateNumberColumn: 'Номер',
  certificateDenominationColumn: 'Номинал',
  certificateDateColumn: 'Дата выдачи',
  certificateIssued: 'Выдан сертификат № {number}',
  noCertificates: 'Сертификатов нет',
  cancel: 'Отмена',
  snils: 'СНИЛС',
  snilsWindowTitle: 'СНИЛС ребенка',
  snilsInvalid: 'СНИЛС должен содержать 11 цифр',
  saving: 'Сохранение...',
  errorTitle: 'Ошибка',
  serverErrorTitle: 'Ошибка сервера',
  serverError: 'Сервер вернул ошибку ({status}). Повторите попытку позже.',
  networkError: 'Нет связи с сервером. Проверьте подключение и повторите попытку.',
  notFound: 'Запись не найдена',
  requiredFields: 'Заполните обязательные поля',
  invalidCertificateType: 'Неизвестный тип сертификата',
  invalidEmail: 'Некорректный email',
  emailTaken: 'Пользователь с таким email уже существует',
};

/**
 * Stand variants: each differs from the default stand the way a real region does (see the
 * README, section 7, for what each changes and which source in NAVIGATOR.md says so).
 */
export const STAND_VARIANTS = ['memo', 'uuid', 'vendor-session', 'captcha-widget', 'slow', 'renamed'] as const;
export type StandVariant = (typeof STAND_VARIANTS)[number];

/** «memo,uuid» → ['memo', 'uuid']; throws a Russian message naming an unknown variant. */
export function parseVariants(text: string | readonly string[] | undefined): StandVariant[] {
  const names = (typeof text === 'string' ? text.split(',') : (text ?? [])).map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(STAND_VARIANTS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new Error(`Неизвестный вариант стенда: ${unknown.join(', ')}. Доступны: ${STAND_VARIANTS.join(', ')}`);
  }
  return [...new Set(names)] as StandVariant[];
}

/**
 * What the `renamed` variant calls otherwise (regions differ in words; ё where others write е).
 * `data/profiles/renamed.json` holds each of these texts under the profile's key for it.
 */
export const RENAMED_PUBLIC_TEXTS: Partial<typeof DEFAULT_PUBLIC_TEXTS> = {
  municipality: 'ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ',
  email: 'ВВЕДИТЕ ЭЛ. ПОЧТУ (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)',
  submitRegister: 'ЗАРЕГИСТРИРОВАТЬСЯ В НАВИГАТОРЕ',
  childrenTab: 'МОИ ДЕТИ',
  tabs: ['ПРОФИЛЬ', 'МОИ ДЕТИ', 'ДОСТИЖЕНИЯ', 'ИСТОРИЯ ЗАЯВОК', 'ИСТОРИЯ ПРОСМОТРОВ', 'ОТЛОЖЕНО', 'ПАРОЛЬ'],
  addChild: 'ДОБАВИТЬ РЕБЁНКА',
  childSaved: 'Ребёнок добавлен',
};

export const RENAMED_ADMIN_TEXTS: Partial<typeof DEFAULT_ADMIN_TEXTS> = {
  menuSiteUsers: 'Пользователи',
  email: 'Эл. почта',
  childName: 'ФИО ребёнка',
  childWindowTitle: 'Редактирование ребёнка',
  issueCertificate: 'Выдать сертификат ребёнку',
  certificateTypeAccounting: 'Сертификат учёта',
};

export interface StandRules {
  /** «Подтвердить» without SNILS is refused while the parent is «Резидент РФ». */
  refuseConfirmWhileResident: boolean;
  /** A certificate can be issued only to a confirmed child. */
  certificateNeedsConfirmed: boolean;
  /** Registration shows a «Я не робот» captcha that must be ticked. */
  captcha: boolean;
  /** A new site user must confirm the e-mail (via the control API) before the first login. */
  emailConfirmation: boolean;
  /**
   * Registration carries a captcha widget (an iframe the stand serves, `captchaSiteKey` in
   * `GET /api/config`); the form is refused without a token the widget issued.
   */
  captchaWidget: boolean;
}

export interface StandSettings {
  host: string;
  port: number;
  control: boolean;
  seed: number;
  adminEmail: string;
  adminPassword: string;
  regionCode: string;
  municipalities: readonly string[];
  publicTexts: typeof DEFAULT_PUBLIC_TEXTS;
  adminTexts: typeof DEFAULT_ADMIN_TEXTS;
  rules: StandRules;
  adminSessionTtlSec: number | null;
  publicSessionTtlSec: number | null;
  /**
   * The admin panel keeps a window's load mask up this long after the server has answered, and
   * only then shows the result (a slow regional server or a slow office PC): a robot that waits
   * for the request alone, not for the mask, acts too early.
   */
  slowMaskMs: number;
  /** Requests are written to the log, bodies included (passwords masked). */
  logRequests: boolean;
  /** The variants this stand was started with (already applied to the settings below). */
  variants: readonly StandVariant[];
  /** `memo`: the admin panel shows nothing the memo does not show (no invented columns, texts, grids). */
  memoOnly: boolean;
  /** How ids look from outside: numbers, or (`uuid`) strings. */
  idStyle: IdStyle;
  /**
   * How the admin panel keeps its session: `cookie` (the default stand), or `token` (`vendor-session`:
   * the login answers access_token / refresh_token / expired_at, the panel sends a bearer header).
   */
  adminAuth: 'cookie' | 'token';
  /** Lifetime of the `vendor-session` token, seconds (there it is the admin session's lifetime). */
  tokenTtlSec: number;
  /** The site key the captcha widget is served with (`captcha-widget`). */
  captchaSiteKey: string;
  /** Every answer of a page or an API waits this long first (`slow`: 5000). */
  latencyMs: number;
}

export type StandSettingsInput = Partial<Omit<StandSettings, 'publicTexts' | 'adminTexts' | 'rules' | 'variants'>> & {
  publicTexts?: Partial<typeof DEFAULT_PUBLIC_TEXTS>;
  adminTexts?: Partial<typeof DEFAULT_ADMIN_TEXTS>;
  rules?: Partial<StandRules>;
  /** Variants to apply (see STAND_VARIANTS); a setting given explicitly wins over a variant's. */
  variants?: readonly string[] | string;
};

/** What each variant sets; applied in STAND_VARIANTS order (so `renamed`'s words win over `memo`'s). */
function variantPreset(variant: StandVariant, input: StandSettingsInput): StandSettingsInput {
  switch (variant) {
    case 'memo':
      return { memoOnly: true };
    case 'uuid':
      return { idStyle: 'uuid' };
    case 'vendor-session': {
      const ttl = input.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC;
      return { adminAuth: 'token', tokenTtlSec: ttl, adminSessionTtlSec: ttl };
    }
    case 'captcha-widget':
      return { rules: { captchaWidget: true } };
    case 'slow':
      return { latencyMs: SLOW_LATENCY_MS };
    case 'renamed':
      return { publicTexts: RENAMED_PUBLIC_TEXTS, adminTexts: RENAMED_ADMIN_TEXTS };
  }
}

/** The vendor's token lives about 30 minutes (NAVIGATOR.md, REST API). */
export const DEFAULT_TOKEN_TTL_SEC = 1800;
/** One region answers in about 5 s a request (NAVIGATOR.md, REST API). */
export const SLOW_LATENCY_MS = 5000;
export const DEFAULT_CAPTCHA_SITE_KEY = 'stand-captcha-sitekey-0001';

export function standSettings(input: StandSettingsInput = {}): StandSettings {
  const variants = parseVariants(input.variants);
  // Defaults < variants (in STAND_VARIANTS order) < what the caller set explicitly.
  let merged: StandSettingsInput = {};
  for (const v of STAND_VARIANTS.filter((x) => variants.includes(x))) {
    const p = variantPreset(v, input);
    merged = {
      ...merged,
      ...p,
      publicTexts: { ...merged.publicTexts, ...p.publicTexts },
      adminTexts: { ...merged.adminTexts, ...p.adminTexts },
      rules: { ...merged.rules, ...p.rules },
    };
  }
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as StandSettingsInput;
  input = {
    ...merged,
    ...defined,
    publicTexts: { ...merged.publicTexts, ...input.publicTexts },
    adminTexts: { ...merged.adminTexts, ...input.adminTexts },
    rules: { ...merged.rules, ...input.rules },
  };
  return {
    host: input.host ?? '127.0.0.1',
    port: input.port ?? 8080,
    control: input.control ?? false,
    seed: input.seed ?? 1,
    adminEmail: input.adminEmail ?? 'admin@stand.local',
    adminPassword: input.adminPassword ?? 'stand-admin',
    regionCode: input.regionCode ?? '55',
    municipalities: input.municipalities ?? DEFAULT_MUNICIPALITIES,
    publicTexts: { ...DEFAULT_PUBLIC_TEXTS, ...input.publicTexts },
    adminTexts: { ...DEFAULT_ADMIN_TEXTS, ...input.adminTexts },
    rules: {
      refuseConfirmWhileResident: true,
      certificateNeedsConfirmed: true,
      captcha: false,
      emailConfirmation: false,
      captchaWidget: false,
      ...input.rules,
    },
    adminSessionTtlSec: input.adminSessionTtlSec ?? null,
    publicSessionTtlSec: input.publicSessionTtlSec ?? null,
    slowMaskMs: input.slowMaskMs ?? 0,
    logRequests: input.logRequests ?? true,
    variants,
    memoOnly: input.memoOnly ?? false,
    idStyle: input.idStyle ?? 'numeric',
    adminAuth: input.adminAuth ?? 'cookie',
    tokenTtlSec: input.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC,
    captchaSiteKey: input.captchaSiteKey ?? DEFAULT_CAPTCHA_SITE_KEY,
    latencyMs: input.latencyMs ?? 0,
  };
}
