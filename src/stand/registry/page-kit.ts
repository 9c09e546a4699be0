// The registry app's page shell on the stand: its style, its little script, the layout every
// page shares (title, menu, sign-in) and the form controls (field, input, select, checkbox with
// their error boxes). pages.ts builds the pages from them.
import type { StandSettings } from '../settings.js';
import type { Application, DocumentType } from '../state.js';
import { esc, formatPhone } from '../public/pages.js';
import { SITE_CSS } from '../public/style.js';

export type Texts = StandSettings['registryTexts'];
export type Menu = 'create' | 'search' | 'list' | 'none';

export const REGISTRY_BASE = '/registry';

/** «{number}» → the value. */
export const fill = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k]! : m));

/** YYYY-MM-DD → ДД.ММ.ГГГГ. */
export const dateRu = (iso: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso);

export function documentTypeName(t: Texts, type: DocumentType): string {
  return { 'birth-certificate': t.documentTypeBirthCertificate, passport: t.documentTypePassport, other: t.documentTypeOther }[type];
}

export const embed = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export const REGISTRY_CSS = `
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

export const SCRIPT = `
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

export function layout(s: StandSettings, o: { title: string; menu: Menu; signedIn: boolean; body: string }): string {
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

export function errorBox(id: string, error: string | undefined): string {
  return `<div class="field-error" role="alert" id="${id}-error" data-error-for="${id}">${esc(error ?? '')}</div>`;
}

export const invalid = (error: string | undefined) => (error ? ' aria-invalid="true"' : '');

export function field(id: string, label: string, control: string, error: string | undefined): string {
  return `<div class="field">
<label for="${id}">${esc(label)}</label>
${control}
${errorBox(id, error)}
</div>`;
}

export function input(id: string, type: string, value: string, error: string | undefined, extra = ''): string {
  return `<input type="${type}" id="${id}" name="${id}" value="${esc(value)}" aria-describedby="${id}-error"${invalid(error)}${extra ? ` ${extra}` : ''}>`;
}

export function select(id: string, options: Array<[string, string]>, value: string, error: string | undefined): string {
  const opts = [['', ''] as [string, string], ...options]
    .map(([v, text]) => `<option value="${esc(v)}"${v !== '' && v === value ? ' selected' : ''}>${esc(text)}</option>`)
    .join('');
  return `<select id="${id}" name="${id}" aria-describedby="${id}-error"${invalid(error)}>${opts}</select>`;
}

export function checkbox(id: string, label: string, checked: boolean, error: string | undefined, extra = ''): string {
  return `<div class="field field-check">
<input type="checkbox" id="${id}" name="${id}"${checked ? ' checked' : ''} aria-describedby="${id}-error"${invalid(error)}${extra ? ` ${extra}` : ''}>
<label for="${id}">${esc(label)}</label>
${errorBox(id, error)}
</div>`;
}

export function statusLine(status: { text: string; ok: boolean } | undefined): string {
  if (!status) return '<p id="status-line" class="form-status" role="status" aria-live="polite"></p>';
  return `<p id="status-line" class="form-status ${status.ok ? 'is-ok' : 'is-error'}" role="status" aria-live="polite" data-outcome="${status.ok ? 'ok' : 'error'}">${esc(status.text)}</p>`;
}

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
