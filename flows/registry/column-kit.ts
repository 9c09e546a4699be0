// What the registry's two queues share (shared/REGISTRY.md): the values a row carries for yes/no
// and the decision, the readers of their cells, the child's columns and how a document's cells
// are read by its type, and the child an example row shows.
import { bad, collapseSpaces, display, isBlank, normaliseDashes, ok, parseMunicipality, SEX_LABELS, type CellValue, type Checked, type FlowColumn, type ReadEnv, type RowCheck } from '../../src/intake/index.js';
import { DOCUMENT_LABELS, parseBirthCertificate, parsePassport, parseYesNo, type DocumentType } from './cells.js';

/** Yes/no as the row carries it. */
export const YES = 'true';
export const NO = 'false';
/** «Решение» as the row carries it. */
export const ACCEPT = 'accept';
export const REFUSE = 'refuse';
/** «Исправить»: the queue's filled fields are the documents' truth; navbot corrects the application to them (issue 26). */
export const CORRECT = 'correct';
export const DECISION_LABELS = { [ACCEPT]: 'Принять', [REFUSE]: 'Отказать', [CORRECT]: 'Исправить' } as const;

export const text = (c: CellValue) => collapseSpaces(display(c));
export const yesNo = (c: CellValue): Checked<string> => {
  const r = parseYesNo(c, false);
  return r.ok ? ok(r.value ? YES : NO) : r;
};
export const optional = (read: (c: CellValue) => Checked<string>) => (c: CellValue) => (isBlank(c) ? ok('') : read(c));
export const municipality = (c: CellValue, env: ReadEnv): Checked<string> => {
  const r = parseMunicipality(c, env.municipalities, env.defaultMunicipality);
  return r.ok ? r : bad(r.problem.replace('в списке Навигатора', 'в списке муниципалитетов'), r.fix);
};

// ---- the columns both queues share ---------------------------------------------------------------

export const child = {
  lastName: { field: 'lastName', header: 'Фамилия', aliases: ['Фамилия ребенка'], width: 18, format: 'text', rule: '', prompt: 'Фамилия ребенка, как в документе.' },
  firstName: { field: 'firstName', header: 'Имя', aliases: ['Имя ребенка'], width: 16, format: 'text', rule: '', prompt: 'Имя ребенка, как в документе.' },
  patronymic: { field: 'patronymic', header: 'Отчество', aliases: ['Отчество ребенка'], width: 18, format: 'text', rule: '', prompt: 'Отчество ребенка, как в документе (если есть).' },
  birthDate: {
    field: 'birthDate',
    header: 'Дата рождения',
    aliases: ['Дата рождения ребенка', 'Дата рожд.', 'Д.р.', 'ДР', 'Дата рождения (ДД.ММ.ГГГГ)'],
    width: 15,
    format: 'date',
    rule: '',
    prompt: 'ДД.ММ.ГГГГ, например 05.03.2016.',
  },
  sex: { field: 'sex', header: 'Пол', width: 11, list: () => [SEX_LABELS.male, SEX_LABELS.female], rule: '', prompt: 'Выберите из списка: Мужской или Женский.' },
  documentType: {
    field: 'documentType',
    header: 'Тип документа',
    aliases: ['Вид документа', 'Документ', 'Документ ребенка'],
    width: 24,
    list: () => Object.values(DOCUMENT_LABELS),
    rule: '',
    prompt: 'Документ, удостоверяющий личность ребенка: выберите из списка.',
  },
  documentSeries: {
    field: 'documentSeries',
    header: 'Серия документа',
    aliases: ['Серия', 'Серия свидетельства'],
    width: 14,
    format: 'text',
    rule: '',
    prompt: 'Свидетельство: IV-КН (римское число латиницей, дефис, две русские буквы). Паспорт: 4 цифры.',
  },
  documentNumber: {
    field: 'documentNumber',
    header: 'Номер документа',
    aliases: ['Номер свидетельства', 'Номер паспорта'],
    width: 14,
    format: 'text',
    rule: '',
    prompt: '6 цифр, например 123456.',
  },
} satisfies Record<string, FlowColumn>;

export const DOCUMENT_RULE =
  'Свидетельство о рождении: серия — римское число латинскими буквами I, V, X, L, C, дефис и две русские заглавные буквы, например IV-КН (перепутанные раскладки робот исправит); номер — 6 цифр. Паспорт РФ: серия — 4 цифры, номер — 6 цифр.';

/** The series and number of a document, read by its type (a row's rule). */
export function readDocument(row: RowCheck, optionalCells: boolean): void {
  const type = row.value('documentType') as DocumentType | '' | undefined;
  const seriesCell = row.cell('documentSeries');
  const numberCell = row.cell('documentNumber');
  if (optionalCells && isBlank(seriesCell) && isBlank(numberCell)) {
    row.read('documentSeries', () => ok(''));
    row.read('documentNumber', () => ok(''));
    return;
  }
  if (type === 'birth-certificate' || type === 'passport') {
    const parsed = type === 'passport' ? parsePassport(seriesCell, numberCell) : parseBirthCertificate(seriesCell, numberCell);
    const blankOk = (c: CellValue, r: Checked<string>) => (optionalCells && isBlank(c) ? ok('') : r);
    row.read('documentSeries', () => blankOk(seriesCell, parsed.series));
    row.read('documentNumber', () => blankOk(numberCell, parsed.number));
    return;
  }
  if (optionalCells && type === '') {
    // No type to read them by: they are compared as typed (look-alike letters folded).
    row.read('documentSeries', (c) => ok(normaliseDashes(text(c)).toUpperCase()));
    row.read('documentNumber', (c) => ok(text(c).replace(/\s+/g, '')));
    return;
  }
  // The type is missing or wrong (said at its cell): an empty series or number is still worth saying.
  if (!optionalCells) {
    if (isBlank(seriesCell)) row.problem('documentSeries', 'серия документа не заполнена', DOCUMENT_RULE);
    if (isBlank(numberCell)) row.problem('documentNumber', 'номер документа не заполнен', DOCUMENT_RULE);
  }
}

/** The child of the templates' first example row (as staff would type it). */
export const EXAMPLE_CHILD = {
  lastName: 'Иванов',
  firstName: 'Петр',
  patronymic: 'Сергеевич',
  birthDate: '20.05.2015',
  sex: 'Мужской',
  documentType: 'Свидетельство о рождении',
  documentSeries: 'IV-КН',
  documentNumber: '123456',
} as const;
