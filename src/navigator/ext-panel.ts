// The Ext panel's state as one read (panel snapshot: windows, the message box, the login view,
// the main menu, loads in flight, the panel's own write answers) and the waits built on it (idle,
// an expected outcome). Split from ext.ts, which re-exports it so every import stays. Waits are
// for states, never for time.
import type { Page } from 'playwright';
import { inPage, type TextKit } from './in-page.js';
import { POLL_MS } from './ext-grid.js';
/** The text kit inside in-page functions (in-page.ts: `inPage` sends it with them). */
declare const kit: TextKit;

/** A message box (Ext.Msg) as a person sees it. */
export interface MessageSnapshot {
  title: string;
  text: string;
  buttons: string[];
}

/** What the panel shows now, read in one go. */
export interface PanelSnapshot {
  ext: boolean;
  busy: boolean;
  login: boolean;
  menu: boolean;
  message: MessageSnapshot | null;
  /** Titles of the visible windows (message boxes, dialog windows and toasts excluded), bottom to top. */
  windows: string[];
  /** The topmost window's title and text (snapshotWithin only: to say what appeared instead). */
  top?: { title: string; text: string };
  /** Ext.Ajax requests started / failed (HTTP status; 0 = no answer) since the probe was installed. */
  started: number;
  failures: number[];
  /**
   * When (Date.now(), the same clock as navbot's) the last Ext.Ajax request failed other than with
   * 401 (a 5xx, a 4xx, no answer); 0 when none did. A wait that timed out after such a failure is
   * the Navigator's fault, never a missing element.
   */
  failedAt: number;
  /** Writes (requests other than GET) answered since the probe was installed: see readAnswers. */
  writes: number;
}

/** Texts the snapshot needs to recognise the login view and the main menu. */
export interface PanelMarks {
  loginButton: string;
  loginEmail: string;
  menuItem: string;
  /** A button that opens the menu holding `menuItem` (a desktop's start button); '' for none. */
  menuButton?: string;
  /** Titles of the panel's own windows that ask or refuse (profile adminStructure): read as message boxes. */
  dialogs?: string[];
}

/** What an action waits for once the panel is idle (a login view or a message box always ends the wait). */
export interface Expectation {
  windowShown?: string;
  windowGone?: string;
  menu?: boolean;
  /** The action must have started at least one request (compared with `started`). */
  requestAfter?: number;
}

type Args = { marks: PanelMarks; expect: Expectation | null; keep: number; top?: boolean };

/** The panel's answer to one of its writes, as its own Ext.Ajax received it. */
export interface WriteAnswer {
  /** Sequence number (1, 2, …) among the page's answered writes. */
  n: number;
  method: string;
  url: string;
  status: number;
  /** The parsed JSON body, or null when it was not JSON (or there was no answer). */
  body: unknown;
}


/** How many write answers a page keeps for readAnswers (the last few actions need them). */
const KEPT_ANSWERS = 8;

/** The in-page probe's record of the panel's requests (see PanelSnapshot's counters and readAnswers). */
type ProbeAnswer = { n: number; method: string; url: string; status: number; text: string };
type Probe = { started: number; failures: number[]; failedAt: number; writes: number; answers: ProbeAnswer[] };
type ProbeHost = { Ext?: any; __navbotProbe?: Probe };

