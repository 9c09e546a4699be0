// The «Пользователи сайта» list, however the region's panel builds it (profile.adminStructure):
// reached through a menu (a tree, or a desktop's start menu behind `menuButton`) or a hash route;
// shown on the page or in a window titled by the section's name; searched through a field found
// by its placeholder or its label, on Enter or with a button. Users are read from the records
// behind the grid (profile adminData.userFields) where the records hold them, else from its cells.
import type { Locator } from 'playwright';
import { BusinessError, SystemError } from '../../core/errors.js';
import { dblclickRecord, dblclickRow, exactly, fold, readGrid, readGridRecordsAndRows, sameText, type GridQuery, type PanelSnapshot } from '../ext.js';
import type { AdminUserRow } from '../ports.js';
import { soon } from '../soon.js';
import { truthy, type PanelDriver } from './driver.js';

/** The search button's text where the profile names none (searchSubmit: 'button'). */
const FIND = 'Найти';

/** An Ext button by its own text (an icon's glyph may be part of its accessible name). */
const textButton = (scope: Locator, text: string): Locator =>
  scope.locator('.x-btn').filter({ has: scope.page().locator('.x-btn-inner', { hasText: exactly(text) }) }).filter({ visible: true }).first();

export class UsersList {
  constructor(private readonly d: PanelDriver) {}

  private get t() {
    return this.d.t;
  }

  private get st() {
    return this.d.profile.adminStructure;
  }

  /** The window the list is shown in (usersInWindow: titled by the section's name), or undefined. */
  get windowTitle(): string | undefined {
    return this.st.usersInWindow ? this.t.menuSiteUsers : undefined;
  }

  /** Windows on screen other than the list's own: cards and dialogs an earlier row left open. */
  leftovers(s: PanelSnapshot): string[] {
    const own = this.windowTitle === undefined ? undefined : fold(this.windowTitle);
    return s.windows.filter((w) => w !== own);
  }

  /** Where the list lives: its window, or the page. */
  private scope(): Locator {
    const page = this.d.page;
    return this.windowTitle === undefined ? page.locator('body') : this.d.window(this.windowTitle);
  }

  /** The search field, by placeholder or by label (adminTexts.search). */
  field(): Locator {
    const name = this.t.search;
    const scope = this.scope();
    const field = this.st.searchBy === 'label' ? scope.getByLabel(name, { exact: true }) : scope.getByPlaceholder(name, { exact: true });
    return field.filter({ visible: true }).first();
  }

  private fieldSought() {
    const how = this.st.searchBy === 'label' ? 'поля с подписью' : 'поля';
    return this.d.sought(`${how} «${this.t.search}» в разделе «${this.t.menuSiteUsers}»`, this.field());
  }

  /** The grid, found by its e-mail column (in its window, or on the page): ID and flags may live in its records only. */
  query(): GridQuery {
    return { ...(this.windowTitle === undefined ? {} : { windowTitle: this.windowTitle }), headers: [this.t.email] };
  }

  /** The list and its search field are shown (and no card or dialog over it). */
  async shown(s: PanelSnapshot): Promise<boolean> {
    if (this.leftovers(s).length > 0 || s.message) return false;
    if (this.windowTitle !== undefined) {
      if (s.windows[s.windows.length - 1] !== fold(this.windowTitle)) return false;
      return (await this.field().count()) > 0 && (await readGrid(this.d.page, this.query())) !== null;
    }
    const t = this.t;
    return (await this.field().count()) > 0 && (await readGrid(this.d.page, { headers: [t.columnId, t.email, t.resident, t.verified] })) !== null;
  }

