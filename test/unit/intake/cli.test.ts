import { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerTemplate } from '../../../src/cli/commands/template.js';
import { register as registerValidate } from '../../../src/cli/commands/validate.js';
import { CliExit, EXIT } from '../../../src/cli/exit-codes.js';
import { HEADERS, tempDir, utc, workbook } from './helpers.js';

const dir = tempDir();
const year = new Date().getFullYear();

async function cli(...args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command().exitOverride();
  registerTemplate(program);
  registerValidate(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'navbot', ...args]);
    const code = Number(process.exitCode ?? 0);
    return { out, code };
  } catch (e) {
    if (e instanceof CliExit) return { out: `${out}${e.message}\n`, code: e.code };
    throw e;
  } finally {
    spy.mockRestore();
    process.exitCode = before;
  }
}

// Defaults only: a developer's .env (another region's profile, a default municipality) must not
// change these tests. An empty value counts as unset and keeps dotenv from filling it in.
const PINNED = ['NAVBOT_PROFILE', 'NAVBOT_MUNICIPALITY', 'NAVBOT_EMAIL_TEMPLATE'] as const;
const saved = Object.fromEntries(PINNED.map((k) => [k, process.env[k]]));
beforeAll(() => {
  for (const k of PINNED) process.env[k] = '';
});
afterAll(() => {
  for (const k of PINNED) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

afterEach(() => {
  process.exitCode = undefined;
});

describe('navbot template / validate', () => {
  it('template writes once, refuses to overwrite, --force does', async () => {
    const file = path.join(dir, 'очередь.xlsx');
    expect(await cli('template', file)).toMatchObject({ code: 0, out: expect.stringContaining(`Шаблон очереди сохранён: ${file}`) });
    expect(existsSync(file)).toBe(true);
    expect(await cli('template', file)).toMatchObject({ code: EXIT.invalid, out: expect.stringContaining('уже есть — не перезаписываю') });
    expect((await cli('template', file, '--force')).code).toBe(0);
  });

  it('validate: 0 for a valid queue, with the summary line', async () => {
    const file = await workbook(dir, [HEADERS, ['1', utc(year - 10, 3, 5), 'М', 'г. Лесной']]);
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Проверено строк: 1, готовы: 1, с ошибками: 0. Все строки в порядке.');
  });

  it('validate: 2 and every problem for an invalid queue; --json without staff values', async () => {
    const file = await workbook(dir, [
      HEADERS,
      ['1', utc(year - 10, 3, 5), 'Мж', 'г. Лесной', null, 'Секретов'],
      ['2', '31.02.2015', 'Ж', 'г. Лесной'],
    ]);
    const r = await cli('validate', file);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.out).toContain('Строка 2 (ключ «1»):\n  • C «Пол» = «Мж»: значение «Мж» не распознано.');
    expect(r.out).toContain('Строка 3 (ключ «2»):\n  • B «Дата рождения» = «31.02.2015»: такой даты нет');
    expect(r.out).toContain('Проверено строк: 2, готовы: 0, с ошибками: 2.');
    const j = await cli('validate', file, '--json');
    expect(j.code).toBe(EXIT.invalid);
    const parsed = JSON.parse(j.out) as { valid: boolean; problems: Array<{ rowNumber: number; column: string }> };
    expect(parsed.valid).toBe(false);
    expect(parsed.problems.map((p) => [p.rowNumber, p.column])).toEqual([[2, 'C'], [3, 'B']]);
    expect(j.out).not.toContain('Секретов');
  });

  it('validate: warns that a look-alike of a sent column is the staff’s own and never sent', async () => {
    const file = await workbook(dir, [
      ['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'E-mail (родителя)'],
      ['1', utc(year - 10, 3, 5), 'М', 'г. Лесной', 'mama.real@mail.ru'],
    ]);
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Предупреждения (работе не мешают, но проверьте):\n  • Столбец E «E-mail (родителя)» похож на «E-mail», но называется иначе: ' +
        'робот считает его вашим собственным столбцом и никогда не отправляет его в Навигатор.',
    );
    expect(r.out).toContain('Все строки в порядке.');
    const j = JSON.parse((await cli('validate', file, '--json')).out) as { rows: Array<{ sent: { email: string } }>; warnings: Array<{ header: string }> };
    expect(j.rows[0]!.sent.email).not.toContain('mama');
    expect(j.warnings.map((w) => w.header)).toEqual(['E-mail (родителя)']);
  });

  it('validate: names the rows hidden in Excel, which navbot processes all the same', async () => {
    const file = await workbook(
      dir,
      [HEADERS, ['1', utc(year - 10, 3, 5), 'М', 'г. Лесной'], ['2', utc(year - 10, 3, 6), 'Ж', 'г. Лесной'], ['3', utc(year - 10, 3, 7), 'Ж', 'г. Лесной']],
      (ws) => {
        ws.getRow(2).hidden = true;
        ws.getRow(4).hidden = true;
      },
    );
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Предупреждения (работе не мешают, но проверьте):\n  • Строки 2, 4 скрыты в Excel — navbot их тоже обработает; если они не нужны, удалите их.');
    expect(r.out).toContain('Проверено строк: 3, готовы: 3, с ошибками: 0. Все строки в порядке.');
  });

  it('validate: 2 and a Russian message naming the limit for a queue too long to read', async () => {
    const file = path.join(dir, 'длинная.csv');
    writeFileSync(file, `Ключ;Дата рождения;Пол;Муниципалитет\n${'1;05.03.2016;М;г. Лесной\n'.repeat(30_000)}`);
    const r = await cli('validate', file);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.out).toContain(`В файле ${file} больше 20 000 строк`);
    expect(r.out).toContain('Разделите очередь на несколько файлов');
  });

  it('validate: 2 and a plain message for a file it cannot read', async () => {
    const r = await cli('validate', path.join(dir, 'нет.xlsx'));
    expect(r).toEqual({ code: EXIT.invalid, out: `Файл не найден: ${path.join(dir, 'нет.xlsx')}. Проверьте имя и папку.\n` });
  });
});
