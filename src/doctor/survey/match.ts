// How `navbot doctor` decides whether a text of the region is the profile's text, and which text
// on screen plays its role when it is not. Pure functions (no page): the survey reads what is on
// screen, these compare. Two ways navbot itself matches texts, so two ways to compare:
// - whole (admin panel): whole texts, folded (ё = е, case, spaces; `sameText`, `exactly`);
// - contains (public site): Playwright's getByLabel/getByRole/getByText with a string — a
//   case-insensitive substring, spaces collapsed, but ё is NOT е there.
import { fold, normalizeLabel } from '../../navigator/ext.js';

export type TextStatus = 'same' | 'spelling' | 'renamed' | 'missing' | 'unchecked';

/** One profile text compared with what the region shows. */
export interface TextFinding {
  /** The profile key, e.g. `adminTexts.menuSiteUsers`. */
  key: string;
  /** Where it was looked for (Russian, for staff). */
  where: string;
  expected: string;
  /** The region's text in that role; null when nothing plays it (or it was not checked). */
  found: string | null;
  /**
   * same: as in the profile; spelling: the same words spelled otherwise (ё/е, case); renamed:
   * other words; missing: nothing on screen plays that role; unchecked: could not be seen.
   */
  status: TextStatus;
  /** Would navbot, with the current profile, find it? (Admin: folded; public: ё matters.) */
  works: boolean;
  /** What was on screen there (a few), for the message. */
  seen?: string[];
  /** A remark for staff (Russian). */
  note?: string;
  /** false: `found` must not go into the suggested profile (e.g. two screens disagree). */
  suggest?: false;
}

/** Spaces collapsed, trimmed (no other change). */
export const squash = (s: unknown) => String(s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

/** As Playwright compares a string name/label: case and spaces ignored, ё kept. */
const ci = (s: unknown) => squash(s).toLowerCase();

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for `text` anywhere, with ё = е, any case, any run of spaces. */
export function loosePattern(text: string, flags = 'iu'): RegExp {
  const words = squash(text)
    .split(' ')
    .filter(Boolean)
    .map((w) => escapeRe(w).replace(/[её]/gi, '[её]'));
  return new RegExp(words.join('\\s+'), flags);
}

/** Words of a text for similarity: folded, letters and digits only. */
function words(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);
}

/** Share of `expected`'s words found in `candidate` (0..1); a word matches by its first 5 letters. */
export function similarity(expected: string, candidate: string): number {
  const want = words(expected);
  if (want.length === 0) return 0;
  const have = words(candidate).map((w) => w.slice(0, 5));
  return want.filter((w) => have.includes(w.slice(0, 5))).length / want.length;
}

export interface Candidate {
  text: string;
  /** What kind of thing it is (a control's type, a column's data field…), when known. */
  kind?: string;
}

export interface PickOptions {
  /** Prefer candidates of this kind; when some are, only those are considered. */
  kind?: string;
  /** Folded pieces a candidate must contain (any of them), e.g. «пользовател». */
  contains?: string[];
  /** Texts other keys already claimed. */
  taken?: ReadonlySet<string>;
}

/**
 * Which candidate plays the role of `expected` when no candidate is `expected` itself: of the
 * candidates of the wanted kind (or containing a wanted piece), the one sharing most words with
 * `expected`, the first on screen among equals. Null when nothing qualifies.
 */
export function pickCandidate(expected: string, candidates: readonly Candidate[], o: PickOptions = {}): string | null {
  let pool = candidates.filter((c) => squash(c.text) !== '' && !o.taken?.has(squash(c.text)));
  if (o.kind !== undefined) {
    const ofKind = pool.filter((c) => c.kind === o.kind);
    if (ofKind.length > 0) pool = ofKind;
    else if (o.contains === undefined) return null;
  }
  if (o.contains !== undefined) {
    const pieces = o.contains.map((p) => fold(p));
    pool = pool.filter((c) => pieces.some((p) => fold(c.text).includes(p)));
  }
  if (pool.length === 0) return null;
  if (pool.length === 1) return squash(pool[0]!.text);
  let best = pool[0]!;
  let score = similarity(expected, best.text);
  for (const c of pool.slice(1)) {
    const s = similarity(expected, c.text);
    if (s > score) {
      best = c;
      score = s;
    }
  }
  // Several candidates and none shares a word: do not guess (unless a piece or a kind chose them).
  if (score === 0 && o.contains === undefined && o.kind === undefined) return null;
  return squash(best.text);
}

type Base = Pick<TextFinding, 'key' | 'where' | 'expected'>;

/**
 * Admin-panel texts: whole texts. `label` strips what Ext and regions add to labels («Имя *:»).
 * `pick` names the candidate when the profile's text is not there.
 */
