import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IntakeFileError, readQueue, type IntakeResult } from '../../../src/intake/index.js';
import { HEADERS, OPTIONS, tempDir, utc, workbook } from './helpers.js';

const dir = tempDir();
const H5 = HEADERS.slice(0, 5);

function problemsOf(r: IntakeResult) {
  return r.problems.map((p) => [p.rowNumber, p.column, p.header, p.value, p.problem]);
}

describe('readQueue: xlsx dates', () => {
  it('reads Excel dates, date-formatted serials, plain serials and text dates without shifting a day', async () => {
    const file = await workbook(dir, [
      H5,
      ['1', utc(2016, 3, 5), 'М', 'г. Лесной'],
      ['2', 42434, 'М', 'г. Лесной'], // plain serial number
      ['3', 42435, 'Ж', 'г. Лесной'], // serial with a date format (exceljs gives a Date)
      ['4', '05.03.2016', 'Ж', 'г. Лесной'],
      ['5', '5.3.2016', 'Ж', 'г. Лесной'],
      ['6', '2016-03-05', 'Ж', 'г. Лесной'],
      ['7', ' 29.02.2016 ', 'Ж', 'г. Лесной'],
    ], (ws) => {
      ws.getCell('B4').numFmt = 'dd.mm.yyyy';
    });
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.rowNumber, x.sent.birthDate])).toEqual([
      [2, '2016-03-05'],
      [3, '2016-03-05'],
      [4, '2016-03-06'],
      [5, '2016-03-05'],
      [6, '2016-03-05'],
      [7, '2016-03-05'],
      [8, '2016-02-29'],
    ]);
  });

  it('never shifts a birthday by the time zone', async () => {
    const file = await workbook(dir, [H5, ['1', utc(2016, 3, 5), 'М', 'г. Лесной'], ['2', utc(2010, 1, 1), 'М', 'г. Лесной']]);
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Vladivostok', 'UTC']) {
        process.env.TZ = tz;
        const r = await readQueue(file, { ...OPTIONS, today: new Date(2025, 8, 1, 12) });
        expect(r.rows.map((x) => x.sent.birthDate)).toEqual(['2016-03-05', '2010-01-01']);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('counts serials from 1904 when the workbook says so', async () => {
    const file = await workbook(dir, [H5, ['1', 40972, 'М', 'г. Лесной']], (_ws, wb) => {
      wb.properties.date1904 = true;
    });
    const r = await readQueue(file, OPTIONS);
    expect(r.rows[0]!.sent.birthDate).toBe('2016-03-05');
  });

  it('reports impossible, future, too young and too old dates with the range', async () => {
    const file = await workbook(dir, [
      H5,
      ['1', '31.02.2015', 'М', 'г. Лесной'],
      ['2', utc(2025, 9, 2), 'М', 'г. Лесной'],
      ['3', utc(2020, 9, 2), 'М', 'г. Лесной'],
      ['4', utc(2007, 9, 1), 'М', 'г. Лесной'],
      ['5', utc(2008, 9, 1), 'М', 'г. Лесной'], // 17 today: still fine
      ['6', utc(2020, 9, 1), 'М', 'г. Лесной'], // 5 today: fine
      ['7', null, 'М', 'г. Лесной'],
      ['8', '05.03.16', 'М', 'г. Лесной'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(problemsOf(r)).toEqual([
      [2, 'B', 'Дата рождения', '31.02.2015', 'такой даты нет: в феврале 2015 года 28 дней'],
      [3, 'B', 'Дата рождения', '02.09.2025', 'дата 02.09.2025 ещё не наступила'],
      [4, 'B', 'Дата рождения', '02.09.2020', 'ребёнку 4 года, а сертификат выдаётся детям от 5 до 17 лет включительно'],
      [5, 'B', 'Дата рождения', '01.09.2007', 'ребёнку уже 18 лет: сертификат выдаётся детям до 18 лет (от 5 до 17 лет включительно)'],
      [8, 'B', 'Дата рождения', '', 'дата рождения не заполнена'],
      [9, 'B', 'Дата рождения', '05.03.16', 'в дате «05.03.16» год не из четырёх цифр'],
    ]);
    expect(r.rows.map((x) => [x.rowNumber, x.sent.birthDate])).toEqual([
      [6, '2008-09-01'],
      [7, '2020-09-01'],
    ]);
    expect(r.invalid.map((x) => [x.rowNumber, x.key])).toEqual([[2, '1'], [3, '2'], [4, '3'], [5, '4'], [8, '7'], [9, '8']]);
  });

  it('uses the configured range', async () => {
    const file = await workbook(dir, [H5, ['1', utc(2015, 1, 1), 'М', 'г. Лесной']]);
    const r = await readQueue(file, { ...OPTIONS, minAge: 3, maxAge: 7 });
    expect(r.problems[0]!.problem).toBe('ребёнку 10 лет, а сертификат выдаётся детям от 3 до 7 лет включительно');
  });
});

describe('readQueue: cells as Excel keeps them', () => {
  it('uses formula results; a formula never computed is an error', async () => {
    const file = await workbook(dir, [
      H5,
      [{ formula: '"2025-"&"017"', result: '2025-017' }, { formula: 'DATE(2016,3,5)', result: utc(2016, 3, 5) }, { formula: 'IF(TRUE,"Ж","М")', result: 'Ж' }, 'г. Лесной'],
      ['2', { formula: 'DATE(2016,3,5)' }, 'М', 'г. Лесной'],
      ['3', utc(2016, 3, 5), { formula: 'NA()', result: { error: '#N/A' } }, 'г. Лесной'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.rows.map((x) => [x.rowNumber, x.key, x.sent.birthDate, x.sent.sex])).toEqual([[2, '2025-017', '2016-03-05', 'female']]);
    expect(problemsOf(r)).toEqual([
      [3, 'B', 'Дата рождения', '=DATE(2016,3,5)', 'в ячейке «=DATE(2016,3,5)», а не дата'],
      [4, 'C', 'Пол', '#N/A', 'значение «#N/A» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен)'],
    ]);
  });

  it('spreads merged cells down, reads hidden rows, rich text and trims spaces', async () => {
    const file = await workbook(
      dir,
      [
        ['Очередь на сертификаты, школа № 5'],
        H5.concat('ФИО (для себя)'),
        ['  2025-001  ', utc(2016, 3, 5), 'Мужской ', 'г. Лесной', '', { richText: [{ text: 'Иванов ' }, { font: { bold: true }, text: 'Иван' }] }],
        ['2025-002', utc(2016, 3, 6), ' ж', null, null, 'Петрова\u00a0Анна '],
        [{ richText: [{ text: '2025-' }, { text: '003' }] }, utc(2016, 3, 7), 'М', null],
      ],
      (ws) => {
        ws.mergeCells('A1:F1');
        ws.mergeCells('D3:D5'); // one municipality for three children
        ws.getRow(4).hidden = true;
      },
    );
    const before = [readFileSync(file), statSync(file).mtimeMs] as const;
    const r = await readQueue(file, OPTIONS);
    // Nothing is ever written into the staff's own file.
    expect([readFileSync(file), statSync(file).mtimeMs]).toEqual(before);
    expect(r.headerRow).toBe(2);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.rowNumber, x.key, x.keyNorm, x.sent.sex, x.sent.municipality, x.staff['ФИО (для себя)']])).toEqual([
      [3, '2025-001', '2025-001', 'male', 'г. Лесной', 'Иванов Иван'],
      [4, '2025-002', '2025-002', 'female', 'г. Лесной', 'Петрова\u00a0Анна'],
      [5, '2025-003', '2025-003', 'male', 'г. Лесной', ''],
    ]);
    // The hidden row is read, and said to be hidden.
    expect(r.warnings.map((w) => w.message)).toEqual(['Строка 4 скрыта в Excel — navbot её тоже обработает; если она не нужна, удалите её.']);
  });

  it('warns of every hidden row of the queue (by hand or a filter), valid or not, and of no hidden row outside it', async () => {
    const file = await workbook(
      dir,
      [
        ['Очередь'],
        H5,
        ['1', utc(2016, 3, 5), 'М', 'г. Лесной'],
        ['2', utc(2016, 3, 6), 'М', 'г. Лесной'],
        ['3', utc(2016, 3, 7), 'Мж', 'г. Лесной'],
        ['4', utc(2016, 3, 8), 'Ж', 'г. Лесной'],
        ['5', utc(2016, 3, 9), 'Ж', 'г. Лесной'],
        [],
      ],
      (ws) => {
        for (const n of [1, 5, 7, 8]) ws.getRow(n).hidden = true; // a title, two queue rows, an empty row
      },
    );
    const r = await readQueue(file, OPTIONS);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([3, 4, 6, 7]);
    expect(r.invalid.map((x) => x.rowNumber)).toEqual([5]);
    expect(r.warnings.map((w) => w.message)).toEqual(['Строки 5, 7 скрыты в Excel — navbot их тоже обработает; если они не нужны, удалите их.']);
    // Nothing hidden: no warning.
    const plain = await readQueue(await workbook(dir, [H5, ['1', utc(2016, 3, 5), 'М', 'г. Лесной']]), OPTIONS);
    expect(plain.warnings).toEqual([]);
  });

  it('counts a header merged over two columns once', async () => {
    const file = await workbook(dir, [['Ключ', 'Дата рождения', '', 'Пол', 'Муниципалитет'], ['1', utc(2016, 3, 5), null, 'М', 'г. Лесной']], (ws) => {
      ws.mergeCells('B1:C1');
    });
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.sent).toMatchObject({ birthDate: '2016-03-05', sex: 'male' });
  });

  it('skips empty rows (also rows of spaces) and keeps Excel row numbers', async () => {
    const file = await workbook(dir, [
      H5,
      ['1', utc(2016, 3, 5), 'М', 'г. Лесной'],
      [],
      ['   ', null, ' '],
      ['2', utc(2016, 3, 5), 'Ж', 'г. Лесной'],
    ], (ws) => {
      ws.getCell('A9').value = '3';
      ws.getCell('B9').value = utc(2016, 3, 5);
      ws.getCell('C9').value = 'Ж';
      ws.getCell('D9').value = 'г. Лесной';
      ws.getCell('E7').numFmt = '@'; // a styled but empty cell
    });
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.order).toEqual([2, 5, 9]);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 5, 9]);
  });

  it('finds the header below title rows; prefers the sheet «Очередь»', async () => {
    const file = await workbook(dir, [['Инструкция: заполните лист «Очередь»']], (_ws, wb) => {
      const q = wb.addWorksheet('очередь ');
      q.addRow(['Школа № 5']);
      q.addRow(['Ответственный: завуч']);
      q.addRow([]);
      q.addRow(H5);
      q.addRow(['1', utc(2016, 3, 5), 'М', 'г. Лесной']);
    });
    const r = await readQueue(file, OPTIONS);
    expect([r.sheet, r.headerRow, r.rows[0]!.rowNumber]).toEqual(['очередь ', 4, 5]);
  });

  it('needs the header within the first 10 rows', async () => {
    const rows: unknown[][] = Array.from({ length: 10 }, (_, i) => [`заметка ${i + 1}`]);
    const file = await workbook(dir, [...rows, H5, ['1', utc(2016, 3, 5), 'М', 'г. Лесной']]);
    const e = await readQueue(file, OPTIONS).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IntakeFileError);
    expect((e as IntakeFileError).code).toBe('no-header');
    expect((e as IntakeFileError).message).toContain('В первых 10 строках листа «Лист1»');
  });
});

