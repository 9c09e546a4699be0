// The admin panel built otherwise (issue 22 §2–3): `desktop` (start menu, the users list in a
// window with placeholder filters), `window-confirm` (the question and the refusal as windows),
// `no-record` (the child window and the «Дети» grid hold only what they show). The page objects
// driven by profile.adminStructure; a window the profile does not name stops with its title.
import { test, expect } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { defaultProfile, type Profile } from '../../src/config/profile.js';
import { AdminPanel } from '../../src/navigator/admin/panel.js';
import { BusinessError, MissingElementError } from '../../src/core/errors.js';
import { startStand, type Stand } from '../../src/stand/server.js';

function seed(stand: Stand) {
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
  stand.state.addUser({ email: 'xparent@example.com', password: 'x', lastName: 'Иванова', firstName: 'Анна', patronymic: '', phone: '', municipality: 'г. Северный', consent: true });
  const child = stand.state.addChild({ userId: parent.id, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2016-05-20', sex: 'female' });
  return { parent, child };
}

/** The profile doctor suggests for desktop + window-confirm (see src/doctor/survey/structure.ts). */
function structured(): Profile {
  const p = defaultProfile();
  p.adminTexts.search = 'Email';
  p.adminStructure = { ...p.adminStructure, menuButton: 'Пуск', usersInWindow: true, questionWindows: ['Подтверждение'], refusalWindows: ['Ошибка'] };
  return p;
}

async function withStand(variants: string[], fn: (stand: Stand) => Promise<void>) {
  const stand = await startStand({ port: 0, control: true, variants });
  try {
    await fn(stand);
  } finally {
    await stand.close();
  }
}

const panelFor = async (browser: Browser, stand: Stand, profile: Profile) => {
  const page = await (await browser.newContext()).newPage();
  return new AdminPanel(page, { adminUrl: stand.adminUrl, email: stand.settings.adminEmail, password: stand.settings.adminPassword, profile, timeoutMs: 15_000 });
};

test('desktop, window-confirm, no-record: search, refusal window, question window, shown values', async ({ browser }) => {
  test.setTimeout(120_000);
  await withStand(['desktop', 'window-confirm', 'no-record'], async (stand) => {
    const { parent, child } = seed(stand);
    const panel = await panelFor(browser, stand, structured());
    await panel.ensureLoggedIn();
    // The users list is a window with an «Email» filter; the users come from its records (no ID column).
    const users = await panel.findUsersByEmail('PARENT@example.com');
    expect(users).toEqual([{ id: String(parent.id), email: 'parent@example.com', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: true, verified: false }]);
    // A second row's search: the list's window is not a leftover (no reload), the card opens over it.
    await panel.ensureLoggedIn();
    const card = await panel.openUser(String(parent.id));
    // The «Дети» grid's records hold what it shows: no sex in them.
    expect(await card.children()).toEqual([{ id: String(child.id), name: 'Без Внесения Данных', deleted: false, birthDate: '2016-05-20' }]);
    let kid = await card.openChild(String(child.id));
    expect(await kid.readData()).toEqual({ id: String(child.id), birthDate: '2016-05-20', sex: 'female', confirmed: false });
    // The refusal comes as an error window «Ошибка»: a business refusal with the panel's words.
    const refusal = await kid.confirmWithoutSnils().catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BusinessError);
    expect((refusal as BusinessError).reason).toContain(stand.ctx.settings.adminTexts.residentRefusal);
    await kid.close();
    await card.setResident(false);
    await card.save();
    kid = await card.openChild(String(child.id));
    // The question «Подтверждение» is a window: answered «Да».
    await kid.confirmWithoutSnils();
    expect((await kid.readData()).confirmed).toBe(true);
    expect(stand.state.children[0]!.confirmed).toBe(true);
    await kid.close();
    await card.close();
  });
});

test('memo + no-record: confirmed is read from who confirmed, never from a status text', async ({ browser }) => {
  test.setTimeout(90_000);
  await withStand(['memo', 'no-record'], async (stand) => {
    const { parent, child } = seed(stand);
    stand.state.users[0]!.resident = false;
    const panel = await panelFor(browser, stand, defaultProfile());
    await panel.ensureLoggedIn();
    const card = await panel.openUser(String(parent.id));
    let kid = await card.openChild(String(child.id));
    expect(await kid.readData()).toEqual({ id: String(child.id), birthDate: '2016-05-20', sex: 'female', confirmed: false });
    await kid.confirmWithoutSnils();
    await kid.close();
    kid = await card.openChild(String(child.id));
    expect((await kid.readData()).confirmed).toBe(true);
  });
});

test('window-confirm with a profile that names no windows: stops naming the window, no timeout', async ({ browser }) => {
  test.setTimeout(90_000);
  await withStand(['window-confirm'], async (stand) => {
    const { parent, child } = seed(stand);
    stand.state.users[0]!.resident = false;
    const panel = await panelFor(browser, stand, defaultProfile());
    await panel.ensureLoggedIn();
    const card = await panel.openUser(String(parent.id));
    const kid = await card.openChild(String(child.id));
    const began = Date.now();
    const error = await kid.confirmWithoutSnils().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingElementError);
    expect((error as Error).message).toContain('«Подтверждение»');
    expect((error as Error).message).toContain('questionWindows');
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(stand.state.children[0]!.confirmed).toBe(false);
  });
});

test('the users list by its hash route, searched with the «Найти» button (adminStructure.usersVia / searchSubmit)', async ({ browser }) => {
  test.setTimeout(90_000);
  await withStand([], async (stand) => {
    const { parent } = seed(stand);
    const p = defaultProfile();
    p.adminStructure = { ...p.adminStructure, usersVia: 'route', usersRoute: '#site_user', searchSubmit: 'button', searchButton: 'Найти' };
    const panel = await panelFor(browser, stand, p);
    await panel.ensureLoggedIn();
    expect((await panel.findUsersByEmail('parent@example.com')).map((u) => u.id)).toEqual([String(parent.id)]);
    expect(await panel.page.getByPlaceholder('Поиск', { exact: true }).inputValue()).toBe('parent@example.com');
    expect((await panel.openUser(String(parent.id))).id).toBe(String(parent.id));
  });
});
