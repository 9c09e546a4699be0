// What runs in the page (self-contained functions for page.evaluate): the outline of a screen —
// the Ext components a person sees, by their labels and kinds, and a plain page's controls —
// never a field's value, a cell or a record's content. Beside it, the values the screen holds,
// handed to the scrubber (mask.ts) so that they are masked wherever a text repeats them.
// readOutline (Node side) runs the in-page steps in turn; they share one in-page kit by a handle.
import type { Page } from 'playwright';

export interface ExtItem {
  xtype: string;
  /** The standard Ext kind a custom xtype extends (window, gridpanel, button, combobox, …). */
  kind?: string;
  /** The component is the window itself (its title is the window's). */
  isWindow?: boolean;
  /** Title of the window the component sits in (null: outside windows). */
  window: string | null;
  title?: string;
  text?: string;
  fieldLabel?: string;
  boxLabel?: string;
  emptyText?: string;
  name?: string;
  itemId?: string;
  dataIndex?: string;
  /** Field names of the records behind a grid or a form (keys only). */
  recordFields?: string[];
}

export interface DomItem {
  tag: string;
  type?: string;
  label?: string;
  placeholder?: string;
  name?: string;
  text?: string;
  role?: string;
}

export interface Outline {
  ext: { version: string | null; items: ExtItem[] } | null;
  dom: DomItem[];
  /** Values shown or loaded on this screen: for the scrubber only, never written. */
  values: string[];
}

/** The outline of the screen in front of `page`: the kit is made in the page once, then the Ext
 *  components are read (or, on a page without Ext, its plain controls), gathering values as they go. */
export async function readOutline(page: Page): Promise<Outline> {
  const kit = await page.evaluateHandle(outlineKit);
  try {
    const ext = await page.evaluate(readExtOutline, kit);
    const dom = ext ? [] : await page.evaluate(readDomOutline, kit);
    return { ext, dom, values: await kit.evaluate((k) => k.values) };
  } finally {
    await kit.dispose().catch(() => undefined);
  }
}

/** In the page, shared by the steps below (through a handle): the values gathered so far and how. */
interface OutlineKit {
  values: string[];
  /** An HTML text as a person reads it (tags dropped, spaces collapsed). */
  plain(html: unknown): string;
  /** A value shown or loaded (a date as YYYY-MM-DD; numbers as text). */
  keep(v: unknown): void;
  /** The values of one record's data (one level of nested objects too). */
  recordValues(data: Record<string, unknown>): void;
  /** Field names of the records behind a grid or a form (keys only); their values are kept. */
  recordFields(c: any): string[] | undefined;
}

