// What keeps personal data and secrets out of the field kit (region-snapshot.zip). Two layers:
//
// 1. Structure before text: an ARIA snapshot keeps roles and the names of controls (buttons,
//    tabs, headings, labels of fields, column headers), but every *value* — what a field holds
//    (`textbox "Фамилия": Иванова`), every row, cell, option and list item of a table or list,
//    every URL — becomes «…», whatever it looks like.
// 2. A scrubber over every text that remains (ARIA, the Ext outline, the survey's findings):
//    e-mails, digit runs of 5 or more (phones, dates, SNILS, long ids), dates, UUIDs, and every
//    value navbot saw in the region's answers, fields and records (names, addresses) or knows as
//    secret (passwords, tokens, cookies) is replaced wherever it appears, and so is what reads as a
//    person's name («Иванова М.П.», «Иванова Мария Петровна»). The interface's own texts (buttons,
//    tabs, labels) are exempt — but never a text seen as a value (pinned) or one that looks like a
//    name, an e-mail or a phone: a user-menu button «Иванова М.П. ▾» is masked.
// Keys of JSON are kept by shapes.ts alone (never values), so answers need no scrubbing.

export const MASK = '«…»';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Digits with the separators of phones and dates, 5 digits or more in all: +7 (916) 123-45-67, 17.03.2015, 2015-03-17. */
const DIGITS = /\+?\d[\d\s().\-/]*\d/g;
/** A person's name as Russian screens write it: «Иванова М.П.», «М.П. Иванова», «Иванова Мария Петровна», «Мария Петровна Иванова». */
const WORD = '[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?';
const PATRONYMIC = '[А-ЯЁ][а-яё]+(?:вич|вна|чна|шна|ич|оглы|кызы)';
const NAME = new RegExp(
  [`${WORD}\\s+[А-ЯЁ]\\.\\s?[А-ЯЁ]\\.`, `[А-ЯЁ]\\.\\s?[А-ЯЁ]\\.\\s?${WORD}`, `${WORD}\\s+${WORD}\\s+${PATRONYMIC}`, `${WORD}\\s+${PATRONYMIC}\\s+${WORD}`].join('|'),
  'gu',
);

/** True when `text` holds what looks like a person's name, an e-mail or a phone (never an interface text). */
export function looksPersonal(text: string): boolean {
  const hit = (re: RegExp) => new RegExp(re.source, re.flags.replace('g', '')).test(text);
  return hit(EMAIL) || hit(NAME) || (text.match(DIGITS) ?? []).some((m) => m.replace(/\D/g, '').length >= 5);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Scrubber {
  private readonly values = new Set<string>();
  private readonly allowed = new Set<string>();
  private pattern: RegExp | null = null;

  /**
   * A text of the interface itself (a button, a tab, a column, a field's label, a menu item): a
   * value equal to it (a module's name in an answer, «Дети») is not masked. Secrets stay masked.
   */
  allow(text: unknown): void {
    if (typeof text !== 'string') return;
    const v = text.replace(/\s+/g, ' ').replace(/[\s:*]+$/u, '').trim();
    if (v.length >= 3 && !this.secrets.has(v) && !this.pinned.has(v) && !looksPersonal(v)) {
      this.allowed.add(v);
      this.pattern = null;
    }
  }

  private readonly secrets = new Set<string>();
  private readonly pinned = new Set<string>();

  /**
   * A value the region showed as data (a record's field, an answer, a field's content, a cell):
   * masked wherever it appears, and never exempt as an interface text, even where a button or a
   * tab repeats it (a user menu with the signed-in person's name).
   */
  pin(value: unknown): void {
    if (typeof value === 'number') value = String(value);
    if (typeof value !== 'string') return;
    const v = value.replace(/\s+/g, ' ').trim();
    if (v.length < 3 || /^\d{1,4}$/.test(v)) return;
    this.pinned.add(v);
    if (this.allowed.delete(v)) this.pattern = null;
    this.add(v);
  }

  /** Every string value inside a JSON value, pinned (see pin). */
  pinAll(value: unknown, depth = 0): void {
    if (depth > 20 || value === null || value === undefined) return;
    if (Array.isArray(value)) for (const x of value) this.pinAll(x, depth + 1);
    else if (typeof value === 'object') for (const x of Object.values(value as Record<string, unknown>)) this.pinAll(x, depth + 1);
    else this.pin(value);
  }

  /** A secret (password, token, login): masked wherever it appears, never allowed. */
  addSecret(value: string): void {
    const v = value.trim();
    if (v.length < 3) return;
    this.secrets.add(v);
    this.allowed.delete(v);
    this.add(v);
  }

  /** A value seen in the region (a name, an e-mail, a token): it must not reach the zip. */
  add(value: unknown): void {
    if (typeof value === 'number') value = String(value);
    if (typeof value !== 'string') return;
    const v = value.replace(/\s+/g, ' ').trim();
    // Two letters or fewer, and bare small numbers, say nothing of a person.
    if (v.length < 3 || /^\d{1,4}$/.test(v)) return;
    if (!this.values.has(v)) {
      this.values.add(v);
      this.pattern = null;
    }
  }

  /** Every string value inside a JSON value (keys are not values). */
  addAll(value: unknown, depth = 0): void {
    if (depth > 20 || value === null || value === undefined) return;
    if (Array.isArray(value)) for (const x of value) this.addAll(x, depth + 1);
    else if (typeof value === 'object') for (const x of Object.values(value as Record<string, unknown>)) this.addAll(x, depth + 1);
    else this.add(value);
  }

  get size(): number {
    return this.values.size;
  }

  /** True when `text` still holds a known value (the last check before the zip is written). */
  leaks(text: string): string[] {
    return [...this.values].filter((v) => text.includes(v));
  }

  scrub(text: string): string {
    if (this.values.size > 0 && this.pattern === null) {
      // Longest first, so that «Иванова Мария» goes before «Иванова»; whole words only.
      const alts = [...this.values].filter((v) => !this.allowed.has(v)).sort((a, b) => b.length - a.length).map(escape);
      this.pattern = alts.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : /(?!)/g;
    }
    let out = this.pattern ? text.replace(this.pattern, MASK) : text;
    out = out.replace(EMAIL, MASK).replace(UUID, MASK).replace(NAME, MASK);
    out = out.replace(DIGITS, (m) => (m.replace(/\D/g, '').length >= 5 ? MASK : m));
    return out;
  }

  /** A JSON value with every string scrubbed (keys kept). */
  scrubJson<T>(value: T): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.scrub(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value) as T;
  }
}

