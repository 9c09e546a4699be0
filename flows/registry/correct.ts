// registry-accept's third answer, «Исправить» (issue 26; shared/REGISTRY.md): the queue's filled
// fields are the documents' truth. The search step (accept.ts) finds the application and decides
// here whether it may be corrected at all (not refused, not confirmed) and what differs; then
// «Редактировать» sets exactly the differing fields, ticks the consents, «Отправить», and the
// record is read back; then «Распечатать заявление» → applications/<key>.pdf. Nothing is
// confirmed. Every step probes the registry's record first: an application that already matches
// is not edited again (a rerun after a crash only prints), so it is edited once, printed once.
import { BusinessError, SystemError } from '../../src/core/errors.js';
import type { EditOutcome, RegistryChild, RegistryRecord } from '../../src/navigator/registry/port.js';
import type { Facts, Step, StepResult } from '../../src/procedure/engine.js';
import type { RowHistory, RowOutcome } from '../../src/procedure/plugin.js';
import { isPdf } from './apply.js';
import { CORRECT } from './columns.js';
import { childDifferences, type Difference } from './match.js';
import { idOf, numbers, readNow, statusText, type RecordContext } from './record.js';

/** What the correction tells staff: the fields (the e-mail may carry these) and old → new (staff only). */
export interface Corrections {
  /** «Серия документа», «Отчество» — names only. */
  readonly corrected: string;
  /**
   * «Серия документа»: «II-АБ» → «IV-КН»; … — the values, for this run's report on this computer only
   * (never the ledger: an earlier run's correction found after a kill has only `corrected`).
   */
  readonly corrections?: string;
}

export interface CorrectContext extends RecordContext {
  capture(name: string): Promise<void>;
  /** `<runDir>/applications/<key>.pdf`: where to write, and the report's link. */
  readonly pdf: { readonly path: string; readonly rel: string };
  /** What an earlier run's search found to correct for this key and application (the ledger; prepare). */
  readonly earlier?: Corrections;
  /** What this attempt's print wrote, relative to the run's folder. */
  printed?: string;
}

export const corrects = (ctx: RecordContext) => ctx.row.decision === CORRECT;

export const CORRECT_STEP = 'correctApplication';
export const PRINT_CORRECTED = 'printCorrected';

/** A step the row does not need (another decision's) is done with nothing to record. */
const NOTHING: StepResult = { facts: {} };

export function describeCorrections(ds: readonly Difference[]): Corrections {
  return {
    corrected: ds.map((d) => `«${d.header}»`).join(', '),
    corrections: ds.map((d) => `«${d.header}»: «${d.registry || 'пусто'}» → «${d.queue || 'пусто'}»`).join('; '),
  };
}

/** The row's value of each differing field, as the registry's form takes it. */
export function correctionOf(row: RecordContext['row'], ds: readonly Difference[]): Partial<RegistryChild> {
  const out: Record<string, string> = {};
  for (const d of ds) out[d.field] = row[d.field] ?? '';
  return out as Partial<RegistryChild>;
}

/** A refused or confirmed application is never edited: the row stops, nothing changed. */
function refuseLocked(r: RegistryRecord, facts: Facts): void {
  if (r.refused) {
    throw new BusinessError(
      `По заявке № ${r.number} оформлен отказ: исправить её нельзя. Ничего не изменено`,
      'Если отказ ошибочный — разберитесь с заявкой в реестре; строку уберите из очереди.',
      { facts },
    );
  }
  if (r.pdConfirmed || r.documentsReceived) {
    const what = r.documentsReceived ? 'уже принята (документы получены)' : 'уже подтверждена (персональные данные подтверждены)';
    throw new BusinessError(
      `Заявка № ${r.number} ${what}: navbot подтвержденную заявку не исправляет. Ничего не изменено`,
      'Если в заявке всё же ошибка — исправьте её в реестре вручную («Редактировать»), если реестр позволяет; строку уберите из очереди.',
      { facts },
    );
  }
}

/**
 * The search step's verdict for «Исправить»: what differs (the facts the report shows), or why the
 * row stops. Nothing differs and no earlier run of this key found anything: nothing to correct.
 */
export function correctFound(ctx: CorrectContext, r: RegistryRecord, found: Facts): StepResult {
  refuseLocked(r, found);
  const ds = childDifferences(ctx.row, r);
  const said = ds.length > 0 ? describeCorrections(ds) : ctx.earlier;
  if (!said) {
    throw new BusinessError(
      `Данные заявки № ${r.number} уже совпадают с заполненными полями очереди: исправлять нечего, в реестре ничего не изменено`,
      'Если документы заявителя проверены — поставьте в «Решение» «Принять» и запустите строку снова; если ошибка всё же есть — заполните верное значение в её столбце.',
      { facts: found },
    );
  }
  return { facts: { applicationId: r.id, ...found, certificateNumber: r.certificateNumber, decision: CORRECT, corrected: said.corrected, corrections: said.corrections ?? said.corrected, applicationPdf: '' } };
}

