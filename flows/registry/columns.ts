// The queue columns of the certificate registry's two flows (issue 14, shared/REGISTRY.md): what
// each column is called, how its cell is read, its drop-down list and rule in the template, and
// the rules across a row's cells (the document's type decides its series and number; the over-14
// mark must agree with the birth date; «Отказать» needs a reason). Intake reads them generically.
import { ageAt, bad, fold, isBlank, latinToCyrillic, normaliseDashes, ok, parseBirthDate, parseSex, shown, type CellValue, type Checked, type ColumnSet, type RowCheck } from '../../src/intake/index.js';
import { DOCUMENT_LABELS, over14Problem, parseApplicantEmail, parseDocumentType, parsePersonName, parsePhone } from './cells.js';
import { ACCEPT, child, CORRECT, DECISION_LABELS, DOCUMENT_RULE, EXAMPLE_CHILD, municipality, NO, optional, readDocument, REFUSE, text, YES, yesNo } from './column-kit.js';

export { ACCEPT, CORRECT, DECISION_LABELS, NO, REFUSE, YES } from './column-kit.js';

// ---- registry-apply -------------------------------------------------------------------------------

const over14Rule = 'Да — ребенку 14 лет или больше, он подает заявление сам; Нет или пусто — заявление подает родитель или законный представитель.';

