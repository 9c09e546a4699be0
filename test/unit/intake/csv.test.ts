import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readQueue } from '../../../src/intake/index.js';
import { decodeCsv, detectDelimiter, parseCsv } from '../../../src/intake/read-csv.js';
import { csvFile, OPTIONS, tempDir } from './helpers.js';

const dir = tempDir();

// As Excel (Russian locale) saves «CSV (разделители — запятые)»: «;», CRLF, quotes where needed.
const QUEUE = [
  'Очередь школы № 5;;;;;;',
  'Ключ;Дата рождения;Пол;Муниципалитет;E-mail;ФИО (для себя);Примечание',
  '2025-001;05.03.2016;Мужской;г. Озёрск;;Иванов Иван;"аллергия; ""орехи"""',
  ';;;;;;',
  '2025-002;6.3.2016;ж;Весёлый район;Mama@Mail.ru;Петрова Анна;"две',
  'строки"',
  '2025-003;31.02.2016;М;г. Лесной;;Сидоров;',
  '',
].join('\r\n');

const expectedRows = (nl: string) => [
  [3, '2025-001', { key: '2025-001', birthDate: '2016-03-05', sex: 'male', municipality: 'г. Озёрск', email: 'robot+2025-001@school.ru' }, { 'ФИО (для себя)': 'Иванов Иван', Примечание: 'аллергия; "орехи"' }],
  [5, '2025-002', { key: '2025-002', birthDate: '2016-03-06', sex: 'female', municipality: 'Весёлый район', email: 'mama@mail.ru' }, { 'ФИО (для себя)': 'Петрова Анна', Примечание: `две${nl}строки` }],
];

async function check(file: string, nl = '\r\n') {
  const r = await readQueue(file, OPTIONS);
  expect(r.headerRow).toBe(2);
  expect(r.rows.map((x) => [x.rowNumber, x.key, x.sent, x.staff])).toEqual(expectedRows(nl));
  expect(r.problems.map((p) => [p.rowNumber, p.column, p.header, p.value, p.problem])).toEqual([
    [6, 'B', 'Дата рождения', '31.02.2016', 'такой даты нет: в феврале 2016 года 29 дней'],
  ]);
  expect(r.order).toEqual([3, 5, 6]); // a quoted line break stays inside its row, as in Excel
  expect(JSON.stringify(r.rows.map((x) => x.sent))).not.toMatch(/Иванов|Петрова|орехи|строки/);
}

describe('readQueue: CSV as Excel in Russia saves it', () => {
  it('reads Windows-1251', async () => {
    const file = csvFile(dir, iconv.encode(QUEUE, 'win1251'));
    expect(decodeCsv(iconv.encode(QUEUE, 'win1251')).encoding).toBe('windows-1251');
    await check(file);
  });

  it('reads UTF-8 with a BOM', async () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(QUEUE, 'utf8')]);
    expect(decodeCsv(data).encoding).toBe('utf-8');
    await check(csvFile(dir, data));
  });

  it('reads UTF-8 without a BOM and LF line ends', async () => {
    await check(csvFile(dir, Buffer.from(QUEUE.replace(/\r\n/g, '\n'), 'utf8')), '\n');
  });

  it('parses quotes, doubled quotes and delimiters', () => {
    expect(parseCsv('a;"b;c";"d""e"\r\n;\n"x\ny"', ';')).toEqual([['a', 'b;c', 'd"e'], ['', ''], ['x\ny']]);
    expect(detectDelimiter('Ключ;Пол\n1;М')).toBe(';');
    expect(detectDelimiter('Ключ,Дата рождения,Пол\n1,"05.03.2016",М')).toBe(',');
    expect(detectDelimiter('"a,b";c')).toBe(';');
  });

  it('reads a comma-separated file too', async () => {
    const file = csvFile(dir, 'Ключ,Дата рождения,Пол,Муниципалитет\n1,05.03.2016,М,г. Лесной\n');
    const r = await readQueue(file, OPTIONS);
    expect(r.rows.map((x) => x.sent.birthDate)).toEqual(['2016-03-05']);
  });
});
