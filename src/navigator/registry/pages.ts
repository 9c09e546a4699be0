// Page object of the certificate registry's cabinet (АИС «Реестр сертификатов», the
// organisation's side; shared/REGISTRY.md, the stand's README section 9). Server-rendered pages
// with plain form posts: every action is a click that loads a new page, and the page it loads
// (its HTTP status, its status line, the record embedded in it) is the outcome. Decisions are
// made from the registry's own records — the view page's embedded JSON and the JSON API — not
// from text drawn for a person. Every selector and text of the registry lives here.
import type { Locator, Page, Response } from 'playwright';
import { BusinessError, SessionExpiredError, SettingsStopError, SystemError } from '../../core/errors.js';
import type { ActionOutcome, CreateOutcome, EditOutcome, NewApplication, RegistryChild, RegistryPort, RegistryRecord } from './port.js';
import { editApplication } from './edit.js';
import { createApplication, fieldErrorsOn, fillApplication } from './create-form.js';
import { printApplication } from './print.js';
import { PATHS, SEL } from './selectors.js';

/** Texts the robot compares or names; defaults are the stand's (a real registry overrides them). */
export const REGISTRY_TEXTS = {
  /** The start of the refusal of a second application for one document («… заявка № З-000123»). */
  duplicateDocument: 'Заявка на этот документ уже подана',
  /** Button names, for messages to staff. */
  send: 'Отправить',
  confirm: 'Подтвердить персональные данные',
  received: 'Документы получены',
  refuse: 'Отказать',
  edit: 'Редактировать',
  print: 'Распечатать заявление',
};
export type RegistryTexts = typeof REGISTRY_TEXTS;

/** The cabinet's paths and element ids, for doctor's read-only survey (src/doctor/registry.ts). */
export { PATHS as REGISTRY_PATHS, SEL as REGISTRY_SEL };

export interface RegistryOptions {
  /** The cabinet's address, e.g. http://127.0.0.1:8080/registry/ */
  baseUrl: string;
  login: string;
  password: string;
  timeoutMs: number;
  texts?: Partial<RegistryTexts>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The registry's record (the view page's JSON or the API's) in the port's shape. */
export function toRecord(raw: unknown): RegistryRecord {
  const r = (raw ?? {}) as Record<string, unknown>;
  const child = (r.child ?? {}) as Record<string, unknown>;
  const applicant = (r.applicant ?? {}) as Record<string, unknown>;
  const type = str(child.documentType);
  return {
    id: str(r.id),
    number: str(r.number),
    certificateNumber: str(r.certificateNumber),
    child: {
      lastName: str(child.lastName),
      firstName: str(child.firstName),
      patronymic: str(child.patronymic),
      birthDate: str(child.birthDate),
      sex: child.sex === 'female' ? 'female' : 'male',
      documentType: type === 'passport' || type === 'other' ? type : 'birth-certificate',
      documentSeries: str(child.documentSeries),
      documentNumber: str(child.documentNumber),
    },
    over14: r.over14 === true,
    applicant: {
      lastName: str(applicant.lastName),
      firstName: str(applicant.firstName),
      patronymic: str(applicant.patronymic),
      phone: str(applicant.phone),
      email: str(applicant.email),
    },
    municipality: str(r.municipality),
    pdConfirmed: r.pdConfirmed === true,
    documentsReceived: r.documentsReceived === true,
    refused: r.refused === true,
    refuseReason: typeof r.refuseReason === 'string' ? r.refuseReason : null,
  };
}

export class Registry implements RegistryPort {
  private loggedIn = false;
  readonly t: RegistryTexts;
  private readonly base: string;

