// The audit: a read-only reconciliation of a queue with the region. For each row it finds the
// placeholder user by the row's e-mail (the one the accounting flow registered, when the e-mail
// template changed since), the user's child with the row's birth date and sex, and the child's
// accounting certificate — and reports the number, or in Russian what is missing. Its steps only
// probe: none ever acts (definePlugin stops the run if one would), it sends nothing to the
// Navigator but the admin's login, and it writes nothing in the ledger: its findings are the report.
import { BusinessError, SystemError } from '../../src/core/errors.js';
import type { ReportLayout } from '../../src/core/layout.js';
import { memoColumns, memoRow, type MemoValues } from './columns.js';
import { compareIds, type AdminPort } from '../../src/navigator/ports.js';
import { accountingPlugin } from './plugin.js';
import { ruDate } from './identity.js';
import type { Facts, Step, StepResult } from '../../src/procedure/engine.js';
import { isPlaceholderUser, normText, sexRu, type Placeholder } from './placeholder.js';
import { duplicateCertificates, duplicateChildren, duplicateUsers, type ChildSeen, type DuplicateFinding } from './duplicates.js';
import { definePlugin, type RowPlan } from '../../src/procedure/plugin.js';
import { RowWindows } from './windows.js';
import { emailMarks } from './marks.js';

/** What the audit reads by: the child's birth date and sex, the placeholder user's e-mail. */
export const AUDIT_FIELDS = ['birthDate', 'sex', 'email'] as const;

export interface AuditContext {
  row: Readonly<Pick<MemoValues, (typeof AUDIT_FIELDS)[number] | 'key'>>;
  placeholder: Placeholder;
  /** The accounting certificate's type as the panel names it. */
  certificateTypeName: string;
  admin: AdminPort;
  /** The cards this row has open in the admin panel (read only). */
  windows: RowWindows;
}

/** What a row may lack, first found first; each with what staff do about it. */
export type Gap = 'user' | 'placeholder' | 'child' | 'unconfirmed' | 'certificate' | 'duplicate';

export const GAP_ACTION: Readonly<Record<Gap, string>> = {
  user: 'Если выдачу по этой строке еще не запускали — запустите navbot run этой очереди: он зарегистрирует пользователя и выдаст сертификат. Если выдавали вручную — проверьте e-mail строки.',
  placeholder: 'Этот e-mail у настоящего пользователя, не у заглушки: дайте строке свой e-mail в столбце «E-mail» и запустите navbot run этой очереди.',
  child: 'Если ребенка еще не добавляли — запустите navbot run этой очереди. Если у пользователя ребенок с другими данными — сверьте дату рождения и пол в очереди и в админ-панели; исправляет человек.',
  unconfirmed: 'Запустите navbot run этой очереди: он подтвердит ребенка и выдаст сертификат учета.',
  certificate: 'Запустите navbot run этой очереди: он выдаст сертификат учета.',
  duplicate: 'У строки должна быть одна запись: лишнюю удаляет человек в админ-панели (какую — написано в «Причине»), затем запустите сверку снова.',
};

export const AUDIT_LAYOUT: ReportLayout = {
  title: 'Сверка очереди с Навигатором',
  statuses: [
    { status: 'already', label: 'Найдено', count: 'найдено' },
    { status: 'incomplete', label: 'Не хватает', count: 'не хватает' },
    { status: 'failed', label: 'Ошибка', count: 'ошибок' },
    { status: 'duplicate', label: 'Дубликат в Навигаторе', count: 'дубликатов', rare: true },
    { status: 'skipped', label: 'Пропущен', count: 'пропущено' },
    { status: 'pending', label: 'Не обработан', count: 'не обработано' },
  ],
  headline: ['already', 'incomplete', 'failed'],
  columns: [
    { header: 'Номер сертификата', fact: 'certificateNumber', id: 'number', width: 20 },
    { header: 'ID пользователя', fact: 'userId', id: 'userId', width: 15 },
    { header: 'ID ребенка', fact: 'childId', id: 'childId', width: 13 },
    { header: 'Чего не хватает', fact: 'missing', id: 'missing', width: 40 },
  ],
  primary: 'certificateNumber',
};

/** A finding: what is missing (short, for its column), the first gap's code, and the detail for «Причина». */
function lacking(gaps: ReadonlyArray<readonly [Gap, string]>, detail: string): StepResult {
  return { facts: { missing: gaps.map(([, text]) => text).join('; '), gap: gaps[0]![0], detail } };
}

/** Two records where the row has one: the finding's words are the issuing flow's (duplicates.ts). */
function twice(f: DuplicateFinding, missing: string): StepResult {
  return { facts: { ...f.facts, missing, gap: 'duplicate', detail: f.reason, todo: f.action } };
}

