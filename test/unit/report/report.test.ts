import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/journal/journal.js';
import { buildMissingReports, buildReport, latestRunId } from '../../../src/report/build.js';
import { DRY_RUN_BANNER, STAND_BANNER } from '../../../src/report/labels.js';
import { RERUN_ACTION } from '../../../src/report/model.js';
import { facts, FAILURE, INVALID, LEAKED_SECRET, makeFakeRun, PLANNED, type FakeRun } from './fake-run.js';
import { readHtml, readXlsx } from './read-back.js';
import { readRunMeta, writeRunMeta } from '../../../src/report/meta.js';
import { ACCOUNTING_LAYOUT } from '../../../flows/accounting/plugin.js';
import { AUDIT_LAYOUT, GAP_ACTION } from '../../../flows/accounting/audit.js';

const made: FakeRun[] = [];
const fake = (...args: Parameters<typeof makeFakeRun>) => {
  const run = makeFakeRun(...args);
  made.push(run);
  return run;
};
afterEach(() => {
  for (const r of made.splice(0)) fs.rmSync(r.root, { recursive: true, force: true });
});

describe('report of a mixed run', () => {
  it('should write one xlsx row per queue row in queue order with status, number and reason', async () => {
    const run = fake();
    const built = await buildReport(run.runDir);
    expect(built.xlsx).toBe(path.join(run.runDir, 'report.xlsx'));
    const { rows, headers, rowsSheet } = await readXlsx(built.xlsx);

    expect(headers).toEqual([
      'Ключ', 'ФИО ребенка', 'Класс', 'Статус (очередь)', 'Статус', 'Номер сертификата', 'ID пользователя', 'ID ребенка',
      'E-mail', 'Причина', 'Что делать', 'Длительность', 'Попыток', 'Скриншот',
    ]);
    expect(rows.map((r) => r['Ключ'])).toEqual(['А-001', 'А-002', 'А-003', 'А-004', 'А-005', 'А-006']);
    expect(rows.map((r) => r['Статус'])).toEqual(['Выдан', 'Уже был выдан', 'Ошибка', 'Пропущен', 'Не обработан', 'Не обработан']);

    const [issued, already, failed, invalid, crashed, untouched] = rows;
    expect(issued).toMatchObject({ 'Номер сертификата': facts(0).certificateNumber, 'ID пользователя': 'u1000', 'ID ребенка': 'c2000', Попыток: 1, Длительность: 3.6 });
    expect(issued!['Скриншот']).toBe('screenshots/А-001-certificate.png');
    expect(issued!['ФИО ребенка']).toBe('Иванов Иван');
    expect(issued!['Статус (очередь)']).toBe('готово?');
    expect(already).toMatchObject({ 'Номер сертификата': facts(1).certificateNumber });
    expect(String(already!['Причина'])).toContain(run.earlierRunId);
    expect(failed).toMatchObject({ Причина: FAILURE.reason, 'Что делать': FAILURE.action, 'ID пользователя': 'u1002', 'Номер сертификата': undefined });
    expect(failed!['Скриншот']).toBe('screenshots/А-003-failed.png');
    expect(invalid).toMatchObject({ Причина: INVALID.reason, 'Что делать': INVALID.action, 'ФИО ребенка': '<script>alert(1)</script>' });
    expect(String(crashed!['Причина'])).toContain('Добавление ребенка');
    expect(crashed!['Что делать']).toBe(RERUN_ACTION);
    expect(crashed!['ID пользователя']).toBe('u1004');
    expect(untouched!['Что делать']).toBe(RERUN_ACTION);

    expect(rowsSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rowsSheet.autoFilter).toBeTruthy();
    const statusCol = headers.indexOf('Статус') + 1;
    const fill = rowsSheet.getRow(2).getCell(statusCol).fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe('FFC6EFCE');
  });

  it('should count statuses and describe the run on the Сводка sheet without secrets', async () => {
    const run = fake();
    const built = await buildReport(run.runDir);
    expect(built.counts).toEqual({ issued: 1, already: 1, incomplete: 0, duplicate: 0, failed: 1, skipped: 1, pending: 2, 'dry-run': 0, 'phase-done': 0 });
    const { pairs, summaryText } = await readXlsx(built.xlsx);
    expect(pairs.get('Выдан')).toBe(1);
    expect(pairs.get('Уже был выдан')).toBe(1);
    expect(pairs.get('Ошибка')).toBe(1);
    expect(pairs.get('Пропущен')).toBe(1);
    expect(pairs.get('Не обработан')).toBe(2);
    expect(pairs.get('Прогон')).toBe(run.runId);
    expect(pairs.get('Сайт Навигатора')).toBe('https://navigator.example.ru/');
    expect(pairs.get('Версия navbot')).toBe('0.1.0');
    expect(pairs.get('concurrency')).toBe('2');
    expect(pairs.has('secret')).toBe(false);
    expect(pairs.has('adminPassword')).toBe(false);
    expect(summaryText).not.toContain(LEAKED_SECRET);
    expect(summaryText).not.toContain(STAND_BANNER);
  });

  it('should show the same figures in report.html, escaped and with no external reference', async () => {
    const run = fake();
    const built = await buildReport(run.runDir);
    const { html, rows, counts } = readHtml(built.html);
    expect(rows.map((r) => r.cells.key)).toEqual(['А-001', 'А-002', 'А-003', 'А-004', 'А-005', 'А-006']);
    expect(rows.map((r) => r.status)).toEqual(['issued', 'already', 'failed', 'skipped', 'pending', 'pending']);
    expect(rows.map((r) => r.cells.status)).toEqual(['Выдан', 'Уже был выдан', 'Ошибка', 'Пропущен', 'Не обработан', 'Не обработан']);
    expect(rows[0]!.cells.number).toBe(facts(0).certificateNumber);
    expect(rows[1]!.cells.number).toBe(facts(1).certificateNumber);
    expect(rows[2]!.cells.reason).toBe(FAILURE.reason);
    expect(rows[2]!.cells.action).toBe(FAILURE.action);
    expect(rows[3]!.cells.reason).toBe(INVALID.reason);
    expect(rows[3]!.staff[0]).toBe('<script>alert(1)</script>');
    expect(rows[2]!.staff[0]).toBe('Сидоров Олег & Ко');
    expect(counts).toMatchObject({ all: 6, issued: 1, already: 1, failed: 1, skipped: 1, pending: 2 });

    // Steps with durations, screenshots as relative thumbnails, the trace's local command.
    expect(rows[0]!.cells.details).toContain('Выдача сертификата учета — выполнен, 1,2 с');
    expect(rows[0]!.cells.details).toMatch(/<img[^>]+src="screenshots\/%D0%90-001-certificate\.png"/);
    expect(rows[2]!.cells.details).toContain('npx playwright show-trace traces/А-003-admin.zip');
    expect(html).toContain('Как открыть трассировку');

    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script[^>]+src/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain('https://navigator.example.ru/'); // the target, as text only
    expect(html).not.toContain(LEAKED_SECRET);
  });

  it('should carry what intake warned of (rows hidden in Excel) into the Сводка and the html', async () => {
    const run = fake();
    const hidden = 'Строки 5, 7 скрыты в Excel — navbot их тоже обработает; если они не нужны, удалите их.';
    writeRunMeta(run.runDir, { ...readRunMeta(run.runDir), intakeWarnings: [hidden] });
    const built = await buildReport(run.runDir);
    expect(built.warnings).toContain(hidden);
    const { summaryText } = await readXlsx(built.xlsx);
    expect(summaryText.slice(summaryText.indexOf('Замечания'))).toContain(hidden);
    expect(readHtml(built.html).html).toContain(`<p>${hidden}</p>`);
  });

  it('should rebuild the same figures, ignore journal entries of later runs', async () => {
    const run = fake();
    const first = await buildReport(run.runDir);
    // A later run issues the row that had failed: the old report must not change.
    fs.appendFileSync(
      path.join(run.stateDir, `${run.meta.queueId}.jsonl`),
      `${JSON.stringify({ at: new Date(Date.now() + 3_600_000).toISOString(), run: 'later', key: 'а-003', step: 'row', kind: 'done', facts: { certificateNumber: 'X' } })}\n`,
    );
    const again = await buildReport(run.runDir);
    expect(again.counts).toEqual(first.counts);
    expect(latestRunId(run.reportsDir)).toBe(run.runId);
  });
});

