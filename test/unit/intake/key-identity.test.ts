// A key's identity (issue 21, part 1) as a property: random keys over Latin/Cyrillic look-alikes,
// case, ё, dashes, spaces and full-width digits. Keys equal by definition (the same abstract key
// rendered differently) get one identity, one e-mail and one password basis, collide in
// validate and are found in the ledger across queues — also in a ledger an older navbot wrote;
// keys not equal by definition never do. A hand-written generator with a fixed seed: a failure
// prints the keys, and reruns the same.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailFromTemplate, otherTemplateEmails } from '../../../src/intake/email.js';
import { normaliseKey, parseKey, slugify } from '../../../src/intake/key.js';
import { collapseSpaces, fold, normaliseDashes } from '../../../src/intake/text.js';
import { readQueue } from '../../../src/intake/index.js';
import { keyForms, ledgerKeyOf } from '../../../src/journal/key-forms.js';
import type { Entry } from '../../../src/journal/entry.js';
import { ledgerRecords } from '../../../src/journal/records.js';
import { csvFile, OPTIONS, tempDir } from './helpers.js';
import { mulberry32 } from '../../../src/stand/control/faults.js';

const dir = tempDir();

/** A small seeded PRNG: the stand's own (its fault rules use it). */
const prng = mulberry32;

// The definition's alphabet. Look-alike pairs (after case folding), letters only one script has.
const PAIRS = [['a', 'а'], ['b', 'в'], ['c', 'с'], ['e', 'е'], ['h', 'н'], ['k', 'к'], ['m', 'м'], ['o', 'о'], ['p', 'р'], ['t', 'т'], ['x', 'х'], ['y', 'у']] as const;
const LATIN_ONLY = 'dfgijlnqrsuvwz';
const CYRILLIC_ONLY = 'бгджзийлпфцчшщыэюя';
const DASHES = ['-', '–', '—', '−', '‐'];
const SPACES = [' ', '  ', '\u00a0', '\t'];

/** An abstract key: what the definition sees. */
type Token =
  | { t: 'pair'; i: number }
  | { t: 'lat'; c: string }
  | { t: 'cyr'; c: string }
  | { t: 'digit'; d: number }
  | { t: 'dash' }
  | { t: 'space' }
  | { t: 'num' };

function abstractKey(rnd: () => number): Token[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const n = 1 + Math.floor(rnd() * 8);
  const out: Token[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.4) out.push({ t: 'pair', i: Math.floor(rnd() * PAIRS.length) });
    else if (r < 0.5) out.push({ t: 'lat', c: pick([...LATIN_ONLY]) });
    else if (r < 0.6) out.push({ t: 'cyr', c: pick([...CYRILLIC_ONLY]) });
    else if (r < 0.85) out.push({ t: 'digit', d: Math.floor(rnd() * 10) });
    else if (r < 0.93) out.push({ t: 'dash' });
    else if (r < 0.98) out.push({ t: 'space' });
    else out.push({ t: 'num' });
  }
  // A key needs a letter or a digit.
  if (!out.some((x) => x.t === 'pair' || x.t === 'lat' || x.t === 'cyr' || x.t === 'digit')) out.push({ t: 'digit', d: 7 });
  return out;
}

/** Words (runs of letters) made of look-alikes only: the ones whose script the e-mail keeps as typed. */
function twoWayWords(key: Token[]): number {
  let words = 0;
  let run: Token['t'][] = [];
  for (const x of [...key, { t: 'space' } as Token]) {
    if (x.t === 'pair' || x.t === 'lat' || x.t === 'cyr') run.push(x.t);
    else {
      if (run.length && run.every((t) => t === 'pair')) words++;
      run = [];
    }
  }
  return words;
}

/** The definition, written independently of the code: what two renderings of a key share. */
function byDefinition(key: Token[]): string {
  const words = key.map((x) => (x.t === 'pair' ? `P${x.i}` : x.t === 'lat' ? `L${x.c}` : x.t === 'cyr' ? `C${x.c}` : x.t === 'digit' ? `D${x.d}` : x.t === 'dash' ? '-' : x.t === 'space' ? ' ' : '№'));
  // Spaces: collapsed, trimmed, none around a dash, none after «№».
  const out: string[] = [];
  for (const w of words) {
    if (w === ' ' && (out.length === 0 || out.at(-1) === ' ' || out.at(-1) === '-' || out.at(-1) === '№')) continue;
    if (w === '-' && out.at(-1) === ' ') out.pop();
    out.push(w);
  }
  while (out.at(-1) === ' ') out.pop();
  return out.join('|');
}

