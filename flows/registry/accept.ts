// registry-accept (issue 14 §2): a row is one application whose applicant brought documents. The
// first step searches it by both numbers («Поиск заявки») and, for «Принять», compares every
// filled column with the registry's record: any difference stops the row naming each field with
// both values, and nothing is clicked. Then «Подтвердить персональные данные» and «Документы
// получены», or — only where the row says «Отказать» — «Отказать» with the row's reason, or —
// where it says «Исправить» — the application corrected to the row and printed (correct.ts); each
// is probed from the record (pdConfirmed, documentsReceived, refused, the fields) and verified, so
// no button is ever pressed twice, across crashes too.
import type { ReportLayout } from '../../src/core/layout.js';
import { BusinessError, SystemError } from '../../src/core/errors.js';
import { columnValues, type ColumnValues } from '../../src/intake/index.js';
import type { ActionOutcome, RegistryPort, RegistryRecord } from '../../src/navigator/registry/port.js';
import type { Facts, Flow, Step } from '../../src/procedure/engine.js';
import { definePlugin, type LedgerRecord, type RowPlan } from '../../src/procedure/plugin.js';
import { ACCEPT, CORRECT, REFUSE, REGISTRY_ACCEPT_COLUMNS } from './columns.js';
import { correctApplication, correctedOutcome, correctFound, corrects, printCorrected, type CorrectContext, type Corrections } from './correct.js';
import { childDifferences, sayDifferences } from './match.js';
import { APPLICATION_END_STATUSES, APPLICATION_NUMBER_COLUMNS, APPLICATION_PDF_COLUMN, idOf, numbers, readNow, statusText } from './record.js';

export { statusText } from './record.js';

/** What an accept row's steps use: the correction's context (row, registry, capture, pdf) is all of it. */
export type AcceptContext = CorrectContext;

/** What prepare found in the ledger for a row: what an earlier «Исправить» of this key and application corrected. */
export interface AcceptPlan {
  readonly earlier?: Corrections;
}

const refuses = (ctx: AcceptContext) => ctx.row.decision === REFUSE;
/** «Принять»: the row's decision cell is empty, says so, or the queue has no such column. */
const accepts = (ctx: AcceptContext) => !refuses(ctx) && !corrects(ctx);

const FIND = 'findApplication';

const findApplication: Step<AcceptContext> = {
  name: FIND,
  title: 'Поиск и сверка заявки',
  // Read-only: it finds and compares, or stops the row. It has nothing to do.
  async probe(ctx) {
    const registry = await ctx.registry();
    const record = await registry.search(ctx.row.applicationNumber!, ctx.row.certificateNumber!);
    if (!record) {
      throw new BusinessError(
        `Заявка ${numbers(ctx)} не найдена в реестре: «Поиск заявки» по обоим номерам ничего не нашел`,
        'Проверьте номер заявки и номер сертификата в очереди (они должны быть от одной заявки) и запустите снова.',
      );
    }
    // What the search found goes to the report's columns also when the row stops here.
    const found = { applicationNumber: record.number, applicationStatus: statusText(record) };
    if (corrects(ctx)) return correctFound(ctx, record, found);
    if (!refuses(ctx)) {
      const differences = childDifferences(ctx.row, record);
      if (differences.length > 0) {
        await ctx.capture('mismatch').catch(() => undefined);
        throw new BusinessError(
          `Данные заявки № ${record.number} не совпадают с очередью — ${sayDifferences(differences)}. Ничего не нажато`,
          'Сверьте документы заявителя. Если ошибка в очереди — исправьте ячейку и запустите снова; если в заявке — поставьте в «Решение» «Исправить» (navbot исправит заявку по очереди и распечатает заявление) или «Отказать» с причиной.',
          { facts: found },
        );
      }
      if (record.refused) {
        throw new BusinessError(
          `По заявке № ${record.number} уже оформлен отказ${record.refuseReason ? ` (причина: «${record.refuseReason}»)` : ''}: подтвердить её нельзя`,
          'Если отказ ошибочный — разберитесь с заявкой в реестре; строку уберите из очереди.',
          { facts: { ...found, refuseReason: record.refuseReason ?? '' } },
        );
      }
    }
    // An earlier «Исправить» of this key is not this row's: its columns are emptied, not carried over.
    const decision = refuses(ctx) ? REFUSE : ACCEPT;
    return { facts: { applicationId: record.id, ...found, certificateNumber: record.certificateNumber, decision, corrected: '', corrections: '', applicationPdf: '' } };
  },
  async act() {
    throw new SystemError('findApplication has no act');
  },
  async verify() {
    throw new SystemError('findApplication has no act');
  },
};

