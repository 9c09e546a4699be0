// The Ext JS panel's lists (grids), found by their column headers (in a window by title, or on the
// page): their rows and records, their store's loads, a double-click on a row the panel takes.
// One in-page operation (gridOp) finds a grid; it runs in the page, so it is self-contained.
// Part of the shared kit; ext.ts re-exports it.
import type { Page } from 'playwright';
import { inPage, type TextKit } from './in-page.js';

/** The text kit inside in-page functions (in-page.ts: `inPage` sends it with them). */
declare const kit: TextKit;

/**
 * How often a wait looks at the panel again, ms. Each look is cheap while the panel is busy (it
 * stops at the first sign of work); a wait ends on average half a period after the state came.
 */
export const POLL_MS = 10;
/** How long a double-click may take to reach the panel's list, and how often a person tries it. */
const DBLCLICK_TAKEN_MS = 3000;
const DBLCLICK_TRIES = 3;

export interface GridQuery {
  /** A window title, or undefined for a grid on the page itself (outside windows). */
  windowTitle?: string;
  /** Column header texts the grid must have; the rows are read for these. */
  headers: string[];
}

export interface GridRows {
  rows: Array<Record<string, string>>;
  total: number;
}

type GridOp =
  | { op: 'rows' }
  | { op: 'records' }
  | { op: 'recordsAndRows' }
  | { op: 'loaded'; after?: number }
  | { op: 'loads' }
  | { op: 'reload' }
  | { op: 'rowBox'; by: 'cell' | 'record'; name: string; value: string };

type RowBoxOp = Extract<GridOp, { op: 'rowBox' }>;

/**
 * In the page: the visible grid with the query's column headers, in a window by title or on the
 * page itself (outside windows); with `anyVisibility`, also one on a tab not shown.
 */
function findGridInPage(query: GridQuery, anyVisibility: boolean): any {
  const Ext = (globalThis as unknown as { Ext: any }).Ext;
  const norm = kit.label;
  return (Ext.ComponentQuery.query('gridpanel') as any[]).find((g) => {
    if (g.isTree || (!anyVisibility && !g.isVisible(true))) return false;
    const win = g.up('window');
    if (query.windowTitle === undefined ? win : !win || norm(win.getTitle()) !== norm(query.windowTitle)) return false;
    const headers = (g.getColumns() as any[]).map((c) => norm(c.text));
    return query.headers.every((h) => headers.includes(norm(h)));
  });
}

/** In the page: the operations on a grid's store (loaded, loads, reload); undefined for the others. */
function storeOpInPage(grid: any, args: GridOp): unknown {
  if (args.op === 'loaded') {
    if (!grid) return false;
    const store = grid.getStore();
    if (store.isLoading()) return false;
    // After a given load (a reload asked for): the store's own count of finished loads.
    if (args.after !== undefined) return (store.loadCount ?? 0) > args.after;
    return typeof store.isLoaded !== 'function' || store.isLoaded() || store.getCount() > 0;
  }
  if (args.op === 'loads') return grid ? (grid.getStore().loadCount ?? 0) : null;
  if (args.op === 'reload') {
    // The store loads again with its own parameters (filters, page), as its refresh button does.
    if (!grid) return false;
    const store = grid.getStore();
    if (!store.isLoading()) store.reload();
    return true;
  }
  return undefined;
}

/** In the page: a grid's column by its header text (folded), or undefined. */
function columnInPage(grid: any, header: string): any {
  return (grid.getColumns() as any[]).find((c) => kit.label(c.text) === kit.label(header));
}

/** In the page: a row as shown — per header, the cell's text, or for a hidden column the value behind it. */
function shownRowInPage(grid: any, headers: string[], record: any): Record<string, string> {
  const view = grid.getView();
  const row: Record<string, string> = {};
  for (const h of headers) {
    const col = columnInPage(grid, h);
    const cell = col && col.isVisible() ? view.getCell(record, col) : null;
    row[h] = cell ? cell.dom.innerText.replace(/\s+/g, ' ').trim() : String(col && col.dataIndex ? (record.get(col.dataIndex) ?? '') : '');
  }
  return row;
}

/**
 * In the page: where to double-click the row found by its cell or its record's field; false when
 * not yet known (the list is loading, or its rows are not drawn yet, or a notification covers it) —
 * ask again; { absent: true } when the loaded list has no such row.
 */
