// What the certificate step decides when the panel cannot say (issue 22 §1): no certificate
// source configured, or none answered. The row is never issued blindly: the ledger is the only
// memory left. Pure, so the decisions are unit-tested.
import { BusinessError } from '../../src/core/errors.js';
import type { Facts } from '../../src/procedure/engine.js';
import type { LedgerRecord } from '../../src/procedure/plugin.js';

/** The step's name in the ledger (certificate.ts). */
export const ISSUE_STEP = 'issueCertificate';

/** The fact of a certificate navbot knows it issued but whose number no screen or answer gave. */
export const ISSUED_NO_NUMBER = 'certificateIssued';

/**
 * What this target's ledger (and this run) knows of the key's certificate. Mutable: the step
 * marks `saveSent` right before «Сохранить», so a retry in the same run knows as the next run
 * will (the ledger's intent).
 */
export interface CertificateMemory {
  /** A number navbot itself issued and verified (its ledger's `made`). */
  issuedNumber?: string;
  /** navbot issued one and the answer said so, without a number. */
  issuedWithoutNumber?: boolean;
  /** «Сохранить» was (or may have been) sent, and no outcome was recorded. */
  saveSent: boolean;
}

/** The memory of a key from its ledger record (prepare, once per run). */
export function memoryOf(rec: LedgerRecord | undefined): CertificateMemory {
  if (!rec) return { saveSent: false };
  const made = rec.made ?? {};
  const number = made.certificateNumber;
  if (number !== undefined && number !== null && number !== '') return { issuedNumber: String(number), saveSent: false };
  if (made[ISSUED_NO_NUMBER] === true) return { issuedWithoutNumber: true, saveSent: false };
  const found = rec.facts.certificateNumber;
  const done = (found !== undefined && found !== null && found !== '') || rec.facts[ISSUED_NO_NUMBER] === true;
  // An intent (or a done found by another) without a number: the save may have happened.
  return { saveSent: rec.touched.has(ISSUE_STEP) && !done };
}

const SAMPLE = 'navbot doctor --sample-certified EMAIL';

/**
 * The panel could not say whether the child has the certificate: the ledger decides, or the row
 * stops. Returns the facts of a certificate this target issued; throws a BusinessError otherwise.
 */
export function decideUnread(memory: CertificateMemory | undefined, tried: readonly string[], child: string): { facts: Facts } {
  if (memory?.issuedNumber) return { facts: { certificateNumber: memory.issuedNumber } };
  if (memory?.issuedWithoutNumber) return { facts: { [ISSUED_NO_NUMBER]: true } };
  const asked = tried.length ? ` (${tried.join('; ')})` : '';
  if (memory?.saveSent) {
    throw new BusinessError(
      `Сертификат, возможно, уже выдан: navbot нажимал «Сохранить» в окне «Новый сертификат» для ребенка ${child}, но ответа не получил, а где панель показывает сертификаты ребенка, navbot прочитать не может${asked}. Второй раз navbot не выдает.`,
      `Проверьте в админ-панели сертификаты ребенка ${child}: если сертификат учета есть — впишите его номер в отчет вручную; если нет — выдайте его вручную или укажите в профиле, где панель показывает сертификаты (adminData.certificateRead: recordField, grid, check {path, eventId} или list {path}; подскажет ${SAMPLE}), и запустите navbot снова.`,
    );
  }
  throw new BusinessError(
    `navbot не может прочитать, есть ли у ребенка ${child} сертификат учета${asked}; не видя этого, сертификат не выдается (иначе возможен второй).`,
    `Укажите в профиле региона, где панель показывает сертификаты ребенка: adminData.certificateRead — recordField (поле записи ребенка), grid (список «Сертификаты» в карточке), check {path, eventId} (проверка по мероприятию) или list {path}. Подскажет ${SAMPLE} (пользователь, у ребенка которого сертификат точно есть). Затем запустите navbot снова.`,
  );
}

/** What the certificate step read from the panel's sources (certificate.ts). */
export type PanelRead =
  | {
      readonly known: true;
      /** The accounting certificate's number, where a source showed one. */
      readonly number?: string;
      /** A source showed an accounting certificate whose number it left empty: issued, number unread. */
      readonly unread?: boolean;
      /**
       * The source shows every certificate of the kid (a list). The per-event check and a
       * single-object record field do not: their «none» is «no valid certificate here», not «the
       * kid has none».
       */
      readonly complete: boolean;
    }
  | { readonly known: false; readonly tried: readonly string[] };

/**
 * Probe and recheck of the certificate step: the facts of a certificate already issued, or
 * undefined (none: the step may save). Never undefined where the ledger holds a certificate issued
 * without a number, nor where it holds this target's number and the source cannot show every
 * certificate; a BusinessError where it cannot tell.
 */
export function decideRead(memory: CertificateMemory | undefined, read: PanelRead, child: string): { facts: Facts } | undefined {
  if (!read.known) return decideUnread(memory, read.tried, child);
  if (read.number) return { facts: { certificateNumber: read.number } };
  if (read.unread) return { facts: memory?.issuedNumber ? { certificateNumber: memory.issuedNumber } : { [ISSUED_NO_NUMBER]: true } };
  // A save sent without an answer is not a certificate: where the source the region's doctor saw
  // showing accounting certificates says none, none was made, and the step may save once more. A
  // certificate this target saw issued (its number, or a save answered without one) that the
  // source no longer shows is another matter: the source cannot show every certificate, and a
  // second one is never risked on its word.
  if (memory?.issuedWithoutNumber || (!read.complete && memory?.issuedNumber !== undefined)) {
    return decideUnread(memory, [`источник показывает не все сертификаты ребенка, а его «нет» не значит, что сертификата нет`], child);
  }
  return undefined;
}
