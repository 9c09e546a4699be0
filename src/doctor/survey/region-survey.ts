// `navbot doctor`'s survey of a region, the browser side: what the admin panel and the public
// site show, read without writing anything but the admin login. It walks the way a batch walks
// (login, the site users' section, a user card, its «Дети» tab, a child card, the certificate
// dialog — cancelled, never saved) and at each screen compares the profile's texts with what is
// there (match.ts). Where the profile's text is missing it names the text on screen that
// plays its role and goes on with that one, so that one run finds every difference.
//
// Read-only by construction: only the page objects' read methods, clicks that open (a menu item,
// a row, a tab, «Выдать сертификат», a combo's list) and what closes (Esc on the window in front,
// «Закрыть», «Отмена», a window's close tool: PanelDriver.closeWindow). No «Сохранить»,
// «Подтвердить», no typing except the login, «Поиск» and Esc.
import type { BrowserContext, Page, Response } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { PanelDriver } from '../../navigator/admin/driver.js';
import { UserCard } from '../../navigator/admin/user-card.js';
import { CertificateDialog, ChildCard } from '../../navigator/admin/child-card.js';
import { AdminPanel } from '../../navigator/admin-panel.js';
import { emptyStructure, surveyChildrenTab, surveyPublicForms, type PublicStructureFinding } from './public-forms.js';
import { UsersList } from '../../navigator/admin/users-list.js';
import { DIALOGS_NOTE, SOURCE_DIALOGS, listExtras, mainShown, pickSearch, pickSearchButton, recordsSuffice, startMenus, structureFrom, type StructureFindings } from './structure.js';
import {
  button,
  dblclickRecord,
  dblclickRow,
  exactly,
  fold,
  normalizeLabel,
  readGridRecords,
  sameText,
  snapshot,
  waitIdle,
  waitOutcome,
  type PanelMarks,
} from '../../navigator/ext.js';
import {
  compareContains,
  compareWhole,
  idKind,
  pickCandidate,
  scanSources,
  squash,
  titleTemplate,
  unchecked,
  type Candidate,
  type IdKind,
  type TextFinding,
} from './match.js';

export interface SurveyOptions {
  adminUrl: string;
  publicUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** The profile in use; the survey works on a copy and never changes this one. */
  profile: Profile;
  timeoutMs: number;
  /** E-mail of an existing (placeholder) site user to read; without it, the first user listed. */
  sample?: string;
  /** The sample user's cabinet password (NAVBOT_SAMPLE_PASSWORD): the «ДЕТИ» tab is surveyed only with it. */
  samplePassword?: string;
  /** Keeps a screenshot of `page` named `name`; returns the file's name, if kept. */
  shot(page: Page, name: string): Promise<string | undefined>;
  /** Called at each screen the survey visits (with its screenshot's name): the field kit records it. */
  visit?(page: Page, name: string): Promise<void>;
}

export interface ColumnInfo {
  text: string;
  dataIndex: string | null;
  hidden: boolean;
}

export interface FieldInfo {
  label: string;
  name: string | null;
  xtype: string;
  checkbox: boolean;
  visible: boolean;
  /** Title of the fieldset the field sits in. */
  fieldset: string | null;
}

/** One window of the panel as read through ComponentQuery. */
export interface WindowInfo {
  title: string;
  tabs: string[];
  fields: FieldInfo[];
  /** Visible buttons' texts (tabs excluded). */
  buttons: string[];
  grids: Array<{ title: string; columns: ColumnInfo[]; rows: number }>;
  fieldsets: string[];
  /** Field names of the record loaded into the window's form (none: the panel keeps no record). */
  record: string[];
}

export interface LoginAnswer {
  status: number;
  /** Key paths of the JSON answer, two levels deep (`data.token`, `success`). */
  keys: string[];
  /** bearer: the answer carries an access token the panel sends back; cookie: a session cookie. */
  session: 'bearer' | 'cookie' | 'unknown';
  expiresAt: string | null;
  lifetimeSec: number | null;
  /** Permissions the answer lists (null: it lists none). */
  perms: string[] | null;
}

export interface SectionInfo {
  /** The section is an Ext grid (navbot reads Ext components; a React section it cannot). */
  ext: boolean;
  title: string;
  columns: ColumnInfo[];
  searchFields: string[];
  paging: string | null;
  rows: number;
  total: number | null;
  /** The window the list opened in (a "Desktop" build), or null on the page. */
  window?: string | null;
}

export type { PageInfo } from './public-forms.js';
import type { PageInfo } from './public-forms.js';

export interface StageError {
  stage: string;
  message: string;
  /** The target did not answer (network, HTTP 5xx/429): exit 3 rather than 2. */
  unreachable: boolean;
}

export interface SurveyFindings {
  admin: {
    ext: { present: boolean; version: string | null };
    login: LoginAnswer | null;
    /** The panel accepted the login. */
    loggedIn: boolean;
    menu: string[];
    section: SectionInfo | null;
    user: { id: string; email: string; how: 'sample' | 'first'; placeholder: boolean | null } | null;
    userCard: (WindowInfo & { resident: boolean | null; verified: boolean | null; fromRecord: boolean }) | null;
    kids: { columns: ColumnInfo[]; count: number; idKind: IdKind; recordFields: string[]; childId: string | null; fromRecords: boolean } | null;
    child:
      | (WindowInfo & {
          id: string;
          fromRecord: boolean;
          confirmed: boolean | null;
          confirmation: { block: string | null; labels: string[]; statusShown: boolean; recordField: boolean };
          certificates: { grid: { title: string; columns: string[] } | null; endpoint: { path: string; count: number | null; error: string | null } };
          readError: string | null;
        })
      | null;
    dialog: (WindowInfo & { comboLabel: string | null; items: string[]; closed: boolean }) | null;
    /** How the panel is built: menu, users list, search, dialogs (structure.ts). */
    structure?: StructureFindings | null;
    /** Why a screen was not reached (Russian), by screen: user, userCard, kids, child, dialog. */
    skipped: Record<string, string>;
  };
  site: {
    register: PageInfo | null;
    login: PageInfo | null;
    municipalities: string[] | null;
    captcha: { checkbox: string | null; widget: string | null; siteKey: string | null };
    emailConfirmation: string | null;
    /** The site's structure (profile.publicStructure), as far as it was seen (public-forms.ts). */
    structure?: PublicStructureFinding;
  };
  texts: TextFinding[];
  /** Durations of the GETs the pages made (documents and XHR/fetch to the target), ms. */
  timing: number[];
  errors: StageError[];
  screenshots: string[];
}

/** First line of an error, for staff. */
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.trim();