/** Says what the registry answered to an edit that did not go through, unless the record shows it done. */
async function edited(ctx: CorrectContext, facts: Facts, outcome: EditOutcome): Promise<void> {
  if (outcome.kind === 'saved') return;
  if (childDifferences(ctx.row, await readNow(ctx, facts)).length === 0) return;
  await ctx.capture('edit-refused').catch(() => undefined);
  if (outcome.kind === 'invalid') {
    const fields = outcome.fields.map((f) => `«${f.label}»: ${f.message}`).join('; ');
    throw new BusinessError(
      `Реестр не принял исправление заявки ${numbers(ctx)}: ${fields || outcome.message}`,
      'Исправьте в очереди поля, на которые указал реестр, проверьте их командой validate и запустите снова.',
    );
  }
  throw new BusinessError(
    `Реестр не дал исправить заявку ${numbers(ctx)}: «${outcome.message}»`,
    'Посмотрите заявку в реестре («Поиск заявки»): что мешает, написано на её странице. Затем запустите строку снова.',
  );
}

/** «Редактировать» … «Отправить»: the differing fields only; the record read back decides. */
export const correctApplication: Step<CorrectContext> = {
  name: CORRECT_STEP,
  title: 'Исправить заявку',
  async probe(ctx, facts) {
    if (!corrects(ctx)) return NOTHING;
    const r = await readNow(ctx, facts);
    if (childDifferences(ctx.row, r).length === 0) return { facts: { applicationStatus: statusText(r) } };
    refuseLocked(r, {});
    return undefined;
  },
  async act(ctx, facts) {
    const ds = childDifferences(ctx.row, await readNow(ctx, facts));
    const outcome = await (await ctx.registry()).correct(idOf(facts), correctionOf(ctx.row, ds));
    await edited(ctx, facts, outcome);
  },
  async verify(ctx, facts) {
    const r = await readNow(ctx, facts);
    const left = childDifferences(ctx.row, r);
    if (left.length > 0) {
      // Not retried: a second edit of what the registry keeps otherwise would not end better.
      throw new BusinessError(
        `После «Отправить» заявка ${numbers(ctx)} всё ещё отличается от очереди: ${left.map((d) => `«${d.header}»`).join(', ')}`,
        'Посмотрите заявку в реестре («Поиск заявки»): реестр мог записать значение по-своему. Исправьте вручную или строку очереди и запустите снова.',
      );
    }
    await ctx.capture('corrected').catch(() => undefined);
    return { facts: { applicationStatus: statusText(r) } };
  },
  async preview(ctx, facts) {
    if (!corrects(ctx)) return null;
    const said = typeof facts.corrected === 'string' ? facts.corrected : '';
    return said ? `будут исправлены: ${said}` : undefined;
  },
};

/** «Распечатать заявление» of the corrected application (read-only on the registry). */
export const printCorrected: Step<CorrectContext> = {
  name: PRINT_CORRECTED,
  title: 'Заявление (PDF)',
  async probe(ctx) {
    if (!corrects(ctx)) return NOTHING;
    return (await isPdf(ctx.pdf.path)) ? { facts: { applicationPdf: ctx.pdf.rel } } : undefined;
  },
  async act(ctx, facts) {
    const written = await (await ctx.registry()).print(idOf(facts), ctx.pdf.path);
    // A browser with a window keeps the printable page instead (pages.ts): link to what was written.
    ctx.printed = written.endsWith('.pdf') ? ctx.pdf.rel : ctx.pdf.rel.replace(/\.pdf$/, '.html');
  },
  async verify(ctx) {
    const rel = ctx.printed ?? ctx.pdf.rel;
    if (rel.endsWith('.pdf') && !(await isPdf(ctx.pdf.path))) throw new SystemError('the printed application is not a PDF');
    return { facts: { applicationPdf: rel } };
  },
  async preview(ctx) {
    return corrects(ctx) ? 'PDF будет сохранён в папке прогона' : null;
  },
};

/** How a finished «Исправить» row reads: corrected by navbot (give it to sign), or found corrected. */
export function correctedOutcome(facts: Facts, { intended }: RowHistory): RowOutcome {
  const number = String(facts.applicationNumber ?? '');
  const fields = typeof facts.corrected === 'string' && facts.corrected ? ` (${facts.corrected})` : '';
  if (intended?.has(CORRECT_STEP)) {
    return {
      status: 'incomplete',
      note: `Заявка № ${number} исправлена по очереди${fields}, заявление распечатано; заявка не подтверждена`,
      action:
        'Дайте распечатанное заявление (столбец «Заявление (PDF)») законному представителю ребенка на подпись. Затем поставьте в «Решение» «Принять» и запустите строку снова: navbot подтвердит персональные данные и получение документов.',
    };
  }
  return { status: 'already', note: `Заявку № ${number} уже исправили в реестре не через navbot: она совпадает с очередью, ничего не изменено; заявление распечатано` };
}
