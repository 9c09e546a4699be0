// What runs in the page: self-contained functions for page.evaluate (no closures, no imports at
// run time), reading the panel through Ext.ComponentQuery and the public site through its DOM.
import type { PageInfo, SectionInfo, WindowInfo } from './types.js';

export function loginViewInfo(): { ext: boolean; version: string | null; login: { email: string | null; password: string; buttons: string[] } | null; main: boolean } {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  if (!Ext || !Ext.isReady || !Ext.ComponentQuery) return { ext: false, version: null, login: null, main: false };
  const version = Ext.getVersion ? String(Ext.getVersion().version) : null;
  const shown = (c: any) => c && !c.destroyed && c.isVisible(true);
  const plain = (html: unknown) => {
    const div = document.createElement('div');
    div.innerHTML = String(html ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const passwords = (Ext.ComponentQuery.query('textfield') as any[]).filter((f) => shown(f) && f.inputType === 'password');
  let login = null;
  const pwd = passwords[passwords.length - 1];
  if (pwd) {
    const form = pwd.up('form') || pwd.up('panel') || pwd.up('window');
    const others = form ? (form.query('textfield') as any[]).filter((f) => shown(f) && f !== pwd && f.inputType !== 'password') : [];
    const buttons = form ? (form.query('button') as any[]).filter((b) => shown(b) && !b.isXType('tab')).map((b) => plain(b.getText())).filter(Boolean) : [];
    login = { email: others[0] ? String(others[0].emptyText ?? '') : null, password: String(pwd.emptyText ?? ''), buttons };
  }
  const main = (Ext.ComponentQuery.query('treepanel, treelist') as any[]).some(shown);
  return { ext: true, version, login, main };
}

export function menuTexts(): string[] {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  const out: string[] = [];
  const plain = (html: unknown) => {
    const div = document.createElement('div');
    div.innerHTML = String(html ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  if (Ext && Ext.ComponentQuery) {
    for (const tree of Ext.ComponentQuery.query('treepanel, treelist') as any[]) {
      if (!tree.isVisible(true)) continue;
      const store = tree.getStore && tree.getStore();
      const root = store && store.getRoot && store.getRoot();
      const walk = (node: any) => {
        if (!node) return;
        if (!node.isRoot || !node.isRoot()) out.push(plain(node.get('text')));
        (node.childNodes || []).forEach(walk);
      };
      walk(root);
    }
  }
  for (const el of Array.from(document.querySelectorAll('.x-tree-node-text, .x-treelist-item-text, .x-menu-item-text'))) {
    if (el.getClientRects().length > 0) out.push((el as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
  }
  return [...new Set(out.filter(Boolean))];
}

/** The grid shown in the content area (outside windows), once it is idle and loaded. */
export function sectionInfo(): SectionInfo | null {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  if (!Ext || !Ext.ComponentQuery || Ext.Ajax.isLoading()) return null;
  const plain = (html: unknown) => {
    const div = document.createElement('div');
    div.innerHTML = String(html ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  for (const m of Array.from(document.querySelectorAll('.x-mask-msg'))) {
    if (m.getClientRects().length > 0 && getComputedStyle(m).visibility !== 'hidden') return null;
  }
  // On the page; else (a "Desktop" build) in the topmost window that holds a grid.
  let grid = (Ext.ComponentQuery.query('gridpanel') as any[]).find((g) => !g.isTree && g.isVisible(true) && !g.up('window'));
  let inWindow: string | null = null;
  if (!grid) {
    const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && !w.destroyed && !(w instanceof Ext.window.MessageBox));
    const win = wins.reverse().find((w) => (w.query('gridpanel') as any[]).some((g) => !g.isTree && g.isVisible(true)));
    if (win) {
      grid = (win.query('gridpanel') as any[]).find((g) => !g.isTree && g.isVisible(true));
      inWindow = plain(win.getTitle());
    }
  }
  if (!grid) return null;
  const store = grid.getStore();
  if (!store || store.isLoading() || (store.isLoaded && !store.isLoaded())) return null;
  const columns = (grid.getColumns() as any[]).map((c) => ({ text: plain(c.text), dataIndex: c.dataIndex ? String(c.dataIndex) : null, hidden: !c.isVisible() }));
  const searchFields = (grid.query('textfield') as any[])
    .filter((f) => f.isVisible(true) && !f.up('pagingtoolbar') && f.emptyText)
    .map((f) => String(f.emptyText));
  const paging = (grid.query('pagingtoolbar') as any[])[0];
  let pagingText: string | null = null;
  if (paging) {
    const item = paging.child ? paging.child('#displayItem') : null;
    pagingText = item && item.el ? (item.el.dom as HTMLElement).innerText.replace(/\s+/g, ' ').trim() : String(paging.displayMsg ?? '') || null;
  }
  return {
    ext: true,
    window: inWindow,
    title: plain(grid.getTitle ? grid.getTitle() : grid.title),
    columns,
    searchFields,
    paging: pagingText,
    rows: store.getCount(),
    total: typeof store.getTotalCount === 'function' ? store.getTotalCount() : null,
  };
}

/** Marks the windows open now, so that the next one is told apart (no ids involved). */
export function markWindows(): void {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  for (const w of Ext.ComponentQuery.query('window') as any[]) w.__navbotSurveySeen = true;
}

/** The newest visible window not marked, once the panel is idle; a message box ends the wait too. */
export function newWindow(): { title: string } | { message: string } | false {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  if (!Ext || !Ext.ComponentQuery) return false;
  if (!Ext.Object.isEmpty(Ext.Ajax.requests || {}) || Ext.Ajax.isLoading()) return false;
  for (const m of Array.from(document.querySelectorAll('.x-mask-msg'))) {
    if (m.getClientRects().length > 0 && getComputedStyle(m).visibility !== 'hidden') return false;
  }
  for (const c of Ext.ComponentQuery.query('tablepanel, combobox') as any[]) {
    const store = c.getStore && c.getStore();
    if (store && store.isLoading && store.isLoading()) return false;
  }
  const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && !w.destroyed && w.el);
  const box = wins.find((w) => w instanceof Ext.window.MessageBox);
  if (box) return { message: (box.el.dom as HTMLElement).innerText.replace(/\s+/g, ' ').trim() };
  const fresh = wins.filter((w) => !w.__navbotSurveySeen && !(Ext.window.Toast && w instanceof Ext.window.Toast));
  const top = fresh[fresh.length - 1];
  if (!top) return false;
  const div = document.createElement('div');
  div.innerHTML = String(top.getTitle() ?? '');
  return { title: (div.textContent ?? '').replace(/\s+/g, ' ').trim() };
}

export function windowInfo(title: string): WindowInfo | null {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  const plain = (html: unknown) => {
    const div = document.createElement('div');
    div.innerHTML = String(html ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const norm = (s: unknown) => plain(s).toLowerCase().replace(/ё/g, 'е');
  const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && !w.destroyed && norm(w.getTitle()) === norm(title));
  const win = wins[wins.length - 1];
  if (!win) return null;
  const tabs = (win.query('tabpanel') as any[]).flatMap((tp) => (tp.getTabBar ? (tp.getTabBar().items.getRange() as any[]) : []).map((t) => plain(t.getText ? t.getText() : t.text)));
  const fields = (win.query('field') as any[]).map((f) => {
    const fs = f.up('fieldset');
    return {
      label: plain(f.getFieldLabel ? f.getFieldLabel() : f.fieldLabel),
      name: f.getName ? (f.getName() ?? null) : (f.name ?? null),
      xtype: String(f.xtype ?? ''),
      checkbox: Boolean(f.isCheckbox),
      visible: f.isVisible(true),
      fieldset: fs ? plain(fs.title) : null,
    };
  });
  const buttons = (win.query('button') as any[])
    .filter((b) => b.isVisible(true) && !b.isXType('tab') && !b.up('pagingtoolbar'))
    .map((b) => plain(b.getText()))
    .filter(Boolean);
  const grids = (win.query('gridpanel') as any[])
    .filter((g) => g.isVisible(true))
    .map((g) => ({
      title: plain(g.getTitle ? g.getTitle() : g.title),
      columns: (g.getColumns() as any[]).map((c) => ({ text: plain(c.text), dataIndex: c.dataIndex ? String(c.dataIndex) : null, hidden: !c.isVisible() })),
      rows: g.getStore().getCount(),
    }));
  const fieldsets = (win.query('fieldset') as any[]).map((f) => plain(f.title));
  let record: string[] = [];
  for (const form of win.query('form') as any[]) {
    const r = form.getForm().getRecord();
    if (r) {
      record = Object.keys(r.getData());
      break;
    }
  }
  return { title: plain(win.getTitle()), tabs, fields, buttons, grids, fieldsets, record };
}

/**
 * The visible grids of window `title` have loaded (Ext 6 stores load asynchronously: right after a
 * tab's click the panel looks idle before the tab's store has even started loading).
 */
export function windowGridsLoaded(title: string): boolean {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
  if (!Ext || !Ext.ComponentQuery || !Ext.Object.isEmpty(Ext.Ajax.requests || {})) return false;
  const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && !w.destroyed && norm(w.getTitle()) === norm(title));
  const win = wins[wins.length - 1];
  if (!win) return false;
  const grids = (win.query('gridpanel') as any[]).filter((g) => g.isVisible(true));
  return (
    grids.length > 0 &&
    grids.every((g) => {
      const store = g.getStore();
      return store && !store.isLoading() && (!store.isLoaded || store.isLoaded());
    })
  );
}

/** The items of a combo's store as its list shows them (display field). */
export function comboStoreItems(q: { title: string; label: string }): string[] | null {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  const norm = (s: unknown) => String(s ?? '').replace(/[\s:*]+$/u, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
  const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && norm(w.getTitle()) === norm(q.title));
  const win = wins[wins.length - 1];
  if (!win) return null;
  const combo = (win.query('combobox') as any[]).find((c) => norm(c.getFieldLabel ? c.getFieldLabel() : c.fieldLabel) === norm(q.label));
  if (!combo || !combo.getStore()) return null;
  return (combo.getStore().getRange() as any[]).map((r) => String(r.get(combo.displayField) ?? '').trim()).filter(Boolean);
}

export function publicPageInfo(): Omit<PageInfo, 'url' | 'status'> {
  const text = (el: Element | null | undefined) => ((el as HTMLElement | null)?.innerText ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const kindOf = (c: Element | null): string => {
    if (!c) return 'none';
    if (c.tagName === 'SELECT') return 'select';
    if (c.tagName === 'TEXTAREA') return 'text';
    if (c.tagName === 'INPUT') return ((c as HTMLInputElement).type || 'text').toLowerCase();
    return c.tagName.toLowerCase();
  };
  const labels = Array.from(document.querySelectorAll('label')).map((l) => {
    const control = (l as HTMLLabelElement).control ?? null;
    return { text: text(l), kind: kindOf(control) };
  });
  const buttons = Array.from(document.querySelectorAll('button, input[type=submit], [role=button]')).map((b) => ({
    text: b.tagName === 'INPUT' ? (b as HTMLInputElement).value : text(b),
    kind: (b as HTMLButtonElement).type === 'submit' ? 'submit' : 'button',
  }));
  const iframes = Array.from(document.querySelectorAll('iframe')).map((f) => ({ src: f.getAttribute('src') ?? '', title: f.getAttribute('title') ?? '' }));
  const selects = Array.from(document.querySelectorAll('select')).map((s) => {
    const label = (s as HTMLSelectElement).labels?.[0];
    return { label: text(label), options: Array.from((s as HTMLSelectElement).options).map((o) => o.text.trim()).filter(Boolean) };
  });
  return { labels, buttons, iframes, selects, text: text(document.body) };
}
