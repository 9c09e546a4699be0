// Small text helpers shared by the column normalisers: spaces, ё/е, dashes, and letters that
// look alike in Latin and Cyrillic (staff switch keyboard layouts without noticing).

/** Any run of whitespace (NBSP, tabs, line breaks in a cell) becomes one space; ends trimmed. */
export function collapseSpaces(s: string): string {
  return s.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

/** Hyphen look-alikes (en dash, em dash, minus…) become '-'. */
export function normaliseDashes(s: string): string {
  return s.replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-');
}

export function foldYo(s: string): string {
  return s.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

// Pairs that are visually the same letter. Upper case has more pairs than lower case.
const PAIRS: Array<[latin: string, cyrillic: string]> = [
  ['A', 'А'], ['B', 'В'], ['C', 'С'], ['E', 'Е'], ['H', 'Н'], ['K', 'К'], ['M', 'М'],
  ['O', 'О'], ['P', 'Р'], ['T', 'Т'], ['X', 'Х'], ['Y', 'У'],
  ['a', 'а'], ['c', 'с'], ['e', 'е'], ['o', 'о'], ['p', 'р'], ['x', 'х'], ['y', 'у'], ['k', 'к'], ['m', 'м'],
];
const LATIN_TO_CYRILLIC = new Map(PAIRS.map(([l, c]) => [l, c]));

/** Every Latin look-alike letter becomes its Cyrillic twin (for values whose answers are Cyrillic). */
export function latinToCyrillic(s: string): string {
  let out = '';
  for (const ch of s) out += LATIN_TO_CYRILLIC.get(ch) ?? ch;
  return out;
}

// After case folding, the letters that have a twin in the other script, in upper or lower case:
// «AB» and «АВ» look the same, so «ab» and «ав» are one key's letters too.
const FOLDED_PAIRS: Array<[latin: string, cyrillic: string]> = [
  ['a', 'а'], ['b', 'в'], ['c', 'с'], ['e', 'е'], ['h', 'н'], ['k', 'к'],
  ['m', 'м'], ['o', 'о'], ['p', 'р'], ['t', 'т'], ['x', 'х'], ['y', 'у'],
];
const FOLDED_TO_LATIN = new Map(FOLDED_PAIRS.map(([l, c]) => [c, l]));
const FOLDED_TO_CYRILLIC = new Map(FOLDED_PAIRS.map(([l, c]) => [l, c]));
const isCyrillic = (ch: string) => /\p{Script=Cyrillic}/u.test(ch);

const isLatin = (ch: string) => /\p{Script=Latin}/u.test(ch);

/** Which script a word of look-alike letters only is written in. */
export type LookAlikes = 'latin' | 'cyrillic';

/**
 * Settles the script of every look-alike letter of a case-folded text, so that what looks the
 * same (in either case) compares the same. Per word (a run of letters): a word with a letter only
 * Cyrillic has (б г д ж з и й л п ф ц ч ш щ ъ ы ь э ю я …) gets its look-alikes in Cyrillic; a
 * word with a letter only Latin has gets them in Latin; a word of look-alikes only («ав», «x»)
 * is written in `lookAlikes` (Latin unless said). The choice depends only on letters that have no
 * twin, so every spelling of one word settles alike.
 */
export function settleScript(folded: string, lookAlikes: LookAlikes = 'latin'): string {
  return folded.replace(/\p{L}+/gu, (word) => {
    const letters = [...word];
    const cyrillic = letters.some((ch) => !FOLDED_TO_LATIN.has(ch) && isCyrillic(ch));
    const latin = !cyrillic && letters.some((ch) => !FOLDED_TO_CYRILLIC.has(ch) && isLatin(ch));
    const twins = cyrillic || (!latin && lookAlikes === 'cyrillic') ? FOLDED_TO_CYRILLIC : FOLDED_TO_LATIN;
    let out = '';
    for (const ch of letters) out += twins.get(ch) ?? ch;
    return out;
  });
}

/** The script a word was typed in, as far as its letters tell: Latin only if every letter is Latin. */
export function typedScript(word: string): LookAlikes {
  return [...word].every((ch) => !/\p{L}/u.test(ch) || isLatin(ch)) ? 'latin' : 'cyrillic';
}

/** Case-fold the Russian way. */
export function fold(s: string): string {
  return foldYo(s.toLowerCase()); // the 'ru' locale has no special rules, and toLocaleLowerCase is slow
}

/** Levenshtein distance (small strings: names of municipalities). */
export function levenshtein(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[B.length]!;
}

// Control characters other than tab and line breaks (C0, DEL, C1): NUL and the like come with
// text copied from other programs, are invisible in Excel, and must reach neither the Navigator
// nor a terminal (escape sequences).
// Format characters (\p{Cf}: U+202E reverses the text that follows, U+2060 and U+00AD do not
// show) make a key look other than it is and two look-alike keys two children; the zero-width
// space and the BOM count as spaces (collapseSpaces).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|(?![\u200b\ufeff])\p{Cf}/gu;

/** The control characters in `s`, as «U+0000», each once, in order of appearance. */
export function controlChars(s: string): string[] {
  const found = new Set<string>();
  for (const m of s.matchAll(CONTROL)) found.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [...found];
}

/** A value as quoted in a message: shortened, line breaks shown as spaces, control characters as «�». */
export function shown(s: string, max = 60): string {
  const one = s.replace(/\r?\n/g, ' ').replace(CONTROL, '\ufffd');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