export const REGISTRY_APPLY_COLUMNS: ColumnSet = {
  flow: 'registry-apply',
  row: 'одна заявка на сертификат (один ребенок)',
  columns: [
    { ...child.lastName, required: true, read: (c) => parsePersonName(c, 'фамилия', true), rule: 'Обязательно. Фамилия ребенка, как в документе: русские буквы, дефис, пробел, апостроф.' },
    { ...child.firstName, required: true, read: (c) => parsePersonName(c, 'имя', true), rule: 'Обязательно. Имя ребенка, как в документе.' },
    { ...child.patronymic, read: (c) => parsePersonName(c, 'отчество', false), rule: 'Если есть в документе. Отчество ребенка.' },
    {
      ...child.birthDate,
      required: true,
      read: (c, env) => parseBirthDate(c, env),
      rule: (env) => `Обязательно. ДД.ММ.ГГГГ, например 05.03.2016. Ребенку от ${env.minAge} до ${env.maxAge} лет включительно.`,
    },
    { ...child.sex, required: true, read: (c) => parseSex(c), rule: 'Обязательно. Мужской или Женский (из списка; можно М, Ж).' },
    { ...child.documentType, required: true, read: (c) => parseDocumentType(c), rule: `Обязательно. ${Object.values(DOCUMENT_LABELS).join(' или ')} (из списка).` },
    { ...child.documentSeries, required: true, rule: `Обязательно. ${DOCUMENT_RULE}` },
    { ...child.documentNumber, required: true, rule: 'Обязательно. 6 цифр (нули в начале сохраняются).' },
    {
      field: 'municipality',
      header: 'Муниципалитет',
      aliases: ['Муниципальное образование'],
      width: 24,
      list: (env) => env.municipalities,
      read: municipality,
      rule: (env) => (env.defaultMunicipality ? `Где будет использован сертификат; из списка. Пусто — «${env.defaultMunicipality}».` : 'Обязательно. Где будет использован сертификат; из списка.'),
      prompt: 'Где ребенок будет использовать сертификат: выберите из списка.',
    },
    {
      field: 'over14',
      header: 'Старше 14 лет',
      aliases: ['Старше 14', 'Ребенок старше 14 лет', '14 лет и старше'],
      width: 11,
      list: () => ['Да', 'Нет'],
      read: yesNo,
      rule: `${over14Rule} Должно совпадать с датой рождения.`,
      prompt: 'Да — ребенок подает заявление сам (ему 14 или больше). Пусто — Нет.',
    },
    { field: 'applicantLastName', header: 'Фамилия заявителя', aliases: ['Фамилия родителя'], width: 18, format: 'text', rule: 'Обязательно, если «Старше 14 лет» — Нет: фамилия родителя или законного представителя. При «Да» не нужна: заявитель — сам ребенок.' },
    { field: 'applicantFirstName', header: 'Имя заявителя', aliases: ['Имя родителя'], width: 16, format: 'text', rule: 'Обязательно, если «Старше 14 лет» — Нет. При «Да» не нужно.' },
    { field: 'applicantPatronymic', header: 'Отчество заявителя', aliases: ['Отчество родителя'], width: 18, format: 'text', rule: 'Если есть. При «Старше 14 лет» — Да не нужно.' },
    {
      field: 'applicantPhone',
      header: 'Телефон заявителя',
      aliases: ['Телефон', 'Телефон родителя'],
      width: 18,
      format: 'text',
      required: true,
      read: (c) => parsePhone(c, true),
      rule: 'Обязательно: реестр спрашивает телефон и при «Старше 14 лет» — Да (тогда это телефон самого ребенка). 10 цифр после +7, например +7 (912) 345-67-89.',
      prompt: 'Например +7 (912) 345-67-89.',
    },
    {
      field: 'applicantEmail',
      header: 'E-mail заявителя',
      aliases: ['E-mail', 'Email заявителя', 'Эл. почта заявителя', 'Электронная почта заявителя', 'E-mail родителя'],
      width: 26,
      format: 'text',
      required: true,
      read: (c) => parseApplicantEmail(c, true),
      rule: 'Обязательно: реестр спрашивает почту и при «Старше 14 лет» — Да (тогда это почта самого ребенка). Адрес вида name@example.ru.',
    },
  ],
  check(row, env) {
    readDocument(row, false);
    const over14 = row.value('over14');
    const birth = row.value('birthDate');
    if (over14 !== undefined && birth !== undefined) {
      const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
      const why = over14Problem(over14 === YES, ageAt({ y, m, d }, env.today));
      if (why && !why.ok) row.problem('over14', why.problem, why.fix);
    }
    // The applicant is the child from 14 on: the applicant's names are then not needed (if typed, still checked).
    const needed = over14 === NO;
    row.read('applicantLastName', (c) => parsePersonName(c, 'фамилия заявителя', needed));
    row.read('applicantFirstName', (c) => parsePersonName(c, 'имя заявителя', needed));
    row.read('applicantPatronymic', (c) => parsePersonName(c, 'отчество заявителя', false));
  },
  unique: [
    {
      fields: ['documentType', 'documentSeries', 'documentNumber'],
      at: 'documentNumber',
      problem: (others) => `такой же документ (тип, серия и номер) в ${others.length === 1 ? 'строке' : 'строках'} ${others.join(', ')}: на один документ подается одна заявка`,
      fix: 'Проверьте серию и номер по документу; если это один и тот же ребенок — удалите лишнюю строку.',
    },
  ],
  examples: [
    {
      key: 'ПРИМЕР-1',
      ...EXAMPLE_CHILD,
      municipality: 'г. Северный',
      over14: 'Нет',
      applicantLastName: 'Иванова',
      applicantFirstName: 'Мария',
      applicantPatronymic: 'Петровна',
      applicantPhone: '+7 (999) 123-45-67',
      applicantEmail: 'ivanova@mail.ru',
    },
    {
      key: 'ПРИМЕР-2',
      lastName: 'Петрова',
      firstName: 'Анна',
      patronymic: 'Игоревна',
      birthDate: '12.04.2010',
      sex: 'Женский',
      documentType: 'Паспорт РФ',
      documentSeries: '45 05',
      documentNumber: '765432',
      municipality: 'г. Северный',
      over14: 'Да',
      applicantLastName: '',
      applicantFirstName: '',
      applicantPatronymic: '',
      applicantPhone: '8 912 000-11-22',
      applicantEmail: 'anna.petrova@mail.ru',
    },
  ],
  notes: [
    'Что делает робот: для каждой строки ищет в реестре заявку на этот документ (по ФИО ребенка и дате рождения); если её нет — заполняет «Создать заявку», выбирает муниципалитет и нажимает «Отправить». Номер заявки, номер сертификата и распечатанное заявление (PDF) — в отчёте.',
    'Повторный запуск той же очереди новых заявок не создаёт: найденная заявка отмечается «Заявка уже была».',
  ],
};

// ---- registry-accept ------------------------------------------------------------------------------

/** The child's columns «Исправить» may write into the application. */
export const CORRECTABLE = ['lastName', 'firstName', 'patronymic', 'birthDate', 'sex', 'documentType', 'documentSeries', 'documentNumber'] as const;

