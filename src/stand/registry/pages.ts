// HTML of the registry app («АИС «Реестр сертификатов»», the organisation's cabinet under
// /registry/). Server-rendered pages with plain forms; a little script only opens the pop-up
// windows (<dialog>), reveals the form's second part behind «Получить сертификат» and hides the
// applicant's name when the over-14 checkbox is ticked. What a robot reads: see the stand README.
import type { StandSettings } from '../settings.js';
import type { Application } from '../state.js';
import { DOCUMENT_TYPES } from '../state.js';
import { esc } from '../public/pages.js';
import { alreadyDone, ruleRefusal, statusOf, statusText, type RegistryAction } from './rules.js';
import type { FieldErrors, FormValues } from './validation.js';
import { applicationRows, checkbox, dateRu, documentTypeName, embed, errorBox, field, fill, input, invalid, layout, REGISTRY_BASE, select, statusLine } from './page-kit.js';

export { applicationRows, REGISTRY_BASE, fill, dateRu, documentTypeName } from './page-kit.js';

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
