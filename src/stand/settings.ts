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
 * Texts of the registry app («АИС «Реестр сертификатов»», the organisation's cabinet under
 * /registry/). REGISTRY.md gives the menu items, the «Получить сертификат» link, the over-14
 * checkbox, «Отправить», «Поиск заявки» with «Номер заявки» / «Номер сертификата» / «Поиск», and
 * the view page's buttons; everything else (labels, statuses, messages) is [inferred].
 */
export const DEFAULT_REGISTRY_TEXTS = {
  appTitle: 'АИС «Реестр сертификатов»',
  cabinetTitle: 'Личный кабинет организации',
  organization: 'МБУ ДО «Учебный центр дополнительного образования»',
  loginTitle: 'Вход в личный кабинет организации',
  loginLogin: 'Логин',
  loginPassword: 'Пароль',
  loginButton: 'Войти',
  loginFailed: 'Неверный логин или пароль',
  loginRequired: 'Введите логин и пароль',
  sessionExpired: 'Сессия истекла, войдите снова',
  menuCreate: 'Создать заявку',
  menuSearch: 'Поиск заявки',
  menuList: 'Заявки',
  logout: 'Выход',
  // The application form.
  createTitle: 'Создать заявку',
  childSection: 'Данные ребенка',
  childLastName: 'Фамилия ребенка',
  childFirstName: 'Имя ребенка',
  childPatronymic: 'Отчество ребенка',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  male: 'Мужской',
  female: 'Женский',
  documentSection: 'Документ, удостоверяющий личность ребенка',
  documentType: 'Тип документа',
  documentSeries: 'Серия',
  documentNumber: 'Номер',
  documentTypeBirthCertificate: 'Свидетельство о рождении',
  documentTypePassport: 'Паспорт РФ',
  documentTypeOther: 'Иной документ',
  getCertificate: 'Получить сертификат',
  certificateSection: 'Получение сертификата',
  over14: 'Ребенок старше 14 лет и подает заявление самостоятельно',
  over14Note: 'Заявитель — сам ребенок: ФИО заявителя совпадает с ФИО ребенка',
  applicantSection: 'Заявитель (родитель или законный представитель)',
  applicantLastName: 'Фамилия заявителя',
  applicantFirstName: 'Имя заявителя',
  applicantPatronymic: 'Отчество заявителя',
  phone: 'Телефон',
  email: 'Адрес электронной почты',
  municipality: 'Муниципалитет',
  municipalityNotChosen: 'Не выбран',
  chooseMunicipality: 'Выбрать муниципалитет',
  municipalityDialogTitle: 'Выбор муниципалитета',
  choose: 'Выбрать',
  cancel: 'Отмена',
  send: 'Отправить',
  sending: 'Отправка...',
  // After «Отправить».
  createdTitle: 'Заявка отправлена',
  created: 'Заявка № {number} отправлена. Ребенку присвоен сертификат № {certificate}',
  applicationNumber: 'Номер заявки',
  certificateNumber: 'Номер сертификата',
  openApplication: 'Открыть заявку',
  // «Поиск заявки».
  searchTitle: 'Поиск заявки',
  searchButton: 'Поиск',
  notFound: 'Заявка не найдена',
  // The list of the organisation's applications.
  listTitle: 'Заявки',
  find: 'Найти',
  listEmpty: 'Заявок не найдено',
  childName: 'ФИО ребенка',
  document: 'Документ',
  // The view page.
  viewTitle: 'Заявка № {number}',
  status: 'Статус',
  statusNew: 'Новая',
  statusConfirmed: 'Персональные данные подтверждены',
  statusReceived: 'Документы получены',
  statusRefused: 'Отказано',
  over14Short: 'Ребенок старше 14 лет, подает заявление самостоятельно',
  yes: 'Да',
  no: 'Нет',
  back: 'Назад',
  confirm: 'Подтвердить персональные данные',
  received: 'Документы получены',
  refuse: 'Отказать',
  edit: 'Редактировать',
  print: 'Распечатать заявление',
  refuseDialogTitle: 'Отказ в активации сертификата по заявке',
  refuseReason: 'Причина отказа',
  pdConfirmed: 'Персональные данные подтверждены',
  documentsReceived: 'Документы получены',
  // Status lines after an action.
  confirmedOk: 'Персональные данные подтверждены',
  alreadyConfirmed: 'Персональные данные уже подтверждены',
  receivedOk: 'Получение документов подтверждено',
  alreadyReceived: 'Получение документов уже подтверждено',
  refusedOk: 'В активации отказано. Причина: {reason}',
  saved: 'Изменения сохранены. Распечатайте заявление и передайте его заявителю на подпись',
  savedNeedsConfirmation: 'Изменения сохранены. Персональные данные нужно подтвердить заново. Распечатайте заявление и передайте его заявителю на подпись',
  // Refusals of an action (rules).
  receivedNeedsConfirmed: 'Сначала подтвердите персональные данные',
  refusedNoConfirm: 'По заявке оформлен отказ: подтверждение невозможно',
  refusedNoReceive: 'По заявке оформлен отказ: получение документов невозможно',
  refusedNoEdit: 'По заявке оформлен отказ: редактирование невозможно',
  alreadyRefused: 'По заявке уже оформлен отказ',
  lockedAfterReceived: 'Документы получены, заявка принята: изменение невозможно',
  duplicateDocument: 'Заявка на этот документ уже подана: заявка № {number}',
  // The edit form.
  editTitle: 'Редактирование заявки № {number}',
  consentsSection: 'Согласия',
  consents: [
    'Согласие заявителя на обработку персональных данных получено',
    'Заявитель ознакомлен с правилами персонифицированного финансирования дополнительного образования',
    'Данные заявления сверены с представленными документами',
  ],
  // The printable application.
  printTitle: 'ЗАЯВЛЕНИЕ о предоставлении сертификата дополнительного образования',
  printAction: 'Печать',
  signature: 'Подпись заявителя',
  printDate: 'Дата',
  // Field errors.
  formInvalid: 'Проверьте правильность заполнения формы',
  required: 'Заполните поле',
  nameInvalid: 'Допустимы только буквы, пробел, дефис и апостроф',
  birthDateInvalid: 'Укажите дату рождения',
  birthDateFuture: 'Дата рождения не может быть в будущем',
  birthDateTooOld: 'Проверьте год рождения',
  sexRequired: 'Укажите пол',
  documentTypeRequired: 'Выберите тип документа',
  birthSeriesInvalid: 'Серия свидетельства о рождении: римское число латинскими буквами I, V, X, L, C, дефис и две русские заглавные буквы, например IV-КН',
  birthSeriesLookalike: 'В серии свидетельства перепутаны раскладки: римское число — латинскими буквами (I, V, X, L, C), после дефиса — русскими',
  birthNumberInvalid: 'Номер свидетельства о рождении — 6 цифр',
  passportSeriesInvalid: 'Серия паспорта — 4 цифры',
  passportNumberInvalid: 'Номер паспорта — 6 цифр',
  otherInvalid: 'Не более 20 символов',
  over14TooYoung: 'Ребенку нет {age} лет: заявление подает родитель или законный представитель',
  phoneInvalid: 'Введите номер телефона полностью: +7 (XXX) XXX-XX-XX',
  emailInvalid: 'Введите корректный адрес электронной почты, например ivanov@mail.ru',
  municipalityRequired: 'Выберите муниципалитет',
  consentRequired: 'Отметьте согласие',
  reasonRequired: 'Укажите причину отказа',
  searchNumberRequired: 'Введите номер заявки',
  searchCertificateRequired: 'Введите номер сертификата',
};

