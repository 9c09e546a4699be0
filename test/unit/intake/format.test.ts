import { describe, expect, it } from 'vitest';
import { formatProblem, formatReport, formatSummary, IntakeInvalidError, planRun, readQueue } from '../../../src/intake/index.js';
import { HEADERS, OPTIONS, tempDir, utc, workbook } from './helpers.js';

const dir = tempDir();

describe('Russian messages', () => {
  it('one line per problem', () => {
    expect(
      formatProblem({
        rowNumber: 7,
        column: 'C',
        header: 'Пол',
        value: 'Мж',
        problem: 'значение «Мж» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен)',
        fix: 'Выберите из списка: Мужской или Женский (можно сокращённо: М, Ж, муж, жен).',
      }),
    ).toBe(
      'Строка 7, столбец C «Пол»: значение «Мж» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен). Как исправить: Выберите из списка: Мужской или Женский (можно сокращённо: М, Ж, муж, жен).',
    );
  });

  it('a report grouped by row, with the summary line', async () => {
    const file = await workbook(dir, [
      HEADERS,
      ['1', utc(2016, 3, 5), 'М', 'г. Лесной', null, 'Секретов'],
      ['2', '31.02.2016', 'Мж', 'г. Лесной', null, 'Тайнова'],
      ['3', utc(2016, 3, 5), 'Ж', 'Мск'],
    ]);
    const r = await readQueue(file, OPTIONS);
    expect(formatSummary(r)).toBe('Проверено строк: 3, готовы: 1, с ошибками: 2');
    const text = formatReport(r);
    expect(text.split('\n').slice(1)).toEqual([
      '',
      'Строка 3 (ключ «2»):',
      '  • B «Дата рождения» = «31.02.2016»: такой даты нет: в феврале 2016 года 29 дней.',
      '    Как исправить: Проверьте день и месяц по свидетельству о рождении.',
      '  • C «Пол» = «Мж»: значение «Мж» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен).',
      '    Как исправить: Выберите из списка: Мужской или Женский (можно сокращённо: М, Ж, муж, жен).',
      '',
      'Строка 4 (ключ «3»):',
      '  • D «Муниципалитет» = «Мск»: муниципалитета «Мск» нет в списке Навигатора.',
      expect.stringMatching(/^ {4}Как исправить: Выберите из списка в ячейке: «г\. Блестящий»/),
      '',
      'Проверено строк: 3, готовы: 1, с ошибками: 2.',
    ]);
    // The staff's own values never appear in the printed problems.
    expect(text).not.toMatch(/Секретов|Тайнова/);
  });

  it('run: refuses an invalid queue unless skipping, then reports the skipped rows', async () => {
    const file = await workbook(dir, [HEADERS, ['1', utc(2016, 3, 5), 'М', 'г. Лесной'], ['2', utc(2016, 3, 5), 'X', 'г. Лесной', null, 'Тайнова']]);
    const r = await readQueue(file, OPTIONS);
    expect(() => planRun(r)).toThrow(IntakeInvalidError);
    expect(() => planRun(r)).toThrow(/--skip-invalid/);
    const plan = planRun(r, { skipInvalid: true });
    expect(plan.rows.map((x) => x.rowNumber)).toEqual([2]);
    expect(plan.skipped).toEqual([
      {
        rowNumber: 3,
        key: '2',
        reason: 'C «Пол»: значение «X» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен)',
        problems: r.invalid[0]!.problems,
        staff: { 'ФИО (для себя)': 'Тайнова', Примечание: '' },
      },
    ]);
  });

  it('run: a problem with the file as a whole stops even with --skip-invalid', async () => {
    const file = await workbook(dir, [HEADERS, ['1', utc(2016, 3, 5), 'М', 'г. Лесной']]);
    const r = await readQueue(file, { ...OPTIONS, defaultMunicipality: 'Атлантида' });
    expect(() => planRun(r, { skipInvalid: true })).toThrow(/ошибки в файле целиком/);
    expect(formatReport(r)).toContain('Ошибки в файле целиком');
  });
});
