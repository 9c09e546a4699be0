// The child window «Редактирование ребенка» and the «Новый сертификат» dialog.
import { BusinessError, SystemError } from '../../core/errors.js';
import { dblclickRecord, dblclickRow, exactly, gridLoads, normalizeLabel, pickCombo, readField, readFormRecord, sameText, waitGridLoaded } from '../ext.js';
import { readCertificates, type CertificateReading } from './certificate-read.js';
import type { CardAnswers, Certificate, ChildFacts } from '../ports.js';
import { isoFromRu, truthy, type PanelDriver } from './driver.js';

export interface ChildCardData extends ChildFacts {
  certificates: Certificate[];
  reading: CertificateReading;
}

/** «Подтвержден» and «Не подтвержден» stay different: whole texts, folded (ё = е, case, spaces). */
const exact = sameText;

export class ChildCard {
  readonly title: string;

  constructor(
    private readonly d: PanelDriver,
    readonly id: string,
  ) {
    this.title = d.t.childWindowTitle;
  }

  /** What the panel answered to this card's last confirmation and certificate. */
  private answered: CardAnswers = {};

  answers(): CardAnswers {
    return { ...this.answered };
  }

  /**
   * The child as the panel loaded it (the record behind the card's form, else what the card
   * shows: «Подтвержден» and «Не подтвержден» compared whole), and the kid's certificates from
   * the sources the profile names (certificate-read.ts). `reload`: the certificates' grid loads
   * again first. `certificates` is empty where the reading could not tell (see `reading`).
   */
  async read(options: { reload?: boolean } = {}): Promise<ChildCardData> {
    await this.d.requireWindow(this.title, 'reading the child card');
    const data = (await this.readRecord()) ?? (await this.readShown());
    const reading = await readCertificates(this.d, this.title, this.id, options.reload ?? false);
    return { ...data, certificates: reading.known ? reading.certificates : [], reading };
  }

  /** The child's data as the open card holds it: its form's record (no request), or the fields shown. */
  async readData(): Promise<ChildFacts> {
    await this.d.requireWindow(this.title, 'reading the child card');
    return (await this.readRecord()) ?? (await this.readShown());
  }

  private async readShown(): Promise<ChildFacts> {
    const t = this.d.t;
    const began = Date.now();
    const field = async (label: string, within?: string) => {
      const v = await readField(this.d.page, this.title, label, within);
      return v ?? this.d.absent(`поля «${label}» в окне «${this.title}»`, `admin panel: no field «${label}» on the child card`, began);
    };
    const birth = await field(t.childBirthDate);
    const sexText = await field(t.childSex);
    const sex = exact(sexText, t.male) ? 'male' : exact(sexText, t.female) ? 'female' : undefined;
    if (!sex) throw new SystemError(`admin panel: unexpected «${t.childSex}» value «${sexText}» on child #${this.id}`);
    const by = this.d.profile.adminStructure.confirmedShownBy;
    const status = by === 'confirmer' ? null : await readField(this.d.page, this.title, t.confirmationStatus, t.confirmation);
    let confirmed: boolean;
    if (status === null) {
      if (by === 'status') await field(t.confirmationStatus, t.confirmation);
      confirmed = await this.confirmerShown(began);
    } else if (exact(status, t.confirmed)) confirmed = true;
    else if (exact(status, t.notConfirmed) || status === '') confirmed = false;
    else throw new SystemError(`admin panel: unexpected confirmation status «${status}» on child #${this.id}`);
    const birthDate = isoFromRu(birth);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new SystemError(`admin panel: unreadable birth date «${birth}» on child #${this.id}`);
    return { id: this.id, birthDate, sex, confirmed };
  }

  /**
   * Confirmed as the memo shows it (no status text): «Подтверждение» shows who confirmed
   * («Пользователь» filled), or «Подтвердить» is disabled.
   */
  private async confirmerShown(began: number): Promise<boolean> {
    const t = this.d.t;
    const who = await readField(this.d.page, this.title, t.confirmedByUser, t.confirmation);
    if (who !== null && who.trim() !== '') return true;
    const confirm = this.d.button(this.d.window(this.title), t.confirm);
    if ((await confirm.count()) > 0) return confirm.first().isDisabled(this.d.wait);
    if (who !== null) return false;
    return this.d.absent(
      `поля «${t.confirmedByUser}» в блоке «${t.confirmation}» или кнопки «${t.confirm}» в окне «${this.title}»`,
      `admin panel: the child card shows neither who confirmed nor «${t.confirm}»`,
      began,
    );
  }

  private async readRecord(): Promise<ChildFacts | null> {
    const record = await readFormRecord(this.d.page, this.title);
    return this.fromRecord(record);
  }

