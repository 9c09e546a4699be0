// «Ключ»: the staff's own reference. It keys the journal and the e-mail, so the normalised form
// must not change when staff retype it with other spaces, case, ё or keyboard layout.
import { display, type CellValue } from './cells.js';
import { bad, controlProblem, ok, type Checked } from './check.js';
import { collapseSpaces, fold, normaliseDashes, settleScript, shown } from './text.js';

export const MAX_KEY_LENGTH = 40;

export interface Key {
  /** As typed, trimmed, inner spaces collapsed. */
  key: string;
  /** For comparisons, the journal and the e-mail slug. */
  keyNorm: string;
}

/**
 * The comparison form: spaces collapsed, «№ 17» → «№17», dashes unified, look-alike letters
 * settled per word, lower case, ё → е. «№17» and «17» stay different references.
 */
export function normaliseKey(key: string): string {
  let s = normaliseDashes(collapseSpaces(key));
  s = s.replace(/№\s+/g, '№').replace(/\s*-\s*/g, '-');
  return fold(settleScript(s));
}

export function parseKey(cell: CellValue): Checked<Key> {
  const control = controlProblem(cell);
  if (control) return control;
  if (cell.kind === 'error' || cell.kind === 'formula') {
    return bad('в ячейке ошибка формулы, а не ключ', 'Впишите ключ (номер по журналу) текстом.');
  }
  const key = collapseSpaces(display(cell));
  if (key === '') return bad('ключ не заполнен', 'Впишите номер по своему журналу, например «2025-017»; у каждой строки он свой.');
  if (key.length > MAX_KEY_LENGTH) {
    return bad(`ключ длиннее ${MAX_KEY_LENGTH} символов`, 'Сократите ключ: достаточно номера по журналу, например «2025-017».');
  }
  const keyNorm = normaliseKey(key);
  if (slugify(keyNorm) === '') {
    return bad(`в ключе «${shown(key)}» нет ни букв, ни цифр`, 'Ключ должен содержать буквы или цифры, например «2025-017».');
  }
  if (/^пример/.test(keyNorm)) {
    return bad(
      `строка «${shown(key)}» — пример из листа «Как заполнять», а не ребёнок`,
      'Удалите эту строку и впишите своих детей со своими ключами.',
    );
  }
  return ok({ key, keyNorm });
}

// GOST 7.79-2000 system B, simplified to plain ASCII letters.
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'c',
  ч: 'ch', ш: 'sh', щ: 'shh', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye',
  '№': 'n',
};

/** The key as a safe e-mail piece: transliterated, lower case, anything else → '-', collapsed. */
export function slugify(key: string): string {
  let out = '';
  for (const ch of normaliseKey(key)) out += TRANSLIT[ch] ?? ch;
  return out
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
