// The survey's shared state and helpers: the working copy of the profile (patched with what the
// region shows), the findings, the timings and scripts a context loaded, and what every screen
// uses (compare-and-record a text, a screenshot, a failure, open and close the panel's windows).
// The screens (admin-login.ts … cabinet.ts) take it as their first argument.
import type { BrowserContext, Page, Response } from 'playwright';
import type { Profile } from '../../config/profile.js';
import type { PanelDriver } from '../../navigator/admin/driver.js';
import { button, snapshot, type PanelMarks } from '../../navigator/ext.js';
import { markWindows, newWindow } from './in-page.js';
import type { TextFinding } from './match.js';
import { emptyStructure } from './public-forms.js';
import type { SurveyFindings, SurveyOptions } from './types.js';

/** First line of an error, for staff. */
export const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.trim();

const UNREACHABLE = /net::ERR_|ECONNREFUSED|ECONNRESET|ENOTFOUND|HTTP (5\d\d|429)\b|failed, HTTP 0|ответил ошибкой 5\d\d/;

/** Texts kept from a copy of the profile and patched with what the region shows. */
function copyProfile(p: Profile): Profile {
  return JSON.parse(JSON.stringify(p)) as Profile;
}

export type AdminTexts = Profile['adminTexts'];

function setKey(p: Profile, key: string, value: unknown): void {
  const parts = key.split('.');
  let at = p as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
  at[parts.at(-1)!] = value;
}

export class SurveyContext {
  readonly work: Profile;
  readonly findings: SurveyFindings;
  readonly timing: number[] = [];
  readonly sources: string[] = [];
  readonly pendingSources: Array<Promise<void>> = [];

  constructor(readonly o: SurveyOptions) {
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

  get t() {
    return this.work.adminTexts;
  }

  get wait() {
    return { timeout: this.o.timeoutMs };
  }

  marks(): PanelMarks {
    return { loginButton: this.t.loginButton, loginEmail: this.t.loginEmail, menuItem: this.t.menuSiteUsers };
  }

  /** Records a compared text; where the region differs, goes on with the region's text. */
  text(f: TextFinding): TextFinding {
    this.findings.texts.push(f);
    if ((f.status === 'spelling' || f.status === 'renamed') && f.found !== null) setKey(this.work, f.key, f.found);
    return f;
  }

  async shot(page: Page, name: string): Promise<void> {
    const file = await this.o.shot(page, name).catch(() => undefined);
    if (file) this.findings.screenshots.push(file);
    await this.o.visit?.(page, name).catch(() => undefined);
  }

  fail(stage: string, e: unknown): void {
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


  /** The public pages' HTML, read for texts shown only after a login or a save. */
  readonly pageSources: string[] = [];

  /** Runs `open` (a double-click, a button) and returns the title of the window it opened. */
  async openWindow(page: Page, open: () => Promise<unknown>, what: string): Promise<string> {
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
  async closeAll(page: Page, driver: PanelDriver): Promise<void> {
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

  /** The page of `name` failed and what it means (the caller decides how to report). */
  failed(stage: string, e: unknown): void {
    this.fail(stage, e);
  }
}
