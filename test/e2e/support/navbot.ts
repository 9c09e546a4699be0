// Helpers for end-to-end tests that run navbot as a separate process (as staff do) against a
// stand started in the test process, and steer the stand only through its control API.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { startStand, type Stand } from '../../../src/stand/server.js';
import type { StandSettingsInput } from '../../../src/stand/settings.js';
import { runNavbot, startNavbot, type NavbotRun } from './navbot-process.js';

export interface QueueRowInput {
  key: string;
  birth: string; // ДД.ММ.ГГГГ
  sex: 'Мужской' | 'Женский';
  municipality?: string;
  email?: string;
  /** A staff-only column: must never reach the stand. */
  realName?: string;
  note?: string;
}

export async function makeQueue(file: string, rows: QueueRowInput[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Очередь');
  ws.addRow(['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'E-mail', 'ФИО (для себя)', 'Примечание']);
  for (const r of rows) ws.addRow([r.key, r.birth, r.sex, r.municipality ?? 'г. Блестящий', r.email ?? '', r.realName ?? '', r.note ?? '']);
  await wb.xlsx.writeFile(file);
  return file;
}

export function tempDir(prefix = 'navbot-e2e-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function navbotEnv(standUrl: string, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NAVBOT_PUBLIC_URL: `${standUrl}/`,
    NAVBOT_ADMIN_URL: `${standUrl}/admin/`,
    NAVBOT_STATE_DIR: path.join(dir, 'state'),
    NAVBOT_REPORTS_DIR: path.join(dir, 'reports'),
    NAVBOT_ACTIONS_PER_SECOND: '100',
    NAVBOT_CONCURRENCY: '1',
    NAVBOT_TIMEOUT_MS: '15000',
    NAVBOT_RETRIES: '4',
    NAVBOT_BREAKER: '20',
    ...extra,
  };
}

export { runNavbot, startNavbot, type NavbotRun };

/** The stand's control API, as a test outside the stand's process would use it. */
export class StandClient {
  constructor(readonly url: string) {}

  private async call<T>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__stand/${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`stand ${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  state() {
    return this.call<StandDump>('GET', 'state');
  }
  requests() {
    return this.call<Array<{ method: string; path: string; status: number; at: string; body: unknown }>>('GET', 'requests');
  }
  reset() {
    return this.call('POST', 'reset', {});
  }
  faults(rules: unknown[], seed?: number) {
    return this.call('POST', 'faults', seed === undefined ? { rules } : { rules, seed });
  }
  held() {
    return this.call<Array<{ id: number; method: string; path: string }>>('GET', 'held');
  }
  release() {
    return this.call('POST', 'release', {});
  }
  expireSessions(kind?: 'admin' | 'public') {
    return this.call('POST', 'expire-sessions', kind ? { kind } : {});
  }
  addUser(user: { email: string; lastName: string; firstName: string; patronymic?: string; password?: string; resident?: boolean; verified?: boolean; allowDuplicate?: boolean }) {
    return this.call<StandDump['users'][number]>('POST', 'users', user);
  }
  addChild(child: { userId: number | string; lastName?: string; firstName: string; patronymic?: string; birthDate: string; sex: 'male' | 'female'; confirmed?: boolean }) {
    return this.call<StandDump['children'][number]>('POST', 'children', child);
  }
  addCertificate(certificate: { childId: number | string; type?: 'accounting' | 'unconfirmed' | 'funding' }) {
    return this.call<StandDump['certificates'][number]>('POST', 'certificates', certificate);
  }
}

export interface StandDump {
  users: Array<{ id: number; email: string; lastName: string; firstName: string; patronymic: string; resident: boolean; verified: boolean }>;
  children: Array<{ id: number; userId: number; birthDate: string; sex: 'male' | 'female'; confirmed: boolean; lastName: string }>;
  certificates: Array<{ id: number; childId: number; type: string; number: string }>;
  duplicates: { users: number; children: number; certificates: number };
}

/** Requests that change the Navigator's data (logins only open sessions). */
export function writes(log: Array<{ method: string; path: string }>) {
  // The per-event certificate check is a POST that only reads (issue 22 §1).
  return log.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && !/\/(login|logout)$/.test(r.path) && !/\/billing\/check\/event\/certificate\/kid\//.test(r.path));
}

/**
 * One stand per worker for the tests of a file (which run in parallel across workers), reset
 * before each test. Returns getters, valid inside tests.
 */
export function useStand(input: StandSettingsInput = {}): { readonly url: string; readonly client: StandClient } {
  let stand: Stand | undefined;
  let client: StandClient | undefined;
  test.describe.configure({ mode: 'parallel' });
  test.beforeAll(async () => {
    stand = await startStand({ port: 0, control: true, ...input });
    client = new StandClient(stand.url);
  });
  test.afterAll(async () => stand?.close());
  test.beforeEach(async () => {
    await client!.reset();
  });
  return {
    get url() {
      return stand!.url;
    },
    get client() {
      return client!;
    },
  };
}

export interface ReportLine {
  key: string;
  status: string;
  number: string;
  email: string;
  reason: string;
  action: string;
  childId: string;
}

/** The rows of a run's report.xlsx, as staff read them. */
export async function reportRows(runDir: string): Promise<ReportLine[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(runDir, 'report.xlsx'));
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => header.indexOf(name);
  const out: ReportLine[] = [];
  const cell = (v: unknown[], name: string) => (col(name) < 0 ? '' : String(v[col(name)] ?? ''));
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as unknown[];
    out.push({
      key: cell(v, 'Ключ'),
      status: cell(v, 'Статус'),
      number: cell(v, 'Номер сертификата'),
      email: cell(v, 'E-mail'),
      reason: cell(v, 'Причина'),
      action: cell(v, 'Что делать'),
      childId: cell(v, 'ID ребенка'),
    });
  });
  return out;
}

/** Run folders under `<dir>/reports`, oldest first. */
export function runDirs(dir: string): string[] {
  const reports = path.join(dir, 'reports');
  return readdirSync(reports)
    .filter((d) => /^\d/.test(d))
    .sort()
    .map((d) => path.join(reports, d));
}

/** The report of the latest run under `<dir>/reports`. */
export async function lastReport(dir: string): Promise<ReportLine[]> {
  return reportRows(runDirs(dir).at(-1)!);
}

/**
 * Starts navbot and SIGKILLs it once the stand holds a request `waits` matches (a fault rule set
 * before holds it): a kill at a known point. The held answers are released and the faults cleared.
 */
export async function killWhenHeld(args: string[], env: Record<string, string>, client: StandClient, waits: { method: string; re: RegExp }): Promise<void> {
  const run = startNavbot(args, env);
  let exited = '';
  void run.done.then((r) => (exited = `navbot exited (${r.code ?? r.signal}): ${(r.stdout + r.stderr).slice(-3000)}`));
  await expect
    .poll(async () => (exited ? exited : (await client.held()).some((h) => h.method === waits.method && waits.re.test(h.path)) ? 'ready' : 'waiting'), {
      timeout: 90_000,
      intervals: [20],
    })
    .toBe('ready');
  run.child.kill('SIGKILL');
  expect((await run.done).signal).toBe('SIGKILL');
  await client.release();
  await client.faults([]);
}

/** The text of the ledger's journal under a test's folder (`<dir>/state/ledger/*.jsonl`). */
export function ledgerJournal(dir: string): string {
  const ledgers = path.join(dir, 'state', 'ledger');
  return readFileSync(path.join(ledgers, readdirSync(ledgers).find((f) => f.endsWith('.jsonl'))!), 'utf8');
}
