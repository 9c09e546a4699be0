// `navbot doctor`, second half: the read-only survey of the region («will navbot work on my
// region, and if not, what exactly differs?»). Launches the browser as a run does, walks the admin
// panel and the public site (survey/), compares by item (compare/), and writes
// $NAVBOT_REPORTS_DIR/doctor-<date>/ with survey.json, profile.suggested.json and a screenshot per
// screen. Nothing is written to the Navigator but the admin login.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright';
import { resolveBrowser } from '../config/browser.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { RegionSurvey } from './survey/region-survey.js';
import { BrowserHost } from '../runner/browser.js';
import { Politeness } from '../runner/politeness.js';
import { CODE, withSnapshot } from './codes.js';
import { publicStructureChecks } from './compare/public.js';
import { SNAPSHOT_FILE, SnapshotRecorder } from './snapshot.js';
import { surveyCertified, type CertifiedFinding } from './survey/certified.js';
import { certifiedCheck } from './compare/certified.js';
import type { SurveyCheck } from './compare/check.js';
import { buildChecks, surveyExitCode } from './compare/checks.js';
import { differencesList, suggestedName, suggestedProfile } from './compare/suggestion.js';
import { summaryLines } from './compare/summary.js';
import { profileSchema, type Profile } from '../config/profile.js';

export interface SurveyResult {
  exitCode: number;
  dir: string;
  checks: SurveyCheck[];
  /** region-snapshot.zip, when --snapshot asked for it. */
  snapshot?: string;
}

/** The current profile with the admin panel's part as the survey found it (its suggestion so far). */
function adminAsSurveyed(settings: Settings, survey: RegionSurvey): Profile {
  try {
    const defaults = loadSettings({});
    const cur = { timeoutMs: settings.timeoutMs, actionsPerSecond: settings.actionsPerSecond, profile: settings.profileData };
    const { checks } = buildChecks(survey.findings, cur, { timeoutMs: defaults.timeoutMs, actionsPerSecond: defaults.actionsPerSecond });
    const found = profileSchema.parse(suggestedProfile(settings.profileData, checks));
    return { ...settings.profileData, adminTexts: found.adminTexts, adminStructure: found.adminStructure, adminData: found.adminData };
  } catch {
    return settings.profileData;
  }
}

