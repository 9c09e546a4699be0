// `navbot doctor --compare region-snapshot.zip`: what differs from the training stand, item by
// item, in Russian — a screen missing, a window's title, a label, a placeholder, a button, a
// column, a component's kind, an answer's keys and types, `/api/config` keys, the modules, the
// menu. The list a maintainer reads to make a new stand variant. Pure functions of two digests.
import type { DomItem, ExtItem } from './outline.js';
import { diffShapes, endpointPath, kindName, type Shape } from './shapes.js';
import type { ScreenDigest, SnapshotDigest } from './snapshot-read.js';

export interface Difference {
  /** Where: a screen's Russian name, «ответы панели», «модули», «меню», «/api/config». */
  area: string;
  text: string;
}

export const SCREEN_NAMES: Record<string, string> = {
  'admin-login': 'вход в админ-панель',
  'admin-users': 'таблица пользователей сайта',
  'admin-section': 'раздел пользователей сайта',
  'user-card': 'карточка пользователя',
  'user-children': 'вкладка «Дети» карточки пользователя',
  'child-card': 'карточка ребёнка',
  'certificate-dialog': 'окно выдачи сертификата',
  'site-register': 'регистрация на сайте',
  'site-login': 'вход на сайт',
};

const screenName = (name: string) => SCREEN_NAMES[name] ?? name;

/** The survey's stage (findings.admin.skipped) behind each screen. */
const STAGE: Record<string, string[]> = {
  'admin-users': ['section', 'menu'],
  'admin-section': ['section', 'menu'],
  'user-card': ['user', 'userCard'],
  'user-children': ['kids', 'userCard'],
  'child-card': ['child', 'kids'],
  'certificate-dialog': ['dialog', 'child'],
};