  /** A kid record (the form's, or an answer's) in the profile's field names; null without them. */
  private fromRecord(record: Record<string, unknown> | null | undefined): ChildFacts | null {
    const data = this.d.profile.adminData;
    const k = data.kidFields;
    if (!record || !(k.birthDate in record) || !(k.approved in record)) return null;
    const birthDate = String(record[k.birthDate] ?? '').slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new SystemError(`admin panel: unreadable birth date «${String(record[k.birthDate])}» in child #${this.id}'s record`);
    const sexValue = String(record[k.sex] ?? '');
    const sex = sexValue === data.sexValues.male ? 'male' : sexValue === data.sexValues.female ? 'female' : undefined;
    if (!sex) throw new SystemError(`admin panel: unexpected sex «${sexValue}» in child #${this.id}'s record`);
    return { id: this.id, birthDate, sex, confirmed: truthy(record[k.approved]) };
  }

  /** The kid's certificates from the profile's sources (no reload). */
  async certificates(): Promise<CertificateReading> {
    return readCertificates(this.d, this.title, this.id, false);
  }

  /**
   * «Подтвердить», answered «Да» when the panel asks about the missing SNILS; waits for the card
   * to show the result. A refusal (a message box) → BusinessError with the panel's words.
   */
  async confirmWithoutSnils(): Promise<void> {
    const t = this.d.t;
    const { win, seen } = await this.d.requireWindowSeen(this.title, 'confirming the child');
    const confirm = this.d.button(win, t.confirm);
    const sought = [this.d.sought(`кнопки «${t.confirm}» в окне «${this.title}»`, confirm)];
    if (await this.d.guard(() => confirm.isDisabled(this.d.wait), `«${t.confirm}»`, sought)) {
      if ((await this.readData()).confirmed) return;
      throw new SystemError(`admin panel: «${t.confirm}» is disabled on child #${this.id}, which is not confirmed`);
    }
    delete this.answered.confirmed;
    const clicked = await this.d.act(() => confirm.click(this.d.wait), {}, `«${t.confirm}»`, seen, sought);
    let outcome = clicked;
    if (clicked.message?.buttons.includes(t.yes)) {
      // The question: an Ext.Msg box, or a window the profile names (adminStructure.questionWindows).
      const box = this.d.button(this.d.messageBox().locator, t.yes);
      outcome = await this.d.act(() => box.click(this.d.wait), { request: true, answers: true }, `«${t.yes}» on «${clicked.message?.text ?? ''}»`);
    }
    if (!outcome.message) await this.d.noStranger(outcome, this.title, `«${t.confirm}»`);
    if (outcome.message) {
      await this.d.refusal(
        `подтверждение ребенка #${this.id}`,
        'Проверьте в админ-панели данные родителя (отметку «Резидент РФ») и ребенка (СНИЛС); после исправления запустите navbot снова.',
      );
    }
    // The confirmation's answer: the kid as the server now holds it (when it is this kid's record).
    const answer = await this.d.answer({ ...outcome, writesBefore: clicked.writesBefore });
    const kid = this.answerAboutThisKid(answer) ? this.fromRecord(answer) : null;
    if (kid) this.answered.confirmed = kid.confirmed;
  }

  /** An answer names this kid (ids compared as text), or names no kid at all. */
  private answerAboutThisKid(answer: Record<string, unknown> | undefined): boolean {
    const id = answer?.[this.d.profile.adminData.kidFields.id];
    return answer !== undefined && (id === undefined || id === null || String(id) === this.id);
  }

  /** Called by the certificate dialog with its save's answer. */
  noteCertificate(answer: Record<string, unknown> | undefined, saved = false): void {
    delete this.answered.certificate;
    delete this.answered.certificateSaved;
    if (saved) this.answered.certificateSaved = true;
    const f = this.d.profile.adminData.certificateFields;
    const number = answer?.[f.number];
    const type = answer?.[f.typeName];
    if (number === undefined || number === null || String(number) === '' || type === undefined || type === null) return;
    this.answered.certificate = { type: String(type), number: String(number) };
  }

  /** «Выдать сертификат» → the «Новый сертификат» dialog. */
  async openCertificateDialog(): Promise<CertificateDialog> {
    const t = this.d.t;
    const { win, seen } = await this.d.requireWindowSeen(this.title, 'opening the certificate dialog');
    const issue = this.d.button(win, t.issueCertificate);
    const outcome = await this.d.act(() => issue.click(this.d.wait), { windowShown: t.certificateWindowTitle }, `«${t.issueCertificate}»`, seen, [
      this.d.sought(`кнопки «${t.issueCertificate}» в окне «${this.title}»`, issue),
    ]);
    if (outcome.message) await this.d.refusal(`выдача сертификата ребенку #${this.id}`, 'Проверьте данные ребенка в админ-панели и запустите снова.');
    return new CertificateDialog(this.d, this);
  }