const found = (facts: Facts) => typeof facts.missing === 'string' && facts.missing !== '';

function id(facts: Facts, name: string): string {
  const v = facts[name];
  if (typeof v !== 'string' || v === '') throw new SystemError(`missing fact ${name}: an earlier step did not record it`);
  return v;
}

/** «2 сертификата», «5 сертификатов». */
function certificates(n: number): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (n === 2) return 'два сертификата';
  return d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14) ? `${n} сертификата` : `${n} сертификатов`;
}

/** The audit never acts: reaching one is a bug, and definePlugin stops the run before it. */
const never = async (): Promise<never> => {
  throw new SystemError('the audit never acts');
};

const findUser: Step<AuditContext> = {
  name: 'findUser',
  title: 'поиск пользователя-заглушки',
  async probe(ctx) {
    const users = await ctx.admin.findUsersByEmail(ctx.row.email);
    if (users.length === 0) return lacking([['user', 'нет пользователя']], `В Навигаторе нет пользователя с e-mail ${ctx.row.email}.`);
    const ours = users.filter((u) => isPlaceholderUser(u, ctx.placeholder)).sort((a, b) => compareIds(a.id, b.id));
    if (ours.length === 0) {
      const p = ctx.placeholder;
      return lacking(
        [['placeholder', 'нет пользователя-заглушки']],
        `E-mail ${ctx.row.email} у пользователя #${users[0]!.id}, и это не заглушка «${p.lastName} ${p.firstName} ${p.patronymic}».`,
      );
    }
    if (ours.length > 1) return twice(duplicateUsers(ctx.row.email, ours.map((u) => u.id)), `пользователей-заглушек с этим e-mail: ${ours.length}`);
    return { facts: { userId: ours[0]!.id } };
  },
  act: never,
  verify: never,
};

const findChild: Step<AuditContext> = {
  name: 'findChild',
  title: 'поиск ребенка',
  async probe(ctx, facts) {
    if (found(facts)) return { facts: {} };
    const userId = id(facts, 'userId');
    const card = await ctx.windows.user(userId);
    const live = (await card.children()).filter((c) => !c.deleted).sort((a, b) => compareIds(a.id, b.id));
    // The list may show birth dates: look first at the children that can match.
    const likely = [...live].sort((a, b) => Number(b.birthDate === ctx.row.birthDate) - Number(a.birthDate === ctx.row.birthDate));
    const seen: string[] = [];
    // Every live child is looked at: two of the row's birth date and sex are a duplicate.
    const wanted = normText(ctx.certificateTypeName);
    const matches: ChildSeen[] = [];
    for (const c of likely) {
      // A child whose list record shows other data needs no card.
      if (c.birthDate !== undefined && c.sex !== undefined && (c.birthDate !== ctx.row.birthDate || c.sex !== ctx.row.sex)) {
        seen.push(`#${c.id}: ${ruDate(c.birthDate)}, ${sexRu(c.sex)}`);
        continue;
      }
      const data = await (await ctx.windows.child(userId, c.id)).read();
      if (data.birthDate === ctx.row.birthDate && data.sex === ctx.row.sex) {
        matches.push({ id: data.id, confirmed: data.confirmed, certificates: data.certificates.filter((x) => normText(x.type) === wanted).map((x) => x.number) });
      } else seen.push(`#${data.id}: ${ruDate(data.birthDate)}, ${sexRu(data.sex)}`);
    }
    if (matches.length === 1) return { facts: { childId: matches[0]!.id } };
    await ctx.windows.closeChild();
    if (matches.length > 1) return twice(duplicateChildren(userId, ctx.row, matches), `одинаковых детей у пользователя: ${matches.length}`);
    const none = `нет ребенка с датой ${ruDate(ctx.row.birthDate)} и полом ${sexRu(ctx.row.sex)}`;
    const who = `У пользователя #${userId} (e-mail ${ctx.row.email})`;
    return lacking([['child', none]], seen.length ? `${who} дети с другими данными: ${seen.join('; ')}.` : `${who} нет детей.`);
  },
  act: never,
  verify: never,
};