/** Roles whose accessible name is a label of the interface (kept, then scrubbed). */
const NAMED = new Set([
  'alertdialog', 'application', 'article', 'banner', 'button', 'checkbox', 'columnheader', 'combobox', 'complementary', 'contentinfo',
  'dialog', 'figure', 'form', 'grid', 'group', 'heading', 'iframe', 'img', 'link', 'list', 'listbox', 'main', 'menu', 'menubar',
  'menuitem', 'menuitemcheckbox', 'menuitemradio', 'navigation', 'radio', 'radiogroup', 'region', 'search', 'searchbox', 'separator',
  'slider', 'spinbutton', 'switch', 'tab', 'table', 'tablist', 'tabpanel', 'textbox', 'toolbar', 'tree', 'treegrid', 'treeitem',
]);

/** Roles that hold data: their names, texts and everything under them (but column headers) is masked. */
const DATA = new Set(['row', 'cell', 'gridcell', 'rowheader', 'option', 'listitem', 'status', 'log', 'tooltip', 'definition', 'term', 'marquee', 'timer']);

/** Rows of a navigation tree are the menu (sections' names), not data. */
const MENU_CONTAINERS = new Set(['tree', 'treegrid', 'menu', 'menubar', 'navigation', 'tablist']);

interface Line {
  indent: number;
  role: string;
  name: string | null;
  rest: string;
  value: string | null;
}

// `- role "name" [attrs]: value` | `- role: value` | `- text: value` | `- /url: value` | `- role`
const LINE = /^(\s*)- (\/?[\w-]+)(?: "((?:[^"\\]|\\.)*)")?((?: \[[^\]]*\])*)(?::(?: (.*))?)?$/;

function parse(line: string): Line | null {
  const m = LINE.exec(line);
  if (!m) return null;
  return { indent: m[1]!.length, role: m[2]!, name: m[3] ?? null, rest: m[4] ?? '', value: m[5] ?? null };
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const unquote = (s: string) => s.replace(/\\(.)/g, '$1');

/**
 * An ARIA snapshot (Playwright's YAML) with values masked: names kept only for the roles of
 * NAMED and scrubbed; every inline value, text, URL and whatever sits under a data role, masked.
 * A line that does not parse is masked whole.
 */
export function maskAria(aria: string, scrubber: Scrubber): string {
  const out: string[] = [];
  // Open data roles and menu containers by indent: what is deeper belongs to them.
  const stack: Array<{ indent: number; data: boolean; menu: boolean }> = [];
  for (const raw of aria.split('\n')) {
    if (raw.trim() === '') continue;
    const l = parse(raw);
    const indent = l ? l.indent : raw.length - raw.trimStart().length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const pad = ' '.repeat(indent);
    if (!l) {
      out.push(`${pad}- ${MASK}`);
      continue;
    }
    const inMenu = stack.some((s) => s.menu);
    const inData = stack.some((s) => s.data) && !inMenu;
    const isData = DATA.has(l.role) && !inMenu;
    stack.push({ indent, data: isData, menu: MENU_CONTAINERS.has(l.role) });
    if (l.role.startsWith('/')) {
      // Properties: /url (may carry ids, tokens), /placeholder (a label of the interface).
      out.push(l.role === '/placeholder' && !inData ? `${pad}- /placeholder: ${scrubber.scrub(l.value ?? '')}` : `${pad}- ${l.role}: ${MASK}`);
      continue;
    }
    const keepName = l.name !== null && (l.role === 'columnheader' || (!inData && !isData && (NAMED.has(l.role) || inMenu)));
    const name = l.name === null ? '' : ` ${quote(keepName ? scrubber.scrub(unquote(l.name)) : MASK)}`;
    // An inline value is what a field holds or a text says: masked, except a menu's own texts.
    let value = '';
    if (l.value !== null && l.value !== '') {
      const menuText = inMenu && !inData && l.role === 'text';
      value = `: ${menuText ? scrubber.scrub(l.value) : l.role === 'text' && !inData ? textOf(l.value, scrubber) : MASK}`;
    } else if (raw.trimEnd().endsWith(':')) value = ':';
    out.push(`${pad}- ${l.role}${name}${l.rest}${value}`);
  }
  return out.join('\n');
}

/**
 * A text node outside tables and lists: a label («Фамилия:»), a heading's line, a paging text —
 * or a line that names a person («Оператор (ivanova@…)»). Kept only when it reads as a label:
 * short, and nothing in it was masked by the scrubber; else «…».
 */
function textOf(value: string, scrubber: Scrubber): string {
  const v = value.replace(/^"(.*)"$/, '$1');
  const s = scrubber.scrub(v);
  if (s !== v || s.length > 80) return MASK;
  return value;
}
