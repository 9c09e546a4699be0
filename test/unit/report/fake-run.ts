// A fake run folder for report tests, the report's browser spec and its bench: run.json,
// events.jsonl, screenshots, a trace and a journal, as the runner and the CLI would leave them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '../../../src/journal/journal.js';
import { ROW_STEP, type Entry } from '../../../src/journal/entry.js';
import { newRunId } from '../../../src/journal/queue-id.js';
import type { RunEvent } from '../../../src/core/events.js';
import { writeRunMeta, type RunMeta, type RunMetaRow, type RunMode } from '../../../src/report/meta.js';
import { ACCOUNTING_LAYOUT } from '../../../flows/accounting/plugin.js';

export type RowKind = 'issued' | 'already' | 'failed' | 'invalid' | 'crashed' | 'untouched' | 'dry-run';

export interface FakeRowSpec {
  kind: RowKind;
  key: string;
  staff?: Record<string, string>;
}

export interface FakeRunOptions {
  root?: string;
  mode?: RunMode;
  rows?: FakeRowSpec[];
  /** No run-end, no endedAt, a torn last line in events.jsonl. */
  crashed?: boolean;
  /** Write the journal as plain lines instead of through Journal (fast, for the bench). */
  fastJournal?: boolean;
  /** run.json as versions with one flow wrote it: no flow (the report takes its layout from the caller). */
  legacy?: boolean;
}

export interface FakeRun {
  root: string;
  reportsDir: string;
  stateDir: string;
  runDir: string;
  runId: string;
  earlierRunId: string;
  meta: RunMeta;
}

export const STAFF_HEADERS = ['ФИО ребенка', 'Класс', 'Статус'];
export const QUEUE_ID = 'ochered-test-0000abcd';
export const LEAKED_SECRET = 'super-secret-value-123';
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Issued now, issued before, business failure, invalid, crashed mid-row, never reached. */
export const MIXED_ROWS: FakeRowSpec[] = [
  { kind: 'issued', key: 'А-001', staff: { 'ФИО ребенка': 'Иванов Иван', Класс: '2А', Статус: 'готово?' } },
  { kind: 'already', key: 'А-002', staff: { 'ФИО ребенка': 'Петрова Мария', Класс: '3Б', Статус: '' } },
  { kind: 'failed', key: 'А-003', staff: { 'ФИО ребенка': 'Сидоров Олег & Ко', Класс: '11В', Статус: 'срочно' } },
  { kind: 'invalid', key: 'А-004', staff: { 'ФИО ребенка': '<script>alert(1)</script>', Класс: '1А', Статус: '' } },
  { kind: 'crashed', key: 'А-005', staff: { 'ФИО ребенка': 'Кузнецова Ольга', Класс: '5Г', Статус: '' } },
  { kind: 'untouched', key: 'А-006', staff: { 'ФИО ребенка': 'Смирнов "Антон"', Класс: '7А', Статус: '' } },
];

export const FAILURE = { kind: 'business' as const, reason: 'Ребенку больше 18 лет: сертификат не выдается', action: 'Проверьте дату рождения в очереди' };
export const INVALID = { reason: 'Дата рождения «31.02.2015»: такой даты нет', action: 'Исправьте дату в столбце «Дата рождения»' };
export const PLANNED = ['Регистрация на сайте', 'Добавление ребенка', 'Выдача сертификата учета'];
const STEPS = [
  ['register', 'Регистрация на сайте'],
  ['child', 'Добавление ребенка'],
  ['certificate', 'Выдача сертификата учета'],
] as const;

export const facts = (i: number) => ({ userId: `u${1000 + i}`, childId: `c${2000 + i}`, certificateNumber: `50-${String(100000 + i)}` });

