// HTML of the registry app («АИС «Реестр сертификатов»», the organisation's cabinet under
// /registry/). Server-rendered pages with plain forms; a little script only opens the pop-up
// windows (<dialog>), reveals the form's second part behind «Получить сертификат» and hides the
// applicant's name when the over-14 checkbox is ticked. What a robot reads: see the stand README.
import type { StandSettings } from '../settings.js';
import type { Application, DocumentType } from '../state.js';
import { DOCUMENT_TYPES } from '../state.js';
import { esc, formatPhone } from '../public/pages.js';
import { SITE_CSS } from '../public/style.js';
import { alreadyDone, ruleRefusal, statusOf, statusText, type RegistryAction } from './rules.js';
import type { FieldErrors, FormValues } from './validation.js';

type Texts = StandSettings['registryTexts'];
type Menu = 'create' | 'search' | 'list' | 'none';

export const REGISTRY_BASE = '/registry';

/** «{number}» → the value. */
export const fill = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k]! : m));

/** YYYY-MM-DD → ДД.ММ.ГГГГ. */
export const dateRu = (iso: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso);

export function documentTypeName(t: Texts, type: DocumentType): string {
  return { 'birth-certificate': t.documentTypeBirthCertificate, passport: t.documentTypePassport, other: t.documentTypeOther }[type];
}

const embed = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const REGISTRY_CSS = `
.site-header{background:#2f5d50}
.org{font-size:12px;opacity:.85;width:100%}
.site-nav form{margin:0}
.site-nav a[aria-current="page"]{border-bottom-color:#ffd24d}
fieldset{border:1px solid #dfe4ea;border-radius:6px;padding:14px 18px 4px;margin:0 0 18px}
legend{font-weight:700;padding:0 6px}
.row{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:0 16px}
textarea{width:100%;min-height:90px;padding:9px 11px;border:1px solid #c5ccd6;border-radius:5px;font:inherit}
input[readonly]{background:#f3f5f8}
.picker{display:flex;gap:10px;align-items:center}
.picker input{flex:1}
.btn.link{background:none;color:#1d5fa8;padding:0;text-decoration:underline}
a.action{font-weight:600;font-size:16px}
dialog{border:0;border-radius:8px;box-shadow:0 10px 40px rgba(0,0,0,.3);padding:24px 28px;min-width:360px;max-width:560px}
dialog::backdrop{background:rgba(20,30,40,.45)}
dialog h2{font-size:18px;margin:0 0 14px}
.choice-list{list-style:none;margin:0 0 10px;padding:0;max-height:320px;overflow:auto;border:1px solid #dfe4ea;border-radius:5px}
.choice-list li{border-bottom:1px solid #eef1f4}
.choice-list label{display:flex;gap:10px;padding:8px 12px;cursor:pointer}
dl.fields{display:grid;grid-template-columns:260px 1fr;gap:8px 16px;margin:0 0 18px}
dl.fields dt{color:#6b7280}
dl.fields dd{margin:0;font-weight:600}
.app-status{font-size:15px}
.app-status strong[data-status="refused"]{color:#c62828}
.app-status strong[data-status="received"]{color:#2e7d32}
.actions{display:flex;flex-wrap:wrap;gap:10px;margin-top:12px}
.actions form{margin:0}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:0 16px;align-items:end}
`;