const findCertificate: Step<AuditContext> = {
  name: 'findCertificate',
  title: 'сертификат учета',
  async probe(ctx, facts) {
    if (found(facts)) return { facts: {} };
    const userId = id(facts, 'userId');
    const data = await (await ctx.windows.child(userId, id(facts, 'childId'))).read();
    // No source could tell: never «нет сертификата» (certificate-decision.ts says what to configure).
    if (data.reading && !data.reading.known) {
      throw new BusinessError(
        `Сверка не может прочитать сертификаты ребенка #${data.id}${data.reading.tried.length ? ` (${data.reading.tried.join('; ')})` : ''}.`,
        'Укажите в профиле региона, где панель показывает сертификаты ребенка (adminData.certificateRead: recordField, grid, check {path, eventId} или list {path}); подскажет navbot doctor --sample-certified EMAIL.',
      );
    }
    const wanted = normText(ctx.certificateTypeName);
    const all = data.certificates.filter((c) => normText(c.type) === wanted);
    // A certificate whose number the source left empty is there, its number unread.
    const numbers = all.map((c) => c.number).filter((n) => n !== '');
    if (numbers.length > 1) {
      const f = duplicateCertificates(userId, data.id, numbers);
      return twice(f, [...(data.confirmed ? [] : ['ребенок не подтвержден']), `у ребенка ${certificates(numbers.length)} учета`].join('; '));
    }
    const gaps: Array<[Gap, string]> = [];
    if (!data.confirmed) gaps.push(['unconfirmed', 'ребенок не подтвержден']);
    if (all.length === 0) gaps.push(['certificate', 'нет сертификата учета']);
    const number: Facts = numbers.length > 0 ? { certificateNumber: numbers.join(', ') } : {};
    if (gaps.length === 0) return { facts: number };
    const state = [data.confirmed ? 'подтвержден' : 'не подтвержден', numbers.length ? `сертификаты учета: ${numbers.join(', ')}` : 'сертификата учета нет'].join('; ');
    const finding = lacking(gaps, `Ребенок #${data.id} пользователя #${userId} (${ruDate(data.birthDate)}, ${sexRu(data.sex)}): ${state}.`);
    return { facts: { ...number, ...finding.facts } };
  },
  act: never,
  verify: never,
};

export const auditFlow = { name: 'audit', steps: [findUser, findChild, findCertificate] };

export const auditPlugin = definePlugin<AuditContext, never, 'admin' | 'site'>({
  name: auditFlow.name,
  title: 'сверка очереди с Навигатором: только чтение, находит пользователя, ребенка и сертификат учета',
  uses: ['admin', 'site'],
  columns: memoColumns(auditFlow.name, AUDIT_FIELDS),
  readOnly: true,
  flow: auditFlow,
  layout: AUDIT_LAYOUT,

  // A key registered by the accounting flow is looked for by the e-mail it registered with,
  // also when NAVBOT_EMAIL_TEMPLATE changed since (the accounting flow's ledger says which).
  prepare({ rows, ledger }) {
    const issued = ledger(accountingPlugin.name);
    const plans = new Map<string, RowPlan<never>>();
    const moved: string[] = [];
    for (const r of rows) {
      const rec = issued.get(r.keyNorm);
      const was = rec?.binding?.content.email;
      if (!emailMarks(r.marks).emailFromTemplate || !was || !rec?.touched.has('register') || was.toLowerCase() === r.sent.email?.toLowerCase()) continue;
      plans.set(r.keyNorm, { kind: 'go', sent: { ...r.sent, email: was } });
      moved.push(was);
    }
    const notices = moved.length
      ? [`Шаблон NAVBOT_EMAIL_TEMPLATE изменился после регистрации (или, после обновления navbot, адрес из ключа составляется иначе): для ${moved.length} ${moved.length === 1 ? 'строки' : 'строк'} сверка ищет пользователя по прежнему e-mail из учёта navbot (например, ${moved[0]}).`]
      : [];
    return { rows: plans, notices };
  },

  context(offer, { sent }) {
    const admin = offer.target('admin').port;
    const windows = new RowWindows(admin);
    return {
      ctx: {
        row: memoRow(sent, AUDIT_FIELDS),
        placeholder: offer.profile.placeholder,
        certificateTypeName: offer.profile.adminTexts.accountingCertificate,
        admin,
        windows,
      },
      release: () => windows.closeAll(),
    };
  },

  // «Найдено»: the user, the child, confirmed, with one accounting certificate. Anything less is
  // «Не хватает»; two records where the row has one, «Дубликат в Навигаторе» (as the issuing flow says).
  outcome(facts) {
    if (!found(facts)) return { status: 'already' };
    const gap = (typeof facts.gap === 'string' ? facts.gap : 'certificate') as Gap;
    if (gap === 'duplicate') {
      return { status: 'duplicate', note: String(facts.detail ?? facts.missing), action: typeof facts.todo === 'string' ? facts.todo : GAP_ACTION.duplicate };
    }
    return { status: 'incomplete', note: typeof facts.detail === 'string' ? facts.detail : String(facts.missing), action: GAP_ACTION[gap] ?? GAP_ACTION.certificate };
  },
});
