// Small helpers for pages built on Sencha Ext JS (classic toolkit). Selectors use what a person
// sees (roles, labels, texts, titles) or Ext.ComponentQuery through page.evaluate; never the
// ids Ext generates (a component name plus a counter), which change between loads. Waits are for
// states, never for time.
import type { Locator, Page } from 'playwright';
import { soon } from './soon.js';
import { POLL_MS, type Data } from './ext-grid.js';

export * from './ext-grid.js';

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

/**
 * Runs in the page: a snapshot of the panel; with an expectation, returns false until the panel
 * is idle and the expectation holds (or a login view / message box shows up).
 */
function panelSnapshot(args: Args): PanelSnapshot | false {
  type Answer = { n: number; method: string; url: string; status: number; text: string };
  const w = globalThis as unknown as { Ext?: any; __navbotProbe?: { started: number; failures: number[]; failedAt: number; writes: number; answers: Answer[] } };
  const Ext = w.Ext;
  const shown = (el: Element | null | undefined): boolean => {
    if (!el) return false;
    const rects = el.getClientRects();
    return rects.length > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const empty: PanelSnapshot = { ext: false, busy: true, login: false, menu: false, message: null, windows: [], started: 0, failures: [], failedAt: 0, writes: 0 };
  if (!Ext || !Ext.isReady || !Ext.ComponentQuery) return args.expect ? false : empty;
  if (!w.__navbotProbe) {
    const probe = { started: 0, failures: [] as number[], failedAt: 0, writes: 0, answers: [] as Answer[] };
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
      if (probe.answers.length > args.keep) probe.answers.shift();
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
  }
  const probe = w.__navbotProbe;
  let busy = !Ext.Object.isEmpty(Ext.Ajax.requests || {}) || Ext.Ajax.isLoading();
  if (!busy) for (const m of Array.from(document.querySelectorAll('.x-mask-msg'))) if (shown(m)) busy = true;
  if (!busy) {
    for (const c of Ext.ComponentQuery.query('tablepanel, combobox')) {
      const store = c.getStore && c.getStore();
      if (store && store.isLoading && store.isLoading()) busy = true;
    }
  }
  // A wait ends only on an idle panel: while busy, skip the reads below (they force layout, and
  // this runs every 10 ms in every worker's page).
  if (busy && args.expect) return false;
  const text = (el: Element | null) => (el ? (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim() : '');
  // Texts compared as a person reads them: ё = е, case and spaces folded (see fold()).
  const f = (s: unknown) => String(s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
  let message: MessageSnapshot | null = null;
  let login = false;
  let menu = false;
  const windows: string[] = [];
  const dialogs = (args.marks.dialogs ?? []).map(f);
  let top: { title: string; text: string } | undefined;
  let topWin: any = null;
  const buttonsOf = (win: any) => (win.query('button') as any[]).filter((b) => b.isVisible()).map((b) => String(b.getText() || '').replace(/&#160;/g, '').trim());
  for (const win of Ext.ComponentQuery.query('window')) {
    if (!win.isVisible() || !win.el || win.destroyed) continue;
    if (win instanceof Ext.window.MessageBox) {
      message = { title: String(win.getTitle() || ''), text: text(win.el.dom.querySelector('.x-window-text')), buttons: buttonsOf(win) };
    } else if (dialogs.includes(f(win.getTitle()))) {
      // A window the profile names as the panel's question or refusal: a message box by another build.
      message = { title: String(win.getTitle() || ''), text: text(win.body ? win.body.dom : null), buttons: buttonsOf(win) };
    } else if (!(Ext.window.Toast && win instanceof Ext.window.Toast)) {
      windows.push(f(win.getTitle()));
      topWin = win;
    }
  }
  // The window in front, with its text (plain snapshots only: innerText forces a layout).
  if (args.top && topWin) top = { title: String(topWin.getTitle() || ''), text: text(topWin.body ? topWin.body.dom : null).slice(0, 300) };
  for (const b of Ext.ComponentQuery.query('button')) {
    // The login view, or a login window over whatever was open (panels that ask again when their
    // token expires): a visible login button in a form with the login e-mail field.
    if (b.isVisible(true) && f(b.getText()) === f(args.marks.loginButton) && !(Ext.window.MessageBox && b.up('messagebox'))) {
      const form = b.up('form') || b.up('panel');
      const email = form && (form.query('textfield') as any[]).find((field) => f(field.emptyText) === f(args.marks.loginEmail));
      if (email) login = true;
    }
  }
  // The menu is read only when asked for (innerText forces a layout).
  if (!args.expect || args.expect.menu) {
    const button = f(args.marks.menuButton);
    for (const el of Array.from(document.querySelectorAll('.x-tree-node-text, .x-treelist-item-text, .x-menu-item-text, .x-btn-inner'))) {
      const t = f(text(el));
      // The menu item itself, or (a desktop) the start button that opens the menu holding it.
      if ((t === f(args.marks.menuItem) || (button !== '' && t === button && el.classList.contains('x-btn-inner'))) && shown(el)) menu = true;
    }
  }
  const snap: PanelSnapshot = { ext: true, busy, login, menu, message, windows, ...(top ? { top } : {}), started: probe.started, failures: [...probe.failures], failedAt: probe.failedAt, writes: probe.writes };
  const e = args.expect;
  if (!e) return snap;
  if (login || message) return busy ? false : snap;
  if (busy) return false;
  if (e.requestAfter !== undefined && probe.started <= e.requestAfter) return false;
  if (e.windowShown !== undefined && !windows.includes(f(e.windowShown))) return false;
  if (e.windowGone !== undefined && windows.includes(f(e.windowGone))) return false;
  if (e.menu && !menu) return false;
  return snap;
}

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

/** No visible load mask, no Ext.Ajax request in flight, no grid or combo store loading. */
export async function waitIdle(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const Ext = (globalThis as unknown as { Ext?: any }).Ext;
      if (!Ext || !Ext.isReady || !Ext.Ajax) return false;
      if (!Ext.Object.isEmpty(Ext.Ajax.requests || {}) || Ext.Ajax.isLoading()) return false;
      for (const m of Array.from(document.querySelectorAll('.x-mask-msg'))) {
        if (m.getClientRects().length > 0 && getComputedStyle(m).visibility !== 'hidden') return false;
      }
      for (const c of Ext.ComponentQuery.query('tablepanel, combobox')) {
        const store = c.getStore && c.getStore();
        if (store && store.isLoading && store.isLoading()) return false;
      }
      return true;
    },
    undefined,
    { timeout: timeoutMs, polling: POLL_MS },
  );
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Texts as regions spell them differently: ё = е, case and runs of spaces do not matter
 * («Сертификат учёта» is «Сертификат учета»). Used for every comparison of a text on screen.
 */
export const fold = (s: unknown) => String(s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');

/** Whether two texts are the same text for a person (see fold). */
export const sameText = (a: unknown, b: unknown) => fold(a) === fold(b);

/** Matches a whole text, ignoring surrounding spaces, case, ё/е and how spaces run inside. */
export const exactly = (text: string) =>
  new RegExp(
    `^\\s*${text
      .trim()
      .split(/\s+/)
      .map((w) => escapeRe(w).replace(/[её]/gi, '[её]'))
      .join('\\s+')}\\s*$`,
    'iu',
  );

/** A label as written, without the decorations Ext and regions add: «Имя *:» → «Имя». */
export const normalizeLabel = (label: string) => label.replace(/[\s:*]+$/u, '').replace(/\s+/g, ' ').trim();

/** A visible Ext window by its exact title. */
export function window(page: Page, titleText: string): Locator {
  return page
    .locator('.x-window')
    .filter({ has: page.locator('.x-window-header .x-title-text', { hasText: exactly(titleText) }) })
    .filter({ visible: true });
}

/** An Ext button (a.x-btn, role button) with this exact text inside `scope`. */
export function button(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('button', { name: exactly(text) }).filter({ visible: true });
}

/**
 * Picks `itemText` in the combo labelled `fieldLabel` inside `scope`: opens the picker like a
 * person, clicks the visible `li.x-boundlist-item` with exactly that text, and checks the field.
 */
export async function pickCombo(page: Page, scope: Locator, fieldLabel: string, itemText: string, timeoutMs: number): Promise<void> {
  const input = scope.getByRole('combobox', { name: normalizeLabel(fieldLabel) }).filter({ visible: true }).first();
  await input.click({ timeout: timeoutMs });
  if ((await input.getAttribute('aria-expanded')) !== 'true') await input.press('ArrowDown');
  const item = page
    .locator('.x-boundlist')
    .filter({ visible: true })
    .locator('li.x-boundlist-item', { hasText: exactly(itemText) })
    .first();
  // The list comes with the combo's store load (an answer of the panel): seen as it arrives.
  await soon(page, item, timeoutMs);
  await item.click({ timeout: timeoutMs });
  const el = await input.elementHandle({ timeout: timeoutMs });
  await page.waitForFunction(
    ({ field, expected }) => {
      const f = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
      return f((field as HTMLInputElement).value) === f(expected) && (field as HTMLInputElement).getAttribute('aria-expanded') !== 'true';
    },
    { field: el, expected: itemText },
    { timeout: timeoutMs, polling: POLL_MS },
  );
  await el?.dispose();
}

export interface FieldQuery {
  windowTitle: string;
  fieldLabel: string;
  /** Title of a fieldset or panel inside the window the field belongs to. */
  within?: string;
}

/** Reads a field's value through ComponentQuery: shown text for text/combo/date/display fields, boolean for checkboxes. */
async function readComponent(page: Page, q: FieldQuery): Promise<string | boolean | null> {
  return page.evaluate((query) => {
    const Ext = (globalThis as unknown as { Ext: any }).Ext;
    const norm = (s: unknown) => String(s ?? '').replace(/[\s:*]+$/u, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
    const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && norm(w.getTitle()) === norm(query.windowTitle));
    const win = wins[wins.length - 1];
    if (!win) return null;
    let fields = (win.query('field') as any[]).filter((f) => norm(f.getFieldLabel ? f.getFieldLabel() : f.fieldLabel) === norm(query.fieldLabel));
    if (query.within) fields = fields.filter((f) => f.up(`fieldset[title="${query.within}"], panel[title="${query.within}"]`));
    const field = fields.find((f) => f.isVisible(true)) ?? fields[0];
    if (!field) return null;
    if (field.isCheckbox) return Boolean(field.getValue());
    const raw = field.getRawValue ? field.getRawValue() : field.getValue();
    const div = document.createElement('div');
    div.innerHTML = String(raw ?? '');
    return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
  }, q);
}

/** The text a field shows ('' when empty); null when there is no such field. */
export async function readField(page: Page, windowTitle: string, fieldLabel: string, within?: string): Promise<string | null> {
  const v = await readComponent(page, { windowTitle, fieldLabel, ...(within ? { within } : {}) });
  return v === null ? null : String(v);
}

/** A checkbox's state; null when there is no such checkbox. */
export async function readCheckbox(page: Page, windowTitle: string, fieldLabel: string): Promise<boolean | null> {
  const v = await readComponent(page, { windowTitle, fieldLabel });
  return typeof v === 'boolean' ? v : null;
}

/**
 * The visible message box, if any: an Ext.Msg box, or a window titled by one of `dialogs` (the
 * panel's own question and error windows, named by the profile's adminStructure).
 */
export function messageBox(page: Page, dialogs: readonly string[] = []) {
  let box = page.locator('.x-message-box').filter({ visible: true });
  for (const title of dialogs) box = box.or(window(page, title).filter({ visible: true }));
  box = box.last();
  return {
    locator: box,
    isVisible: async () => (await box.count()) > 0,
    title: async () => (await box.locator('.x-window-header .x-title-text').first().innerText()).trim(),
    text: async () => {
      const msg = box.locator('.x-window-text');
      return (await (await msg.count()) > 0 ? msg : box.locator('.x-window-body')).first().innerText().then((t) => t.replace(/\s+/g, ' ').trim());
    },
    /** Clicks a button by its text (the locale's «Да», «Нет», «OK», «Отмена») and waits for the box to go. */
    click: async (text: string, timeoutMs: number) => {
      await button(box, text).click({ timeout: timeoutMs });
      await box.waitFor({ state: 'hidden', timeout: timeoutMs });
    },
  };
}

// ---- What the panel itself loaded (NAVIGATOR.md: prefer records and JSON answers to text) ----


/** The record loaded into a form of the visible window `windowTitle` (the topmost such window). */
export async function readFormRecord(page: Page, windowTitle: string): Promise<Data | null> {
  return page.evaluate((title) => {
    const Ext = (globalThis as unknown as { Ext: any }).Ext;
    const norm = (s: unknown) => String(s ?? '').replace(/[\s:*]+$/u, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
    const wins = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible() && norm(w.getTitle()) === norm(title));
    const win = wins[wins.length - 1];
    if (!win) return null;
    const plain = (d: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v instanceof Date ? Ext.Date.format(v, 'Y-m-d') : v]));
    for (const form of win.query('form') as any[]) {
      const record = form.getForm().getRecord();
      if (record) return JSON.parse(JSON.stringify(plain(record.getData())));
    }
    return null;
  }, windowTitle);
}

/**
 * The panel's answers to its writes after the `since`-th one (PanelSnapshot.writes), oldest
 * first: what the server said it did (the vendor's envelope, parsed). Only the last few are kept.
 */
export async function readAnswers(page: Page, since: number): Promise<WriteAnswer[]> {
  return page.evaluate((after) => {
    const probe = (globalThis as unknown as { __navbotProbe?: { answers: Array<{ n: number; method: string; url: string; status: number; text: string }> } }).__navbotProbe;
    return (probe?.answers ?? [])
      .filter((a) => a.n > after)
      .map((a) => {
        let body: unknown = null;
        try {
          body = a.text ? JSON.parse(a.text) : null;
        } catch {
          body = null;
        }
        return { n: a.n, method: a.method, url: a.url, status: a.status, body };
      });
  }, since);
}

/**
 * A request to the panel's own endpoint through the panel's own Ext.Ajax (so with its session,
 * cookie or token, exactly as the panel sends it): the reads of certificates (a GET list, the
 * per-event POST check). Returns the status and parsed body.
 */
export async function panelAjax(page: Page, method: 'GET' | 'POST', url: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    ({ url: u, m, timeout }) =>
      new Promise<{ status: number; body: unknown }>((resolve) => {
        const Ext = (globalThis as unknown as { Ext: any }).Ext;
        Ext.Ajax.request({
          url: u,
          method: m,
          timeout,
          callback: (_o: unknown, _ok: boolean, response: { status?: number; responseText?: string } | undefined) => {
            let body: unknown = null;
            try {
              body = response?.responseText ? JSON.parse(response.responseText) : null;
            } catch {
              body = null;
            }
            resolve({ status: response?.status ?? 0, body });
          },
        });
      }),
    { url, m: method, timeout: timeoutMs },
  );
}
