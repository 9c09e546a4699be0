// registry-apply and registry-accept against an in-memory fake of the registry: what each step
// decides from what it reads, that nothing is sent twice, and how a row ends — without a browser.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSteps, type Facts, type StepJournal } from '../../../src/procedure/engine.js';
import { registryAcceptFlow, registryAcceptPlugin, type AcceptContext } from '../../../flows/registry/accept.js';
import { newApplication, registryApplyFlow, registryApplyPlugin, type ApplyContext } from '../../../flows/registry/apply.js';
import { BusinessError } from '../../../src/core/errors.js';
import type { ColumnValues } from '../../../src/intake/flow-columns.js';
import type { ActionOutcome } from '../../../src/navigator/registry/port.js';
import { FakeRegistry } from './fake-registry.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-registry-flows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function journal(): StepJournal & { log: string[] } {
  const log: string[] = [];
  return { log, intent: (step) => void log.push(`intent ${step}`), done: (step) => void log.push(`done ${step}`) };
}

const APPLY_ROW: ColumnValues = {
  key: 'р-1',
  lastName: 'Иванов',
  firstName: 'Пётр',
  patronymic: 'Сергеевич',
  birthDate: '2015-05-20',
  sex: 'male',
  documentType: 'birth-certificate',
  documentSeries: 'IV-КН',
  documentNumber: '123456',
  municipality: 'г. Северный',
  over14: 'false',
  applicantLastName: 'Иванова',
  applicantFirstName: 'Мария',
  applicantPatronymic: '',
  applicantPhone: '+79991234567',
  applicantEmail: 'ivanova@mail.ru',
};

let n = 0;
function applyCtx(reg: FakeRegistry, row: ColumnValues = APPLY_ROW): ApplyContext {
  const file = path.join(dir, `a${++n}.pdf`);
  return { row, registry: async () => reg.port(), pdf: { path: file, rel: `applications/a${n}.pdf` }, capture: async () => undefined };
}

