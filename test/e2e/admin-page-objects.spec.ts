// navbot's admin-panel page objects against the stand: the whole confirm + certificate sequence,
// refusals as BusinessError, an expired session as SessionExpiredError.
import { test, expect, type StandFixture } from './fixtures.js';
import { defaultProfile } from '../../src/config/profile.js';
import { AdminPanel } from '../../src/navigator/admin/panel.js';
import { BusinessError, SessionExpiredError, SystemError } from '../../src/core/errors.js';

function seed(stand: StandFixture) {
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
  // A look-alike e-mail that a substring search also finds: must not be returned.
  stand.state.addUser({ email: 'xparent@example.com', password: 'x', lastName: 'Иванова', firstName: 'Анна', patronymic: '', phone: '', municipality: 'г. Северный', consent: true });
  const child = stand.state.addChild({ userId: parent.id, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' });
  return { parent, child };
}

const panelFor = (page: import('@playwright/test').Page, stand: StandFixture) =>
  new AdminPanel(page, { adminUrl: stand.adminUrl, email: stand.adminEmail, password: stand.adminPassword, profile: defaultProfile(), timeoutMs: 15_000 });

test('confirm and issue an accounting certificate through the page objects', async ({ page, stand }) => {
  const { parent, child } = seed(stand);
  const panel = panelFor(page, stand);
  await panel.ensureLoggedIn();
  await panel.ensureLoggedIn(); // idempotent

  const users = await panel.findUsersByEmail('PARENT@example.com');
  expect(users).toEqual([
    { id: String(parent.id), email: 'parent@example.com', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: true, verified: false },
  ]);

  const card = await panel.openUser(String(parent.id));
  expect(await card.readMain()).toEqual({ lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', email: 'parent@example.com', resident: true, verified: false });
  expect(await card.children()).toEqual([{ id: String(child.id), name: 'Без Внесения Данных', deleted: false, birthDate: '2016-05-20', sex: 'female' }]);

  // While «Резидент РФ» is ticked the panel refuses: a business fault with the panel's words.
  let childCard = await card.openChild(String(child.id));
  expect(await childCard.read()).toEqual({
    id: String(child.id),
    birthDate: '2016-05-20',
    sex: 'female',
    confirmed: false,
    certificates: [],
    // The default profile reads the card's «Сертификаты» grid (issue 22 §1).
    reading: { known: true, source: 'grid', certificates: [], complete: true },
  });
  const refusal = await childCard.confirmWithoutSnils().catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(BusinessError);
  expect((refusal as BusinessError).reason).toContain(stand.ctx.settings.adminTexts.residentRefusal);
  await childCard.close();

  await card.setResident(false);
  await card.save();
  expect((await card.readMain()).resident).toBe(false);
  // The save's own answer says what the server now holds.
  expect(card.saved()).toMatchObject({ resident: false, verified: false });
  expect(stand.state.users[0]!.resident).toBe(false);

  childCard = await card.openChild(String(child.id));
  await childCard.confirmWithoutSnils();
  expect(childCard.answers()).toEqual({ confirmed: true });
  expect((await childCard.read()).confirmed).toBe(true);
  expect((await childCard.readData()).confirmed).toBe(true);
  await childCard.confirmWithoutSnils(); // already confirmed: nothing to do

  const dialog = await childCard.openCertificateDialog();
  expect(await dialog.selectedType()).toBeNull();
  await dialog.chooseType('Сертификат учета');
  expect(await dialog.selectedType()).toBe('Сертификат учета');
  await dialog.save();
  const after = await childCard.read();
  expect(childCard.answers().certificate).toEqual(after.certificates[0]);
  expect(after.certificates).toHaveLength(1);
  expect(after.certificates[0]!.type).toBe('Сертификат учета');
  expect(after.certificates[0]!.number).toMatch(/^\d{2}-\d{7}$/);
  // Closed with Esc, as a person would (a closable Ext window closes on it at once).
  await childCard.close();
  await expect(page.locator('.x-window').filter({ visible: true })).toHaveCount(1);
  // A region whose card ignores Esc (Ext's documented onEsc: Ext.emptyFn): its «Закрыть» instead.
  await page.evaluate((title) => {
    const Ext = (globalThis as unknown as { Ext: any }).Ext;
    for (const w of Ext.ComponentQuery.query('window')) if (w.getTitle() === title) w.onEsc = Ext.emptyFn;
  }, card.title);
  await card.close();
  await expect(page.locator('.x-window').filter({ visible: true })).toHaveCount(0);
  await card.close(); // closing twice is harmless

  const dump = stand.state.dump();
  expect(dump.children.filter((c) => c.confirmed)).toHaveLength(1);
  expect(dump.certificates).toEqual([expect.objectContaining({ childId: child.id, type: 'accounting', number: after.certificates[0]!.number })]);
  expect(dump.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
});

test('a certificate for an unconfirmed child is a business refusal; cancel closes the dialog', async ({ page, stand }) => {
  const { parent, child } = seed(stand);
  const panel = panelFor(page, stand);
  await panel.ensureLoggedIn();
  const card = await panel.openUser(String(parent.id));
  const childCard = await card.openChild(String(child.id));
  let dialog = await childCard.openCertificateDialog();
  await dialog.chooseType('Сертификат учета');
  const error = await dialog.save().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusinessError);
  expect((error as BusinessError).reason).toContain(stand.ctx.settings.adminTexts.certificateNeedsConfirmed);
  await dialog.cancel();
  dialog = await childCard.openCertificateDialog();
  await dialog.cancel();
  expect(stand.state.certificates).toHaveLength(0);
});

test('an expired session surfaces as SessionExpiredError and ensureLoggedIn recovers', async ({ page, stand }) => {
  const { parent } = seed(stand);
  const panel = panelFor(page, stand);
  await panel.ensureLoggedIn();
  const card = await panel.openUser(String(parent.id));
  stand.state.expireSessions('admin');
  const error = await card.children().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SessionExpiredError);

  await panel.ensureLoggedIn();
  expect((await panel.findUsersByEmail('parent@example.com')).map((u) => u.id)).toEqual([String(parent.id)]);
  // Opening by id also works when the grid shows other rows.
  const again = await panel.openUser(String(parent.id));
  expect((await again.readMain()).email).toBe('parent@example.com');
});

test('a message the panel showed on its own (a late load that failed) is not taken for the answer to the next action', async ({ page, stand }) => {
  const { parent } = seed(stand);
  const panel = panelFor(page, stand);
  await panel.ensureLoggedIn();
  expect((await panel.findUsersByEmail('parent@example.com')).map((u) => u.id)).toEqual([String(parent.id)]);
  // After the search had settled, the panel reports a failed load of its own (as its grids do on a 500).
  await page.evaluate(() => (globalThis as unknown as { Ext: any }).Ext.Msg.alert('Ошибка', 'Сервер вернул ошибку (500). Повторите попытку позже.'));
  const error = await panel.findUsersByEmail('parent@example.com').catch((e: unknown) => e);
  // Not a business refusal of the search: a system fault, so the step is tried again from a fresh read.
  expect(error).toBeInstanceOf(SystemError);
  expect(error).not.toBeInstanceOf(BusinessError);
  expect(String((error as Error).message)).toContain('Сервер вернул ошибку (500)');
  await expect(page.locator('.x-message-box').filter({ visible: true })).toHaveCount(0);
  // The next try works.
  expect((await panel.findUsersByEmail('parent@example.com')).map((u) => u.id)).toEqual([String(parent.id)]);
});

test('a server error while saving the certificate is a SystemError, and nothing is issued', async ({ page, stand }) => {
  const { parent, child } = seed(stand);
  stand.state.users[0]!.resident = false;
  stand.state.children[0]!.confirmed = true;
  const panel = panelFor(page, stand);
  await panel.ensureLoggedIn();
  const childCard = await (await panel.openUser(String(parent.id))).openChild(String(child.id));
  const dialog = await childCard.openCertificateDialog();
  await dialog.chooseType('Сертификат учета');
  const res = await fetch(`${stand.url}/__stand/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: [{ match: { method: 'POST', path: '^/api/rest/certificate$' }, action: 'error', status: 503, times: 1 }] }),
  });
  expect(res.ok).toBe(true);
  const error = await dialog.save().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SystemError);
  expect(error).not.toBeInstanceOf(SessionExpiredError);
  expect(stand.state.certificates).toHaveLength(0);
  // The fault was one-off: the same dialog now saves.
  await dialog.save();
  expect((await childCard.read()).certificates).toHaveLength(1);
});

test('a slow panel whose mask outlives the answer: every action waits for the mask, not the request', async ({ page, stand }) => {
  const { parent, child } = seed(stand);
  const settings = await fetch(`${stand.url}/__stand/settings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ slowMaskMs: 700 }),
  });
  expect(((await settings.json()) as { slowMaskMs: number }).slowMaskMs).toBe(700);
  const panel = panelFor(page, stand);
  await panel.ensureLoggedIn();
  const card = await panel.openUser(String(parent.id));
  const began = Date.now();
  await card.setResident(false);
  await card.save();
  // The server had saved at once; the panel showed it only after the mask went.
  expect(Date.now() - began).toBeGreaterThanOrEqual(700);
  expect((await card.readMain()).resident).toBe(false);
  const childCard = await card.openChild(String(child.id));
  await childCard.confirmWithoutSnils();
  expect((await childCard.read()).confirmed).toBe(true);
  const dialog = await childCard.openCertificateDialog();
  await dialog.chooseType('Сертификат учета');
  await dialog.save();
  expect((await childCard.read()).certificates.map((c) => c.type)).toEqual(['Сертификат учета']);
  expect(stand.state.dump()).toMatchObject({ certificates: [expect.objectContaining({ childId: child.id, type: 'accounting' })], duplicates: { users: 0, children: 0, certificates: 0 } });
});