/** One way staff may type the abstract key: either script for look-alikes, any case, ё, dash look-alikes, odd spaces, full-width digits. */
function render(key: Token[], rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const cased = (c: string) => (rnd() < 0.5 ? c.toUpperCase() : c);
  const spaces = () => (rnd() < 0.3 ? pick(SPACES) : '');
  let s = spaces();
  for (const x of key) {
    if (x.t === 'pair') {
      const [lat, cyr] = PAIRS[x.i]!;
      const letter = rnd() < 0.5 ? lat : cyr === 'е' && rnd() < 0.3 ? 'ё' : cyr;
      s += cased(letter);
    } else if (x.t === 'lat' || x.t === 'cyr') s += cased(x.c);
    else if (x.t === 'digit') s += rnd() < 0.15 ? String.fromCharCode(0xff10 + x.d) : String(x.d);
    else if (x.t === 'dash') s += `${spaces()}${pick(DASHES)}${spaces()}`;
    else if (x.t === 'space') s += pick(SPACES);
    else s += `№${spaces()}`;
  }
  return s + spaces();
}

/** How navbot normalised keys before issue 21 (its ledgers hold keys in this form): settle per word, then fold. */
function legacyNormaliseKey(key: string): string {
  const OLD = [
    ['A', 'А'], ['B', 'В'], ['C', 'С'], ['E', 'Е'], ['H', 'Н'], ['K', 'К'], ['M', 'М'], ['O', 'О'], ['P', 'Р'], ['T', 'Т'], ['X', 'Х'], ['Y', 'У'],
    ['a', 'а'], ['c', 'с'], ['e', 'е'], ['o', 'о'], ['p', 'р'], ['x', 'х'], ['y', 'у'], ['k', 'к'], ['m', 'м'],
  ];
  const toCyr = new Map(OLD.map(([l, c]) => [l!, c!]));
  const toLat = new Map(OLD.map(([l, c]) => [c!, l!]));
  const settle = (s: string) =>
    s.replace(/\p{L}+/gu, (word) => {
      let cyr = false;
      let lat = false;
      for (const ch of word) {
        if (toCyr.has(ch) || toLat.has(ch)) continue;
        if (/\p{Script=Cyrillic}/u.test(ch)) cyr = true;
        else if (/\p{Script=Latin}/u.test(ch)) lat = true;
      }
      return [...word].map((ch) => (lat && !cyr ? (toLat.get(ch) ?? ch) : (toCyr.get(ch) ?? ch))).join('');
    });
  let s = normaliseDashes(collapseSpaces(key));
  s = s.replace(/№\s+/g, '№').replace(/\s*-\s*/g, '-');
  return fold(settle(s));
}

const TEMPLATE = 'robot+{key}@school.ru';
const emailOf = (key: string) => {
  const e = emailFromTemplate(TEMPLATE, key);
  return e.ok ? e.value : `(${e.problem})`;
};
/** The addresses a row with this key looks at before registering: its own and its other spellings'. */
const spellingsOf = (key: string) => [emailOf(key), ...otherTemplateEmails(TEMPLATE, key)];

/** A ledger as navbot writes it: a binding, the register step done. */
function ledgerOf(storedKey: string, shownKey: string, userId: string): Entry[] {
  const at = '2026-01-01T00:00:00.000Z';
  return [
    { at, run: 'r1', key: storedKey, step: 'row', kind: 'bind', bind: { content: { email: emailOf(shownKey) }, queue: 'q', file: '/q.xlsx', row: 2, shownKey } },
    { at, run: 'r1', key: storedKey, step: 'register', kind: 'intent', attempt: 1 },
    { at, run: 'r1', key: storedKey, step: 'register', kind: 'done', facts: { userId } },
  ];
}

