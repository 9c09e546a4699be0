// The public site's structure as the profile describes it (profile.publicStructure): where the
// registration and login forms are (their own pages, or tabs of one modal opened by a header
// link), how their fields are found (by <label> or by placeholder), how the municipality is chosen
// (a native <select>, or a custom list: the field opens, the item is clicked by its text), and how
// the «ДЕТИ» tab works (a list with «ДОБАВИТЬ РЕБЕНКА», or the child form shown at once).
// PublicSite (site.ts) asks this module for locators; every wait goes through its `need`,
// so an element missing on a settled page is a MissingElementError naming it.
import type { Locator, Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { BusinessError } from '../../core/errors.js';

export type Need = (target: Locator, element: string, state?: 'attached' | 'visible') => Promise<Locator>;
export type FormKind = 'register' | 'login';

export class PublicForms {
  private readonly s: Profile['publicStructure'];
  private readonly t: Profile['publicTexts'];

  constructor(
    private readonly page: Page,
    profile: Profile,
    private readonly need: Need,
    private readonly timeoutMs: number,
  ) {
    this.s = profile.publicStructure;
    this.t = profile.publicTexts;
  }

  get modal(): boolean {
    return this.s.forms === 'modal';
  }

  get childForm(): boolean {
    return this.s.children === 'form';
  }

  /**
   * The scope of a form once its page is open: the page itself, or (modal) the modal's tab of
   * that name, opened by the header's link of the same name when the modal is not up yet.
   */
  async form(kind: FormKind): Promise<Page | Locator> {
    if (!this.modal) return this.page;
    const name = kind === 'register' ? this.t.register : this.t.login;
    const dialog = this.page.getByRole('dialog');
    const tab = dialog.getByRole('tab', { name });
    if (!(await tab.isVisible())) {
      const opener = this.page.getByRole('link', { name }).or(this.page.getByRole('button', { name }));
      await (await this.need(opener.first(), `ссылки «${name}», открывающей окно входа и регистрации`, 'visible')).click({ timeout: this.timeoutMs });
    }
    await (await this.need(tab, `вкладки «${name}» в окне входа и регистрации`, 'visible')).click({ timeout: this.timeoutMs });
    const panel = dialog.getByRole('tabpanel', { name });
    await this.need(panel, `содержимого вкладки «${name}»`, 'visible');
    return panel;
  }

  /** A field of the registration or login form, by its label or its placeholder (profile). */
  field(scope: Page | Locator, text: string): Promise<Locator> {
    return this.need(this.locate(scope, text), this.s.fieldsBy === 'placeholder' ? `поля с подсказкой «${text}»` : `поля «${text}»`);
  }

  /** The field's locator (no wait): by placeholder or by label, as the profile says. */
  locate(scope: Page | Locator, text: string): Locator {
    return this.s.fieldsBy === 'placeholder' ? scope.getByPlaceholder(text) : scope.getByLabel(text);
  }

  /** A check box (consent, captcha): by its caption; a placeholder form still captions its boxes. */
  checkbox(scope: Page | Locator, text: string): Locator {
    return scope.getByLabel(text);
  }

  /** The municipalities the form offers (a select's options, or the custom list's items). */
  async municipalities(scope: Page | Locator): Promise<string[]> {
    const control = await this.field(scope, this.t.municipality);
    if (this.s.municipality === 'select') return (await control.locator('option').allInnerTexts()).map((o) => o.trim()).filter(Boolean);
    const items = await this.openList(scope, control);
    const out = (await items.allInnerTexts()).map((o) => o.trim()).filter(Boolean);
    await control.click({ timeout: this.timeoutMs }); // closes the list again
    return out;
  }

  /** Chooses `name`; a name the site does not offer is the queue's to fix (BusinessError). */
  async chooseMunicipality(scope: Page | Locator, name: string): Promise<void> {
    const want = name.trim();
    const control = await this.field(scope, this.t.municipality);
    const refuse = (options: string[]) =>
      new BusinessError(
        `Муниципалитета «${name}» нет в списке сайта.`,
        `Укажите в очереди муниципалитет так, как он написан на сайте (например, «${options.find((o) => o) ?? ''}»), и запустите снова.`,
      );
    if (this.s.municipality === 'select') {
      const options = (await control.locator('option').allInnerTexts()).map((o) => o.trim());
      if (!options.includes(want)) throw refuse(options);
      await control.selectOption({ label: want }, { timeout: this.timeoutMs });
      return;
    }
    const items = await this.openList(scope, control);
    const options = (await items.allInnerTexts()).map((o) => o.trim());
    if (!options.includes(want)) throw refuse(options);
    await items.filter({ hasText: new RegExp(`^\\s*${want.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).first().click({ timeout: this.timeoutMs });
    // The field shows the chosen item: the site took it.
    await this.page.waitForFunction(
      ({ el, v }) => (el as HTMLInputElement).value?.trim() === v || (el as HTMLElement).innerText?.trim() === v,
      { el: await control.elementHandle({ timeout: this.timeoutMs }), v: want },
      { timeout: this.timeoutMs },
    );
  }

  /** Clicks the custom list's field and returns its items once the list shows. */
  private async openList(scope: Page | Locator, control: Locator): Promise<Locator> {
    const items = scope.getByRole('option');
    if (!(await items.first().isVisible())) await control.click({ timeout: this.timeoutMs });
    await this.need(items.first(), `списка муниципалитетов после щелчка по полю «${this.t.municipality}»`, 'visible');
    return items;
  }
}
