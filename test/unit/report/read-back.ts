// Reads a built report back the way a reviewer would see it: report.xlsx through exceljs, and
// report.html through a tiny parser of its rows table and counts.
import ExcelJS from 'exceljs';
import fs from 'node:fs';

export interface XlsxRow {
  [header: string]: string | number | undefined;
}

function cellText(v: ExcelJS.CellValue): string | number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && 'hyperlink' in v) return (v as ExcelJS.CellHyperlinkValue).hyperlink;
  if (typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

export async function readXlsx(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rowsSheet = wb.worksheets[0]!;
  const headers = (rowsSheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => String(v));
  const rows: XlsxRow[] = [];
  rowsSheet.eachRow((row, n) => {
    if (n === 1) return;
    const out: XlsxRow = {};
    headers.forEach((h, i) => (out[h] = cellText(row.getCell(i + 1).value)));
    rows.push(out);
  });
  const summary = wb.getWorksheet('Сводка')!;
  const pairs = new Map<string, string | number | undefined>();
  const allText: string[] = [];
  summary.eachRow((row) => {
    const a = cellText(row.getCell(1).value);
    const b = cellText(row.getCell(2).value);
    if (a !== undefined) allText.push(String(a));
    if (b !== undefined) allText.push(String(b));
    if (a !== undefined && !pairs.has(String(a))) pairs.set(String(a), b);
  });
  return { wb, rowsSheet, headers, rows, summary, pairs, summaryText: allText.join('\n') };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
export const htmlText = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]!)
    .trim();

export interface HtmlRow {
  status: string;
  cells: Record<string, string>;
  staff: string[];
  raw: string;
}

export function readHtml(file: string) {
  const html = fs.readFileSync(file, 'utf8');
  const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  const rows: HtmlRow[] = tbody
    .split('<tr class="row')
    .slice(1)
    .map((chunk) => {
      const status = /data-status="([^"]+)"/.exec(chunk)![1]!;
      const cells: Record<string, string> = {};
      const staff: string[] = [];
      for (const m of chunk.matchAll(/<td[^>]*data-col="(\w+)"[^>]*>([\s\S]*?)<\/td>/g)) {
        if (m[1] === 'staff') staff.push(htmlText(m[2]!));
        else cells[m[1]!] = m[1] === 'details' ? m[2]! : htmlText(m[2]!);
      }
      return { status, cells, staff, raw: chunk };
    });
  const counts: Record<string, number> = {};
  for (const m of html.matchAll(/<b data-count="([^"]+)">(\d+)<\/b>/g)) counts[m[1]!] = Number(m[2]);
  return { html, rows, counts };
}