function rowBoxInPage(grid: any, args: RowBoxOp): unknown {
  const Ext = (globalThis as unknown as { Ext: any }).Ext;
  const view = grid.getView();
  const store = grid.getStore();
  if (store.isLoading() || (typeof store.isLoaded === 'function' && !store.isLoaded() && store.getCount() === 0)) return false;
  const col = args.by === 'cell' ? columnInPage(grid, args.name) : undefined;
  const record = (store.getRange() as any[]).find((r) => {
    if (args.by === 'record') return String(r.get(args.name) ?? '') === args.value;
    if (!col) return false;
    // The cell as drawn; for a row not drawn yet, the value behind the column.
    const cell = view.getCell(r, col);
    return cell ? cell.dom.innerText.trim() === args.value : String(col.dataIndex ? (r.get(col.dataIndex) ?? '') : '').trim() === args.value;
  });
  if (!record) return { absent: true };
  const node = view.getNode(record) as HTMLElement | null;
  if (!node || node.getClientRects().length === 0) return false;
  node.scrollIntoView({ block: 'center' });
  const r = node.getBoundingClientRect();
  const at = { x: r.left + Math.min(40, r.width / 2), y: r.top + r.height / 2 };
  // A notification over the row: not yet — a person waits for it to go. A message box or a
  // login window over it is the panel's answer: the double-click lands on its mask, writes
  // nothing, and the action's outcome wait reads the message or the login view at once.
  const hit = document.elementFromPoint(at.x, at.y);
  if (hit && !node.contains(hit) && hit.closest('.x-toast')) return false;
  // The panel says when it took the double-click (its own itemdblclick, heard before the
  // panel's listeners), or a window opened since: see dblclickBy.
  const g = globalThis as unknown as { __navbotDblclick?: number; __navbotWindows?: number };
  g.__navbotDblclick = 0;
  g.__navbotWindows = (Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible()).length;
  grid.on('itemdblclick', () => void (g.__navbotDblclick = 1), null, { single: true, priority: 1000 });
  return at;
}

/**
 * One operation on the visible grid found by its column headers (in a window by title, or on the
 * page): the one place that finds a grid; every grid read and click below goes through it.
 * Runs in the page with its helpers above (sent with it by `inPage`), so it is self-contained.
 */
function gridOpInPage(args: { query: GridQuery } & GridOp): unknown {
  const { query } = args;
  const Ext = (globalThis as unknown as { Ext: any }).Ext;
  // Load counts are read also from a grid on a tab not shown (to tell whether showing it loaded it).
  const grid = findGridInPage(query, args.op === 'loads');
  if (args.op === 'loaded' || args.op === 'loads' || args.op === 'reload') return storeOpInPage(grid, args);
  if (!grid) return args.op === 'rowBox' ? { absent: true } : null;
  if (args.op === 'rowBox') return rowBoxInPage(grid, args);
  const records = grid.getStore().getRange() as any[];
  const shownRow = (record: any) => shownRowInPage(grid, query.headers, record);
  if (args.op === 'rows') return { rows: records.map(shownRow), total: grid.getStore().getTotalCount() };
  // A date field is a Date in the page: kept as the calendar day the panel shows, never as UTC.
  const plain = (d: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v instanceof Date ? Ext.Date.format(v, 'Y-m-d') : v]));
  const data = JSON.parse(JSON.stringify(records.map((r) => plain(r.getData()))));
  if (args.op === 'records') return data;
  // Both in one look: the records and, in the same order, the rows as shown.
  return { records: data, rows: records.map(shownRow) };
}
const gridOp = inPage(gridOpInPage, { findGridInPage, storeOpInPage, columnInPage, shownRowInPage, rowBoxInPage });

/**
 * Rows of a visible grid found by its column headers: per header, the cell text as shown, or for
 * a hidden column the value behind it.
 */
export async function readGrid(page: Page, q: GridQuery): Promise<GridRows | null> {
  return (await page.evaluate(gridOp, { query: q, op: 'rows' as const })) as GridRows | null;
}

/** A plain copy of records' data (dates as the panel's calendar day), safe to hand out of the page. */
export type Data = Record<string, unknown>;

/**
 * The records behind a visible grid found by its column headers (as readGrid finds it): every
 * field the panel loaded, also those no column shows (ids, birth dates, flags).
 */
