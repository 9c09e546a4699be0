// The regional memo as a flow: register a placeholder site user, add the child with only the real
// birth date and sex, untick «Резидент РФ», confirm the child without SNILS, issue
// «Сертификат учета». Every step first reads the target (probe) and reads back after acting
// (verify); ids and the certificate number are the facts carried between steps.
import { BusinessError, SystemError } from '../../src/core/errors.js';
import type { Flow, Facts, Step, StepResult } from '../../src/procedure/engine.js';
import { compareIds, type AdminUserRow, type ChildData, type RegistrationData } from '../../src/navigator/ports.js';
import { changedChildMessage, ruDate } from './identity.js';
import { duplicateChildren, duplicateUsers, stopOn, type ChildSeen } from './duplicates.js';
import { isPlaceholderUser, normText as norm, sexRu, type Placeholder } from './placeholder.js';

import type { SentRow } from './row.js';
import { assertRowChild, childOf, NOT_YET, readChild, requireFact, userOf, type AccountingContext } from './context.js';
import { issueCertificate } from './issue.js';
export type { SentRow };

export type { Placeholder };
export type { AccountingContext };

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
 * The row's child among the user's live children, matched by birth date and sex: read from the
 * records behind the «Дети» list where they carry them, else from each child's card. `reload`
 * loads the list again from the server in the open user card (a verify, or the re-probe right
 * before the act: what the panel holds now, not what it held before). A user with a child of
 * other data never gets a second one: one placeholder user, one child. Every live child is looked
 * at, not the first that matches: two or more of the row's birth date and sex stop the row as a
 * duplicate (their cards are read then, to say which one holds the certificate).
 */
async function findOurChild(ctx: AccountingContext, facts: Facts, reload: boolean): Promise<StepResult | undefined> {
  const userId = requireFact(facts, 'userId');
  const card = await userOf(ctx, facts);
  const live = (await card.children(reload ? { reload } : {})).filter((c) => !c.deleted).sort((a, b) => compareIds(a.id, b.id));
  if (live.length === 0) return undefined;
  const seen: string[] = [];
  const matches: string[] = [];
  // The list may show birth dates: look first at the children that can match.
  const likely = [...live].sort((a, b) => Number(b.birthDate === ctx.row.birthDate) - Number(a.birthDate === ctx.row.birthDate));
  for (const c of likely) {
    const data =
      c.birthDate !== undefined && c.sex !== undefined
        ? { id: c.id, birthDate: c.birthDate, sex: c.sex }
        : await readChild(await ctx.windows.child(userId, c.id));
    if (data.birthDate === ctx.row.birthDate && data.sex === ctx.row.sex) matches.push(data.id);
    else seen.push(`#${data.id}: ${ruDate(data.birthDate)}, ${sexRu(data.sex)}`);
  }
  if (matches.length > 1) {
    const kids: ChildSeen[] = [];
    for (const id of matches.sort(compareIds)) {
      const data = await (await ctx.windows.child(userId, id)).read();
      kids.push({ id, confirmed: data.confirmed, certificates: data.certificates.filter((x) => norm(x.type) === norm(ctx.certificateTypeName) && x.number !== '').map((x) => x.number) });
    }
    await ctx.windows.closeChild();
    throw stopOn(duplicateChildren(userId, ctx.row, kids));
  }
  const [match] = matches;
  if (match !== undefined) {
    const owner = ctx.claimedChildren?.get(match);
    if (owner !== undefined && owner !== ctx.row.key) {
      await ctx.windows.closeChild();
      throw new BusinessError(
        `Ребенок #${match} пользователя #${userId} (${ruDate(ctx.row.birthDate)}, ${sexRu(ctx.row.sex)}) уже учтен navbot за ключом «${owner}».`,
        'Если это другой ребенок (например, близнец), дайте строке свой e-mail: у одного пользователя-заглушки — один ребенок. Если тот же — удалите лишнюю строку из очереди.',
      );
    }
    return { facts: { childId: match } };
  }
  await ctx.windows.closeChild();
  if (ctx.previous) {
    const m = changedChildMessage({ birthDate: ctx.row.birthDate, sex: ctx.row.sex }, ctx.previous, seen.join('; '));
    throw new BusinessError(m.reason, m.action);
  }
  throw new BusinessError(
    `У пользователя #${userId} (e-mail ${ctx.row.email}) уже есть ребенок с другими данными (${seen.join('; ')}), а в очереди: ${ruDate(ctx.row.birthDate)}, ${sexRu(ctx.row.sex)}. Второго ребенка navbot этому пользователю не добавляет.`,
    'Если это другой ребенок (брат, сестра) — дайте строке свой e-mail: у одного пользователя-заглушки — один ребенок. Если это тот же ребенок — проверьте дату рождения и пол в очереди; ошибку в Навигаторе исправляет человек в админ-панели, после чего запустите снова.',
  );
}

