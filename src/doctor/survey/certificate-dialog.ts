// Admin step 8: «Выдать сертификат» → the dialog's title, its type combo and the list's items,
// its buttons → «Отмена» (or the close tool). Nothing is picked, nothing saved.
import type { Page } from 'playwright';
import { CertificateDialog, type ChildCard } from '../../navigator/admin/child-card.js';
import type { PanelDriver } from '../../navigator/admin/driver.js';
import { button, fold, normalizeLabel, snapshot, waitIdle } from '../../navigator/ext.js';
import type { SurveyContext } from './context.js';
import { comboStoreItems, windowInfo } from './in-page.js';
import { compareWhole, pickCandidate, squash, unchecked } from './match.js';

/** Step 8, after the child card. */
export async function surveyDialog(sv: SurveyContext, page: Page, driver: PanelDriver, child: ChildCard): Promise<void> {
  const a = sv.findings.admin;
  const t = sv.t;
  const win = driver.window(child.title).last();
  const opened = await sv.openWindow(page, () => button(win, t.issueCertificate).click(sv.wait), `«${t.issueCertificate}»`);
  sv.text(compareWhole({ key: 'adminTexts.certificateWindowTitle', where: 'окно выдачи сертификата', expected: t.certificateWindowTitle }, [opened], () => opened));
  const dialog = new CertificateDialog(driver, child);
  const info = await page.evaluate(windowInfo, dialog.title);
  if (!info) throw new Error(`окно «${dialog.title}» не найдено`);
  const where = 'окно выдачи сертификата';
  const combos = info.fields.filter((f) => f.xtype === 'combobox' || f.xtype === 'combo');
  const label = sv.text(
    compareWhole({ key: 'adminTexts.certificateType', where: `${where}, поля`, expected: t.certificateType }, info.fields.map((f) => f.label), () =>
      combos.length === 1 ? combos[0]!.label : pickCandidate(t.certificateType, combos.map((c) => ({ text: c.label })), { contains: ['тип'] }),
    { label: true }),
  );
  let items: string[] = [];
  let closed = false;
  try {
    if (label.found !== null) items = await comboItems(sv, page, driver, dialog.title, label.found);
  } catch (e) {
    sv.fail('список типов сертификата', e);
  }
  const buttons = info.buttons;
  sv.text(
    compareWhole({ key: 'adminTexts.accountingCertificate', where: `${where}, список «${label.found ?? t.certificateType}»`, expected: t.accountingCertificate }, items, () =>
      pickCandidate(t.accountingCertificate, items.map((text) => ({ text })), { contains: ['учет'] }),
    ),
  );
  sv.text(compareWhole({ key: 'adminTexts.save', where: `${where}, кнопки`, expected: t.save }, buttons, () => pickCandidate(t.save, buttons.map((text) => ({ text })), { contains: ['сохран'] })));
  const cancel = compareWhole({ key: 'adminTexts.cancel', where: `${where}, кнопки`, expected: t.cancel }, buttons, () => pickCandidate(t.cancel, buttons.map((text) => ({ text })), { contains: ['отмен'] }));
  // Without «Отмена» navbot closes the dialog by its close tool: not a blocker.
  sv.text(cancel.found === null ? unchecked(cancel, 'кнопки нет: окно закрывается крестиком') : cancel);
  try {
    await dialog.cancel();
    closed = !(await snapshot(page, sv.marks())).windows.includes(fold(dialog.title));
  } catch (e) {
    sv.fail('закрытие окна выдачи сертификата', e);
  }
  a.dialog = { ...info, comboLabel: label.found, items, closed };
}

/** Opens the combo's list like a person, reads its items, takes a screenshot and closes the list. */
async function comboItems(sv: SurveyContext, page: Page, driver: PanelDriver, title: string, label: string): Promise<string[]> {
  const win = driver.window(title).last();
  const input = win.getByRole('combobox', { name: normalizeLabel(label) }).filter({ visible: true }).first();
  await input.click(sv.wait);
  if ((await input.getAttribute('aria-expanded', sv.wait)) !== 'true') await input.press('ArrowDown', sv.wait);
  const list = page.locator('.x-boundlist').filter({ visible: true }).locator('li.x-boundlist-item');
  await list.first().waitFor(sv.wait);
  await waitIdle(page, sv.o.timeoutMs);
  const shown = (await list.allInnerTexts()).map(squash).filter(Boolean);
  const stored = (await page.evaluate(comboStoreItems, { title, label })) ?? [];
  await sv.shot(page, 'certificate-dialog');
  // Close the list (nothing picked); should it stay open, «Отмена» closes the dialog with it.
  await input.press('Escape', sv.wait).catch(() => undefined);
  const el = await input.elementHandle(sv.wait);
  await page.waitForFunction((e) => (e as HTMLInputElement).getAttribute('aria-expanded') !== 'true', el, { timeout: sv.o.timeoutMs, polling: 25 }).catch(() => undefined);
  await el?.dispose();
  return [...new Set([...shown, ...stored.map(squash)])];
}
