// Small helpers for pages built on Sencha Ext JS (classic toolkit). Selectors use what a person
// sees (roles, labels, texts, titles) or Ext.ComponentQuery through page.evaluate; never the
// ids Ext generates (a component name plus a counter), which change between loads. Waits are for
// states, never for time.
import type { Locator, Page } from 'playwright';
import { fold, inPage, sameText, type TextKit } from './in-page.js';
import { soon } from './soon.js';
import { POLL_MS, type Data } from './ext-grid.js';
import type { WriteAnswer } from './ext-panel.js';

export * from './ext-grid.js';
export * from './ext-panel.js';

/** The text kit inside in-page functions (in-page.ts: `inPage` sends it with them). */
declare const kit: TextKit;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Texts as regions spell them differently: ё = е, case and runs of spaces do not matter
 * («Сертификат учёта» is «Сертификат учета»). Used for every comparison of a text on screen.
 */
export { fold, sameText };


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
    inPage(({ field, expected }: { field: unknown; expected: string }) => {
      const f = kit.fold;
      return f((field as HTMLInputElement).value) === f(expected) && (field as HTMLInputElement).getAttribute('aria-expanded') !== 'true';
    }),
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
  return page.evaluate(inPage((query: FieldQuery) => {
    const Ext = (globalThis as unknown as { Ext: any }).Ext;
    const norm = kit.label;
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
  }), q);
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
  return page.evaluate(inPage((title: string) => {
    const Ext = (globalThis as unknown as { Ext: any }).Ext;
    const norm = kit.label;
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
  }), windowTitle);
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