export function compareWhole(base: Base, seen: readonly string[], pick: () => string | null, o: { label?: boolean } = {}): TextFinding {
  const norm = (s: string) => (o.label ? normalizeLabel(squash(s)) : squash(s));
  const shown = [...new Set(seen.map(norm).filter(Boolean))];
  const expected = norm(base.expected);
  const sample = shown.slice(0, 12);
  if (shown.includes(expected)) return { ...base, found: expected, status: 'same', works: true, seen: sample };
  const spelled = shown.find((s) => fold(s) === fold(expected));
  if (spelled !== undefined) return { ...base, found: spelled, status: 'spelling', works: true, seen: sample };
  const other = pick();
  if (other !== null) return { ...base, found: norm(other), status: 'renamed', works: false, seen: sample };
  return { ...base, found: null, status: 'missing', works: false, seen: sample };
}

/**
 * Public-site texts: the profile's text must be a part of a label (or button) on the page, ё as
 * written. `pick` names the candidate (a whole label) when it is not there in any spelling.
 */
export function compareContains(base: Base, seen: readonly string[], pick: () => string | null): TextFinding {
  const shown = [...new Set(seen.map(squash).filter(Boolean))];
  const sample = shown.slice(0, 12);
  const exact = shown.find((s) => ci(s).includes(ci(base.expected)));
  if (exact !== undefined) return { ...base, found: exact, status: 'same', works: true, seen: sample };
  const loose = loosePattern(base.expected);
  for (const s of shown) {
    const m = loose.exec(s);
    if (m) return { ...base, found: squash(m[0]), status: 'spelling', works: false, seen: sample };
  }
  const other = pick();
  if (other !== null) return { ...base, found: squash(other), status: 'renamed', works: false, seen: sample };
  return { ...base, found: null, status: 'missing', works: false, seen: sample };
}

/** `\u0451` and the like, as scripts and JSON carry texts, turned back into letters. */
export function unescapeScript(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A text the pages cannot show without a login (the cabinet, messages after a save), looked for
 * in what the site sent (its HTML and scripts): same when written as in the profile somewhere;
 * spelling when only another ё/е spelling is there; unchecked when it is not there at all.
 */
export function scanSources(base: Base, sources: readonly string[]): TextFinding {
  const texts = sources.map(unescapeScript);
  const want = ci(base.expected);
  const loose = loosePattern(base.expected, 'giu');
  const spellings = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(loose)) {
      const s = squash(m[0]);
      if (ci(s) === want) return { ...base, found: s, status: 'same', works: true, note: 'найдено в тексте страниц сайта' };
      spellings.add(s);
    }
  }
  const [first] = spellings;
  if (first !== undefined) {
    return { ...base, found: first, status: 'spelling', works: false, note: 'найдено в тексте страниц сайта', seen: [...spellings] };
  }
  return { ...base, found: null, status: 'unchecked', works: true, note: 'на страницах без входа этого текста нет: проверится первым прогоном' };
}

/** A finding for what could not be looked at (with why, in Russian). */
export function unchecked(base: Base, why: string): TextFinding {
  return { ...base, found: null, status: 'unchecked', works: true, note: why };
}

/** «#2101 клиент» with the user's id 2101 → «#{id} клиент» (the profile's template). */
export function titleTemplate(title: string, id: string): string {
  const t = squash(title);
  return id && t.includes(id) ? t.replace(id, '{id}') : t;
}

/** What kind of ids a grid's records carry (NAVIGATOR.md: regions give children UUIDs). */
export type IdKind = 'number' | 'digits' | 'uuid' | 'text' | 'none';

export function idKind(values: readonly unknown[]): IdKind {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  if (present.length === 0) return 'none';
  if (present.every((v) => typeof v === 'number')) return 'number';
  const s = present.map(String);
  if (s.every((v) => /^\d+$/.test(v))) return 'digits';
  if (s.every((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v))) return 'uuid';
  return 'text';
}

/** Municipalities compared folded: which the profile lists that the site lacks, and the other way. */
export function compareLists(profile: readonly string[], site: readonly string[]): { missingOnSite: string[]; extraOnSite: string[]; spelledOtherwise: Array<{ profile: string; site: string }> } {
  const siteByFold = new Map(site.map((s) => [fold(s), squash(s)]));
  const profileByFold = new Map(profile.map((p) => [fold(p), squash(p)]));
  const missingOnSite = profile.filter((p) => !siteByFold.has(fold(p))).map(squash);
  const extraOnSite = site.filter((s) => !profileByFold.has(fold(s))).map(squash);
  const spelledOtherwise = profile
    .filter((p) => siteByFold.has(fold(p)) && siteByFold.get(fold(p)) !== squash(p))
    .map((p) => ({ profile: squash(p), site: siteByFold.get(fold(p))! }));
  return { missingOnSite, extraOnSite, spelledOtherwise };
}

/** Median of a list of numbers (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