const SCRIPT = `
(function () {
  var MSG = window.REGISTRY || {};
  document.querySelectorAll('[data-opens]').forEach(function (b) {
    b.addEventListener('click', function () {
      var d = document.getElementById(b.getAttribute('data-opens'));
      if (d && !d.open) d.showModal();
    });
  });
  document.querySelectorAll('[data-closes]').forEach(function (b) {
    b.addEventListener('click', function () { b.closest('dialog').close(); });
  });
  document.querySelectorAll('dialog[data-open-on-load]').forEach(function (d) { d.showModal(); });
  var md = document.getElementById('municipality-dialog');
  if (md) {
    var hidden = document.getElementById('municipality');
    md.addEventListener('close', function () { document.getElementById('municipality-choice-error').textContent = ''; });
    document.getElementById('choose-municipality').addEventListener('click', function () {
      md.querySelectorAll('input[name="municipality-choice"]').forEach(function (r) { r.checked = r.value === hidden.value; });
    });
    document.getElementById('municipality-choose').addEventListener('click', function () {
      var checked = md.querySelector('input[name="municipality-choice"]:checked');
      if (!checked) { document.getElementById('municipality-choice-error').textContent = MSG.municipalityRequired; return; }
      hidden.value = checked.value;
      document.getElementById('municipality-display').value = checked.value;
      document.getElementById('municipality-error').textContent = '';
      md.close();
    });
  }
  var over = document.getElementById('over14');
  if (over) {
    var sync = function () {
      var names = document.getElementById('applicant-names');
      names.hidden = over.checked;
      document.getElementById('over14-note').hidden = !over.checked;
      names.querySelectorAll('input').forEach(function (i) { i.disabled = over.checked; });
    };
    over.addEventListener('change', sync);
    sync();
  }
  var link = document.getElementById('get-certificate');
  if (link) {
    link.addEventListener('click', function (e) {
      e.preventDefault();
      var section = document.getElementById('certificate-section');
      section.hidden = false;
      link.setAttribute('aria-expanded', 'true');
      var first = section.querySelector('input:not([type=hidden]):not([disabled])');
      if (first) first.focus();
    });
  }
  document.querySelectorAll('form[data-busy]').forEach(function (f) {
    f.addEventListener('submit', function () {
      f.setAttribute('aria-busy', 'true');
      f.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
    });
  });
})();
`;

function layout(s: StandSettings, o: { title: string; menu: Menu; signedIn: boolean; body: string }): string {
  const t = s.registryTexts;
  const link = (href: string, text: string, key: Menu, id: string) =>
    `<a href="${REGISTRY_BASE}${href}" id="${id}"${o.menu === key ? ' aria-current="page"' : ''}>${esc(text)}</a>`;
  const nav = o.signedIn
    ? `${link('/applications/new', t.menuCreate, 'create', 'menu-create')}${link('/search', t.menuSearch, 'search', 'menu-search')}${link('/applications', t.menuList, 'list', 'menu-list')}<form method="post" action="${REGISTRY_BASE}/logout"><button type="submit" id="logout">${esc(t.logout)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} — ${esc(t.appTitle)}</title>
<style>${SITE_CSS}${REGISTRY_CSS}</style>
</head>
<body data-app="registry">
<header class="site-header"><div class="inner">
<a class="brand" href="${REGISTRY_BASE}/">${esc(t.appTitle)}</a>
<nav class="site-nav" aria-label="Меню">${nav}</nav>
${o.signedIn ? `<div class="org">${esc(t.cabinetTitle)}: ${esc(t.organization)}</div>` : ''}
</div></header>
<main>${o.body}</main>
<footer class="site-footer">Учебный стенд. Данные вымышлены и хранятся только в памяти.</footer>
<script>window.REGISTRY = ${embed({ municipalityRequired: t.municipalityRequired })};</script>
<script>${SCRIPT}</script>
</body>
</html>`;
}

function errorBox(id: string, error: string | undefined): string {
  return `<div class="field-error" role="alert" id="${id}-error" data-error-for="${id}">${esc(error ?? '')}</div>`;
}

const invalid = (error: string | undefined) => (error ? ' aria-invalid="true"' : '');

function field(id: string, label: string, control: string, error: string | undefined): string {
  return `<div class="field">
<label for="${id}">${esc(label)}</label>
${control}
${errorBox(id, error)}
</div>`;
}

function input(id: string, type: string, value: string, error: string | undefined, extra = ''): string {
  return `<input type="${type}" id="${id}" name="${id}" value="${esc(value)}" aria-describedby="${id}-error"${invalid(error)}${extra ? ` ${extra}` : ''}>`;
}

