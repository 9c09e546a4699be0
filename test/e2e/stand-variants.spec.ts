// Stand variants in a browser (issue 11, section 2): on `memo,uuid` the panel keeps what it loaded
// as Ext records (the robot's contract: form.getRecord(), grid.getStore().getRange()) with ids as
// the API gives them, and shows only what the memo shows; on `vendor-session` an expired token
// brings the login window over the open user card, and the panel goes on after a new login.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '@playwright/test';
import { startStand, type Stand } from '../../src/stand/server.js';
import { DEFAULT_ADMIN_TEXTS as T } from '../../src/stand/settings.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const exactly = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
const win = (page: Page, title: string): Locator =>
  page.locator('.x-window').filter({ has: page.locator('.x-title-text', { hasText: exactly(title) }) }).filter({ visible: true });

async function control(stand: Stand, path: string, body?: unknown) {
  const res = await fetch(stand.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as any;
}

async function seed(stand: Stand) {
  const user = await control(stand, '/__stand/users', { email: 'parent@example.com', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: false });
  const child = await control(stand, '/__stand/children', { userId: user.id, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' });
  return { userId: user.id as string | number, childId: child.id as string | number };
}

async function login(page: Page, stand: Stand, scope: Locator = page.locator('body')) {
  await scope.getByPlaceholder(T.loginEmail, { exact: true }).fill(stand.settings.adminEmail);
  await scope.getByPlaceholder(T.loginPassword, { exact: true }).fill(stand.settings.adminPassword);
  await scope.getByRole('button', { name: T.loginButton, exact: true }).click();
}

/** Script errors of the panel fail the test (an Ext error would otherwise pass unseen). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Data of the record behind the form of the (last) window titled `title`. */
const formRecord = (page: Page, title: string) =>
  page.evaluate((t) => {
    const Ext = (window as any).Ext;
    const w = Ext.ComponentQuery.query(`window[title="${t}"]`).pop();
    const rec = w && w.down('form').getForm().getRecord();
    return rec ? rec.getData() : null;
  }, title);

test.describe('memo,uuid', () => {
  let stand: Stand;
  test.beforeAll(async () => {
    stand = await startStand({ port: 0, control: true, variants: ['memo', 'uuid'] });
  });
  test.afterAll(async () => {
    await stand.close();
  });

  test('records behind the user card, its «Дети» grid and the child window carry the contract fields with string ids', async ({ page }) => {
    const errors = watchErrors(page);
    await control(stand, '/__stand/reset', {});
    const { userId, childId } = await seed(stand);
    expect(userId).toBe('2101');
    expect(String(childId)).toMatch(UUID);

    await page.goto(stand.adminUrl);
    await login(page, stand);
    const grid = page.locator('.x-grid:not(.x-tree-panel)').filter({ visible: true }).first();
    await grid.getByRole('gridcell', { name: '2101', exact: true }).dblclick();
    const card = win(page, '#2101 клиент');
    await expect(card.getByRole('textbox', { name: T.email })).toHaveValue('parent@example.com');

    // The user card's form record (form.loadRecord), id as the API gives it: a string.
    expect(await formRecord(page, '#2101 клиент')).toMatchObject({
      id: '2101', last_name: 'Без', first_name: 'Внесения', patro_name: 'Данных', email: 'parent@example.com', is_resident: false, is_verified: false,
    });

    // «Дети»: only «ФИО ребенка» and «Удален?» on screen; the store's records carry the rest.
    await card.getByRole('tab', { name: T.tabChildren, exact: true }).click();
    const kidsGrid = card.locator('.x-grid').filter({ visible: true });
    await expect(kidsGrid.getByRole('gridcell', { name: 'Без Внесения Данных', exact: true })).toBeVisible();
    const headers = await page.evaluate(() => {
      const Ext = (window as any).Ext;
      const g = Ext.ComponentQuery.query('window[title="#2101 клиент"] grid#kidsTab')[0];
      return g.getVisibleColumns().map((c: any) => c.text);
    });
    expect(headers).toEqual([T.childName, T.childDeleted]);
    await expect(kidsGrid.locator('.x-column-header-text')).toHaveText([T.childName, T.childDeleted]);
    const rows = await page.evaluate(() => {
      const Ext = (window as any).Ext;
      const g = Ext.ComponentQuery.query('window[title="#2101 клиент"] grid#kidsTab')[0];
      return g.getStore().getRange().map((r: any) => r.getData());
    });
    expect(rows).toEqual([expect.objectContaining({ id: childId, user_id: '2101', birthday: '2016-05-20', sex: 'female', is_deleted: false, is_approved: false })]);

    // The child window's form record.
    await kidsGrid.getByRole('gridcell', { name: 'Без Внесения Данных', exact: true }).dblclick();
    const child = win(page, T.childWindowTitle);
    await expect(child.getByRole('combobox', { name: 'Дата рождения' })).toHaveValue('20.05.2016');
    expect(await formRecord(page, T.childWindowTitle)).toMatchObject({ id: childId, birthday: '2016-05-20', sex: 'female', is_approved: false, user_id: '2101' });
    // The memo shows no status text and no certificates grid.
    await expect(child.getByText(T.confirmationStatus, { exact: true })).toHaveCount(0);
    await expect(child.getByText(T.notConfirmed, { exact: true })).toHaveCount(0);
    await expect(child.getByText(T.certificates, { exact: true })).toHaveCount(0);

    // «Подтвердить» → «Да»: the record follows the server's answer; the button is disabled; who confirmed shows.
    await child.getByRole('button', { name: T.confirm, exact: true }).click();
    await page.locator('.x-message-box').filter({ visible: true }).getByRole('button', { name: T.yes, exact: true }).click();
    await expect.poll(async () => (await formRecord(page, T.childWindowTitle))?.is_approved).toBe(true);
    await expect(child.getByRole('button', { name: T.confirm, exact: true })).toBeDisabled();
    await expect(child.getByText('Оператор стенда', { exact: true })).toBeVisible();
    await expect(child.getByText(T.confirmed, { exact: true })).toHaveCount(0);

    // «Выдать сертификат»: the number shows only in the notification and the per-event check (no list).
    await child.getByRole('button', { name: T.issueCertificate, exact: true }).click();
    const dialog = win(page, T.certificateWindowTitle);
    await dialog.getByRole('combobox', { name: /Тип сертификата/ }).click();
    await page.locator('.x-boundlist-item').filter({ visible: true }).filter({ hasText: exactly('Сертификат учета') }).click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/rest/certificate') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: T.save, exact: true }).click();
    const answer = (await (await saved).json()) as any;
    expect(answer.data).toMatchObject({ type: 'accounting', category_name: 'Сертификат учета', number: '55-0000123' });
    expect(String(answer.data.id)).toMatch(UUID);
    await expect(page.getByText('Выдан сертификат № 55-0000123')).toBeVisible();
    await expect(child.getByText('55-0000123')).toHaveCount(0);
    const checked = await page.evaluate(async (id) => (await (await fetch(`/api/pfdod/billing/check/event/certificate/kid/${id}?eventId=1`, { method: 'POST' })).json()) as any, String(childId));
    expect(checked.data).toEqual(expect.objectContaining({ id: answer.data.id, number: '55-0000123', type: 'accounting', category_name: 'Сертификат учета', kid_id: childId }));
    expect(await page.evaluate(async (id) => (await fetch(`/api/pfdod/billing/check/event/certificate/kid/${id}`)).status, String(childId))).toBe(405);
    await page.screenshot({ path: 'reports/screens/variants/memo-uuid-child.png' });
    expect(errors).toEqual([]);
  });
});

test.describe('vendor-session', () => {
  let stand: Stand;
  test.beforeAll(async () => {
    stand = await startStand({ port: 0, control: true, variants: ['vendor-session'], tokenTtlSec: 3 });
  });
  test.afterAll(async () => {
    await stand.close();
  });

  test('an expired token brings the login window over the open user card; after a new login the card goes on', async ({ page }) => {
    const errors = watchErrors(page);
    await control(stand, '/__stand/reset', {});
    const { userId } = await seed(stand);
    await page.goto(stand.adminUrl);
    await login(page, stand);
    const grid = page.locator('.x-grid:not(.x-tree-panel)').filter({ visible: true }).first();
    await grid.getByRole('gridcell', { name: String(userId), exact: true }).dblclick();
    const card = win(page, `#${userId} клиент`);
    await expect(card.getByRole('textbox', { name: T.email })).toHaveValue('parent@example.com');

    // The panel keeps the token in localStorage and sends it as a bearer header (no cookie).
    const stored = await page.evaluate(() => ({
      access_token: localStorage.getItem('access_token'),
      refresh_token: localStorage.getItem('refresh_token'),
      expired_at: localStorage.getItem('expired_at'),
    }));
    expect(stored.access_token).toBeTruthy();
    expect(stored.refresh_token).toBeTruthy();
    expect(Date.parse(stored.expired_at!)).toBeGreaterThan(Date.now() - 5000);
    expect(await page.context().cookies()).toEqual([]);

    // Wait (by asking the server, not by the clock) until the token has expired.
    await expect
      .poll(async () => (await fetch(`${stand.url}/api/user/me`, { headers: { authorization: `Bearer ${stored.access_token}` } })).status, { timeout: 10_000 })
      .toBe(401);

    // The next request of the panel: the login window shows over the card, which stays.
    await card.getByRole('tab', { name: T.tabChildren, exact: true }).click();
    const loginWindow = win(page, T.appTitle);
    await expect(loginWindow).toBeVisible();
    await expect(loginWindow.getByText(T.sessionExpired)).toBeVisible();
    await expect(card).toBeVisible();
    const z = await page.evaluate((title) => {
      const Ext = (window as any).Ext;
      const loginWin = Ext.ComponentQuery.query('navloginwindow')[0];
      const cardWin = Ext.ComponentQuery.query(`window[title="${title}"]`)[0];
      return { login: Number(loginWin.el.dom.style.zIndex), card: Number(cardWin.el.dom.style.zIndex) };
    }, `#${userId} клиент`);
    expect(z.login).toBeGreaterThan(z.card);
    await page.screenshot({ path: 'reports/screens/variants/vendor-session-login-window.png' });

    await login(page, stand, loginWindow);
    await expect(loginWindow).toHaveCount(0);
    await expect(card).toBeVisible();
    // The refused read of the «Дети» grid runs again with the new token.
    await expect(card.getByRole('gridcell', { name: 'Без Внесения Данных', exact: true })).toBeVisible();
    const renewed = await page.evaluate(() => localStorage.getItem('access_token'));
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(stored.access_token);
    expect(errors).toEqual([]);
  });
});
