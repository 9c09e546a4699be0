// The `kids-form` variant (README §7; the memo's Рис. 2): the cabinet's «ДЕТИ» tab shows the child
// form at once — ФАМИЛИЯ, ИМЯ, ОТЧЕСТВО prefilled from the parent (a placeholder user: Без /
// Внесения / Данных), ДЕНЬ РОЖДЕНИЯ and ПОЛ empty, buttons «СОХРАНИТЬ» and «ОТМЕНИТЬ ИЗМЕНЕНИЯ»; no
// «ДОБАВИТЬ РЕБЕНКА» button, no table.
//
// Once the user has a child, the tab shows THAT child in the same form (its saved names, birth
// date and sex) and «СОХРАНИТЬ» edits it (`POST /api/site/children/:id`): the tab never adds a
// second child, but a robot that fills the form again would overwrite the first. A saved child is
// told from the blank form by its filled birth date (and the form's `data-child-id`).
import type { StandSettings } from '../settings.js';
import type { ApiId, SiteUser } from '../state.js';
import { PUBLIC_MESSAGES } from './validation.js';

type Texts = StandSettings['publicTexts'];

export interface KidView {
  id: ApiId;
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: string;
}

/** Status after «СОХРАНИТЬ» edited the child already shown (an add says `childSaved`). */
export const KID_EDITED = 'Изменения сохранены';

export const KIDS_FORM_CSS = `
.child-form.single{margin-top:0}
`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The «ДЕТИ» panel: the first child's form, or the blank form prefilled from the parent. */
export function kidsFormPanel(t: Texts, user: SiteUser, children: readonly KidView[]): string {
  const kid = children[0];
  const v = kid ?? { lastName: user.lastName, firstName: user.firstName, patronymic: user.patronymic, birthDate: '', sex: '' };
  const f = (id: string, name: string, label: string, control: string) =>
    `<div class="field"><label for="${id}">${esc(label)}</label>${control}<div class="field-error" role="alert" id="${id}-error" data-error-for="${name}"></div></div>`;
  const text = (id: string, name: string, value: string, type = 'text') =>
    `<input type="${type}" id="${id}" name="${name}" value="${esc(value)}" aria-describedby="${id}-error">`;
  const opt = (value: string, label: string) => `<option value="${value}"${v.sex === value ? ' selected' : ''}>${esc(label)}</option>`;
  const sex = `<select id="child-sex" name="sex" aria-describedby="child-sex-error">${opt('', '')}${opt('male', t.male)}${opt('female', t.female)}</select>`;
  return `<form id="child-form" class="child-form single" aria-label="${esc(t.childrenTab)}" aria-busy="false" novalidate${kid ? ` data-child-id="${esc(String(kid.id))}"` : ''}>
<div class="row">
${f('child-lastName', 'lastName', t.childLastName, text('child-lastName', 'lastName', v.lastName))}
${f('child-firstName', 'firstName', t.childFirstName, text('child-firstName', 'firstName', v.firstName))}
${f('child-patronymic', 'patronymic', t.childPatronymic, text('child-patronymic', 'patronymic', v.patronymic))}
${f('child-birthDate', 'birthDate', t.childBirthDate, text('child-birthDate', 'birthDate', v.birthDate, 'date'))}
${f('child-sex', 'sex', t.childSex, sex)}
</div>
<div class="buttons"><button type="submit" class="btn">${esc(t.save)}</button><button type="reset" class="btn secondary">${esc(t.cancel)}</button><span class="busy" aria-hidden="true">${esc(PUBLIC_MESSAGES.sending)}</span></div>
<div class="form-status" role="status" aria-live="polite"></div>
</form>`;
}

/** The cabinet's tabs, and the single child form: add when blank, edit the child it shows. */
export const KIDS_FORM_SCRIPT = `
(function () {
  var T = window.SITE.text;
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  var form = document.getElementById('child-form');
  function select(tab, remember) {
    site.showTab(tabs, tab, remember);
  }
  tabs.forEach(function (t) { t.addEventListener('click', function () { select(t, true); }); });
  var wanted = new URLSearchParams(location.search).get('tab') || location.hash.slice(1);
  select(tabs.filter(function (t) { return t.dataset.tab === wanted; })[0] || tabs[0], false);
  if (!form) return;
  form.addEventListener('reset', function () { site.clearErrors(form); site.setStatus(form.querySelector('.form-status'), '', ''); });
  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var f = form.elements;
    var payload = { lastName: f.lastName.value, firstName: f.firstName.value, patronymic: f.patronymic.value, birthDate: f.birthDate.value, sex: f.sex.value };
    var id = form.dataset.childId;
    var json = await site.send(form, id ? '/api/site/children/' + encodeURIComponent(id) : '/api/site/children', payload, { sessionRequired: true });
    if (!json) return;
    // What was saved becomes the form's own values (ОТМЕНИТЬ ИЗМЕНЕНИЯ returns to them).
    form.dataset.childId = String(json.data.id);
    ['lastName', 'firstName', 'patronymic', 'birthDate'].forEach(function (k) { f[k].defaultValue = f[k].value; });
    Array.prototype.forEach.call(f.sex.options, function (o) { o.defaultSelected = o.selected; });
    site.setStatus(form.querySelector('.form-status'), json.message || T.childSaved, 'ok');
  });
})();
`;
