// A workbook held by Excel on Windows: opening it fails with EBUSY or EPERM.
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const busy = (code: string) => Object.assign(new Error(`${code}: resource busy or locked, open 'q.xlsx'`), { code });
  return {
    ...real,
    stat: vi.fn(async () => ({ isDirectory: () => false })),
    readFile: vi.fn(async (file: string) => {
      throw busy(String(file).includes('perm') ? 'EPERM' : 'EBUSY');
    }),
  };
});

const { IntakeFileError, readQueue } = await import('../../../src/intake/index.js');
const { OPTIONS } = await import('./helpers.js');

describe('readQueue: a workbook open in Excel', () => {
  it.each(['C:\\Школа\\очередь.xlsx', 'C:\\Школа\\perm.xlsx'])('%s gives a clear message, not a stack trace', async (file) => {
    const e = await readQueue(file, OPTIONS).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IntakeFileError);
    expect((e as InstanceType<typeof IntakeFileError>).code).toBe('locked');
    expect((e as Error).message).toBe(`Файл открыт в Excel или другой программе: закройте его и повторите. (${file})`);
  });
});
