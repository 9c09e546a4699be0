// `doctor`'s look at how the admin panel is built (issue 22 §2–3), read-only: a menu tree or a
// desktop's start menu, the users list on the page or in a window, its search field (placeholder
// or label, the button beside it), and what the list's records hold. What doctor cannot see
// without writing (how the panel asks «Да»/«Нет» and how it refuses) is said as a note, and the
// windows public sources name are proposed (harmless where the panel uses message boxes).
import type { Profile } from '../../config/profile.js';
import { fold } from '../../navigator/ext.js';

/** What doctor found of the panel's structure (survey.json, findings.admin.structure). */
export interface StructureFindings {
  /** 'tree': a menu always shown; 'start': a button that opens the menu (a "Desktop" build). */
  menu: 'tree' | 'start' | 'unknown';
  menuButton: string | null;
  /** The users list's window title, when the list opened as a window. */
  usersWindow: string | null;
  search: { by: 'placeholder' | 'label'; text: string; button: string | null } | null;
  /** Field names of the users list's records (names only, never values). */
  recordFields: string[];
  /** Doctor cannot ask a question or provoke a refusal without writing: what navbot will do. */
  dialogs: { seen: false; proposed: { questionWindows: string[]; refusalWindows: string[] }; note: string };
}

/** Windows public sources show the panel asking and refusing with (NAVIGATOR.md, «Found in public sources since»). */
export const SOURCE_DIALOGS = { questionWindows: ['Подтверждение', 'Подтверждение заявки'], refusalWindows: ['Ошибка'] };

export const DIALOGS_NOTE =
  'как панель спрашивает «Да»/«Нет» и как отказывает, doctor не видит, ничего не меняя: navbot примет за вопрос или отказ окно сообщения Ext или окно с заголовком из adminStructure.questionWindows / refusalWindows (предложены заголовки из публичных источников); иное окно остановит строку с его заголовком и текстом — тогда допишите заголовок в профиль';

/** In the page: visible buttons (outside windows and the login form) that open a menu, with the menu's items. */
export function startMenus(): Array<{ button: string; items: string[] }> {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  if (!Ext || !Ext.ComponentQuery) return [];
  const plain = (html: unknown) => {
    const div = document.createElement('div');
    div.innerHTML = String(html ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const out: Array<{ button: string; items: string[] }> = [];
  for (const b of Ext.ComponentQuery.query('button') as any[]) {
    if (!b.isVisible(true) || !b.menu || b.up('window') || b.up('form')) continue;
    const items = (b.menu.query ? (b.menu.query('menuitem') as any[]) : []).map((i) => plain(i.text)).filter(Boolean);
    const text = plain(b.getText ? b.getText() : b.text);
    if (text && items.length > 0) out.push({ button: text, items });
  }
  return out;
}

/** In the page: the main view is shown (a menu tree, or a button that opens a menu). */
export function mainShown(): boolean {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  if (!Ext || !Ext.ComponentQuery) return false;
  if ((Ext.ComponentQuery.query('treepanel, treelist') as any[]).some((c) => c.isVisible(true))) return true;
  return (Ext.ComponentQuery.query('button') as any[]).some((b) => b.isVisible(true) && b.menu && !b.up('window') && !b.up('form'));
}

/** In the page: what the users list offers besides its columns (in its window, or on the page). */
export function listExtras(windowTitle: string | null): { recordFields: string[]; labels: string[]; buttons: string[] } {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const plain = (html: unknown) => {
    const div = document.createElement('div');
    div.innerHTML = String(html ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const grid = (Ext.ComponentQuery.query('gridpanel') as any[]).find((g) => {
    if (g.isTree || !g.isVisible(true)) return false;
    const win = g.up('window');
    return windowTitle === null ? !win : win && norm(plain(win.getTitle())) === norm(windowTitle);
  });
  if (!grid) return { recordFields: [], labels: [], buttons: [] };
  const first = grid.getStore().getAt(0);
  const recordFields = first ? Object.keys(first.getData()) : [];
  const labels = (grid.query('textfield') as any[]).filter((f) => f.isVisible(true) && f.getFieldLabel && f.getFieldLabel()).map((f) => plain(f.getFieldLabel()));
  const buttons = (grid.query('button') as any[]).filter((b) => b.isVisible(true) && !b.up('pagingtoolbar')).map((b) => plain(b.getText ? b.getText() : '')).filter(Boolean);
  return { recordFields, labels, buttons };
}

/**
 * The search field among the list's fields: the profile's own text, else one that reads as a
 * search («Поиск», «Найти»), else one that filters by e-mail («Email», «Эл. почта»). By
 * placeholder first, then by label.
 */
export function pickSearch(current: string, placeholders: string[], labels: string[]): { by: 'placeholder' | 'label'; text: string } | null {
  const searchy = (s: string) => /поиск|найти|искать/.test(fold(s));
  const mailish = (s: string) => /e-?mail|почт/.test(fold(s));
  for (const [by, list] of [['placeholder', placeholders], ['label', labels]] as const) {
    const own = list.find((s) => fold(s) === fold(current));
    if (own) return { by, text: own };
  }
  for (const test of [searchy, mailish]) {
    for (const [by, list] of [['placeholder', placeholders], ['label', labels]] as const) {
      const hit = list.find(test);
      if (hit) return { by, text: hit };
    }
  }
  return null;
}

/** The button that submits a search beside the field, if the list has one. */
export function pickSearchButton(buttons: string[]): string | null {
  return buttons.find((b) => /^(найти|поиск|искать|применить)$/.test(fold(b))) ?? null;
}

/** The users list's records hold what navbot needs (id, e-mail and both flags): no columns needed for them. */
export function recordsSuffice(p: Profile, fields: string[]): boolean {
  const f = p.adminData.userFields;
  return [f.id, f.email, f.resident, f.verified].every((k) => fields.includes(k));
}

/** The structure part of the profile that `s` describes (for the suggested profile). */
export function structureFrom(s: StructureFindings, current: Profile['adminStructure']): Partial<Profile['adminStructure']> {
  const out: Partial<Profile['adminStructure']> = {};
  if (s.menu === 'start' && s.menuButton) out.menuButton = s.menuButton;
  if (s.menu === 'tree') out.menuButton = '';
  out.usersInWindow = s.usersWindow !== null;
  if (s.search) {
    out.searchBy = s.search.by;
    // A search button is used only where the profile already says so; Enter is what both builds take.
    if (current.searchSubmit === 'button' && s.search.button) out.searchButton = s.search.button;
  }
  if (current.questionWindows.length === 0) out.questionWindows = s.dialogs.proposed.questionWindows;
  if (current.refusalWindows.length === 0) out.refusalWindows = s.dialogs.proposed.refusalWindows;
  return out;
}
