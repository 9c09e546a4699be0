// registry-accept's «Исправить» (issue 26) against the in-memory registry: only the differing
// fields are edited, once, across a lost answer; a refused or confirmed application is never
// edited; nothing to correct says so; the row's outcome and the e-mail's view of the report.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewSteps, runSteps, type StepJournal } from '../../../src/procedure/engine.js';
import { REGISTRY_ACCEPT_LAYOUT, registryAcceptFlow, registryAcceptPlugin, type AcceptContext } from '../../../flows/registry/accept.js';
import { newApplication } from '../../../flows/registry/apply.js';
import { REGISTRY_ACCEPT_COLUMNS } from '../../../flows/registry/columns.js';
import { BusinessError } from '../../../src/core/errors.js';
import type { ColumnValues } from '../../../src/intake/flow-columns.js';
import { columnValues, readQueue } from '../../../src/intake/index.js';
import { mailableModel } from '../../../src/report/summary-mail.js';
import type { ReportModel } from '../../../src/report/model.js';
import type { LedgerRecord } from '../../../src/procedure/plugin.js';
import { FakeRegistry } from './fake-registry.js';
import { OPTIONS, workbook } from '../intake/helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-registry-correct-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the registry holds: a wrong patronymic and a wrong birth-certificate series. */
const HELD = newApplication({
  key: 'к-1', lastName: 'Орлова', firstName: 'Вера', patronymic: 'Игоревич', birthDate: '2016-03-05', sex: 'female',
  documentType: 'birth-certificate', documentSeries: 'II-АБ', documentNumber: '765432', municipality: 'г. Северный', over14: 'false',
  applicantLastName: 'Орлов', applicantFirstName: 'Игорь', applicantPatronymic: '', applicantPhone: '+79120001122', applicantEmail: 'orlov@mail.ru',
});

/** The queue's row: the documents' truth. */
const ROW: ColumnValues = {
  key: 'к-1', applicationNumber: 'З-000123', certificateNumber: '5500000001', lastName: 'Орлова', firstName: 'Вера', patronymic: 'Игоревна',
  birthDate: '', sex: '', documentType: 'birth-certificate', documentSeries: 'III-АБ', documentNumber: '765432', decision: 'correct', refuseReason: '',
};

function journal(): StepJournal & { log: string[] } {
  const log: string[] = [];
  return { log, intent: (step) => void log.push(`intent ${step}`), done: (step) => void log.push(`done ${step}`) };
}

let n = 0;
function ctxOf(reg: FakeRegistry, extra: Partial<AcceptContext> = {}, row: Partial<ColumnValues> = {}): AcceptContext {
  n++;
  return {
    row: { ...ROW, ...row } as ColumnValues,
    registry: async () => reg.port(),
    capture: async () => undefined,
    pdf: { path: path.join(dir, `run-${n}-к-1.pdf`), rel: 'applications/к-1.pdf' },
    ...extra,
  };
}

function seeded(extra = {}): FakeRegistry {
  const reg = new FakeRegistry();
  reg.add(HELD, extra);
  return reg;
}

