// Admin steps 5–6: the sample user (or the first listed), its card read and left unsaved, and the
// card's «Дети» tab: its columns, the records' ids, the child to open next.
import type { Page } from 'playwright';
import type { PanelDriver } from '../../navigator/admin/driver.js';
import { UserCard } from '../../navigator/admin/user-card.js';
import { UsersList } from '../../navigator/admin/users-list.js';
import { AdminPanel } from '../../navigator/admin/panel.js';
import { exactly, readGridRecords, sameText } from '../../navigator/ext.js';
import type { SurveyContext } from './context.js';
import { windowGridsLoaded, windowInfo } from './in-page.js';
import { compareWhole, idKind, pickCandidate, titleTemplate, type Candidate } from './match.js';

/** Step 5: the sample user (or the first listed), its card read and left unsaved. */
export async function surveyUserCard(sv: SurveyContext, page: Page, driver: PanelDriver): Promise<UserCard | undefined> {
  const a = sv.findings.admin;
  const t = sv.t;
  let id: string;
  let email = '';
  let placeholder: boolean | null = null;
  const p = sv.work.placeholder;
  if (sv.o.sample) {
    const panel = new AdminPanel(page, { adminUrl: sv.o.adminUrl, email: sv.o.adminEmail, password: sv.o.adminPassword, profile: sv.work, timeoutMs: sv.o.timeoutMs });
    const rows = await panel.findUsersByEmail(sv.o.sample);
    const row = rows[0];
    if (!row) {
      a.skipped.user = `пользователь с e-mail ${sv.o.sample} не найден`;
      sv.findings.errors.push({ stage: 'образец (--sample)', message: `пользователь с e-mail ${sv.o.sample} не найден в админ-панели. Укажите в --sample e-mail существующей заглушки`, unreachable: false });
      return undefined;
    }
    id = row.id;
    email = row.email;
    placeholder = sameText(row.lastName, p.lastName) && sameText(row.firstName, p.firstName) && sameText(row.patronymic, p.patronymic);
  } else {
    const row = ((await new UsersList(driver).rows()) ?? [])[0];
    if (!row) {
      a.skipped.user = 'в таблице пользователей никого нет (укажите --sample EMAIL существующей заглушки)';
      return undefined;
    }
    id = row.id;
    email = row.email;
  }
  a.user = { id, email, how: sv.o.sample ? 'sample' : 'first', placeholder };
  const opened = await sv.openWindow(page, () => new UsersList(driver).dblclick(id), `пользователь #${id}`);
  sv.text(
    compareWhole({ key: 'adminTexts.userWindowTitle', where: 'заголовок карточки пользователя', expected: t.userWindowTitle }, [titleTemplate(opened, id)], () => titleTemplate(opened, id)),
  );
  const card = new UserCard(driver, id);
  let main: Awaited<ReturnType<UserCard['readMain']>> | null = null;
  const info = await page.evaluate(windowInfo, card.title);
  if (!info) throw new Error(`окно «${card.title}» не найдено`);
  const where = 'карточка пользователя';
  const tabs = info.tabs;
  sv.text(compareWhole({ key: 'adminTexts.tabMain', where: `${where}, вкладки`, expected: t.tabMain }, tabs, () => tabs[0] ?? null));
  sv.text(compareWhole({ key: 'adminTexts.tabChildren', where: `${where}, вкладки`, expected: t.tabChildren }, tabs, () => pickCandidate(t.tabChildren, tabs.map((text) => ({ text })), { contains: ['дет'] })));
  const labels = info.fields.map((x) => x.label);
  const fieldCandidates: Candidate[] = info.fields.map((x) => ({ text: x.label, kind: x.name ?? undefined }));
  const uf = sv.work.adminData.userFields;
  for (const [key, field] of [
    ['lastName', uf.lastName],
    ['firstName', uf.firstName],
    ['patronymic', uf.patronymic],
    ['email', uf.email],
    ['resident', uf.resident],
    ['verified', uf.verified],
  ] as const) {
    // The grid and the card share these keys, and the grid was read first: compared with what
    // the grid showed; a card that says it otherwise cannot be served by one profile text.
    const f = compareWhole({ key: `adminTexts.${key}`, where: `${where}, поля`, expected: t[key] }, labels, () => pickCandidate('', fieldCandidates, { kind: field }), { label: true });
    const grid = sv.findings.texts.find((x) => x.key === f.key && x.found !== null);
    if (grid && f.status === 'renamed') {
      sv.findings.texts.push({ ...f, suggest: false, note: `в таблице — «${grid.found}», в карточке — «${f.found}»: navbot ищет одну надпись и там, и там` });
    } else {
      sv.text(f);
    }
  }
  const buttons = info.buttons;
  sv.text(compareWhole({ key: 'adminTexts.save', where: `${where}, кнопки`, expected: t.save }, buttons, () => pickCandidate(t.save, buttons.map((text) => ({ text })), { contains: ['сохран'] })));
  sv.text(compareWhole({ key: 'adminTexts.close', where: `${where}, кнопки`, expected: t.close }, buttons, () => pickCandidate(t.close, buttons.map((text) => ({ text })), { contains: ['закры'] })));
  try {
    main = await card.readMain();
  } catch (e) {
    sv.fail('чтение карточки пользователя', e);
  }
  if (main && placeholder === null) placeholder = sameText(main.lastName, p.lastName) && sameText(main.firstName, p.firstName) && sameText(main.patronymic, p.patronymic);
  a.user = { id, email: email || main?.email || '', how: a.user.how, placeholder };
  const record = info.record;
  a.userCard = { ...info, resident: main?.resident ?? null, verified: main?.verified ?? null, fromRecord: record.includes(uf.resident) && record.includes(uf.verified) };
  await sv.shot(page, 'user-card');
  return card;
}

