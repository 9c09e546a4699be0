// The registry app's settings on the stand (shared/REGISTRY.md): its texts, its business rules
// and the formats of its numbers (settings.ts makes a stand of them).
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
