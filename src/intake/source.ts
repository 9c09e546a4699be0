// Opening the staff's file: read-only, once, into memory (at most MAX_QUEUE_FILE_BYTES). Every way this fails becomes an
// IntakeFileError with a message staff can act on (never a stack trace).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { count, MAX_QUEUE_FILE_BYTES, MAX_QUEUE_ROWS, megabytes } from './limits.js';
import { IntakeFileError } from './types.js';

export type SourceKind = 'xlsx' | 'csv';

const LOCKED = 'Файл открыт в Excel или другой программе: закройте его и повторите.';

function describe(e: NodeJS.ErrnoException, file: string): IntakeFileError {
  switch (e.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new IntakeFileError('missing', `Файл не найден: ${file}. Проверьте имя и папку.`, file);
    case 'EBUSY':
    case 'EPERM':
    case 'ETXTBSY':
      return new IntakeFileError('locked', `${LOCKED} (${file})`, file);
    case 'EACCES':
      return new IntakeFileError('unreadable', `Нет прав на чтение файла ${file}. Скопируйте его в свою папку и укажите копию.`, file);
    default:
      return new IntakeFileError('unreadable', `Не удалось прочитать файл ${file}: ${e.message}`, file);
  }
}

/** Reads the file and decides its kind from the content, checked against the extension. */
export async function openSource(file: string): Promise<{ kind: SourceKind; data: Buffer }> {
  const ext = path.extname(file).toLowerCase();
  let data: Buffer;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new IntakeFileError('format', `${file} — это папка, а не файл. Укажите файл .xlsx или .csv.`, file);
    if (s.size > MAX_QUEUE_FILE_BYTES) {
      throw new IntakeFileError(
        'too-large',
        `Файл ${file} слишком большой: ${megabytes(s.size)}, а navbot читает очереди до ${megabytes(MAX_QUEUE_FILE_BYTES)} ` +
          `и до ${count(MAX_QUEUE_ROWS)} строк. Разделите очередь на несколько файлов и запустите их по очереди.`,
        file,
      );
    }
    data = await readFile(file);
  } catch (e) {
    if (e instanceof IntakeFileError) throw e;
    throw describe(e as NodeJS.ErrnoException, file);
  }
  const zip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  const ole = data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0 && data.readUInt32BE(4) === 0xa1b11ae1;
  if (ext === '.xls' || (ole && ext !== '.csv')) {
    throw new IntakeFileError(
      'format',
      `Файл ${file} в старом формате Excel 97–2003 (.xls). Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)».`,
      file,
    );
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (!zip) {
      const looksLocked = path.basename(file).startsWith('~$');
      throw new IntakeFileError(
        'format',
        looksLocked
          ? `${file} — служебный файл, который Excel создаёт, пока книга открыта. Укажите саму книгу (без «~$» в начале имени).`
          : `Файл ${file} повреждён или это не книга Excel. Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)».`,
        file,
      );
    }
    return { kind: 'xlsx', data };
  }
  if (ext === '.csv' || ext === '.txt') {
    if (zip) throw new IntakeFileError('format', `Файл ${file} — книга Excel, а не CSV. Переименуйте его в .xlsx.`, file);
    return { kind: 'csv', data };
  }
  throw new IntakeFileError(
    'format',
    `Не умею читать файл ${file}: нужна книга Excel (.xlsx) или CSV (разделитель «;»).`,
    file,
  );
}