function select(id: string, options: Array<[string, string]>, value: string, error: string | undefined): string {
  const opts = [['', ''] as [string, string], ...options]
    .map(([v, text]) => `<option value="${esc(v)}"${v !== '' && v === value ? ' selected' : ''}>${esc(text)}</option>`)
    .join('');
  return `<select id="${id}" name="${id}" aria-describedby="${id}-error"${invalid(error)}>${opts}</select>`;
}

function checkbox(id: string, label: string, checked: boolean, error: string | undefined, extra = ''): string {
  return `<div class="field field-check">
<input type="checkbox" id="${id}" name="${id}"${checked ? ' checked' : ''} aria-describedby="${id}-error"${invalid(error)}${extra ? ` ${extra}` : ''}>
<label for="${id}">${esc(label)}</label>
${errorBox(id, error)}
</div>`;
}

function statusLine(status: { text: string; ok: boolean } | undefined): string {
  if (!status) return '<p id="status-line" class="form-status" role="status" aria-live="polite"></p>';
  return `<p id="status-line" class="form-status ${status.ok ? 'is-ok' : 'is-error'}" role="status" aria-live="polite" data-outcome="${status.ok ? 'ok' : 'error'}">${esc(status.text)}</p>`;
}

// ---- login ------------------------------------------------------------------------------------

export function loginPage(s: StandSettings, o: { login?: string; next?: string; error?: string; notice?: string } = {}): string {
  const t = s.registryTexts;
  const body = `<section class="card narrow">
<h1>${esc(t.loginTitle)}</h1>
${o.notice ? `<p class="form-status is-error" role="alert" id="login-notice">${esc(o.notice)}</p>` : ''}
<form id="login-form" method="post" action="${REGISTRY_BASE}/login" aria-label="${esc(t.loginTitle)}" novalidate data-busy>
${o.next ? `<input type="hidden" name="next" value="${esc(o.next)}">` : ''}
${field('login', t.loginLogin, input('login', 'text', o.login ?? '', undefined, 'autocomplete="username"'), undefined)}
${field('password', t.loginPassword, input('password', 'password', '', undefined, 'autocomplete="current-password"'), undefined)}
<div class="buttons"><button type="submit" class="btn" id="login-submit">${esc(t.loginButton)}</button></div>
${statusLine(o.error ? { text: o.error, ok: false } : undefined)}
</form>
</section>`;
  return layout(s, { title: t.loginTitle, menu: 'none', signedIn: false, body });
}

// ---- the application form (create and edit) ---------------------------------------------------

export interface FormPageOptions {
  mode: 'create' | 'edit';
  values: FormValues;
  errors: FieldErrors;
  /** The edit form's application. */
  application?: Application;
  /** The part behind «Получить сертификат» is open (after a post, or when the step is off). */
  certificateOpen: boolean;
  status?: { text: string; ok: boolean };
}

function documentOptions(s: StandSettings): Array<[string, string]> {
  const types = s.registryFormat.otherDocument ? DOCUMENT_TYPES : DOCUMENT_TYPES.filter((d) => d !== 'other');
  return types.map((d) => [d, documentTypeName(s.registryTexts, d)]);
}

function municipalityControl(s: StandSettings, value: string, error: string | undefined): string {
  const t = s.registryTexts;
  if (!s.registryFormat.municipalityPopup) {
    return field('municipality', t.municipality, select('municipality', s.municipalities.map((m) => [m, m]), value, error), error);
  }
  return `<div class="field">
<label for="municipality-display">${esc(t.municipality)}</label>
<div class="picker">
<input type="text" id="municipality-display" value="${esc(value)}" placeholder="${esc(t.municipalityNotChosen)}" readonly aria-describedby="municipality-error"${invalid(error)}>
<input type="hidden" id="municipality" name="municipality" value="${esc(value)}">
<button type="button" class="btn secondary" id="choose-municipality" data-opens="municipality-dialog" aria-haspopup="dialog">${esc(t.chooseMunicipality)}</button>
</div>
${errorBox('municipality', error)}
</div>`;
}