  /** Opens the section (menu, start menu or route) unless it is on screen already. */
  async open(): Promise<void> {
    const t = this.t;
    const page = this.d.page;
    const s = await this.d.snapshot();
    if (s.login) throw this.d.expired(`opening «${t.menuSiteUsers}»`);
    // Already on screen (the row's last search left it): a person does not open it again.
    if (await this.shown(s)) return;
    const shownWindow = this.windowTitle === undefined ? {} : { windowShown: this.windowTitle };
    if (this.st.usersVia === 'route') {
      const route = this.st.usersRoute.replace(/^#?/, '#');
      await this.d.act(() => page.evaluate((h) => void (globalThis.location.hash = h), route), shownWindow, `route ${route}`, s);
    } else {
      if (this.st.menuButton !== '') {
        const start = textButton(page.locator('body'), this.st.menuButton);
        await this.d.act(() => start.click(this.d.wait), {}, `«${this.st.menuButton}»`, s, [this.d.sought(`кнопки «${this.st.menuButton}»`, start)]);
      }
      const item = page
        .locator('.x-tree-node-text, .x-treelist-item-text, .x-menu-item-text')
        .filter({ hasText: exactly(t.menuSiteUsers) })
        .filter({ visible: true })
        .first();
      await this.d.act(() => item.click(this.d.wait), shownWindow, `menu «${t.menuSiteUsers}»`, undefined, [this.d.sought(`пункта меню «${t.menuSiteUsers}»`, item)]);
    }
    await this.d.guard(() => soon(page, this.field(), this.d.timeoutMs), 'opening the users section', [this.fieldSought()]);
  }

  /** Types `query` into the search field and submits it (Enter or the button); waits for the grid to reload. */
  async search(query: string): Promise<void> {
    const field = this.field();
    // Ext moves the caret when its field takes focus, so a plain fill() can append to the last
    // search; empty the field first and check what it holds before submitting.
    const typed = await this.d.guard(
      async () => {
        await field.fill('', this.d.wait);
        await field.fill(query, this.d.wait);
        return field.inputValue(this.d.wait);
      },
      `typing the search «${query}»`,
      [this.fieldSought()],
    );
    if (typed !== query) throw new SystemError(`admin panel: the search field holds «${typed}» instead of «${query}»`);
    const submit = this.st.searchSubmit === 'button' ? textButton(this.scope(), this.st.searchButton || FIND) : null;
    const outcome = submit
      ? await this.d.act(() => submit.click(this.d.wait), { request: true }, `search «${query}»`, undefined, [this.d.sought(`кнопки «${this.st.searchButton || FIND}»`, submit)])
      : await this.d.act(() => field.press('Enter', this.d.wait), { request: true }, `search «${query}»`);
    if (outcome.message) await this.d.refusal(`поиск «${query}»`, 'Проверьте админ-панель и запустите снова.');
  }

  /** The listed users: from the grid's records where they hold id and flags, else from its cells. */
  async rows(): Promise<AdminUserRow[] | null> {
    const t = this.t;
    const f = this.d.profile.adminData.userFields;
    const both = await readGridRecordsAndRows(this.d.page, this.query());
    const records = both?.records;
    if (records && records.every((r) => r[f.id] !== undefined && r[f.id] !== null && f.resident in r && f.verified in r)) {
      return records.map((r) => ({
        id: String(r[f.id]),
        email: String(r[f.email] ?? '').trim(),
        lastName: String(r[f.lastName] ?? ''),
        firstName: String(r[f.firstName] ?? ''),
        patronymic: String(r[f.patronymic] ?? ''),
        resident: truthy(r[f.resident]),
        verified: truthy(r[f.verified]),
      }));
    }
    const headers = [t.columnId, t.email, t.resident, t.verified];
    const named = await readGrid(this.d.page, { ...this.query(), headers: [...headers, t.lastName, t.firstName, t.patronymic] });
    const grid = named ?? (await readGrid(this.d.page, { ...this.query(), headers: [...headers, t.columnFullName] }));
    if (!grid) return null;
    return grid.rows.map((r) => {
      const [last = '', first = '', ...rest] = (r[t.columnFullName] ?? '').split(' ');
      return {
        id: (r[t.columnId] ?? '').trim(),
        email: (r[t.email] ?? '').trim(),
        lastName: named ? (r[t.lastName] ?? '') : last,
        firstName: named ? (r[t.firstName] ?? '') : first,
        patronymic: named ? (r[t.patronymic] ?? '') : rest.join(' '),
        resident: sameText(r[t.resident], t.yes),
        verified: sameText(r[t.verified], t.yes),
      };
    });
  }

  /** Users whose e-mail is exactly `email` (case-insensitive). */
  async findByEmail(email: string): Promise<AdminUserRow[]> {
    const t = this.t;
    const began = Date.now();
    await this.open();
    await this.search(email.trim());
    const rows = await this.rows();
    if (!rows) {
      const columns = [t.columnId, t.email, t.resident, t.verified, t.lastName, t.firstName, t.patronymic].map((h) => `«${h}»`).join(', ');
      return this.d.absent(`таблицы пользователей со столбцами ${columns} (или «${t.columnFullName}» вместо ФИО)`, 'admin panel: the users grid is not on screen', began);
    }
    const wanted = email.trim().toLowerCase();
    return rows.filter((r) => r.email.toLowerCase() === wanted);
  }

  /** The user `id` is listed now. */
  async listed(id: string): Promise<boolean> {
    return ((await this.rows()) ?? []).some((r) => r.id === id);
  }

  /** Makes sure user `id` is listed (opening and searching when not): a BusinessError when the panel has none. */
  async reveal(id: string): Promise<void> {
    await this.open();
    if (!(await this.listed(id))) await this.search(id);
    if (!(await this.listed(id))) {
      throw new BusinessError(`Пользователь #${id} не найден в админ-панели`, 'Проверьте, не удалён ли пользователь, и запустите снова.');
    }
  }

  /** Double-clicks the row of user `id` (by its record, else by its «ID» cell). */
  async dblclick(id: string): Promise<void> {
    const page = this.d.page;
    const byRecord = await dblclickRecord(page, this.query(), this.d.profile.adminData.userFields.id, id, this.d.timeoutMs);
    if (!byRecord && !(await dblclickRow(page, { ...this.query(), headers: [this.t.columnId, this.t.email] }, this.t.columnId, id, this.d.timeoutMs))) {
      throw new SystemError(`admin panel: row of user #${id} vanished from the grid`);
    }
  }
}