/** The basis of a key's password: its ledger key, as the batch and `navbot password` take it. */
function passwordBasis(entries: readonly Entry[], key: string): string {
  const k = ledgerKeyOf(keyForms(entries, normaliseKey), normaliseKey(key));
  return 'key' in k ? k.key : `merged: ${k.merged.join(', ')}`;
}

const CASES = 400;

describe('a key’s identity: the examples of issue 21', () => {
  it('case, keyboard layout and look-alike capitals do not make two keys', () => {
    for (const group of [['AB-7', 'ab-7', 'Ab-7', 'aB-7', 'АВ-7', 'ав-7', 'Ав-7', 'аB-7', 'ＡＢ－７'], ['А-1', 'а-1', 'A-1', 'a-1'], ['Ab-10', 'aB-10', 'АВ-10'], ['X-01', 'х-01', 'Х - 01', 'x–01']]) {
      expect(new Set(group.map(normaliseKey)), group.join(' ')).toHaveProperty('size', 1);
      // An address per script the look-alike words were typed in, each the others' «other spelling».
      for (const a of group) for (const b of group) expect(spellingsOf(b), `${a} / ${b}`).toContain(emailOf(a));
    }
  });

  it('class letters keep their keys apart in the e-mail: «5Б-03» and «5В-03» are two addresses', () => {
    const classes = [...'АБВГДЕЖЗИКЛМНОПРСТУФ'].map((c) => `5${c}-03`);
    expect(new Set(classes.map(emailOf)).size).toBe(classes.length);
    expect(emailOf('5В-03')).toBe('robot+5v-03@school.ru');
    expect(emailOf('5Б-03')).toBe('robot+5b-03@school.ru');
    expect(emailOf('5B-03')).toBe('robot+5b-03@school.ru'); // typed in Latin: Latin, as typed
    expect(otherTemplateEmails(TEMPLATE, '5В-03')).toEqual(['robot+5b-03@school.ru']);
  });

  it('keeps apart what the definition keeps apart', () => {
    expect(normaliseKey('№17')).not.toBe(normaliseKey('17'));
    expect(normaliseKey('№17')).not.toBe(normaliseKey('No17'));
    expect(normaliseKey('F1')).not.toBe(normaliseKey('F-1'));
    expect(normaliseKey('ab-7')).not.toBe(normaliseKey('ad-7'));
    expect(normaliseKey('Иванов-1')).not.toBe(normaliseKey('Иванова-1'));
  });

  it('writes e-mails staff can read: Latin stays Latin, Russian words are transliterated', () => {
    expect(emailOf('X-01')).toBe('robot+x-01@school.ru');
    expect(emailOf('Х-01')).toBe('robot+kh-01@school.ru');
    expect(emailOf('AB-7')).toBe('robot+ab-7@school.ru');
    expect(emailOf('АВ-7')).toBe('robot+av-7@school.ru');
    expect(emailOf('ТЕСТ-1')).toBe('robot+test-1@school.ru');
    expect(emailOf('Иванов-1')).toBe('robot+ivanov-1@school.ru');
    expect(emailOf('№ 17')).toBe('robot+n17@school.ru');
    expect(emailOf('2025-017')).toBe('robot+2025-017@school.ru');
  });

  it('README’s table of keys and e-mails is what the code gives', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const lines = readme.split('\n').filter((l) => /^\| «.+» \| `robot\+[^`]+@school\.ru` \|$/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      const [keys, email] = line.split(' | ');
      for (const key of keys!.matchAll(/«([^»]+)»/g)) expect(emailOf(key[1]!), line).toBe(/`([^`]+)`/.exec(email!)![1]);
    }
  });
});

