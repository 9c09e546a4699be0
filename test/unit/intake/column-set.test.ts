// The one intake pipeline reads any flow's ColumnSet: a column required only without a default,
// a value a set's row rule derives, marks on the row, rules across rows, and the set's own words
// in its messages. (The memo's and the registry's sets are tested by their own files.)
import { describe, expect, it } from 'vitest';
import { IntakeFileError, display, ok, readQueue, type ColumnSet } from '../../../src/intake/index.js';
import { csvFile, OPTIONS, tempDir } from './helpers.js';

const dir = tempDir();

const PAINT: ColumnSet = {
  flow: 'paint',
  row: 'одна краска',
  columns: [
    // Required unless NAVBOT_MUNICIPALITY is set (and in the list): then an empty cell is allowed.
    { field: 'colour', header: 'Цвет', aliases: ['Краска'], width: 10, required: (env) => !env.defaultMunicipality, read: (c) => ok(display(c).trim()), rule: '' },
    // No reader: the row rule derives it.
    { field: 'code', header: 'Код', width: 10, rule: '' },
  ],
  check(row) {
    const colour = row.value('colour');
    if (!colour) return;
    row.read('code', () => ok(colour.toUpperCase()));
    row.mark({ swatches: [`${colour}@paint.ru`] });
  },
  across(rows) {
    const byColour = new Map<string, number[]>();
    for (const r of rows) if (r.value('colour')) byColour.set(r.value('colour')!, [...(byColour.get(r.value('colour')!) ?? []), r.rowNumber]);
    for (const r of rows) {
      const same = (byColour.get(r.value('colour') ?? '') ?? []).filter((n) => n !== r.rowNumber);
      if (r.value('colour') && same.length) r.problem('colour', r.value('colour')!, `этот цвет уже в строке ${same.join(', ')}`, 'Выберите другой цвет.');
    }
  },
  wording: { staffColumn: 'оставляет себе', repeatedKeyFix: 'Ключи должны быть разными.', templateCommand: 'paint template', listOf: ' красок' },
};
const options = { ...OPTIONS, columns: PAINT };
const file = (csv: string) => csvFile(dir, Buffer.from(csv, 'utf8'));

describe('a flow’s own column set', () => {
  it('should read, derive, mark and compare rows by the set’s rules, in the set’s words', async () => {
    const r = await readQueue(file('Ключ;Краска;Цвет (мой)\nA;red;x\nB;red;y\nC;blue;z\nC;green;\nD;teal;w\n'), options);
    // The set's marks reach the row as the set wrote them: intake carries them, never reads them.
    expect(r.rows.map((x) => [x.key, x.sent, x.marks])).toEqual([['D', { key: 'd', colour: 'teal', code: 'TEAL' }, { swatches: ['teal@paint.ru'] }]]);
    expect(r.problems.map((p) => [p.rowNumber, p.header, p.value, p.problem, p.fix])).toEqual([
      [2, 'Цвет', 'red', 'этот цвет уже в строке 3', 'Выберите другой цвет.'],
      [3, 'Цвет', 'red', 'этот цвет уже в строке 2', 'Выберите другой цвет.'],
      [4, 'Ключ', 'C', expect.stringContaining('повторяется'), 'Ключи должны быть разными.'],
      [5, 'Ключ', 'C', expect.stringContaining('повторяется'), 'Ключи должны быть разными.'],
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('робот считает его вашим собственным столбцом и оставляет себе')]);
    expect(r.staffHeaders).toEqual(['Цвет (мой)']);
  });

  it('should require a column by the set’s rule and name its own template command', async () => {
    const e = await readQueue(file('Ключ;Имя\nA;x\n'), options).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IntakeFileError);
    expect((e as IntakeFileError).message).toMatch(/нет обязательных столбцов: «Цвет».*\(paint template\)/s);
    // With a default in the list, the column may be absent.
    const r = await readQueue(file('Ключ;Имя\nA;x\n'), { ...options, defaultMunicipality: OPTIONS.municipalities[0]! });
    expect(r.rows.map((x) => x.sent)).toEqual([{ key: 'a', colour: '', code: '' }]);
    // A default that is not in the list is said in the set's words.
    const bad = await readQueue(file('Ключ;Цвет\nA;x\n'), { ...options, columns: { ...PAINT, columns: [...PAINT.columns, { field: 'municipality', header: 'Город', width: 10, rule: '' }] }, defaultMunicipality: 'Атлантида' });
    expect(bad.problems.map((p) => p.problem)).toEqual(['муниципалитет по умолчанию (NAVBOT_MUNICIPALITY) не найден в списке красок']);
  });
});