function municipalityDialog(s: StandSettings, value: string): string {
  if (!s.registryFormat.municipalityPopup) return '';
  const t = s.registryTexts;
  const items = s.municipalities
    .map(
      (m, i) =>
        `<li><label for="municipality-choice-${i}"><input type="radio" id="municipality-choice-${i}" name="municipality-choice" value="${esc(m)}"${m === value ? ' checked' : ''}>${esc(m)}</label></li>`,
    )
    .join('\n');
  return `<dialog id="municipality-dialog" aria-labelledby="municipality-dialog-title">
<h2 id="municipality-dialog-title">${esc(t.municipalityDialogTitle)}</h2>
<ul class="choice-list" id="municipality-list">
${items}
</ul>
<div class="field-error" role="alert" id="municipality-choice-error"></div>
<div class="buttons"><button type="button" class="btn" id="municipality-choose">${esc(t.choose)}</button><button type="button" class="btn secondary" data-closes>${esc(t.cancel)}</button></div>
</dialog>`;
}

export function formPage(s: StandSettings, o: FormPageOptions): string {
  const t = s.registryTexts;
  const v = (k: string) => o.values[k] ?? '';
  const e = o.errors;
  const over14 = v('over14') === 'on' || v('over14') === 'true' || v('over14') === '1';
  const edit = o.mode === 'edit' && o.application;
  const action = edit ? `${REGISTRY_BASE}/applications/${o.application!.id}/edit` : `${REGISTRY_BASE}/applications`;
  const title = edit ? fill(t.editTitle, { number: o.application!.number }) : t.createTitle;
  const step = o.mode === 'create' && s.registryFormat.certificateLinkStep;
  const open = !step || o.certificateOpen;
  const consents = edit
    ? `<fieldset id="consents"><legend>${esc(t.consentsSection)}</legend>
${t.consents.map((text, i) => checkbox(`consent${i}`, text, v(`consent${i}`) === 'on', e[`consent${i}`], 'data-consent')).join('\n')}
</fieldset>`
    : '';
  const body = `<section class="card">
<h1>${esc(title)}</h1>
${statusLine(o.status)}
<form id="application-form" method="post" action="${action}" aria-label="${esc(title)}" novalidate data-busy data-mode="${o.mode}">
<fieldset id="child-section"><legend>${esc(t.childSection)}</legend>
<div class="row">
${field('childLastName', t.childLastName, input('childLastName', 'text', v('childLastName'), e.childLastName), e.childLastName)}
${field('childFirstName', t.childFirstName, input('childFirstName', 'text', v('childFirstName'), e.childFirstName), e.childFirstName)}
${field('childPatronymic', t.childPatronymic, input('childPatronymic', 'text', v('childPatronymic'), e.childPatronymic), e.childPatronymic)}
${field('birthDate', t.birthDate, input('birthDate', 'date', v('birthDate'), e.birthDate), e.birthDate)}
${field('sex', t.sex, select('sex', [['male', t.male], ['female', t.female]], v('sex'), e.sex), e.sex)}
</div>
</fieldset>
<fieldset id="document-section"><legend>${esc(t.documentSection)}</legend>
<div class="row">
${field('documentType', t.documentType, select('documentType', documentOptions(s), v('documentType'), e.documentType), e.documentType)}
${field('documentSeries', t.documentSeries, input('documentSeries', 'text', v('documentSeries'), e.documentSeries), e.documentSeries)}
${field('documentNumber', t.documentNumber, input('documentNumber', 'text', v('documentNumber'), e.documentNumber, 'inputmode="numeric"'), e.documentNumber)}
</div>
</fieldset>
${step ? `<p><a href="#certificate-section" id="get-certificate" class="action" aria-controls="certificate-section" aria-expanded="${open}">${esc(t.getCertificate)}</a></p>` : ''}
<fieldset id="certificate-section"${open ? '' : ' hidden'}><legend>${esc(t.certificateSection)}</legend>
${checkbox('over14', t.over14, over14, e.over14)}
<p id="over14-note" class="muted"${over14 ? '' : ' hidden'}>${esc(t.over14Note)}</p>
<div id="applicant-names"${over14 ? ' hidden' : ''}>
<p class="muted">${esc(t.applicantSection)}</p>
<div class="row">
${field('applicantLastName', t.applicantLastName, input('applicantLastName', 'text', v('applicantLastName'), e.applicantLastName, over14 ? 'disabled' : ''), e.applicantLastName)}
${field('applicantFirstName', t.applicantFirstName, input('applicantFirstName', 'text', v('applicantFirstName'), e.applicantFirstName, over14 ? 'disabled' : ''), e.applicantFirstName)}
${field('applicantPatronymic', t.applicantPatronymic, input('applicantPatronymic', 'text', v('applicantPatronymic'), e.applicantPatronymic, over14 ? 'disabled' : ''), e.applicantPatronymic)}
</div>
</div>
<div class="row">
${field('phone', t.phone, input('phone', 'tel', v('phone'), e.phone, 'placeholder="+7 (___) ___-__-__" inputmode="tel"'), e.phone)}
${field('email', t.email, input('email', 'email', v('email'), e.email), e.email)}
</div>
${municipalityControl(s, v('municipality'), e.municipality)}
${consents}
<div class="buttons"><button type="submit" class="btn" id="send">${esc(t.send)}</button><span class="busy" aria-hidden="true">${esc(t.sending)}</span></div>
</fieldset>
</form>
${municipalityDialog(s, v('municipality'))}
</section>`;
  return layout(s, { title, menu: o.mode === 'create' ? 'create' : 'none', signedIn: true, body });
}

