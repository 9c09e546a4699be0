// Invisible format characters (\p{Cf}) in keys and sent columns (issue 24): U+202E shows a key
// reordered, U+2060 / U+00AD make two look-alike keys two placeholder accounts. Refused row by
// row like control characters; staff-only columns keep them.
import { describe, expect, it } from 'vitest';
import { readQueue } from '../../../src/intake/index.js';
import { controlChars } from '../../../src/intake/text.js';
import { csvFile, OPTIONS, tempDir } from './helpers.js';

const dir = tempDir();
const H = ['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'Примечание'];

describe('format characters', () => {
  it('refuses U+202E, U+2060 and U+00AD in the key and in sent cells; leaves staff columns alone', async () => {
    const file = csvFile(
      dir,
      [
        H.join(';'),
        ['K-1\u202e71', '05.03.2016', 'М', 'г. Лесной', ''].join(';'),
        ['K\u20602', '05.03.2016', 'М', 'г. Лесной', ''].join(';'),
        ['K-2', '05.03.2016', 'М', 'г. Лес\u00adной', ''].join(';'),
        ['K-3', '05.03.2016', 'Ж', 'г. Лесной', 'для\u00adсебя'].join(';'),
      ].join('\r\n'),
      'format.csv',
    );
    const r = await readQueue(file, OPTIONS);
    expect(r.problems.map((p) => [p.rowNumber, p.header, p.problem])).toEqual([
      [2, 'Ключ', 'в ячейке есть невидимые служебные символы (U+202E)'],
      [3, 'Ключ', 'в ячейке есть невидимые служебные символы (U+2060)'],
      [4, 'Муниципалитет', 'в ячейке есть невидимые служебные символы (U+00AD)'],
    ]);
    expect(r.rows.map((x) => x.key)).toEqual(['K-3']);
  });

  it('names astral format characters by their code point; zero-width space and BOM stay spaces', () => {
    expect(controlChars('a\u{E0001}b')).toEqual(['U+E0001']);
    expect(controlChars('a\u200bb\ufeff')).toEqual([]);
  });
});
