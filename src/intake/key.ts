// «Ключ»: the staff's own reference. It keys the journal and the e-mail, so the normalised form
// must not change when staff retype it with other spaces, case, ё or keyboard layout.
import { display, type CellValue } from './cells.js';
import { bad, controlProblem, ok, type Checked } from './check.js';
import { collapseSpaces, fold, normaliseDashes, settleScript, shown, typedScript, type LookAlikes } from './text.js';

export const MAX_KEY_LENGTH = 40;

export interface Key {
  /** As typed, trimmed, inner spaces collapsed. */
  key: string;
  /** The key's identity (normaliseKey): for comparisons, the ledger, the e-mail slug and the password. */
  keyNorm: string;
}

/**
 * A key's identity: what makes two keys one key (DESIGN.md, invariant 1). Two keys are the same
 * when they are equal after
 * 1. NFKC (full-width and other compatibility forms become plain letters and digits; «№» stays);
 * 2. whitespace collapsed, dash look-alikes → «-», no spaces around a dash, «№ 17» → «№17»;
 * 3. case folded: lower case, ё → е;
 * 4. letters that look alike in Latin and Cyrillic in either case taken as one letter:
 *    a b c e h k m o p t x y ↔ а в с е н к м о р т х у.
 * So «AB-7», «ab-7», «Ab-7», «АВ-7», «ав-7» are one key, and «А-1», «а-1», «A-1» are one key;
 * «№17» and «17» stay two, and so do «F1» and «F-1» (the accounting flow asks about those).
 * The form returned writes each word's look-alikes in one script (text.ts, settleScript): Cyrillic
 * where the word has a letter only Cyrillic has, Latin otherwise («ab-7», «x-01», «иванов-1») —
 * readable, and the same for every spelling of the key. Idempotent. Intake, validate's duplicate
 * check, the ledger, the e-mail template (slugify) and the password of a key new to the ledger all
 * use this one function.
 */
export function normaliseKey(key: string): string {
  return settleScript(fold(tidyKey(key)));
}

/** Steps 1–2 of the identity: NFKC, spaces, dashes, «№», as typed otherwise (case and script kept). */
function tidyKey(key: string): string {
  // NFKC would spell «№» as «No»: «№17» must stay apart from «No17».
  const s = normaliseDashes(collapseSpaces(key.split('№').map((part) => part.normalize('NFKC')).join('№')));
  return s.replace(/№\s+/g, '№').replace(/\s*-\s*/g, '-');
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

/**
 * validate's words for a key that repeats in the queue. Keys typed otherwise («AB-7» and «ab-7»)
 * are named, with why they are one key.
 */
export function repeatedKeyProblem(key: string | undefined, others: ReadonlyArray<{ key?: string; rowNumber: number }>): string {
  const spelled = [...new Set(others.map((o) => o.key ?? '').filter((k) => k !== '' && k !== key))];
  const rows = others.map((o) => o.rowNumber);
  const where = rows.length === 1 ? `строке ${rows[0]}` : `строках ${rows.join(', ')}`;
  const same = spelled.map((k) => ` «${shown(k)}»`).join(',');
  const why = spelled.length ? ' (регистр букв, раскладка и пробелы в ключе не важны)' : '';
  return `ключ «${shown(key ?? '')}» повторяется: такой же ключ${same} в ${where}${why}`;
}

// GOST 7.79-2000 system B, simplified to plain ASCII letters.
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'c',
  ч: 'ch', ш: 'sh', щ: 'shh', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye',
  '№': 'n',
};

/**
 * The key as written for its e-mail: the identity's letters, except that a word of look-alikes
 * only keeps the script it was typed in (Latin only if every letter was typed Latin): «X-01» and
 * «AB-7» stay Latin, «Х-01» and «5В-03» stay Cyrillic. So the address reads as staff typed the
 * key, and «5Б-03» and «5В-03» (two keys) never share an address. One key typed in both scripts
 * gets two spellings: within a queue validate calls it one key, across queues the ledger keeps the
 * first address, and the register step looks for the other spellings' addresses (otherSlugs)
 * before it registers anyone.
 */
export function emailSpelling(key: string, lookAlikes?: LookAlikes): string {
  return tidyKey(key).replace(/\p{L}+/gu, (word) => settleScript(fold(word), lookAlikes ?? typedScript(word)));
}

function transliterate(spelled: string): string {
  let out = '';
  for (const ch of spelled) out += TRANSLIT[ch] ?? ch;
  return out
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The key as a safe e-mail piece: its e-mail spelling with Cyrillic letters transliterated
 * («AB-7» → ab-7, «X-01» → x-01, «Х-01» → kh-01, «Иванов-1» → ivanov-1, «№17» → n17), lower
 * case, anything else → '-', collapsed.
 */
export function slugify(key: string): string {
  return transliterate(emailSpelling(key));
}

/** Up to this many look-alike words, every mix of their scripts is another spelling; past it, all-Latin and all-Cyrillic. */
const MIXES_UP_TO = 3;

/**
 * The slugs the same key has when its look-alike words are typed in another script (none when
 * they read alike): every mix of scripts for a key of up to three such words (at most 7 others),
 * else the all-Latin and all-Cyrillic spellings.
 */
export function otherSlugs(key: string): string[] {
  const tidy = tidyKey(key);
  const twoWay = (word: string) => settleScript(fold(word), 'latin') !== settleScript(fold(word), 'cyrillic');
  const twoWays = (tidy.match(/\p{L}+/gu) ?? []).filter(twoWay).length;
  const mixes: LookAlikes[][] =
    twoWays <= MIXES_UP_TO
      ? Array.from({ length: 2 ** twoWays }, (_, n) => Array.from({ length: twoWays }, (_, i) => ((n >> i) & 1 ? 'cyrillic' : 'latin')))
      : [Array(twoWays).fill('latin'), Array(twoWays).fill('cyrillic')];
  const spell = (mix: LookAlikes[]) => {
    let i = 0;
    return tidy.replace(/\p{L}+/gu, (w) => settleScript(fold(w), twoWay(w) ? mix[i++]! : 'latin'));
  };
  const own = slugify(key);
  return [...new Set(mixes.map((m) => transliterate(spell(m))))].filter((s) => s !== own);
}