// ---- after «Отправить» ------------------------------------------------------------------------

export function createdPage(s: StandSettings, a: Application): string {
  const t = s.registryTexts;
  const body = `<section class="card" id="created" data-application-id="${a.id}" data-number="${esc(a.number)}" data-certificate-number="${esc(a.certificateNumber)}">
<h1>${esc(t.createdTitle)}</h1>
${statusLine({ text: fill(t.created, { number: a.number, certificate: a.certificateNumber }), ok: true })}
<dl class="fields">
<dt>${esc(t.applicationNumber)}</dt><dd id="application-number">${esc(a.number)}</dd>
<dt>${esc(t.certificateNumber)}</dt><dd id="certificate-number">${esc(a.certificateNumber)}</dd>
</dl>
<div class="actions">
<form method="get" action="${REGISTRY_BASE}/applications/${a.id}"><button type="submit" class="btn" id="open-application">${esc(t.openApplication)}</button></form>
<form method="get" action="${REGISTRY_BASE}/applications/new"><button type="submit" class="btn secondary" id="create-another">${esc(t.menuCreate)}</button></form>
</div>
</section>`;
  return layout(s, { title: t.createdTitle, menu: 'none', signedIn: true, body });
}

// ---- «Поиск заявки» ---------------------------------------------------------------------------

export function searchPage(s: StandSettings, o: { number?: string; certificate?: string; errors?: FieldErrors; notFound?: boolean } = {}): string {
  const t = s.registryTexts;
  const e = o.errors ?? {};
  const body = `<section class="card narrow">
<h1>${esc(t.searchTitle)}</h1>
<form id="search-form" method="post" action="${REGISTRY_BASE}/search" aria-label="${esc(t.searchTitle)}" novalidate data-busy>
${field('search-number', t.applicationNumber, `<input type="text" id="search-number" name="number" value="${esc(o.number ?? '')}" aria-describedby="search-number-error"${invalid(e.number)}>`, e.number)}
${field('search-certificate', t.certificateNumber, `<input type="text" id="search-certificate" name="certificate" value="${esc(o.certificate ?? '')}" inputmode="numeric" aria-describedby="search-certificate-error"${invalid(e.certificate)}>`, e.certificate)}
<div class="buttons"><button type="submit" class="btn" id="search-submit">${esc(t.searchButton)}</button></div>
${statusLine(o.notFound ? { text: t.notFound, ok: false } : undefined)}
</form>
</section>`;
  return layout(s, { title: t.searchTitle, menu: 'search', signedIn: true, body });
}