describe('registry-apply', () => {
  it('should send «Создать заявку» once, print it, and find it the next time', async () => {
    const reg = new FakeRegistry();
    const j = journal();
    const r = await runSteps(registryApplyFlow, applyCtx(reg), {}, 'createApplication', j, 1);
    expect(reg.calls).toEqual(['create', 'print 1']);
    expect(r.facts).toMatchObject({ applicationId: '1', applicationNumber: 'З-000123', certificateNumber: '5500000001', differences: '' });
    expect(r.facts.applicationPdf).toMatch(/^applications\/a\d+\.pdf$/);
    expect(j.log).toEqual(['intent createApplication', 'done createApplication', 'intent printApplication', 'done printApplication']);

    reg.calls = [];
    const again = await runSteps(registryApplyFlow, applyCtx(reg), {}, 'createApplication', journal(), 1);
    // Found by the child's name and birth date, for this document: printed, never sent again.
    expect(reg.calls).toEqual(['print 1']);
    expect(again.facts.applicationNumber).toBe('З-000123');
    expect(reg.apps).toHaveLength(1);
  });

  it('should, after a lost answer, find the application on the retry instead of sending it again', async () => {
    const reg = new FakeRegistry();
    reg.loseNextAnswer = true;
    await expect(runSteps(registryApplyFlow, applyCtx(reg), {}, 'createApplication', journal(), 1)).rejects.toThrow(/ERR_CONNECTION_RESET/);
    const r = await runSteps(registryApplyFlow, applyCtx(reg), {}, 'createApplication', journal(), 2);
    expect(reg.calls.filter((c) => c === 'create')).toHaveLength(1);
    expect(r.facts.applicationNumber).toBe('З-000123');
  });

  it('should take a duplicate refusal for this child’s application as done, and fail naming another child’s', async () => {
    // Made between the probe and «Отправить» by somebody else: the read-back finds it.
    const reg = new FakeRegistry();
    const ctx = applyCtx(reg);
    const step = registryApplyFlow.steps[0]!;
    expect(await step.probe(ctx, {})).toBeUndefined();
    reg.add(newApplication(APPLY_ROW));
    await step.act(ctx, {});
    expect(ctx.sent).toMatchObject({ kind: 'duplicate', number: 'З-000123' });
    expect((await step.verify(ctx, {})).facts.applicationNumber).toBe('З-000123');

    // The same document, another child: the row stops and names the application.
    const other = new FakeRegistry();
    other.add(newApplication({ ...APPLY_ROW, lastName: 'Сидоров', firstName: 'Олег' }));
    const error = await runSteps(registryApplyFlow, applyCtx(other), {}, 'createApplication', journal(), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).reason).toContain('заявка № З-000123');
    expect((error as BusinessError).reason).toContain('не на этого ребенка');
    expect(other.apps).toHaveLength(1);
  });

  it('should take the application a duplicate refusal names as the row’s when it is this child’s, whatever the search folds', async () => {
    const reg = new FakeRegistry();
    reg.strictSearch = true;
    reg.add(newApplication({ ...APPLY_ROW, firstName: 'Петр' }));
    const r = await runSteps(registryApplyFlow, applyCtx(reg), {}, 'createApplication', journal(), 1);
    expect(reg.calls).toEqual(['create', 'print 1']);
    expect(reg.apps).toHaveLength(1);
    expect(r.facts).toMatchObject({ applicationNumber: 'З-000123', differences: '' });
  });

  it('should never make a second application for a key whose child or document changed since its first', () => {
    const binding = { content: { ...APPLY_ROW, key: undefined } as unknown as Record<string, string>, file: '/q/заявки.xlsx', row: 2, at: '2025-09-01T10:00:00Z' };
    const ledger = new Map([['р-1', { keyNorm: 'р-1', binding, touched: new Set(['createApplication']), facts: { applicationNumber: 'З-000123' } }]]);
    const row = (over: Partial<ColumnValues>) => ({ key: 'Р-1', keyNorm: 'р-1', rowNumber: 2, marks: {}, sent: { ...APPLY_ROW, ...over } as ColumnValues });
    // The same child, another phone: not the key's identity.
    expect(registryApplyPlugin.prepare({ rows: [row({ applicantPhone: '+79990000000', firstName: 'Петр' })], ledger: () => ledger, file: '/q/заявки.xlsx' }).rows.size).toBe(0);
    const plan = registryApplyPlugin.prepare({ rows: [row({ documentNumber: '123457' })], ledger: () => ledger, file: '/q/заявки.xlsx' }).rows.get('р-1');
    expect(plan).toMatchObject({ kind: 'go', plan: { previous: { key: 'Р-1', number: 'З-000123', changed: '«Номер документа»: было «123456», теперь «123457»' } } });
  });

  it('should stop such a row unless the registry shows the application with the new data', async () => {
    const reg = new FakeRegistry();
    reg.add(newApplication(APPLY_ROW));
    const previous = { key: 'Р-1', number: 'З-000123', changed: '«Номер документа»: было «123456», теперь «123457»', where: 'строка 2 файла заявки.xlsx' };
    const changedRow = { ...APPLY_ROW, documentNumber: '123457' };
    const error = await runSteps(registryApplyFlow, { ...applyCtx(reg, changedRow), previous }, {}, 'createApplication', journal(), 1).catch((e: unknown) => e);
    expect((error as BusinessError).reason).toContain('Ключ «Р-1» уже использован для заявки № З-000123 с другими данными');
    expect(reg.calls).toEqual([]);
    // Corrected in the registry («Редактировать»): found, nothing sent.
    reg.apps[0]!.child.documentNumber = '123457';
    const r = await runSteps(registryApplyFlow, { ...applyCtx(reg, changedRow), previous }, {}, 'createApplication', journal(), 1);
    expect(r.facts.applicationNumber).toBe('З-000123');
    expect(reg.calls).toEqual(['print 1']);
  });

  it('should stop with the registry’s words when it refuses the form', async () => {
    const reg = new FakeRegistry();
    reg.invalid = [{ label: 'Серия', message: 'В серии свидетельства перепутаны раскладки' }];
    const error = await runSteps(registryApplyFlow, applyCtx(reg), {}, 'createApplication', journal(), 1).catch((e: unknown) => e);
    expect((error as BusinessError).reason).toBe('Реестр не принял заявку: «Серия»: В серии свидетельства перепутаны раскладки');
  });

  it('should fill the applicant with the child’s names from 14 on', () => {
    const a = newApplication({ ...APPLY_ROW, over14: 'true', applicantLastName: '', applicantFirstName: '' });
    expect(a.over14).toBe(true);
    expect(a.applicant).toMatchObject({ lastName: 'Иванов', firstName: 'Пётр', patronymic: 'Сергеевич', phone: '+79991234567' });
  });

  it('should say what the registry holds otherwise, and read a row as created, found or differing', async () => {
    const reg = new FakeRegistry();
    reg.add(newApplication({ ...APPLY_ROW, applicantPhone: '+79990000000', firstName: 'Петр' }));
    const r = await runSteps(registryApplyFlow, applyCtx(reg), {}, 'createApplication', journal(), 1);
    // «Пётр» and «Петр» are one name; the phone is not the row's.
    expect(r.facts.differences).toBe('«Телефон заявителя»: в очереди «+79991234567», в реестре «79990000000»');
    const outcome = registryApplyPlugin.outcome(r.facts, { actedLast: true, intended: new Set(['printApplication']) });
    expect(outcome).toMatchObject({ status: 'incomplete', note: expect.stringContaining('З-000123') });

    const clean: Facts = { ...r.facts, differences: '' };
    expect(registryApplyPlugin.outcome(clean, { actedLast: true, intended: new Set(['createApplication', 'printApplication']) }).status).toBe('issued');
    expect(registryApplyPlugin.outcome(clean, { actedLast: true, intended: new Set(['printApplication']) })).toMatchObject({ status: 'already', note: expect.stringContaining('не navbot') });
    expect(registryApplyPlugin.outcome(clean, { actedLast: true, before: { run: 'R1', at: new Date().toISOString(), facts: clean }, intended: new Set(['createApplication']) })).toMatchObject({
      status: 'already',
      note: expect.stringContaining('R1'),
    });
  });

  it('should not print twice within a run (a retry after the PDF was written)', async () => {
    const reg = new FakeRegistry();
    const ctx = applyCtx(reg);
    await runSteps(registryApplyFlow, ctx, {}, 'createApplication', journal(), 1);
    reg.calls = [];
    await runSteps(registryApplyFlow, ctx, {}, 'createApplication', journal(), 2);
    expect(reg.calls).toEqual([]);
    expect(readFileSync(ctx.pdf.path, 'latin1')).toMatch(/^%PDF-/);
  });
});