describe('a key’s identity: a property over random keys (seed 21)', () => {
  it('renderings of one key: one identity, addresses the register step looks at, idempotent, and what an older navbot stored maps to it', () => {
    const rnd = prng(21);
    for (let n = 0; n < CASES; n++) {
      const key = abstractKey(rnd);
      const a = render(key, rnd);
      const b = render(key, rnd);
      const why = `«${a}» / «${b}» (${byDefinition(key)})`;
      expect(parseKey({ kind: 'text', text: a }).ok, why).toBe(true);
      expect(normaliseKey(a), why).toBe(normaliseKey(b));
      // b's run looks for a's placeholder before registering (its own address or another
      // spelling's): every mix of scripts up to three look-alike words (key.ts, otherSlugs).
      if (twoWayWords(key) <= 3) expect(spellingsOf(b), why).toContain(emailOf(a));
      expect(normaliseKey(normaliseKey(a)), why).toBe(normaliseKey(a));
      expect(normaliseKey(legacyNormaliseKey(a)), why).toBe(normaliseKey(b));
    }
  });

  it('keys that differ by definition never share an identity', () => {
    const rnd = prng(2121);
    let apart = 0;
    for (let n = 0; n < CASES * 5; n++) {
      const x = abstractKey(rnd);
      const y = rnd() < 0.5 ? abstractKey(rnd) : mutate(x, rnd);
      if (byDefinition(x) === byDefinition(y)) continue;
      apart++;
      const [a, b] = [render(x, rnd), render(y, rnd)];
      expect(normaliseKey(a), `«${a}» (${byDefinition(x)}) / «${b}» (${byDefinition(y)})`).not.toBe(normaliseKey(b));
    }
    expect(apart).toBeGreaterThan(CASES * 3);
  });

  it('validate: renderings of one key in one queue are a duplicate key; another key is not', async () => {
    const rnd = prng(7);
    for (let n = 0; n < 40; n++) {
      const key = abstractKey(rnd);
      let other = mutate(key, rnd);
      while (byDefinition(other) === byDefinition(key)) other = abstractKey(rnd);
      const rows = [render(key, rnd), render(other, rnd), render(key, rnd)];
      const csv = ['Ключ;Дата рождения;Пол;Муниципалитет', ...rows.map((k, i) => `${k};0${i + 1}.03.2016;Мужской;г. Лесной`)].join('\r\n');
      const q = await readQueue(csvFile(dir, Buffer.from(csv, 'utf8')), OPTIONS);
      const repeated = q.problems.filter((p) => p.problem.includes('повторяется')).map((p) => p.rowNumber);
      expect(repeated, rows.join(' / ')).toEqual([2, 4]);
    }
  });

  it('the ledger across queues: a key is found under any rendering, in a new or an older navbot’s ledger, with one password basis', () => {
    const rnd = prng(2025);
    for (let n = 0; n < CASES; n++) {
      const key = abstractKey(rnd);
      const first = render(key, rnd);
      const later = render(key, rnd);
      for (const stored of [normaliseKey(first), legacyNormaliseKey(first)]) {
        const entries = ledgerOf(stored, first, '12');
        const why = `«${first}» stored as «${stored}», later «${later}»`;
        const rec = ledgerRecords(entries, normaliseKey).get(normaliseKey(later));
        expect(rec?.facts.userId, why).toBe('12');
        expect(rec?.binding?.content.email, why).toBe(emailOf(first));
        // The password's basis is the form the ledger holds: the account was registered with it.
        expect(passwordBasis(entries, later), why).toBe(stored);
        expect(passwordBasis(entries, first), why).toBe(stored);
      }
      let other = mutate(key, rnd);
      while (byDefinition(other) === byDefinition(key)) other = abstractKey(rnd);
      const stranger = render(other, rnd);
      expect(ledgerRecords(ledgerOf(legacyNormaliseKey(first), first, '12'), normaliseKey).get(normaliseKey(stranger)), `«${first}» / «${stranger}»`).toBeUndefined();
    }
  });

  it('a key new to the ledger gets its identity as the password basis', () => {
    const rnd = prng(3);
    for (let n = 0; n < CASES; n++) {
      const a = render(abstractKey(rnd), rnd);
      expect(passwordBasis([], a)).toBe(normaliseKey(a));
    }
  });
});

/** A near miss: one token changed, added or dropped (case and script alone are not a change). */
function mutate(key: Token[], rnd: () => number): Token[] {
  const out = [...key];
  const i = Math.floor(rnd() * out.length);
  const r = rnd();
  if (r < 0.4) out[i] = abstractKey(rnd)[0]!;
  else if (r < 0.7) out.splice(i, 0, abstractKey(rnd)[0]!);
  else if (out.length > 1) out.splice(i, 1);
  return out;
}