describe('report of an interrupted run', () => {
  it('should build from a torn events file without run-end, judging unfinished rows by the journal', async () => {
    const run = fake({ crashed: true });
    const built = await buildReport(run.runDir);
    const { rows, pairs } = await readXlsx(built.xlsx);
    expect(rows.map((r) => r['Статус'])).toEqual(['Выдан', 'Уже был выдан', 'Ошибка', 'Пропущен', 'Не обработан', 'Не обработан']);
    expect(String(pairs.get('Окончание'))).toContain('не завершён');
    expect(built.warnings.join(' ')).toContain('не завершился');
  });

  it('should build with no events at all: the journal says what was issued in this run, and nothing it did not check', async () => {
    const run = fake({ crashed: true });
    fs.rmSync(path.join(run.runDir, 'events.jsonl'));
    const built = await buildReport(run.runDir);
    const { rows } = await readXlsx(built.xlsx);
    // Row 2 was issued in an earlier run; this run did not check it on the Navigator, so the report
    // does not claim it (the ledger alone never makes «Уже был выдан»).
    expect(rows.map((r) => r['Статус'])).toEqual(['Выдан', 'Не обработан', 'Ошибка', 'Пропущен', 'Не обработан', 'Не обработан']);
    expect(rows[0]!['Номер сертификата']).toBe(facts(0).certificateNumber);
    expect(rows[1]!['Номер сертификата']).toBeUndefined();
    expect(String(rows[1]!['Причина'])).toMatch(/^Не проверено в этом прогоне \(сертификат выдан ранее/);
    expect(rows[2]!['Причина']).toBe(FAILURE.reason);
  });
});

describe('report banners', () => {
  it('should mark a dry run and list the steps a real run would do', async () => {
    const run = fake({
      mode: 'dry-run',
      rows: [
        { kind: 'already', key: 'П-1' },
        { kind: 'dry-run', key: 'П-2' },
      ],
    });
    const built = await buildReport(run.runDir);
    const { rows, summaryText } = await readXlsx(built.xlsx);
    expect(rows.map((r) => r['Статус'])).toEqual(['Уже был выдан', 'Пробный прогон']);
    expect(String(rows[1]!['Что делать'])).toMatch(/^Настоящий прогон выполнит: 1\) /);
    for (const t of PLANNED) expect(String(rows[1]!['Что делать'])).toContain(t);
    expect(summaryText.split('\n')[0]).toBe(DRY_RUN_BANNER);
    const { html } = readHtml(built.html);
    expect(html).toContain(`<div class="banner" role="alert">${DRY_RUN_BANNER}</div>`);
    expect(html).toContain('Настоящий прогон выполнит');
  });

  it('should say «Учебный стенд» loudly for a rehearsal', async () => {
    const run = fake({ mode: 'rehearsal' });
    const built = await buildReport(run.runDir);
    const { summaryText, wb } = await readXlsx(built.xlsx);
    expect(summaryText.split('\n')[0]).toBe(STAND_BANNER);
    expect(wb.worksheets[0]!.name).toContain('учебный стенд');
    expect(readHtml(built.html).html).toContain(STAND_BANNER);
  });
});

