// report.xlsx: one row per queue row in queue order (frozen header, autofilter, status colours,
// a link to the row's screenshot) and a «Сводка» sheet for managers.
import ExcelJS from 'exceljs';
import { banners, formatDuration, formatTime, modeText, runDurationMs, STATUS_COLOR } from './labels.js';
import type { ReportModel, ReportRow } from './model.js';
import type { ReportLayout } from '../core/layout.js';

export const ROWS_SHEET = 'Отчёт';
export const SUMMARY_SHEET = 'Сводка';

/**
 * navbot's own columns after «Ключ» and the staff columns: the status, the flow's fact columns,
 * then the report's own; staff headers never shadow them.
 */
export function reportColumns(layout: ReportLayout): string[] {
  return ['Статус', ...layout.columns.map((c) => c.header), 'E-mail', 'Причина', 'Что делать', 'Длительность', 'Попыток', 'Скриншот'];
}

const WIDTH: Record<string, number> = {
  Ключ: 16,
  Статус: 16,
  'E-mail': 30,
  Причина: 55,
  'Что делать': 55,
  Длительность: 14,
  Попыток: 10,
  Скриншот: 14,
};

const argb = (rgb: string) => `FF${rgb}`;
const solid = (rgb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(rgb) } });

/** Staff headers as shown in the report: one that collides with a navbot column gets « (очередь)». */
export function staffColumnNames(headers: readonly string[], layout: ReportLayout): string[] {
  const ours = new Set<string>(['Ключ', ...reportColumns(layout)]);
  return headers.map((h) => (ours.has(h) ? `${h} (очередь)` : h));
}

function rowValues(model: ReportModel, r: ReportRow): ExcelJS.CellValue[] {
  const { staffHeaders } = model.meta;
  const shot = r.screenshots[r.screenshots.length - 1];
  // Empty cells stay truly empty (null), so Excel's filter offers «(Пустые)».
  const v = (s: string | undefined) => (s === undefined || s === '' ? null : s);
  return [
    r.key,
    ...staffHeaders.map((h) => v(r.staff[h])),
    model.labels[r.status],
    ...model.layout.columns.map((c) => {
      const value = v(r.values[c.fact]);
      return c.link && value ? { text: 'Открыть', hyperlink: value, tooltip: value } : value;
    }),
    v(r.email),
    v(r.reason),
    v(r.action),
    r.ms === undefined ? null : Math.round(r.ms / 100) / 10,
    r.attempts,
    shot ? { text: 'Открыть', hyperlink: shot, tooltip: shot } : null,
  ];
}

function addRowsSheet(wb: ExcelJS.Workbook, model: ReportModel): void {
  const marked = banners(model.meta).length > 0;
  const name = model.meta.mode === 'dry-run' ? `${ROWS_SHEET} — пробный прогон` : marked ? `${ROWS_SHEET} — учебный стенд` : ROWS_SHEET;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
    properties: marked ? { tabColor: { argb: 'FFC00000' } } : {},
  });
  const headers = ['Ключ', ...staffColumnNames(model.meta.staffHeaders, model.layout), ...reportColumns(model.layout)];
  const widths = new Map(model.layout.columns.map((c) => [c.header, c.width]));
  ws.columns = headers.map((h) => ({ header: h, width: WIDTH[h] ?? widths.get(h) ?? Math.min(Math.max(h.length + 2, 14), 30) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((c) => (c.fill = solid('F2F2F2')));

  const col = (h: string) => headers.indexOf(h) + 1;
  const statusCol = col('Статус');
  const wrapCols = [col('Причина'), col('Что делать')];
  const msCol = col('Длительность');
  const linkCol = col('Скриншот');
  for (const r of model.rows) {
    const row = ws.addRow(rowValues(model, r));
    row.alignment = { vertical: 'top' };
    row.getCell(statusCol).fill = solid(STATUS_COLOR[r.status]);
    for (const c of wrapCols) row.getCell(c).alignment = { vertical: 'top', wrapText: true };
    row.getCell(msCol).numFmt = '0.0 "с"';
    if (r.screenshots.length) row.getCell(linkCol).font = { color: { argb: 'FF0563C1' }, underline: true };
    for (const c of model.layout.columns) if (c.link && r.values[c.fact]) row.getCell(col(c.header)).font = { color: { argb: 'FF0563C1' }, underline: true };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, model.rows.length + 1), column: headers.length } };
}

function addSummarySheet(wb: ExcelJS.Workbook, model: ReportModel): void {
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  ws.columns = [{ width: 34 }, { width: 60 }];
  const { meta } = model;
  for (const b of banners(meta)) {
    const row = ws.addRow([b]);
    ws.mergeCells(row.number, 1, row.number, 2);
    row.font = { bold: true, size: 16, color: { argb: 'FFFFFFFF' } };
    row.getCell(1).fill = solid('C00000');
    row.height = 26;
  }
  const title = ws.addRow(['Отчёт navbot']);
  title.font = { bold: true, size: 14 };
  const pair = (name: string, value: ExcelJS.CellValue) => {
    const row = ws.addRow([name, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  pair('Прогон', meta.runId);
  pair('Режим', modeText(meta));
  if (meta.flow) pair('Процедура', `${model.layout.title} (--flow ${meta.flow.name})`);
  pair('Начало', formatTime(model.startedAt));
  pair('Окончание', model.finished ? formatTime(model.endedAt) : `не завершён (последняя запись ${formatTime(model.endedAt)})`);
  pair('Длительность прогона', formatDuration(runDurationMs(model.startedAt, model.endedAt)));
  if (model.stopReason) pair('Причина остановки', model.stopReason);
  if (model.exitCode !== undefined) pair('Код завершения', model.exitCode);
  pair('Сайт Навигатора', meta.target.publicUrl);
  pair('Админ-панель', meta.target.adminUrl);
  pair('Файл очереди', meta.queueFile);
  pair('Версия navbot', meta.version);
  pair('Строк в очереди', model.rows.length);
  pair('Отчёт построен', formatTime(model.builtAt));

  ws.addRow([]);
  const head = ws.addRow(['Статус', 'Строк']);
  head.font = { bold: true };
  for (const s of model.shown) {
    const row = ws.addRow([model.labels[s], model.counts[s]]);
    row.getCell(1).fill = solid(STATUS_COLOR[s]);
  }

  if (model.notes.length) {
    ws.addRow([]);
    ws.addRow(['Замечания']).font = { bold: true };
    for (const n of model.notes) ws.addRow(['', n]).getCell(2).alignment = { wrapText: true };
  }

  ws.addRow([]);
  ws.addRow(['Настройки (без паролей и секретов)']).font = { bold: true };
  for (const [name, value] of model.settings) ws.addRow([name, value]);
}

export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'navbot';
  wb.created = new Date(model.builtAt);
  addRowsSheet(wb, model);
  addSummarySheet(wb, model);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