export async function readGridRecords(page: Page, q: GridQuery): Promise<Data[] | null> {
  return (await page.evaluate(gridOp, { query: q, op: 'records' as const })) as Data[] | null;
}

/** The records behind a grid (as readGridRecords) and its rows as shown (as readGrid), in one look. */
export async function readGridRecordsAndRows(page: Page, q: GridQuery): Promise<{ records: Data[]; rows: Array<Record<string, string>> } | null> {
  return (await page.evaluate(gridOp, { query: q, op: 'recordsAndRows' as const })) as { records: Data[]; rows: Array<Record<string, string>> } | null;
}

/** In the page: the panel took the last double-click (its itemdblclick), or a window opened since. */
function dblclickTaken(): boolean {
  const g = globalThis as unknown as { __navbotDblclick?: number; __navbotWindows?: number; Ext: any };
  if (g.__navbotDblclick === 1) return true;
  const shown = (g.Ext.ComponentQuery.query('window') as any[]).filter((w) => w.isVisible()).length;
  return shown > (g.__navbotWindows ?? Number.POSITIVE_INFINITY);
}

/**
 * Double-clicks the row found `by` its cell text under header `name`, or its record's field
 * `name`. Looks only in a list that has loaded and drawn its rows (a tab reloads its list when
 * shown): false when there is no such grid, or its loaded list has no such row.
 */
async function dblclickBy(page: Page, q: GridQuery, by: 'cell' | 'record', name: string, value: string, timeoutMs: number): Promise<boolean> {
  for (let tries = 1; ; tries++) {
    const handle = await page.waitForFunction(gridOp, { query: q, op: 'rowBox' as const, by, name, value }, { timeout: timeoutMs, polling: POLL_MS });
    const box = (await handle.jsonValue()) as { x: number; y: number } | { absent: true };
    void handle.dispose().catch(() => undefined);
    if ('absent' in box) return false;
    await page.mouse.dblclick(box.x, box.y);
    // A double-click the list redrew under (a busy panel at C=4 lost one in ~30 rows, and the
    // card never opened): the panel did not take it, so a person double-clicks again. Opening a
    // card writes nothing; a double-click the panel took is never repeated.
    const taken = await page
      .waitForFunction(dblclickTaken, undefined, { timeout: DBLCLICK_TAKEN_MS, polling: POLL_MS })
      .then(
        (h) => (void h.dispose().catch(() => undefined), true),
        () => false,
      );
    if (taken || tries >= DBLCLICK_TRIES) return true;
  }
}

/** Double-clicks the grid row whose `header` cell shows exactly `value`; false when no such row. */
export function dblclickRow(page: Page, q: GridQuery, header: string, value: string, timeoutMs = 15_000): Promise<boolean> {
  return dblclickBy(page, q, 'cell', header, value, timeoutMs);
}

/** Double-clicks the grid row whose record has `field` equal to `value` (compared as text). */
export function dblclickRecord(page: Page, q: GridQuery, field: string, value: string, timeoutMs = 15_000): Promise<boolean> {
  return dblclickBy(page, q, 'record', field, value, timeoutMs);
}

/**
 * Waits until the grid found by its headers has loaded its store (not loading, loaded at least
 * once): an empty list read before its first load would look like «no children yet». With
 * `after` (a count from gridLoads), waits for a load that finished after that count.
 */
export async function waitGridLoaded(page: Page, q: GridQuery, timeoutMs: number, after?: number): Promise<void> {
  await page.waitForFunction(gridOp, { query: q, op: 'loaded' as const, ...(after === undefined ? {} : { after }) }, { timeout: timeoutMs, polling: POLL_MS });
}

/**
 * How many loads the store of the grid found by its headers has finished (Ext's loadCount), also
 * for a grid on a tab not shown; null without such a grid.
 */
export async function gridLoads(page: Page, q: GridQuery): Promise<number | null> {
  return (await page.evaluate(gridOp, { query: q, op: 'loads' as const })) as number | null;
}

/**
 * Asks the store of the grid found by its headers to load again (its own reload: the same
 * parameters, as the grid's refresh button does). False when there is no such grid.
 */
export async function reloadGrid(page: Page, q: GridQuery): Promise<boolean> {
  return (await page.evaluate(gridOp, { query: q, op: 'reload' as const })) as boolean;
}
