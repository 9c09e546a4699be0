// Looks inside a workbook before exceljs loads it. exceljs builds every row, every cell and every
// cell of a merged area in memory, so a 2 KB file with one merge F2:XFD1048576, or a sheet of
// 300,000 rows, would exhaust memory. Here the parts are unpacked as a stream and only counted:
// unpacked bytes, rows and cells of each sheet, merged areas. Past a limit (limits.ts) the file is
// refused with a message that says what to do; memory stays small whatever the file holds.
import JSZip from 'jszip';
import { HEADER_SEARCH_ROWS } from './columns.js';
import { count, MAX_MERGED_CELLS, MAX_QUEUE_ROWS, MAX_XLSX_CELLS, MAX_XLSX_UNPACKED_BYTES, megabytes, tooManyRows } from './limits.js';
import { IntakeFileError } from './types.js';
import { SHARED_STRINGS_PART, sharedStringsCounter } from './xlsx-bombs.js';

/** Rows a queue sheet may hold: the title rows above the header, the header and the queue. */
const MAX_SHEET_ROWS = MAX_QUEUE_ROWS + HEADER_SEARCH_ROWS;
/** Row elements without cells (formatted empty rows) are cheap, but not free. */
const MAX_SHEET_ROW_ELEMENTS = 5 * MAX_SHEET_ROWS;

const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

const SHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/i;
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell)(?=[\s/>])([^>]*)>/g;
const REF = /\bref\s*=\s*"([^"]*)"/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Cells covered by a reference such as «F2:XFD1048576»; Infinity when it is not a cell range. */
export function areaOf(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (!m) return Infinity;
  const c1 = columnIndex(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  if ([c1, c2].some((c) => c < 1 || c > EXCEL_COLUMNS) || [r1, r2].some((r) => r < 1 || r > EXCEL_ROWS)) return Infinity;
  return (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
}

/** Sheet part → the name staff see on the tab (from workbook.xml and its relationships). */
async function sheetNames(zip: JSZip): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const book = zip.file('xl/workbook.xml');
  const rels = zip.file('xl/_rels/workbook.xml.rels');
  if (!book || !rels) return names;
  const [bookXml, relsXml] = await Promise.all([book.async('string'), rels.async('string')]);
  if (bookXml.length > 10_000_000 || relsXml.length > 10_000_000) return names;
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  for (const m of bookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) names.set(target.toLowerCase(), unescapeXml(name));
  }
  return names;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

/** The declared unpacked size of an entry (jszip keeps it in a private field). */
function declaredSize(entry: JSZip.JSZipObject): number {
  const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === 'number' && Number.isFinite(size) ? size : 0;
}

/**
 * Unpacks an entry chunk by chunk (jszip inflates as the stream is read); `onChunk` may throw to
 * stop, and the rest is then never unpacked.
 */
function consume(entry: JSZip.JSZipObject, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer');
    let done = false;
    const stop = (e?: unknown) => {
      if (done) return;
      done = true;
      stream.pause();
      stream.removeAllListeners('data');
      if (e === undefined) resolve();
      else reject(e);
    };
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      try {
        onChunk(chunk);
      } catch (e) {
        stop(e);
      }
    });
    stream.on('error', (e: unknown) => stop(e ?? new Error('unzip failed')));
    stream.on('end', () => stop());
  });
}

/** Refuses a workbook that exceljs could not load within reasonable memory. Other faults are left to exceljs. */
export async function guardXlsx(data: Buffer, file: string): Promise<void> {
  try {
    await inspect(data, file);
  } catch (e) {
    if (e instanceof IntakeFileError) throw e;
    // A damaged part: exceljs fails on it too and readXlsx says the file is damaged.
  }
}

async function inspect(data: Buffer, file: string): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return; // not a readable zip: exceljs says so in its own words (readXlsx)
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  const tooBig = (what: string) =>
    new IntakeFileError(
      'too-large',
      `Книга ${file} ${what} — это не похоже на очередь: очередь на ${count(MAX_QUEUE_ROWS)} строк занимает несколько мегабайт. ` +
        'Скопируйте нужные строки в новую книгу (шаблон: navbot template) или разделите очередь на несколько файлов.',
      file,
    );
  const unpackedLimit = () => tooBig(`после распаковки занимает больше ${megabytes(MAX_XLSX_UNPACKED_BYTES)}`);
  if (entries.reduce((sum, e) => sum + declaredSize(e), 0) > MAX_XLSX_UNPACKED_BYTES) throw unpackedLimit();

  const names = await sheetNames(zip).catch(() => new Map<string, string>());
  let unpacked = 0;
  let cells = 0;
  for (const entry of entries) {
    const sheetPart = SHEET_PART.test(entry.name);
    const strings = SHARED_STRINGS_PART.test(entry.name) ? sharedStringsCounter(file) : undefined;
    const sheet = names.get(entry.name.replace(/^\//, '').toLowerCase()) ?? entry.name;
    let rows = 0;
    let rowElements = 0;
    let merged = 0;
    let biggest = { ref: '', area: 0 };
    let tail = '';
    const decoder = new TextDecoder('utf-8');
    const scan = (text: string) => {
      if (strings) return strings.scan(text);
      TAG.lastIndex = 0;
      for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
        const [, name, attrs = ''] = m;
        if (name === 'c') {
          if (++cells > MAX_XLSX_CELLS) throw tooBig(`содержит больше ${count(MAX_XLSX_CELLS)} заполненных или оформленных ячеек`);
        } else if (name === 'row') {
          rowElements++;
          if (!attrs.trimEnd().endsWith('/')) rows++;
          if (rows > MAX_SHEET_ROWS || rowElements > MAX_SHEET_ROW_ELEMENTS) throw tooManyRows(file, sheet);
        } else {
          const ref = REF.exec(attrs)?.[1] ?? '';
          const area = areaOf(ref);
          merged += area;
          if (area > biggest.area) biggest = { ref, area };
          if (merged > MAX_MERGED_CELLS) throw mergeTooLarge(file, sheet, biggest.ref, biggest.area);
        }
      }
    };
    await consume(entry, (chunk) => {
      unpacked += chunk.length;
      if (unpacked > MAX_XLSX_UNPACKED_BYTES) throw unpackedLimit();
      strings?.bytes(chunk.length);
      if (!sheetPart && !strings) return;
      const text = tail + decoder.decode(chunk, { stream: true });
      const lt = text.lastIndexOf('<');
      if (lt >= 0 && text.indexOf('>', lt) < 0) {
        scan(text.slice(0, lt));
        tail = text.slice(lt);
      } else {
        scan(text);
        tail = '';
      }
    });
    if (sheetPart || strings) scan(tail + decoder.decode());
  }
}

function mergeTooLarge(file: string, sheet: string, ref: string, area: number): IntakeFileError {
  const size = Number.isFinite(area) ? `${count(area)} ячеек` : 'недопустимая область';
  return new IntakeFileError(
    'merge-too-large',
    `В листе «${sheet}» (${file}) объединены слишком большие области ячеек (самая большая — ${ref || 'без адреса'}: ${size}); ` +
      `navbot принимает объединения общим размером до ${count(MAX_MERGED_CELLS)} ячеек. ` +
      'Снимите объединение (выделите лист → Главная → «Объединить и поместить в центр» → «Отменить объединение ячеек») и сохраните файл.',
    file,
  );
}
