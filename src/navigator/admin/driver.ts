// What every admin-panel page object shares: the page, the profile's texts, and `act` — do one
// thing a person does, wait for the panel's answer, and turn that answer into navbot's errors.
import type { Locator, Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { BusinessError, MissingElementError, SessionExpiredError, SystemError } from '../../core/errors.js';
import { button, fold, messageBox, readAnswers, snapshot, snapshotWithin, waitOutcome, window, type Expectation, type PanelMarks, type PanelSnapshot } from '../ext.js';
import { EXPLAIN_MS, firstMissing, isTimeout, soughtLocator, type Sought } from '../missing.js';

export type AdminTexts = Profile['adminTexts'];

/** Something an admin page object looks for (see missing.ts), given the panel's state. */
export type PanelSought = Sought<PanelSnapshot>;

/** Where a missing element was looked for, as staff read it: «На странице админ-панели нет …». */
const PAGE = 'админ-панели';

/**
 * A finished action: the panel's state afterwards; `message` set when a message box is open;
 * `writesBefore`: the panel's count of answered writes before the action (see `answer`).
 */
export type Outcome = PanelSnapshot & { writesBefore: number };

export class PanelDriver {
  readonly t: AdminTexts;
  readonly marks: PanelMarks;

  constructor(
    readonly page: Page,
    readonly profile: Profile,
    readonly timeoutMs: number,
  ) {
    this.t = profile.adminTexts;
    const st = profile.adminStructure;
    this.dialogs = [...st.questionWindows, ...st.refusalWindows];
    this.marks = { loginButton: this.t.loginButton, loginEmail: this.t.loginEmail, menuItem: this.t.menuSiteUsers, menuButton: st.menuButton, dialogs: this.dialogs };
  }

  /** Titles of the panel's own question and refusal windows (profile adminStructure): read as message boxes. */
  readonly dialogs: string[];

  /** The open message box or dialog window (see `dialogs`). */
  messageBox() {
    return messageBox(this.page, this.dialogs);
  }

  get wait() {
    return { timeout: this.timeoutMs };
  }


  snapshot(): Promise<PanelSnapshot> {
    return snapshot(this.page, this.marks);
  }

  window(title: string): Locator {
    return window(this.page, title);
  }

  button(scope: Locator, text: string): Locator {
    return button(scope, text);
  }

  /**
   * Runs `action` (a click, a key press) and waits until the panel is idle and `expect` holds, or
   * a login view or a message box shows up. A login view → SessionExpiredError; a failed request
   * (5xx, 429, no answer) → SystemError. A message box is left open for the caller to read. A
   * message box already open before the action → SystemError, unless the action `answers` it.
   */
  async act(
    action: () => Promise<void>,
    expect: Expectation & { request?: boolean; answers?: boolean },
    what: string,
    seen?: PanelSnapshot,
    sought: readonly PanelSought[] = [],
  ): Promise<Outcome> {
    // `seen`: the state the caller read just before (no other action since): not read again.
    const before = seen ?? (await this.snapshot());
    if (before.login) throw this.expired(what);
    const { request, answers, ...rest } = expect;
    if (before.message && !answers) {
      // A message no action of ours is waiting for: the panel showed it on its own, after the last
      // action had settled (a list it loaded late that failed, «Сервер вернул ошибку (500)»). It
      // is not the answer to `what`, and what is on screen may be incomplete: closed, and the step
      // tried again, reading everything anew.
      const text = await this.dismiss();
      throw new SystemError(`admin panel: a message was open before ${what}: «${text}»`);
    }
    // What the action uses (sought by the caller) and what its outcome must show: a timeout on a
    // settled panel without one of them is that element missing.
    const outcome = await this.guard(
      async () => {
        await action();
        return waitOutcome(this.page, this.marks, { ...rest, ...(request ? { requestAfter: before.started } : {}) }, this.timeoutMs);
      },
      what,
      [...sought, ...this.expected(rest)],
    );
    const failures = outcome.failures.slice(before.failures.length).filter((s) => s !== 401 && (s === 0 || s === 429 || s >= 500));
    if (outcome.login) throw this.expired(what);
    if (failures.length > 0) {
      const text = outcome.message ? await this.dismiss() : '';
      throw new SystemError(`admin panel: ${what} failed, HTTP ${failures.join(', ')}${text ? ` («${text}»)` : ''}`);
    }
    return { ...outcome, writesBefore: before.writes };
  }

  /**
   * What the server answered to the write an action made (a save, a confirmation, a certificate):
   * the record in the last successful answer's envelope (`data`), or the body itself when it has
   * no envelope. Undefined when the action wrote nothing or the answer said nothing readable.
   * `own`: only the answer to that request (method and path; another write after the click, such
   * as the panel's own POST reads, is not this action's answer).
   */
  async answer(outcome: Outcome, own?: { method: string; path: string }): Promise<Record<string, unknown> | undefined> {
    const answers = await readAnswers(this.page, outcome.writesBefore);
    for (const a of answers.reverse()) {
      if (own && !sameRequest(a, own)) continue;
      if (a.status < 200 || a.status >= 300 || !a.body || typeof a.body !== 'object') continue;
      const body = a.body as Record<string, unknown>;
      // Success is said, or at least not denied: no `success: false`, no `error`.
      if (body.success === false || (body.success !== true && 'error' in body && body.error !== null && body.error !== false && body.error !== '')) continue;
      const data = 'data' in body ? body.data : body;
      if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
    }
    return undefined;
  }

  /** Waits for the panel to settle without doing anything (same error rules as `act`). */
  settle(expect: Expectation, what: string): Promise<Outcome> {
    return this.act(async () => {}, expect, what);
  }

  /** What an expectation asks to see, as elements sought: the menu item, the window shown. */
  expected(expect: Expectation): PanelSought[] {
    return [
      ...(expect.menu ? [{ element: `пункта меню «${this.marks.menuItem}»`, present: (s: PanelSnapshot) => s.menu }] : []),
      ...(expect.windowShown !== undefined ? [{ element: `окна «${expect.windowShown}»`, present: (s: PanelSnapshot) => s.windows.includes(fold(expect.windowShown)) }] : []),
    ];
  }

  /** A locator a step looks for, named for staff («кнопки «Сохранить»»). */
  sought(element: string, locator: Locator): PanelSought {
    return soughtLocator(element, locator);
  }

  /**
   * Runs a step of a person's work; when it fails (a click that timed out, a field that never
   * answered) because the panel's token expired and its login window covers the screen, the
   * failure is a SessionExpiredError (log in again), not a fault of the Navigator. A wait that
   * timed out on a settled panel (Ext ready, no request in flight, no mask, no store loading, no
   * message) without one of the elements `sought` is a MissingElementError: the panel answered,
   * and what navbot looks for is not there (README, «A missing element is not a network fault»).
   */
  async guard<T>(step: () => Promise<T>, what: string, sought: readonly PanelSought[] = []): Promise<T> {
    const began = Date.now();
    try {
      return await step();
    } catch (error) {
      if (error instanceof SessionExpiredError || error instanceof MissingElementError) throw error;
      const s = await snapshotWithin(this.page, this.marks, EXPLAIN_MS);
      if (s?.login) throw Object.assign(this.expired(what), { cause: error });
      if (s && isTimeout(error)) await this.missing(s, sought, began, error);
      throw error;
    }
  }

  /**
   * A step on the login view (typing the e-mail, pressing «Войти»): as `guard`, except that the
   * login view is where the step is meant to be, not a sign of an expired session.
   */
  async onLoginView<T>(step: () => Promise<T>, sought: readonly PanelSought[]): Promise<T> {
    const began = Date.now();
    try {
      return await step();
    } catch (error) {
      if (!isTimeout(error)) throw error;
      const s = await snapshotWithin(this.page, this.marks, EXPLAIN_MS);
      if (s) await this.missing(s, sought, began, error, true);
      throw error;
    }
  }

  /**
   * Throws a MissingElementError when the panel `s` is settled and one of `sought` is not on it;
   * returns otherwise: the panel is busy or hung, or a request of its failed since `since` (a
   * list that a 5xx left empty lacks its item because the Navigator did not answer).
   */
  async missing(s: PanelSnapshot, sought: readonly PanelSought[], since: number, cause?: unknown, onLoginView = false): Promise<void> {
    if (sought.length === 0 || !s.ext || s.busy || s.message || (s.login && !onLoginView) || s.failedAt >= since) return;
    const element = await firstMissing(sought, s);
    // What is in front instead (a window the profile does not name): said with its title and text.
    const front = s.top ? ` (впереди окно «${s.top.title}»)` : '';
    if (element) throw new MissingElementError(element + front, PAGE, undefined, { cause });
  }

  /**
   * Something the panel shows once settled is not there (a grid's columns, a card's field): a
   * MissingElementError when the panel is settled, else a SystemError with `english` (the log's).
   */
  async absent(element: string, english: string, since: number): Promise<never> {
    const s = await snapshotWithin(this.page, this.marks, EXPLAIN_MS);
    if (s?.login) throw this.expired(english);
    if (s) await this.missing(s, [{ element, present: () => false }], since);
    throw new SystemError(english);
  }

  expired(what: string): SessionExpiredError {
    return new SessionExpiredError(`admin panel: the session expired (login view shown) during: ${what}`);
  }

  /** Reads the open message box and closes it with «OK» (or its only/last button). Returns its text. */
  async dismiss(): Promise<string> {
    const box = this.messageBox();
    if (!(await box.isVisible())) return '';
    const text = await box.text();
    const s = await this.snapshot();
    const buttons = s.message?.buttons ?? [];
    // An error window may close with «Закрыть» rather than «OK».
    const pick = [this.t.ok, this.t.no, this.t.close].find((b) => buttons.includes(b)) ?? buttons[buttons.length - 1];
    if (pick) await box.click(pick, this.timeoutMs);
    return text;
  }

  /**
   * After `what`, the window `expectedTop` must be in front again: a window the profile does not
   * name (neither a card nor adminStructure.questionWindows / refusalWindows) that appeared
   * instead of the outcome stops the row with its title and text — never a wait that times out.
   */
  async noStranger(outcome: PanelSnapshot, expectedTop: string, what: string): Promise<void> {
    const top = outcome.windows[outcome.windows.length - 1];
    if (top === undefined || top === fold(expectedTop)) return;
    const s = await snapshotWithin(this.page, this.marks, EXPLAIN_MS);
    const shown = s?.top ? `«${s.top.title}»${s.top.text ? ` с текстом «${s.top.text}»` : ''}` : `«${top}»`;
    throw new MissingElementError(
      `ответа на ${what} в окне «${expectedTop}»: вместо него открылось окно ${shown}, которого нет в профиле (adminStructure.questionWindows или refusalWindows)`,
      PAGE,
    );
  }

  /** A message box the panel showed instead of doing `what`: read, dismissed, thrown as a business refusal. */
  async refusal(what: string, action: string): Promise<never> {
    const text = await this.dismiss();
    throw new BusinessError(`Админ-панель отказала (${what}): «${text}»`, action);
  }

  /** Throws the right error when the window `title` is not on screen. */
  async requireWindow(title: string, what: string): Promise<Locator> {
    return (await this.requireWindowSeen(title, what)).win;
  }

  /** requireWindow, with the panel's state it read (for an `act` right after: see `seen`). */
  async requireWindowSeen(title: string, what: string): Promise<{ win: Locator; seen: PanelSnapshot }> {
    const s = await this.snapshot();
    if (s.login) throw this.expired(what);
    if (!s.windows.includes(fold(title))) throw new SystemError(`admin panel: window «${title}» is not open (${what})`);
    return { win: this.window(title), seen: s };
  }

  /**
   * Closes the window `title`; nothing when it is already closed. Esc first, as a person closes
   * the window in front of them: Ext closes a closable window on Esc at once, inside the key's
   * handling, so one look tells whether it went. Esc only on the topmost window and only when the
   * focus is inside it (a region's window that cannot take the focus would pass the key to another
   * window); otherwise, or where Esc did not close it (Ext's `onEsc: Ext.emptyFn`), its «Закрыть»
   * button, or the header's close tool where it has none.
   */
  async closeWindow(title: string, closeText: string): Promise<void> {
    const gone = (x: PanelSnapshot) => x.login || !x.windows.includes(fold(title));
    // A message on screen (left over, or the panel asking on closing: «close without saving?»)
    // is answered as dismiss() answers it, then the panel is looked at again.
    const settled = async (x: PanelSnapshot) => (x.message ? (await this.dismiss(), this.snapshot()) : x);
    const s = await settled(await this.snapshot());
    if (gone(s)) return;
    const win = this.window(title).last();
    if (s.windows[s.windows.length - 1] === fold(title) && (await this.focusInside(win))) {
      const after = await settled(await this.act(() => this.page.keyboard.press('Escape'), {}, `Esc on «${title}»`, s));
      if (gone(after)) {
        if (after.login || after.windows.join('\n') === s.windows.slice(0, -1).join('\n')) return;
        throw new SystemError(`admin panel: Esc on «${title}» changed other windows (${after.windows.join(', ')})`);
      }
    }
    const target = this.button(win, closeText).or(win.locator('.x-window-header .x-tool-close').filter({ visible: true })).last();
    await this.act(() => target.click(this.wait), { windowGone: title }, `closing «${title}»`);
  }

  /** Gives the window the focus, as a click on its empty part would; true when the focus is inside it. */
  private async focusInside(win: Locator): Promise<boolean> {
    return win
      .evaluate((el) => {
        (el as HTMLElement).focus();
        return el.contains(document.activeElement);
      }, undefined, this.wait)
      .catch(() => false);
  }

}

export const isoFromRu = (ru: string): string => {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(ru.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : ru.trim();
};

/** A record's flag as panels send it: true/false, 1/0, "1"/"0", "true"/"false". */
export function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || (typeof v === 'string' && /^(true|да|yes)$/i.test(v.trim()));
}

/** A write answer is to the request `own` names: same method, same path (query ignored; `{…}` any segment). */
export function sameRequest(a: { method: string; url: string }, own: { method: string; path: string }): boolean {
  if (own.path === '' || a.method.toUpperCase() !== own.method.toUpperCase()) return false;
  let path: string;
  try {
    path = new URL(a.url, 'http://panel.invalid').pathname;
  } catch {
    return false;
  }
  const pattern = new RegExp(`^${own.path.replace(/\?.*$/, '').split(/\{[^}]*\}/).map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}/?$`);
  return pattern.test(path.replace(/\/+$/, '') || '/') || pattern.test(path);
}