const ACCEPT_ROW: ColumnValues = {
  key: 'п-1',
  applicationNumber: 'З-000123',
  certificateNumber: '5500000001',
  lastName: 'ИВАНОВ ',
  firstName: 'Петр',
  patronymic: '',
  birthDate: '2015-05-20',
  sex: 'male',
  documentType: 'birth-certificate',
  documentSeries: 'IV-KH',
  documentNumber: '123456',
  decision: 'accept',
  refuseReason: '',
};

function acceptCtx(reg: FakeRegistry, row: Partial<ColumnValues> = {}): AcceptContext {
  return { row: { ...ACCEPT_ROW, ...row } as ColumnValues, registry: async () => reg.port(), capture: async () => undefined, pdf: { path: path.join(dir, 'accept-unused.pdf'), rel: 'applications/accept-unused.pdf' } };
}

function seeded(): FakeRegistry {
  const reg = new FakeRegistry();
  reg.add(newApplication(APPLY_ROW));
  return reg;
}

describe('registry-accept', () => {
  it('should confirm the personal data, then the documents, once (ё, case, spaces and look-alike letters folded)', async () => {
    const reg = seeded();
    const r = await runSteps(registryAcceptFlow, acceptCtx(reg), {}, 'findApplication', journal(), 1);
    expect(reg.calls).toEqual(['confirm 1', 'received 1']);
    expect(r.facts).toMatchObject({ applicationNumber: 'З-000123', applicationStatus: 'Документы получены' });
    expect(registryAcceptPlugin.outcome(r.facts, { actedLast: true, intended: new Set(['confirmPersonalData', 'documentsReceived']) }).status).toBe('issued');

    reg.calls = [];
    const again = await runSteps(registryAcceptFlow, acceptCtx(reg), {}, 'findApplication', journal(), 1);
    expect(reg.calls).toEqual([]);
    expect(registryAcceptPlugin.outcome(again.facts, { actedLast: true, before: { run: 'R1', at: new Date().toISOString(), facts: r.facts }, intended: new Set(['documentsReceived']) }).status).toBe('already');
  });

  it('should stop naming every differing field with both values, and click nothing', async () => {
    const reg = seeded();
    const error = await runSteps(registryAcceptFlow, acceptCtx(reg, { lastName: 'Иванова', documentNumber: '654321', birthDate: '2015-05-21' }), {}, 'findApplication', journal(), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).reason).toBe(
      'Данные заявки № З-000123 не совпадают с очередью — «Фамилия»: в очереди «Иванова», в реестре «Иванов»; «Дата рождения»: в очереди «21.05.2015», в реестре «20.05.2015»; «Номер документа»: в очереди «654321», в реестре «123456». Ничего не нажато',
    );
    expect(reg.calls).toEqual([]);
    expect(reg.apps[0]).toMatchObject({ pdConfirmed: false, documentsReceived: false });
    // The report's «Номер заявки» and «Статус заявки» show the application found, though the row stops.
    expect((error as BusinessError).facts).toEqual({ applicationNumber: 'З-000123', applicationStatus: 'Новая' });
  });

  it('should refuse only where the row says so, with its reason, without comparing', async () => {
    const reg = seeded();
    const r = await runSteps(registryAcceptFlow, acceptCtx(reg, { decision: 'refuse', refuseReason: 'Нет свидетельства', lastName: 'Другой' }), {}, 'findApplication', journal(), 1);
    expect(reg.calls).toEqual(['refuse 1']);
    expect(reg.apps[0]).toMatchObject({ refused: true, refuseReason: 'Нет свидетельства', pdConfirmed: false });
    expect(r.facts).toMatchObject({ applicationStatus: 'Отказано', refuseReason: 'Нет свидетельства' });
    reg.calls = [];
    await runSteps(registryAcceptFlow, acceptCtx(reg, { decision: 'refuse', refuseReason: 'Нет свидетельства' }), {}, 'findApplication', journal(), 1);
    expect(reg.calls).toEqual([]);
  });

  it('should fail a row whose numbers find nothing, and one already refused that says «Принять»', async () => {
    const reg = seeded();
    const missing = await runSteps(registryAcceptFlow, acceptCtx(reg, { certificateNumber: '5500000009' }), {}, 'findApplication', journal(), 1).catch((e: unknown) => e);
    expect((missing as BusinessError).reason).toMatch(/^Заявка № З-000123 \(сертификат № 5500000009\) не найдена в реестре/);
    reg.apps[0]!.refused = true;
    reg.apps[0]!.refuseReason = 'ошибка';
    const refused = await runSteps(registryAcceptFlow, acceptCtx(reg), {}, 'findApplication', journal(), 1).catch((e: unknown) => e);
    expect((refused as BusinessError).reason).toContain('уже оформлен отказ');
    expect((refused as BusinessError).facts).toEqual({ applicationNumber: 'З-000123', applicationStatus: 'Отказано', refuseReason: 'ошибка' });
    expect(reg.calls).toEqual([]);
  });

  it('should not press again what a crash left done, and take a refused press that holds as done', async () => {
    const reg = seeded();
    // Confirmed before the crash, the journal never heard of it.
    reg.apps[0]!.pdConfirmed = true;
    await runSteps(registryAcceptFlow, acceptCtx(reg), {}, 'findApplication', journal(), 1);
    expect(reg.calls).toEqual(['received 1']);

    // The registry refuses the press, but the record shows it done (another person, a lost answer): done.
    const other = seeded();
    const port = other.port();
    const ctx: AcceptContext = {
      ...acceptCtx(other),
      registry: async () => ({
        ...port,
        confirm: async (id) => {
          other.apps[0]!.pdConfirmed = true;
          return { ok: false, message: 'Персональные данные уже подтверждены' } as ActionOutcome;
        },
      }),
    };
    const r = await runSteps(registryAcceptFlow, ctx, {}, 'findApplication', journal(), 1);
    expect(r.facts.applicationStatus).toBe('Документы получены');

    // Refused and not done: the row stops with the registry's words.
    const stuck = seeded();
    const stuckPort = stuck.port();
    const error = await runSteps(
      registryAcceptFlow,
      { ...acceptCtx(stuck), registry: async () => ({ ...stuckPort, confirm: async () => ({ ok: false, message: 'Нельзя сейчас' }) }) },
      {},
      'findApplication',
      journal(),
      1,
    ).catch((e: unknown) => e);
    expect((error as BusinessError).reason).toBe('Реестр не дал нажать «Подтвердить персональные данные» по заявке № З-000123 (сертификат № 5500000001): «Нельзя сейчас»');
  });
});