export type RegistryTexts = typeof DEFAULT_REGISTRY_TEXTS;

/** The registry app's business rules (all [inferred]; on by default; switchable at run time). */
export interface RegistryRules {
  /** A second application for the same document (type + series + number) is refused, naming the first one's number. */
  duplicateDocument: boolean;
  /** «Документы получены» only after «Подтвердить персональные данные». */
  receivedNeedsConfirmed: boolean;
  /** A refused application is final: no confirmation, no «Документы получены», no editing, no second refusal. */
  refusedIsFinal: boolean;
  /** «Отказать» needs a reason. */
  refuseNeedsReason: boolean;
  /** The over-14 checkbox is accepted only for a child who is `over14Age` or older on the day of sending. */
  over14NeedsAge: boolean;
  /** After «Документы получены» the application is accepted: no editing, no refusal. */
  lockAfterReceived: boolean;
  /** Editing the child's data or document clears «персональные данные подтверждены». */
  editClearsConfirmation: boolean;
}

/** How the registry app looks and numbers things (all [inferred]; fixed when the stand starts). */
export interface RegistryFormat {
  /** Application numbers: prefix + zero-padded sequence, e.g. «З-000123». */
  applicationPrefix: string;
  applicationDigits: number;
  firstApplication: number;
  /** Certificate numbers: this many digits, the region code's digits first (55 → 5500000001). */
  certificateDigits: number;
  firstCertificate: number;
  /** The age from which a child applies by themselves. */
  over14Age: number;
  /** The municipality is chosen in a pop-up window (a dialog with a list and «Выбрать»); false — a plain select. */
  municipalityPopup: boolean;
  /** The applicant part of the form (and «Отправить») opens only through the link «Получить сертификат». */
  certificateLinkStep: boolean;
  /** The document type list offers «Иной документ». */
  otherDocument: boolean;
  /**
   * Birth certificate series typed with look-alike letters (Cyrillic С, Х, І in the Roman part;
   * Latin A, B, E, K, M, H, O, P, C, T, Y, X after the hyphen): `refuse` with a message saying so,
   * or `normalize` them to the proper script and accept.
   */
  seriesLookalikes: 'refuse' | 'normalize';
}

