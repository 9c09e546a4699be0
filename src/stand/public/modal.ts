// The `modal-register` variant (README §7; the memo's Рис. 1): the home page's header links open ONE
// modal whose tabs are РЕГИСТРАЦИЯ / ВХОД / НЕ ПОМНЮ ПАРОЛЬ. Its fields carry the memo's texts as
// placeholders, not labels (check boxes keep their captions), and the municipality is a custom
// list: a read-only field that opens a list of items, not a native <select>. `/login` and
// `/forgot` show the same home page with the modal open on their tab (the cabinet's redirect of an
// expired session keeps working). The captcha rules (check box, widget) and the e-mail
// confirmation work as on the page forms: the scripts are the same, found by the form's fields.
import type { StandSettings } from '../settings.js';
import type { SiteUser } from '../state.js';
import { captchaWidgetField } from './captcha.js';
import { LOGIN_SCRIPT, REGISTER_SCRIPT } from './client.js';
import { PUBLIC_MESSAGES } from './validation.js';

type Texts = StandSettings['publicTexts'];
export type ModalTab = 'register' | 'login' | 'forgot';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export const MODAL_CSS = `
.modal-backdrop{position:fixed;inset:0;background:rgba(15,23,42,.45);display:flex;align-items:flex-start;justify-content:center;overflow:auto;padding:40px 12px}
.modal-backdrop[hidden]{display:none}
.modal{background:#fff;border-radius:8px;max-width:600px;width:100%;padding:24px 28px;position:relative}
.modal .close{position:absolute;right:12px;top:8px;background:none;border:0;font-size:22px;cursor:pointer}
.select-list{position:relative}
.select-list input{cursor:pointer}
.select-list [role=listbox]{position:absolute;z-index:5;left:0;right:0;max-height:220px;overflow:auto;background:#fff;border:1px solid #c5ccd6;border-radius:5px;margin:2px 0 0;padding:4px 0;list-style:none}
.select-list [role=option]{padding:7px 11px;cursor:pointer}
.select-list [role=option]:hover,.select-list [role=option][aria-selected="true"]{background:#e6eef8}
`;

/** A text field found by its placeholder only (no <label>), with its error line. */
function pfield(id: string, name: string, type: string, placeholder: string, extra = ''): string {
  return `<div class="field">
<input type="${type}" id="${id}" name="${name}" placeholder="${esc(placeholder)}" aria-describedby="${id}-error"${extra ? ` ${extra}` : ''}>
<div class="field-error" role="alert" id="${id}-error" data-error-for="${name}"></div>
</div>`;
}

function check(id: string, name: string, label: string, extraClass = ''): string {
  return `<div class="field field-check${extraClass}">
<input type="checkbox" id="${id}" name="${name}" aria-describedby="${id}-error">
<label for="${id}">${esc(label)}</label>
<div class="field-error" role="alert" id="${id}-error" data-error-for="${name}"></div>
</div>`;
}

/** The custom municipality list: a read-only field with the placeholder, a hidden value, a listbox. */
function municipalityList(t: Texts, municipalities: readonly string[]): string {
  const items = municipalities.map((m) => `<li role="option" aria-selected="false" data-value="${esc(m)}">${esc(m)}</li>`).join('');
  return `<div class="field select-list">
<input type="text" id="reg-municipality" readonly role="combobox" aria-expanded="false" aria-controls="municipality-list" placeholder="${esc(t.municipality)}" aria-describedby="reg-municipality-error">
<input type="hidden" name="municipality" value="">
<ul role="listbox" id="municipality-list" hidden>${items}</ul>
<div class="field-error" role="alert" id="reg-municipality-error" data-error-for="municipality"></div>
</div>`;
}

const submitRow = (text: string) =>
  `<div class="buttons"><button type="submit" class="btn">${esc(text)}</button><span class="busy" aria-hidden="true">${esc(PUBLIC_MESSAGES.sending)}</span></div>
<div class="form-status" role="status" aria-live="polite"></div>`;

/** The header's links that open the modal (for a signed-out visitor). */
export function modalLinks(t: Texts): string {
  return (['register', 'login', 'forgot'] as const).map((k) => `<a href="#${k}" data-open="${k}">${esc(t[k])}</a>`).join('');
}

