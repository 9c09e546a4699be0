// «Пол»: Мужской / Женский; М, Ж, муж, жен in any case, with Latin look-alikes, are accepted.
import { display, type CellValue } from './cells.js';
import { bad, ok, type Checked } from './check.js';
import { collapseSpaces, fold, latinToCyrillic, shown } from './text.js';

export type Sex = 'male' | 'female';

export const SEX_LABELS: Record<Sex, string> = { male: 'Мужской', female: 'Женский' };

const ACCEPTED: Record<string, Sex> = {
  м: 'male',
  муж: 'male',
  мужской: 'male',
  ж: 'female',
  жен: 'female',
  женский: 'female',
};

const FIX = 'Выберите из списка: Мужской или Женский (можно сокращённо: М, Ж, муж, жен).';

export function normaliseSex(raw: string): string {
  return fold(latinToCyrillic(collapseSpaces(raw))).replace(/\.$/, '');
}

export function parseSex(cell: CellValue): Checked<Sex> {
  const raw = display(cell);
  if (collapseSpaces(raw) === '') return bad('пол не заполнен', FIX);
  const sex = cell.kind === 'text' ? ACCEPTED[normaliseSex(raw)] : undefined;
  if (sex) return ok(sex);
  return bad(`значение «${shown(raw)}» не распознано. Допустимо: Мужской, Женский (или М, Ж, муж, жен)`, FIX);
}
