// The «ДЕТИ» tab as one child form shown at once (profile.publicStructure.children = 'form'; the
// memo's Рис. 2): names prefilled from the parent, no add button, no table. Where the user already
// has a child, the tab shows that child in the same form and «СОХРАНИТЬ» would edit it — so the
// form is read before anything is typed: a child shown (its birth date filled) is never saved again.
// The same child as the row's: done. Another child: stop, say so; nothing is changed.
import type { Locator } from 'playwright';
import type { Profile } from '../config/profile.js';
import { BusinessError, SystemError } from '../core/errors.js';
import { pageSettled } from './missing.js';
import type { ChildData, Sex } from './ports.js';

type Texts = Profile['publicTexts'];
type Wait = { timeout: number };

const ruDate = (iso: string) => iso.split('-').reverse().join('.');
const isoDate = (text: string) => {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : text.trim();
};
const same = (a: string, b: string) => a.trim().toLowerCase().replace(/ё/g, 'е') === b.trim().toLowerCase().replace(/ё/g, 'е');

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

/** The child the form shows once saved, or null while it is the blank (prefilled) form. */
export async function childFormShown(panel: Locator, t: Texts, wait: Wait): Promise<ChildData | null> {
  await settled(panel, wait);
  const value = async (label: string) => (await panel.getByLabel(label, { exact: false }).first().inputValue(wait)).trim();
  const birth = await value(t.childBirthDate);
  if (birth === '') return null;
  return {
    lastName: await value(t.childLastName),
    firstName: await value(t.childFirstName),
    patronymic: await value(t.childPatronymic),
    birthDate: isoDate(birth),
    sex: await shownSex(panel, t, wait),
  };
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
export async function fillChildForm(panel: Locator, c: ChildData, t: Texts, wait: Wait, chooseSex: (sex: Sex) => Promise<void>): Promise<'shown' | 'filled'> {
  const shown = await childFormShown(panel, t, wait);
  if (shown) {
    if (sameChild(shown, c)) return 'shown';
    throw new BusinessError(
      `На вкладке «${t.childrenTab}» уже показан ребенок ${shown.lastName} ${shown.firstName} ${shown.patronymic}, ${ruDate(shown.birthDate)}: форма ребенка на сайте одна, и повторное сохранение изменило бы его. Ребенок не добавлен, ничего не изменено.`,
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