describe('registry-accept «Исправить»', () => {
  it('should edit only the differing fields, print, and confirm nothing', async () => {
    const reg = seeded();
    const ctx = ctxOf(reg);
    const j = journal();
    const r = await runSteps(registryAcceptFlow, ctx, {}, 'findApplication', j, 1);
    expect(reg.calls).toEqual(['correct 1 patronymic,documentSeries', 'print 1']);
    expect(reg.apps[0]!.child).toMatchObject({ patronymic: 'Игоревна', documentSeries: 'III-АБ', documentNumber: '765432', lastName: 'Орлова' });
    expect(reg.apps[0]).toMatchObject({ pdConfirmed: false, documentsReceived: false, refused: false });
    expect(r.acted).toEqual(['correctApplication', 'printCorrected']);
    expect(r.facts).toMatchObject({
      decision: 'correct',
      corrected: '«Отчество», «Серия документа»',
      corrections: '«Отчество»: «Игоревич» → «Игоревна»; «Серия документа»: «II-АБ» → «III-АБ»',
      applicationPdf: 'applications/к-1.pdf',
      applicationStatus: 'Новая',
    });
    expect(existsSync(ctx.pdf.path)).toBe(true);
    expect(j.log).toContain('intent correctApplication');
    expect(j.log).not.toContain('intent confirmPersonalData');
  });

  it('should edit once and print once when the answer to «Отправить» is lost and the run starts again', async () => {
    const reg = seeded();
    reg.loseNextAnswer = true;
    const first = ctxOf(reg);
    const j = journal();
    await expect(runSteps(registryAcceptFlow, first, {}, 'findApplication', j, 1)).rejects.toThrow('ERR_CONNECTION_RESET');
    const found = { corrected: '«Отчество», «Серия документа»', corrections: 'было → стало' };
    // The next run: the registry already matches; what the first run found comes from the ledger.
    const again = await runSteps(registryAcceptFlow, ctxOf(reg, { earlier: found }), {}, 'findApplication', journal(), 1);
    expect(reg.calls).toEqual(['correct 1 patronymic,documentSeries', 'print 1']);
    expect(again.acted).toEqual(['printCorrected']);
    expect(again.facts).toMatchObject(found);
    const outcome = registryAcceptPlugin.outcome(again.facts, { actedLast: false, intended: new Set(['correctApplication']) });
    expect(outcome.status).toBe('incomplete');
  });

  it('should plan only the row’s own decision’s steps in a dry run', async () => {
    const reg = seeded();
    const plan = await previewSteps(registryAcceptFlow, ctxOf(reg), {});
    expect(plan.planned).toEqual(['Исправить заявку (будут исправлены: «Отчество», «Серия документа»)', 'Заявление (PDF) (PDF будет сохранён в папке прогона)']);
    const refuse = await previewSteps(registryAcceptFlow, ctxOf(reg, {}, { decision: 'refuse', refuseReason: 'нет документов' }), {});
    expect(refuse.planned).toEqual(['Отказать (причина: «нет документов»)']);
    const accept = await previewSteps(registryAcceptFlow, ctxOf(reg, {}, { decision: 'accept', patronymic: 'Игоревич', documentSeries: 'II-АБ' }), {});
    expect(accept.planned).toEqual(['Подтвердить персональные данные', 'Документы получены']);
    expect(reg.calls).toEqual([]);
  });

  it('should stop without a click on a confirmed, accepted or refused application', async () => {
    for (const state of [{ pdConfirmed: true }, { pdConfirmed: true, documentsReceived: true }, { refused: true, refuseReason: 'нет документов' }]) {
      const reg = seeded(state);
      const err = await runSteps(registryAcceptFlow, ctxOf(reg), {}, 'findApplication', journal(), 1).catch((e: unknown) => e);
      expect(err, JSON.stringify(state)).toBeInstanceOf(BusinessError);
      expect((err as BusinessError).message).toMatch(/уже подтверждена|уже принята|оформлен отказ/);
      expect((err as BusinessError).message).toContain('Ничего не изменено');
      expect(reg.calls).toEqual([]);
    }
  });

  it('should edit nothing and say so when nothing differs', async () => {
    const reg = seeded();
    const err = await runSteps(registryAcceptFlow, ctxOf(reg, {}, { patronymic: 'игоревич', documentSeries: 'II-АБ' }), {}, 'findApplication', journal(), 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessError);
    expect((err as BusinessError).message).toContain('исправлять нечего');
    expect((err as BusinessError).action).toContain('«Принять»');
    expect(reg.calls).toEqual([]);
  });

  it('should stop with the registry’s words when it refuses the edit', async () => {
    const reg = seeded();
    reg.editRefusal = 'Документы получены, заявка принята: изменение невозможно';
    const err = await runSteps(registryAcceptFlow, ctxOf(reg), {}, 'findApplication', journal(), 1).catch((e: unknown) => e);
    expect((err as BusinessError).message).toContain('Реестр не дал исправить заявку');
    expect(reg.calls).toEqual(['correct 1 patronymic,documentSeries']);
  });

  it('should read as «Исправлена — дайте подписать» without values, or as found corrected', () => {
    const facts = { decision: 'correct', applicationNumber: 'З-000123', corrected: '«Отчество»', corrections: '«Отчество»: «Игоревич» → «Игоревна»' };
    const ours = registryAcceptPlugin.outcome(facts, { actedLast: false, intended: new Set(['findApplication', 'correctApplication']) });
    expect(ours.status).toBe('incomplete');
    expect(ours.note).toContain('«Отчество»');
    expect(ours.note).not.toContain('Игоревна');
    expect(ours.action).toContain('на подпись');
    expect(REGISTRY_ACCEPT_LAYOUT.statuses.find((s) => s.status === 'incomplete')!.label).toBe('Исправлена — дайте подписать');
    expect(registryAcceptPlugin.outcome(facts, { actedLast: false, intended: new Set() }).status).toBe('already');
  });

  it('should find an earlier correction of the same key and application in the ledger', () => {
    const rec = (applicationNumber: string): LedgerRecord => ({ keyNorm: 'к-1', touched: new Set(['findApplication']), facts: { applicationNumber, corrected: '«Отчество»', corrections: 'x' } });
    const sent = (decision: string) => ({ ...ROW, decision }) as never;
    const prepare = (r: LedgerRecord, decision = 'correct') =>
      registryAcceptPlugin.prepare({ rows: [{ key: 'К-1', keyNorm: 'к-1', rowNumber: 2, sent: sent(decision), marks: {} }], ledger: () => new Map([['к-1', r]]), file: 'q.xlsx' }).rows.get('к-1');
    expect(prepare(rec('З-000123'))).toMatchObject({ kind: 'go', plan: { earlier: { corrected: '«Отчество»' } } });
    expect(prepare(rec('З-000999'))).toBeUndefined();
    expect(prepare(rec('З-000123'), 'accept')).toBeUndefined();
  });

  it('should keep the corrected values out of the e-mail’s copy of the report', () => {
    const model = {
      layout: REGISTRY_ACCEPT_LAYOUT,
      meta: { staffHeaders: [], rows: [] },
      rows: [{ key: 'к-1', staff: {}, values: { applicationNumber: 'З-000123', corrections: '«Отчество»: «Игоревич» → «Игоревна»' } }],
    } as unknown as ReportModel;
    const mailed = mailableModel(model, (x) => x);
    expect(JSON.stringify(mailed)).not.toContain('Игоревна');
    // The registry's flows mail keys and statuses only (issue 24): no value leaves, the number neither.
    expect(mailed.rows[0]!.values).toEqual({});
    expect(mailed.layout.columns.map((c) => c.fact)).not.toContain('corrections');
    expect(model.rows[0]!.values.corrections).toContain('Игоревна');
  });
});

