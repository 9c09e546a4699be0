// «Создать заявку» of the certificate registry's cabinet (shared/REGISTRY.md, «Apply»): the form
// filled from the flow's application (the child, the applicant, the municipality's pop-up) and
// «Отправить»; the page it loads is the outcome (created with its numbers, a duplicate of the
// document, or the fields the registry marked). Split from pages.ts, whose `Registry` is the host.
import type { Page } from 'playwright';
import { BusinessError, SystemError } from '../../core/errors.js';
import type { CreateOutcome, NewApplication } from './port.js';
import { PATHS, SEL } from './selectors.js';
import type { FormHost } from './form-host.js';

/** What the form needs of the registry's page object (pages.ts `Registry`). */
export interface CreateHost extends FormHost {
  readonly t: { readonly send: string; readonly duplicateDocument: string };
  open(p: string): Promise<number>;
}

export async function fillApplication(host: CreateHost, a: NewApplication): Promise<void> {
  const page = host.page;
  const status = await host.open(PATHS.create);
  if (status !== 200) throw new SystemError(`«Создать заявку» answered HTTP ${status}`);
  await page.locator(SEL.form).waitFor(host.wait);
  await page.locator(SEL.childLastName).fill(a.child.lastName);
  await page.locator(SEL.childFirstName).fill(a.child.firstName);
  await page.locator(SEL.childPatronymic).fill(a.child.patronymic);
  await page.locator(SEL.birthDate).fill(a.child.birthDate);
  await page.locator(SEL.sex).selectOption(a.child.sex);
  await page.locator(SEL.documentType).selectOption(a.child.documentType);
  await page.locator(SEL.documentSeries).fill(a.child.documentSeries);
  await page.locator(SEL.documentNumber).fill(a.child.documentNumber);
  // «Получить сертификат» opens the form's second part.
  const link = page.locator(SEL.getCertificate);
  const section = page.locator(SEL.certificateSection);
  if ((await link.count()) > 0 && (await section.isHidden())) {
    await link.click();
    await section.waitFor({ state: 'visible', ...host.wait });
  }
  await page.locator(SEL.over14).setChecked(a.over14);
  if (!a.over14) {
    await page.locator(SEL.applicantLastName).fill(a.applicant.lastName);
    await page.locator(SEL.applicantFirstName).fill(a.applicant.firstName);
    await page.locator(SEL.applicantPatronymic).fill(a.applicant.patronymic);
  }
  await page.locator(SEL.phone).fill(a.applicant.phone);
  await page.locator(SEL.email).fill(a.applicant.email);
  await chooseMunicipality(host, a.municipality);
}

/** The municipality's pop-up: a radio button per name, «Выбрать»; or a plain list where there is no pop-up. */
async function chooseMunicipality(host: CreateHost, name: string): Promise<void> {
  const page = host.page;
  const chooser = page.locator(SEL.chooseMunicipality);
  if ((await chooser.count()) > 0) {
    await chooser.click();
    const dialog = page.locator(SEL.municipalityDialog);
    await dialog.waitFor({ state: 'visible', ...host.wait });
    const radio = dialog.getByRole('radio', { name, exact: true });
    if ((await radio.count()) === 0) {
      throw new BusinessError(
        `В окне выбора муниципалитета реестра нет «${name}»`,
        'Проверьте муниципалитет в очереди: название должно быть как в реестре.',
      );
    }
    await radio.check();
    await dialog.locator(SEL.municipalityChoose).click();
    await dialog.waitFor({ state: 'hidden', ...host.wait });
  } else {
    await page.locator(`select${SEL.municipality}`).selectOption({ label: name });
  }
  const chosen = await page.locator(SEL.municipality).inputValue();
  if (chosen !== name) throw new SystemError(`the municipality shows «${chosen}», not «${name}»`);
}

/** «Отправить» of a filled form: created (its numbers), a duplicate of the document, or the fields marked. */
export async function createApplication(host: CreateHost, a: NewApplication): Promise<CreateOutcome> {
  await fillApplication(host, a);
  const status = await host.submit(host.page.locator(SEL.send));
  if (host.onLoginPage()) return host.expired(`«${host.t.send}»`);
  const created = host.page.locator(SEL.created);
  if (status === 200 && (await created.count()) > 0) {
    const [id, number, certificateNumber] = await Promise.all(
      ['data-application-id', 'data-number', 'data-certificate-number'].map(async (attr) => (await created.getAttribute(attr)) ?? ''),
    );
    if (!id || !number || !certificateNumber) throw new SystemError('«Заявка отправлена» shows no application numbers');
    return { kind: 'created', id: id!, number: number!, certificateNumber: certificateNumber! };
  }
  const message = await host.statusText();
  if (status === 409 && message.includes(host.t.duplicateDocument)) {
    const number = /№\s*([^\s,;]+?)\.?(?:\s|$)/u.exec(message)?.[1];
    return { kind: 'duplicate', message, ...(number ? { number } : {}) };
  }
  if (status === 400 || status === 409) {
    const fields = await fieldErrorsOn(host.page);
    return { kind: 'invalid', message, fields };
  }
  throw new SystemError(`«${host.t.send}» answered HTTP ${status}: ${message}`);
}

/** The form's fields the registry marked, each named by its label, with the registry's words. */
export async function fieldErrorsOn(page: Page): Promise<Array<{ label: string; message: string }>> {
  const fields: Array<{ label: string; message: string }> = [];
  for (const error of await page.locator(SEL.fieldError).all()) {
    const text = (await error.innerText()).trim();
    if (!text) continue;
    const id = (await error.getAttribute('data-error-for')) ?? (await error.getAttribute('id'))?.replace(/-error$/, '') ?? '';
    const label = id ? page.locator(`label[for="${id}"]`) : undefined;
    fields.push({ label: label && (await label.count()) > 0 ? (await label.first().innerText()).trim() : id, message: text });
  }
  return fields;
}
