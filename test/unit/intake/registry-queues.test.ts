// The registry queues' columns (flows/registry/columns.ts) read by intake's generic column sets:
// what a valid row sends, every bad cell at once, the rules across cells, and the template.
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY_ACCEPT_COLUMNS, REGISTRY_APPLY_COLUMNS } from '../../../flows/registry/columns.js';
import { columnValues, formatReport, IntakeFileError, QUEUE_SHEET, readQueue, writeTemplate } from '../../../src/intake/index.js';
import { OPTIONS, tempDir, utc, workbook } from './helpers.js';

const dir = tempDir();
const APPLY = { ...OPTIONS, columns: REGISTRY_APPLY_COLUMNS };
const ACCEPT = { ...OPTIONS, columns: REGISTRY_ACCEPT_COLUMNS };

const APPLY_HEADERS = [
  'Ключ', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Тип документа', 'Серия документа', 'Номер документа', 'Муниципалитет',
  'Старше 14 лет', 'Фамилия заявителя', 'Имя заявителя', 'Отчество заявителя', 'Телефон заявителя', 'E-mail заявителя', 'Примечание',
];

describe('registry-apply queue', () => {
  it('should send exactly the declared columns, normalised, and keep the staff’s own apart', async () => {
    const file = await workbook(dir, [
      APPLY_HEADERS,
      ['А-1', 'Иванов', 'Пётр', 'Сергеевич', utc(2015, 5, 20), 'М', 'Свидетельство о рождении', 'ХII-MЮ', 12345, 'г. северный', '', 'Иванова', 'Мария', '', '8 (999) 123-45-67', 'Ivanova@Mail.ru', 'позвонить'],
      ['А-2', 'Петрова', 'Анна', '', '12.04.2010', 'Ж', 'паспорт', '45 05', '765432', 'г. Северный', 'Да', '', '', '', '9120001122', 'anna@mail.ru', ''],
    ]);
    const r = await readQueue(file, APPLY);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => columnValues(x.sent, REGISTRY_APPLY_COLUMNS))).toEqual([
      {
        key: 'a-1', lastName: 'Иванов', firstName: 'Пётр', patronymic: 'Сергеевич', birthDate: '2015-05-20', sex: 'male',
        documentType: 'birth-certificate', documentSeries: 'XII-МЮ', documentNumber: '012345', municipality: 'г. Северный', over14: 'false',
        applicantLastName: 'Иванова', applicantFirstName: 'Мария', applicantPatronymic: '', applicantPhone: '+79991234567', applicantEmail: 'ivanova@mail.ru',
      },
      {
        key: 'a-2', lastName: 'Петрова', firstName: 'Анна', patronymic: '', birthDate: '2010-04-12', sex: 'female',
        documentType: 'passport', documentSeries: '4505', documentNumber: '765432', municipality: 'г. Северный', over14: 'true',
        applicantLastName: '', applicantFirstName: '', applicantPatronymic: '', applicantPhone: '+79120001122', applicantEmail: 'anna@mail.ru',
      },
    ]);
    expect(r.staffHeaders).toEqual(['Примечание']);
    expect(r.rows[0]!.staff).toEqual({ Примечание: 'позвонить' });
    expect(JSON.stringify(r.rows.map((x) => x.sent))).not.toContain('позвонить');
  });

  it('should say every bad cell of a row at once, with its column, value and fix', async () => {
    const file = await workbook(dir, [
      APPLY_HEADERS,
      // 10 years old but «Старше 14 лет» = Да; a series that is no Roman number; 5 digits; no phone.
      ['Б-1', 'Сидоров', 'Ivan', '', '01.02.2015', 'муж', 'Свидетельство о рождении', 'IIII-КН', '12345', 'Нет такого', 'Да', '', '', '', '', 'bad@', ''],
      // Under 14 with «Нет», so the applicant's names are needed.
      ['Б-2', 'Сидоров', 'Олег', '', '01.02.2016', 'М', 'Загранпаспорт', '', '', 'г. Северный', 'Нет', '', '', '', '+7 912 000 11 22', 'a@b.ru', ''],
    ]);
    const r = await readQueue(file, APPLY);
    expect(r.rows).toEqual([]);
    const byRow = (n: number) => r.invalid.find((x) => x.rowNumber === n)!.problems.map((p) => `${p.column} ${p.header}: ${p.problem}`);
    expect(byRow(2)).toEqual([
      'C Имя: «Ivan» — в имени допустимы только русские буквы, пробел, дефис и апостроф',
      'H Серия документа: серия «IIII-КН» записана неверно',
      'I Номер документа: номер свидетельства «12345» — нужно 6 цифр',
      'J Муниципалитет: муниципалитета «Нет такого» нет в списке муниципалитетов',
      'K Старше 14 лет: отмечено «Старше 14 лет», а ребенку 10 (по дате рождения)',
      'O Телефон заявителя: телефон не заполнен',
      expect.stringMatching(/^P E-mail заявителя: «bad@» — не адрес электронной почты/),
    ]);
    expect(byRow(3)).toEqual([
      'G Тип документа: тип документа «Загранпаспорт» не распознан',
      'H Серия документа: серия документа не заполнена',
      'I Номер документа: номер документа не заполнен',
      'L Фамилия заявителя: фамилия заявителя не заполнена',
      'M Имя заявителя: имя заявителя не заполнено',
    ]);
    const series = r.problems.find((p) => p.header === 'Серия документа' && p.rowNumber === 2)!;
    expect(series).toMatchObject({ value: 'IIII-КН', fix: expect.stringContaining('IV-КН') });
    expect(r.problems.find((p) => p.header === 'Фамилия заявителя')!.fix).toBe('Впишите фамилию заявителя как в документе.');
    expect(formatReport(r)).toContain('Строка 2 (ключ «Б-1»):');
  });

  it('should refuse a 14-year-old applied for by a parent, and one document in two rows', async () => {
    const row = (key: string, birth: string, over14: string, number: string) => [
      key, 'Козлов', 'Игорь', '', birth, 'М', 'Свидетельство о рождении', 'IV-КН', number, 'г. Северный', over14, 'Козлова', 'Ольга', '', '+79120001122', 'k@mail.ru', '',
    ];
    const file = await workbook(dir, [APPLY_HEADERS, row('В-1', '01.01.2010', 'Нет', '111111'), row('В-2', '01.01.2016', '', '222222'), row('В-3', '01.01.2017', '', '222222')]);
    const r = await readQueue(file, APPLY);
    expect(r.invalid.map((x) => [x.rowNumber, x.problems.map((p) => p.problem)])).toEqual([
      [2, ['ребенку уже 15: с 14 лет заявление подает он сам']],
      [3, ['такой же документ (тип, серия и номер) в строке 4: на один документ подается одна заявка']],
      [4, ['такой же документ (тип, серия и номер) в строке 3: на один документ подается одна заявка']],
    ]);
  });

  it('should name the missing required columns, and leave the memo’s «E-mail» header to its alias', async () => {
    const file = await workbook(dir, [['Ключ', 'Фамилия', 'Имя', 'Дата рождения', 'Пол'], ['Г-1', 'Иванов', 'Иван', '01.01.2015', 'М']]);
    const e = await readQueue(file, APPLY).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IntakeFileError);
    expect((e as IntakeFileError).code).toBe('missing-columns');
    expect((e as Error).message).toContain('«Тип документа», «Серия документа», «Номер документа»');
    expect((e as Error).message).toContain('navbot template --flow registry-apply');
  });
});

