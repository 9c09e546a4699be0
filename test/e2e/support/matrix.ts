// The variant matrix (issue 22 «Done when»): on a stand started with some variants, staff's
// placeholder users are seeded, `navbot doctor` writes its suggested profile, and `navbot run`
// with that profile alone (no hand edit) issues a 6-row queue once. Also the pieces the crash
// matrix reuses: the samples, doctor's profile, the queue.
import { expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startStand, type Stand } from '../../../src/stand/server.js';
import { lastReport, makeQueue, navbotEnv, runNavbot, StandClient, tempDir, writes, type QueueRowInput, type StandDump } from './navbot.js';

/** A placeholder user staff made by hand, with a child: doctor's --sample (and its cabinet). */
export const SAMPLE = 'robot+obrazec@stand.local';
export const SAMPLE_PASSWORD = 'obrazec-kabinet-7731';
/** A placeholder user whose child staff know holds a certificate: doctor's --sample-certified. */
export const CERTIFIED = 'robot+certified@stand.local';
/** The event a staff member looked up for the per-event certificate check. */
export const EVENT_ID = '77';

export const SIX: QueueRowInput[] = [
  { key: 'М-1', birth: '01.02.2015', sex: 'Мужской' },
  { key: 'М-2', birth: '15.06.2012', sex: 'Женский', municipality: 'Горный район' },
  { key: 'М-3', birth: '30.11.2018', sex: 'Мужской' },
  { key: 'М-4', birth: '29.02.2016', sex: 'Женский', municipality: 'Речной район' },
  { key: 'М-5', birth: '05.05.2010', sex: 'Мужской' },
  { key: 'М-6', birth: '12.12.2019', sex: 'Женский' },
];

export interface MatrixCase {
  variants: string[];
  /** Pass --event-id: the variant shows an issued certificate only through the per-event check. */
  eventId?: boolean;
  /** Doctor's exit: 0 ready as is, 2 the profile must change (it suggests how). Unset: either. */
  doctorExit?: 0 | 2;
  /** navbot's environment beyond navbotEnv's (`null` removes a key, e.g. the test's short timeout). */
  env?: Record<string, string | null>;
}

/** Where the per-event check is the only place the panel shows a certificate (memo has no grid). */
export function needsEventId(variants: readonly string[]): boolean {
  return variants.includes('memo');
}

export const caseName = (c: MatrixCase) => c.variants.join(',') || 'без вариантов';