  constructor(
    readonly page: Page,
    private readonly o: RegistryOptions,
  ) {
    this.t = { ...REGISTRY_TEXTS, ...o.texts };
    this.base = o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`;
  }

  /** The organisation's login (doctor's survey names it). */
  get organisation(): string {
    return this.o.login;
  }

  private url(p: string): string {
    return new URL(p, this.base).href;
  }

  /** Playwright's wait options for the registry's pages. */
  get wait() {
    return { timeout: this.o.timeoutMs };
  }

  /** The registry sent the robot to its login page (no session, or an expired one). */
  onLoginPage(): boolean {
    return new URL(this.page.url()).pathname === new URL(this.url(PATHS.login)).pathname;
  }

  // ---- session -------------------------------------------------------------------------------

  async ensureLoggedIn(): Promise<void> {
    if (!this.loggedIn) await this.login();
  }

  async login(): Promise<void> {
    this.loggedIn = false;
    await this.page.goto(this.url(PATHS.login), { waitUntil: 'domcontentloaded', ...this.wait });
    await this.page.locator(SEL.login).fill(this.o.login);
    await this.page.locator(SEL.password).fill(this.o.password);
    const status = await this.submit(this.page.locator(SEL.loginSubmit));
    if (this.onLoginPage()) {
      const said = await this.statusText();
      if (status === 400 || status === 403) {
        throw new SettingsStopError(
          `Реестр сертификатов не принял вход организации ${this.o.login}${said ? `: «${said}»` : ''}. Проверьте NAVBOT_REGISTRY_LOGIN и NAVBOT_REGISTRY_PASSWORD в файле .env; ничего не отправлено.`,
        );
      }
      throw new SystemError(`registry login stayed on the login page (HTTP ${status})`);
    }
    this.loggedIn = true;
  }

  /** After an action's post landed on the login page: log in, and let the runner probe and try again. */
  async expired(what: string): Promise<never> {
    await this.login();
    throw new SessionExpiredError(`registry session expired: ${what} was not done`);
  }

  // ---- navigation ----------------------------------------------------------------------------

  /**
   * Clicks what loads a new page (a form's submit) and waits for that page: its final answer
   * (after redirects) and its DOM. Returns the answer's HTTP status; a server error is a system fault.
   */
  async submit(button: Locator): Promise<number> {
    const frame = this.page.mainFrame();
    const answer = this.page.waitForResponse(
      (r: Response) => r.request().frame() === frame && r.request().isNavigationRequest() && !(r.status() >= 300 && r.status() < 400),
      this.wait,
    );
    const loaded = this.page.waitForEvent('domcontentloaded', this.wait);
    await button.click();
    const [response] = await Promise.all([answer, loaded]);
    const status = response.status();
    if (status >= 500) throw new SystemError(`registry answered HTTP ${status} (${new URL(response.url()).pathname})`);
    return status;
  }

  /** Opens a page for reading; logs in first (and again, once, if sent to the login page). */
  async open(p: string): Promise<number> {
    await this.ensureLoggedIn();
    let response = await this.page.goto(this.url(p), { waitUntil: 'domcontentloaded', ...this.wait });
    if (this.onLoginPage()) {
      await this.login();
      response = await this.page.goto(this.url(p), { waitUntil: 'domcontentloaded', ...this.wait });
      if (this.onLoginPage()) throw new SessionExpiredError('registry sent the robot to log in again right after logging in');
    }
    const status = response?.status() ?? 0;
    if (status >= 500) throw new SystemError(`registry answered HTTP ${status} (${p})`);
    return status;
  }

  /** A JSON read through the page's own session (the registry's API for robots). */
  async api(p: string): Promise<{ status: number; body: Record<string, unknown> }> {
    await this.ensureLoggedIn();
    const get = () => this.page.request.get(this.url(p), { failOnStatusCode: false, ...this.wait });
    let res = await get();
    if (res.status() === 401) {
      await this.login();
      res = await get();
      if (res.status() === 401) throw new SessionExpiredError('registry API refused the session right after logging in');
    }
    if (res.status() >= 500) throw new SystemError(`registry API answered HTTP ${res.status()} (${p})`);
    let body: Record<string, unknown>;
    try {
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      throw new SystemError(`registry API gave no JSON (HTTP ${res.status()}, ${p})`);
    }
    return { status: res.status(), body };
  }

  async statusText(): Promise<string> {
    const line = this.page.locator(SEL.statusLine);
    return (await line.count()) > 0 ? (await line.innerText()).trim() : '';
  }

  // ---- reads ---------------------------------------------------------------------------------

  async findByChild(q: { lastName: string; firstName: string; birthDate: string }): Promise<RegistryRecord[]> {
    const query = new URLSearchParams({ lastName: q.lastName, firstName: q.firstName, birthDate: q.birthDate });
    const { status, body } = await this.api(`${PATHS.api}?${query}`);
    if (status !== 200 || !Array.isArray(body.data)) throw new SystemError(`registry API: no list of applications (HTTP ${status})`);
    return body.data.map(toRecord);
  }

  async findByNumber(number: string): Promise<RegistryRecord | undefined> {
    const { status, body } = await this.api(`${PATHS.api}?${new URLSearchParams({ number })}`);
    if (status !== 200 || !Array.isArray(body.data)) throw new SystemError(`registry API: no list of applications (HTTP ${status})`);
    return body.data.map(toRecord).find((r) => r.number.toUpperCase() === number.trim().toUpperCase());
  }

  async read(id: string): Promise<RegistryRecord | undefined> {
    const { status, body } = await this.api(PATHS.apiOne(id));
    if (status === 404) return undefined;
    if (status !== 200 || !body.data) throw new SystemError(`registry API: no application ${id} (HTTP ${status})`);
    return toRecord(body.data);
  }

  /** The record the application's page carries for robots. */
  private async recordOnPage(): Promise<RegistryRecord> {
    await this.page.locator(SEL.application).waitFor({ state: 'attached', ...this.wait });
    const json = await this.page.locator(SEL.record).textContent();
    try {
      return toRecord(JSON.parse(json ?? ''));
    } catch {
      throw new SystemError('the application page carries no readable record (#application-record)');
    }
  }

  async search(number: string, certificateNumber: string): Promise<RegistryRecord | undefined> {
    await this.open(PATHS.search);
    await this.page.locator(SEL.searchNumber).fill(number);
    await this.page.locator(SEL.searchCertificate).fill(certificateNumber);
    const status = await this.submit(this.page.locator(SEL.searchSubmit));
    if (this.onLoginPage()) {
      // A search changes nothing: log in and search again.
      await this.login();
      return this.search(number, certificateNumber);
    }
    if (status === 404) return undefined;
    if (status !== 200) throw new SystemError(`«Поиск заявки» answered HTTP ${status}: ${await this.statusText()}`);
    return this.recordOnPage();
  }

  // ---- «Создать заявку» (create-form.ts) ---------------------------------------------------

  async previewCreate(a: NewApplication): Promise<void> {
    await fillApplication(this, a);
  }

  create(a: NewApplication): Promise<CreateOutcome> {
    return createApplication(this, a);
  }

  /** The form's fields the registry marked, each named by its label, with the registry's words. */
  fieldErrors(): Promise<Array<{ label: string; message: string }>> {
    return fieldErrorsOn(this.page);
  }

  // ---- the application's page and its buttons ------------------------------------------------

  async openApplication(id: string): Promise<void> {
    const status = await this.open(PATHS.application(id));
    if (status === 404) throw new BusinessError(`Заявки с внутренним номером ${id} больше нет в реестре`, 'Проверьте заявку в реестре («Поиск заявки») и запустите строку снова.');
    if (status !== 200) throw new SystemError(`the application page answered HTTP ${status}`);
    await this.page.locator(SEL.application).waitFor({ state: 'attached', ...this.wait });
  }

  /** Presses an action button on the application's page; a button the registry disabled is its refusal. */
  private async press(id: string, selector: string, name: string, before?: () => Promise<Locator>): Promise<ActionOutcome> {
    await this.openApplication(id);
    const button = this.page.locator(selector);
    if (await button.isDisabled()) {
      const why = (await button.getAttribute('data-blocked')) ?? (await button.getAttribute('title')) ?? `кнопка «${name}» недоступна`;
      return { ok: false, message: why };
    }
    const submit = before ? await before() : button;
    const status = await this.submit(submit);
    if (this.onLoginPage()) return this.expired(`«${name}»`);
    const message = await this.statusText();
    const outcome = await this.page.locator(SEL.statusLine).getAttribute('data-outcome');
    if (status === 200) return { ok: outcome !== 'error', message };
    if (status === 400 || status === 404 || status === 409) return { ok: false, message };
    throw new SystemError(`«${name}» answered HTTP ${status}: ${message}`);
  }

  confirm(id: string): Promise<ActionOutcome> {
    return this.press(id, SEL.confirm, this.t.confirm);
  }

  documentsReceived(id: string): Promise<ActionOutcome> {
    return this.press(id, SEL.received, this.t.received);
  }

  refuse(id: string, reason: string): Promise<ActionOutcome> {
    return this.press(id, SEL.refuse, this.t.refuse, async () => {
      await this.page.locator(SEL.refuse).click();
      const dialog = this.page.locator(SEL.refuseDialog);
      await dialog.waitFor({ state: 'visible', ...this.wait });
      await dialog.locator(SEL.refuseReason).fill(reason);
      return dialog.locator(SEL.refuseSubmit);
    });
  }

  /** «Редактировать» … «Отправить» (edit.ts). */
  correct(id: string, fields: Partial<RegistryChild>): Promise<EditOutcome> {
    return editApplication(this, id, fields);
  }

  /** «Распечатать заявление» (print.ts): the path written, a PDF or the page kept beside it. */
  print(id: string, file: string): Promise<string> {
    return printApplication(this, id, file);
  }
}
