// registry-apply (issue 14 §2): a row is one application in the certificate registry. The first
// step finds the row's application — the organisation's applications for the child (name and
// birth date), the one for the row's document (type, series, number) — or fills «Создать заявку»
// and sends it; the second prints the application to a PDF in the run's folder (read-only on the
// registry). A refusal for a duplicate document is no failure when the application it names is
// this row's child's (the read-back finds it); otherwise the row stops naming that application.
import type { ReportLayout } from '../../src/core/layout.js';
import { APPLICATION_END_STATUSES, APPLICATION_NUMBER_COLUMNS, APPLICATION_PDF_COLUMN } from './record.js';
import { BusinessError, SystemError } from '../../src/core/errors.js';
import { columnValues, type ColumnValues } from '../../src/intake/index.js';
import type { CreateOutcome, NewApplication, RegistryPort, RegistryRecord } from '../../src/navigator/registry/port.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Facts, Flow, Step } from '../../src/procedure/engine.js';
import { definePlugin, type RowPlan } from '../../src/procedure/plugin.js';
import { REGISTRY_APPLY_COLUMNS, YES } from './columns.js';
import { applicationDifferences, foldName, foldNumber, foldSeries, sameChild, sameDocument, sayDifferences } from './match.js';

export interface ApplyContext {
  /** Exactly the queue's declared columns (invariant 4). */
  readonly row: ColumnValues;
  registry(): Promise<RegistryPort>;
  /** `<runDir>/applications/<key>.pdf`: where to write, and the report's link. */
  readonly pdf: { readonly path: string; readonly rel: string };
  capture(name: string): Promise<void>;
  /** What this attempt's «Отправить» was answered (for verify). */
  sent?: CreateOutcome;
  /** What this attempt's print wrote, relative to the run's folder. */
  printed?: string;
  /** The key made an application before with another child or document (the ledger; prepare). */
  readonly previous?: PreviousApplication;
}

/** What the ledger says the key applied for before, when the row now says otherwise. */
export interface PreviousApplication {
  /** The key as staff typed it. */
  readonly key: string;
  readonly number: string;
  /** Russian: what changed, «Фамилия»: было «…», теперь «…». */
  readonly changed: string;
  /** Russian: where the earlier content came from. */
  readonly where: string;
}

/** The child's identity: what an application is for. */
const IDENTITY: ReadonlyArray<[field: string, header: string]> = [
  ['lastName', 'Фамилия'],
  ['firstName', 'Имя'],
  ['patronymic', 'Отчество'],
  ['birthDate', 'Дата рождения'],
  ['documentType', 'Тип документа'],
  ['documentSeries', 'Серия документа'],
  ['documentNumber', 'Номер документа'],
];

/** The identity fields a key's earlier content and its row now tell apart. */
export function changedIdentity(before: Readonly<Record<string, string>>, now: Readonly<Record<string, string | undefined>>): string {
  const same = (field: string, a: string, b: string) =>
    field === 'documentSeries' ? foldSeries(a) === foldSeries(b) : field === 'documentNumber' ? foldNumber(a) === foldNumber(b) : foldName(a) === foldName(b);
  return IDENTITY.filter(([f]) => !same(f, before[f] ?? '', now[f] ?? ''))
    .map(([f, h]) => `«${h}»: было «${before[f] ?? ''}», теперь «${now[f] ?? ''}»`)
    .join('; ');
}

/** What «Создать заявку» is filled with, from the row. */
export function newApplication(row: ColumnValues): NewApplication {
  const over14 = row.over14 === YES;
  return {
    child: {
      lastName: row.lastName!,
      firstName: row.firstName!,
      patronymic: row.patronymic ?? '',
      birthDate: row.birthDate!,
      sex: row.sex === 'female' ? 'female' : 'male',
      documentType: row.documentType === 'passport' ? 'passport' : 'birth-certificate',
      documentSeries: row.documentSeries!,
      documentNumber: row.documentNumber!,
    },
    over14,
    applicant: {
      lastName: over14 ? row.lastName! : row.applicantLastName!,
      firstName: over14 ? row.firstName! : row.applicantFirstName!,
      patronymic: over14 ? (row.patronymic ?? '') : (row.applicantPatronymic ?? ''),
      phone: row.applicantPhone!,
      email: row.applicantEmail!,
    },
    municipality: row.municipality!,
  };
}