/** What a refused button press means: done meanwhile (a lost answer, another person) or the registry's refusal. */
async function pressed(ctx: AcceptContext, facts: Facts, outcome: ActionOutcome, done: (r: RegistryRecord) => boolean, what: string): Promise<void> {
  if (outcome.ok) return;
  if (done(await readNow(ctx, facts))) return;
  await ctx.capture('refused').catch(() => undefined);
  throw new BusinessError(
    `Реестр не дал нажать «${what}» по заявке ${numbers(ctx)}: «${outcome.message}»`,
    'Посмотрите заявку в реестре («Поиск заявки»): что мешает, написано на её странице. Затем запустите строку снова.',
  );
}

/** A step the row does not need (the other decision's) is done with nothing to record. */
const NOTHING = { facts: {} };

const REFUSE_STEP = 'refuseApplication';

const refuseApplication: Step<AcceptContext> = {
  name: REFUSE_STEP,
  title: 'Отказать',
  async probe(ctx, facts) {
    if (!refuses(ctx)) return NOTHING;
    const r = await readNow(ctx, facts);
    return r.refused ? { facts: { applicationStatus: statusText(r), refuseReason: r.refuseReason ?? '' } } : undefined;
  },
  async act(ctx, facts) {
    const outcome = await (await ctx.registry()).refuse(idOf(facts), ctx.row.refuseReason!);
    await pressed(ctx, facts, outcome, (r) => r.refused, 'Отказать');
  },
  async verify(ctx, facts) {
    const r = await readNow(ctx, facts);
    if (!r.refused) throw new SystemError('the application is not refused after «Отказать»');
    return { facts: { applicationStatus: statusText(r), refuseReason: r.refuseReason ?? '' } };
  },
  async preview(ctx) {
    return refuses(ctx) ? `причина: «${ctx.row.refuseReason}»` : null;
  },
};

/** «Подтвердить персональные данные» and «Документы получены»: the same shape, another record flag. */
function acceptStep(name: string, title: string, flag: (r: RegistryRecord) => boolean, press: (registry: RegistryPort, id: string) => Promise<ActionOutcome>): Step<AcceptContext> {
  return {
    name,
    title,
    async probe(ctx, facts) {
      if (!accepts(ctx)) return NOTHING;
      const r = await readNow(ctx, facts);
      if (flag(r)) return { facts: { applicationStatus: statusText(r) } };
      if (r.refused) {
        throw new BusinessError(`По заявке ${numbers(ctx)} оформлен отказ: «${title}» невозможно`, 'Разберитесь с заявкой в реестре; строку уберите из очереди.');
      }
      return undefined;
    },
    async act(ctx, facts) {
      const outcome = await press(await ctx.registry(), idOf(facts));
      await pressed(ctx, facts, outcome, flag, title);
    },
    async verify(ctx, facts) {
      const r = await readNow(ctx, facts);
      if (!flag(r)) throw new SystemError(`«${title}» did not hold`);
      return { facts: { applicationStatus: statusText(r) } };
    },
    // A dry run of another decision's row does not plan this step.
    async preview(ctx) {
      return accepts(ctx) ? undefined : null;
    },
  };
}

const CONFIRM = 'confirmPersonalData';
const RECEIVED = 'documentsReceived';

export const registryAcceptFlow: Flow<AcceptContext> = {
  name: 'registry-accept',
  steps: [
    findApplication,
    refuseApplication,
    correctApplication,
    printCorrected,
    acceptStep(CONFIRM, 'Подтвердить персональные данные', (r) => r.pdConfirmed, (registry, id) => registry.confirm(id)),
    acceptStep(RECEIVED, 'Документы получены', (r) => r.documentsReceived, (registry, id) => registry.documentsReceived(id)),
  ],
};