export function makeFakeRun(o: FakeRunOptions = {}): FakeRun {
  const root = o.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-report-'));
  const reportsDir = path.join(root, 'reports');
  const stateDir = path.join(root, 'state');
  const t0 = Date.now() - 60_000;
  const runId = newRunId(new Date(t0));
  const earlierRunId = newRunId(new Date(t0 - 86_400_000));
  const runDir = path.join(reportsDir, runId);
  const mode = o.mode ?? 'run';
  const specs = o.rows ?? MIXED_ROWS;
  fs.mkdirSync(path.join(runDir, 'screenshots'), { recursive: true });
  fs.mkdirSync(path.join(runDir, 'traces'), { recursive: true });

  let clock = t0;
  const at = () => new Date((clock += 50)).toISOString();
  const events: RunEvent[] = [{ type: 'run-start', runId, total: specs.length, dryRun: mode === 'dry-run', at: at() }];
  const lines: Entry[] = [];
  const entry = (e: Omit<Entry, 'at' | 'run'> & { run?: string; at?: string }) => lines.push({ ...e, run: e.run ?? runId, at: e.at ?? at() } as Entry);
  const counts = { issued: 0, already: 0, failed: 0, skipped: 0, pending: 0, 'dry-run': 0 };
  const rows: RunMetaRow[] = [];

  specs.forEach((spec, i) => {
    const keyNorm = spec.key.toLowerCase();
    const f = facts(i);
    const row: RunMetaRow = { rowNumber: i + 2, key: spec.key, keyNorm, email: `robot+${i}@school.ru`, staff: spec.staff ?? { 'ФИО ребенка': `Ребенок ${i}`, Класс: '1А', Статус: '' } };
    const stepsOf = (n: number) => {
      for (const [step, title] of STEPS.slice(0, n)) {
        events.push({ type: 'step-start', key: keyNorm, step, title, at: at() });
        entry({ key: keyNorm, step, kind: 'intent', attempt: 1 });
        entry({ key: keyNorm, step, kind: 'done', facts: step === 'register' ? { userId: f.userId } : step === 'child' ? { childId: f.childId } : { certificateNumber: f.certificateNumber } });
        events.push({ type: 'step-end', key: keyNorm, step, title, outcome: 'done', ms: 1200, at: at() });
      }
    };
    const shot = (name: string) => {
      const rel = `screenshots/${spec.key}-${name}.png`;
      fs.writeFileSync(path.join(runDir, rel), PNG_1X1);
      return rel;
    };
    switch (spec.kind) {
      case 'issued':
        events.push({ type: 'row-start', key: keyNorm, attempt: 1, at: at() });
        stepsOf(3);
        entry({ key: keyNorm, step: ROW_STEP, kind: 'done', facts: f });
        events.push({ type: 'row-end', key: keyNorm, status: 'issued', facts: f, attempts: 1, ms: 3600, screenshots: [shot('certificate')], at: at() });
        counts.issued++;
        break;
      case 'already':
        entry({ key: keyNorm, step: ROW_STEP, kind: 'done', facts: f, run: earlierRunId, at: new Date(t0 - 86_000_000).toISOString() });
        events.push({ type: 'row-end', key: keyNorm, status: 'already', facts: f, attempts: 0, ms: 2, screenshots: [], at: at() });
        counts.already++;
        break;
      case 'failed': {
        events.push({ type: 'row-start', key: keyNorm, attempt: 1, at: at() });
        stepsOf(1);
        entry({ key: keyNorm, step: ROW_STEP, kind: 'failed', error: FAILURE });
        const trace = `traces/${spec.key}-admin.zip`;
        fs.writeFileSync(path.join(runDir, trace), 'PK');
        events.push({ type: 'row-end', key: keyNorm, status: 'failed', facts: { userId: f.userId }, error: FAILURE, attempts: 1, ms: 2500, screenshots: [shot('failed')], trace, at: at() });
        counts.failed++;
        break;
      }
      case 'invalid':
        row.invalid = INVALID;
        counts.skipped++;
        break;
      case 'crashed':
        events.push({ type: 'row-start', key: keyNorm, attempt: 1, at: at() });
        stepsOf(1);
        events.push({ type: 'step-start', key: keyNorm, step: 'child', title: 'Добавление ребенка', at: at() });
        entry({ key: keyNorm, step: 'child', kind: 'intent', attempt: 1 });
        counts.pending++;
        break;
      case 'dry-run':
        events.push({ type: 'row-start', key: keyNorm, attempt: 1, at: at() });
        for (const [step, title] of STEPS) events.push({ type: 'step-end', key: keyNorm, step, title, outcome: 'preview', ms: 300, at: at() });
        events.push({ type: 'row-end', key: keyNorm, status: 'dry-run', facts: {}, attempts: 1, ms: 900, screenshots: [], planned: PLANNED, at: at() });
        counts['dry-run']++;
        break;
      case 'untouched':
        counts.pending++;
        break;
    }
    rows.push(row);
  });

  const meta: RunMeta = {
    runId,
    version: '0.1.0',
    queueFile: path.join(root, 'Очередь май.xlsx'),
    queueId: QUEUE_ID,
    stateDir,
    startedAt: new Date(t0).toISOString(),
    target: { publicUrl: 'https://navigator.example.ru/', adminUrl: 'https://navigator.example.ru/admin/', isStand: mode === 'rehearsal' || mode === 'demo' },
    mode,
    // The journal is written unnamed (Journal without a scope): the owning flow's old ledger.
    ...(o.legacy ? {} : { flow: { name: 'accounting-certificate', layout: ACCOUNTING_LAYOUT, scope: { flow: 'accounting-certificate', unnamed: true } } }),
    settings: { concurrency: 2, adminEmail: 'admin@school.ru', adminPassword: '***', secret: LEAKED_SECRET, apiToken: LEAKED_SECRET, reportsDir },
    rows,
    staffHeaders: STAFF_HEADERS,
  };
  let text = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  if (o.crashed) {
    text += '{"type":"row-end","key":"а-0';
  } else {
    const end = at();
    text += `${JSON.stringify({ type: 'run-end', at: end, counts, exitCode: 1 })}\n`;
    meta.endedAt = end;
    meta.exitCode = 1;
  }
  fs.writeFileSync(path.join(runDir, 'events.jsonl'), text);
  writeRunMeta(runDir, meta);
  writeJournal(stateDir, runId, lines, o.fastJournal ?? false);
  return { root, reportsDir, stateDir, runDir, runId, earlierRunId, meta };
}

function writeJournal(stateDir: string, runId: string, lines: Entry[], fast: boolean): void {
  fs.mkdirSync(stateDir, { recursive: true });
  if (fast) {
    fs.writeFileSync(path.join(stateDir, `${QUEUE_ID}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return;
  }
  const journal = Journal.open(stateDir, QUEUE_ID, { runId });
  try {
    for (const l of lines) journal.append(l);
  } finally {
    journal.close();
  }
}

/** `n` rows in a realistic mix: mostly issued, some already issued, failed, invalid, unfinished. */
export function benchRows(n: number): FakeRowSpec[] {
  const cycle: RowKind[] = ['issued', 'issued', 'issued', 'issued', 'issued', 'issued', 'already', 'already', 'failed', 'invalid', 'untouched'];
  return Array.from({ length: n }, (_, i) => ({ kind: cycle[i % cycle.length]!, key: `Б-${String(i + 1).padStart(5, '0')}` }));
}
