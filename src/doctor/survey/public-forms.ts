// `navbot doctor`'s survey of the public site's STRUCTURE (profile.publicStructure): are the
// registration and login forms pages of their own or tabs of one modal (opened by a header link)?
// Are their fields found by labels or by placeholders? Is the municipality a <select> or a custom
// list? And, with a sample user's cabinet password (NAVBOT_SAMPLE_PASSWORD, never a flag): is
// «ДЕТИ» a list with an add button, or the child form shown at once? Read-only but for the cabinet
// login: no form is sent, no list item chosen, no child saved.
import type { Locator, Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { PublicSite } from '../../navigator/site/site.js';

/** A public page as the survey read it (what a person sees: labels, buttons, iframes, selects, text). */
export interface PageInfo {
  url: string;
  status: number | null;
  labels: Array<{ text: string; kind: string }>;
  buttons: Array<{ text: string; kind: string }>;
  iframes: Array<{ src: string; title: string }>;
  selects: Array<{ label: string; options: string[] }>;
  /** What a person reads on the page (for notices such as «подтвердите e-mail»). */
  text: string;
}

export type PublicStructure = Profile['publicStructure'];

export interface PublicStructureFinding {
  forms: PublicStructure['forms'] | null;
  fieldsBy: PublicStructure['fieldsBy'] | null;
  municipality: PublicStructure['municipality'] | null;
  children: PublicStructure['children'] | null;
  /** Why a part was not seen (Russian). */
  notes: string[];
}

export const emptyStructure = (): PublicStructureFinding => ({ forms: null, fieldsBy: null, municipality: null, children: null, notes: [] });

/**
 * What a person sees inside `root` (a page, a modal's tab), as PageInfo: a text field is named by
 * its <label>, or else by its placeholder; a custom list (a combobox with its listbox) is reported
 * as a select whose options are the list's items. `shape` counts labelled and placeholder-only fields.
 */
function scopedInfo(root: Element): Omit<PageInfo, 'url' | 'status'> & { shape: { labelled: number; placeholders: number; select: boolean; list: boolean } } {
  const text = (el: Element | null | undefined) => ((el as HTMLElement | null)?.innerText ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const visible = (el: Element) => !!((el as HTMLElement).offsetWidth || (el as HTMLElement).offsetHeight || el.getClientRects().length);
  const labels: Array<{ text: string; kind: string }> = [];
  const selects: Array<{ label: string; options: string[] }> = [];
  const shape = { labelled: 0, placeholders: 0, select: false, list: false };
  for (const el of Array.from(root.querySelectorAll('input, select, textarea'))) {
    const input = el as HTMLInputElement;
    if (input.type === 'hidden' || !visible(el)) continue;
    const label = text(input.labels?.[0]) || (input.getAttribute('aria-label') ?? '').trim();
    const placeholder = (input.getAttribute('placeholder') ?? '').trim();
    const isList = input.getAttribute('role') === 'combobox' || input.getAttribute('aria-haspopup') === 'listbox';
    const kind = el.tagName === 'SELECT' || isList ? 'select' : el.tagName === 'TEXTAREA' ? 'text' : (input.type || 'text').toLowerCase();
    const name = label || placeholder;
    if (!name) continue;
    if (kind !== 'checkbox' && kind !== 'radio') {
      if (label) shape.labelled++;
      else shape.placeholders++;
    }
    labels.push({ text: name, kind });
    if (el.tagName === 'SELECT') {
      shape.select = true;
      selects.push({ label: name, options: Array.from((el as HTMLSelectElement).options).map((o) => o.text.trim()).filter(Boolean) });
    } else if (isList) {
      shape.list = true;
      const id = input.getAttribute('aria-controls');
      const list = (id && document.getElementById(id)) || el.parentElement?.querySelector('[role=listbox]');
      selects.push({ label: name, options: list ? Array.from(list.querySelectorAll('[role=option]')).map((o) => text(o) || (o.textContent ?? '').trim()).filter(Boolean) : [] });
    }
  }
  const buttons = Array.from(root.querySelectorAll('button, input[type=submit], [role=button]'))
    .filter(visible)
    .map((b) => ({ text: b.tagName === 'INPUT' ? (b as HTMLInputElement).value : text(b), kind: (b as HTMLButtonElement).type === 'submit' ? 'submit' : 'button' }));
  const iframes = Array.from(root.querySelectorAll('iframe')).map((f) => ({ src: f.getAttribute('src') ?? '', title: f.getAttribute('title') ?? '' }));
  return { labels, buttons, iframes, selects, text: text(root), shape };
}

type Scoped = Awaited<ReturnType<typeof scopedInfo>>;

export interface PublicForms {
  register: PageInfo | null;
  login: PageInfo | null;
}

const fieldsByOf = (shape: Scoped['shape']): PublicStructure['fieldsBy'] | null =>
  shape.labelled + shape.placeholders === 0 ? null : shape.labelled >= shape.placeholders ? 'label' : 'placeholder';

/**
 * The registration and login forms and the structure they show. `open` loads a path of the site
 * (the survey's own, which keeps the page's source for the text scan). The register page is read
 * as it is; when it shows no form with fields, the header link named like the registration opens
 * the modal, and its tabs are read one by one (nothing is typed or sent).
 */
export async function surveyPublicForms(
  page: Page,
  o: { texts: Profile['publicTexts']; paths: Profile['publicPaths']; timeoutMs: number; open: (path: string) => Promise<PageInfo>; shot: (name: string) => Promise<void> },
  found: PublicStructureFinding,
): Promise<PublicForms> {
  const wait = { timeout: o.timeoutMs };
  const reg = await o.open(o.paths.register);
  const whole = await page.locator('body').evaluate(scopedInfo);
  if (whole.shape.labelled + whole.shape.placeholders >= 3) {
    // The registration form is on the page itself.
    found.forms = 'pages';
    found.fieldsBy = fieldsByOf(whole.shape);
    found.municipality = whole.shape.select ? 'select' : whole.shape.list ? 'list' : null;
    await o.shot('site-register');
    const register = found.fieldsBy === 'placeholder' ? { ...reg, ...strip(whole) } : reg;
    const loginPage = await o.open(o.paths.login);
    const loginWhole = await page.locator('body').evaluate(scopedInfo);
    await o.shot('site-login');
    return { register, login: found.fieldsBy === 'placeholder' ? { ...loginPage, ...strip(loginWhole) } : loginPage };
  }
  // No form on the page: a modal opened by the header's link.
  const opener = page.getByRole('link', { name: o.texts.register }).or(page.getByRole('button', { name: o.texts.register })).first();
  if ((await opener.count()) === 0) {
    found.notes.push(`на странице ${o.paths.register} нет ни формы регистрации, ни ссылки «${o.texts.register}», открывающей её`);
    return { register: reg, login: null };
  }
  await opener.click(wait);
  const dialog = page.getByRole('dialog');
  const tab = async (name: string): Promise<Locator | null> => {
    const t = dialog.getByRole('tab', { name });
    if ((await t.count()) === 0) return null;
    await t.first().click(wait);
    const panel = dialog.getByRole('tabpanel', { name });
    await panel.first().waitFor({ state: 'visible', ...wait });
    return panel.first();
  };
  await dialog.first().waitFor({ state: 'visible', ...wait }).catch(() => undefined);
  if ((await dialog.count()) === 0) {
    found.notes.push(`ссылка «${o.texts.register}» не открыла окно с формой регистрации`);
    return { register: reg, login: null };
  }
  found.forms = 'modal';
  const regPanel = (await tab(o.texts.register)) ?? dialog.first();
  const regInfo = await regPanel.evaluate(scopedInfo);
  found.fieldsBy = fieldsByOf(regInfo.shape);
  found.municipality = regInfo.shape.select ? 'select' : regInfo.shape.list ? 'list' : null;
  await o.shot('site-register');
  const register: PageInfo = { ...reg, ...strip(regInfo) };
  const loginPanel = await tab(o.texts.login);
  if (!loginPanel) {
    found.notes.push(`в окне регистрации нет вкладки «${o.texts.login}»`);
    return { register, login: null };
  }
  const loginInfo = await loginPanel.evaluate(scopedInfo);
  await o.shot('site-login');
  return { register, login: { ...reg, ...strip(loginInfo) } };
}

const strip = (x: Scoped): Omit<PageInfo, 'url' | 'status'> => ({ labels: x.labels, buttons: x.buttons, iframes: x.iframes, selects: x.selects, text: x.text });

/**
 * The sample user's cabinet: logs in (the only write) with the structure found so far, opens
 * «ДЕТИ» and tells a list with «ДОБАВИТЬ РЕБЕНКА» from the child form shown at once. Nothing is
 * clicked inside the tab.
 */
export async function surveyChildrenTab(
  page: Page,
  o: { baseUrl: string; profile: Profile; timeoutMs: number; email: string; password: string; shot: (name: string) => Promise<void> },
  found: PublicStructureFinding,
): Promise<void> {
  const t = o.profile.publicTexts;
  const site = new PublicSite(page, { baseUrl: o.baseUrl, profile: o.profile, timeoutMs: o.timeoutMs });
  const login = await site.login(o.email, o.password);
  if (login !== 'ok') {
    found.notes.push(
      login === 'email-not-confirmed'
        ? `вход в кабинет заглушки ${o.email} не удался: сайт просит подтвердить e-mail — вкладка «${t.childrenTab}» не осмотрена`
        : `вход в кабинет заглушки ${o.email} не удался: неверный пароль в NAVBOT_SAMPLE_PASSWORD — вкладка «${t.childrenTab}» не осмотрена`,
    );
    return;
  }
  const tab = page.getByRole('tab', { name: t.childrenTab });
  if ((await tab.count()) === 0) {
    found.notes.push(`в личном кабинете нет вкладки «${t.childrenTab}»`);
    return;
  }
  await tab.first().click({ timeout: o.timeoutMs });
  const panel = page.getByRole('tabpanel', { name: t.childrenTab });
  const add = panel.getByRole('button', { name: t.addChild });
  const table = panel.getByRole('table');
  const save = panel.getByRole('button', { name: t.save });
  // The list (its add button, its table) or the form (its save button shown without a click).
  await add.or(table).or(save).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: o.timeoutMs });
  await o.shot('site-children');
  if ((await add.count()) > 0 && (await add.first().isVisible())) found.children = 'list';
  else if (await save.first().isVisible()) found.children = 'form';
  else found.children = 'list';
}
