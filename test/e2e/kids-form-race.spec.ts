// The «ДЕТИ» tab as one child form (publicStructure.children = 'form', review of issue 22): a site
// that fetches the user's child a moment after the page settled must not read as the blank form —
// saving the blank form there would overwrite that child. Pages served here (page.route) stand for
// such sites; childFormShown reads them as navbot does.
import { test, expect, type Page } from '@playwright/test';
import { defaultProfile } from '../../src/config/profile.js';
import { watchAnswers } from '../../src/navigator/missing.js';
import { childFormShown } from '../../src/navigator/site/kids.js';

const profile = defaultProfile();
const t = profile.publicTexts;
const blank = profile.placeholder;
const ORIGIN = 'http://kids-form.test';

function form(o: { last?: string; first?: string; middle?: string; birth?: string; attrs?: string; script?: string }): string {
  const field = (id: string, label: string, value: string, type = 'text') => `<label for="${id}">${label}</label><input id="${id}" type="${type}" value="${value}">`;
  return `<!doctype html><html><body><div role="tablist"><button role="tab" aria-selected="true" aria-controls="p">${t.childrenTab}</button></div>
<div role="tabpanel" id="p" aria-label="${t.childrenTab}"><form id="child-form" ${o.attrs ?? ''}>
${field('ln', t.childLastName, o.last ?? blank.lastName)}${field('fn', t.childFirstName, o.first ?? blank.firstName)}${field('pn', t.childPatronymic, o.middle ?? blank.patronymic)}
${field('bd', t.childBirthDate, o.birth ?? '', 'date')}
<label for="sx">${t.childSex}</label><select id="sx"><option value=""></option><option>${t.male}</option><option>${t.female}</option></select>
<button type="submit">${t.save}</button></form></div><script>${o.script ?? ''}</script></body></html>`;
}

async function serve(page: Page, html: string): Promise<void> {
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/child') {
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ lastName: 'Квасов', firstName: 'Добромир', patronymic: 'Ярополкович', birthDate: '2015-03-17' }) });
    }
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
  });
  watchAnswers(page);
  await page.goto(`${ORIGIN}/cabinet`);
}

const read = (page: Page) => childFormShown(page.getByRole('tabpanel', { name: t.childrenTab }), t, { timeout: 10_000 }, blank);

test('a form marked busy is read once its data came, even when they are fetched after the page settled', async ({ page }) => {
  // The fetch starts after a pause: no request is pending when navbot first looks.
  const script = `document.addEventListener('DOMContentLoaded', () => setTimeout(async () => {
    const c = await (await fetch('/api/child')).json();
    const f = document.getElementById('child-form');
    f.querySelector('#ln').value = c.lastName; f.querySelector('#fn').value = c.firstName; f.querySelector('#pn').value = c.patronymic;
    f.querySelector('#bd').value = c.birthDate; f.querySelector('#sx').selectedIndex = 1; f.setAttribute('aria-busy', 'false');
  }, 700));`;
  await serve(page, form({ attrs: 'aria-busy="true"', script }));
  expect(await read(page)).toEqual({ lastName: 'Квасов', firstName: 'Добромир', patronymic: 'Ярополкович', birthDate: '2015-03-17', sex: 'male' });
});

test("names that are not the placeholder's are a child shown, even before its birth date is filled", async ({ page }) => {
  await serve(page, form({ last: 'Квасов', first: 'Добромир', middle: 'Ярополкович' }));
  expect(await read(page)).toMatchObject({ lastName: 'Квасов', firstName: 'Добромир', birthDate: '' });
});

test("the form's own child id is a child shown, whatever its fields say yet", async ({ page }) => {
  await serve(page, form({ attrs: 'data-child-id="4711"' }));
  expect(await read(page)).not.toBeNull();
});

test('the blank form prefilled with the placeholder, not busy and without an id, reads as blank', async ({ page }) => {
  await serve(page, form({}));
  expect(await read(page)).toBeNull();
});
