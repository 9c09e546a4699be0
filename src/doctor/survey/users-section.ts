// Admin steps 3–4: the menu item for site users (a tree, or a "Desktop" build's start menu) and
// its section: an Ext grid? its columns, the records behind them, the search field, the window.
import type { Page } from 'playwright';
import { exactly, fold, sameText } from '../../navigator/ext.js';
import type { AdminTexts, SurveyContext } from './context.js';
import { menuTexts, sectionInfo } from './in-page.js';
import { compareWhole, pickCandidate, unchecked, type Candidate, type TextFinding } from './match.js';
import { DIALOGS_NOTE, SOURCE_DIALOGS, listExtras, pickSearch, pickSearchButton, recordsSuffice, startMenus, type StructureFindings } from './structure.js';
import type { SectionInfo } from './types.js';

type StartMenu = ReturnType<typeof startMenus>[number];

/** Steps 3–4: the menu item for site users, and its section (an Ext grid?). */
export async function surveySection(sv: SurveyContext, page: Page): Promise<boolean> {
  const a = sv.findings.admin;
  const { start, structure } = await readMenu(sv, page);
  const st = sv.work.adminStructure;
  const item = sv.text(
    compareWhole({ key: 'adminTexts.menuSiteUsers', where: 'меню админ-панели', expected: sv.t.menuSiteUsers }, a.menu, () =>
      pickCandidate(sv.t.menuSiteUsers, a.menu.map((text) => ({ text })), { contains: ['пользовател'] }),
    ),
  );
  if (item.found === null) {
    a.skipped.section = `в меню нет пункта «${sv.t.menuSiteUsers}»`;
    return false;
  }
  if (start) await page.locator('.x-btn').filter({ has: page.locator('.x-btn-inner', { hasText: exactly(start.button) }) }).filter({ visible: true }).first().click(sv.wait);
  await page
    .locator('.x-tree-node-text, .x-treelist-item-text, .x-menu-item-text')
    .filter({ hasText: exactly(item.found) })
    .filter({ visible: true })
    .first()
    .click(sv.wait);
  const handle = await page.waitForFunction(sectionInfo, undefined, { timeout: sv.o.timeoutMs, polling: 50 }).catch(() => null);
  const info = handle ? ((await handle.jsonValue()) as SectionInfo) : null;
  await handle?.dispose();
  if (!info) {
    a.section = { ext: false, title: '', columns: [], searchFields: [], paging: null, rows: 0, total: null };
    await sv.shot(page, 'admin-section');
    return false;
  }
  a.section = info;
  structure.usersWindow = info.window ?? null;
  st.usersInWindow = structure.usersWindow !== null;
  if (structure.usersWindow !== null && !sameText(structure.usersWindow, item.found)) {
    sv.findings.errors.push({ stage: 'раздел пользователей сайта', message: `список открылся в окне «${structure.usersWindow}», а navbot ждёт окно с названием пункта меню «${item.found}»`, unreachable: false });
  }
  const extras = await page.evaluate(listExtras, structure.usersWindow);
  structure.recordFields = extras.recordFields;
  await sv.shot(page, 'admin-users');
  for (const x of compareColumns(sv, info, extras.recordFields)) sv.text(x);
  compareSearch(sv, info, extras, structure);
  return true;
}

/** Step 3: the panel's menu — a tree, or a "Desktop" build's start menu; the structure found so far. */
async function readMenu(sv: SurveyContext, page: Page): Promise<{ start: StartMenu | undefined; structure: StructureFindings }> {
  const a = sv.findings.admin;
  a.menu = await page.evaluate(menuTexts);
  // A "Desktop" build: the menu hides behind a button (its items read from the Ext menu, not shown).
  const starts = await page.evaluate(startMenus);
  const start = a.menu.length > 0 ? undefined : (starts.find((m) => m.items.some((i) => /пользовател/.test(fold(i)))) ?? starts[0]);
  if (start) a.menu = start.items;
  const structure: StructureFindings = {
    menu: start ? 'start' : a.menu.length > 0 ? 'tree' : 'unknown',
    menuButton: start?.button ?? null,
    usersWindow: null,
    search: null,
    recordFields: [],
    dialogs: { seen: false, proposed: SOURCE_DIALOGS, note: DIALOGS_NOTE },
  };
  a.structure = structure;
  sv.work.adminStructure.menuButton = start?.button ?? '';
  return { start, structure };
}

/** The users grid's columns against the profile, in the order they are reported. */
function compareColumns(sv: SurveyContext, info: SectionInfo, recordFields: string[]): TextFinding[] {
  const where = 'таблица пользователей сайта';
  const cols: Candidate[] = info.columns.map((c) => ({ text: c.text, kind: c.dataIndex ?? undefined }));
  const texts = info.columns.map((c) => c.text);
  const t = sv.t;
  // A column is found by the record field behind it when its text is not the profile's.
  const byField = (key: keyof AdminTexts, field: string) =>
    compareWhole({ key: `adminTexts.${key}`, where, expected: t[key] }, texts, () => pickCandidate('', cols, { kind: field }), { label: true });
  const f = sv.work.adminData.userFields;
  // Where the list's records hold id, e-mail and both flags, navbot reads them there: no columns needed.
  const records = recordsSuffice(sv.work, recordFields);
  const viaRecord = (x: TextFinding) => (records && !x.works ? unchecked(x, 'не нужен: navbot читает записи таблицы (id, e-mail, отметки)') : x);
  // The e-mail column is always compared: navbot finds the list by it.
  const found = [viaRecord(byField('columnId', f.id)), byField('email', f.email), viaRecord(byField('resident', f.resident)), viaRecord(byField('verified', f.verified))];
  const names = [byField('lastName', f.lastName), byField('firstName', f.firstName), byField('patronymic', f.patronymic)].map(viaRecord);
  const full = compareWhole({ key: 'adminTexts.columnFullName', where, expected: t.columnFullName }, texts, () => pickCandidate(t.columnFullName, cols, { contains: ['фио'] }), {
    label: true,
  });
  // navbot reads the three name columns (hidden or not), or else «ФИО»: one of the two is enough.
  if (names.every((n) => n.works)) {
    found.push(...names, full.works ? full : unchecked(full, `не нужен: есть столбцы ${names.map((n) => `«${n.found}»`).join(', ')}`));
  } else if (full.found !== null) {
    found.push(full, ...names.map((n) => (n.works ? n : unchecked(n, `не нужен: navbot читает имена из столбца «${full.found}»`))));
  } else {
    found.push(...names, full);
  }
  return found;
}

/** The search field over the users grid (and its button), as the survey found them. */
function compareSearch(sv: SurveyContext, info: SectionInfo, extras: { labels: string[]; buttons: string[] }, structure: StructureFindings): void {
  const fields = info.searchFields;
  const search = pickSearch(sv.t.search, fields, extras.labels);
  structure.search = search ? { ...search, button: pickSearchButton(extras.buttons) } : null;
  if (search) sv.work.adminStructure.searchBy = search.by;
  sv.text(
    compareWhole({ key: 'adminTexts.search', where: 'поле поиска над таблицей пользователей', expected: sv.t.search }, [...fields, ...extras.labels], () =>
      search ? search.text : fields.length === 1 ? fields[0]! : pickCandidate(sv.t.search, fields.map((text) => ({ text })), { contains: ['поиск', 'найти', 'искать'] }),
    ),
  );
}
