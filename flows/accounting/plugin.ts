// The accounting certificate's flow as a plug-in: what it sends, its ledger's identity rules, its
// context, how its rows read, and what «issued» means. Its steps are certificate.ts.
import type { ReportLayout } from '../../src/core/layout.js';
import { memoColumns, memoRow } from './columns.js';
import { accountingCertificateFlow, type AccountingContext } from './certificate.js';
import { checkIdentity, type PreviousUse } from './identity.js';
import { certificateReadProblem } from './certificate-preflight.js';
import { ISSUED_NO_NUMBER, memoryOf, type CertificateMemory } from './certificate-decision.js';
import { definePlugin, type LedgerRecord, type RowPlan } from '../../src/procedure/plugin.js';
import type { Facts } from '../../src/procedure/engine.js';
import { RowWindows } from './windows.js';
import { emailMarks } from './marks.js';

/** The memo's columns: the child's birth date and sex, the user's municipality and e-mail. */
export const ACCOUNTING_FIELDS = ['birthDate', 'sex', 'municipality', 'email'] as const;
const ACCOUNTING_COLUMNS = memoColumns(accountingCertificateFlow.name, ACCOUNTING_FIELDS);

/** What the identity rules decided for a row, carried to its context. */
export interface AccountingPlan {
  readonly previous?: PreviousUse;
  /** Children the ledger gives to keys: child id → key (a row never takes another key's child). */
  readonly claimedChildren: ReadonlyMap<string, string>;
  /** Addresses the key's other spellings would have: looked for before registering (register.probe). */
  readonly otherEmails?: readonly string[];
  /** What the ledger knows of the key's certificate (certificate-decision.ts); the step updates it within the run. */
  readonly certificate?: CertificateMemory;
}

export const ACCOUNTING_LAYOUT: ReportLayout = {
  title: 'Выдача сертификатов учета',
  statuses: [
    { status: 'issued', label: 'Выдан', count: 'выдано' },
    { status: 'already', label: 'Уже был выдан', count: 'уже были выданы' },
    // `navbot run --until register` (issue 22 §5): the attended day phase; the night run issues.
    { status: 'phase-done', label: 'Зарегистрирован — остальное сделает ночной запуск', count: 'зарегистрировано (остальное — ночью)', rare: true },
    // Issued for certain (the save answered), but no screen or answer gave the number.
    { status: 'incomplete', label: 'Выдан, номер не прочитан', count: 'выдано без номера', rare: true },
    { status: 'failed', label: 'Ошибка', count: 'ошибок' },
    { status: 'duplicate', label: 'Дубликат в Навигаторе', count: 'дубликатов', rare: true },
    { status: 'skipped', label: 'Пропущен', count: 'пропущено' },
    { status: 'pending', label: 'Не обработан', count: 'не обработано' },
  ],
  headline: ['issued', 'failed'],
  columns: [
    { header: 'Номер сертификата', fact: 'certificateNumber', id: 'number', width: 20 },
    { header: 'ID пользователя', fact: 'userId', id: 'userId', width: 15 },
    { header: 'ID ребенка', fact: 'childId', id: 'childId', width: 13 },
  ],
  primary: 'certificateNumber',
  doneBefore: 'Сертификат выдан ранее',
  foundDone: 'Сертификат уже был в Навигаторе',
};

/** Child id → the key that holds it: a row never takes another key's child. */
function claimedChildren(ledger: ReadonlyMap<string, LedgerRecord>): Map<string, string> {
  const out = new Map<string, string>();
  for (const rec of ledger.values()) {
    const id = rec.facts.childId;
    if (id !== undefined && id !== null && id !== '') out.set(String(id), rec.keyNorm);
  }
  return out;
}

/** The fact the last step earns (the certificate's number): what «issued» is about. */
const CLAIM = 'certificateNumber';
const LAST_STEP = accountingCertificateFlow.steps.at(-1)!.name;