function outlineKit(): OutlineKit {
  const values: string[] = [];
  const plain = (html: unknown) => {
    const div = document.createElement('div');
    div.innerHTML = String(html ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const keep = (v: unknown) => {
    if (v === null || v === undefined) return;
    if (v instanceof Date) values.push(v.toISOString().slice(0, 10));
    else if (typeof v === 'string' || typeof v === 'number') values.push(String(v));
  };
  const recordValues = (data: Record<string, unknown>) => {
    for (const v of Object.values(data)) {
      if (v && typeof v === 'object' && !(v instanceof Date)) for (const x of Object.values(v as Record<string, unknown>)) keep(x);
      else keep(v);
    }
  };
  const recordFields = (c: any): string[] | undefined => {
    let fields: string[] | undefined;
    if (c.isXType('gridpanel') || c.isXType('treepanel')) {
      const store = c.getStore && c.getStore();
      const records = store && store.getRange ? (store.getRange() as any[]) : [];
      const names = new Set<string>();
      for (const r of records) {
        const data = r.getData ? r.getData() : r.data;
        Object.keys(data ?? {}).forEach((k) => names.add(k));
        if (!c.isXType('treepanel')) recordValues(data ?? {});
      }
      fields = [...names].sort();
    }
    if (c.isXType('form') && c.getForm) {
      const r = c.getForm().getRecord && c.getForm().getRecord();
      if (r) {
        const data = r.getData();
        fields = Object.keys(data).sort();
        recordValues(data);
      }
    }
    return fields;
  };
  return { values, plain, keep, recordValues, recordFields };
}

/** In the page: the Ext components a person sees (null: no Ext on the page). */
function readExtOutline(kit: OutlineKit): Outline['ext'] {
  const { plain, keep } = kit;
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  if (!Ext || !Ext.ComponentQuery) return null;
  // Inside the function: page.evaluate sends only its own source.
  const KINDS = ['window', 'gridpanel', 'treepanel', 'tabpanel', 'form', 'fieldset', 'panel', 'button', 'tab', 'menuitem', 'gridcolumn', 'combobox', 'datefield', 'checkboxfield', 'radiofield', 'displayfield', 'textareafield', 'textfield', 'field', 'tbtext', 'toolbar', 'container'];
  const items: ExtItem[] = [];
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? plain(v) : undefined);
  const read = (c: any): void => {
    if (c.destroyed || !c.rendered || !c.isVisible(true)) return;
    const win = c.isXType('window') ? c : c.up('window');
    const item: ExtItem = { xtype: String(c.xtype ?? ''), window: win ? plain(win.getTitle ? win.getTitle() : win.title) : null };
    if (win === c) item.isWindow = true;
    const chain = String(c.getXTypes ? c.getXTypes() : '').split('/');
    const base = [...chain].reverse().find((x) => KINDS.includes(x));
    if (base && base !== item.xtype) item.kind = base;
    const title = str(c.getTitle ? c.getTitle() : c.title);
    if (title && (c.isXType('panel') || c.isXType('tab'))) item.title = title;
    const text = c.isXType('button') || c.isXType('menuitem') || c.isXType('tab') || c.isXType('gridcolumn') || c.isXType('tbtext') ? str(c.getText ? c.getText() : c.text) : undefined;
    if (text) item.text = text;
    if (c.isXType('field')) {
      const label = str(c.getFieldLabel ? c.getFieldLabel() : c.fieldLabel);
      if (label) item.fieldLabel = label;
      if (str(c.boxLabel)) item.boxLabel = str(c.boxLabel);
      if (str(c.emptyText)) item.emptyText = str(c.emptyText);
      const name = c.getName ? c.getName() : c.name;
      if (typeof name === 'string' && name && !/-\d+/.test(name)) item.name = name;
      keep(c.getRawValue ? c.getRawValue() : undefined);
      keep(c.getValue ? c.getValue() : undefined);
    }
    if (typeof c.itemId === 'string' && c.itemId && !/-\d+|^ext-/.test(c.itemId)) item.itemId = c.itemId;
    if (typeof c.dataIndex === 'string' && c.dataIndex) item.dataIndex = c.dataIndex;
    const recordFields = kit.recordFields(c);
    if (recordFields) item.recordFields = recordFields;
    const described = item.title || item.text || item.fieldLabel || item.boxLabel || item.emptyText || item.name || item.itemId || item.dataIndex || item.recordFields;
    if (described || c.isXType('window') || c.isXType('gridpanel') || c.isXType('tabpanel')) items.push(item);
  };
  // A component of the region's own build that throws on a getter costs itself only, not the screen.
  for (const c of Ext.ComponentQuery.query('*') as any[]) {
    try {
      read(c);
    } catch {
      items.push({ xtype: String(c?.xtype ?? ''), window: null, text: '(не прочитан)' });
    }
  }
  // Combo lists (boundlists) hold records too: names with birth dates, parents.
  for (const b of Ext.ComponentQuery.query('boundlist') as any[]) {
    const store = b.getStore && b.getStore();
    for (const r of store && store.getRange ? (store.getRange() as any[]) : []) kit.recordValues(r.getData ? r.getData() : {});
  }
  return { version: Ext.getVersion ? String(Ext.getVersion().version) : null, items };
}

/** In the page: a plain page's controls and headings (its cells' texts go to the values only). */
function readDomOutline(kit: OutlineKit): DomItem[] {
  const { keep } = kit;
  const dom: DomItem[] = [];
  const visible = (el: Element) => (el as HTMLElement).getClientRects().length > 0;
  const text = (el: Element | null | undefined) => ((el as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim();
  for (const el of Array.from(document.querySelectorAll('input, select, textarea, button, a, h1, h2, h3, h4, [role=tab], [role=button], iframe, form, label'))) {
    if (!visible(el) && el.tagName !== 'FORM') continue;
    const tag = el.tagName.toLowerCase();
    const item: DomItem = { tag };
    const role = el.getAttribute('role');
    if (role) item.role = role;
    if (tag === 'input' || tag === 'select' || tag === 'textarea') {
      const input = el as HTMLInputElement;
      item.type = tag === 'input' ? (input.type || 'text').toLowerCase() : tag;
      const label = input.labels?.[0] ? text(input.labels[0]) : (el.getAttribute('aria-label') ?? '');
      if (label) item.label = label;
      if (input.placeholder) item.placeholder = input.placeholder;
      if (input.name) item.name = input.name;
      if (item.type !== 'checkbox' && item.type !== 'radio' && item.type !== 'submit' && item.type !== 'button') keep(input.value);
      if (tag === 'select') for (const o of Array.from((el as HTMLSelectElement).selectedOptions)) keep(o.text);
    } else if (tag === 'iframe') {
      item.text = el.getAttribute('title') ?? '';
    } else if (tag === 'label' || tag === 'form') {
      if (tag === 'label') {
        if ((el as HTMLLabelElement).control) continue;
        item.text = text(el);
      }
    } else {
      item.text = text(el);
    }
    dom.push(item);
  }
  for (const td of Array.from(document.querySelectorAll('td, li, dd'))) keep(text(td));
  return dom;
}

/** The Ext panel is up and signed in: no login form shown (a request now would not answer 401). */
export function panelSignedIn(): boolean {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  if (!Ext || !Ext.ComponentQuery || !Ext.Ajax) return false;
  return !(Ext.ComponentQuery.query('textfield') as any[]).some((f) => f.inputType === 'password' && f.isVisible(true));
}