/** The row's application among the organisation's: the child's, for the row's document (the earliest). */
async function findOwn(registry: RegistryPort, row: ColumnValues): Promise<RegistryRecord | undefined> {
  const list = await registry.findByChild({ lastName: row.lastName!, firstName: row.firstName!, birthDate: row.birthDate! });
  return list.filter((r) => sameDocument(row, r.child)).sort((a, b) => a.number.localeCompare(b.number, 'ru'))[0];
}

function factsOf(row: ColumnValues, r: RegistryRecord): Facts {
  return {
    applicationId: r.id,
    applicationNumber: r.number,
    certificateNumber: r.certificateNumber,
    // What the registry holds otherwise than the row (a person should look): '' when nothing.
    differences: sayDifferences(applicationDifferences(row, r)),
  };
}

const CREATE = 'createApplication';

const createApplication: Step<ApplyContext> = {
  name: CREATE,
  title: 'Заявка в реестре',
  async probe(ctx) {
    const found = await findOwn(await ctx.registry(), ctx.row);
    if (found) return { facts: factsOf(ctx.row, found) };
    // navbot made an application for this key with other data: never a second one for the key.
    const p = ctx.previous;
    if (p) {
      throw new BusinessError(
        `Ключ «${p.key}» уже использован для заявки № ${p.number} с другими данными (${p.where}): ${p.changed}. Робот не исправляет заявки и не подает вторую.`,
        `Если верны новые данные — исправьте заявку № ${p.number} в реестре («Редактировать») и запустите снова: navbot найдет ее. Если это другой ребенок — дайте строке новый ключ.`,
      );
    }
    return undefined;
  },
  async act(ctx) {
    const registry = await ctx.registry();
    ctx.sent = await registry.create(newApplication(ctx.row));
    if (ctx.sent.kind === 'invalid') {
      const fields = ctx.sent.fields.map((f) => `«${f.label}»: ${f.message}`).join('; ');
      throw new BusinessError(
        `Реестр не принял заявку: ${fields || ctx.sent.message}`,
        'Исправьте в очереди поля, на которые указал реестр, проверьте их командой validate и запустите снова.',
      );
    }
  },
  async verify(ctx) {
    const registry = await ctx.registry();
    const sent = ctx.sent;
    // The numbers «Заявка отправлена» showed, read back from the registry's own record; or, after a
    // lost answer or a duplicate refusal, the child's application for this document.
    let record = sent?.kind === 'created' ? await registry.read(sent.id) : await findOwn(registry, ctx.row);
    // The application a duplicate refusal names is this row's when it is this child's (names
    // compared with ё = е and case folded, whatever the registry's own search folds).
    if (!record && sent?.kind === 'duplicate' && sent.number && registry.findByNumber) {
      const named = await registry.findByNumber(sent.number);
      if (named && sameChild(ctx.row, named)) record = named;
    }
    if (record && sameDocument(ctx.row, record.child)) {
      await ctx.capture('application').catch(() => undefined);
      return { facts: factsOf(ctx.row, record) };
    }
    if (sent?.kind === 'duplicate') {
      const which = sent.number ? `заявка № ${sent.number}` : 'другая заявка';
      throw new BusinessError(
        `На этот документ в реестре уже подана ${which}, но не на этого ребенка (фамилия, имя или дата рождения в ней другие). Реестр ответил: «${sent.message}»`,
        `Сверьте документ с ${sent.number ? `заявкой № ${sent.number}` : 'заявками'} в реестре («Поиск заявки»): если ошибка в очереди — исправьте серию и номер, если в заявке — исправьте её в реестре.`,
      );
    }
    throw new SystemError(`no application for the row's document after «Отправить» (${sent?.kind ?? 'answer lost'})`);
  },
  async preview(ctx) {
    const registry = await ctx.registry();
    await registry.previewCreate?.(newApplication(ctx.row));
    return 'форма заполнена, но не отправлена';
  },
};

/** A PDF this run already wrote (a retried row does not print twice). */
export async function isPdf(file: string): Promise<boolean> {
  try {
    const head = (await readFile(file)).subarray(0, 5).toString('latin1');
    return head === '%PDF-';
  } catch {
    return false;
  }
}

const PRINT = 'printApplication';