/** The home page's body: a short landing text and the modal (hidden unless `open`). */
export function modalBody(s: StandSettings, open: ModalTab | null, notice?: string): string {
  const t = s.publicTexts;
  const tabs: Array<[ModalTab, string]> = [
    ['register', t.register],
    ['login', t.login],
    ['forgot', t.forgot],
  ];
  const active = open ?? 'register';
  const register = `<form id="register-form" aria-label="${esc(t.register)}" aria-busy="false" novalidate>
${municipalityList(t, s.municipalities)}
${pfield('reg-lastName', 'lastName', 'text', t.lastName, 'autocomplete="family-name"')}
${pfield('reg-firstName', 'firstName', 'text', t.firstName, 'autocomplete="given-name"')}
${pfield('reg-patronymic', 'patronymic', 'text', t.patronymic, 'autocomplete="additional-name"')}
${pfield('reg-phone', 'phone', 'tel', t.phone, 'inputmode="tel" autocomplete="tel"')}
${pfield('reg-email', 'email', 'email', t.email, 'autocomplete="email"')}
${pfield('reg-password', 'password', 'password', t.password, 'autocomplete="new-password"')}
${check('reg-consent', 'consent', t.consent)}
${s.rules.captcha ? check('reg-captcha', 'captcha', t.captcha, ' captcha') : ''}
${s.rules.captchaWidget ? captchaWidgetField(s.captchaSiteKey) : ''}
${submitRow(t.submitRegister)}
</form>`;
  const login = `${notice ? `<p class="form-status is-error" role="alert">${esc(notice)}</p>` : ''}<form id="login-form" aria-label="${esc(t.login)}" aria-busy="false" novalidate>
${pfield('login-email', 'email', 'email', t.loginEmail, 'autocomplete="username"')}
${pfield('login-password', 'password', 'password', t.loginPassword, 'autocomplete="current-password"')}
${submitRow(t.submitLogin)}
</form>`;
  const forgot = `<p>${esc(PUBLIC_MESSAGES.forgotUnavailable)}</p>`;
  const panel = { register, login, forgot };
  return `<section class="card"><h1>${esc(t.siteTitle)}</h1><p class="muted">Каталог программ дополнительного образования. Чтобы записать ребенка, зарегистрируйтесь или войдите.</p></section>
<div class="modal-backdrop" id="auth-modal"${open ? '' : ' hidden'}>
<div class="modal" role="dialog" aria-modal="true" aria-label="${esc(t.siteTitle)}">
<button type="button" class="close" aria-label="Закрыть" data-close>×</button>
<div role="tablist" aria-label="${esc(t.siteTitle)}">
${tabs.map(([k, text]) => `<button type="button" role="tab" id="mtab-${k}" data-tab="${k}" aria-controls="mpanel-${k}" aria-selected="${k === active}"${k === active ? '' : ' tabindex="-1"'}>${esc(text)}</button>`).join('\n')}
</div>
${tabs.map(([k]) => `<div role="tabpanel" id="mpanel-${k}" aria-labelledby="mtab-${k}"${k === active ? '' : ' hidden'}>${panel[k]}</div>`).join('\n')}
</div>
</div>`;
}

/** Opens and closes the modal, switches its tabs, runs the custom list; then the forms' own scripts. */
export const MODAL_SCRIPT = `
(function () {
  var modal = document.getElementById('auth-modal');
  var tabs = Array.prototype.slice.call(modal.querySelectorAll('[role="tab"]'));
  function show(key) {
    modal.hidden = false;
    tabs.forEach(function (t) {
      var on = t.dataset.tab === key;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    });
  }
  document.querySelectorAll('[data-open]').forEach(function (a) {
    a.addEventListener('click', function (ev) { ev.preventDefault(); show(a.dataset.open); });
  });
  tabs.forEach(function (t) { t.addEventListener('click', function () { show(t.dataset.tab); }); });
  modal.querySelector('[data-close]').addEventListener('click', function () { modal.hidden = true; });
  var key = location.hash.slice(1);
  if (key === 'register' || key === 'login' || key === 'forgot') show(key);
  // The custom municipality list.
  var field = document.getElementById('reg-municipality');
  var list = document.getElementById('municipality-list');
  var value = document.querySelector('#register-form input[name="municipality"]');
  function toggle(on) { list.hidden = !on; field.setAttribute('aria-expanded', on ? 'true' : 'false'); }
  field.addEventListener('click', function () { toggle(list.hidden); });
  list.querySelectorAll('[role="option"]').forEach(function (o) {
    o.addEventListener('click', function () {
      list.querySelectorAll('[role="option"]').forEach(function (x) { x.setAttribute('aria-selected', x === o ? 'true' : 'false'); });
      value.value = o.dataset.value;
      field.value = o.dataset.value;
      toggle(false);
    });
  });
})();
${REGISTER_SCRIPT}
${LOGIN_SCRIPT}
`;
