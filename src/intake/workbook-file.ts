// Writing a workbook safely: never over an existing file unless asked, through a temporary file
// so that a half-written book never takes the real name, with a clear message when Excel holds it.
import type ExcelJS from 'exceljs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { IntakeFileError } from './types.js';

export async function saveWorkbook(wb: ExcelJS.Workbook, file: string, force: boolean): Promise<void> {
  if (!force) {
    const exists = await access(file).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new IntakeFileError('exists', `Файл ${file} уже есть — не перезаписываю. Укажите другое имя или добавьте --force.`, file);
    }
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await wb.xlsx.writeFile(tmp);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM') {
      throw new IntakeFileError('locked', `Файл открыт в Excel или другой программе: закройте его и повторите. (${file})`, file);
    }
    throw new IntakeFileError('unreadable', `Не удалось записать файл ${file}: ${(e as Error).message}`, file);
  }
}