/** Seeds the two placeholder users through the control API; returns the certified child's number. */
export async function seedSamples(client: StandClient): Promise<string> {
  const sample = await client.addUser({ email: SAMPLE, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', password: SAMPLE_PASSWORD });
  await client.addChild({ userId: sample.id, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2015-02-01', sex: 'male' });
  const certified = await client.addUser({ email: CERTIFIED, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: false });
  const child = await client.addChild({ userId: certified.id, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2014-03-03', sex: 'female', confirmed: true });
  return (await client.addCertificate({ childId: child.id, type: 'accounting' })).number;
}

export interface DoctorOutcome {
  code: number | null;
  output: string;
  suggestedFile: string;
  suggested: Record<string, unknown>;
}

/** Runs `navbot doctor` as staff would on this variant; checks it wrote nothing but logins. */
/** navbotEnv with the case's own environment. */
export function caseEnv(url: string, dir: string, c: MatrixCase, extra: Record<string, string> = {}): Record<string, string> {
  const env = navbotEnv(url, dir, extra);
  for (const [k, v] of Object.entries(c.env ?? {})) {
    if (v === null) delete env[k];
    else env[k] = v;
  }
  return env;
}

export async function doctorProfile(url: string, client: StandClient, dir: string, c: MatrixCase): Promise<DoctorOutcome> {
  const before = (await client.requests()).length;
  const args = ['doctor', '--sample', SAMPLE, '--sample-certified', CERTIFIED, ...(c.eventId ?? needsEventId(c.variants) ? ['--event-id', EVENT_ID] : [])];
  const doctor = await runNavbot(args, caseEnv(url, dir, c, { NAVBOT_SAMPLE_PASSWORD: SAMPLE_PASSWORD }));
  const output = doctor.stdout + doctor.stderr;
  const sent = writes((await client.requests()).slice(before)).map((r) => `${r.method} ${r.path}`);
  expect(sent.filter((r) => !/\/login$/.test(r)), output).toEqual([]);
  expect(output).not.toContain(SAMPLE_PASSWORD);
  const reports = path.join(dir, 'reports');
  const folder = readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1);
  expect(folder, output).toBeTruthy();
  const suggestedFile = path.join(reports, folder!, 'profile.suggested.json');
  const suggested = JSON.parse(readFileSync(suggestedFile, 'utf8')) as Record<string, unknown>;
  const survey = JSON.parse(readFileSync(path.join(reports, folder!, 'survey.json'), 'utf8')) as { exitCode: number };
  // 0: ready as is; 2: the profile must change (doctor suggests how). Never 1 (unreachable) or a crash.
  expect([0, 2], output).toContain(doctor.code);
  expect(survey.exitCode, output).toBe(doctor.code);
  if (c.doctorExit !== undefined) expect(doctor.code, output).toBe(c.doctorExit);
  expect(output).toContain(doctor.code === 0 ? 'Итог: всё готово к работе.' : 'Итог: navbot на этом Навигаторе не заработает без правок');
  return { code: doctor.code, output, suggestedFile, suggested };
}

/** Every row's child holds exactly one accounting certificate; no duplicates anywhere. */
export function expectIssuedOnce(state: StandDump, rows: number, samples = { users: 2, children: 2, certificates: 1 }): void {
  expect(state.duplicates).toEqual({ users: 0, children: 0, certificates: 0 });
  expect(state.users).toHaveLength(rows + samples.users);
  expect(state.children).toHaveLength(rows + samples.children);
  expect(state.certificates).toHaveLength(rows + samples.certificates);
  const perChild = new Map<string, number>();
  for (const cert of state.certificates) {
    expect(cert.type).toBe('accounting');
    perChild.set(String(cert.childId), (perChild.get(String(cert.childId)) ?? 0) + 1);
  }
  for (const child of state.children) expect(perChild.get(String(child.id)) ?? 0, `ребёнок ${child.id}`).toBeLessThanOrEqual(1);
  expect([...perChild.values()].every((n) => n === 1)).toBe(true);
}

/** One whole case: stand → samples → doctor → run of 6 rows → the stand's state and the report. */
export async function issueSixOnVariant(c: MatrixCase): Promise<void> {
  const stand: Stand = await startStand({ port: 0, control: true, variants: c.variants });
  try {
    const client = new StandClient(stand.url);
    await seedSamples(client);
    const dir = tempDir('navbot-matrix-');
    const doctor = await doctorProfile(stand.url, client, dir, c);
    const file = await makeQueue(path.join(dir, 'q.xlsx'), SIX);
    const run = await runNavbot(['run', file], caseEnv(stand.url, dir, c, { NAVBOT_PROFILE: doctor.suggestedFile }));
    const state = await client.state();
    expect(run.code, `${doctor.output}\n---\n${run.stdout}${run.stderr}`).toBe(0);
    expectIssuedOnce(state, SIX.length);
    const report = await lastReport(dir);
    expect(report.map((r) => r.status)).toEqual(SIX.map(() => 'Выдан'));
    // The report's numbers are the stand's, one per row.
    const numbers = new Set(state.certificates.map((x) => x.number));
    for (const r of report) expect(numbers.has(r.number), r.key).toBe(true);
    expect(new Set(report.map((r) => r.number)).size).toBe(SIX.length);
  } finally {
    await stand.close();
  }
}
