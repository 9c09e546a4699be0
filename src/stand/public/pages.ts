// HTML of the public site's pages. Texts come from the stand's settings (a region's variant).
import type { StandSettings } from '../settings.js';
import type { SiteUser } from '../state.js';
import { CABINET_SCRIPT, COMMON_SCRIPT, LOGIN_SCRIPT, REGISTER_SCRIPT } from './client.js';
import { SITE_CSS } from './style.js';
import { PUBLIC_MESSAGES } from './validation.js';
import { CAPTCHA_MESSAGE_TYPE, captchaWidgetField } from './captcha.js';
import { MODAL_CSS, MODAL_SCRIPT, modalBody, modalLinks, type ModalTab } from './modal.js';
import { KIDS_FORM_CSS, KIDS_FORM_SCRIPT, kidsFormPanel, type KidView } from './kids-form.js';

type Texts = StandSettings['publicTexts'];
type Active = 'register' | 'login' | 'forgot' | 'cabinet';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe to embed in a <script> element. */
const embed = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export function formatPhone(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(-10);
  return d.length === 10 ? `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}` : digits;
}

function layout(t: Texts, o: { title: string; active: Active; user?: SiteUser; body: string; script: string; modal?: boolean }): string {
  const link = (href: string, text: string, key: Active) =>
    `<a href="${href}"${o.active === key ? ' aria-current="page"' : ''}>${esc(text)}</a>`;
  const nav = o.user
    ? `${link('/cabinet', t.cabinet, 'cabinet')}<button type="button" data-action="logout">${esc(t.logout)}</button>`
    : o.modal
      ? modalLinks(t)
      : `${link('/', t.register, 'register')}${link('/login', t.login, 'login')}${link('/forgot', t.forgot, 'forgot')}`;
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} — ${esc(t.siteTitle)}</title>
<style>${SITE_CSS}${MODAL_CSS}${KIDS_FORM_CSS}</style>
</head>
<body>
<header class="site-header"><div class="inner">
<a class="brand" href="/">${esc(t.siteTitle)}</a>
<nav class="site-nav" aria-label="Основное меню">${nav}</nav>
</div></header>
<main>${o.body}</main>
<footer class="site-footer">Учебный стенд. Данные вымышлены и хранятся только в памяти.</footer>
<script>window.SITE = ${embed({ msg: PUBLIC_MESSAGES, text: t, captchaMessage: CAPTCHA_MESSAGE_TYPE })};</script>
<script>${COMMON_SCRIPT}</script>
<script>${o.script}</script>
</body>
</html>`;
}

function field(id: string, label: string, control: string): string {
  return `<div class="field">
<label for="${id}">${esc(label)}</label>
${control}
<div class="field-error" role="alert" id="${id}-error" data-error-for="${id}"></div>
</div>`;
}

function input(id: string, type: string, extra = ''): string {
  return `<input type="${type}" id="${id}" name="${id}" aria-describedby="${id}-error"${extra ? ` ${extra}` : ''}>`;
}

function checkbox(id: string, label: string): string {
  return `<div class="field field-check${id === 'captcha' ? ' captcha' : ''}">
<input type="checkbox" id="${id}" name="${id}" aria-describedby="${id}-error">
<label for="${id}">${esc(label)}</label>
<div class="field-error" role="alert" id="${id}-error" data-error-for="${id}"></div>
</div>`;
}

function submitRow(text: string): string {
  return `<div class="buttons"><button type="submit" class="btn">${esc(text)}</button><span class="busy" aria-hidden="true">${esc(PUBLIC_MESSAGES.sending)}</span></div>
<div class="form-status" role="status" aria-live="polite"></div>`;
}

/** `modal-register`: the home page with the modal, open on `open` (/login, /forgot) or closed (/). */
export function modalPage(s: StandSettings, open: ModalTab | null, user?: SiteUser, notice?: string): string {
  const t = s.publicTexts;
  return layout(t, { title: t.siteTitle, active: open ?? 'register', user, body: modalBody(s, open, notice), script: MODAL_SCRIPT, modal: true });
}

export function registerPage(s: StandSettings, user?: SiteUser): string {
  if (s.publicForms === 'modal') return modalPage(s, null, user);
  const t = s.publicTexts;
  const options = ['<option value=""></option>', ...s.municipalities.map((m) => `<option value="${esc(m)}">${esc(m)}</option>`)].join('');
  const body = `<section class="card narrow">
<h1>${esc(t.register)}</h1>
<form id="register-form" aria-label="${esc(t.register)}" aria-busy="false" novalidate>
${field('municipality', t.municipality, `<select id="municipality" name="municipality" aria-describedby="municipality-error">${options}</select>`)}
${field('lastName', t.lastName, input('lastName', 'text', 'autocomplete="family-name"'))}
${field('firstName', t.firstName, input('firstName', 'text', 'autocomplete="given-name"'))}
${field('patronymic', t.patronymic, input('patronymic', 'text', 'autocomplete="additional-name"'))}
${field('phone', t.phone, input('phone', 'tel', 'placeholder="+7 (___) ___-__-__" inputmode="tel" autocomplete="tel"'))}
${field('email', t.email, input('email', 'email', 'autocomplete="email"'))}
${field('password', t.password, input('password', 'password', 'autocomplete="new-password"'))}
${checkbox('consent', t.consent)}
${s.rules.captcha ? checkbox('captcha', t.captcha) : ''}
${s.rules.captchaWidget ? captchaWidgetField(s.captchaSiteKey) : ''}
${submitRow(t.submitRegister)}
</form>
</section>`;
  return layout(t, { title: t.register, active: 'register', user, body, script: REGISTER_SCRIPT });
}

export function loginPage(s: StandSettings, notice?: string): string {
  if (s.publicForms === 'modal') return modalPage(s, 'login', undefined, notice);
  const t = s.publicTexts;
  const body = `<section class="card narrow">