/** `doctor-2026-11-05T02-30-00` under the reports folder; a second run in the same second gets `-2`. */
export function surveyDir(reportsDir: string, now: Date): string {
  const stamp = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 19).replace(/:/g, '-');
  let dir = path.resolve(reportsDir, `doctor-${stamp}`);
  for (let i = 2; existsSync(dir); i++) dir = path.resolve(reportsDir, `doctor-${stamp}-${i}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface SurveyOptions {
  /** E-mail of an existing placeholder user whose cards the survey reads. */
  sample?: string;
  /** The sample's cabinet password (from the environment only, never a flag); never printed. */
  samplePassword?: string;
  /** Also write region-snapshot.zip (the field kit) beside survey.json. */
  snapshot?: boolean;
  /** E-mail of a placeholder user whose child holds a certificate: where the panel shows it (issue 22 §1). */
  sampleCertified?: string;
  /** The event id for the per-event certificate check. */
  eventId?: string;
  /** navbot's version, for the snapshot's manifest. */
  version: string;
  write: (line: string) => void;
}

export async function surveyRegion(settings: Settings, o: SurveyOptions): Promise<SurveyResult> {
  const startedAt = new Date();
  const dir = surveyDir(settings.reportsDir, startedAt);
  const host = surveyHost(settings);
  const kit = o.snapshot ? snapshotRecorder(settings, o) : undefined;
  const survey = regionSurvey(settings, o, dir, kit);
  const certified = await walk(host, settings, o, { survey, kit });
  const findings = survey.findings;
  const defaults = loadSettings({});
  const cur = { timeoutMs: settings.timeoutMs, actionsPerSecond: settings.actionsPerSecond, profile: settings.profileData, ...(o.sample ? { sample: o.sample } : {}) };
  const { checks, pace } = buildChecks(findings, cur, { timeoutMs: defaults.timeoutMs, actionsPerSecond: defaults.actionsPerSecond });
  checks.push(...publicStructureChecks(findings.site.structure, settings.profileData.publicStructure));
  if (certified) checks.push(certifiedCheck(certified));
  let exitCode = surveyExitCode(checks);
  const suggestedFile = path.join(dir, 'profile.suggested.json');
  const day = startedAt.toISOString().slice(0, 10);
  const profile = suggestedProfile(settings.profileData, checks, suggestedName(settings.profileData.name, day, settings.publicUrl));
  writeFileSync(suggestedFile, `${JSON.stringify(profile, null, 2)}\n`);
  const record = surveyRecord(settings, o, { startedAt, exitCode, pace, checks, findings });
  writeFileSync(path.join(dir, 'survey.json'), `${JSON.stringify(record, null, 2)}\n`);
  let snapshot: string | undefined;
  if (kit) ({ exitCode, snapshot } = await writeSnapshot(kit, dir, o, record));
  for (const line of summaryLines(checks, { dir, suggestedFile, pace, exitCode })) o.write(`  ${line}\n`);
  return { exitCode, dir, checks, ...(snapshot ? { snapshot } : {}) };
}

/** The browser as a run launches it, headless, polite to the Navigator's two origins. */
function surveyHost(settings: Settings): BrowserHost {
  const choice = resolveBrowser(settings.browser, true);
  if (!choice) throw new Error('браузер не найден');
  const origins = [new URL(settings.publicUrl).origin, new URL(settings.adminUrl).origin];
  return new BrowserHost({
    launch: { ...choice.launch, headless: true },
    politeness: new Politeness(settings.actionsPerSecond),
    origins,
    timeoutMs: settings.timeoutMs,
    backoffMs: settings.backoffMs,
  });
}

/** --snapshot: the recorder of the screens, told every secret it must never write. */
function snapshotRecorder(settings: Settings, o: SurveyOptions): SnapshotRecorder {
  return new SnapshotRecorder({
    publicUrl: settings.publicUrl,
    adminUrl: settings.adminUrl,
    stand: settings.targetIsStand,
    navbotVersion: o.version,
    secrets: [settings.adminPassword, settings.adminEmail, settings.secret, o.samplePassword ?? '', o.sample ?? ''],
  });
}

/** The survey, with a numbered screenshot per screen (and the recorder's visit, when there is one). */
function regionSurvey(settings: Settings, o: SurveyOptions, dir: string, kit: SnapshotRecorder | undefined): RegionSurvey {
  let n = 0;
  return new RegionSurvey({
    adminUrl: settings.adminUrl,
    publicUrl: settings.publicUrl,
    adminEmail: settings.adminEmail,
    adminPassword: settings.adminPassword,
    profile: settings.profileData,
    timeoutMs: settings.timeoutMs,
    ...(o.sample ? { sample: o.sample.trim() } : {}),
    ...(o.sample && o.samplePassword ? { samplePassword: o.samplePassword } : {}),
    shot: async (page: Page, name: string) => {
      const file = `${String(++n).padStart(2, '0')}-${name}.png`;
      await page.screenshot({ path: path.join(dir, file) });
      return file;
    },
    ...(kit ? { visit: (page: Page, name: string) => kit.visit(page, name) } : {}),
  });
}

/** The walk: the admin panel (and the issued certificate, if asked), then the public site; the browser closes after. */
async function walk(host: BrowserHost, settings: Settings, o: SurveyOptions, w: { survey: RegionSurvey; kit: SnapshotRecorder | undefined }): Promise<CertifiedFinding | undefined> {
  const { survey, kit } = w;
  let certified: CertifiedFinding | undefined;
  o.write('  админ-панель…\n');
  try {
    const admin = await host.newContext();
    survey.watch(admin);
    kit?.watch(admin);
    await survey.admin(await admin.newPage()).catch((e: unknown) => survey.failed('админ-панель', e));
    await kit?.learnCookies();
    if (o.sampleCertified) {
      o.write('  выданный сертификат (--sample-certified)…\n');
      const page = await admin.newPage();
      certified = await surveyCertified(page, {
        adminUrl: settings.adminUrl,
        adminEmail: settings.adminEmail,
        adminPassword: settings.adminPassword,
        // The panel as the survey just found it (menu, words, windows), not as the profile
        // assumed: on a region that differs, the profile alone cannot reach the sample.
        profile: adminAsSurveyed(settings, survey),
        timeoutMs: settings.timeoutMs,
        email: o.sampleCertified.trim(),
        ...(o.eventId ? { eventId: o.eventId.trim() } : {}),
      });
      await page.close().catch(() => undefined);
    }
    await admin.close().catch(() => undefined);
    o.write('  публичный сайт…\n');
    const site = await host.newContext();
    survey.watch(site, { scripts: true });
    kit?.watch(site);
    await survey.site(await site.newPage()).catch((e: unknown) => survey.failed('публичный сайт', e));
    await kit?.learnCookies();
    await site.close().catch(() => undefined);
  } finally {
    await host.close();
  }
  return certified;
}

/** survey.json's content. */
function surveyRecord(
  settings: Settings,
  o: SurveyOptions,
  r: { startedAt: Date; exitCode: number; pace: ReturnType<typeof buildChecks>['pace']; checks: SurveyCheck[]; findings: RegionSurvey['findings'] },
) {
  return {
    version: 1,
    startedAt: r.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    target: {
      publicUrl: settings.publicUrl,
      adminUrl: settings.adminUrl,
      adminEmail: settings.adminEmail,
      profile: settings.profile ? path.resolve(settings.profile) : null,
      stand: settings.targetIsStand,
    },
    sample: o.sample ?? null,
    sampleCertified: o.sampleCertified ?? null,
    ready: r.exitCode === CODE.ok,
    exitCode: r.exitCode,
    pace: r.pace,
    differences: differencesList(r.checks),
    checks: r.checks,
    findings: r.findings,
    screenshots: r.findings.screenshots,
    suggestedProfile: 'profile.suggested.json',
  };
}

/** --snapshot: region-snapshot.zip; asked and not on disk, the survey's outcome says so (survey.json too), not only a line. */
async function writeSnapshot(
  kit: SnapshotRecorder,
  dir: string,
  o: SurveyOptions,
  record: ReturnType<typeof surveyRecord>,
): Promise<{ exitCode: number; snapshot: string | undefined }> {
  let { exitCode } = record;
  const file = path.join(dir, SNAPSHOT_FILE);
  let snapshot: string | undefined;
  try {
    const manifest = await kit.write(file, { findings: record.findings, checks: record.checks, exitCode });
    snapshot = file;
    o.write(`  Снимок региона для разработчиков: ${file} (экранов: ${manifest.screens.length}; без персональных данных)\n`);
  } catch (e) {
    o.write(`  ✗ снимок региона не записан: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
  }
  const code = withSnapshot(exitCode, true, snapshot !== undefined && existsSync(file));
  if (code !== exitCode) {
    exitCode = code;
    snapshot = undefined;
    record.ready = false;
    record.exitCode = exitCode;
    writeFileSync(path.join(dir, 'survey.json'), `${JSON.stringify({ ...record, snapshotError: 'снимок региона (--snapshot) не записан' }, null, 2)}\n`);
  }
  return { exitCode, snapshot };
}
