// The stand's admin panel (real Ext JS 6.2 classic) driven by visible texts and roles, as a
// person would: the grid, the cards, the business rules and an expired session.
import type { Page } from '@playwright/test';
import { test, expect, type StandFixture } from './fixtures.js';
import { DEFAULT_ADMIN_TEXTS as T } from '../../src/stand/settings.js';

const exactly = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

function seed(stand: StandFixture, users = 1) {
  const parent = stand.state.addUser({
    email: 'parent@example.com',
    password: 'x',
    lastName: 'Без',
    firstName: 'Внесения',
    patronymic: 'Данных',
    phone: '71111111111',
    municipality: 'г. Блестящий',
    consent: true,
  });
  for (let i = 1; i < users; i++) {
    stand.state.addUser({ email: `user${i}@example.com`, password: 'x', lastName: `Фамилия${i}`, firstName: 'Имя', patronymic: '', phone: '79000000000', municipality: 'г. Северный', consent: true });
  }
  const child = stand.state.addChild({ userId: parent.id, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' });
  return { parent, child };
}

async function login(page: Page, stand: StandFixture) {
  await page.goto(stand.adminUrl);
  await page.getByPlaceholder(T.loginEmail, { exact: true }).fill(stand.adminEmail);
  await page.getByPlaceholder(T.loginPassword, { exact: true }).fill(stand.adminPassword);
  await page.getByRole('button', { name: T.loginButton, exact: true }).click();
  await expect(page.getByText(/^Отображаются записи/).filter({ visible: true })).toBeVisible();
}

const win = (page: Page, title: string) =>
  page.locator('.x-window').filter({ has: page.locator('.x-title-text', { hasText: exactly(title) }) }).filter({ visible: true });
const msgBox = (page: Page) => page.locator('.x-message-box').filter({ visible: true });
const usersGrid = (page: Page) => page.locator('.x-grid:not(.x-tree-panel)').filter({ visible: true }).first();

async function openUserCard(page: Page, id: number) {
  await page.getByPlaceholder(T.search, { exact: true }).fill('parent@example.com');
  await page.getByPlaceholder(T.search, { exact: true }).press('Enter');
  await expect(page.getByText('Отображаются записи 1 - 1 из 1', { exact: true }).filter({ visible: true })).toBeVisible();
  await usersGrid(page).getByRole('gridcell', { name: String(id), exact: true }).dblclick();
  const card = win(page, `#${id} клиент`);
  await expect(card.getByRole('textbox', { name: T.email })).toHaveValue('parent@example.com');
  return card;
}

async function openChildCard(page: Page, userId: number, childId: number) {
  const card = await openUserCard(page, userId);
  await card.getByRole('tab', { name: T.tabChildren, exact: true }).click();
  await card.getByRole('gridcell', { name: String(childId), exact: true }).dblclick();
  const child = win(page, T.childWindowTitle);
  await expect(child.getByRole('combobox', { name: 'Дата рождения' })).toHaveValue('20.05.2016');
  return { card, child };
}

test('login: a wrong password is refused, the right one opens the users grid with Russian paging', async ({ page, stand }) => {
  seed(stand, 30);
  await page.goto(stand.adminUrl);
  await expect(page).toHaveTitle(T.appTitle);
  await page.getByPlaceholder(T.loginEmail, { exact: true }).fill(stand.adminEmail);
  await page.getByPlaceholder(T.loginPassword, { exact: true }).fill('wrong');
  await page.locator('a.x-btn', { hasText: exactly(T.loginButton) }).click();
  await expect(page.getByText(T.loginFailed)).toBeVisible();

  await login(page, stand);
  await expect(page.getByText('Отображаются записи 1 - 25 из 30', { exact: true })).toBeVisible();
  await expect(page.locator('[data-qtip="Создать"]')).toBeVisible();
  for (const header of ['ID', 'ФИО', 'Email', 'Телефон', 'Муниципалитет', 'Резидент РФ', 'Проверен']) {
    await expect(usersGrid(page).locator('.x-column-header-text', { hasText: exactly(header) })).toBeVisible();
  }
  // Other sections are hash routes reached from the menu.
  await page.locator('.x-tree-node-text', { hasText: exactly(T.menuOrders) }).click();
  await expect(page).toHaveURL(/#activity_order$/);
  await page.locator('.x-tree-node-text', { hasText: exactly(T.menuSiteUsers) }).click();
  await expect(page.getByText('Отображаются записи 1 - 25 из 30', { exact: true })).toBeVisible();
});

test('confirming without SNILS is refused while «Резидент РФ» is ticked, then works after unticking', async ({ page, stand }) => {
  const { parent, child } = seed(stand);
  await login(page, stand);
  const { card, child: childWin } = await openChildCard(page, parent.id, child.id);
  await expect(childWin.getByText(T.notConfirmed, { exact: true })).toBeVisible();

  await childWin.getByRole('button', { name: T.confirm, exact: true }).click();
  await expect(msgBox(page)).toContainText(T.confirmQuestion);
  await msgBox(page).getByRole('button', { name: 'Да', exact: true }).click();
  await expect(msgBox(page)).toContainText(T.residentRefusal);
  await msgBox(page).getByRole('button', { name: 'OK', exact: true }).click();
  expect(stand.state.children[0]!.confirmed).toBe(false);
  await childWin.getByRole('button', { name: T.close, exact: true }).click();
  await expect(childWin).toHaveCount(0);

  // Untick «Резидент РФ» on «Основные» and save.
  await card.getByRole('tab', { name: T.tabMain, exact: true }).click();
  const resident = card.getByRole('checkbox', { name: T.resident });
  await expect(resident).toBeChecked();
  await resident.uncheck();
  await card.getByRole('button', { name: T.save, exact: true }).click();
  await expect(page.locator('.x-toast', { hasText: T.saved })).toBeVisible();
  await expect.poll(() => stand.state.users[0]!.resident).toBe(false);

  await card.getByRole('tab', { name: T.tabChildren, exact: true }).click();
  await card.getByRole('gridcell', { name: String(child.id), exact: true }).dblclick();
  await win(page, T.childWindowTitle).getByRole('button', { name: T.confirm, exact: true }).click();
  await msgBox(page).getByRole('button', { name: 'Да', exact: true }).click();
  const again = win(page, T.childWindowTitle);
  await expect(again.getByText(T.confirmed, { exact: true })).toBeVisible();
  await expect(again.getByText('admin@stand.local', { exact: true })).toBeVisible();
  await expect(again.getByText('Учебный стенд Навигатора', { exact: true })).toBeVisible();
  expect(stand.state.children[0]!.confirmed).toBe(true);
});

test('the certificate dialog lists three types from the server; an unconfirmed child is refused', async ({ page, stand }) => {
  const { parent, child } = seed(stand);
  await login(page, stand);
  const { child: childWin } = await openChildCard(page, parent.id, child.id);
  await childWin.getByRole('button', { name: T.issueCertificate, exact: true }).click();
  const dialog = win(page, T.certificateWindowTitle);
  await expect(dialog.getByText('Без Внесения Данных', { exact: true })).toBeVisible();
  const type = dialog.getByRole('combobox', { name: 'Тип сертификата' });
  await expect(type).toHaveAttribute('placeholder', T.certificateTypeEmpty);
  await expect(dialog.getByPlaceholder(T.denominationEmpty)).toBeVisible();
  await type.click();
  const items = page.locator('.x-boundlist').filter({ visible: true }).locator('li.x-boundlist-item');
  await expect(items).toHaveText(['Сертификат не подтвержден', 'Сертификат учета', 'Сертификат финансирования']);
  await items.filter({ hasText: exactly('Сертификат учета') }).click();
  await expect(type).toHaveValue('Сертификат учета');
  await dialog.getByRole('button', { name: T.save, exact: true }).click();
  await expect(msgBox(page)).toContainText(T.certificateNeedsConfirmed);
  await msgBox(page).getByRole('button', { name: 'OK', exact: true }).click();
  expect(stand.state.certificates).toHaveLength(0);
});

test('an expired admin session sends the panel back to login, and login returns to the section', async ({ page, stand }) => {
  const { parent } = seed(stand);
  await login(page, stand);
  await page.locator('.x-tree-node-text', { hasText: exactly(T.menuOrganizations) }).click();
  await expect(page).toHaveURL(/#organization$/);
  await page.locator('.x-tree-node-text', { hasText: exactly(T.menuSiteUsers) }).click();
  await openUserCard(page, parent.id);

  stand.state.expireSessions('admin');
  await win(page, `#${parent.id} клиент`).getByRole('tab', { name: T.tabChildren, exact: true }).click();
  await expect(page.getByText(T.sessionExpired, { exact: true })).toBeVisible();
  await expect(page.locator('.x-window').filter({ visible: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: T.loginButton, exact: true })).toBeVisible();

  await page.getByPlaceholder(T.loginEmail, { exact: true }).fill(stand.adminEmail);
  await page.getByPlaceholder(T.loginPassword, { exact: true }).fill(stand.adminPassword);
  await page.getByRole('button', { name: T.loginButton, exact: true }).click();
  await expect(page).toHaveURL(/#site_user$/);
  await expect(page.getByText('Отображаются записи 1 - 1 из 1', { exact: true }).filter({ visible: true })).toBeVisible();
});