describe('report safety', () => {
  it('should prefer the journal’s redacted error and drop nested secret-looking settings', async () => {
    const run = fake();
    const events = path.join(run.runDir, 'events.jsonl');
    fs.writeFileSync(events, fs.readFileSync(events, 'utf8').replace(FAILURE.reason, `${FAILURE.reason} пароль=${LEAKED_SECRET}`));
    const metaFile = path.join(run.runDir, 'run.json');
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    meta.settings.profile = { name: 'Регион', adminToken: LEAKED_SECRET };
    fs.writeFileSync(metaFile, JSON.stringify(meta));
    const built = await buildReport(run.runDir);
    const { html } = readHtml(built.html);
    expect(html).toContain('Регион');
    expect(html).not.toContain(LEAKED_SECRET);
    const { rows, summaryText } = await readXlsx(built.xlsx);
    expect(rows[2]!['Причина']).toBe(FAILURE.reason);
    expect(summaryText).not.toContain(LEAKED_SECRET);
  });

  it('should read the journal without touching it, even with a torn last line', async () => {
    const run = fake();
    const file = path.join(run.stateDir, `${run.meta.queueId}.jsonl`);
    fs.appendFileSync(file, '{"at":"2020-01-01T00:00:00.000Z","run":"x","key":"а-00');
    const before = fs.readFileSync(file);
    const built = await buildReport(run.runDir);
    expect(built.counts.issued).toBe(1);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('reports of killed runs', () => {
  it('should build the missing reports of earlier runs and leave built ones alone', async () => {
    const run = fake({ crashed: true });
    expect(await buildMissingReports(run.reportsDir)).toEqual([run.runDir]);
    expect(fs.existsSync(path.join(run.runDir, 'report.html'))).toBe(true);
    expect(await buildMissingReports(run.reportsDir)).toEqual([]);
  });

  it('should tell an interrupted row’s last retried fault from the journal', async () => {
    const run = fake({ crashed: true });
    const j = Journal.open(run.stateDir, run.meta.queueId, { runId: run.runId });
    j.recordRetry('а-005', 'row', 1, { kind: 'system', reason: 'Навигатор не ответил за 30 с' });
    j.close();
    const { rows } = await readXlsx((await buildReport(run.runDir)).xlsx);
    expect(rows[4]!['Причина']).toBe('Прогон прервался на шаге «Добавление ребенка». Последний сбой: Навигатор не ответил за 30 с');
  });
});

describe('a flow’s layout in the report', () => {
  it('should read a run.json without a flow (older versions) with the layout the caller gives, and plainly without one', async () => {
    const run = fake({ legacy: true });
    const plain = await readXlsx((await buildReport(run.runDir)).xlsx);
    expect(plain.headers).not.toContain('Номер сертификата');
    expect(plain.rows[0]!['Статус']).toBe('Сделано');
    const built = await buildReport(run.runDir, { layout: ACCOUNTING_LAYOUT });
    const { rows, headers } = await readXlsx(built.xlsx);
    expect(headers).toContain('Номер сертификата');
    expect(rows[0]).toMatchObject({ Статус: 'Выдан', 'Номер сертификата': facts(0).certificateNumber });
    expect(built.labels.issued).toBe('Выдан');
  });

  it('should show a read-only flow’s statuses, its fact columns and what each row lacks', async () => {
    const run = fake({ rows: [] });
    const at = new Date().toISOString();
    const end = (key: string, status: 'already' | 'incomplete', f: Record<string, string>, extra: Record<string, string> = {}) =>
      JSON.stringify({ type: 'row-end', key, status, facts: f, attempts: 1, ms: 1500, screenshots: [], at, ...extra });
    fs.writeFileSync(
      path.join(run.runDir, 'events.jsonl'),
      [
        JSON.stringify({ type: 'run-start', runId: run.runId, total: 2, dryRun: false, at }),
        end('с-1', 'already', { userId: '7', childId: '70', certificateNumber: '55-0000001' }),
        end('с-2', 'incomplete', { userId: '8', childId: '80', missing: 'ребенок не подтвержден; нет сертификата учета', gap: 'unconfirmed' }, { note: 'Ребенок #80 пользователя #8: не подтвержден.', action: GAP_ACTION.unconfirmed }),
        JSON.stringify({ type: 'run-end', at, counts: {}, exitCode: 1 }),
      ].join('\n') + '\n',
    );
    const meta = readRunMeta(run.runDir);
    writeRunMeta(run.runDir, {
      ...meta,
      flow: { name: 'audit', layout: AUDIT_LAYOUT, scope: { flow: 'audit', unnamed: false } },
      rows: [
        { rowNumber: 2, key: 'С-1', keyNorm: 'с-1', staff: {} },
        { rowNumber: 3, key: 'С-2', keyNorm: 'с-2', staff: {} },
      ],
      staffHeaders: [],
    });
    const built = await buildReport(run.runDir);
    expect(built.counts).toMatchObject({ already: 1, incomplete: 1, issued: 0 });
    const { rows, headers, pairs } = await readXlsx(built.xlsx);
    expect(headers).toEqual(['Ключ', 'Статус', 'Номер сертификата', 'ID пользователя', 'ID ребенка', 'Чего не хватает', 'E-mail', 'Причина', 'Что делать', 'Длительность', 'Попыток', 'Скриншот']);
    expect(rows[0]).toMatchObject({ Статус: 'Найдено', 'Номер сертификата': '55-0000001', 'ID ребенка': '70', 'Что делать': 'Ничего делать не нужно' });
    expect(rows[0]!['Причина']).toBeUndefined();
    expect(rows[1]).toMatchObject({ Статус: 'Не хватает', 'Чего не хватает': 'ребенок не подтвержден; нет сертификата учета', Причина: 'Ребенок #80 пользователя #8: не подтвержден.', 'Что делать': GAP_ACTION.unconfirmed });
    expect(String(pairs.get('Процедура'))).toContain('--flow audit');
    expect(pairs.has('Выдан')).toBe(false);
    const html = readHtml(built.html);
    expect(html.rows.map((r) => [r.status, r.cells.number, r.cells.missing])).toEqual([
      ['already', '55-0000001', ''],
      ['incomplete', '', 'ребенок не подтвержден; нет сертификата учета'],
    ]);
    expect(html.counts).toMatchObject({ all: 2, already: 1, incomplete: 1 });
    expect(html.counts.issued).toBeUndefined();
    expect(html.html).toContain('Не хватает');
  });
});
