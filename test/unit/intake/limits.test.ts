// Hostile or huge queues end with a Russian IntakeFileError (exit 2 in the CLI), quickly and in
// little memory — never with «out of memory». Each file is built small on disk: the danger is
// what exceljs would build from it.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeFileError, intakeGrid, readQueue } from '../../../src/intake/index.js';
import type { CellValue, Grid } from '../../../src/intake/cells.js';
import { MAX_QUEUE_FILE_BYTES, MAX_QUEUE_ROWS } from '../../../src/intake/limits.js';
import { csvFile, OPTIONS, tempDir, utc } from './helpers.js';

const dir = tempDir();
const H4 = ['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет'];

/** A valid one-row queue written by exceljs, then its sheet XML changed by `patch`. */
async function patchedWorkbook(name: string, patch: (xml: string) => string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Очередь');
  ws.addRow(H4);
  ws.addRow(['1', utc(2016, 3, 5), 'М', 'г. Лесной']);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const part = 'xl/worksheets/sheet1.xml';
  zip.file(part, patch(await zip.file(part)!.async('string')));
  const file = path.join(dir, name);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

/** Reads the queue and returns what it threw, with the time and the memory it took. */
async function attempt(file: string): Promise<{ error: unknown; ms: number; grewMb: number }> {
  const rss = process.memoryUsage().rss;
  const t0 = performance.now();
  const error = await readQueue(file, OPTIONS).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - t0, grewMb: (process.memoryUsage().rss - rss) / 2 ** 20 };
}

function fileError(e: unknown): IntakeFileError {
  expect(e).toBeInstanceOf(IntakeFileError);
  return e as IntakeFileError;
}

describe('readQueue: limits', () => {
  it('refuses a file over the size limit before reading it', async () => {
    for (const name of ['big.xlsx', 'big.csv']) {
      const file = path.join(dir, name);
      writeFileSync(file, '');
      truncateSync(file, MAX_QUEUE_FILE_BYTES + 1); // sparse: nothing is written
      const { error, ms } = await attempt(file);
      const e = fileError(error);
      expect(e.code).toBe('too-large');
      expect(e.message).toBe(
        `Файл ${file} слишком большой: 20 МБ, а navbot читает очереди до 20 МБ и до 20 000 строк. ` +
          'Разделите очередь на несколько файлов и запустите их по очереди.',
      );
      expect(ms).toBeLessThan(1000);
    }
  });

  it('refuses one merge over a whole sheet (F2:XFD1048576) in a 2 KB workbook, in little memory', async () => {
    const file = await patchedWorkbook('merge.xlsx', (xml) =>
      xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="F2:XFD1048576"/></mergeCells>'),
    );
    expect(statSync(file).size).toBeLessThan(10_000);
    const { error, ms, grewMb } = await attempt(file);
    const e = fileError(error);
    expect(e.code).toBe('merge-too-large');
    expect(e.message).toContain('В листе «Очередь»');
    expect(e.message).toContain('F2:XFD1048576: 17 174 609 925 ячеек');
    expect(e.message).toContain('до 100 000 ячеек');
    expect(e.message).toContain('Снимите объединение');
    expect(ms).toBeLessThan(5000);
    expect(grewMb).toBeLessThan(200);
  });

  it('refuses a sheet of 300,000 rows without loading them', async () => {
    const rows = Array.from(
      { length: 300_000 },
      (_, i) => `<row r="${i + 3}"><c r="A${i + 3}" t="inlineStr"><is><t>k${i}</t></is></c><c r="C${i + 3}" t="inlineStr"><is><t>М</t></is></c></row>`,
    ).join('');
    const file = await patchedWorkbook('rows.xlsx', (xml) => xml.replace('</sheetData>', `${rows}</sheetData>`));
    expect(statSync(file).size).toBeLessThan(MAX_QUEUE_FILE_BYTES);
    const { error, ms, grewMb } = await attempt(file);
    const e = fileError(error);
    expect(e.code).toBe('too-many-rows');
    expect(e.message).toMatch(/^В листе «Очередь» \(.*rows\.xlsx\) больше 20 000 строк, а navbot обрабатывает очередь не больше чем из 20 000 строк за раз\. Разделите очередь на несколько файлов/);
    expect(ms).toBeLessThan(5000);
    expect(grewMb).toBeLessThan(200);
  });

  it('refuses a CSV of 1,000,000 rows, stopping at the limit', async () => {
    const file = csvFile(dir, `${H4.join(';')}\n${'1;05.03.2016;M;x\n'.repeat(1_000_000)}`, 'million.csv');
    expect(statSync(file).size).toBeLessThan(MAX_QUEUE_FILE_BYTES);
    const { error, ms, grewMb } = await attempt(file);
    const e = fileError(error);
    expect(e.code).toBe('too-many-rows');
    expect(e.message).toBe(
      `В файле ${file} больше 20 000 строк, а navbot обрабатывает очередь не больше чем из 20 000 строк за раз. ` +
        'Разделите очередь на несколько файлов (по 20 000 строк или меньше) и запустите их по очереди.',
    );
    expect(ms).toBeLessThan(5000);
    expect(grewMb).toBeLessThan(300);
  });

  it('takes exactly 20,000 rows of a queue and refuses one more', () => {
    const grid = (n: number): Grid => ({
      sheet: 'Очередь',
      date1904: false,
      rows: [
        { rowNumber: 1, cells: H4.map((text): CellValue => ({ kind: 'text', text })) },
        ...Array.from({ length: n }, (_, i) => ({
          rowNumber: i + 2,
          cells: [`k${i}`, '05.03.2016', 'М', 'г. Лесной'].map((text): CellValue => ({ kind: 'text', text })),
        })),
      ],
    });
    expect(intakeGrid(grid(MAX_QUEUE_ROWS), 'q.xlsx', OPTIONS).rows).toHaveLength(MAX_QUEUE_ROWS);
    const e = fileError((() => {
      try {
        intakeGrid(grid(MAX_QUEUE_ROWS + 1), 'q.xlsx', OPTIONS);
      } catch (x) {
        return x;
      }
    })());
    expect(e.code).toBe('too-many-rows');
  });

  it('reads a queue whose drop-down list and column widths span whole columns, quickly', async () => {
    const file = await patchedWorkbook('validation.xlsx', (xml) =>
      xml
        .replace(/<cols>.*?<\/cols>/, '')
        .replace('<sheetData>', '<cols><col min="1" max="100000000" width="12" customWidth="1"/></cols><sheetData>')
        .replace(
          '</sheetData>',
          '</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:E1048576"><formula1>"М,Ж"</formula1></dataValidation></dataValidations>',
        ),
    );
    const rss = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await readQueue(file, OPTIONS);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.sent.sex)).toEqual(['male']);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect((process.memoryUsage().rss - rss) / 2 ** 20).toBeLessThan(200);
  });

  it('refuses a zip bomb: parts that unpack far beyond a queue', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Очередь').addRow(H4);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    zip.file('xl/media/image1.png', Buffer.alloc(120 * 2 ** 20)); // 120 MB of zeros, ~120 KB packed
    const file = path.join(dir, 'bomb.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(statSync(file).size).toBeLessThan(MAX_QUEUE_FILE_BYTES);
    const e = fileError((await attempt(file)).error);
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('после распаковки занимает больше 100 МБ');
  });
});

