// The cabinet's «ДЕТИ» tab as a table (profile.publicStructure.children = 'table'): its columns
// found by the profile's header texts, its rows read as children. A column missing from a settled
// page is the profile's mismatch (MissingElementError); from a page still drawing, the site's.
import type { Locator, Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { MissingElementError, SystemError } from '../../core/errors.js';
import { pageSettled } from '../missing.js';
import type { ChildData } from '../ports.js';

type Texts = Profile['publicTexts'];

const isoDate = (ru: string) => {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(ru.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : ru.trim();
};

export async function readChildTable(page: Page, panel: Locator, t: Texts): Promise<ChildData[]> {
  const began = Date.now();
  const table = panel.getByRole('table');
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim().toUpperCase());
  const column = (text: string) => {
    const want = text.toUpperCase();
    const i = headers.findIndex((h) => h === want);
    return i >= 0 ? i : headers.findIndex((h) => h.startsWith(want));
  };
  const idx = {
    lastName: column(t.childLastName),
    firstName: column(t.childFirstName),
    patronymic: column(t.childPatronymic),
    birthDate: column(t.childBirthDate),
    sex: column(t.childSex),
  };
  if (Object.values(idx).some((i) => i < 0)) {
    // The table is on the page (openChildren waited for it): its columns are the site's answer.
    const wanted = [t.childLastName, t.childFirstName, t.childPatronymic, t.childBirthDate, t.childSex];
    const lacking = wanted.filter((w) => column(w) < 0).map((w) => `«${w}»`);
    // A table still being drawn (its answer on the way, or one that failed) is the Navigator's doing, not the profile's.
    if (!(await pageSettled(page, began))) throw new SystemError(`the children table shows no ${lacking.join(', ')} yet (${headers.join(', ')})`);
    throw new MissingElementError(`столбцов ${lacking.join(', ')} в таблице детей (в ней: ${headers.join(', ')})`, 'сайта');
  }
  const out: ChildData[] = [];
  for (const row of await table.getByRole('row').all()) {
    const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    if (cells.length === 0) continue; // the header row
    const at = (i: number) => cells[i] ?? '';
    out.push({
      lastName: at(idx.lastName),
      firstName: at(idx.firstName),
      patronymic: at(idx.patronymic),
      birthDate: isoDate(at(idx.birthDate)),
      sex: at(idx.sex).toLowerCase() === t.female.toLowerCase() ? 'female' : 'male',
    });
  }
  return out;
}