/** Step 6: the «Дети» tab: columns, the records' ids. Returns the child to open (or null). */
export async function surveyKids(sv: SurveyContext, page: Page, driver: PanelDriver, card: UserCard): Promise<string | null> {
  const a = sv.findings.admin;
  const t = sv.t;
  const win = driver.window(card.title).last();
  const tab = win.getByRole('tab', { name: exactly(t.tabChildren) });
  if ((await tab.getAttribute('aria-selected', sv.wait)) !== 'true') {
    await driver.act(() => tab.click(driver.wait), { windowShown: card.title }, `вкладка «${t.tabChildren}»`);
  }
  await page.waitForFunction(windowGridsLoaded, card.title, { timeout: sv.o.timeoutMs, polling: 25 });
  const info = await page.evaluate(windowInfo, card.title);
  const grid = info?.grids.find((g) => g.columns.length > 0);
  if (!grid) throw new Error(`на вкладке «${t.tabChildren}» нет таблицы`);
  const texts = grid.columns.map((c) => c.text);
  const where = `карточка пользователя, вкладка «${t.tabChildren}»`;
  sv.text(
    compareWhole({ key: 'adminTexts.childName', where, expected: t.childName }, texts, () => pickCandidate(t.childName, grid.columns.map((c) => ({ text: c.text })), { contains: ['фио', 'ребен', 'имя'] }), {
      label: true,
    }),
  );
  const k = sv.work.adminData.kidFields;
  const records = (await readGridRecords(page, { windowTitle: card.title, headers: [t.childName] })) ?? [];
  const recordFields = [...new Set(records.flatMap((r) => Object.keys(r)))];
  // navbot reads the children from the records behind the grid when they carry the id; only
  // otherwise from the cells, and then «ID» and «Удален?» must be columns.
  const fromRecords = records.length > 0 && records.every((r) => r[k.id] !== undefined && r[k.id] !== null);
  if (records.length > 0 && !fromRecords) {
    const cols = grid.columns.map((c) => ({ text: c.text, kind: c.dataIndex ?? undefined }));
    sv.text(compareWhole({ key: 'adminTexts.columnId', where, expected: t.columnId }, texts, () => pickCandidate('', cols, { kind: k.id }), { label: true }));
    sv.text(compareWhole({ key: 'adminTexts.childDeleted', where, expected: t.childDeleted }, texts, () => pickCandidate('', cols, { kind: k.deleted }), { label: true }));
  }
  let children: Awaited<ReturnType<UserCard['children']>> = [];
  try {
    children = await card.children();
  } catch (e) {
    sv.fail(`чтение вкладки «${t.tabChildren}»`, e);
  }
  const live = children.filter((c) => !c.deleted);
  const pick = live[0] ?? children[0];
  a.kids = {
    columns: grid.columns,
    count: children.length || records.length,
    idKind: idKind(records.map((r) => r[k.id])),
    recordFields,
    childId: pick?.id ?? null,
    fromRecords,
  };
  await sv.shot(page, 'user-children');
  return pick?.id ?? null;
}
