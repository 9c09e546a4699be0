// The memo's last step: «Сертификат учета» on the child. The panel's word (the sources the
// profile names) with the ledger's (certificate-decision.ts) decides whether it is issued; filling
// the dialog writes nothing, and the certificates are read again right before «Сохранить».
import { SystemError } from '../../src/core/errors.js';
import type { Facts, Step, StepResult } from '../../src/procedure/engine.js';
import { decideRead, ISSUED_NO_NUMBER, type PanelRead } from './certificate-decision.js';
import { assertRowChild, childOf, NOT_YET, requireFact, type AccountingContext } from './context.js';
import { duplicateCertificates, stopOn } from './duplicates.js';
import { normText as norm } from './placeholder.js';

/**
 * The accounting certificate on the child, from the sources the profile names (the card's
 * record, its «Сертификаты» grid reloaded, the per-event check, the GET list); the card is
 * captured while it shows it. Two or more accounting certificates in a source that lists them all
 * stop the row as a duplicate. `known` false: no source could tell (never read as «none»).
 * `again` (recheck, verify): what the server holds now — a record field is what the card loaded
 * when it opened, so the card is opened again (an open «Новый сертификат» is cancelled first:
 * the act opens its own).
 */
async function accountingCertificate(ctx: AccountingContext, facts: Facts, again: boolean): Promise<PanelRead> {
  const wanted = norm(ctx.certificateTypeName);
  let data = await (await childOf(ctx, facts)).read({ reload: true });
  if (again && data.reading?.known && data.reading.source === 'record') {
    await ctx.certificateDialog?.cancel();
    ctx.certificateDialog = undefined;
    data = await (await childOf(ctx, facts, true)).read({ reload: true });
  }
  assertRowChild(ctx, data);
  if (data.reading && !data.reading.known) return { known: false, tried: data.reading.tried };
  const ours = data.certificates.filter((c) => norm(c.type) === wanted);
  const numbers = ours.filter((c) => c.number !== '').map((c) => c.number);
  const complete = data.reading?.complete ?? true;
  if (numbers.length > 0) await ctx.capture?.('certificate');
  if (numbers.length > 1) throw stopOn(duplicateCertificates(requireFact(facts, 'userId'), data.id, numbers));
  if (numbers[0] !== undefined) return { known: true, number: numbers[0], complete };
  return { known: true, unread: ours.length > 0, complete };
}

/** Probe and recheck: the panel's word with the ledger's (certificate-decision.ts); undefined: not issued. */
async function issuedAlready(ctx: AccountingContext, facts: Facts, again: boolean): Promise<StepResult | undefined> {
  const read = await accountingCertificate(ctx, facts, again);
  const found = decideRead(ctx.certificateMemory, read, `#${requireFact(facts, 'childId')}`);
  if (found) {
    await ctx.certificateDialog?.cancel();
    ctx.certificateDialog = undefined;
  }
  return found;
}

export const issueCertificate: Step<AccountingContext> = {
  name: 'issueCertificate',
  title: 'выдача сертификата учета',
  probe: (ctx, facts) => issuedAlready(ctx, facts, false),
  // Filling «Новый сертификат» writes nothing: it is done before the intent, and the kid's
  // certificates are read once more right before «Сохранить», so another installation or a
  // person issuing to the same child meanwhile is seen, not doubled.
  async ready(ctx, facts) {
    const dialog = await (await childOf(ctx, facts)).openCertificateDialog();
    await dialog.chooseType(ctx.certificateTypeName);
    ctx.certificateDialog = dialog;
  },
  recheck: (ctx, facts) => issuedAlready(ctx, facts, true),
  async act(ctx, facts) {
    let dialog = ctx.certificateDialog;
    ctx.certificateDialog = undefined;
    if (!dialog) {
      dialog = await (await childOf(ctx, facts)).openCertificateDialog();
      await dialog.chooseType(ctx.certificateTypeName);
    }
    // From here on a retry in this run knows, as the ledger's intent tells the next run, that the
    // save may have happened: where no source can show certificates, it stops instead of saving again.
    if (ctx.certificateMemory) ctx.certificateMemory.saveSent = true;
    await dialog.save();
  },
  async verify(ctx, facts) {
    // In order: the server's answer to «Сохранить» (the issued certificate, its type and number),
    // then the profile's sources read again: exactly one accounting certificate must show — another
    // installation may have issued one at the same moment.
    const answers = (await childOf(ctx, facts)).answers?.();
    const answered = answers?.certificate;
    const own = answered && norm(answered.type) === norm(ctx.certificateTypeName) && answered.number ? answered.number : undefined;
    const read = await accountingCertificate(ctx, facts, true);
    const listed = read.known ? read.number : undefined;
    // A source shows one certificate, not the one the server just answered: another's in place of
    // ours. Not this row's word: the retry's probe decides.
    if (own !== undefined && listed !== undefined && listed !== own) {
      throw new SystemError(`the server answered certificate ${own}, the child's list shows ${listed}`);
    }
    const number = listed ?? own;
    const proved: Facts = {};
    if (number) proved.certificateNumber = number;
    // The save answered success without a number, or a source shows the certificate without its
    // number: issued, number unread.
    else if (answers?.certificateSaved || (read.known && read.unread)) proved[ISSUED_NO_NUMBER] = true;
    if (Object.keys(proved).length > 0) return { facts: proved };
    throw new SystemError(read.known ? 'no accounting certificate on the child after saving' : `the certificate's save gave no answer and no source can show it (${read.tried.join('; ')})`);
  },
  async preview(ctx, facts) {
    if (typeof facts.childId !== 'string') return NOT_YET;
    const dialog = await (await childOf(ctx, facts)).openCertificateDialog();
    await dialog.chooseType(ctx.certificateTypeName);
    await ctx.capture?.('dry-certificate');
    await dialog.cancel();
    return 'тип выбран, не сохранено';
  },
};