export const DEFAULT_REGISTRY_RULES: RegistryRules = {
  duplicateDocument: true,
  receivedNeedsConfirmed: true,
  refusedIsFinal: true,
  refuseNeedsReason: true,
  over14NeedsAge: true,
  lockAfterReceived: true,
  editClearsConfirmation: true,
};

export const DEFAULT_REGISTRY_FORMAT: RegistryFormat = {
  applicationPrefix: 'З-',
  applicationDigits: 6,
  firstApplication: 123,
  certificateDigits: 10,
  firstCertificate: 1,
  over14Age: 14,
  municipalityPopup: true,
  certificateLinkStep: true,
  otherDocument: true,
  seriesLookalikes: 'refuse',
};

/**
 * Stand variants: each differs from the default stand the way a real region does (see the
 * README, section 7, for what each changes and which source in NAVIGATOR.md says so).
 */
export const STAND_VARIANTS = ['memo', 'uuid', 'vendor-session', 'captcha-widget', 'slow', 'renamed', 'post-check', 'modal-register', 'kids-form', 'desktop', 'window-confirm', 'no-record'] as const;
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
  /**
   * The cabinet's login carries the same captcha widget (issue 22 §5: a region may ask «Я не робот»
   * at the login too); the login is refused without a token the widget issued.
   */
  captchaLogin: boolean;
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
  /**
   * Where a kid's certificates are read (certificate-api.ts): `get-list` — the invented
   * `GET …/certificate/kid/{kid_id}` list and `GET /api/rest/certificate?kid_id=`;
   * `post-check` (`post-check`, `memo`) — only `POST …/certificate/kid/{kid_id}?eventId=`, one object.
   */
  certificateRead: 'get-list' | 'post-check';
  /** How ids look from outside: numbers, or (`uuid`) strings. */
  idStyle: IdStyle;
  /** Admin structure (issue 22 §2, README §7): see AdminShape. */
  adminShape: AdminShape;
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
  /**
   * The public site's structure (README §7): `modal-register` — registration, login and «НЕ ПОМНЮ
   * ПАРОЛЬ» as tabs of one modal, placeholders instead of labels, a custom municipality list;
   * `kids-form` — the «ДЕТИ» tab shows the child form at once (memo, Рис. 1 and Рис. 2).
   */
  publicForms: 'pages' | 'modal';
  publicChildren: 'list' | 'form';
  /** The registry app's organisation account (/registry/login). */
  registryLogin: string;
  registryPassword: string;
  /** Lifetime of a registry session in seconds; null = until expired on demand. */
  registrySessionTtlSec: number | null;
  registryTexts: RegistryTexts;
  registryRules: RegistryRules;
  registryFormat: RegistryFormat;
}

