// Page object of the Navigator's admin panel («Система управления Навигатором», Ext JS classic):
// login, the «Пользователи сайта» list (./admin/users-list.ts), and the cards opened from it (see ./admin/). Texts come
// from the profile; each method does one thing a person does and waits for its outcome.
import type { LoginGate } from '../target.js';
import type { Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { SettingsStopError, SystemError } from '../../core/errors.js';
import { exactly, fold, waitOutcome, withoutAnimations } from '../ext.js';
import { PanelDriver, type PanelSought } from './driver.js';
import { UserCard } from './user-card.js';
import { UsersList } from './users-list.js';
import type { AdminUserRow } from '../ports.js';

export { UserCard } from './user-card.js';
export { ChildCard, CertificateDialog } from './child-card.js';

export interface AdminPanelOptions {
  adminUrl: string;
  email: string;
  password: string;
  profile: Profile;
  timeoutMs: number;
  /** One login for the workers' admin pages (the runner's); without it the page logs in itself. */
  gate?: LoginGate;
}

/** One login shared by the workers' admin pages (target.ts; ../shared-login.ts). */
export type { LoginGate } from '../target.js';

/** The shapes page objects answer with are the flows' ports (ports.ts). */
export type { AdminUserRow } from '../ports.js';

export class AdminPanel {
  private readonly d: PanelDriver;
  private readonly users: UsersList;

  constructor(
    readonly page: Page,
    private readonly opts: AdminPanelOptions,
  ) {
    this.d = new PanelDriver(page, opts.profile, opts.timeoutMs);
    this.users = new UsersList(this.d);
  }

  private get t() {
    return this.d.t;
  }

  /** What an opened panel shows: its login view or its menu (neither on a settled panel: a profile's word differs). */
  private entry(): PanelSought[] {
    const menu = this.opts.profile.adminStructure.menuButton ? `кнопки «${this.opts.profile.adminStructure.menuButton}»` : `пункта меню «${this.t.menuSiteUsers}»`;
    return [{ element: `кнопки «${this.t.loginButton}» или ${menu}`, present: (s) => s.login || s.menu }];
  }

  /** Waits for the login view or the menu, after the panel was opened or reloaded. */
  private entered(what: string) {
    return this.d.guard(() => waitOutcome(this.page, this.d.marks, { menu: true }, this.opts.timeoutMs), what, this.entry());
  }

  /** Opens the panel if the page is elsewhere and waits for the login view or the menu. */
  private async arrive(): Promise<void> {
    const here = this.page.url();
    if (!here.startsWith(this.opts.adminUrl.replace(/#.*$/, ''))) {
      await this.page.goto(this.opts.adminUrl, { timeout: this.opts.timeoutMs });
    }
    const s = await this.entered('opening the admin panel');
    await withoutAnimations(this.page);
    if (s.message) await this.d.dismiss();
  }

  /** Logs in through the login view (the view must be shown). Wrong credentials stop the run. */
  async login(): Promise<void> {
    const t = this.t;
    await this.arrive();
    if (!(await this.d.snapshot()).login) return;
    // The visible login form: the start view, or the window a panel shows over open cards.
    const email = this.page.getByPlaceholder(t.loginEmail, { exact: true }).filter({ visible: true }).last();
    const password = this.page.getByPlaceholder(t.loginPassword, { exact: true }).filter({ visible: true }).last();
    const enter = this.page.getByRole('button', { name: exactly(t.loginButton) }).filter({ visible: true }).last();
    await this.d.onLoginView(() => email.fill(this.opts.email, this.d.wait), [this.d.sought(`поля «${t.loginEmail}»`, email)]);
    await this.d.onLoginView(() => password.fill(this.opts.password, this.d.wait), [this.d.sought(`поля «${t.loginPassword}»`, password)]);
    const before = await this.d.snapshot();
    await this.d.onLoginView(() => enter.click(this.d.wait), [this.d.sought(`кнопки «${t.loginButton}»`, enter)]);
    // Logged in (the menu is shown), or the login view answered and is still there.
    const s = await this.d.guard(
      () => waitOutcome(this.page, this.d.marks, { requestAfter: before.started, menu: true }, this.opts.timeoutMs),
      'logging in',
      this.d.expected({ menu: true }),
    );
    const failed = s.failures.slice(before.failures.length).filter((x) => x === 0 || x === 429 || x >= 500);
    if (failed.length > 0) throw new SystemError(`admin panel: login failed with HTTP ${failed.join(', ')}`);
    if (s.message) await this.d.dismiss();
    if (s.menu && !s.login) return;
    throw new SettingsStopError(
      `Не удалось войти в админ-панель ${this.opts.adminUrl} под ${this.opts.email}: панель не приняла e-mail или пароль (или у учётной записи нет прав на вход). Проверьте NAVBOT_ADMIN_EMAIL и NAVBOT_ADMIN_PASSWORD в файле .env и запустите снова.`,
    );
  }

  /**
   * Idempotent: logs in only when the login view is shown (through the gate, when pages share a
   * context); closes leftovers of an earlier row.
   */
  async ensureLoggedIn(): Promise<void> {
    await this.arrive();
    let s = await this.d.snapshot();
    if (this.users.leftovers(s).length > 0 || s.message) {
      // A previous row left a card or a message open: start from a clean panel (the session stays).
      await this.page.reload({ timeout: this.opts.timeoutMs });
      s = await this.entered('reloading the admin panel');
      await withoutAnimations(this.page);
    }
    const gate = this.opts.gate;
    if (!s.login) {
      gate?.adopt(this.page);
      return;
    }
    if (!gate) return this.login();
    await gate.enter(this.page, { login: () => this.login(), resume: () => this.resume() });
  }

  /** Reloads the panel to pick up a session another page made; true when it opens logged in. */
  private async resume(): Promise<boolean> {
    await this.page.reload({ timeout: this.opts.timeoutMs });
    const s = await this.entered('reloading the admin panel on the shared session');
    await withoutAnimations(this.page);
    if (s.message && !s.login) await this.d.dismiss();
    return !s.login && s.menu;
  }

  /** Users whose e-mail is exactly `email` (case-insensitive), as the users list shows them. */
  findUsersByEmail(email: string): Promise<AdminUserRow[]> {
    return this.users.findByEmail(email);
  }

  /** Opens the card «#<id> клиент» from the users grid (searching by the id when it is not listed). */
  async openUser(id: string): Promise<UserCard> {
    const title = this.t.userWindowTitle.replace('{id}', id);
    const s = await this.d.snapshot();
    if (s.login) throw this.d.expired(`opening user #${id}`);
    if (s.windows.includes(fold(title))) return new UserCard(this.d, id);
    // The state read above still holds when the row is listed at once (the common case).
    let seen: typeof s | undefined = s;
    if (!s.menu || !(await this.users.listed(id))) {
      seen = undefined;
      await this.users.reveal(id);
    }
    const outcome = await this.d.act(
      () => this.users.dblclick(id),
      { windowShown: title },
      `opening user #${id}`,
      seen,
    );
    if (outcome.message) await this.d.refusal(`открытие пользователя #${id}`, 'Проверьте пользователя в админ-панели и запустите снова.');
    return new UserCard(this.d, id);
  }
}