/** In the page: an element a person sees (laid out, not hidden). */
function shownInPage(el: Element | null | undefined): boolean {
  if (!el) return false;
  const rects = el.getClientRects();
  return rects.length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** In the page: an element's text as shown, runs of spaces as one. */
function textInPage(el: Element | null): string {
  return el ? (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim() : '';
}

/**
 * In the page: the probe on the panel's Ext.Ajax, installed on the first call (it counts requests
 * started and failed, and keeps the last `keep` answers to the panel's writes).
 */
function probeInPage(keep: number): Probe {
  const w = globalThis as unknown as ProbeHost;
  if (w.__navbotProbe) return w.__navbotProbe;
  const Ext = w.Ext;
  const probe: Probe = { started: 0, failures: [], failedAt: 0, writes: 0, answers: [] };
  w.__navbotProbe = probe;
  // The answers to the panel's writes (a save, a confirmation, a certificate): what the server
  // said it did, read later by readAnswers. Reads (GET: store loads, cards) are not kept.
  const answered = (response: { status?: number; responseText?: string } | undefined, options: any) => {
    const o = options || {};
    const method = String(o.method || (o.jsonData || o.params || o.rawData || o.xmlData ? 'POST' : 'GET')).toUpperCase();
    if (method === 'GET') return;
    probe.writes++;
    const text = response && typeof response.responseText === 'string' ? response.responseText : '';
    probe.answers.push({ n: probe.writes, method, url: String(o.url || ''), status: response && typeof response.status === 'number' ? response.status : 0, text: text.length > 200_000 ? '' : text });
    if (probe.answers.length > keep) probe.answers.shift();
  };
  Ext.Ajax.on('beforerequest', () => {
    probe.started++;
  });
  Ext.Ajax.on('requestcomplete', (_c: unknown, response: { status?: number; responseText?: string } | undefined, options: unknown) => answered(response, options));
  Ext.Ajax.on('requestexception', (_c: unknown, response: { status?: number; responseText?: string } | undefined, options: unknown) => {
    const status = response && typeof response.status === 'number' ? response.status : 0;
    probe.failures.push(status);
    if (status !== 401) probe.failedAt = Date.now();
    answered(response, options);
  });
  return probe;
}

/** In the page: an Ext.Ajax request in flight, a load mask shown, or a grid or combo store loading. */
function panelBusyInPage(Ext: any): boolean {
  if (!Ext.Object.isEmpty(Ext.Ajax.requests || {}) || Ext.Ajax.isLoading()) return true;
  for (const m of Array.from(document.querySelectorAll('.x-mask-msg'))) if (shownInPage(m)) return true;
  for (const c of Ext.ComponentQuery.query('tablepanel, combobox')) {
    const store = c.getStore && c.getStore();
    if (store && store.isLoading && store.isLoading()) return true;
  }
  return false;
}

/**
 * In the page: the visible windows — a message box (Ext.Msg, or a window the profile names as the
 * panel's question or refusal), the others' folded titles bottom to top, and with `wantTop` the
 * window in front with its text (innerText forces a layout: plain snapshots only).
 */
function panelWindowsInPage(Ext: any, marks: PanelMarks, wantTop: boolean): { message: MessageSnapshot | null; windows: string[]; top?: { title: string; text: string } } {
  // Texts compared as a person reads them: ё = е, case and spaces folded (see fold()).
  const f = kit.fold;
  let message: MessageSnapshot | null = null;
  const windows: string[] = [];
  const dialogs = (marks.dialogs ?? []).map(f);
  let topWin: any = null;
  const buttonsOf = (win: any) => (win.query('button') as any[]).filter((b) => b.isVisible()).map((b) => String(b.getText() || '').replace(/&#160;/g, '').trim());
  for (const win of Ext.ComponentQuery.query('window')) {
    if (!win.isVisible() || !win.el || win.destroyed) continue;
    if (win instanceof Ext.window.MessageBox) {
      message = { title: String(win.getTitle() || ''), text: textInPage(win.el.dom.querySelector('.x-window-text')), buttons: buttonsOf(win) };
    } else if (dialogs.includes(f(win.getTitle()))) {
      // A window the profile names as the panel's question or refusal: a message box by another build.
      message = { title: String(win.getTitle() || ''), text: textInPage(win.body ? win.body.dom : null), buttons: buttonsOf(win) };
    } else if (!(Ext.window.Toast && win instanceof Ext.window.Toast)) {
      windows.push(f(win.getTitle()));
      topWin = win;
    }
  }
  if (!wantTop || !topWin) return { message, windows };
  return { message, windows, top: { title: String(topWin.getTitle() || ''), text: textInPage(topWin.body ? topWin.body.dom : null).slice(0, 300) } };
}

/**
 * In the page: the login view, or a login window over whatever was open (panels that ask again
 * when their token expires): a visible login button in a form with the login e-mail field.
 */
function loginShownInPage(Ext: any, marks: PanelMarks): boolean {
  const f = kit.fold;
  let login = false;
  for (const b of Ext.ComponentQuery.query('button')) {
    if (b.isVisible(true) && f(b.getText()) === f(marks.loginButton) && !(Ext.window.MessageBox && b.up('messagebox'))) {
      const form = b.up('form') || b.up('panel');
      const email = form && (form.query('textfield') as any[]).find((field) => f(field.emptyText) === f(marks.loginEmail));
      if (email) login = true;
    }
  }
  return login;
}

/** In the page: the menu item shown, or (a desktop) the start button that opens the menu holding it. */
function menuShownInPage(marks: PanelMarks): boolean {
  const f = kit.fold;
  const button = f(marks.menuButton);
  let menu = false;
  for (const el of Array.from(document.querySelectorAll('.x-tree-node-text, .x-treelist-item-text, .x-menu-item-text, .x-btn-inner'))) {
    const t = f(textInPage(el));
    if ((t === f(marks.menuItem) || (button !== '' && t === button && el.classList.contains('x-btn-inner'))) && shownInPage(el)) menu = true;
  }
  return menu;
}

/**
 * Runs in the page (with its helpers above, sent with it by `inPage`): a snapshot of the panel;
 * with an expectation, returns false until the panel is idle and the expectation holds (or a
 * login view / message box shows up).
 */
function panelSnapshotInPage(args: Args): PanelSnapshot | false {
  const Ext = (globalThis as unknown as ProbeHost).Ext;
  const empty: PanelSnapshot = { ext: false, busy: true, login: false, menu: false, message: null, windows: [], started: 0, failures: [], failedAt: 0, writes: 0 };
  if (!Ext || !Ext.isReady || !Ext.ComponentQuery) return args.expect ? false : empty;
  const probe = probeInPage(args.keep);
  const busy = panelBusyInPage(Ext);
  // A wait ends only on an idle panel: while busy, skip the reads below (they force layout, and
  // this runs every 10 ms in every worker's page).
  if (busy && args.expect) return false;
  const { message, windows, top } = panelWindowsInPage(Ext, args.marks, args.top === true);
  const login = loginShownInPage(Ext, args.marks);
  // The menu is read only when asked for (innerText forces a layout).
  const menu = !args.expect || args.expect.menu ? menuShownInPage(args.marks) : false;
  const snap: PanelSnapshot = { ext: true, busy, login, menu, message, windows, ...(top ? { top } : {}), started: probe.started, failures: [...probe.failures], failedAt: probe.failedAt, writes: probe.writes };
  const e = args.expect;
  if (!e) return snap;
  if (login || message) return busy ? false : snap;
  if (busy) return false;
  const f = kit.fold;
  if (e.requestAfter !== undefined && probe.started <= e.requestAfter) return false;
  if (e.windowShown !== undefined && !windows.includes(f(e.windowShown))) return false;
  if (e.windowGone !== undefined && windows.includes(f(e.windowGone))) return false;
  if (e.menu && !menu) return false;
  return snap;
}
const panelSnapshot = inPage(panelSnapshotInPage, { shownInPage, textInPage, probeInPage, panelBusyInPage, panelWindowsInPage, loginShownInPage, menuShownInPage });

/**
 * Asks the panel not to animate (Ext.enableFx = false: toasts, collapses and highlights appear
 * at once), as a person who turned animations off would see it. What the panel does and loads
 * stays the same; its renderer does less (measured: about a sixth of its CPU on the stand).
 */
export async function withoutAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const Ext = (globalThis as unknown as { Ext?: { enableFx?: boolean } }).Ext;
    if (Ext && Ext.enableFx !== false) Ext.enableFx = false;
  });
}

/** The panel's state now (no waiting). */
export async function snapshot(page: Page, marks: PanelMarks): Promise<PanelSnapshot> {
  const s = await page.evaluate(panelSnapshot, { marks, expect: null, keep: KEPT_ANSWERS });
  return s || { ext: false, busy: true, login: false, menu: false, message: null, windows: [], started: 0, failures: [], failedAt: 0, writes: 0 };
}

/**
 * The panel's state now, read within `timeoutMs`: a page that cannot run a script that long (a
 * renderer that hangs) gives undefined — it did not answer. Used to explain a wait that timed out.
 */
export async function snapshotWithin(page: Page, marks: PanelMarks, timeoutMs: number): Promise<PanelSnapshot | undefined> {
  try {
    const handle = await page.waitForFunction(panelSnapshot, { marks, expect: null, keep: KEPT_ANSWERS, top: true }, { timeout: timeoutMs });
    const value = (await handle.jsonValue()) as PanelSnapshot;
    void handle.dispose().catch(() => undefined);
    return value;
  } catch {
    return undefined;
  }
}

/** Waits until the panel is idle and `expect` holds, or a login view or message box appears. */
export async function waitOutcome(page: Page, marks: PanelMarks, expect: Expectation, timeoutMs: number): Promise<PanelSnapshot> {
  const handle = await page.waitForFunction(panelSnapshot, { marks, expect, keep: KEPT_ANSWERS }, { timeout: timeoutMs, polling: POLL_MS });
  const value = (await handle.jsonValue()) as PanelSnapshot;
  // Released in the background: nothing waits on it (one round trip less a wait).
  void handle.dispose().catch(() => undefined);
  return value;
}

/** In the page: Ext is ready and the panel is not busy (panelBusyInPage). */
const panelIdle = inPage(
  (_: undefined) => {
    const Ext = (globalThis as unknown as { Ext?: any }).Ext;
    if (!Ext || !Ext.isReady || !Ext.Ajax) return false;
    return !panelBusyInPage(Ext);
  },
  { shownInPage, panelBusyInPage },
);

/** No visible load mask, no Ext.Ajax request in flight, no grid or combo store loading. */
export async function waitIdle(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(panelIdle, undefined, { timeout: timeoutMs, polling: POLL_MS });
}
