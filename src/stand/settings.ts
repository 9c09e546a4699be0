// Settings of the training stand: everything a region may do differently (texts, municipality
// list, business rules) is a setting here, so navbot's configuration can be shown to cope.

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

export interface StandRules {
  /** «Подтвердить» without SNILS is refused while the parent is «Резидент РФ». */
  refuseConfirmWhileResident: boolean;
  /** A certificate can be issued only to a confirmed child. */
  certificateNeedsConfirmed: boolean;
  /** Registration shows a «Я не робот» captcha that must be ticked. */
  captcha: boolean;
  /** A new site user must confirm the e-mail (via the control API) before the first login. */
  emailConfirmation: boolean;
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
}

export type StandSettingsInput = Partial<Omit<StandSettings, 'publicTexts' | 'adminTexts' | 'rules'>> & {
  publicTexts?: Partial<typeof DEFAULT_PUBLIC_TEXTS>;
  adminTexts?: Partial<typeof DEFAULT_ADMIN_TEXTS>;
  rules?: Partial<StandRules>;
};

export function standSettings(input: StandSettingsInput = {}): StandSettings {
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
      ...input.rules,
    },
    adminSessionTtlSec: input.adminSessionTtlSec ?? null,
    publicSessionTtlSec: input.publicSessionTtlSec ?? null,
    slowMaskMs: input.slowMaskMs ?? 0,
    logRequests: input.logRequests ?? true,
  };
}
