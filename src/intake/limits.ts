// How much a queue may hold. Intake reads the whole sheet into memory (exceljs), so a file beyond
// these limits is refused with a message before it is loaded, never left to run out of memory.
// README («Как работать») names the first two for staff; keep them in step.
import { IntakeFileError } from './types.js';

/** Rows of children in one queue; a bigger queue is split into several files. */
export const MAX_QUEUE_ROWS = 20_000;

/** Size of the queue file on disk (.xlsx or .csv). */
export const MAX_QUEUE_FILE_BYTES = 20 * 1024 * 1024;

/** All parts of a workbook once unpacked: a 20,000-row queue takes a few megabytes; a zip bomb far more. */
export const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024;

/** Cells written in all sheets of a workbook (values or formatting): 20,000 rows × 50 columns. */
export const MAX_XLSX_CELLS = 1_000_000;

/** Cells covered by merged areas in one sheet; exceljs builds every covered cell. */
export const MAX_MERGED_CELLS = 100_000;

/** Distinct texts of a workbook (<si>): one per cell at most. */
export const MAX_SHARED_STRINGS = MAX_XLSX_CELLS;

/** Rich-text runs (<r>) in the shared strings: exceljs keeps each as an object. */
export const MAX_STRING_RUNS = 2 * MAX_XLSX_CELLS;

/** The shared strings part unpacked: 1,000,000 texts of a queue's length. */
export const MAX_SHARED_STRINGS_BYTES = 40 * 1024 * 1024;

/** Megabytes for messages: «20 МБ». */
export const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} МБ`.replace('.', ',');

/** «20 000» as Russian text writes thousands. */
export const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** The queue (or a sheet of the workbook, when `sheet` is given) holds more than MAX_QUEUE_ROWS rows. */
export function tooManyRows(file: string, sheet?: string): IntakeFileError {
  const where = sheet === undefined ? `В файле ${file}` : `В листе «${sheet}» (${file})`;
  const n = count(MAX_QUEUE_ROWS);
  return new IntakeFileError(
    'too-many-rows',
    `${where} больше ${n} строк, а navbot обрабатывает очередь не больше чем из ${n} строк за раз. ` +
      `Разделите очередь на несколько файлов (по ${n} строк или меньше) и запустите их по очереди.` +
      (sheet === undefined
        ? ''
        : ' Если лишние строки пустые, но оформлены, удалите их (выделите строки → Удалить); если это не лист очереди, перенесите очередь в отдельную книгу.'),
    file,
  );
}
