// `navbot ledger`: what navbot holds for one Navigator, as a workbook staff can filter — each key
// with the content it sent, its queue and row, the ids and the certificate number it earned. Read
// only: the ledger is parsed as the report parses it (a torn last line of a running batch skipped).
// A key that two flows used is two lines, one per flow (the ledger keeps their rows apart).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { parseJournal } from '../journal/file.js';
import { replayRow } from '../journal/row-state.js';
import type { Entry } from '../journal/entry.js';
import type { RowStatus } from '../core/events.js';
import { wordsOf, type ReportLayout } from '../core/layout.js';
import type { ColumnSet } from '../intake/index.js';
import { formatTime } from './labels.js';

export interface LedgerLine {
  key: string;
  /** What the key was last sent with (its flow's queue fields, as the ledger keeps them). */
  content: Readonly<Record<string, string>>;
  facts: Readonly<Record<string, unknown>>;
  status: RowStatus;
  /** The status in words: its flow's, or the ledger's own for a flow navbot does not know. */
  state: string;
  queue?: string;
  row?: number;
  boundAt?: string;
  lastAt?: string;
  lastError?: string;
  /** The flow whose row this is; entries without a flow name are `unnamedFlow`'s. */
  flow?: string;
}

/** What the ledger workbook needs of a flow (a flow plug-in is one): its queue columns and its report layout. */
export interface LedgerFlow {
  readonly name: string;
  readonly columns: ColumnSet;
  readonly layout: ReportLayout;
}

/** The ledger's words for a flow navbot does not know (a ledger written by another version). */
const STATE: Record<string, string> = { issued: 'Выдан', pending: 'Не завершён', failed: 'Ошибка', duplicate: 'Дубликат в Навигаторе', skipped: 'Пропущен' };
const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

function stateWord(status: RowStatus, flow: LedgerFlow | undefined): string {
  // «pending» in the ledger is a row begun and not finished, whatever the flow calls a row not reached.
  if (status === 'pending' || !flow) return STATE[status] ?? status;
  return wordsOf(flow.layout, status).label;
}

/**
 * One line per ledger key (flow and row key), in the order keys first appeared in the ledger.
 * `unnamedFlow` names the flow of entries written before flows had names.
 */
export function readLedger(file: string, unnamedFlow?: string, flows: readonly LedgerFlow[] = []): { lines: LedgerLine[]; warnings: string[] } {
  if (!fs.existsSync(file)) return { lines: [], warnings: [] };
  const parsed = parseJournal(fs.readFileSync(file), file);
  const byKey = new Map<string, { key: string; flow: string | undefined; entries: Entry[] }>();
  for (const e of parsed.entries) {
    const flow = e.flow ?? unnamedFlow;
    const id = JSON.stringify([flow ?? null, e.key]);
    const group = byKey.get(id) ?? { key: e.key, flow, entries: [] };
    group.entries.push(e);
    byKey.set(id, group);
  }
  const lines: LedgerLine[] = [];
  for (const { key, flow, entries } of byKey.values()) {
    const s = replayRow(entries);
    lines.push({
      key: s.binding?.shownKey ?? key,
      content: s.binding?.content ?? {},
      facts: s.facts,
      status: s.status,
      state: stateWord(s.status, flows.find((f) => f.name === flow)),
      queue: s.binding?.file,
      row: s.binding?.row,
      boundAt: s.binding?.at,
      lastAt: s.lastAt,
      lastError: s.status === 'failed' || s.status === 'duplicate' ? s.lastError?.reason : undefined,
      ...(flow !== undefined ? { flow } : {}),
    });
  }
  return { lines, warnings: parsed.warnings };
}

type Column = [header: string, width: number, value: (l: LedgerLine) => ExcelJS.CellValue];

const orNull = (v: unknown): ExcelJS.CellValue => text(v) ?? null;

/**
 * The workbook's columns: the key, the queue columns of the lines' flows (a field once), the facts
 * their layouts show (a fact once), then where each key stands. A field no flow declares (a
 * ledger of another version) is shown under its own name.
 */
export function ledgerColumns(lines: readonly LedgerLine[], flows: readonly LedgerFlow[]): Column[] {
  const used = [...new Set(lines.map((l) => l.flow))].map((name) => flows.find((f) => f.name === name));
  const fields = new Map<string, Column>();
  const facts = new Map<string, Column>();
  for (const f of used) {
    for (const c of f?.columns.columns ?? []) {
      const show = c.show ?? ((v: string) => v);
      const width = typeof c.width === 'number' ? c.width : 22;
      if (!fields.has(c.field)) fields.set(c.field, [c.header, width, (l) => (l.content[c.field] ? show(l.content[c.field]!) : null)]);
    }
    for (const c of f?.layout.columns ?? []) if (!facts.has(c.fact)) facts.set(c.fact, [c.header, c.width ?? 16, (l) => orNull(l.facts[c.fact])]);
  }
  for (const l of lines) {
    for (const field of Object.keys(l.content)) if (field !== 'key' && !fields.has(field)) fields.set(field, [field, 16, (x) => orNull(x.content[field])]);
  }
  return [
    ['Ключ', 14, (l) => l.key],
    ...fields.values(),
    ...facts.values(),
    ['Состояние', 14, (l) => l.state],
    ['Очередь', 40, (l) => l.queue ?? null],
    ['Строка', 8, (l) => l.row ?? null],
    ['Впервые', 18, (l) => (l.boundAt ? formatTime(l.boundAt) : null)],
    ['Последнее изменение', 20, (l) => (l.lastAt ? formatTime(l.lastAt) : null)],
    ['Последняя ошибка', 50, (l) => l.lastError ?? null],
    ['Процедура', 24, (l) => l.flow ?? null],
  ];
}

export async function renderLedgerXlsx(target: { label: string; publicUrl: string; adminUrl: string }, lines: readonly LedgerLine[], flows: readonly LedgerFlow[] = []): Promise<Buffer> {
  const COLUMNS = ledgerColumns(lines, flows);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Учёт', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  ws.columns = COLUMNS.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for (const l of lines) ws.addRow(COLUMNS.map(([, , value]) => value(l)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, lines.length + 1), column: COLUMNS.length } };
  const about = wb.addWorksheet('Навигатор');
  about.columns = [{ width: 28 }, { width: 70 }];
  for (const [k, v] of [
    ['Навигатор', target.label],
    ['Публичный сайт', target.publicUrl],
    ['Админ-панель', target.adminUrl],
    ['Ключей в учёте', String(lines.length)],
    ['Выдано', String(lines.filter((l) => l.status === 'issued').length)],
    ['Выгружено', formatTime(new Date().toISOString())],
    ['Что это', 'Что navbot знает об этом Навигаторе: какие данные отправлены по каждому ключу и что получено. Только для чтения; решает всегда сам Навигатор.'],
  ] as const) {
    const row = about.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