export const accountingPlugin = definePlugin<AccountingContext, AccountingPlan, 'admin' | 'site'>({
  name: accountingCertificateFlow.name,
  title: 'выдача сертификатов учета',
  uses: ['admin', 'site'],
  columns: ACCOUNTING_COLUMNS,
  readOnly: false,
  // The ledgers navbot kept before flows had names are this flow's.
  ownsUnnamedLedger: true,
  flow: accountingCertificateFlow,
  layout: ACCOUNTING_LAYOUT,
  preflight: (profile, until) => certificateReadProblem(profile, until, LAST_STEP),

  prepare({ rows, ledger: ledgerOf, file }) {
    const ledger = ledgerOf();
    const decisions = checkIdentity({
      rows: rows.map((r) => ({ key: r.key, keyNorm: r.keyNorm, rowNumber: r.rowNumber, sent: memoRow(r.sent, ACCOUNTING_FIELDS), emailFromTemplate: emailMarks(r.marks).emailFromTemplate })),
      ledger,
      file,
    });
    const claimed = claimedChildren(ledger);
    const plans = new Map<string, RowPlan<AccountingPlan>>();
    const otherEmails = new Map(rows.flatMap((r) => {
      const others = emailMarks(r.marks).otherEmails;
      return others?.length ? [[r.keyNorm, others] as const] : [];
    }));
    // An address another key holds (in this queue, or in the ledger) is that key's, not another spelling of this one («AV-7» and «АВ-7» → av-7).
    const holder = new Map<string, string>();
    for (const rec of ledger.values()) if (rec.binding?.content.email) holder.set(rec.binding.content.email.toLowerCase(), rec.keyNorm);
    for (const r of rows) if (r.sent.email) holder.set(r.sent.email.toLowerCase(), r.keyNorm);
    for (const [key, d] of decisions) {
      const others = otherEmails.get(key)?.filter((e) => d.kind === 'go' && e !== d.sent.email && (holder.get(e) ?? key) === key);
      plans.set(key, d.kind === 'refuse' ? d : { kind: 'go', sent: d.sent, plan: { claimedChildren: claimed, certificate: memoryOf(ledger.get(key)), ...(d.previous ? { previous: d.previous } : {}), ...(others?.length ? { otherEmails: others } : {}) } });
    }
    const moved = [...decisions.values()].flatMap((d) => (d.kind === 'go' && d.templateChanged ? [d.templateChanged] : []));
    const notices =
      moved.length > 0
        ? [
            `Шаблон NAVBOT_EMAIL_TEMPLATE изменился после регистрации (или, после обновления navbot, адрес из ключа составляется иначе): для ${moved.length} ${moved.length === 1 ? 'строки' : 'строк'} navbot использует прежний e-mail из своего учёта (например, ${moved[0]!.was}), иначе пользователь не нашёлся бы.`,
          ]
        : [];
    return { rows: plans, notices };
  },

  context(offer, { sent, password, plan }) {
    const admin = offer.target('admin');
    const site = offer.target('site');
    const windows = new RowWindows(admin.port);
    const p = offer.profile;
    return {
      ctx: {
        row: memoRow(sent, ACCOUNTING_FIELDS),
        password,
        placeholder: p.placeholder,
        certificateTypeName: p.adminTexts.accountingCertificate,
        admin: admin.port,
        windows,
        site: site.open,
        capture: admin.capture,
        captureSite: site.capture,
        ...(plan?.previous ? { previous: plan.previous } : {}),
        ...(plan ? { claimedChildren: plan.claimedChildren } : {}),
        ...(plan?.certificate ? { certificateMemory: plan.certificate } : {}),
        ...(plan?.otherEmails ? { otherEmails: plan.otherEmails } : {}),
      },
      release: () => windows.closeAll(),
    };
  },

  // «Выдан»: navbot made it (in this run, or in one that was cut off before it could say so).
  // «Уже был выдан»: navbot reported it before, or found it made by somebody else — another
  // installation of navbot on this Navigator (another PC, another state folder) or a person. A
  // number, user or child that this navbot's ledger did not make is always said so.
  outcome(facts, { before, actedLast, intended, made, contested }) {
    const claim = str(facts[CLAIM]);
    const others = othersWork(facts, intended, made, contested);
    const withOthers = (note?: string) => {
      const all = [...(note ? [note] : []), ...others];
      return all.length ? { note: all.join('. ') } : {};
    };
    const mine = str(made?.[CLAIM]);
    if (claim === undefined && facts[ISSUED_NO_NUMBER] === true) {
      return {
        status: 'incomplete',
        note: ['Сертификат учета выдан (панель ответила на «Сохранить»), но номер не показал ни ответ, ни карточка ребенка', ...others].join('. '),
        action: `Посмотрите номер в админ-панели (ребенок #${str(facts.childId) ?? '?'}) и впишите его вручную, или запустите сверку (navbot run --flow audit): она впишет номер, где панель его показывает. Повторно navbot этот сертификат не выдает.`,
      };
    }
    if (contested?.has(LAST_STEP) && mine === undefined) {
      return {
        status: 'already',
        ...withOthers(`Сертификат${claim ? ` № ${claim}` : ''} остался у ребенка один после дубликата; выдал ли его этот navbot или другая установка, сказать нельзя`),
      };
    }
    if (claim !== undefined && mine !== undefined && mine !== claim) {
      return {
        status: 'already',
        ...withOthers(`Сертификат № ${claim} выдан не этим navbot (другая установка navbot или человек); этот navbot выдавал № ${mine}, в Навигаторе у ребенка его нет`),
      };
    }
    // Only a number this navbot made is «its» (a run that found another's number reported it before, too).
    // A certificate this navbot saved without a number (its verified «Выдан, номер не прочитан»)
    // is its own when a later read finds the number.
    const savedNoNumber = mine === undefined && made?.[ISSUED_NO_NUMBER] === true;
    const ours = mine === claim || (mine === undefined && actedLast) || savedNoNumber;
    if (savedNoNumber && claim !== undefined && before) {
      return { status: 'already', ...withOthers(`Выдан navbot ранее: прогон ${before.run} (${new Date(before.at).toLocaleString('ru-RU')}); номер прочитан теперь`) };
    }
    if (savedNoNumber && claim !== undefined) return { status: 'issued', ...withOthers() };
    if (ours && before && claim !== undefined && before.facts[CLAIM] === claim) {
      return { status: 'already', ...withOthers(`Выдан navbot ранее: прогон ${before.run} (${new Date(before.at).toLocaleString('ru-RU')})`) };
    }
    if (ours && actedLast) return { status: 'issued', ...withOthers() };
    return { status: 'already', ...withOthers(`Сертификат${claim ? ` № ${claim}` : ''} уже был в Навигаторе: его выдал не этот navbot (другая установка navbot, другая программа или человек)`) };
  },
});

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/**
 * The user and child this row ended with, where this navbot's ledger did not make them: no act
 * announced for the step, or another id recorded. Russian, for the report's «Причина».
 */
function othersWork(facts: Facts, intended: ReadonlySet<string> | undefined, made: Facts | undefined, contested?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  // No history given: nothing to compare with.
  if (!intended) return out;
  const check = (step: string, fact: string, what: (id: string) => string) => {
    const id = str(facts[fact]);
    if (id === undefined) return;
    const mine = str(made?.[fact]);
    if (contested?.has(step) && mine === undefined) out.push(`${what(id)} — этим navbot или другой установкой, после дубликата сказать нельзя`);
    else if (!intended.has(step) || (mine !== undefined && mine !== id)) out.push(`${what(id)} не этим navbot (другая установка navbot или человек)`);
  };
  check('register', 'userId', (id) => `Пользователь #${id} зарегистрирован`);
  check('addChild', 'childId', (id) => `Ребенок #${id} добавлен`);
  return out;
}