/** «Исправить» writes the row's values: at least one is needed, and a series or number only with its document's type. */
function correctable(row: RowCheck): void {
  if (CORRECTABLE.every((f) => isBlank(row.cell(f)))) {
    row.problem('decision', 'при «Исправить» не заполнено ни одно поле ребенка: исправлять нечем', 'Заполните верные по документам поля (например «Серия документа» и «Отчество») или выберите другое решение.');
  }
  const typed = (f: string) => !isBlank(row.cell(f));
  if ((typed('documentSeries') || typed('documentNumber')) && isBlank(row.cell('documentType'))) {
    row.problem('documentType', 'при «Исправить» серия и номер документа пишутся в заявку только вместе с типом документа', 'Выберите «Тип документа» по документу заявителя.');
  }
}

const applicationNumber = (c: CellValue): Checked<string> => {
  const fix = 'Впишите номер заявки из реестра, например З-000123.';
  const raw = normaliseDashes(text(c)).replace(/\s*-\s*/g, '-').replace(/^№\s*/, '');
  if (raw === '') return bad('номер заявки не заполнен', fix);
  if (raw.length > 30 || !/^[\p{L}\p{N}][\p{L}\p{N}/-]*$/u.test(raw)) return bad(`«${shown(raw)}» не похоже на номер заявки`, fix);
  return ok(raw.toUpperCase());
};

/** The certificate's number: 10 digits [peer]; a number cell is read as its digits. */
const certificateNumber = (c: CellValue): Checked<string> => {
  const fix = 'Впишите номер сертификата из реестра: 10 цифр, например 5500000001 (лучше в ячейке с форматом «Текстовый»).';
  const raw = c.kind === 'number' && Number.isInteger(c.n) ? String(c.n) : text(c).replace(/[\s-]/g, '');
  if (raw === '') return bad('номер сертификата не заполнен', fix);
  return /^\d{10}$/.test(raw) ? ok(raw) : bad(`«${shown(text(c))}» — номер сертификата должен состоять из 10 цифр`, fix);
};

const decision = (c: CellValue): Checked<string> => {
  const raw = fold(latinToCyrillic(text(c))).replace(/\.$/, '');
  if (raw === '' || ['принять', 'принята', 'прием', 'принять заявку'].includes(raw)) return ok(ACCEPT);
  if (['отказать', 'отказ', 'отказано'].includes(raw)) return ok(REFUSE);
  if (['исправить', 'исправление', 'исправить заявку', 'редактировать'].includes(raw)) return ok(CORRECT);
  return bad(`решение «${shown(text(c))}» не распознано`, 'Выберите из списка: Принять, Отказать или Исправить (пустая ячейка — Принять).');
};

