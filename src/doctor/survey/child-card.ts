// Admin step 7: the child card — its buttons, the fields navbot reads where the panel keeps no
// record, the confirmation block, the certificates grid and what the profile's certificate
// sources give on this child; then the certificate dialog (certificate-dialog.ts).
import type { Page } from 'playwright';
import type { PanelDriver } from '../../navigator/admin/driver.js';
import { ChildCard } from '../../navigator/admin/child-card.js';
import type { UserCard } from '../../navigator/admin/user-card.js';
import { dblclickRecord, dblclickRow, fold, normalizeLabel, sameText } from '../../navigator/ext.js';
import { surveyDialog } from './certificate-dialog.js';
import { firstLine, type SurveyContext } from './context.js';
import { windowInfo } from './in-page.js';
import { compareWhole, pickCandidate, unchecked, type TextFinding } from './match.js';
import type { WindowInfo } from './types.js';

type ChildFinding = NonNullable<SurveyContext['findings']['admin']['child']>;

/** Steps 7–8: the child card, then «Выдать сертификат» → the dialog's list → «Отмена». */
export async function surveyChild(sv: SurveyContext, page: Page, driver: PanelDriver, card: UserCard, id: string): Promise<void> {
  const a = sv.findings.admin;
  const t = sv.t;
  const k = sv.work.adminData.kidFields;
  const opened = await sv.openWindow(
    page,
    async () =>
      (await dblclickRecord(page, { windowTitle: card.title, headers: [t.childName] }, k.id, id)) ||
      dblclickRow(page, { windowTitle: card.title, headers: [t.columnId, t.childName] }, t.columnId, id),
    `ребёнок #${id}`,
  );
  sv.text(compareWhole({ key: 'adminTexts.childWindowTitle', where: 'заголовок карточки ребёнка', expected: t.childWindowTitle }, [opened], () => opened));
  const child = new ChildCard(driver, id);
  const info = await page.evaluate(windowInfo, child.title);
  if (!info) throw new Error(`окно «${child.title}» не найдено`);
  const issue = compareChildButtons(sv, info.buttons);
  const fromRecord = info.record.includes(k.birthDate) && info.record.includes(k.approved);
  let data: Awaited<ReturnType<ChildCard['read']>> | null = null;
  let readError: string | null = null;
  try {
    data = await child.read();
  } catch (e) {
    readError = firstLine(e);
  }
  if (!fromRecord) compareChildFields(sv, info);
  a.child = {
    ...info,
    id,
    fromRecord,
    confirmed: data?.confirmed ?? null,
    confirmation: confirmationFinding(sv, info),
    certificates: { grid: certificatesGrid(sv, info), endpoint: await certificatesEndpoint(sv, child) },
    readError,
  };
  await sv.shot(page, 'child-card');
  if (issue.found === null) {
    a.skipped.dialog = `в карточке ребёнка нет кнопки «${t.issueCertificate}»`;
    return;
  }
  await surveyDialog(sv, page, driver, child);
}

/** The card's buttons: confirm, issue a certificate (returned: the dialog needs it), close. */
function compareChildButtons(sv: SurveyContext, buttons: string[]): TextFinding {
  const t = sv.t;
  const where = 'карточка ребёнка, кнопки';
  const btn = (text: string) => ({ text });
  sv.text(compareWhole({ key: 'adminTexts.confirm', where, expected: t.confirm }, buttons, () => pickCandidate(t.confirm, buttons.map(btn), { contains: ['подтверд'] })));
  const issue = sv.text(
    compareWhole({ key: 'adminTexts.issueCertificate', where, expected: t.issueCertificate }, buttons, () =>
      pickCandidate(t.issueCertificate, buttons.map(btn), { contains: ['сертификат'] }),
    ),
  );
  sv.text(compareWhole({ key: 'adminTexts.close', where, expected: t.close }, buttons, () => pickCandidate(t.close, buttons.map(btn), { contains: ['закры'] })));
  return issue;
}

/** Without a record navbot reads the card's fields: birth date, sex and the status line. */
function compareChildFields(sv: SurveyContext, info: WindowInfo): void {
  const t = sv.t;
  const labels = info.fields.map((x) => x.label);
  const lw = 'карточка ребёнка, поля';
  sv.text(compareWhole({ key: 'adminTexts.childBirthDate', where: lw, expected: t.childBirthDate }, labels, () => null, { label: true }));
  sv.text(compareWhole({ key: 'adminTexts.childSex', where: lw, expected: t.childSex }, labels, () => null, { label: true }));
  const status = compareWhole({ key: 'adminTexts.confirmationStatus', where: lw, expected: t.confirmationStatus }, labels, () => null, { label: true });
  // No status line (the memo): navbot reads who confirmed in «Подтверждение», or «Подтвердить» disabled.
  const confirmer = labels.some((l) => sameText(normalizeLabel(l), t.confirmedByUser)) || info.buttons.some((b) => sameText(b, t.confirm));
  sv.text(!status.works && confirmer && sv.work.adminStructure.confirmedShownBy !== 'status' ? unchecked(status, `не нужен: navbot видит подтверждение по полю «${t.confirmedByUser}» в блоке «${t.confirmation}» или по недоступной кнопке «${t.confirm}»`) : status);
}

/** The confirmation block: its fieldset, the labels in it, whether a status line or a record field shows it. */
function confirmationFinding(sv: SurveyContext, info: WindowInfo): ChildFinding['confirmation'] {
  const t = sv.t;
  const block = info.fieldsets.find((f) => sameText(f, t.confirmation)) ?? info.fieldsets.find((f) => fold(f).includes('подтвержд')) ?? null;
  const blockLabels = info.fields.filter((x) => block !== null && x.fieldset !== null && sameText(x.fieldset, block)).map((x) => normalizeLabel(x.label));
  return {
    block,
    labels: blockLabels,
    statusShown: blockLabels.some((l) => sameText(l, t.confirmationStatus)),
    recordField: info.record.includes(sv.work.adminData.kidFields.approved),
  };
}

/** The certificates grid: the one with the type and number columns. */
function certificatesGrid(sv: SurveyContext, info: WindowInfo): ChildFinding['certificates']['grid'] {
  const t = sv.t;
  const certGrid = info.grids.find((g) => {
    const cols = g.columns.map((c) => c.text);
    return cols.some((c) => sameText(c, t.certificateTypeColumn)) && cols.some((c) => sameText(c, t.certificateNumberColumn));
  });
  return certGrid ? { title: certGrid.title, columns: certGrid.columns.map((c) => c.text) } : null;
}

/** What the profile's certificate sources give on this child (certificate-read.ts); never a source that was not configured. */
async function certificatesEndpoint(sv: SurveyContext, child: ChildCard): Promise<ChildFinding['certificates']['endpoint']> {
  const read = sv.work.adminData.certificateRead;
  const path = read.check?.path ?? read.list?.path ?? '';
  let count: number | null = null;
  let endpointError: string | null = null;
  try {
    const reading = await child.certificates();
    if (reading.known) count = reading.certificates.length;
    else endpointError = reading.tried.join('; ');
  } catch (e) {
    endpointError = firstLine(e);
  }
  return { path, count, error: endpointError };
}
