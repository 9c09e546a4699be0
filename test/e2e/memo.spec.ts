// The regional memo, followed by a person on the training stand using only visible texts and
// roles: 1 registration, 2 a child in the cabinet, 3 «Резидент РФ» unticked in the admin panel,
// 4 the child confirmed without SNILS, 5 an accounting certificate issued. A screenshot of each
// memo screen is kept under reports/screens/memo/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.js';
import { DEFAULT_ADMIN_TEXTS as A, DEFAULT_PUBLIC_TEXTS as P } from '../../src/stand/settings.js';

const SHOTS = path.resolve('reports', 'screens', 'memo');
const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
};
const exactly = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
const extWindow = (page: Page, title: string): Locator =>
  page.locator('.x-window').filter({ has: page.locator('.x-title-text', { hasText: exactly(title) }) }).filter({ visible: true });
const msgBox = (page: Page) => page.locator('.x-message-box').filter({ visible: true });

const EMAIL = 'robot+memo-1@school.ru';

test('the memo, step by step, ends with an accounting certificate number on screen', async ({ page, stand }) => {
  // 1. Registration on the public site with the placeholder identity «Без Внесения Данных».
  await page.goto(stand.publicUrl);
  await page.getByLabel(P.municipality, { exact: false }).selectOption({ label: 'г. Блестящий' });
  await page.getByLabel(P.lastName, { exact: false }).fill('Без');
  await page.getByLabel(P.firstName, { exact: false }).fill('Внесения');
  await page.getByLabel(P.patronymic, { exact: false }).fill('Данных');
  const phone = page.getByLabel(P.phone, { exact: false });
  await phone.click();
  await phone.pressSequentially('1111111111');
  await expect(phone).toHaveValue(/111.*111.*11.*11/);
  await page.getByLabel(P.email, { exact: false }).fill(EMAIL);
  await page.getByLabel(P.password, { exact: false }).fill('memo-secret-1');
  await page.getByLabel(P.consent, { exact: false }).check();
  await shot(page, '01-registration');
  await page.getByRole('button', { name: P.submitRegister }).click();
  await expect(page.getByRole('heading', { name: P.cabinet })).toBeVisible();

  // 2. The child, in the cabinet's ДЕТИ tab, with the same placeholder names.
  await page.getByRole('tab', { name: P.childrenTab, exact: true }).click();
  const children = page.getByRole('tabpanel', { name: P.childrenTab });
  await children.getByRole('button', { name: P.addChild }).click();
  await children.getByLabel(P.childLastName, { exact: true }).fill('Без');
  await children.getByLabel(P.childFirstName, { exact: true }).fill('Внесения');
  await children.getByLabel(P.childPatronymic, { exact: true }).fill('Данных');
  await children.getByLabel(P.childBirthDate, { exact: true }).fill('2016-05-20');
  await children.getByLabel(P.childSex, { exact: true }).selectOption({ label: P.female });
  await shot(page, '02-child');
  await children.getByRole('button', { name: P.save, exact: true }).click();
  await expect(children.getByText(P.childSaved).first()).toBeVisible();
  await expect(children.getByRole('row').filter({ hasText: '20.05.2016' })).toHaveCount(1);

  // 3. Admin panel: find the user by e-mail, untick «Резидент РФ», save.
  await page.goto(stand.adminUrl);
  await page.getByPlaceholder(A.loginEmail, { exact: true }).fill(stand.adminEmail);
  await page.getByPlaceholder(A.loginPassword, { exact: true }).fill(stand.adminPassword);
  await page.getByRole('button', { name: A.loginButton, exact: true }).click();
  await page.locator('.x-tree-node-text', { hasText: exactly(A.menuSiteUsers) }).click();
  const search = page.getByPlaceholder(A.search, { exact: true });
  await search.fill(EMAIL);
  await search.press('Enter');
  await expect(page.getByText('Отображаются записи 1 - 1 из 1', { exact: true }).filter({ visible: true })).toBeVisible();
  await page.getByRole('gridcell', { name: EMAIL, exact: true }).dblclick();
  const userId = stand.state.users[0]!.id;
  const card = extWindow(page, `#${userId} клиент`);
  await expect(card.getByRole('textbox', { name: A.email })).toHaveValue(EMAIL);
  const resident = card.getByRole('checkbox', { name: A.resident });
  await expect(resident).toBeChecked();
  await resident.uncheck();
  await shot(page, '03-resident');
  await card.getByRole('button', { name: A.save, exact: true }).click();
  await expect(page.locator('.x-toast', { hasText: A.saved })).toBeVisible();

  // 4. Tab «Дети» → the child → «Подтвердить» → «Да».
  await card.getByRole('tab', { name: A.tabChildren, exact: true }).click();
  await card.getByRole('gridcell', { name: 'Без Внесения Данных', exact: true }).dblclick();
  const child = extWindow(page, A.childWindowTitle);
  await expect(child.getByRole('combobox', { name: 'Дата рождения' })).toHaveValue('20.05.2016');
  await expect(child.getByRole('combobox', { name: 'Родитель' })).toHaveValue(`Внесения Данных Без <${EMAIL}> +71111111111 г. Блестящий`);
  await child.getByRole('button', { name: A.confirm, exact: true }).click();
  await expect(msgBox(page)).toContainText(A.confirmQuestion);
  await shot(page, '04-confirm');
  await msgBox(page).getByRole('button', { name: 'Да', exact: true }).click();
  await expect(child.getByText(A.confirmed, { exact: true })).toBeVisible();

  // 5. «Выдать сертификат» → «Сертификат учета» → «Сохранить»; the number shows on the child.
  await child.getByRole('button', { name: A.issueCertificate, exact: true }).click();
  const dialog = extWindow(page, A.certificateWindowTitle);
  await dialog.getByRole('combobox', { name: 'Тип сертификата' }).click();
  await page.locator('.x-boundlist').filter({ visible: true }).locator('li.x-boundlist-item', { hasText: exactly('Сертификат учета') }).click();
  await expect(dialog.getByRole('combobox', { name: 'Тип сертификата' })).toHaveValue('Сертификат учета');
  await shot(page, '05-certificate');
  await dialog.getByRole('button', { name: A.save, exact: true }).click();
  await expect(dialog).toHaveCount(0);
  const number = child.getByRole('gridcell', { name: /^\d{2}-\d{7}$/ });
  await expect(number).toBeVisible();
  await expect(child.getByRole('gridcell', { name: 'Сертификат учета', exact: true })).toBeVisible();
  await number.scrollIntoViewIfNeeded();
  await shot(page, '06-certificate-number');

  const dump = stand.state.dump();
  expect(dump.users).toHaveLength(1);
  expect(dump.users[0]).toMatchObject({ email: EMAIL, resident: false, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных' });
  expect(dump.children).toHaveLength(1);
  expect(dump.children[0]).toMatchObject({ userId: dump.users[0]!.id, birthDate: '2016-05-20', sex: 'female', confirmed: true });
  expect(dump.certificates).toEqual([{ id: expect.any(Number), childId: dump.children[0]!.id, type: 'accounting', number: (await number.innerText()).trim() }]);
  expect(dump.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
});