// ---- the list of the organisation's applications ----------------------------------------------

export function listPage(s: StandSettings, apps: Application[], filters: { lastName: string; firstName: string; birthDate: string }): string {
  const t = s.registryTexts;
  const rows = apps
    .map((a) => {
      const st = statusOf(a);
      const name = [a.child.lastName, a.child.firstName, a.child.patronymic].filter(Boolean).join(' ');
      const doc = `${documentTypeName(t, a.child.documentType)} ${a.child.documentSeries} № ${a.child.documentNumber}`.replace(/\s+/g, ' ');
      return `<tr data-application-id="${a.id}" data-number="${esc(a.number)}" data-certificate-number="${esc(a.certificateNumber)}" data-status="${st}">
<td><a href="${REGISTRY_BASE}/applications/${a.id}">${esc(a.number)}</a></td><td>${esc(a.certificateNumber)}</td><td>${esc(name)}</td><td>${esc(dateRu(a.child.birthDate))}</td><td>${esc(doc)}</td><td>${esc(a.municipality)}</td><td>${esc(statusText(t, st))}</td>
</tr>`;
    })
    .join('\n');
  const table =
    apps.length === 0
      ? `<p class="muted" id="applications-empty">${esc(t.listEmpty)}</p>`
      : `<table class="list" id="applications">
<thead><tr><th>${esc(t.applicationNumber)}</th><th>${esc(t.certificateNumber)}</th><th>${esc(t.childName)}</th><th>${esc(t.birthDate)}</th><th>${esc(t.document)}</th><th>${esc(t.municipality)}</th><th>${esc(t.status)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  const f = (id: string, name: string, label: string, type: string, value: string) =>
    `<div class="field"><label for="${id}">${esc(label)}</label><input type="${type}" id="${id}" name="${name}" value="${esc(value)}"></div>`;
  const body = `<section class="card">
<h1>${esc(t.listTitle)}</h1>
<form id="filter-form" method="get" action="${REGISTRY_BASE}/applications" class="filters" aria-label="${esc(t.find)}">
${f('filter-lastName', 'lastName', t.childLastName, 'text', filters.lastName)}
${f('filter-firstName', 'firstName', t.childFirstName, 'text', filters.firstName)}
${f('filter-birthDate', 'birthDate', t.birthDate, 'date', filters.birthDate)}
<div class="field"><button type="submit" class="btn" id="filter-submit">${esc(t.find)}</button></div>
</form>
${table}
</section>`;
  return layout(s, { title: t.listTitle, menu: 'list', signedIn: true, body });
}

// ---- the view page ----------------------------------------------------------------------------

/** Label → value rows of an application, each with the record field it shows. */
export function applicationRows(t: Texts, a: Application): Array<[string, string, string]> {
  return [
    ['number', t.applicationNumber, a.number],
    ['certificateNumber', t.certificateNumber, a.certificateNumber],
    ['child.lastName', t.childLastName, a.child.lastName],
    ['child.firstName', t.childFirstName, a.child.firstName],
    ['child.patronymic', t.childPatronymic, a.child.patronymic],
    ['child.birthDate', t.birthDate, dateRu(a.child.birthDate)],
    ['child.sex', t.sex, a.child.sex === 'female' ? t.female : t.male],
    ['child.documentType', t.documentType, documentTypeName(t, a.child.documentType)],
    ['child.documentSeries', t.documentSeries, a.child.documentSeries],
    ['child.documentNumber', t.documentNumber, a.child.documentNumber],
    ['over14', t.over14Short, a.over14 ? t.yes : t.no],
    ['applicant.lastName', t.applicantLastName, a.applicant.lastName],
    ['applicant.firstName', t.applicantFirstName, a.applicant.firstName],
    ['applicant.patronymic', t.applicantPatronymic, a.applicant.patronymic],
    ['applicant.phone', t.phone, formatPhone(a.applicant.phone)],
    ['applicant.email', t.email, a.applicant.email],
    ['municipality', t.municipality, a.municipality],
    ['pdConfirmed', t.pdConfirmed, a.pdConfirmed ? t.yes : t.no],
    ['documentsReceived', t.documentsReceived, a.documentsReceived ? t.yes : t.no],
  ];
}

export interface ViewPageOptions {
  status?: { text: string; ok: boolean };
  /** Re-open the refusal dialog (a refusal without a reason). */
  refuse?: { reason: string; error: string };
  /** The record as the registry's JSON shows it (embedded for robots). */
  record: unknown;
}

export function viewPage(s: StandSettings, a: Application, o: ViewPageOptions): string {
  const t = s.registryTexts;
  const st = statusOf(a);
  const blocked = (action: RegistryAction) => ruleRefusal(action, a, s.registryRules, t) ?? alreadyDone(action, a, t);
  const disabled = (action: RegistryAction) => {
    const why = blocked(action);
    return why ? ` disabled title="${esc(why)}" data-blocked="${esc(why)}"` : '';
  };
  const base = `${REGISTRY_BASE}/applications/${a.id}`;
  const post = (path: string, id: string, text: string, action: RegistryAction) =>
    `<form method="post" action="${base}/${path}" data-busy><button type="submit" class="btn" id="${id}"${disabled(action)}>${esc(text)}</button></form>`;
  const get = (href: string, id: string, text: string, extra = '', hidden: Record<string, string> = {}) =>
    `<form method="get" action="${href}">${Object.entries(hidden)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
      .join('')}<button type="submit" class="btn secondary" id="${id}"${extra}>${esc(text)}</button></form>`;
  const rows = applicationRows(t, a)
    .map(([key, label, value]) => `<dt>${esc(label)}</dt><dd data-field="${key}">${esc(value)}</dd>`)
    .join('\n');
  const reason = a.refused ? `<dt>${esc(t.refuseReason)}</dt><dd data-field="refuseReason">${esc(a.refuseReason ?? '')}</dd>` : '';
  const title = fill(t.viewTitle, { number: a.number });
  const body = `<section class="card" id="application" data-application-id="${a.id}" data-number="${esc(a.number)}" data-certificate-number="${esc(a.certificateNumber)}" data-status="${st}" data-pd-confirmed="${a.pdConfirmed}" data-documents-received="${a.documentsReceived}" data-refused="${a.refused}">
<h1>${esc(title)}</h1>
${statusLine(o.status)}
<p class="app-status">${esc(t.status)}: <strong id="application-status" data-status="${st}">${esc(statusText(t, st))}</strong></p>
<dl class="fields" id="application-fields">
${rows}
${reason}
</dl>
<div class="actions" id="application-actions">
${get(`${REGISTRY_BASE}/search`, 'back', t.back, '', { number: a.number, certificate: a.certificateNumber })}
${post('confirm', 'confirm-pd', t.confirm, 'confirm')}
${post('received', 'documents-received', t.received, 'received')}
<button type="button" class="btn" id="refuse" data-opens="refuse-dialog" aria-haspopup="dialog"${disabled('refuse')}>${esc(t.refuse)}</button>
${get(`${base}/edit`, 'edit', t.edit, disabled('edit'))}
${get(`${base}/print`, 'print', t.print)}
</div>
<dialog id="refuse-dialog" aria-labelledby="refuse-dialog-title"${o.refuse ? ' data-open-on-load' : ''}>
<form method="post" action="${base}/refuse" id="refuse-form" novalidate data-busy>
<h2 id="refuse-dialog-title">${esc(t.refuseDialogTitle)}</h2>
${field('refuse-reason', t.refuseReason, `<textarea id="refuse-reason" name="reason" aria-describedby="refuse-reason-error"${invalid(o.refuse?.error)}>${esc(o.refuse?.reason ?? '')}</textarea>`, o.refuse?.error)}
<div class="buttons"><button type="submit" class="btn" id="refuse-submit">${esc(t.refuse)}</button><button type="button" class="btn secondary" data-closes>${esc(t.cancel)}</button></div>
</form>
</dialog>
<script type="application/json" id="application-record">${embed(o.record)}</script>
</section>`;
  return layout(s, { title, menu: 'none', signedIn: true, body });
}

// ---- «Распечатать заявление» ------------------------------------------------------------------

const PRINT_CSS = `
@page{size:A4;margin:18mm 16mm}
*{box-sizing:border-box}
body{font-family:"Times New Roman",Times,serif;font-size:13pt;color:#000;margin:24px auto;max-width:780px;padding:0 16px}
.to{text-align:right;margin:0 0 24px}
h1{text-align:center;font-size:15pt;margin:0 0 6px}
.numbers{text-align:center;margin:0 0 18px}
h2{font-size:13pt;margin:16px 0 6px}
table{width:100%;border-collapse:collapse}
td{border:1px solid #000;padding:4px 8px;vertical-align:top}
td:first-child{width:42%}
ul.consents{list-style:none;padding:0}
.sign{display:flex;justify-content:space-between;margin-top:36px}
.toolbar{margin-bottom:18px;display:flex;gap:12px;font-family:system-ui,Arial,sans-serif}
@media print{.no-print{display:none}body{margin:0;max-width:none}}
`;

export function printPage(s: StandSettings, a: Application, today: string): string {
  const t = s.registryTexts;
  const all = new Map(applicationRows(t, a).map(([k, label, value]) => [k, [label, value] as const]));
  const table = (keys: string[]) =>
    `<table>${keys
      .map((k) => {
        const [label, value] = all.get(k)!;
        return `<tr><td>${esc(label)}</td><td data-field="${k}">${esc(value)}</td></tr>`;
      })
      .join('')}</table>`;
  const initials = `${a.applicant.lastName} ${a.applicant.firstName.slice(0, 1)}.${a.applicant.patronymic ? ` ${a.applicant.patronymic.slice(0, 1)}.` : ''}`;
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>${esc(fill(t.viewTitle, { number: a.number }))} — ${esc(t.print)}</title>
<style>${PRINT_CSS}</style>
</head>
<body id="print" data-application-id="${a.id}" data-number="${esc(a.number)}" data-certificate-number="${esc(a.certificateNumber)}">
<div class="toolbar no-print"><button type="button" id="print-now" onclick="window.print()">${esc(t.printAction)}</button><a href="${REGISTRY_BASE}/applications/${a.id}" id="print-back">${esc(t.back)}</a></div>
<p class="to">${esc(t.organization)}</p>
<h1>${esc(t.printTitle)}</h1>
<p class="numbers">${esc(t.applicationNumber)}: <strong id="print-number">${esc(a.number)}</strong>; ${esc(t.certificateNumber)}: <strong id="print-certificate">${esc(a.certificateNumber)}</strong></p>
<h2>${esc(t.childSection)}</h2>
${table(['child.lastName', 'child.firstName', 'child.patronymic', 'child.birthDate', 'child.sex'])}
<h2>${esc(t.documentSection)}</h2>
${table(['child.documentType', 'child.documentSeries', 'child.documentNumber'])}
<h2>${esc(a.over14 ? t.over14Note : t.applicantSection)}</h2>
${table(['over14', 'applicant.lastName', 'applicant.firstName', 'applicant.patronymic', 'applicant.phone', 'applicant.email'])}
<h2>${esc(t.municipality)}</h2>
<p data-field="municipality">${esc(a.municipality)}</p>
<h2>${esc(t.consentsSection)}</h2>
<ul class="consents">${t.consents.map((c) => `<li>${a.consents ? '☑' : '☐'} ${esc(c)}</li>`).join('')}</ul>
<div class="sign"><span>${esc(t.printDate)}: ${esc(dateRu(today))}</span><span>${esc(t.signature)}: ______________ / ${esc(initials)} /</span></div>
</body>
</html>`;
}
