// Helpers for the registry flows' end-to-end tests (issue 14): queues as staff fill them, the
// stand's applications and request log, and a run's report read by its headers.
import ExcelJS from 'exceljs';
import path from 'node:path';
import { navbotEnv } from './navbot.js';

export const APPLY_HEADERS = [
  'Ключ', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Тип документа', 'Серия документа', 'Номер документа', 'Муниципалитет',
  'Старше 14 лет', 'Фамилия заявителя', 'Имя заявителя', 'Отчество заявителя', 'Телефон заявителя', 'E-mail заявителя', 'ФИО (для себя)', 'Примечание',
];

export const ACCEPT_HEADERS = [
  'Ключ', 'Номер заявки', 'Номер сертификата', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Тип документа', 'Серия документа', 'Номер документа',
  'Решение', 'Причина отказа', 'Примечание',
];

/** A queue sheet «Очередь» with these headers and rows (values as staff type them). */
export async function makeSheet(file: string, headers: readonly string[], rows: ReadonlyArray<Readonly<Record<string, string>>>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Очередь');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  await wb.xlsx.writeFile(file);
  return file;
}

/** ДД.ММ.ГГГГ of a child `age` whole years old today (born on 15 January or 15 July of that year). */
export function bornYearsAgo(age: number): string {
  const now = new Date();
  const july = now.getMonth() > 6 || (now.getMonth() === 6 && now.getDate() >= 15);
  // Born on a day already past this year: exactly `age` today.
  const [m, d] = july ? ['07', '15'] : ['01', '15'];
  const y = now.getFullYear() - age - (!july && now.getMonth() === 0 && now.getDate() < 15 ? 1 : 0);
  return `${d}.${m}.${y}`;
}

export function registryEnv(standUrl: string, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return navbotEnv(standUrl, dir, { NAVBOT_REGISTRY_URL: `${standUrl}/registry/`, ...extra });
}

export interface StandApplication {
  id: number;
  number: string;
  certificateNumber: string;
  child: { lastName: string; firstName: string; patronymic: string; birthDate: string; sex: string; documentType: string; documentSeries: string; documentNumber: string };
  over14: boolean;
  applicant: { lastName: string; firstName: string; patronymic: string; phone: string; email: string };
  municipality: string;
  pdConfirmed: boolean;
  documentsReceived: boolean;
  refused: boolean;
  refuseReason: string | null;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: string;
  body: unknown;
}

export async function applications(standUrl: string): Promise<StandApplication[]> {
  const res = await fetch(`${standUrl}/__stand/state`);
  return ((await res.json()) as { applications: StandApplication[] }).applications;
}

export async function requests(standUrl: string): Promise<LoggedRequest[]> {
  return (await (await fetch(`${standUrl}/__stand/requests`)).json()) as LoggedRequest[];
}

/** Seeds an application without the form (the stand's control API). */
export async function seedApplication(standUrl: string, body: unknown): Promise<StandApplication> {
  const res = await fetch(`${standUrl}/__stand/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`seed: ${res.status} ${await res.text()}`);
  return (await res.json()) as StandApplication;
}

/** The registry's writes: form posts other than logging in or out and searching. */
export function registryWrites(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((r) => r.path.startsWith('/registry/') && r.method === 'POST' && !/\/(login|logout|search)$/.test(r.path));
}

/** A run's report.xlsx rows, each as header → text. */
export async function reportTable(runDir: string): Promise<Array<Record<string, string>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(runDir, 'report.xlsx'));
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const out: Array<Record<string, string>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as unknown[];
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      if (!h) return;
      const cell = v[i];
      rec[h] = cell && typeof cell === 'object' && 'hyperlink' in cell ? String((cell as { hyperlink: string }).hyperlink) : String(cell ?? '');
    });
    out.push(rec);
  });
  return out;
}