describe('registry-accept queue: «Исправить»', () => {
  const HEADERS = ['Ключ', 'Номер заявки', 'Номер сертификата', 'Отчество', 'Тип документа', 'Серия документа', 'Решение', 'Причина отказа'];
  it('should read «Исправить» and ask for something to correct with, a type for a series, no reason', async () => {
    const file = await workbook(dir, [
      HEADERS,
      ['И-1', 'З-000123', '5500000001', 'Игоревна', 'Свидетельство о рождении', 'III-АБ', 'Исправить', ''],
      ['И-2', 'З-000124', '5500000002', '', '', '', 'исправить', ''],
      ['И-3', 'З-000125', '5500000003', '', '', 'III-АБ', 'Исправить', ''],
      ['И-4', 'З-000126', '5500000004', 'Игоревна', '', '', 'Исправить', 'зачем-то'],
    ]);
    const r = await readQueue(file, { ...OPTIONS, columns: REGISTRY_ACCEPT_COLUMNS });
    expect(r.rows.map((x) => columnValues(x.sent, REGISTRY_ACCEPT_COLUMNS))).toMatchObject([{ decision: 'correct', patronymic: 'Игоревна', documentSeries: 'III-АБ' }]);
    const problems = (row: number) => r.invalid.find((x) => x.rowNumber === row)!.problems.map((p) => `${p.header}: ${p.problem}`);
    expect(problems(3)).toEqual(['Решение: при «Исправить» не заполнено ни одно поле ребенка: исправлять нечем']);
    expect(problems(4)).toEqual(['Тип документа: при «Исправить» серия и номер документа пишутся в заявку только вместе с типом документа']);
    expect(problems(5)).toEqual(['Причина отказа: причина отказа заполнена, а решение — «Исправить»']);
  });
});
