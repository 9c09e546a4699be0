// The «ДЕТИ» tab as one child form shown at once (profile.publicStructure.children = 'form'; the
// memo's Рис. 2): names prefilled from the parent, no add button, no table. Where the user already
// has a child, the tab shows that child in the same form and «СОХРАНИТЬ» would edit it — so the
// form is read before anything is typed, once the page has no request pending and the form is not
// marked busy (aria-busy): a child is shown when its birth date is filled, when the form carries a
// child's id (data-child-id, a hidden id input), or when its names are not the placeholder's the
// blank form is prefilled with (profile.placeholder) — a site that fetches the child a moment later
// never reads as blank. A child shown is never saved again: the same child as the row's: done;
// another child (or one not readable whole): stop, say so; nothing is changed.
import type { Locator } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { BusinessError, SystemError } from '../../core/errors.js';
import { sameText } from '../in-page.js';
import { pageSettled } from '../missing.js';
import type { ChildData, Sex } from '../ports.js';

type Texts = Profile['publicTexts'];
type Wait = { timeout: number };
/** The names the blank form is prefilled with: the placeholder user's (profile.placeholder). */
export type BlankNames = Pick<Profile['placeholder'], 'lastName' | 'firstName' | 'patronymic'>;

const ruDate = (iso: string) => iso.split('-').reverse().join('.');
const isoDate = (text: string) => {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : text.trim();
};
/** Names and words compared as a person reads them (ё = е, case and spaces). */
const same = sameText;

/**
 * Waits until the page has none of its own answers on the way (a site that fills the form from a
 * request after the tab shows would otherwise read as blank — and be saved over its child).
 */
async function settled(panel: Locator, wait: Wait): Promise<void> {
  const page = panel.page();
  const began = Date.now();
  while (!(await pageSettled(page, began))) {
    const left = began + wait.timeout - Date.now();
    if (left <= 0) throw new SystemError('the «ДЕТИ» tab did not finish loading: its form is not read, nothing is saved');
    await page.waitForEvent('requestfinished', { timeout: left }).catch(() => undefined);
  }
}

/** Waits while the form says its data are on the way (aria-busy="true" on the form or inside it). */
async function formReady(panel: Locator, wait: Wait): Promise<void> {
  const busy = panel.locator('[aria-busy="true"]');
  const self = await panel.getAttribute('aria-busy', wait);
  if (self !== 'true' && (await busy.count()) === 0) return;
  const began = Date.now();
  await panel.page()
    .waitForFunction((el) => el.getAttribute('aria-busy') !== 'true' && !el.querySelector('[aria-busy="true"]'), await panel.elementHandle(wait), { timeout: wait.timeout })
    .catch(() => {
      throw new SystemError(`the «ДЕТИ» tab's form stayed busy (aria-busy) for ${Math.round((Date.now() - began) / 1000)} s: its form is not read, nothing is saved`);
    });
}

/** The form's own id of the child it shows (data-child-id, data-id, a hidden id input), or ''. */
async function formChildId(panel: Locator): Promise<string> {
  return panel.evaluate((el) => {
    const form = el.matches('form') ? el : el.querySelector('form');
    if (!form) return '';
    const data = (form as HTMLElement).dataset;
    const hidden = form.querySelector<HTMLInputElement>('input[type="hidden"][name="id"], input[type="hidden"][name="childId"], input[type="hidden"][name="child_id"], input[type="hidden"][name="kid_id"]');
    return (data.childId ?? data.kidId ?? data.id ?? hidden?.value ?? '').trim();
  });
}

/** The child the form shows once saved, or null while it is the blank (prefilled) form. */
export async function childFormShown(panel: Locator, t: Texts, wait: Wait, blank: BlankNames): Promise<ChildData | null> {
  await settled(panel, wait);
  await formReady(panel, wait);
  const value = async (label: string) => (await panel.getByLabel(label, { exact: false }).first().inputValue(wait)).trim();
  const birth = await value(t.childBirthDate);
  const names = { lastName: await value(t.childLastName), firstName: await value(t.childFirstName), patronymic: await value(t.childPatronymic) };
  const prefilled = same(names.lastName, blank.lastName) && same(names.firstName, blank.firstName) && same(names.patronymic, blank.patronymic);
  if (birth === '' && prefilled && (await formChildId(panel)) === '') return null;
  return { ...names, birthDate: isoDate(birth), sex: await shownSex(panel, t, wait) };
}

async function shownSex(panel: Locator, t: Texts, wait: Wait): Promise<Sex> {
  const control = panel.getByLabel(t.childSex).first();
  const tag = (await control.count()) > 0 ? await control.evaluate((el) => el.tagName) : '';
  if (tag === 'SELECT') {
    const text = await control.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '');
    return same(text, t.female) ? 'female' : 'male';
  }
  return (await panel.getByLabel(t.female, { exact: true }).isChecked(wait)) ? 'female' : 'male';
}

export function sameChild(a: ChildData, b: ChildData): boolean {
  return same(a.lastName, b.lastName) && same(a.firstName, b.firstName) && same(a.patronymic, b.patronymic) && a.birthDate === b.birthDate && a.sex === b.sex;
}

/**
 * Fills the form with `c` unless it already shows a saved child: 'shown' when that child is `c`
 * (nothing to save), a BusinessError when it is another one (saving would overwrite it).
 */
export async function fillChildForm(panel: Locator, c: ChildData, t: Texts, wait: Wait, chooseSex: (sex: Sex) => Promise<void>, blank: BlankNames): Promise<'shown' | 'filled'> {
  const shown = await childFormShown(panel, t, wait, blank);
  if (shown) {
    if (sameChild(shown, c)) return 'shown';
    throw new BusinessError(
      `На вкладке «${t.childrenTab}» уже показан ребенок ${shown.lastName} ${shown.firstName} ${shown.patronymic}${shown.birthDate ? `, ${ruDate(shown.birthDate)}` : ' (без даты рождения)'}: форма ребенка на сайте одна, и повторное сохранение изменило бы его. Ребенок не добавлен, ничего не изменено.`,
      'Проверьте в админ-панели детей этого пользователя; если ребенок из очереди другой, добавьте его вручную и запустите снова.',
    );
  }
  const field = (label: string) => panel.getByLabel(label).first();
  await field(t.childLastName).fill(c.lastName, wait);
  await field(t.childFirstName).fill(c.firstName, wait);
  await field(t.childPatronymic).fill(c.patronymic, wait);
  const birth = field(t.childBirthDate);
  const isDateInput = (await birth.getAttribute('type', wait)) === 'date';
  await birth.fill(isDateInput ? c.birthDate : ruDate(c.birthDate), wait);
  await chooseSex(c.sex);
  return 'filled';
}
