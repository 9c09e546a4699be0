// Reading a workbook with exceljs (whole file in memory: merges, formula results and the 1904
// flag are then all resolved; 10,000 rows take well under a second, see test/bench/intake.ts).
// xlsx-guard.ts looks inside first, so that a file too big for memory is refused, not loaded.
import ExcelJS from 'exceljs';
import { EMPTY, fromExceljs, isBlank, type CellValue, type Grid, type GridRow } from './cells.js';
import { fold } from './text.js';
import { IntakeFileError } from './types.js';
import { guardXlsx } from './xlsx-guard.js';
import { withoutDefinedNames } from './xlsx-bombs.js';

export const QUEUE_SHEET = 'Очередь';

/**
 * Sheet parts intake never reads. exceljs expands a data validation's range cell by cell (a list
 * on a whole column is a million entries) and a column range into one object per column.
 */
const IGNORED_NODES = ['dataValidations', 'cols', 'conditionalFormatting', 'extLst', 'hyperlinks'];

function pickSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const sheets = wb.worksheets;
  return (
    sheets.find((ws) => fold(ws.name.trim()) === fold(QUEUE_SHEET)) ??
    sheets.find((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden') ??
    sheets[0]
  );
}

export async function readXlsx(data: Buffer, file: string): Promise<Grid> {
  await guardXlsx(data, file);
  const wb = new ExcelJS.Workbook();
  try {
    // Defined names would be expanded cell by cell and navbot reads none (xlsx-bombs.ts).
    const book = await withoutDefinedNames(data);
    await wb.xlsx.load(book as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_NODES });
  } catch (e) {
    throw new IntakeFileError(
      'format',
      `Файл ${file} повреждён или это не книга Excel (${(e as Error).message}). Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)».`,
      file,
    );
  }
  const ws = pickSheet(wb);
  if (!ws) throw new IntakeFileError('format', `В книге ${file} нет ни одного листа.`, file);
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const rows: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    const spread = new Set<number>();
    let own = false; // a value of the row's own, not one spread from a merge above
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const slave = cell.isMerged && cell.master !== cell;
      const v = fromExceljs(slave ? cell.master.value : cell.value);
      cells[col - 1] = v;
      if (slave) spread.add(col - 1);
      if (!slave && !isBlank(v)) own = true;
    });
    if (!own) return;
    for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY;
    rows.push({ rowNumber, cells, ...(spread.size > 0 ? { spread } : {}), ...(row.hidden ? { hidden: true as const } : {}) });
  });
  return { sheet: ws.name, date1904, rows };
}
