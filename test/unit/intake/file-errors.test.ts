import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeFileError, readQueue } from '../../../src/intake/index.js';
import { OPTIONS, tempDir } from './helpers.js';

const dir = tempDir();

async function failure(file: string): Promise<IntakeFileError> {
  const e = await readQueue(file, OPTIONS).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(IntakeFileError);
  return e as IntakeFileError;
}

describe('readQueue: files it cannot read', () => {
  it('a missing file', async () => {
    const e = await failure(path.join(dir, 'нет.xlsx'));
    expect(e.code).toBe('missing');
    expect(e.message).toMatch(/^Файл не найден: .*нет\.xlsx\. Проверьте имя и папку\.$/);
  });

  it('a folder', async () => {
    mkdirSync(path.join(dir, 'папка.xlsx'));
    expect((await failure(path.join(dir, 'папка.xlsx'))).code).toBe('format');
  });

  it('an old .xls, another format, a broken .xlsx, Excel’s own lock file', async () => {
    writeFileSync(path.join(dir, 'old.xls'), Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    expect((await failure(path.join(dir, 'old.xls'))).message).toContain('сохраните как «Книга Excel (*.xlsx)»');
    writeFileSync(path.join(dir, 'q.pdf'), '%PDF');
    expect((await failure(path.join(dir, 'q.pdf'))).message).toContain('нужна книга Excel (.xlsx) или CSV');
    writeFileSync(path.join(dir, 'broken.xlsx'), 'Ключ;Пол');
    expect((await failure(path.join(dir, 'broken.xlsx'))).message).toContain('повреждён или это не книга Excel');
    writeFileSync(path.join(dir, 'zip.xlsx'), Buffer.from('504b0304000000000000', 'hex'));
    expect((await failure(path.join(dir, 'zip.xlsx'))).code).toBe('format');
    writeFileSync(path.join(dir, '~$очередь.xlsx'), Buffer.alloc(165));
    expect((await failure(path.join(dir, '~$очередь.xlsx'))).message).toContain('служебный файл');
  });

  it('a CSV without a header', async () => {
    writeFileSync(path.join(dir, 'nohead.csv'), '1;05.03.2016;М\n');
    expect((await failure(path.join(dir, 'nohead.csv'))).code).toBe('no-header');
  });
});