/** Texts compared as a person reads them: spaces squashed, a label's trailing «:»/«*» dropped, numbers as N. */
export function norm(s: string | undefined | null): string {
  return String(s ?? '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:*]+$/u, '')
    .trim()
    .replace(/\d+/g, 'N');
}

const KIND: Record<string, string> = {
  button: 'кнопка',
  tab: 'вкладка',
  gridcolumn: 'столбец',
  column: 'столбец',
  window: 'окно',
  gridpanel: 'таблица',
  grid: 'таблица',
  tabpanel: 'вкладки',
  textfield: 'поле',
  combobox: 'список',
  combo: 'список',
  checkbox: 'флажок',
  checkboxfield: 'флажок',
  displayfield: 'надпись-поле',
  datefield: 'поле даты',
  fieldset: 'блок',
  form: 'форма',
  tbtext: 'текст панели',
  menuitem: 'пункт меню',
};

const kindOf = (i: ExtItem) => KIND[i.xtype] ?? (i.kind && KIND[i.kind] ? `${KIND[i.kind]} (${i.xtype})` : `компонент ${i.xtype}`);

function label(i: ExtItem): string {
  return i.fieldLabel ?? i.text ?? i.title ?? i.boxLabel ?? i.emptyText ?? i.name ?? i.itemId ?? i.dataIndex ?? '';
}

function describe(i: ExtItem): string {
  const l = label(i);
  const extra = i.name && i.name !== l ? ` (name=${i.name})` : i.dataIndex && i.dataIndex !== l ? ` (поле ${i.dataIndex})` : '';
  return `${kindOf(i)}${l ? ` «${l}»` : ''}${extra}`;
}

/** An item's identity across regions: the record field behind it, else its own text. */
function identity(i: ExtItem): string {
  if (i.isWindow || i.xtype === 'window') return 'window';
  if (i.name) return `name:${i.name}`;
  if (i.dataIndex) return `data:${i.dataIndex}`;
  if (i.itemId) return `#${i.itemId}`;
  return `${i.xtype}:${norm(label(i))}`;
}

/** Pairs what is only in the reference with what is only in the region, one to one where the kind is the same and alone. */
function pairUp<T>(missing: T[], extra: T[], kind: (x: T) => string): { pairs: Array<[T, T]>; missing: T[]; extra: T[] } {
  const pairs: Array<[T, T]> = [];
  const restM: T[] = [];
  const usedE = new Set<T>();
  for (const m of missing) {
    const k = kind(m);
    const sameM = missing.filter((x) => kind(x) === k);
    const sameE = extra.filter((x) => kind(x) === k && !usedE.has(x));
    if (sameM.length === 1 && sameE.length === 1) {
      pairs.push([m, sameE[0]!]);
      usedE.add(sameE[0]!);
    } else restM.push(m);
  }
  return { pairs, missing: restM, extra: extra.filter((x) => !usedE.has(x)) };
}

function compareItem(ref: ExtItem, got: ExtItem, add: (t: string) => void): void {
  const what = describe(ref);
  if (ref.xtype !== got.xtype && (ref.kind ?? ref.xtype) !== (got.kind ?? got.xtype)) add(`${what}: другой вид компонента — ${ref.xtype} → ${got.xtype}`);
  const attrs: Array<[keyof ExtItem, string]> = [
    ['fieldLabel', 'подпись'],
    ['text', 'текст'],
    ['title', 'заголовок'],
    ['emptyText', 'подсказка в поле (placeholder)'],
    ['boxLabel', 'подпись флажка'],
  ];
  for (const [k, name] of attrs) {
    const a = norm(ref[k] as string | undefined);
    const b = norm(got[k] as string | undefined);
    if (a !== b) add(`${what}: ${name} ${a ? `«${ref[k]}»` : 'нет'} → ${b ? `«${got[k]}»` : 'нет'}`);
  }
  // An empty grid loaded no record: it says nothing of the fields.
  if (ref.recordFields?.length && got.recordFields?.length) {
    const lost = ref.recordFields.filter((f) => !got.recordFields!.includes(f));
    const more = got.recordFields.filter((f) => !ref.recordFields!.includes(f));
    if (lost.length) add(`${what}: в записях нет полей ${lost.join(', ')}`);
    if (more.length) add(`${what}: в записях есть новые поля ${more.join(', ')}`);
  } else if (ref.recordFields?.length && !got.recordFields && ref.xtype === got.xtype && /form/.test(ref.kind ?? ref.xtype)) {
    add(`${what}: за ним нет записи (форма держит только то, что на экране)`);
  }
}

function byWindow(items: ExtItem[]): Map<string, ExtItem[]> {
  const m = new Map<string, ExtItem[]>();
  for (const i of items) {
    const w = i.window === null ? '' : norm(i.window);
    if (!m.has(w)) m.set(w, []);
    m.get(w)!.push(i);
  }
  return m;
}

function compareExt(ref: ExtItem[], got: ExtItem[], add: (t: string) => void): void {
  const rw = byWindow(ref);
  const gw = byWindow(got);
  const title = (items: ExtItem[]) => items[0]?.window ?? '';
  // What is outside windows ('') is compared as it is, even when one side has none of it.
  for (const m of [rw, gw]) if (!m.has('')) m.set('', []);
  const onlyR = [...rw.keys()].filter((k) => !gw.has(k));
  const onlyG = [...gw.keys()].filter((k) => !rw.has(k));
  const windows = pairUp(onlyR, onlyG, () => 'window');
  const pairs: Array<[string, string]> = [...rw.keys()].filter((k) => gw.has(k)).map((k) => [k, k]);
  for (const [a, b] of windows.pairs) {
    add(`окно «${title(rw.get(a)!)}» называется «${title(gw.get(b)!)}»`);
    pairs.push([a, b]);
  }
  for (const a of windows.missing) add(`нет окна «${title(rw.get(a)!)}»`);
  for (const b of windows.extra) add(`новое окно «${title(gw.get(b)!)}»`);
  for (const [a, b] of pairs) {
    const where = a === '' ? '' : `окно «${title(rw.get(a)!)}»: `;
    const say = (t: string) => add(`${where}${t}`);
    const R = new Map<string, ExtItem>();
    const G = new Map<string, ExtItem>();
    for (const i of rw.get(a)!) if (!R.has(identity(i))) R.set(identity(i), i);
    for (const i of gw.get(b)!) if (!G.has(identity(i))) G.set(identity(i), i);
    for (const [k, i] of R) if (G.has(k) && k !== 'window') compareItem(i, G.get(k)!, say);
    const p = pairUp(
      [...R.keys()].filter((k) => !G.has(k)).map((k) => R.get(k)!),
      [...G.keys()].filter((k) => !R.has(k)).map((k) => G.get(k)!),
      (i) => i.xtype,
    );
    for (const [r, g] of p.pairs) say(`${describe(r)} → ${describe(g)}`);
    for (const r of p.missing) say(`нет: ${describe(r)}`);
    for (const g of p.extra) say(`есть только в регионе: ${describe(g)}`);
  }
}

const domLabel = (d: DomItem) => d.label ?? d.placeholder ?? d.text ?? d.name ?? '';
const domKind = (d: DomItem) => (d.tag === 'input' || d.tag === 'select' || d.tag === 'textarea' ? `поле ${d.type ?? d.tag}` : d.tag === 'a' ? 'ссылка' : d.tag === 'button' ? 'кнопка' : d.tag === 'iframe' ? 'iframe' : d.tag);
const domDescribe = (d: DomItem) => `${domKind(d)}${domLabel(d) ? ` «${domLabel(d)}»` : ''}`;
const domIdentity = (d: DomItem) => (d.name ? `name:${d.name}` : `${d.tag}:${norm(domLabel(d))}`);

function compareDom(ref: DomItem[], got: DomItem[], add: (t: string) => void): void {
  const R = new Map<string, DomItem>();
  const G = new Map<string, DomItem>();
  for (const d of ref) if (!R.has(domIdentity(d))) R.set(domIdentity(d), d);
  for (const d of got) if (!G.has(domIdentity(d))) G.set(domIdentity(d), d);
  for (const [k, r] of R) {
    const g = G.get(k);
    if (!g) continue;
    if ((r.type ?? r.tag) !== (g.type ?? g.tag)) add(`${domDescribe(r)}: другой вид — ${r.type ?? r.tag} → ${g.type ?? g.tag}`);
    if (norm(r.label) !== norm(g.label)) add(`${domDescribe(r)}: подпись ${r.label ? `«${r.label}»` : 'нет'} → ${g.label ? `«${g.label}»` : 'нет'}`);
    if (norm(r.placeholder) !== norm(g.placeholder)) add(`${domDescribe(r)}: подсказка в поле ${r.placeholder ? `«${r.placeholder}»` : 'нет'} → ${g.placeholder ? `«${g.placeholder}»` : 'нет'}`);
  }
  const p = pairUp(
    [...R.keys()].filter((k) => !G.has(k)).map((k) => R.get(k)!),
    [...G.keys()].filter((k) => !R.has(k)).map((k) => G.get(k)!),
    (d) => `${d.tag}:${d.type ?? ''}`,
  );
  for (const [r, g] of p.pairs) add(`${domDescribe(r)} → ${domDescribe(g)}`);
  for (const r of p.missing) add(`нет: ${domDescribe(r)}`);
  for (const g of p.extra) add(`есть только в регионе: ${domDescribe(g)}`);
}

function compareScreen(ref: ScreenDigest, got: ScreenDigest, add: (t: string) => void): void {
  if (ref.ext && !got.ext) add('на экране нет Ext JS (другая программа или React-модуль)');
  else if (!ref.ext && got.ext) add('экран сделан на Ext JS, а на стенде — обычная страница');
  else if (ref.ext && got.ext) compareExt(ref.ext, got.ext, add);
  if (!ref.ext && !got.ext) compareDom(ref.dom, got.dom, add);
}

const shapeText = (s: Shape) => kindName(s);

function compareAnswers(ref: Record<string, Shape>, got: Record<string, Shape>, add: (t: string) => void): void {
  const byPath = (m: Record<string, Shape>) => {
    const out = new Map<string, { name: string; shape: Shape }>();
    for (const [k, v] of Object.entries(m)) if (!out.has(endpointPath(k))) out.set(endpointPath(k), { name: k, shape: v });
    return out;
  };
  const R = byPath(ref);
  const G = byPath(got);
  for (const [p, r] of R) {
    const g = G.get(p);
    if (!g) {
      add(`${p}: ответа нет (панель не запрашивала этот адрес)`);
      continue;
    }
    for (const d of diffShapes(r.shape, g.shape)) {
      if (d.kind === 'missing') add(`${p}: нет ключа ${d.path} (${shapeText(d.expected)})`);
      else if (d.kind === 'extra') add(`${p}: новый ключ ${d.path} (${shapeText(d.found)})`);
      else add(`${p}: ${d.path} — другой тип: ${d.expected} → ${d.found}`);
    }
  }
  for (const p of G.keys()) if (!R.has(p)) add(`${p}: адрес есть только в регионе`);
}

/** Everything that differs, reference (the training stand) first, region second. */
export function compareSnapshots(ref: SnapshotDigest, got: SnapshotDigest): Difference[] {
  const out: Difference[] = [];
  // What several screens show (the users' grid behind the cards) is said once, where first seen.
  const said = new Set<string>();
  const adder = (area: string) => (text: string) => {
    // A screen's own lines (missing, extra) are said for each screen.
    const key = text.startsWith('экран') ? `${area}\u0000${text}` : text;
    if (said.has(key)) return;
    said.add(key);
    out.push({ area, text });
  };
  const whys = new Set<string>();
  for (const [name, r] of Object.entries(ref.screens)) {
    const g = got.screens[name];
    const area = `экран «${screenName(name)}»`;
    if (!g) {
      const why = (STAGE[name] ?? []).map((k) => got.skipped[k]).find(Boolean);
      adder(area)(`экрана нет в снимке${why ? (whys.has(why) ? ' (по той же причине)' : ` (осмотр не дошёл до него: ${why})`) : ''}`);
      if (why) whys.add(why);
      continue;
    }
    compareScreen(r, g, adder(area));
  }
  for (const name of Object.keys(got.screens)) if (!ref.screens[name]) adder(`экран «${screenName(name)}»`)('экран есть только в снимке региона');
  const menu = adder('меню админ-панели');
  for (const m of ref.menu) if (!got.menu.some((x) => norm(x) === norm(m))) menu(`нет пункта «${m}»`);
  for (const m of got.menu) if (!ref.menu.some((x) => norm(x) === norm(m))) menu(`новый пункт «${m}»`);
  compareAnswers(ref.answers, got.answers, adder('ответы панели и сайта'));
  const cfg = adder('/api/config');
  if (ref.config.status !== got.config.status) cfg(`ответ HTTP ${ref.config.status ?? 'нет'} → ${got.config.status ?? 'нет'}`);
  for (const k of ref.config.keys) if (!got.config.keys.includes(k)) cfg(`нет ключа ${k}`);
  for (const k of got.config.keys) if (!ref.config.keys.includes(k)) cfg(`новый ключ ${k}`);
  const mod = adder('модули (/api/modules/get)');
  if (ref.modules.status !== got.modules.status) mod(`ответ HTTP ${ref.modules.status ?? 'нет'} → ${got.modules.status ?? 'нет'}`);
  const flags = (m: { is_sencha: boolean | null; is_react: boolean | null }) => `${m.is_sencha ? 'Sencha' : ''}${m.is_react ? 'React' : ''}` || 'без признаков';
  for (const r of ref.modules.modules) {
    const g = got.modules.modules.find((x) => x.alias === r.alias);
    if (!g) mod(`нет модуля ${r.alias}`);
    else if (flags(r) !== flags(g)) mod(`модуль ${r.alias}: ${flags(r)} → ${flags(g)}`);
  }
  for (const g of got.modules.modules) if (!ref.modules.modules.some((x) => x.alias === g.alias)) mod(`новый модуль ${g.alias} (${flags(g)})`);
  return out;
}

/** The list as the CLI prints it: by area, numbered. */
export function differenceLines(diffs: Difference[]): string[] {
  const lines: string[] = [];
  const areas = [...new Set(diffs.map((d) => d.area))];
  let n = 0;
  for (const a of areas) {
    lines.push(`${a[0]!.toUpperCase()}${a.slice(1)}:`);
    for (const d of diffs.filter((x) => x.area === a)) lines.push(`  ${++n}. ${d.text}`);
  }
  return lines;
}
