// Reading CSV as Excel in Russia saves it: «;» between cells, Windows-1251 or UTF-8 (with or
// without BOM), "quoted" cells with "" inside, line breaks inside quotes, CRLF.
import iconv from 'iconv-lite';
import { EMPTY, type CellValue, type Grid, type GridRow } from './cells.js';
import { HEADER_SEARCH_ROWS } from './columns.js';
import { MAX_QUEUE_ROWS, tooManyRows } from './limits.js';

/** UTF-8 when there is a BOM or the bytes are valid UTF-8; otherwise Windows-1251. */
export function decodeCsv(data: Buffer): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { text: data.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(data, 'win1251'), encoding: 'windows-1251' };
  }
}

/** «;» unless the first lines clearly use «,» or a tab instead (counted outside quotes). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 10; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') lines++;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const semi = counts.get(';')!;
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return n > semi ? best : ';';
}

/** More records with content than parseCsv was allowed to read. */
export class TooManyRecordsError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} CSV records`);
    this.name = 'TooManyRecordsError';
  }
}

/**
 * RFC 4180 records; record numbers are what Excel shows as row numbers. Stops with
 * TooManyRecordsError past `maxRecords` records that hold anything but spaces.
 */
export function parseCsv(text: string, delimiter = ';', maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  let filled = 0;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (record.some((c) => c.trim() !== '') && ++filled > maxRecords) throw new TooManyRecordsError(maxRecords);
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else if (ch === '\n' || ch === '\r') endRecord();
    else cell += ch;
    i++;
  }
  if (cell !== '' || record.length > 0) endRecord();
  return records;
}

/** `file` names the file in the message when it holds more rows than a queue may (MAX_QUEUE_ROWS). */
export function readCsv(data: Buffer, sheet: string, file = sheet): Grid & { encoding: string } {
  const { text, encoding } = decodeCsv(data);
  let records: string[][];
  try {
    // Title rows and the header may stand above the queue's rows.
    records = parseCsv(text, detectDelimiter(text), MAX_QUEUE_ROWS + HEADER_SEARCH_ROWS);
  } catch (e) {
    if (e instanceof TooManyRecordsError) throw tooManyRows(file);
    throw e;
  }
  const rows: GridRow[] = [];
  records.forEach((rec, i) => {
    if (rec.every((c) => c.trim() === '')) return;
    const cells: CellValue[] = rec.map((c) => (c === '' ? EMPTY : { kind: 'text', text: c }));
    rows.push({ rowNumber: i + 1, cells });
  });
  return { sheet, date1904: false, rows, encoding };
}
