// `navbot ledger`: what navbot holds for one Navigator, as a workbook staff can filter — each key
// with the content it sent, its queue and row, the ids and the certificate number it earned. Read
// only: the ledger is parsed as the report parses it (a torn last line of a running batch skipped).
// A key that two flows used is two lines, one per flow (the ledger keeps their rows apart).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { parseJournal } from '../journal/file.js';
import { replayRow } from '../journal/row-state.js';
import type { Entry } from '../journal/entry.js';
import { formatTime } from './labels.js';

export interface LedgerLine {
  key: string;
  birthDate?: string;
  sex?: string;
  municipality?: string;
  email?: string;
  userId?: string;
  childId?: string;
  certificateNumber?: string;
  state: string;
  queue?: string;
  row?: number;
  boundAt?: string;
  lastAt?: string;
  lastError?: string;
  /** The flow whose row this is; entries without a flow name are `unnamedFlow`'s. */
  flow?: string;
}

const SEX: Record<string, string> = { male: 'Мужской', female: 'Женский' };
const STATE: Record<string, string> = { issued: 'Выдан', pending: 'Не завершён', failed: 'Ошибка', duplicate: 'Дубликат в Навигаторе', skipped: 'Пропущен' };
const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

function ruDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}.${m}.${y}` : iso;
}

/**
 * One line per ledger key (flow and row key), in the order keys first appeared in the ledger.
 * `unnamedFlow` names the flow of entries written before flows had names.
 */
export function readLedger(file: string, unnamedFlow?: string): { lines: LedgerLine[]; warnings: string[] } {
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
    const c = s.binding?.content ?? {};
    lines.push({
      key: s.binding?.shownKey ?? key,
      birthDate: ruDate(c.birthDate),
      sex: c.sex ? (SEX[c.sex] ?? c.sex) : undefined,
      municipality: c.municipality,
      email: c.email,
      userId: text(s.facts.userId),
      childId: text(s.facts.childId),
      certificateNumber: text(s.facts.certificateNumber),
      state: STATE[s.status] ?? s.status,
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

const COLUMNS: Array<[string, number, (l: LedgerLine) => ExcelJS.CellValue]> = [
  ['Ключ', 14, (l) => l.key],
  ['Дата рождения', 14, (l) => l.birthDate ?? null],
  ['Пол', 10, (l) => l.sex ?? null],
  ['Муниципалитет', 22, (l) => l.municipality ?? null],
  ['E-mail', 30, (l) => l.email ?? null],
  ['ID пользователя', 15, (l) => l.userId ?? null],
  ['ID ребенка', 13, (l) => l.childId ?? null],
  ['Номер сертификата', 20, (l) => l.certificateNumber ?? null],
  ['Состояние', 14, (l) => l.state],
  ['Очередь', 40, (l) => l.queue ?? null],
  ['Строка', 8, (l) => l.row ?? null],
  ['Впервые', 18, (l) => (l.boundAt ? formatTime(l.boundAt) : null)],
  ['Последнее изменение', 20, (l) => (l.lastAt ? formatTime(l.lastAt) : null)],
  ['Последняя ошибка', 50, (l) => l.lastError ?? null],
  ['Процедура', 24, (l) => l.flow ?? null],
];

export async function renderLedgerXlsx(target: { label: string; publicUrl: string; adminUrl: string }, lines: readonly LedgerLine[]): Promise<Buffer> {
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
    ['Выдано', String(lines.filter((l) => l.state === 'Выдан').length)],
    ['Выгружено', formatTime(new Date().toISOString())],
    ['Что это', 'Что navbot знает об этом Навигаторе: какие данные отправлены по каждому ключу и что получено. Только для чтения; решает всегда сам Навигатор.'],
  ] as const) {
    const row = about.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