const ACCEPT_HEADERS = ['Ключ', 'Номер заявки', 'Номер сертификата', 'Фамилия', 'Имя', 'Тип документа', 'Серия документа', 'Номер документа', 'Решение', 'Причина отказа', 'Примечание'];

describe('registry-accept queue', () => {
  it('should read numbers, optional fields to compare, and the decision (empty is «Принять»)', async () => {
    const file = await workbook(dir, [
      ACCEPT_HEADERS,
      ['П-1', ' з-000123 ', 5500000001, 'Иванов', '', 'Свидетельство о рождении', 'iv-kh', '123456', '', '', 'сам принес'],
      ['П-2', 'З-000124', '55 0000 0002', '', '', '', 'IV-КН', '', 'Отказать', 'Нет свидетельства', ''],
    ]);
    const r = await readQueue(file, ACCEPT);
    expect(r.problems).toEqual([]);
    const [a, b] = r.rows.map((x) => columnValues(x.sent, REGISTRY_ACCEPT_COLUMNS));
    expect(a).toMatchObject({ applicationNumber: 'З-000123', certificateNumber: '5500000001', lastName: 'Иванов', firstName: '', documentSeries: 'IV-КН', decision: 'accept', refuseReason: '', birthDate: '' });
    // No type to read the series by: kept as typed, compared with look-alikes folded.
    expect(b).toMatchObject({ certificateNumber: '5500000002', documentType: '', documentSeries: 'IV-КН', documentNumber: '', decision: 'refuse', refuseReason: 'Нет свидетельства' });
    expect(Object.keys(a!)).not.toContain('Примечание');
  });

  it('should want a reason for «Отказать», none for «Принять», and 10 digits of a certificate', async () => {
    const file = await workbook(dir, [
      ACCEPT_HEADERS,
      ['П-1', 'З-000123', '12345', '', '', '', '', '', 'Отказать', '', ''],
      ['П-2', 'З-000124', '5500000002', '', '', '', '', '', 'Принять', 'опечатка в отчестве', ''],
      ['П-3', 'З-000124', '5500000003', '', '', '', '', '', 'может быть', '', ''],
    ]);
    const r = await readQueue(file, ACCEPT);
    const problems = r.problems.map((p) => `${p.rowNumber} ${p.header}: ${p.problem}`);
    expect(problems).toEqual([
      '2 Номер сертификата: «12345» — номер сертификата должен состоять из 10 цифр',
      '2 Причина отказа: при «Отказать» нужна причина отказа',
      '3 Номер заявки: эта заявка уже есть в строке 4',
      '3 Причина отказа: причина отказа заполнена, а решение — «Принять»',
      '4 Номер заявки: эта заявка уже есть в строке 3',
      '4 Решение: решение «может быть» не распознано',
    ]);
  });
});