<h1>${esc(t.login)}</h1>
${notice ? `<p class="form-status is-error" role="alert">${esc(notice)}</p>` : ''}
<form id="login-form" aria-label="${esc(t.login)}" aria-busy="false" novalidate>
${field('email', t.loginEmail, input('email', 'email', 'autocomplete="username"'))}
${field('password', t.loginPassword, input('password', 'password', 'autocomplete="current-password"'))}
${s.rules.captchaLogin ? captchaWidgetField(s.captchaSiteKey) : ''}
${submitRow(t.submitLogin)}
</form>
</section>`;
  return layout(t, { title: t.login, active: 'login', body, script: LOGIN_SCRIPT });
}

export function forgotPage(s: StandSettings): string {
  if (s.publicForms === 'modal') return modalPage(s, 'forgot');
  const t = s.publicTexts;
  const body = `<section class="card narrow"><h1>${esc(t.forgot)}</h1><p>${esc(PUBLIC_MESSAGES.forgotUnavailable)}</p></section>`;
  return layout(t, { title: t.forgot, active: 'forgot', body, script: '' });
}

/** Stable tab keys, in the order of `publicTexts.tabs`; the ДЕТИ tab is found by its text. */
const TAB_KEYS = ['profile', 'children', 'achievements', 'orders', 'views', 'deferred', 'password'];

function tabKey(t: Texts, text: string, i: number): string {
  if (text === t.childrenTab) return 'children';
  const key = TAB_KEYS[i] ?? `tab${i}`;
  return key === 'children' ? `tab${i}` : key;
}

function profilePanel(u: SiteUser): string {
  const rows: Array<[string, string]> = [
    ['Фамилия', u.lastName],
    ['Имя', u.firstName],
    ['Отчество', u.patronymic],
    ['Телефон', formatPhone(u.phone)],
    ['Email', u.email],
    ['Муниципалитет', u.municipality],
  ];
  return `<dl class="profile">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

function childrenPanel(t: Texts): string {
  const sex = `<select id="child-sex" name="sex" aria-describedby="child-sex-error"><option value=""></option><option value="male">${esc(t.male)}</option><option value="female">${esc(t.female)}</option></select>`;
  const f = (id: string, name: string, label: string, control: string) =>
    `<div class="field"><label for="${id}">${esc(label)}</label>${control}<div class="field-error" role="alert" id="${id}-error" data-error-for="${name}"></div></div>`;
  const text = (id: string, name: string, type = 'text') => `<input type="${type}" id="${id}" name="${name}" aria-describedby="${id}-error">`;
  return `<div class="toolbar"><button type="button" class="btn" id="add-child">${esc(t.addChild)}</button></div>
<div id="children-status" class="form-status" role="status" aria-live="polite"></div>
<form id="child-form" class="child-form" aria-label="${esc(t.addChild)}" aria-busy="false" novalidate hidden>
<div class="row">
${f('child-lastName', 'lastName', t.childLastName, text('child-lastName', 'lastName'))}
${f('child-firstName', 'firstName', t.childFirstName, text('child-firstName', 'firstName'))}
${f('child-patronymic', 'patronymic', t.childPatronymic, text('child-patronymic', 'patronymic'))}
${f('child-birthDate', 'birthDate', t.childBirthDate, text('child-birthDate', 'birthDate', 'date'))}
${f('child-sex', 'sex', t.childSex, sex)}
</div>
<div class="buttons"><button type="submit" class="btn">${esc(t.save)}</button><button type="reset" class="btn secondary">${esc(t.cancel)}</button><span class="busy" aria-hidden="true">${esc(PUBLIC_MESSAGES.sending)}</span></div>
<div class="form-status" role="status" aria-live="polite"></div>
</form>
<div id="children-list" aria-busy="true">${esc(PUBLIC_MESSAGES.loading)}</div>`;
}

export function cabinetPage(s: StandSettings, user: SiteUser, children: readonly KidView[] = []): string {
  const t = s.publicTexts;
  const tabs = t.tabs.map((text, i) => ({ text, key: tabKey(t, text, i) }));
  const panelBody = (key: string) =>
    key === 'profile'
      ? profilePanel(user)
      : key === 'children'
        ? s.publicChildren === 'form'
          ? kidsFormPanel(t, user, children)
          : childrenPanel(t)
        : `<p class="muted">${esc(key === 'password' ? PUBLIC_MESSAGES.passwordTab : PUBLIC_MESSAGES.emptyTab)}</p>`;
  const body = `<section class="card">
<h1>${esc(t.cabinet)}</h1>
<div role="tablist" aria-label="${esc(t.cabinet)}">
${tabs.map((x, i) => `<button type="button" role="tab" id="tab-${x.key}" data-tab="${x.key}" aria-controls="panel-${x.key}" aria-selected="${i === 0}"${i === 0 ? '' : ' tabindex="-1"'}>${esc(x.text)}</button>`).join('\n')}
</div>
${tabs.map((x, i) => `<div role="tabpanel" id="panel-${x.key}" aria-labelledby="tab-${x.key}"${i === 0 ? '' : ' hidden'}>${panelBody(x.key)}</div>`).join('\n')}
</section>`;
  return layout(t, { title: t.cabinet, active: 'cabinet', user, body, script: s.publicChildren === 'form' ? KIDS_FORM_SCRIPT : CABINET_SCRIPT });
}