const UNREACHABLE = /net::ERR_|ECONNREFUSED|ECONNRESET|ENOTFOUND|HTTP (5\d\d|429)\b|failed, HTTP 0|ответил ошибкой 5\d\d/;

/** Texts kept from a copy of the profile and patched with what the region shows. */
function copyProfile(p: Profile): Profile {
  return JSON.parse(JSON.stringify(p)) as Profile;
}

type AdminTexts = Profile['adminTexts'];

function setKey(p: Profile, key: string, value: unknown): void {
  const parts = key.split('.');
  let at = p as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
  at[parts.at(-1)!] = value;
}

// ---- what runs in the page (self-contained functions for page.evaluate) -----------------------

function loginViewInfo(): { ext: boolean; version: string | null; login: { email: string | null; password: string; buttons: string[] } | null; main: boolean } {
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

function menuTexts(): string[] {
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
function sectionInfo(): SectionInfo | null {
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
function markWindows(): void {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  for (const w of Ext.ComponentQuery.query('window') as any[]) w.__navbotSurveySeen = true;
}

/** The newest visible window not marked, once the panel is idle; a message box ends the wait too. */
function newWindow(): { title: string } | { message: string } | false {
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

function windowInfo(title: string): WindowInfo | null {
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
function windowGridsLoaded(title: string): boolean {
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
function comboStoreItems(q: { title: string; label: string }): string[] | null {
  const Ext = (globalThis as unknown as { Ext?: any }).Ext;
  const norm = (s: unknown) => String(s ?? '').replace(/[\s:*]+$/u, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
  const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && norm(w.getTitle()) === norm(q.title));
  const win = wins[wins.length - 1];
  if (!win) return null;
  const combo = (win.query('combobox') as any[]).find((c) => norm(c.getFieldLabel ? c.getFieldLabel() : c.fieldLabel) === norm(q.label));
  if (!combo || !combo.getStore()) return null;
  return (combo.getStore().getRange() as any[]).map((r) => String(r.get(combo.displayField) ?? '').trim()).filter(Boolean);
}

function publicPageInfo(): Omit<PageInfo, 'url' | 'status'> {
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

// ---- the survey --------------------------------------------------------------------------------

export class RegionSurvey {
  private readonly work: Profile;
  readonly findings: SurveyFindings;
  private readonly timing: number[] = [];
  private readonly sources: string[] = [];
  private readonly pendingSources: Array<Promise<void>> = [];

  constructor(private readonly o: SurveyOptions) {
    this.work = copyProfile(o.profile);
    this.findings = {
      admin: { ext: { present: false, version: null }, login: null, loggedIn: false, menu: [], section: null, user: null, userCard: null, kids: null, child: null, dialog: null, structure: null, skipped: {} },
      site: { register: null, login: null, municipalities: null, captcha: { checkbox: null, widget: null, siteKey: null }, emailConfirmation: null, structure: emptyStructure() },
      texts: [],
      timing: this.timing,
      errors: [],
      screenshots: [],
    };
  }

  /** The profile as the survey found the region (the original with what differs put in). */
  get found(): Profile {
    return this.work;
  }

  private get t() {
    return this.work.adminTexts;
  }

  private get wait() {
    return { timeout: this.o.timeoutMs };
  }

  private marks(): PanelMarks {
    return { loginButton: this.t.loginButton, loginEmail: this.t.loginEmail, menuItem: this.t.menuSiteUsers };
  }

  /** Records a compared text; where the region differs, goes on with the region's text. */
  private text(f: TextFinding): TextFinding {
    this.findings.texts.push(f);
    if ((f.status === 'spelling' || f.status === 'renamed') && f.found !== null) setKey(this.work, f.key, f.found);
    return f;
  }

  private async shot(page: Page, name: string): Promise<void> {
    const file = await this.o.shot(page, name).catch(() => undefined);
    if (file) this.findings.screenshots.push(file);
    await this.o.visit?.(page, name).catch(() => undefined);
  }

  private fail(stage: string, e: unknown): void {
    const message = firstLine(e).replace(/\.+$/, '');
    // After the target answered 5xx/429, what fails next (a click under its error box) follows from it.
    const after = this.findings.errors.some((x) => x.unreachable);
    this.findings.errors.push({ stage, message, unreachable: after || UNREACHABLE.test(message) });
  }

  /**
   * Watches a context: durations of its GETs to the target; for the public site's context
   * (`scripts`), also the scripts it loaded (texts the cabinet shows only after a login).
   */
  watch(context: BrowserContext, o: { scripts?: boolean } = {}): void {
    const origins = [new URL(this.o.publicUrl).origin, new URL(this.o.adminUrl).origin];
    const ours = (url: string) => origins.some((x) => url.startsWith(x));
    const started = new WeakMap<object, number>();
    context.on('request', (r) => started.set(r, Date.now()));
    context.on('requestfinished', (r) => {
      if (r.method() !== 'GET' || !ours(r.url()) || !['document', 'xhr', 'fetch'].includes(r.resourceType())) return;
      const t = r.timing();
      const ms = t.responseEnd > 0 ? t.responseEnd : Date.now() - (started.get(r) ?? Date.now());
      this.timing.push(Math.round(ms));
    });
    // An overloaded or failing target (5xx, 429) is «unreachable», whatever the screen made of it.
    context.on('response', (r: Response) => {
      const status = r.status();
      if (!ours(r.url()) || (status < 500 && status !== 429)) return;
      const where = `${r.request().method()} ${new URL(r.url()).pathname}`;
      if (this.findings.errors.some((e) => e.message.endsWith(where))) return;
      this.findings.errors.push({ stage: 'ответ Навигатора', message: `HTTP ${status} на ${where}`, unreachable: true });
    });
    if (!o.scripts) return;
    const site = new URL(this.o.publicUrl).origin;
    context.on('response', (r: Response) => {
      if (!r.url().startsWith(site) || r.request().resourceType() !== 'script') return;
      this.pendingSources.push(
        r.text().then(
          (s) => void this.sources.push(s),
          () => undefined,
        ),
      );
    });
  }

  // ---- admin panel ----

  /** Admin steps 1–8. Each screen needs the one before; a failure skips the rest, saying why. */
  async admin(page: Page): Promise<void> {
    const a = this.findings.admin;
    const skipAll = (why: string, from: string[]) => {
      for (const s of from) a.skipped[s] ??= why;
    };
    const later = ['menu', 'section', 'user', 'userCard', 'kids', 'child', 'dialog'];
    try {
      if (!(await this.login(page))) return skipAll('вход в админ-панель не удался', later);
    } catch (e) {
      this.fail('вход в админ-панель', e);
      return skipAll('вход в админ-панель не удался', later);
    }
    try {
      if (!(await this.section(page))) return skipAll('раздел пользователей сайта не открылся', later.slice(2));
    } catch (e) {
      this.fail('раздел пользователей сайта', e);
      return skipAll('раздел пользователей сайта не открылся', later.slice(2));
    }
    const driver = new PanelDriver(page, this.work, this.o.timeoutMs);
    let card: UserCard | undefined;
    try {
      card = await this.userCard(page, driver);
      if (!card) return skipAll(a.skipped.user ?? 'карточка пользователя не открылась', ['userCard', 'kids', 'child', 'dialog']);
    } catch (e) {
      this.fail('карточка пользователя', e);
      return skipAll('карточка пользователя не открылась', ['kids', 'child', 'dialog']);
    }
    try {
      const childId = await this.kids(page, driver, card);
      if (childId === null) {
        skipAll('у пользователя нет детей', ['child', 'dialog']);
      } else {
        await this.child(page, driver, card, childId);
      }
    } catch (e) {
      this.fail('дети пользователя', e);
      skipAll('не удалось открыть ребёнка', ['child', 'dialog']);
    } finally {
      // Close whatever the survey opened, without saving anything.
      await this.closeAll(page, driver).catch((e) => this.fail('закрытие окон', e));
    }
  }

  private async login(page: Page): Promise<boolean> {
    const a = this.findings.admin;
    const res = await page.goto(this.o.adminUrl, { timeout: this.o.timeoutMs });
    if (res && res.status() >= 500) throw new Error(`админ-панель ответила ошибкой HTTP ${res.status()}`);
    // The login view (a password field) or, with a session already open, the menu.
    await page.waitForFunction(() => {
      const w = globalThis as unknown as { Ext?: any };
      const Ext = w.Ext;
      if (!Ext || !Ext.isReady || !Ext.ComponentQuery) return false;
      return (Ext.ComponentQuery.query('textfield, treepanel, treelist, button') as any[]).some(
        (c) => c.isVisible(true) && (c.inputType === 'password' || c.isTree || c.xtype === 'treelist' || (c.isXType && c.isXType('button') && c.menu && !c.up('window') && !c.up('form'))),
      );
    }, undefined, { timeout: this.o.timeoutMs, polling: 50 }).catch(() => undefined);
    const view = await page.evaluate(loginViewInfo);
    a.ext = { present: view.ext, version: view.version };
    if (!view.ext) {
      this.findings.errors.push({ stage: 'админ-панель', message: 'на странице нет Ext JS: это не та админ-панель, с которой работает navbot (или NAVBOT_ADMIN_URL указывает не туда)', unreachable: false });
      return false;
    }
    if (!view.login) {
      if (view.main) {
        a.loggedIn = true;
        return true;
      }
      this.findings.errors.push({ stage: 'вход в админ-панель', message: 'на странице нет формы входа (поля пароля)', unreachable: false });
      return false;
    }
    const where = 'форма входа админ-панели';
    const emailPh = view.login.email;
    this.text(compareWhole({ key: 'adminTexts.loginEmail', where, expected: this.t.loginEmail }, emailPh === null ? [] : [emailPh], () => emailPh || null));
    this.text(compareWhole({ key: 'adminTexts.loginPassword', where, expected: this.t.loginPassword }, [view.login.password], () => view.login!.password || null));
    const buttons = view.login.buttons;
    this.text(
      compareWhole({ key: 'adminTexts.loginButton', where, expected: this.t.loginButton }, buttons, () =>
        buttons.length === 1 ? buttons[0]! : pickCandidate(this.t.loginButton, buttons.map((text) => ({ text })), { contains: ['вой', 'вход'] }),
      ),
    );
    await this.shot(page, 'admin-login');
    await page.getByPlaceholder(this.t.loginEmail, { exact: true }).filter({ visible: true }).last().fill(this.o.adminEmail, this.wait);
    await page.getByPlaceholder(this.t.loginPassword, { exact: true }).filter({ visible: true }).last().fill(this.o.adminPassword, this.wait);
    const before = await snapshot(page, this.marks());
    const origin = new URL(this.o.adminUrl).origin;
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(origin), this.wait);
    answer.catch(() => undefined);
    await page.getByRole('button', { name: exactly(this.t.loginButton) }).filter({ visible: true }).last().click(this.wait);
    const response = await answer;
    a.login = await readLoginAnswer(response);
    if (a.login.session === 'unknown' && (await page.context().cookies(this.o.adminUrl)).length > 0) a.login.session = 'cookie';
    if (a.login.status >= 500 || a.login.status === 429) throw new Error(`вход в админ-панель: HTTP ${a.login.status}`);
    const s = await waitOutcome(page, this.marks(), { requestAfter: before.started }, this.o.timeoutMs);
    if (s.login || a.login.status >= 400) {
      this.findings.errors.push({
        stage: 'вход в админ-панель',
        message: `панель не приняла e-mail или пароль (HTTP ${a.login.status}). Проверьте NAVBOT_ADMIN_EMAIL и NAVBOT_ADMIN_PASSWORD в .env`,
        unreachable: false,
      });
      return false;
    }
    // The main view: a menu tree, or (a "Desktop" build) a button that opens the menu.
    await page.waitForFunction(mainShown, undefined, { timeout: this.o.timeoutMs, polling: 50 });
    a.loggedIn = true;
    return true;
  }

  /** Steps 3–4: the menu item for site users, and its section (an Ext grid?). */
  private async section(page: Page): Promise<boolean> {
    const a = this.findings.admin;
    a.menu = await page.evaluate(menuTexts);
    // A "Desktop" build: the menu hides behind a button (its items read from the Ext menu, not shown).
    const starts = await page.evaluate(startMenus);
    const start = a.menu.length > 0 ? undefined : (starts.find((m) => m.items.some((i) => /пользовател/.test(fold(i)))) ?? starts[0]);
    if (start) a.menu = start.items;
    const structure: StructureFindings = {
      menu: start ? 'start' : a.menu.length > 0 ? 'tree' : 'unknown',
      menuButton: start?.button ?? null,
      usersWindow: null,
      search: null,
      recordFields: [],
      dialogs: { seen: false, proposed: SOURCE_DIALOGS, note: DIALOGS_NOTE },
    };
    a.structure = structure;
    const st = this.work.adminStructure;
    st.menuButton = start?.button ?? '';
    const item = this.text(
      compareWhole({ key: 'adminTexts.menuSiteUsers', where: 'меню админ-панели', expected: this.t.menuSiteUsers }, a.menu, () =>
        pickCandidate(this.t.menuSiteUsers, a.menu.map((text) => ({ text })), { contains: ['пользовател'] }),
      ),
    );
    if (item.found === null) {
      a.skipped.section = `в меню нет пункта «${this.t.menuSiteUsers}»`;
      return false;
    }
    if (start) await page.locator('.x-btn').filter({ has: page.locator('.x-btn-inner', { hasText: exactly(start.button) }) }).filter({ visible: true }).first().click(this.wait);
    await page
      .locator('.x-tree-node-text, .x-treelist-item-text, .x-menu-item-text')
      .filter({ hasText: exactly(item.found) })
      .filter({ visible: true })
      .first()
      .click(this.wait);
    const handle = await page.waitForFunction(sectionInfo, undefined, { timeout: this.o.timeoutMs, polling: 50 }).catch(() => null);
    const info = handle ? ((await handle.jsonValue()) as SectionInfo) : null;
    await handle?.dispose();
    if (!info) {
      a.section = { ext: false, title: '', columns: [], searchFields: [], paging: null, rows: 0, total: null };
      await this.shot(page, 'admin-section');
      return false;
    }
    a.section = info;
    structure.usersWindow = info.window ?? null;
    st.usersInWindow = structure.usersWindow !== null;
    if (structure.usersWindow !== null && !sameText(structure.usersWindow, item.found)) {
      this.findings.errors.push({ stage: 'раздел пользователей сайта', message: `список открылся в окне «${structure.usersWindow}», а navbot ждёт окно с названием пункта меню «${item.found}»`, unreachable: false });
    }
    const extras = await page.evaluate(listExtras, structure.usersWindow);
    structure.recordFields = extras.recordFields;
    await this.shot(page, 'admin-users');
    const where = 'таблица пользователей сайта';
    const cols: Candidate[] = info.columns.map((c) => ({ text: c.text, kind: c.dataIndex ?? undefined }));
    const texts = info.columns.map((c) => c.text);
    const t = this.t;
    // A column is found by the record field behind it when its text is not the profile's.
    const byField = (key: keyof AdminTexts, field: string) =>
      compareWhole({ key: `adminTexts.${key}`, where, expected: t[key] }, texts, () => pickCandidate('', cols, { kind: field }), { label: true });
    const f = this.work.adminData.userFields;
    // Where the list's records hold id, e-mail and both flags, navbot reads them there: no columns needed.
    const records = recordsSuffice(this.work, extras.recordFields);
    const viaRecord = (x: TextFinding) => (records && !x.works ? unchecked(x, 'не нужен: navbot читает записи таблицы (id, e-mail, отметки)') : x);
    // The e-mail column is always compared: navbot finds the list by it.
    const found = [viaRecord(byField('columnId', f.id)), byField('email', f.email), viaRecord(byField('resident', f.resident)), viaRecord(byField('verified', f.verified))];
    const names = [byField('lastName', f.lastName), byField('firstName', f.firstName), byField('patronymic', f.patronymic)].map(viaRecord);
    const full = compareWhole({ key: 'adminTexts.columnFullName', where, expected: t.columnFullName }, texts, () => pickCandidate(t.columnFullName, cols, { contains: ['фио'] }), {
      label: true,
    });
    // navbot reads the three name columns (hidden or not), or else «ФИО»: one of the two is enough.
    if (names.every((n) => n.works)) {
      found.push(...names, full.works ? full : unchecked(full, `не нужен: есть столбцы ${names.map((n) => `«${n.found}»`).join(', ')}`));
    } else if (full.found !== null) {
      found.push(full, ...names.map((n) => (n.works ? n : unchecked(n, `не нужен: navbot читает имена из столбца «${full.found}»`))));
    } else {
      found.push(...names, full);
    }
    for (const x of found) this.text(x);
    const fields = info.searchFields;
    const search = pickSearch(this.t.search, fields, extras.labels);
    structure.search = search ? { ...search, button: pickSearchButton(extras.buttons) } : null;
    if (search) st.searchBy = search.by;
    this.text(
      compareWhole({ key: 'adminTexts.search', where: 'поле поиска над таблицей пользователей', expected: this.t.search }, [...fields, ...extras.labels], () =>
        search ? search.text : fields.length === 1 ? fields[0]! : pickCandidate(this.t.search, fields.map((text) => ({ text })), { contains: ['поиск', 'найти', 'искать'] }),
      ),
    );
    return true;
  }

  /** Step 5: the sample user (or the first listed), its card read and left unsaved. */
  private async userCard(page: Page, driver: PanelDriver): Promise<UserCard | undefined> {
    const a = this.findings.admin;
    const t = this.t;
    let id: string;
    let email = '';
    let placeholder: boolean | null = null;
    const p = this.work.placeholder;
    if (this.o.sample) {
      const panel = new AdminPanel(page, { adminUrl: this.o.adminUrl, email: this.o.adminEmail, password: this.o.adminPassword, profile: this.work, timeoutMs: this.o.timeoutMs });
      const rows = await panel.findUsersByEmail(this.o.sample);
      const row = rows[0];
      if (!row) {
        a.skipped.user = `пользователь с e-mail ${this.o.sample} не найден`;
        this.findings.errors.push({ stage: 'образец (--sample)', message: `пользователь с e-mail ${this.o.sample} не найден в админ-панели. Укажите в --sample e-mail существующей заглушки`, unreachable: false });
        return undefined;
      }
      id = row.id;
      email = row.email;
      placeholder = sameText(row.lastName, p.lastName) && sameText(row.firstName, p.firstName) && sameText(row.patronymic, p.patronymic);
    } else {
      const row = ((await new UsersList(driver).rows()) ?? [])[0];
      if (!row) {
        a.skipped.user = 'в таблице пользователей никого нет (укажите --sample EMAIL существующей заглушки)';
        return undefined;
      }
      id = row.id;
      email = row.email;
    }
    a.user = { id, email, how: this.o.sample ? 'sample' : 'first', placeholder };
    const opened = await this.openWindow(page, () => new UsersList(driver).dblclick(id), `пользователь #${id}`);
    this.text(
      compareWhole({ key: 'adminTexts.userWindowTitle', where: 'заголовок карточки пользователя', expected: t.userWindowTitle }, [titleTemplate(opened, id)], () => titleTemplate(opened, id)),
    );
    const card = new UserCard(driver, id);
    let main: Awaited<ReturnType<UserCard['readMain']>> | null = null;
    const info = await page.evaluate(windowInfo, card.title);
    if (!info) throw new Error(`окно «${card.title}» не найдено`);
    const where = 'карточка пользователя';
    const tabs = info.tabs;
    this.text(compareWhole({ key: 'adminTexts.tabMain', where: `${where}, вкладки`, expected: t.tabMain }, tabs, () => tabs[0] ?? null));
    this.text(compareWhole({ key: 'adminTexts.tabChildren', where: `${where}, вкладки`, expected: t.tabChildren }, tabs, () => pickCandidate(t.tabChildren, tabs.map((text) => ({ text })), { contains: ['дет'] })));
    const labels = info.fields.map((x) => x.label);
    const fieldCandidates: Candidate[] = info.fields.map((x) => ({ text: x.label, kind: x.name ?? undefined }));
    const uf = this.work.adminData.userFields;
    for (const [key, field] of [
      ['lastName', uf.lastName],
      ['firstName', uf.firstName],
      ['patronymic', uf.patronymic],
      ['email', uf.email],
      ['resident', uf.resident],
      ['verified', uf.verified],
    ] as const) {
      // The grid and the card share these keys, and the grid was read first: compared with what
      // the grid showed; a card that says it otherwise cannot be served by one profile text.
      const f = compareWhole({ key: `adminTexts.${key}`, where: `${where}, поля`, expected: t[key] }, labels, () => pickCandidate('', fieldCandidates, { kind: field }), { label: true });
      const grid = this.findings.texts.find((x) => x.key === f.key && x.found !== null);
      if (grid && f.status === 'renamed') {
        this.findings.texts.push({ ...f, suggest: false, note: `в таблице — «${grid.found}», в карточке — «${f.found}»: navbot ищет одну надпись и там, и там` });
      } else {
        this.text(f);
      }
    }
    const buttons = info.buttons;
    this.text(compareWhole({ key: 'adminTexts.save', where: `${where}, кнопки`, expected: t.save }, buttons, () => pickCandidate(t.save, buttons.map((text) => ({ text })), { contains: ['сохран'] })));
    this.text(compareWhole({ key: 'adminTexts.close', where: `${where}, кнопки`, expected: t.close }, buttons, () => pickCandidate(t.close, buttons.map((text) => ({ text })), { contains: ['закры'] })));
    try {
      main = await card.readMain();
    } catch (e) {
      this.fail('чтение карточки пользователя', e);
    }
    if (main && placeholder === null) placeholder = sameText(main.lastName, p.lastName) && sameText(main.firstName, p.firstName) && sameText(main.patronymic, p.patronymic);
    a.user = { id, email: email || main?.email || '', how: a.user.how, placeholder };
    const record = info.record;
    a.userCard = { ...info, resident: main?.resident ?? null, verified: main?.verified ?? null, fromRecord: record.includes(uf.resident) && record.includes(uf.verified) };
    await this.shot(page, 'user-card');
    return card;
  }

  /** Step 6: the «Дети» tab: columns, the records' ids. Returns the child to open (or null). */
  private async kids(page: Page, driver: PanelDriver, card: UserCard): Promise<string | null> {
    const a = this.findings.admin;
    const t = this.t;
    const win = driver.window(card.title).last();
    const tab = win.getByRole('tab', { name: exactly(t.tabChildren) });
    if ((await tab.getAttribute('aria-selected', this.wait)) !== 'true') {
      await driver.act(() => tab.click(driver.wait), { windowShown: card.title }, `вкладка «${t.tabChildren}»`);
    }
    await page.waitForFunction(windowGridsLoaded, card.title, { timeout: this.o.timeoutMs, polling: 25 });
    const info = await page.evaluate(windowInfo, card.title);
    const grid = info?.grids.find((g) => g.columns.length > 0);
    if (!grid) throw new Error(`на вкладке «${t.tabChildren}» нет таблицы`);
    const texts = grid.columns.map((c) => c.text);
    const where = `карточка пользователя, вкладка «${t.tabChildren}»`;
    this.text(
      compareWhole({ key: 'adminTexts.childName', where, expected: t.childName }, texts, () => pickCandidate(t.childName, grid.columns.map((c) => ({ text: c.text })), { contains: ['фио', 'ребен', 'имя'] }), {
        label: true,
      }),
    );
    const k = this.work.adminData.kidFields;
    const records = (await readGridRecords(page, { windowTitle: card.title, headers: [t.childName] })) ?? [];
    const recordFields = [...new Set(records.flatMap((r) => Object.keys(r)))];
    // navbot reads the children from the records behind the grid when they carry the id; only
    // otherwise from the cells, and then «ID» and «Удален?» must be columns.
    const fromRecords = records.length > 0 && records.every((r) => r[k.id] !== undefined && r[k.id] !== null);
    if (records.length > 0 && !fromRecords) {
      const cols = grid.columns.map((c) => ({ text: c.text, kind: c.dataIndex ?? undefined }));
      this.text(compareWhole({ key: 'adminTexts.columnId', where, expected: t.columnId }, texts, () => pickCandidate('', cols, { kind: k.id }), { label: true }));
      this.text(compareWhole({ key: 'adminTexts.childDeleted', where, expected: t.childDeleted }, texts, () => pickCandidate('', cols, { kind: k.deleted }), { label: true }));
    }
    let children: Awaited<ReturnType<UserCard['children']>> = [];
    try {
      children = await card.children();
    } catch (e) {
      this.fail(`чтение вкладки «${t.tabChildren}»`, e);
    }
    const live = children.filter((c) => !c.deleted);
    const pick = live[0] ?? children[0];
    a.kids = {
      columns: grid.columns,
      count: children.length || records.length,
      idKind: idKind(records.map((r) => r[k.id])),
      recordFields,
      childId: pick?.id ?? null,
      fromRecords,
    };
    await this.shot(page, 'user-children');
    return pick?.id ?? null;
  }

  /** Steps 7–8: the child card, then «Выдать сертификат» → the dialog's list → «Отмена». */
  private async child(page: Page, driver: PanelDriver, card: UserCard, id: string): Promise<void> {
    const a = this.findings.admin;
    const t = this.t;
    const k = this.work.adminData.kidFields;
    const opened = await this.openWindow(
      page,
      async () =>
        (await dblclickRecord(page, { windowTitle: card.title, headers: [t.childName] }, k.id, id)) ||
        dblclickRow(page, { windowTitle: card.title, headers: [t.columnId, t.childName] }, t.columnId, id),
      `ребёнок #${id}`,
    );
    this.text(compareWhole({ key: 'adminTexts.childWindowTitle', where: 'заголовок карточки ребёнка', expected: t.childWindowTitle }, [opened], () => opened));
    const child = new ChildCard(driver, id);
    const info = await page.evaluate(windowInfo, child.title);
    if (!info) throw new Error(`окно «${child.title}» не найдено`);
    const where = 'карточка ребёнка, кнопки';
    const buttons = info.buttons;
    const btn = (text: string) => ({ text });
    this.text(compareWhole({ key: 'adminTexts.confirm', where, expected: t.confirm }, buttons, () => pickCandidate(t.confirm, buttons.map(btn), { contains: ['подтверд'] })));
    const issue = this.text(
      compareWhole({ key: 'adminTexts.issueCertificate', where, expected: t.issueCertificate }, buttons, () =>
        pickCandidate(t.issueCertificate, buttons.map(btn), { contains: ['сертификат'] }),
      ),
    );
    this.text(compareWhole({ key: 'adminTexts.close', where, expected: t.close }, buttons, () => pickCandidate(t.close, buttons.map(btn), { contains: ['закры'] })));
    const fromRecord = info.record.includes(k.birthDate) && info.record.includes(k.approved);
    let data: Awaited<ReturnType<ChildCard['read']>> | null = null;
    let readError: string | null = null;
    try {
      data = await child.read();
    } catch (e) {
      readError = firstLine(e);
    }
    if (!fromRecord) {
      // Without a record navbot reads the card's fields: birth date, sex and the status line.
      const labels = info.fields.map((x) => x.label);
      const lw = 'карточка ребёнка, поля';
      this.text(compareWhole({ key: 'adminTexts.childBirthDate', where: lw, expected: t.childBirthDate }, labels, () => null, { label: true }));
      this.text(compareWhole({ key: 'adminTexts.childSex', where: lw, expected: t.childSex }, labels, () => null, { label: true }));
      const status = compareWhole({ key: 'adminTexts.confirmationStatus', where: lw, expected: t.confirmationStatus }, labels, () => null, { label: true });
      // No status line (the memo): navbot reads who confirmed in «Подтверждение», or «Подтвердить» disabled.
      const confirmer = labels.some((l) => sameText(normalizeLabel(l), t.confirmedByUser)) || buttons.some((b) => sameText(b, t.confirm));
      this.text(!status.works && confirmer && this.work.adminStructure.confirmedShownBy !== 'status' ? unchecked(status, `не нужен: navbot видит подтверждение по полю «${t.confirmedByUser}» в блоке «${t.confirmation}» или по недоступной кнопке «${t.confirm}»`) : status);
    }
    const block = info.fieldsets.find((f) => sameText(f, t.confirmation)) ?? info.fieldsets.find((f) => fold(f).includes('подтвержд')) ?? null;
    const blockLabels = info.fields.filter((x) => block !== null && x.fieldset !== null && sameText(x.fieldset, block)).map((x) => normalizeLabel(x.label));
    const certGrid = info.grids.find((g) => {
      const cols = g.columns.map((c) => c.text);
      return cols.some((c) => sameText(c, t.certificateTypeColumn)) && cols.some((c) => sameText(c, t.certificateNumberColumn));
    });
    // What the profile's certificate sources give on this child (certificate-read.ts); never a
    // source that was not configured.
    const read = this.work.adminData.certificateRead;
    const path = read.check?.path ?? read.list?.path ?? '';
    let count: number | null = null;
    let endpointError: string | null = null;
    try {
      const reading = await child.certificates();
      if (reading.known) count = reading.certificates.length;
      else endpointError = reading.tried.join('; ');
    } catch (e) {
      endpointError = firstLine(e);
    }
    a.child = {
      ...info,
      id,
      fromRecord,
      confirmed: data?.confirmed ?? null,
      confirmation: {
        block,
        labels: blockLabels,
        statusShown: blockLabels.some((l) => sameText(l, t.confirmationStatus)),
        recordField: info.record.includes(k.approved),
      },
      certificates: { grid: certGrid ? { title: certGrid.title, columns: certGrid.columns.map((c) => c.text) } : null, endpoint: { path, count, error: endpointError } },
      readError,
    };
    await this.shot(page, 'child-card');
    if (issue.found === null) {
      a.skipped.dialog = `в карточке ребёнка нет кнопки «${t.issueCertificate}»`;
      return;
    }
    await this.dialog(page, driver, child);
  }

  private async dialog(page: Page, driver: PanelDriver, child: ChildCard): Promise<void> {
    const a = this.findings.admin;
    const t = this.t;
    const win = driver.window(child.title).last();
    const opened = await this.openWindow(page, () => button(win, t.issueCertificate).click(this.wait), `«${t.issueCertificate}»`);
    this.text(compareWhole({ key: 'adminTexts.certificateWindowTitle', where: 'окно выдачи сертификата', expected: t.certificateWindowTitle }, [opened], () => opened));
    const dialog = new CertificateDialog(driver, child);
    const info = await page.evaluate(windowInfo, dialog.title);
    if (!info) throw new Error(`окно «${dialog.title}» не найдено`);
    const where = 'окно выдачи сертификата';
    const combos = info.fields.filter((f) => f.xtype === 'combobox' || f.xtype === 'combo');
    const label = this.text(
      compareWhole({ key: 'adminTexts.certificateType', where: `${where}, поля`, expected: t.certificateType }, info.fields.map((f) => f.label), () =>
        combos.length === 1 ? combos[0]!.label : pickCandidate(t.certificateType, combos.map((c) => ({ text: c.label })), { contains: ['тип'] }),
      { label: true }),
    );
    let items: string[] = [];
    let closed = false;
    try {
      if (label.found !== null) items = await this.comboItems(page, driver, dialog.title, label.found);
    } catch (e) {
      this.fail('список типов сертификата', e);
    }
    const buttons = info.buttons;
    this.text(
      compareWhole({ key: 'adminTexts.accountingCertificate', where: `${where}, список «${label.found ?? t.certificateType}»`, expected: t.accountingCertificate }, items, () =>
        pickCandidate(t.accountingCertificate, items.map((text) => ({ text })), { contains: ['учет'] }),
      ),
    );
    this.text(compareWhole({ key: 'adminTexts.save', where: `${where}, кнопки`, expected: t.save }, buttons, () => pickCandidate(t.save, buttons.map((text) => ({ text })), { contains: ['сохран'] })));
    const cancel = compareWhole({ key: 'adminTexts.cancel', where: `${where}, кнопки`, expected: t.cancel }, buttons, () => pickCandidate(t.cancel, buttons.map((text) => ({ text })), { contains: ['отмен'] }));
    // Without «Отмена» navbot closes the dialog by its close tool: not a blocker.
    this.text(cancel.found === null ? unchecked(cancel, 'кнопки нет: окно закрывается крестиком') : cancel);
    try {
      await dialog.cancel();
      closed = !(await snapshot(page, this.marks())).windows.includes(fold(dialog.title));
    } catch (e) {
      this.fail('закрытие окна выдачи сертификата', e);
    }
    a.dialog = { ...info, comboLabel: label.found, items, closed };
  }

  /** Opens the combo's list like a person, reads its items, takes a screenshot and closes the list. */
  private async comboItems(page: Page, driver: PanelDriver, title: string, label: string): Promise<string[]> {
    const win = driver.window(title).last();
    const input = win.getByRole('combobox', { name: normalizeLabel(label) }).filter({ visible: true }).first();
    await input.click(this.wait);
    if ((await input.getAttribute('aria-expanded', this.wait)) !== 'true') await input.press('ArrowDown', this.wait);
    const list = page.locator('.x-boundlist').filter({ visible: true }).locator('li.x-boundlist-item');
    await list.first().waitFor(this.wait);
    await waitIdle(page, this.o.timeoutMs);
    const shown = (await list.allInnerTexts()).map(squash).filter(Boolean);
    const stored = (await page.evaluate(comboStoreItems, { title, label })) ?? [];
    await this.shot(page, 'certificate-dialog');
    // Close the list (nothing picked); should it stay open, «Отмена» closes the dialog with it.
    await input.press('Escape', this.wait).catch(() => undefined);
    const el = await input.elementHandle(this.wait);
    await page.waitForFunction((e) => (e as HTMLInputElement).getAttribute('aria-expanded') !== 'true', el, { timeout: this.o.timeoutMs, polling: 25 }).catch(() => undefined);
    await el?.dispose();
    return [...new Set([...shown, ...stored.map(squash)])];
  }

  /** Runs `open` (a double-click, a button) and returns the title of the window it opened. */
  private async openWindow(page: Page, open: () => Promise<unknown>, what: string): Promise<string> {
    await page.evaluate(markWindows);
    const result = await open();
    if (result === false) throw new Error(`${what}: строки нет в таблице`);
    const handle = await page.waitForFunction(newWindow, undefined, { timeout: this.o.timeoutMs, polling: 25 });
    const value = (await handle.jsonValue()) as { title: string } | { message: string };
    await handle.dispose();
    if ('message' in value) throw new Error(`${what}: панель ответила сообщением «${value.message}»`);
    return value.title;
  }

  /** Closes the windows the survey opened (topmost first) by their «Закрыть»/«Отмена», else as closeWindow does (Esc, the close tool). */
  private async closeAll(page: Page, driver: PanelDriver): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const s = await snapshot(page, this.marks());
      if (s.message) await driver.dismiss();
      const top = await page.evaluate(() => {
        const Ext = (globalThis as unknown as { Ext?: any }).Ext;
        if (!Ext || !Ext.ComponentQuery) return null;
        const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && !w.destroyed && !(w instanceof Ext.window.MessageBox) && !(Ext.window.Toast && w instanceof Ext.window.Toast));
        const w = wins[wins.length - 1];
        if (!w) return null;
        const div = document.createElement('div');
        div.innerHTML = String(w.getTitle() ?? '');
        return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
      });
      if (top === null) return;
      const win = driver.window(top).last();
      const texts = [this.t.cancel, this.t.close];
      let closed = false;
      for (const text of texts) {
        const b = button(win, text);
        if ((await b.count()) > 0) {
          await driver.act(() => b.first().click(driver.wait), { windowGone: top }, `closing «${top}»`);
          closed = true;
          break;
        }
      }
      if (!closed) await driver.closeWindow(top, this.t.close);
    }
  }

  // ---- public site ----

  /** Step 9: the registration and login pages, the site's own texts, municipalities, captcha. */
  async site(page: Page): Promise<void> {
    const s = this.findings.site;
    const pt = this.work.publicTexts;
    try {
      const forms = await surveyPublicForms(
        page,
        { texts: pt, paths: this.work.publicPaths, timeoutMs: this.o.timeoutMs, open: (p) => this.openPublic(page, p), shot: (name) => this.shot(page, name) },
        (s.structure ??= emptyStructure()),
      );
      s.register = forms.register;
      s.login = forms.login;
    } catch (e) {
      this.fail('публичный сайт', e);
    }
    const reg = s.register;
    if (reg) {
      if (reg.status !== null && reg.status >= 400) {
        this.findings.errors.push({ stage: 'публичный сайт', message: `страница регистрации ${reg.url} ответила HTTP ${reg.status}: проверьте publicPaths.register в профиле`, unreachable: reg.status >= 500 });
      }
      const where = 'форма регистрации';
      const labels = reg.labels.map((l) => l.text);
      const cands: Candidate[] = reg.labels.map((l) => ({ text: l.text, kind: l.kind }));
      const taken = new Set<string>();
      const keys = [
        ['municipality', 'select'],
        ['lastName', 'text'],
        ['firstName', 'text'],
        ['patronymic', 'text'],
        ['phone', 'tel'],
        ['email', 'email'],
        ['password', 'password'],
        ['consent', 'checkbox'],
      ] as const;
      // First what matches as it is (so that candidates exclude those labels), then the rest.
      const results = new Map<string, TextFinding>();
      for (const [key] of keys) {
        const f = compareContains({ key: `publicTexts.${key}`, where, expected: pt[key] }, labels, () => null);
        if (f.status === 'same' || f.status === 'spelling') {
          results.set(key, f);
          taken.add(squash(f.found));
        }
      }
      for (const [key, kind] of keys) {
        const f = results.get(key) ?? compareContains({ key: `publicTexts.${key}`, where, expected: pt[key] }, labels, () => pickCandidate(pt[key], cands, { kind, taken }));
        if (f.status === 'renamed' && f.found) taken.add(f.found);
        this.text(f);
      }
      // The captcha: a checkbox «Я не робот», a widget in an iframe, or the vendor's captchaSiteKey.
      const box = reg.labels.find((l) => l.kind === 'checkbox' && (fold(l.text).includes(fold(pt.captcha)) || fold(l.text).includes('робот')));
      s.captcha.checkbox = box?.text ?? null;
      const frame = reg.iframes.find((f) => /captcha|капч|робот/i.test(`${f.src} ${f.title}`));
      s.captcha.widget = frame ? frame.title || frame.src : null;
      if (box) this.text(compareContains({ key: 'publicTexts.captcha', where, expected: pt.captcha }, [box.text], () => box.text));
      const submits = reg.buttons.filter((b) => b.kind === 'submit').map((b) => ({ text: b.text, kind: b.kind }));
      this.text(
        compareContains({ key: 'publicTexts.submitRegister', where, expected: pt.submitRegister }, reg.buttons.map((b) => b.text), () =>
          submits.length === 1 ? submits[0]!.text : pickCandidate(pt.submitRegister, submits, { contains: ['регистр'] }),
        ),
      );
      const muni = results.get('municipality') ?? this.findings.texts.find((x) => x.key === 'publicTexts.municipality');
      const select = reg.selects.find((x) => muni?.found && fold(x.label).includes(fold(muni.found))) ?? (reg.selects.length === 1 ? reg.selects[0] : undefined);
      s.municipalities = select ? select.options : null;
      s.emailConfirmation = mentionsConfirmation(reg.text);
    }
    const login = s.login;
    if (login) {
      const where = 'форма входа на сайт';
      const labels = login.labels.map((l) => l.text);
      const cands: Candidate[] = login.labels.map((l) => ({ text: l.text, kind: l.kind }));
      this.text(compareContains({ key: 'publicTexts.loginEmail', where, expected: pt.loginEmail }, labels, () => pickCandidate(pt.loginEmail, cands, { kind: 'email' })));
      this.text(compareContains({ key: 'publicTexts.loginPassword', where, expected: pt.loginPassword }, labels, () => pickCandidate(pt.loginPassword, cands, { kind: 'password' })));
      const submits = login.buttons.filter((b) => b.kind === 'submit');
      this.text(
        compareContains({ key: 'publicTexts.submitLogin', where, expected: pt.submitLogin }, login.buttons.map((b) => b.text), () =>
          submits.length === 1 ? submits[0]!.text : pickCandidate(pt.submitLogin, submits, { contains: ['вой', 'вход'] }),
        ),
      );
      s.emailConfirmation ??= mentionsConfirmation(login.text);
    }
    try {
      const res = await page.request.get(new URL('/api/config', this.o.publicUrl).toString(), { timeout: this.o.timeoutMs, failOnStatusCode: false });
      const body = res.ok() ? ((await res.json().catch(() => null)) as { data?: { captchaSiteKey?: unknown }; captchaSiteKey?: unknown } | null) : null;
      const key = body?.data?.captchaSiteKey ?? body?.captchaSiteKey;
      s.captcha.siteKey = typeof key === 'string' && key !== '' ? key : null;
    } catch {
      s.captcha.siteKey = null;
    }
    await this.cabinet(page);
    // Texts shown only after a login or a save: looked for in what the site sent.
    await Promise.all(this.pendingSources);
    const sources = [...this.sources, ...this.pageSources];
    const where = 'кабинет и сообщения сайта';
    for (const key of [
      'cabinet',
      'childrenTab',
      'childLastName',
      'childFirstName',
      'childPatronymic',
      'childBirthDate',
      'childSex',
      'male',
      'female',
      'addChild',
      'save',
      'logout',
      'emailTaken',
      'confirmEmail',
      'childSaved',
    ] as const) {
      this.text(
        sources.length > 0
          ? scanSources({ key: `publicTexts.${key}`, where, expected: pt[key] }, sources)
          : unchecked({ key: `publicTexts.${key}`, where, expected: pt[key] }, 'страницы сайта не прочитаны'),
      );
    }
  }

  private readonly pageSources: string[] = [];

  /** With a sample and its password: the cabinet's «ДЕТИ» tab (a login is the only write). */
  private async cabinet(page: Page): Promise<void> {
    const st = (this.findings.site.structure ??= emptyStructure());
    for (const k of ['forms', 'fieldsBy', 'municipality'] as const) if (st[k] !== null) (this.work.publicStructure as Record<string, unknown>)[k] = st[k];
    if (!this.o.sample) return void st.notes.push(`вкладка «${this.work.publicTexts.childrenTab}» не осмотрена: нужен navbot doctor --sample EMAIL`);
    if (!this.o.samplePassword) return void st.notes.push(`вкладка «${this.work.publicTexts.childrenTab}» не осмотрена: не задан NAVBOT_SAMPLE_PASSWORD (пароль кабинета заглушки ${this.o.sample})`);
    try {
      await surveyChildrenTab(page, { baseUrl: this.o.publicUrl, profile: this.work, timeoutMs: this.o.timeoutMs, email: this.o.sample, password: this.o.samplePassword, shot: (name) => this.shot(page, name) }, st);
      if (st.children) this.work.publicStructure.children = st.children;
    } catch (e) {
      this.fail('кабинет заглушки на сайте', e);
    }
  }

  private async openPublic(page: Page, relative: string): Promise<PageInfo> {
    const url = new URL(relative, this.o.publicUrl).toString();
    const res = await page.goto(url, { waitUntil: 'load', timeout: this.o.timeoutMs });
    if (res && res.status() >= 500) throw new Error(`публичный сайт ответил ошибкой HTTP ${res.status()} (${url})`);
    const info = await page.evaluate(publicPageInfo);
    this.pageSources.push(await page.content());
    return { url, status: res?.status() ?? null, ...info };
  }

  /** The page of `name` failed and what it means (the caller decides how to report). */
  failed(stage: string, e: unknown): void {
    this.fail(stage, e);
  }
}

/** A notice about confirming the e-mail on a page a person reads, if any. */
function mentionsConfirmation(text: string): string | null {
  const sentence = text.split(/(?<=[.!?])\s+/).find((s) => /подтверд/i.test(s) && /(e-?mail|почт)/i.test(s));
  return sentence ? squash(sentence) : null;
}

/** The login POST's answer: its shape, the session it gives, how long, with which rights. */
async function readLoginAnswer(response: Response): Promise<LoginAnswer> {
  const status = response.status();
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const keys: string[] = [];
  const data = body && typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : null;
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      keys.push(k);
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) keys.push(`${k}.${k2}`);
    }
  }
  const src = data ?? body ?? {};
  const cookie = (await response.headerValue('set-cookie').catch(() => null)) ?? null;
  const bearer = typeof src.access_token === 'string';
  const session: LoginAnswer['session'] = bearer ? 'bearer' : cookie ? 'cookie' : 'unknown';
  const exp = src.expired_at ?? src.expires_at ?? src.expiresAt ?? null;
  const expiresAt = typeof exp === 'string' || typeof exp === 'number' ? String(exp) : null;
  let lifetimeSec: number | null = null;
  const dateHeader = await response.headerValue('date').catch(() => null);
  const now = dateHeader ? Date.parse(dateHeader) : Date.now();
  if (typeof src.expires_in === 'number') lifetimeSec = src.expires_in;
  else if (expiresAt !== null) {
    const at = /^\d+$/.test(expiresAt) ? Number(expiresAt) * (expiresAt.length <= 10 ? 1000 : 1) : Date.parse(expiresAt);
    if (Number.isFinite(at)) lifetimeSec = Math.round((at - (Number.isFinite(now) ? now : Date.now())) / 1000);
  }
  const rawPerms = src.perms ?? src.permissions ?? (src.user as Record<string, unknown> | undefined)?.perms ?? null;
  const perms = Array.isArray(rawPerms) ? rawPerms.map((p) => (typeof p === 'string' ? p : String((p as { name?: unknown })?.name ?? JSON.stringify(p)))) : null;
  return { status, keys, session, expiresAt, lifetimeSec, perms };
}