export const REGISTRY_ACCEPT_LAYOUT: ReportLayout = {
  title: 'Прием документов по заявкам в реестре',
  personalReasons: true,
  statuses: [
    { status: 'issued', label: 'Обработана', count: 'обработано' },
    { status: 'already', label: 'Уже была обработана', count: 'уже были обработаны' },
    { status: 'incomplete', label: 'Исправлена — дайте подписать', count: 'исправлено, ждут подписи', rare: true },
    ...APPLICATION_END_STATUSES,
  ],
  headline: ['issued', 'failed'],
  columns: [
    ...APPLICATION_NUMBER_COLUMNS,
    { header: 'Статус заявки', fact: 'applicationStatus', id: 'state', width: 24 },
    { header: 'Причина отказа', fact: 'refuseReason', id: 'refuseReason', width: 30 },
    APPLICATION_PDF_COLUMN,
    // The values are the child's personal data: in this run's reports on this computer, never in the
    // e-mail nor the ledger (runOnly; the ledger keeps `corrected`, the field names).
    { header: 'Исправлено (было → стало)', fact: 'corrections', id: 'corrections', width: 40, staffOnly: true, runOnly: true },
  ],
  primary: 'applicationNumber',
  doneBefore: 'Заявка обработана ранее',
  foundDone: 'Заявка уже была обработана в реестре',
};

const ACTS = [REFUSE_STEP, CONFIRM, RECEIVED];

/** The earlier correction a «Исправить» row's key made on the same application (kept in the search step's done). */
function earlierCorrection(rec: LedgerRecord | undefined, row: ColumnValues): Corrections | undefined {
  const f = rec?.facts;
  if (!f || typeof f.corrected !== 'string' || f.corrected === '') return undefined;
  if (String(f.applicationNumber ?? '').toUpperCase() !== (row.applicationNumber ?? '').toUpperCase()) return undefined;
  return { corrected: f.corrected };
}

export const registryAcceptPlugin = definePlugin<AcceptContext, AcceptPlan, 'registry'>({
  name: registryAcceptFlow.name,
  title: 'прием документов по заявкам в реестре сертификатов',
  columns: REGISTRY_ACCEPT_COLUMNS,
  uses: ['registry'],
  readOnly: false,
  flow: registryAcceptFlow,
  layout: REGISTRY_ACCEPT_LAYOUT,
  // «Исправить» after a crash finds the application already matching: what it corrected is in the
  // ledger (the search step's done, written before the edit's intent), so the report still says it.
  prepare({ rows, ledger }) {
    const held = ledger();
    const plans = new Map<string, RowPlan<AcceptPlan>>();
    for (const r of rows) {
      const row = columnValues(r.sent, REGISTRY_ACCEPT_COLUMNS);
      if (row.decision !== CORRECT) continue;
      const earlier = earlierCorrection(held.get(r.keyNorm), row);
      if (earlier) plans.set(r.keyNorm, { kind: 'go', sent: r.sent, plan: { earlier } });
    }
    return { rows: plans, notices: [] };
  },
  context(offer, { sent, plan }) {
    return {
      ctx: {
        row: columnValues(sent, REGISTRY_ACCEPT_COLUMNS),
        registry: () => offer.target('registry').open(),
        capture: (name) => offer.target('registry').capture(name),
        pdf: offer.rowFile('applications', 'pdf'),
        ...(plan?.earlier ? { earlier: plan.earlier } : {}),
      },
      release: async () => undefined,
    };
  },
  outcome(facts, history) {
    if (facts.decision === CORRECT) return correctedOutcome(facts, history);
    const { before, intended } = history;
    const refused = facts.applicationStatus === 'Отказано';
    const said = refused ? `Отказано. Причина: «${facts.refuseReason ?? ''}»` : undefined;
    if (before && before.facts.applicationNumber === facts.applicationNumber && before.facts.applicationStatus === facts.applicationStatus) {
      return { status: 'already', note: `Обработана navbot ранее: прогон ${before.run} (${new Date(before.at).toLocaleString('ru-RU')})${said ? `. ${said}` : ''}` };
    }
    if (ACTS.some((s) => intended?.has(s))) return { status: 'issued', ...(said ? { note: said } : {}) };
    return { status: 'already', note: `Заявка уже была обработана в реестре (не navbot)${said ? `. ${said}` : ''}` };
  },
});