describe('readQueue: columns', () => {
  it('keeps extra columns as the staff’s own, never in what is sent', async () => {
    const file = await workbook(dir, [
      ['№ п/п', 'ФИО (для себя)', 'Ключ', 'Пол', 'Дата рождения', 'Муниципалитет', 'Примечание', '', 'Телефон мамы'],
      [1, 'Секретов Сергей', 'A-1', 'м', '01.02.2014', 'г. Лесной', 'аллергия', 'без заголовка', '+7 900 000-00-01'],
      [2, 'Тайнова Таисия', 'A-2', 'ж', '02.03.2013', 'г. Северный', null, null, null],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.staffHeaders).toEqual(['№ п/п', 'ФИО (для себя)', 'Примечание', 'Столбец H', 'Телефон мамы']);
    expect(r.rows[0]!.staff).toEqual({
      '№ п/п': '1',
      'ФИО (для себя)': 'Секретов Сергей',
      Примечание: 'аллергия',
      'Столбец H': 'без заголовка',
      'Телефон мамы': '+7 900 000-00-01',
    });
    expect(r.rows.map((x) => x.sent)).toEqual([
      { key: 'a-1', birthDate: '2014-02-01', sex: 'male', municipality: 'г. Лесной', email: 'robot+a-1@school.ru' },
      { key: 'a-2', birthDate: '2013-03-02', sex: 'female', municipality: 'г. Северный', email: 'robot+a-2@school.ru' },
    ]);
    for (const row of r.rows) {
      expect(Object.keys(row.sent).sort()).toEqual(['birthDate', 'email', 'key', 'municipality', 'sex']);
      expect(Object.isFrozen(row.sent)).toBe(true);
      expect(Object.isFrozen(row)).toBe(true);
    }
    const sent = JSON.stringify(r.rows.map((x) => x.sent));
    for (const secret of ['Секретов', 'Тайнова', 'аллергия', 'без заголовка', '900', '№ п/п']) expect(sent).not.toContain(secret);
  });

  it('names missing required columns and the headers it found', async () => {
    const file = await workbook(dir, [['Ключ', 'Дата рождения', 'ФИО'], ['1', utc(2016, 3, 5), 'x']]);
    const e = (await readQueue(file, OPTIONS).catch((x: unknown) => x)) as IntakeFileError;
    expect(e).toBeInstanceOf(IntakeFileError);
    expect(e.code).toBe('missing-columns');
    expect(e.message).toContain('нет обязательных столбцов: «Пол», «Муниципалитет»');
    expect(e.message).toContain('Заголовки в строке 1: «Ключ», «Дата рождения», «ФИО»');
  });

  it('uses the default municipality when the column is absent or a cell is empty', async () => {
    const a = await workbook(dir, [['Ключ', 'Дата рождения', 'Пол'], ['1', utc(2016, 3, 5), 'М']]);
    expect((await readQueue(a, { ...OPTIONS, defaultMunicipality: 'г.озерск' })).rows[0]!.sent.municipality).toBe('г. Озёрск');
    const b = await workbook(dir, [H5, ['1', utc(2016, 3, 5), 'М', null], ['2', utc(2016, 3, 5), 'М', 'Горный район']]);
    const r = await readQueue(b, { ...OPTIONS, defaultMunicipality: 'г. Лесной' });
    expect(r.rows.map((x) => x.sent.municipality)).toEqual(['г. Лесной', 'Горный район']);
  });

  it('reports a default municipality that is not in the list as a file problem', async () => {
    const file = await workbook(dir, [H5, ['1', utc(2016, 3, 5), 'М', 'г. Лесной']]);
    const r = await readQueue(file, { ...OPTIONS, defaultMunicipality: 'г. Лесная' });
    expect(problemsOf(r)).toEqual([[0, '', 'Муниципалитет', 'г. Лесная', 'муниципалитет по умолчанию (NAVBOT_MUNICIPALITY) не найден в списке Навигатора']]);
    expect(r.problems[0]!.fix).toContain('«г. Лесной»');
  });

  it('accepts header variants (case, spaces, hints, Latin/Cyrillic E-mail)', async () => {
    const file = await workbook(dir, [
      ['  КЛЮЧ ', 'Дата\nрождения (ДД.ММ.ГГГГ)', 'пол*', 'Муниципалитет', 'Е-mail'],
      ['1', '05.03.2016', 'М', 'г. Лесной', 'a@b.ru'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.sent.email).toBe('a@b.ru');
  });

  it('never sends a column that only resembles a sent one («E-mail (родителя)»), and warns about it', async () => {
    const file = await workbook(dir, [
      ['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'E-mail (родителя)', 'Пол ребёнка', 'Дата рождения (мамы)'],
      ['1', utc(2016, 3, 5), 'М', 'г. Лесной', 'mama.real@mail.ru', 'м', '01.02.1990'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    // No «E-mail» column: the address comes from the template, never from the parent's column.
    expect(r.rows[0]!.sent.email).toBe('robot+1@school.ru');
    expect(JSON.stringify(r.rows.map((x) => x.sent))).not.toMatch(/mama|1990/);
    expect(r.rows[0]!.staff).toEqual({ 'E-mail (родителя)': 'mama.real@mail.ru', 'Пол ребёнка': 'м', 'Дата рождения (мамы)': '01.02.1990' });
    expect(r.warnings.map((w) => [w.column, w.header])).toEqual([
      ['E', 'E-mail (родителя)'],
      ['F', 'Пол ребёнка'],
      ['G', 'Дата рождения (мамы)'],
    ]);
    expect(r.warnings[0]!.message).toBe(
      'Столбец E «E-mail (родителя)» похож на «E-mail», но называется иначе: робот считает его вашим собственным столбцом ' +
        'и никогда не отправляет его в Навигатор. Если его нужно отправлять, назовите столбец точно «E-mail».',
    );
  });

  it('a look-alike next to the real column is the staff’s own, not a second one', async () => {
    const file = await workbook(dir, [
      [...H5, 'Пол (для себя)', 'E-mail (родителя)'],
      ['1', utc(2016, 3, 5), 'М', 'г. Лесной', 'child@school.ru', 'Ж', 'mama.real@mail.ru'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.sent).toMatchObject({ sex: 'male', email: 'child@school.ru' });
    expect(r.staffHeaders).toEqual(['Пол (для себя)', 'E-mail (родителя)']);
    expect(r.warnings.map((w) => w.column)).toEqual(['F', 'G']);
  });

  it('headers without look-alikes give no warning', async () => {
    const file = await workbook(dir, [
      [...H5, 'ФИО (для себя)', 'Примечание', 'Друзья'],
      ['1', utc(2016, 3, 5), 'М', 'г. Лесной'],
    ]);
    expect((await readQueue(file, OPTIONS)).warnings).toEqual([]);
  });

  it('refuses a second column with the same meaning', async () => {
    const file = await workbook(dir, [[...H5, 'Пол'], ['1', utc(2016, 3, 5), 'М', 'г. Лесной', '', 'Ж']]);
    const r = await readQueue(file, OPTIONS);
    expect(problemsOf(r)).toEqual([[0, 'F', 'Пол', 'Пол', 'столбец «Пол» встречается дважды (ещё в столбце C): непонятно, какой из них отправлять']]);
    expect(r.rows).toHaveLength(1);
  });
});

describe('readQueue: values', () => {
  it('matches municipalities and suggests the nearest', async () => {
    const file = await workbook(dir, [
      H5,
      ['1', utc(2016, 3, 5), 'М', 'г.озерск'],
      ['2', utc(2016, 3, 5), 'М', 'Beсёлый paйoн'],
      ['3', utc(2016, 3, 5), 'М', 'г. Озерскк'],
      ['4', utc(2016, 3, 5), 'М', 'Москва'],
      ['5', utc(2016, 3, 5), 'М', 'солнечный   РАЙОН'],
      ['6', utc(2016, 3, 5), 'М', null],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.rows.map((x) => [x.rowNumber, x.sent.municipality])).toEqual([
      [2, 'г. Озёрск'],
      [3, 'Весёлый район'],
      [6, 'Солнечный район'],
    ]);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.problem, p.fix.slice(0, 50)])).toEqual([
      [4, 'D', 'муниципалитета «г. Озерскк» нет в списке Навигатора', 'Возможно, имелось в виду «г. Озёрск». Выберите наз'],
      [5, 'D', 'муниципалитета «Москва» нет в списке Навигатора', 'Выберите из списка в ячейке: «г. Блестящий», «г. С'],
      [7, 'D', 'муниципалитет не заполнен', 'Выберите муниципалитет из списка в ячейке: «г. Бле'],
    ]);
  });

  it('normalises sex written with Latin look-alike letters', async () => {
    const file = await workbook(dir, [
      H5,
      ['1', utc(2016, 3, 5), 'M', 'г. Лесной'], // Latin M
      ['2', utc(2016, 3, 5), 'жEн', 'г. Лесной'], // Latin E
      ['3', utc(2016, 3, 5), 'Мж', 'г. Лесной'],
      ['4', utc(2016, 3, 5), 'мальчик', 'г. Лесной'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.rows.map((x) => x.sent.sex)).toEqual(['male', 'female']);
    expect(problemsOf(r)).toEqual([
      [4, 'C', 'Пол', 'Мж', 'значение «Мж» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен)'],
      [5, 'C', 'Пол', 'мальчик', 'значение «мальчик» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен)'],
    ]);
  });

  it('reports every bad cell of a row at once', async () => {
    const file = await workbook(dir, [H5, [null, '31.02.2015', 'X', 'Мск', 'не-адрес']]);
    const r = await readQueue(file, OPTIONS);
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0]!.problems.map((p) => p.column)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(r.invalid[0]!.key).toBeUndefined();
  });
});

describe('readQueue: unique keys and addresses', () => {
  it('finds duplicate keys as staff compare them, naming the other rows', async () => {
    const file = await workbook(dir, [
      H5,
      ['17', utc(2016, 3, 5), 'М', 'г. Лесной'],
      [' 17 ', utc(2016, 3, 6), 'М', 'г. Лесной'],
      ['№ 17', utc(2016, 3, 7), 'М', 'г. Лесной'],
      ['№17', utc(2016, 3, 8), 'М', 'г. Лесной'],
      ['5А-1', utc(2016, 3, 9), 'М', 'г. Лесной'], // Cyrillic А
      ['5a-1', utc(2016, 3, 9), 'М', 'г. Лесной'], // Latin a
      [18, utc(2016, 3, 9), 'М', 'г. Лесной'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(r.rows.map((x) => [x.rowNumber, x.keyNorm])).toEqual([[8, '18']]);
    expect(problemsOf(r)).toEqual([
      [2, 'A', 'Ключ', '17', 'ключ «17» повторяется: такой же ключ в строке 3'],
      [3, 'A', 'Ключ', '17', 'ключ «17» повторяется: такой же ключ в строке 2'],
      [4, 'A', 'Ключ', '№ 17', 'ключ «№ 17» повторяется: такой же ключ «№17» в строке 5 (регистр букв, раскладка и пробелы в ключе не важны)'],
      [5, 'A', 'Ключ', '№17', 'ключ «№17» повторяется: такой же ключ «№ 17» в строке 4 (регистр букв, раскладка и пробелы в ключе не важны)'],
      [6, 'A', 'Ключ', '5А-1', 'ключ «5А-1» повторяется: такой же ключ «5a-1» в строке 7 (регистр букв, раскладка и пробелы в ключе не важны)'],
      [7, 'A', 'Ключ', '5a-1', 'ключ «5a-1» повторяется: такой же ключ «5А-1» в строке 6 (регистр букв, раскладка и пробелы в ключе не важны)'],
    ]);
  });

  it('refuses two keys that give one address, naming both rows', async () => {
    const file = await workbook(dir, [
      H5,
      ['№17', utc(2016, 3, 5), 'М', 'г. Лесной'],
      ['N17', utc(2016, 3, 6), 'М', 'г. Лесной'],
      ['Д-1', utc(2016, 3, 7), 'М', 'г. Лесной'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(problemsOf(r)).toEqual([
      [2, 'A', 'Ключ', '№17', 'ключ «№17» даёт тот же адрес robot+n17@school.ru, что и ключ «N17» (строка 3)'],
      [3, 'A', 'Ключ', 'N17', 'ключ «N17» даёт тот же адрес robot+n17@school.ru, что и ключ «№17» (строка 2)'],
    ]);
    expect(r.rows.map((x) => x.sent.email)).toEqual(['robot+d-1@school.ru']);
  });

  it('refuses a prepared address used twice (any case) or equal to a built one', async () => {
    const file = await workbook(dir, [
      H5,
      ['1', utc(2016, 3, 5), 'М', 'г. Лесной', 'Mama@Mail.ru'],
      ['2', utc(2016, 3, 6), 'М', 'г. Лесной', 'mama@mail.ru '],
      ['3', utc(2016, 3, 7), 'М', 'г. Лесной', 'robot+4@school.ru'],
      ['4', utc(2016, 3, 8), 'М', 'г. Лесной', null],
      ['5', utc(2016, 3, 8), 'М', 'г. Лесной', 'papa@mail.ru'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(problemsOf(r)).toEqual([
      [2, 'E', 'E-mail', 'mama@mail.ru', 'адрес mama@mail.ru уже занят: он же у строки 3'],
      [3, 'E', 'E-mail', 'mama@mail.ru', 'адрес mama@mail.ru уже занят: он же у строки 2'],
      [4, 'E', 'E-mail', 'robot+4@school.ru', 'адрес robot+4@school.ru уже занят: он же у строки 5'],
      [5, 'A', 'Ключ', '4', 'ключ «4» даёт тот же адрес robot+4@school.ru, что и ключ «3» (строка 4)'],
    ]);
    expect(r.rows.map((x) => [x.rowNumber, x.sent.email])).toEqual([[6, 'papa@mail.ru']]);
  });

  it('checks uniqueness across rows that are wrong elsewhere too', async () => {
    const file = await workbook(dir, [H5, ['1', utc(2016, 3, 5), 'X', 'г. Лесной'], ['1', utc(2016, 3, 5), 'М', 'г. Лесной']]);
    const r = await readQueue(file, OPTIONS);
    expect(r.rows).toEqual([]);
    expect(problemsOf(r).map((p) => [p[0], p[1]])).toEqual([[2, 'A'], [2, 'C'], [3, 'A']]);
  });
});

describe('readQueue: unique addresses even where the key is wrong', () => {
  it('a prepared address repeated on a row without a key', async () => {
    const file = await workbook(dir, [H5, [null, utc(2016, 3, 5), 'М', 'г. Лесной', 'a@b.ru'], ['2', utc(2016, 3, 5), 'М', 'г. Лесной', 'A@b.ru']]);
    const r = await readQueue(file, OPTIONS);
    expect(problemsOf(r).map((p) => [p[0], p[1], p[4]])).toEqual([
      [2, 'A', 'ключ не заполнен'],
      [2, 'E', 'адрес a@b.ru уже занят: он же у строки 3'],
      [3, 'E', 'адрес a@b.ru уже занят: он же у строки 2'],
    ]);
  });
});