describe('registry templates', () => {
  for (const set of [REGISTRY_APPLY_COLUMNS, REGISTRY_ACCEPT_COLUMNS]) {
    it(`${set.flow}: the flow’s columns with drop-downs, «Как заполнять», and it reads back empty`, async () => {
      const file = path.join(dir, `${set.flow}.xlsx`);
      await writeTemplate(file, { ...OPTIONS, columns: set });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet(QUEUE_SHEET)!;
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(['Ключ', ...set.columns.map((c) => c.header), 'ФИО (для себя)', 'Примечание']);
      const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
      const listed = set.columns.flatMap((c, i) => (c.list ? [String.fromCharCode(66 + i)] : []));
      expect(listed.length).toBeGreaterThan(0);
      for (const L of listed) expect(dv[`${L}2:${L}5001`] ?? Object.entries(dv).find(([k]) => k.startsWith(`${L}2`))?.[1]).toMatchObject({ type: 'list' });
      const info: string[] = [];
      wb.getWorksheet('Как заполнять')!.eachRow((row) => row.eachCell((c) => info.push(String(c.value))));
      const text = info.join('\n');
      for (const c of set.columns) expect(text).toContain(c.header);
      expect(text).toContain(`--flow ${set.flow}`);
      const back = await readQueue(file, { ...OPTIONS, columns: set });
      expect(back.problems).toEqual([]);
      expect(back.rows).toEqual([]);
    });
  }

  it('registry-apply’s template: a «Да»/«Нет» list and the document types', async () => {
    const file = path.join(dir, 'apply-lists.xlsx');
    await writeTemplate(file, { ...OPTIONS, columns: REGISTRY_APPLY_COLUMNS });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const lists = wb.getWorksheet('Списки')!;
    const values: string[] = [];
    lists.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values).toEqual(expect.arrayContaining(['Свидетельство о рождении', 'Паспорт РФ', 'Да', 'Нет', 'Мужской', 'Женский', 'г. Северный']));
  });
});
