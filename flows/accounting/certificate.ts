// The regional memo as a flow: register a placeholder site user, add the child with only the real
// birth date and sex, untick «Резидент РФ», confirm the child without SNILS, issue
// «Сертификат учета». Every step first reads the target (probe) and reads back after acting
// (verify); ids and the certificate number are the facts carried between steps.
import { BusinessError, SystemError } from '../../src/core/errors.js';
import type { Flow, Facts, Step, StepResult } from '../../src/procedure/engine.js';
import { type AdminUserRow, type RegistrationData } from '../../src/navigator/ports.js';
import { decideRead, ISSUED_NO_NUMBER, type PanelRead } from './certificate-decision.js';
import { duplicateCertificates, duplicateUsers, stopOn } from './duplicates.js';
import { isPlaceholderUser, normText as norm, type Placeholder } from './placeholder.js';
import type { SentRow } from './row.js';
import { childOf, NOT_YET, requireFact, type AccountingContext } from './certificate-context.js';
import { addChild, assertRowChild, clearResident, confirmChild } from './certificate-child.js';

export type { AccountingContext } from './certificate-context.js';
export type { Placeholder, SentRow };

/**
 * The placeholder user registered for this row's e-mail; a real person's account is never touched.
 * Two or more placeholder users with the e-mail: the row stops as a duplicate (both ids).
 */
async function findOurUser(ctx: AccountingContext): Promise<AdminUserRow | undefined> {
  const users = await ctx.admin.findUsersByEmail(ctx.row.email);
  if (users.length === 0) return undefined;
  const ours = users.filter((u) => isPlaceholderUser(u, ctx.placeholder));
  if (ours.length === 0) {
    const u = users[0]!;
    throw new BusinessError(
      `E-mail ${ctx.row.email} уже занят настоящим пользователем Навигатора #${u.id}, а не заглушкой «${ctx.placeholder.lastName} ${ctx.placeholder.firstName} ${ctx.placeholder.patronymic}». navbot его не трогает.`,
      'Укажите для строки другой e-mail в столбце «E-mail» (или поправьте шаблон NAVBOT_EMAIL_TEMPLATE) и запустите снова.',
    );
  }
  if (ours.length > 1) throw stopOn(duplicateUsers(ctx.row.email, ours.map((u) => u.id)));
  return ours[0];
}

function registration(ctx: AccountingContext): RegistrationData {
  return {
    municipality: ctx.row.municipality,
    lastName: ctx.placeholder.lastName,
    firstName: ctx.placeholder.firstName,
    patronymic: ctx.placeholder.patronymic,
    phone: ctx.placeholder.phone,
    email: ctx.row.email,
    password: ctx.password,
  };
}

/**
 * Before a first registration: the same key typed in the other script («X-01» and «Х-01») makes
 * another address, so a placeholder found under one of those is this key's user, registered by an
 * earlier queue whose ledger this navbot does not hold. A second user is never made: the row stops
 * and names the address to use.
 */
async function assertNoOtherSpelling(ctx: AccountingContext): Promise<void> {
  for (const email of ctx.otherEmails ?? []) {
    const found = (await ctx.admin.findUsersByEmail(email)).filter((u) => isPlaceholderUser(u, ctx.placeholder));
    if (found.length === 0) continue;
    throw new BusinessError(
      `Для ключа «${ctx.row.key}» в Навигаторе уже есть пользователь-заглушка #${found.map((u) => u.id).join(', #')} с адресом ${email}: тот же ключ раньше был набран другими буквами (латиница и кириллица выглядят одинаково). Второго пользователя navbot не создаёт.`,
      `Если это тот же ребенок — впишите в столбец «E-mail» этой строки адрес ${email} и запустите снова. Если другой — дайте строке другой ключ.`,
    );
  }
}

const register: Step<AccountingContext> = {
  name: 'register',
  title: 'регистрация на сайте',
  async probe(ctx) {
    const user = await findOurUser(ctx);
    if (user) return { facts: { userId: user.id } };
    await assertNoOtherSpelling(ctx);
    return undefined;
  },
  async act(ctx) {
    const site = await ctx.site();
    const { outcome, message, attended } = await site.register(registration(ctx));
    if (outcome === 'captcha') {
      throw new BusinessError(
        `Сайт региона требует пройти проверку «Я не робот» при регистрации; робот её не проходит${message ? ` (${message})` : ''}.`,
        `${attended ? 'Запустите снова (днём: navbot run очередь.xlsx --until register --headed) и отметьте «Я не робот» в окне браузера, пока navbot ждёт (время ожидания — NAVBOT_CAPTCHA_WAIT_S)' : 'Запустите navbot с окном браузера (днём: navbot run очередь.xlsx --until register --headed) и отметьте «Я не робот», когда navbot попросит'}; или зарегистрируйте пользователя вручную (e-mail ${ctx.row.email}, пароль: navbot password «${ctx.row.key}») и запустите navbot снова: он продолжит со следующего шага.`,
      );
    }
    // 'email-taken' is fine here: a previous attempt may have registered it and lost the answer.
  },
  async verify(ctx) {
    const user = await findOurUser(ctx);
    if (!user) throw new SystemError(`registration of ${ctx.row.key} is not visible in the admin panel`);
    return { facts: { userId: user.id } };
  },
  async preview(ctx) {
    const site = await ctx.site();
    if (!site.previewRegistration) return undefined;
    await site.previewRegistration(registration(ctx));
    await ctx.captureSite?.('dry-registration');
    return 'форма заполнена, не отправлена';
  },
};

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

const issueCertificate: Step<AccountingContext> = {
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

export const accountingCertificateFlow: Flow<AccountingContext> = {
  name: 'accounting-certificate',
  steps: [register, addChild, clearResident, confirmChild, issueCertificate],
};
