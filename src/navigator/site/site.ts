// Page object of the Navigator's public site: registration, login, the cabinet's children tab.
// Only user-facing locators (labels, roles, texts from the profile; profile labels are prefixes
// of the site's, so they match as substrings). Every method waits for an outcome the site shows
// or a response it sends, never for time.
import type { Locator, Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { BusinessError, MissingElementError, SessionExpiredError, SystemError } from '../../core/errors.js';
import { isTimeout, pageSettled, watchAnswers } from '../missing.js';
import type { ChildData as SiteChild, RegisterOutcome, RegistrationData as SiteRegistration, Sex } from '../ports.js';
import { soon } from '../soon.js';
import { PublicForms } from './forms.js';
import { childFormShown, fillChildForm } from './kids.js';
import { openSitePage, shownMessages, submitForm, type SiteReply } from './exchange.js';
import { readChildTable } from './child-table.js';
import { waitForPerson, waitText } from './person.js';
export { waitText } from './person.js';
/** The shapes page objects answer with are the flows' ports (ports.ts). */
export type { RegisterOutcome, Sex, SiteChild, SiteRegistration };
export type LoginOutcome = 'ok' | 'bad-credentials' | 'email-not-confirmed';

export interface PublicSiteOptions {
  baseUrl: string;
  profile: Profile;
  timeoutMs: number;
  /**
   * A person at the screen (navbot run --headed) passes a captcha: the form is filled, the window
   * brought forward, `say` tells the person, and navbot waits up to `waitMs` for the widget's
   * answer. Without it a captcha ends the registration as 'captcha'. Never solved by the robot.
   */
  captchaHandOff?: { waitMs: number; say: (text: string) => void };
}

const ruDate = (iso: string) => iso.split('-').reverse().join('.');
/** An e-mail as an account: case and surrounding spaces do not matter. */
const account = (email: string) => email.trim().toLowerCase();
const quote = (messages: string[]) => messages.map((m) => `«${m}»`).join('; ');

export class PublicSite {
  private readonly t: Profile['publicTexts'];
  private readonly paths: Profile['publicPaths'];
  /**
   * The account this page signed in as (a registration that opened the cabinet, or a login): the
   * page's session is the row's own (its storage is cleared between rows), so a second login to
   * the same account is skipped; an expired session still shows up as the login page.
   */
  private signedInAs: string | undefined;
  /** The site's structure (profile.publicStructure): forms on pages or in a modal, labels or placeholders. */
  private readonly forms: PublicForms;

  constructor(
    private readonly page: Page,
    private readonly opts: PublicSiteOptions,
  ) {
    this.t = opts.profile.publicTexts;
    this.paths = opts.profile.publicPaths;
    this.forms = new PublicForms(page, opts.profile, (target, element, state) => this.need(target, element, state), opts.timeoutMs);
    watchAnswers(page);
  }

  private get wait() {
    return { timeout: this.opts.timeoutMs };
  }

  /** Waits for what the site's answer brings (see soon.ts: no half-second lag on a slow site). */
  private soon(target: Locator): Promise<void> {
    return soon(this.page, target, this.opts.timeoutMs);
  }

  /**
   * Waits for `target` to be on the page (in its DOM) and returns it. When it never comes, the
   * wait is explained once (missing.ts): the page settled — its document parsed, none of the
   * site's answers on their way — and `target` is not there: a MissingElementError naming
   * `element` (Russian, genitive: «поля «…»», «кнопки «…»»); else the timeout, a system fault.
   */
  private async need(target: Locator, element: string, state: 'attached' | 'visible' = 'attached', since = Date.now()): Promise<Locator> {
    const began = since;
    try {
      await soon(this.page, target, this.opts.timeoutMs, state);
      return target;
    } catch (error) {
      if (!isTimeout(error)) throw error;
      // A session that ended shows the login page: nothing of the row's page can be on it.
      if (this.signedInAs && this.onLoginPage()) throw new SessionExpiredError('Сессия на публичном сайте истекла: сайт открыл страницу входа', { cause: error });
      if ((await pageSettled(this.page, began)) && (await target.count()) === 0) throw new MissingElementError(element, 'сайта', undefined, { cause: error });
      throw error;
    }
  }

  /** The field labelled `label` inside `scope`, once it is on the page (see need). */
  private field(label: string, scope: Page | Locator = this.page): Promise<Locator> {
    return this.need(scope.getByLabel(label), `поля «${label}»`);
  }

  /** The button named `name` inside `scope`, once it is on the page (see need). */
  private button(name: string, scope: Page | Locator = this.page): Promise<Locator> {
    return this.need(scope.getByRole('button', { name }), `кнопки «${name}»`);
  }

  // ---- registration ------------------------------------------------------------------------

  /**
   * Registers a site user. A captcha (a widget in an iframe, or a «Я не робот» box) is never
   * solved by the robot: headless, 'captcha' is returned without submitting; with a person at
   * the screen (captchaHandOff) navbot fills the form and waits for the person to pass it.
   */
  async register(u: SiteRegistration): Promise<{ outcome: RegisterOutcome; message?: string; attended?: boolean }> {
    await this.open(this.paths.register);
    const scope = await this.forms.form('register');
    await this.forms.field(scope, this.t.email);
    const form = scope.locator('form').filter({ has: this.forms.locate(this.page, this.t.email) }).first();
    const widget = form.locator('iframe');
    const box = this.forms.checkbox(this.page, this.t.captcha);
    const hasCaptcha = (await widget.count()) > 0 || (await box.count()) > 0;
    if (hasCaptcha && !this.opts.captchaHandOff) {
      return { outcome: 'captcha', message: `На странице регистрации есть проверка «${this.t.captcha}»` };
    }
    await this.fillRegistration(u, scope);
    if (hasCaptcha && this.opts.captchaHandOff && !(await waitForPerson(this.page, form, this.t.captcha, this.opts.captchaHandOff, this.opts.timeoutMs))) {
      return { outcome: 'captcha', message: `Проверка «${this.t.captcha}» не пройдена за ${waitText(this.opts.captchaHandOff.waitMs)}.`, attended: true };
    }
    const { status, json } = await this.submit(await this.button(this.t.submitRegister, scope), 'регистрация');
    if (json.success) {
      const cabinet = this.page.getByRole('heading', { name: this.t.cabinet });
      const confirm = this.page.getByText(this.t.confirmEmail).first();
      await this.need(cabinet.or(confirm).first(), `заголовка «${this.t.cabinet}» (или «${this.t.confirmEmail}») после регистрации`, 'visible');
      if (await confirm.isVisible()) return { outcome: 'confirm-email', message: (await confirm.innerText()).trim() };
      this.signedInAs = account(u.email);
      return { outcome: 'registered' };
    }
    const messages = await this.shownMessages(this.page.locator('body'), json);
    const taken = messages.find((m) => m.includes(this.t.emailTaken));
    if (taken) return { outcome: 'email-taken', message: taken };
    throw new BusinessError(
      `Сайт отказал в регистрации (${status}): ${quote(messages)}`,
      'Исправьте в очереди данные, на которые указал сайт (email, муниципалитет), и запустите снова.',
    );
  }

  /** The municipalities the registration form offers: the region's own list (`navbot init`). */
  async municipalities(): Promise<string[]> {
    await this.open(this.paths.register);
    return this.forms.municipalities(await this.forms.form('register'));
  }

  /** Dry run: fills the registration form and leaves it unsent. */
  async previewRegistration(u: SiteRegistration): Promise<void> {
    await this.open(this.paths.register);
    await this.fillRegistration(u, await this.forms.form('register'));
  }

  private async fillRegistration(u: SiteRegistration, scope: Page | Locator): Promise<void> {
    // Found first: the list of a select that is not there would read as «no such municipality».
    await this.forms.chooseMunicipality(scope, u.municipality);
    const field = (text: string) => this.forms.field(scope, text);
    await (await field(this.t.lastName)).fill(u.lastName, this.wait);
    await (await field(this.t.firstName)).fill(u.firstName, this.wait);
    await (await field(this.t.patronymic)).fill(u.patronymic, this.wait);
    await this.fillPhone(await field(this.t.phone), u.phone);
    await (await field(this.t.email)).fill(u.email, this.wait);
    await (await field(this.t.password)).fill(u.password, this.wait);
    await (await this.field(this.t.consent, scope)).check(this.wait);
  }

  /** Fills the masked phone input; types it key by key if the mask did not take the value at once. */
  private async fillPhone(input: Locator, phone: string): Promise<void> {
    const want = phone.replace(/\D/g, '').slice(-10);
    const took = async () => (await input.inputValue()).replace(/\D/g, '').endsWith(want);
    await input.fill(phone, this.wait);
    if (await took()) return;
    await input.fill('', this.wait);
    await input.pressSequentially(want, this.wait);
    if (!(await took())) {
      throw new SystemError(`Поле телефона не приняло номер ${phone}: в поле «${await input.inputValue()}»`);
    }
  }

  // ---- login / logout ----------------------------------------------------------------------

  async login(email: string, password: string): Promise<LoginOutcome> {
    if (this.signedInAs === account(email) && !this.onLoginPage()) return 'ok';
    this.signedInAs = undefined;
    // A modal's forms are reached from the home page (its ВХОД link), a page form at its own path.
    await this.open(this.forms.modal ? this.paths.register : this.paths.login);
    const scope = await this.forms.form('login');
    await (await this.forms.field(scope, this.t.loginEmail)).fill(email, this.wait);
    await (await this.forms.field(scope, this.t.loginPassword)).fill(password, this.wait);
    await this.passLoginCaptcha(scope);
    const { json } = await this.submit(await this.button(this.t.submitLogin, scope), 'вход');
    if (json.success) {
      await this.need(this.page.getByRole('heading', { name: this.t.cabinet }), `заголовка «${this.t.cabinet}» после входа`, 'visible');
      this.signedInAs = account(email);
      return 'ok';
    }
    const messages = await this.shownMessages(this.page.locator('body'), json);
    return messages.some((m) => m.includes(this.t.confirmEmail)) ? 'email-not-confirmed' : 'bad-credentials';
  }

  /**
   * A region that asks «Я не робот» at the login too (issue 22 §5): with a person at the screen,
   * navbot asks and waits as at the registration; headless, the row stops before the login is sent.
   * navbot keeps no site session between runs, so a night run cannot pass such a login.
   */
  private async passLoginCaptcha(scope: Page | Locator): Promise<void> {
    const form = scope.locator('form').filter({ has: this.forms.locate(this.page, this.t.loginPassword) }).first();
    const hasCaptcha = (await form.locator('iframe').count()) > 0 || (await this.forms.checkbox(form, this.t.captcha).count()) > 0;
    if (!hasCaptcha) return;
    const handOff = this.opts.captchaHandOff;
    if (handOff && (await waitForPerson(this.page, form, this.t.captcha, handOff, this.opts.timeoutMs, 'входа в кабинет'))) return;
    throw new BusinessError(
      `Сайт региона спрашивает «${this.t.captcha}» и при входе в кабинет${handOff ? `; проверка не пройдена за ${waitText(handOff.waitMs)}` : ', а окна браузера нет'}. navbot не сохраняет вход между запусками, поэтому ночной запуск без окна эту проверку не пройдёт.`,
      'Обработайте очередь днём целиком, с окном браузера: navbot run очередь.xlsx --headed — и отмечайте «Я не робот», когда navbot попросит (и при регистрации, и при входе).',
    );
  }

  async logout(): Promise<void> {
    this.signedInAs = undefined;
    const button = this.page.getByRole('button', { name: this.t.logout }).or(this.page.getByRole('link', { name: this.t.logout }));
    if ((await button.count()) === 0) {
      await this.open(this.paths.cabinet);
      if (this.onLoginPage()) return; // not signed in
    }
    await button.first().click(this.wait);
    await this.soon(this.loginButton());
  }

  // ---- children ----------------------------------------------------------------------------

  async listChildren(): Promise<SiteChild[]> {
    const panel = await this.openChildren();
    if (this.forms.childForm) {
      await this.childFormFields(panel);
      const shown = await childFormShown(panel, this.t, this.wait, this.opts.profile.placeholder);
      return shown ? [shown] : [];
    }
    return this.readChildren(panel);
  }

  /** Adds a child in the cabinet; resolves once the site says so and the list shows the child. */
  async addChild(c: SiteChild): Promise<void> {
    const panel = await this.openChildren();
    if (this.forms.childForm) {
      // The tab is one form: a saved child is shown in it, and saving again would edit that child.
      await this.childFormFields(panel);
      const done = await fillChildForm(panel, c, this.t, this.wait, (name) => this.chooseSex(panel, name), this.opts.profile.placeholder);
      if (done === 'shown') return;
      await this.saveChild(panel);
      return;
    }
    const rows = panel
      .getByRole('row')
      .filter({ hasText: c.lastName })
      .filter({ hasText: c.firstName })
      .filter({ hasText: ruDate(c.birthDate) });
    const before = await rows.count();
    await (await this.button(this.t.addChild, panel)).click(this.wait);
    await (await this.field(this.t.childLastName, panel)).fill(c.lastName, this.wait);
    await (await this.field(this.t.childFirstName, panel)).fill(c.firstName, this.wait);
    await (await this.field(this.t.childPatronymic, panel)).fill(c.patronymic, this.wait);
    const birth = await this.field(this.t.childBirthDate, panel);
    const isDateInput = (await birth.getAttribute('type', this.wait)) === 'date';
    await birth.fill(isDateInput ? c.birthDate : ruDate(c.birthDate), this.wait);
    await this.chooseSex(panel, c.sex);
    await this.saveChild(panel);
    await this.soon(rows.nth(before));
  }

  /** The child form's fields are on the tab (a missing one is named: MissingElementError). */
  private async childFormFields(panel: Locator): Promise<void> {
    for (const label of [this.t.childLastName, this.t.childFirstName, this.t.childPatronymic, this.t.childBirthDate, this.t.childSex]) await this.field(label, panel);
  }

  /** «СОХРАНИТЬ» of the child form; resolves once the site says the child is saved. */
  private async saveChild(panel: Locator): Promise<void> {
    const { status, json } = await this.submit(await this.button(this.t.save, panel), 'сохранение ребенка');
    if (status === 401) throw new SessionExpiredError('Сессия на сайте истекла при сохранении ребенка');
    if (!json.success) {
      const messages = await this.shownMessages(panel, json);
      throw new BusinessError(
        `Сайт не принял данные ребенка (${status}): ${quote(messages)}`,
        'Проверьте дату рождения и пол ребенка в очереди, исправьте и запустите снова.',
      );
    }
    await this.need(panel.getByText(this.t.childSaved).first(), `сообщения «${this.t.childSaved}» после сохранения ребенка`, 'visible');
  }

  private async chooseSex(panel: Locator, sex: Sex): Promise<void> {
    const label = sex === 'female' ? this.t.female : this.t.male;
    const control = panel.getByLabel(this.t.childSex);
    const tag = (await control.count()) > 0 ? await control.first().evaluate((el) => el.tagName) : '';
    if (tag === 'SELECT') await control.first().selectOption({ label }, this.wait);
    else await panel.getByLabel(label, { exact: true }).check(this.wait);
  }

  /** Opens the cabinet's ДЕТИ tab and waits for its list (the cabinet already on screen is not loaded again). */
  private async openChildren(): Promise<Locator> {
    // The list is drawn from answers the opening and the tab's click ask for: one of them failing
    // (a 5xx, a dropped answer) before the wait began is the site not answering, not a missing list.
    const began = Date.now();
    if (!this.onPath(this.paths.cabinet)) await this.open(this.paths.cabinet);
    this.assertSignedIn();
    await (await this.need(this.page.getByRole('tab', { name: this.t.childrenTab }), `вкладки «${this.t.childrenTab}» в личном кабинете`)).click(this.wait);
    const panel = this.page.getByRole('tabpanel', { name: this.t.childrenTab });
    const shows = this.forms.childForm
      ? { target: panel.getByRole('button', { name: this.t.save }), what: `формы ребенка (кнопки «${this.t.save}») на вкладке «${this.t.childrenTab}»` }
      : { target: panel.getByRole('table'), what: `таблицы детей на вкладке «${this.t.childrenTab}»` };
    await this.need(shows.target.or(this.loginButton()).first(), shows.what, 'visible', began);
    this.assertSignedIn();
    return panel;
  }

  private readChildren(panel: Locator): Promise<SiteChild[]> {
    return readChildTable(this.page, panel, this.t);
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private loginButton(): Locator {
    return this.page.getByRole('button', { name: this.t.submitLogin });
  }

  private onLoginPage(): boolean {
    return this.onPath(this.paths.login);
  }

  /** The page shows this site's `path` (any query or hash). */
  private onPath(path: string): boolean {
    const here = new URL(this.page.url());
    const there = new URL(path, this.opts.baseUrl);
    return here.origin === there.origin && here.pathname === there.pathname;
  }

  private open(path: string): Promise<void> {
    return openSitePage(this.page, new URL(path, this.opts.baseUrl).toString(), this.opts.timeoutMs);
  }

  private submit(button: Locator, what: string): Promise<{ status: number; json: SiteReply }> {
    return submitForm(this.page, button, what, this.opts.timeoutMs);
  }

  private shownMessages(scope: Locator, json: SiteReply): Promise<string[]> {
    return shownMessages(this.page, scope, json, this.opts.timeoutMs);
  }

  private assertSignedIn(): void {
    if (this.onLoginPage()) throw new SessionExpiredError('Сессия на публичном сайте истекла: сайт открыл страницу входа');
  }


}