const printApplication: Step<ApplyContext> = {
  name: PRINT,
  title: 'Заявление (PDF)',
  async probe(ctx) {
    return (await isPdf(ctx.pdf.path)) ? { facts: { applicationPdf: ctx.pdf.rel } } : undefined;
  },
  async act(ctx, facts) {
    const id = facts.applicationId;
    if (id === undefined || id === null || id === '') throw new SystemError('no application id to print');
    const registry = await ctx.registry();
    const written = await registry.print(String(id), ctx.pdf.path);
    // A browser with a window keeps the printable page instead (navigator/registry/pages.ts): link to what was written.
    ctx.printed = written.endsWith('.pdf') ? ctx.pdf.rel : ctx.pdf.rel.replace(/\.pdf$/, '.html');
  },
  async verify(ctx) {
    const rel = ctx.printed ?? ctx.pdf.rel;
    if (rel.endsWith('.pdf') && !(await isPdf(ctx.pdf.path))) throw new SystemError('the printed application is not a PDF');
    return { facts: { applicationPdf: rel } };
  },
  async preview() {
    return 'PDF будет сохранён в папке прогона';
  },
};

export const registryApplyFlow: Flow<ApplyContext> = { name: 'registry-apply', steps: [createApplication, printApplication] };

export const REGISTRY_APPLY_LAYOUT: ReportLayout = {
  title: 'Заявки на сертификаты в реестре',
  personalReasons: true,
  statuses: [
    { status: 'issued', label: 'Заявка создана', count: 'создано заявок' },
    { status: 'already', label: 'Заявка уже была', count: 'уже были в реестре' },
    { status: 'incomplete', label: 'Заявка есть, данные отличаются', count: 'с расхождениями' },
    ...APPLICATION_END_STATUSES,
  ],
  headline: ['issued', 'failed'],
  columns: [
    ...APPLICATION_NUMBER_COLUMNS,
    APPLICATION_PDF_COLUMN,
  ],
  primary: 'applicationNumber',
  doneBefore: 'Заявка создана ранее',
  foundDone: 'Заявка уже была в реестре',
};

export const registryApplyPlugin = definePlugin<ApplyContext, { previous?: PreviousApplication }, 'registry'>({
  name: registryApplyFlow.name,
  title: 'заявки на сертификаты в реестре сертификатов',
  columns: REGISTRY_APPLY_COLUMNS,
  uses: ['registry'],
  readOnly: false,
  flow: registryApplyFlow,
  layout: REGISTRY_APPLY_LAYOUT,
  // The ledger's rule (invariant 1): a key that made an application is that application's; a row
  // whose child or document changed since is stopped by the probe unless the registry shows it so.
  prepare({ rows, ledger }) {
    const held = ledger();
    const plans = new Map<string, RowPlan<{ previous?: PreviousApplication }>>();
    for (const r of rows) {
      const rec = held.get(r.keyNorm);
      const number = rec?.facts.applicationNumber;
      if (!rec?.binding || !rec.touched.has(CREATE) || typeof number !== 'string' || number === '') continue;
      const changed = changedIdentity(rec.binding.content, columnValues(r.sent, REGISTRY_APPLY_COLUMNS));
      if (!changed) continue;
      const where = `строка ${rec.binding.row} файла ${path.basename(rec.binding.file)}, ${new Date(rec.binding.at).toLocaleDateString('ru-RU')}`;
      plans.set(r.keyNorm, { kind: 'go', sent: r.sent, plan: { previous: { key: r.key, number, changed, where } } });
    }
    return { rows: plans, notices: [] };
  },
  context(offer, { sent, plan }) {
    return {
      ctx: {
        row: columnValues(sent, REGISTRY_APPLY_COLUMNS),
        registry: () => offer.target('registry').open(),
        pdf: offer.rowFile('applications', 'pdf'),
        capture: (name) => offer.target('registry').capture(name),
        ...(plan?.previous ? { previous: plan.previous } : {}),
      },
      release: async () => undefined,
    };
  },
  // «Заявка создана»: navbot sent it (in this run, or one cut off before it could say so).
  // «Заявка уже была»: navbot reported it before, or found it made by somebody else.
  outcome(facts, { before, intended }) {
    const number = facts.applicationNumber;
    const differences = typeof facts.differences === 'string' ? facts.differences : '';
    if (differences) {
      return {
        status: 'incomplete',
        note: `Заявка № ${number} есть, но в реестре записано иначе: ${differences}`,
        action: `Сверьте заявку № ${number} с документами: исправьте её в реестре («Редактировать») или исправьте строку очереди.`,
      };
    }
    if (before && before.facts.applicationNumber === number) {
      return { status: 'already', note: `Заявку создал navbot ранее: прогон ${before.run} (${new Date(before.at).toLocaleString('ru-RU')})` };
    }
    if (intended?.has(CREATE)) return { status: 'issued' };
    return { status: 'already', note: 'Заявка уже была в реестре: её создал не navbot (вручную или другой программой)' };
  },
});