/**
 * How the admin panel is built (README §7): `layout` 'tree' (menu tree, sections in the content
 * area) or 'desktop' (`desktop`: start menu «Пуск», sections as windows, the users list filtered by
 * placeholder fields); `dialogs` 'msg' (Ext.Msg) or 'window' (`window-confirm`: «Подтверждение» and
 * «Ошибка» windows); `shownOnly` (`no-record`): the child window's form and the «Дети» grid hold
 * only what they show.
 */
export interface AdminShape {
  layout: 'tree' | 'desktop';
  dialogs: 'msg' | 'window';
  shownOnly: boolean;
}

export type StandSettingsInput = Partial<
  Omit<StandSettings, 'publicTexts' | 'adminTexts' | 'rules' | 'variants' | 'registryTexts' | 'registryRules' | 'registryFormat' | 'adminShape'>
> & {
  adminShape?: Partial<AdminShape>;
  publicTexts?: Partial<typeof DEFAULT_PUBLIC_TEXTS>;
  adminTexts?: Partial<typeof DEFAULT_ADMIN_TEXTS>;
  rules?: Partial<StandRules>;
  registryTexts?: Partial<RegistryTexts>;
  registryRules?: Partial<RegistryRules>;
  registryFormat?: Partial<RegistryFormat>;
  /** Variants to apply (see STAND_VARIANTS); a setting given explicitly wins over a variant's. */
  variants?: readonly string[] | string;
};

/** What each variant sets; applied in STAND_VARIANTS order (so `renamed`'s words win over `memo`'s). */
function variantPreset(variant: StandVariant, input: StandSettingsInput): StandSettingsInput {
  switch (variant) {
    case 'memo':
      // The memo shows no certificate list: the save's answer and the per-event check remain.
      return { memoOnly: true, certificateRead: 'post-check' };
    case 'post-check':
      return { certificateRead: 'post-check' };
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
    case 'modal-register':
      return { publicForms: 'modal' };
    case 'kids-form':
      return { publicChildren: 'form' };
    case 'desktop':
      return { adminShape: { layout: 'desktop' } };
    case 'window-confirm':
      return { adminShape: { dialogs: 'window' } };
    case 'no-record':
      return { adminShape: { shownOnly: true } };
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
      adminShape: { ...merged.adminShape, ...p.adminShape },
    };
  }
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as StandSettingsInput;
  input = {
    ...merged,
    ...defined,
    publicTexts: { ...merged.publicTexts, ...input.publicTexts },
    adminTexts: { ...merged.adminTexts, ...input.adminTexts },
    rules: { ...merged.rules, ...input.rules },
    adminShape: { ...merged.adminShape, ...input.adminShape },
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
      captchaLogin: false,
      ...input.rules,
    },
    adminSessionTtlSec: input.adminSessionTtlSec ?? null,
    publicSessionTtlSec: input.publicSessionTtlSec ?? null,
    slowMaskMs: input.slowMaskMs ?? 0,
    logRequests: input.logRequests ?? true,
    variants,
    memoOnly: input.memoOnly ?? false,
    certificateRead: input.certificateRead ?? 'get-list',
    idStyle: input.idStyle ?? 'numeric',
    adminShape: { layout: 'tree', dialogs: 'msg', shownOnly: false, ...input.adminShape },
    adminAuth: input.adminAuth ?? 'cookie',
    tokenTtlSec: input.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC,
    captchaSiteKey: input.captchaSiteKey ?? DEFAULT_CAPTCHA_SITE_KEY,
    latencyMs: input.latencyMs ?? 0,
    publicForms: input.publicForms ?? 'pages',
    publicChildren: input.publicChildren ?? 'list',
    registryLogin: input.registryLogin ?? 'org@stand.local',
    registryPassword: input.registryPassword ?? 'stand-org',
    registrySessionTtlSec: input.registrySessionTtlSec ?? null,
    registryTexts: { ...DEFAULT_REGISTRY_TEXTS, ...input.registryTexts },
    registryRules: { ...DEFAULT_REGISTRY_RULES, ...input.registryRules },
    registryFormat: { ...DEFAULT_REGISTRY_FORMAT, ...input.registryFormat },
  };
}