export const REGISTRY_ACCEPT_COLUMNS: ColumnSet = {
  flow: 'registry-accept',
  row: 'одна заявка, по которой заявитель принес документы',
  columns: [
    {
      field: 'applicationNumber',
      header: 'Номер заявки',
      aliases: ['№ заявки'],
      width: 14,
      format: 'text',
      required: true,
      read: applicationNumber,
      rule: 'Обязательно. Номер заявки из реестра, например З-000123.',
      prompt: 'Номер заявки из реестра, например З-000123.',
    },
    {
      field: 'certificateNumber',
      header: 'Номер сертификата',
      aliases: ['№ сертификата'],
      width: 14,
      format: 'text',
      required: true,
      read: certificateNumber,
      rule: 'Обязательно. Номер сертификата из реестра: 10 цифр.',
      prompt: 'Номер сертификата: 10 цифр.',
    },
    { ...child.lastName, read: optional((c) => parsePersonName(c, 'фамилия', false)), rule: 'Для сверки, если заполнено: фамилия ребенка по документу.' },
    { ...child.firstName, read: optional((c) => parsePersonName(c, 'имя', false)), rule: 'Для сверки, если заполнено: имя ребенка по документу.' },
    { ...child.patronymic, read: optional((c) => parsePersonName(c, 'отчество', false)), rule: 'Для сверки, если заполнено: отчество ребенка по документу.' },
    {
      ...child.birthDate,
      // Any child's birth date: the age was the registry's business when the application was made.
      read: (c, env) => (isBlank(c) ? ok('') : parseBirthDate(c, { ...env, minAge: 0, maxAge: 17 })),
      rule: 'Для сверки, если заполнено: дата рождения по документу, ДД.ММ.ГГГГ.',
    },
    { ...child.sex, read: optional((c) => parseSex(c)), rule: 'Для сверки, если заполнено: Мужской или Женский.' },
    { ...child.documentType, read: optional((c) => parseDocumentType(c)), rule: 'Для сверки, если заполнено: тип документа (из списка).' },
    { ...child.documentSeries, rule: `Для сверки, если заполнено. ${DOCUMENT_RULE} Латинские и русские буквы одинакового вида при сверке не различаются.` },
    { ...child.documentNumber, rule: 'Для сверки, если заполнено: номер документа.' },
    {
      field: 'decision',
      header: 'Решение',
      width: 12,
      list: () => [DECISION_LABELS[ACCEPT], DECISION_LABELS[REFUSE], DECISION_LABELS[CORRECT]],
      read: decision,
      rule: 'Принять (или пусто) — если все заполненные поля совпадут с заявкой, робот нажмет «Подтвердить персональные данные» и «Документы получены». Отказать — робот нажмет «Отказать» с вашей причиной; сверку он тогда не делает. Исправить — заполненные поля строки верны по документам: робот исправит в заявке («Редактировать») те, что отличаются, отметит согласия, нажмет «Отправить» и распечатает заявление (PDF в отчёте); ничего не подтверждает.',
      prompt: 'Принять (пусто), Отказать или Исправить.',
    },
    {
      field: 'refuseReason',
      header: 'Причина отказа',
      aliases: ['Причина'],
      width: 34,
      rule: 'Обязательно при «Отказать»: её увидит заявитель. При «Принять» оставьте пустой.',
      prompt: 'Только при «Отказать»: причина, которую увидит заявитель.',
    },
  ],
  check(row) {
    readDocument(row, true);
    if (row.value('decision') === CORRECT) correctable(row);
    const refuse = row.value('decision') === REFUSE;
    row.read('refuseReason', (c) => {
      const reason = text(c);
      if (refuse && reason === '') return bad('при «Отказать» нужна причина отказа', 'Впишите причину отказа: её увидит заявитель.');
      const said = row.value('decision');
      if (!refuse && reason !== '' && (said === ACCEPT || said === CORRECT)) {
        return bad(`причина отказа заполнена, а решение — «${DECISION_LABELS[said]}»`, 'Если нужно отказать — выберите в «Решение» «Отказать»; иначе очистите ячейку.');
      }
      if (reason.length > 1000) return bad('причина отказа длиннее 1000 символов', 'Сократите причину.');
      return ok(reason);
    });
  },
  unique: [
    {
      fields: ['applicationNumber'],
      at: 'applicationNumber',
      problem: (others) => `эта заявка уже есть в ${others.length === 1 ? 'строке' : 'строках'} ${others.join(', ')}`,
      fix: 'Одна заявка — одна строка: удалите лишнюю или исправьте номер.',
    },
  ],
  examples: [
    {
      key: 'ПРИМЕР-1',
      applicationNumber: 'З-000123',
      certificateNumber: '5500000001',
      ...EXAMPLE_CHILD,
      decision: 'Принять',
      refuseReason: '',
    },
    {
      key: 'ПРИМЕР-2',
      applicationNumber: 'З-000124',
      certificateNumber: '5500000002',
      lastName: '',
      firstName: '',
      patronymic: '',
      birthDate: '',
      sex: '',
      documentType: '',
      documentSeries: '',
      documentNumber: '',
      decision: 'Отказать',
      refuseReason: 'Заявитель не представил свидетельство о рождении',
    },
    {
      key: 'ПРИМЕР-3',
      applicationNumber: 'З-000125',
      certificateNumber: '5500000003',
      lastName: '',
      firstName: '',
      patronymic: 'Игоревна',
      birthDate: '',
      sex: '',
      documentType: 'Свидетельство о рождении',
      documentSeries: 'III-АБ',
      documentNumber: '',
      decision: 'Исправить',
      refuseReason: '',
    },
  ],
  notes: [
    'Что делает робот: находит заявку через «Поиск заявки» по обоим номерам и сверяет с ней каждое заполненное поле (ё и е, регистр и лишние пробелы не различаются). Все совпали — «Подтвердить персональные данные», затем «Документы получены». Хоть одно не совпало — ничего не нажимает и пишет в отчёте, какие поля отличаются и чем.',
    'Отказывает робот только там, где вы написали «Отказать» и причину.',
    'Исправить — заполненные поля строки верны по документам. Робот находит заявку, исправляет в ней («Редактировать») только отличающиеся поля, отмечает все согласия, нажимает «Отправить», проверяет, что заявка теперь совпадает, и сохраняет «Распечатать заявление» (PDF в отчёте). Статус строки — «Исправлена — дайте подписать»: дайте заявление законному представителю на подпись, затем поставьте «Принять» и запустите строку снова. Подтвержденную или отклоненную заявку робот не исправляет.',
  ],
};
