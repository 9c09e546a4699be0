// «Редактировать» of the certificate registry's cabinet (shared/REGISTRY.md, «Accept documents»):
// the view page's button opens the application's form filled with what the registry holds; the
// robot sets exactly the fields it is given, ticks every consent the form asks for and presses
// «Отправить». The answer is the page it loads: the view page (saved), the form again with the
// fields the registry marked (invalid), or the registry's refusal. Nothing here decides what to
// change: the flow does (flows/registry/correct.ts), from the registry's own record.
import { BusinessError, MissingElementError, SystemError } from '../../core/errors.js';
import type { EditOutcome, RegistryChild } from './port.js';
import { SEL } from './selectors.js';
import type { FormHost } from './form-host.js';

/** What the edit needs of the registry's page object (pages.ts `Registry`). */
export interface EditHost extends FormHost {
  readonly t: { readonly edit: string; readonly send: string };
  openApplication(id: string): Promise<void>;
  fieldErrors(): Promise<Array<{ label: string; message: string }>>;
}

type Field = keyof RegistryChild;

/** Each field of the child: its element, how it is set, and its name for staff. */
const CONTROLS: Record<Field, { sel: string; select?: true; name: string }> = {
  documentType: { sel: SEL.documentType, select: true, name: 'Тип документа' },
  lastName: { sel: SEL.childLastName, name: 'Фамилия ребенка' },
  firstName: { sel: SEL.childFirstName, name: 'Имя ребенка' },
  patronymic: { sel: SEL.childPatronymic, name: 'Отчество ребенка' },
  birthDate: { sel: SEL.birthDate, name: 'Дата рождения' },
  sex: { sel: SEL.sex, select: true, name: 'Пол' },
  documentSeries: { sel: SEL.documentSeries, name: 'Серия документа' },
  documentNumber: { sel: SEL.documentNumber, name: 'Номер документа' },
};

const PAGE = 'заявки в реестре сертификатов';
const DOING = 'Исправить заявку';

/** Sets the given fields (the type first: it decides how the series and number read). */
async function setFields(host: EditHost, fields: Partial<RegistryChild>): Promise<void> {
  for (const [field, c] of Object.entries(CONTROLS) as Array<[Field, (typeof CONTROLS)[Field]]>) {
    const value = fields[field];
    if (value === undefined) continue;
    const control = host.page.locator(`${SEL.form} ${c.sel}`);
    if ((await control.count()) === 0) throw new MissingElementError(`поля «${c.name}» в форме редактирования`, PAGE, DOING);
    if (c.select) {
      // selectOption would wait for an option that never comes.
      if ((await control.locator('option').evaluateAll((os, v) => os.filter((o) => (o as HTMLOptionElement).value === v).length, value)) === 0) {
        throw new BusinessError(`В форме реестра в списке «${c.name}» нет нужного значения`, 'Исправьте это поле заявки в реестре вручную («Редактировать») и запустите строку снова.');
      }
      await control.selectOption(value);
    } else await control.fill(value);
    const shown = await control.inputValue();
    // The field's name only: the values are the child's documents (never in logs or reports).
    if (shown !== value) throw new SystemError(`the edit form's ${field} does not show the value just set`);
  }
}

/** Opens the form through «Редактировать»; a refusal (a rule of the registry) is returned, not thrown. */
async function openForm(host: EditHost, id: string): Promise<EditOutcome | undefined> {
  await host.openApplication(id);
  const button = host.page.locator(SEL.edit);
  if ((await button.count()) === 0) throw new MissingElementError(`кнопки «${host.t.edit}»`, PAGE, DOING);
  if (await button.isDisabled()) {
    const why = (await button.getAttribute('data-blocked')) ?? (await button.getAttribute('title')) ?? `кнопка «${host.t.edit}» недоступна`;
    return { kind: 'refused', message: why };
  }
  const status = await host.submit(button);
  // Opening the form changes nothing: the runner logs in again and the step starts over.
  if (host.onLoginPage()) return host.expired(`«${host.t.edit}»`);
  if (status === 404 || status === 409) return { kind: 'refused', message: await host.statusText() };
  if (status !== 200) throw new SystemError(`«${host.t.edit}» answered HTTP ${status}`);
  if ((await host.page.locator(SEL.form).count()) === 0) throw new MissingElementError(`формы редактирования заявки (после «${host.t.edit}»)`, PAGE, DOING);
  return undefined;
}

/**
 * «Редактировать», the given fields, every consent, «Отправить». The page objects wait for pages,
 * not for time: each click that loads a page waits for its answer (Registry.submit).
 */
export async function editApplication(host: EditHost, id: string, fields: Partial<RegistryChild>): Promise<EditOutcome> {
  const refused = await openForm(host, id);
  if (refused) return refused;
  await setFields(host, fields);
  for (const consent of await host.page.locator(`${SEL.form} ${SEL.consents}`).all()) await consent.setChecked(true);
  const send = host.page.locator(`${SEL.form} ${SEL.send}`);
  if ((await send.count()) === 0) throw new MissingElementError(`кнопки «${host.t.send}» в форме редактирования`, PAGE, DOING);
  const status = await host.submit(send);
  if (host.onLoginPage()) return host.expired(`«${host.t.send}»`);
  const message = await host.statusText();
  if (status === 200 && (await host.page.locator(SEL.application).count()) > 0) return { kind: 'saved', message };
  if (status === 400 || status === 404 || status === 409) {
    const marked = (await host.page.locator(SEL.form).count()) > 0 ? await host.fieldErrors() : [];
    return marked.length > 0 ? { kind: 'invalid', message, fields: marked } : { kind: 'refused', message };
  }
  throw new SystemError(`«${host.t.send}» of the edit form answered HTTP ${status}: ${message}`);
}