const addChild: Step<AccountingContext> = {
  name: 'addChild',
  title: 'добавление ребенка',
  probe: (ctx, facts) => findOurChild(ctx, facts, false),
  // The site's login took a while: another installation (or a person) may have added the child
  // meanwhile. One request: the «Дети» list loaded again in the open user card.
  recheck: (ctx, facts) => findOurChild(ctx, facts, true),
  async ready(ctx) {
    // The site's login writes nothing: a login that fails (a 500, a lost answer) is retried as a
    // read, not as an act. The act takes its answer (a refused login is not sent twice).
    ctx.siteLogin = await (await ctx.site()).login(ctx.row.email, ctx.password);
  },
  async act(ctx, facts) {
    const site = await ctx.site();
    let login = ctx.siteLogin ?? (await site.login(ctx.row.email, ctx.password));
    ctx.siteLogin = undefined;
    if (login === 'email-not-confirmed') {
      // Regions that demand a confirmed e-mail: the admin ticks «Проверен», as staff would.
      const card = await userOf(ctx, facts);
      await card.setVerified(true);
      await card.save();
      login = await site.login(ctx.row.email, ctx.password);
    }
    if (login !== 'ok') {
      throw new BusinessError(
        `Не удалось войти на сайт под учётной записью ${ctx.row.email}: пароль не подходит.`,
        'Вероятно, NAVBOT_SECRET изменился после регистрации или пароль сменили вручную. Верните прежний NAVBOT_SECRET либо задайте в админ-панели пароль из «navbot password», затем запустите снова.',
      );
    }
    const child: ChildData = {
      lastName: ctx.placeholder.lastName,
      firstName: ctx.placeholder.firstName,
      patronymic: ctx.placeholder.patronymic,
      birthDate: ctx.row.birthDate,
      sex: ctx.row.sex,
    };
    await site.addChild(child);
  },
  async verify(ctx, facts) {
    const found = await findOurChild(ctx, facts, true);
    if (!found) throw new SystemError(`child of ${ctx.row.key} is not visible in the admin panel`);
    return found;
  },
  preview: async () => `дата рождения и пол из очереди; ${NOT_YET}`,
};

const clearResident: Step<AccountingContext> = {
  name: 'clearResident',
  title: 'снятие «Резидент РФ»',
  async probe(ctx, facts) {
    // The record the open card loaded from the server (this row opened it moments ago).
    const main = await (await userOf(ctx, facts)).readMain();
    return main.resident ? undefined : { facts: {} };
  },
  async act(ctx, facts) {
    const card = await userOf(ctx, facts);
    await card.setResident(false);
    await card.save();
  },
  async verify(ctx, facts) {
    // The server's answer to the save, else the card opened again.
    const main = (await userOf(ctx, facts)).saved?.() ?? (await (await userOf(ctx, facts, true)).readMain());
    if (main.resident) throw new SystemError('«Резидент РФ» is still ticked after saving');
    return { facts: {} };
  },
  async preview(ctx, facts) {
    if (typeof facts.userId !== 'string') return NOT_YET;
    await (await userOf(ctx, facts)).setResident(false);
    await ctx.capture?.('dry-resident');
    await ctx.windows.closeAll();
    return 'галочка снята, не сохранено';
  },
};

const confirmChild: Step<AccountingContext> = {
  name: 'confirmChild',
  title: 'подтверждение ребенка',
  async probe(ctx, facts) {
    const data = await readChild(await childOf(ctx, facts));
    assertRowChild(ctx, data);
    return data.confirmed ? { facts: {} } : undefined;
  },
  async act(ctx, facts) {
    await (await childOf(ctx, facts)).confirmWithoutSnils();
  },
  async verify(ctx, facts) {
    // The server's answer to «Да», else the card opened again.
    if ((await childOf(ctx, facts)).answers?.().confirmed === true) return { facts: {} };
    const data = await readChild(await childOf(ctx, facts, true));
    if (!data.confirmed) throw new SystemError('the child is not confirmed after «Да»');
    return { facts: {} };
  },
  preview: async () => 'ответ «Да» на вопрос о подтверждении без СНИЛС; без записи не показать',
};

export const accountingCertificateFlow: Flow<AccountingContext> = {
  name: 'accounting-certificate',
  steps: [register, addChild, clearResident, confirmChild, issueCertificate],
};