  async close(): Promise<void> {
    await this.d.closeWindow(this.title, this.d.t.close);
  }

  /** Opens child `id` from the «Дети» grid of the user card `userTitle`. */
  static async open(d: PanelDriver, userTitle: string, id: string): Promise<ChildCard> {
    const t = d.t;
    const query = { windowTitle: userTitle, headers: [t.childName, t.childDeleted] };
    // The tab reloads its list on every activation: look for the child only in a loaded list.
    const list = { element: `списка детей со столбцами «${t.childName}», «${t.childDeleted}» в окне «${userTitle}»`, present: async () => (await gridLoads(d.page, query)) !== null };
    await d.guard(() => waitGridLoaded(d.page, query, d.timeoutMs), `loading the children of «${userTitle}»`, [list]);
    const opened = await d.act(
      async () => {
        // By the record's id (no «ID» column in some regions), else by the «ID» cell.
        const byRecord = await dblclickRecord(d.page, query, d.profile.adminData.kidFields.id, id, d.timeoutMs);
        if (!byRecord && !(await dblclickRow(d.page, { ...query, headers: [t.columnId, t.childName] }, t.columnId, id, d.timeoutMs))) {
          throw new BusinessError(`В карточке пользователя нет ребенка #${id}`, 'Проверьте ребенка в админ-панели и запустите снова.');
        }
      },
      { windowShown: t.childWindowTitle },
      `opening child #${id}`,
    );
    if (opened.message) await d.refusal(`открытие ребенка #${id}`, 'Проверьте ребенка в админ-панели и запустите снова.');
    return new ChildCard(d, id);
  }
}

export class CertificateDialog {
  readonly title: string;

  constructor(
    private readonly d: PanelDriver,
    private readonly child: ChildCard,
  ) {
    this.title = d.t.certificateWindowTitle;
  }

  /** Picks the certificate type by its exact name in the combo's list. */
  async chooseType(name: string): Promise<void> {
    const t = this.d.t;
    const win = await this.d.requireWindow(this.title, 'choosing the certificate type');
    // The combo by its label, then the item in its open list (pickCombo looks for them the same way).
    const combo = win.getByRole('combobox', { name: normalizeLabel(t.certificateType) }).filter({ visible: true });
    const item = this.d.page.locator('.x-boundlist').filter({ visible: true }).locator('li.x-boundlist-item', { hasText: exactly(name) });
    await this.d.guard(() => pickCombo(this.d.page, win, t.certificateType, name, this.d.timeoutMs), `choosing «${name}»`, [
      this.d.sought(`поля «${t.certificateType}» в окне «${this.title}»`, combo),
      this.d.sought(`пункта «${name}» в списке «${t.certificateType}»`, item),
    ]);
    await this.d.settle({}, 'loading certificate types');
    const chosen = await this.selectedType();
    if (chosen === null || !sameText(chosen, name)) throw new SystemError(`admin panel: certificate type «${name}» not taken (the field shows «${chosen ?? ''}»)`);
  }

  async selectedType(): Promise<string | null> {
    const v = await readField(this.d.page, this.title, this.d.t.certificateType);
    return v ? v : null;
  }

  /** «Сохранить»; waits for the dialog to close and the child card to refresh. A refusal → BusinessError. */
  async save(): Promise<void> {
    const t = this.d.t;
    const { win, seen } = await this.d.requireWindowSeen(this.title, 'saving the certificate');
    this.child.noteCertificate(undefined);
    const save = this.d.button(win, t.save);
    const outcome = await this.d.act(() => save.click(this.d.wait), { windowGone: this.title, request: true }, `«${t.save}» certificate`, seen, [
      this.d.sought(`кнопки «${t.save}» в окне «${this.title}»`, save),
    ]);
    if (outcome.message) {
      await this.d.refusal(
        `выдача сертификата ребенку #${this.child.id}`,
        'Проверьте, что ребенок подтвержден и тип сертификата выбран; затем запустите navbot снова.',
      );
    }
    // The save's own successful answer (the profile's adminData.certificateSave, not the panel's
    // other requests after the click: a reload, a POST check), even one without the certificate's
    // fields, says it was issued.
    const answer = await this.d.answer(outcome, this.d.profile.adminData.certificateSave);
    this.child.noteCertificate(answer, answer !== undefined);
  }

  async cancel(): Promise<void> {
    await this.d.closeWindow(this.title, this.d.t.cancel);
  }
}