describe('readQueue: control characters', () => {
  it('refuses NUL and other control characters in the key and sent cells, row by row', async () => {
    const file = csvFile(
      dir,
      [
        [...H4, 'E-mail', 'Примечание'].join(';'),
        ['A\u0000B', '05.03.2016', 'М', 'г. Лесной', '', 'ок'].join(';'),
        ['2', '05.03.2016', 'Ж\u0007', 'г. Лесной\u001b[2J', 'a\u007f@b.ru', 'звонок\u0007'].join(';'),
        ['3', '05.03.2016', 'Ж', 'г. Лесной', '', 'перенос\tтабуляция'].join(';'),
      ].join('\r\n'),
      'control.csv',
    );
    const r = await readQueue(file, OPTIONS);
    const fix = 'Очистите ячейку и впишите значение заново с клавиатуры: такие символы попадают при копировании из других программ.';
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.header, p.problem, p.fix])).toEqual([
      [2, 'A', 'Ключ', 'в ячейке есть невидимые служебные символы (U+0000)', fix],
      [3, 'C', 'Пол', 'в ячейке есть невидимые служебные символы (U+0007)', fix],
      [3, 'D', 'Муниципалитет', 'в ячейке есть невидимые служебные символы (U+001B)', fix],
      [3, 'E', 'E-mail', 'в ячейке есть невидимые служебные символы (U+007F)', fix],
    ]);
    // Staff columns are the staff's own: kept as they are, never sent.
    expect(r.rows.map((x) => x.rowNumber)).toEqual([4]);
    // A terminal never receives the characters themselves.
    const { formatReport } = await import('../../../src/intake/index.js');
    const text = formatReport(r);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('Строка 2 (ключ «A\ufffdB»)');
    expect(readFileSync(file, 'utf8')).toContain('\u0000'); // the file itself is left as it was
  });
});
