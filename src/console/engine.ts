// The console's one seam to the engine the CLI drives: the settings as the CLI reads them, the
// queue check (`validate`), the template, the batch (`run`, in this process) and the target's lock.
// Everything the console calls of cli/, intake/, journal/ and runner/ for these passes here, so a
// rename there is an edit of this file only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { loadSettings, SettingsError, type SettingName, type Settings } from '../config/settings.js';
import { createRedactor, type Redactor } from '../core/redact.js';
import type { RunEvent } from '../core/events.js';
import { consoleSecrets } from './secrets.js';
import { maskConsoleWith } from '../cli/console-gate.js';
import { executeBatch, type BatchResult } from '../cli/batch.js';
import { CliExit, EXIT } from '../cli/exit-codes.js';
import { flowFor } from '../cli/flow-option.js';
import { notifyRun, runFolders, startedRunDir } from '../cli/notify.js';
import { onTrainingStand } from '../cli/training-stand.js';
import { phaseIntro } from '../cli/phase-lines.js';
import { phaseStep } from '../runner/phase.js';
import { intakeOptions } from '../cli/intake-options.js';
import { validationJson } from '../cli/commands/validate.js';
import { FLOWS, type FlowPlugin } from '../../flows/index.js';
import { readQueue, IntakeFileError, writeTemplate, type CellProblem } from '../intake/index.js';
import { ledgerDir, targetFor } from '../journal/target.js';
import { liveHolder } from '../journal/lock.js';

export type { Settings, RunEvent, FlowPlugin };

/** The flows a person can pick, with their Russian titles. */
export function flowChoices(): Array<{ name: string; title: string }> {
  return FLOWS.map((f) => ({ name: f.name, title: f.title }));
}

/** A flow by name; an unknown name is a Russian message (CliExit's). */
export function flowNamed(name: string | undefined): FlowPlugin {
  return flowFor(name);
}

/**
 * The settings as a CLI command started now in the project folder would read them: the
 * environment navbot was started with, then `.env` (read afresh each time, so the setup form's
 * file counts at once), then the overrides. A wrong setting throws an Error with the Russian message.
 */
export class ConsoleEnv {
  /** The environment navbot was started with (it wins over .env, as dotenv does). */
  readonly base: Readonly<Record<string, string | undefined>>;

  private cached?: { key: string; redactor: Redactor };

  constructor(
    readonly dir: string,
    base: Record<string, string | undefined> = process.env,
  ) {
    this.base = { ...base };
    // One mask for the console window for the server's life, always with the current .env's secrets.
    maskConsoleWith({ text: (s) => this.redactor().text(s) });
  }

  get envFile(): string {
    return path.join(this.dir, '.env');
  }

  values(): Record<string, string | undefined> {
    let file: Record<string, string> = {};
    try {
      file = parseDotenv(fs.readFileSync(this.envFile));
    } catch {
      // no .env: the defaults (the training stand)
    }
    return { ...file, ...Object.fromEntries(Object.entries(this.base).filter(([, v]) => v !== undefined)) };
  }

  settings(overrides: Partial<Record<SettingName, unknown>> = {}): Settings {
    try {
      return loadSettings(this.values(), overrides);
    } catch (e) {
      if (e instanceof SettingsError) throw new Error(e.message);
      throw e;
    }
  }

  /** A mask of every secret the settings hold (whatever parses of them), for every answer the console gives. */
  redactor(): Redactor {
    const v = this.values();
    const secrets = consoleSecrets(v);
    const key = JSON.stringify(secrets);
    if (this.cached?.key !== key) this.cached = { key, redactor: createRedactor(secrets) };
    return this.cached.redactor;
  }
}

export interface QueueCheck {
  valid: boolean;
  checked: number;
  ready: number;
  invalid: number;
  /** Every finding, as `validate` prints it: row, column, header, value, what is wrong, how to fix. */
  problems: CellProblem[];
  warnings: string[];
  keys: string[];
  /** The file could not be read at all (too big, not a workbook, …): the reason. */
  fileError?: string;
}

/** `navbot validate`'s findings for a file. */
export async function checkQueue(file: string, flow: FlowPlugin, settings: Settings): Promise<QueueCheck> {
  try {
    const r = validationJson(await readQueue(file, intakeOptions(settings, flow.columns)));
    return {
      valid: r.valid,
      checked: r.checked,
      ready: r.ready,
      invalid: r.invalid,
      problems: r.problems,
      warnings: r.warnings.map((w) => w.message),
      keys: r.rows.map((row) => row.key),
    };
  } catch (e) {
    if (e instanceof IntakeFileError) return { valid: false, checked: 0, ready: 0, invalid: 0, problems: [], warnings: [], keys: [], fileError: e.message };
    throw e;
  }
}

/** `navbot template`'s workbook for a flow, written to `file` (replaced). */
export async function templateFile(file: string, flow: FlowPlugin, settings: Settings): Promise<void> {
  await writeTemplate(file, intakeOptions(settings, flow.columns), { force: true });
}

export interface BatchStart {
  file: string;
  flow: FlowPlugin;
  settings: Settings;
  mode: 'run' | 'dry-run' | 'rehearsal';
  only?: string[];
  /** For a rehearsal: the settings with overrides (they then point at the training stand). */
  settingsWith?: (overrides: Partial<Record<SettingName, unknown>>) => Settings;
  /** The attended day phase (`run --until register`): each row ends after that step. */
  until?: string;
  signal: AbortSignal;
  onEvent: (e: RunEvent) => void;
  out: (line: string) => void;
}

export type BatchEnd = { ok: true; result: BatchResult } | { ok: false; exitCode: number; message: string };

/**
 * The CLI's batch (`navbot run`), in this process; a refusal before the start is a Russian message
 * and its exit code. As after `navbot run`, the morning summary is e-mailed when it is set up.
 */
export async function runBatch(o: BatchStart): Promise<BatchEnd> {
  if (o.mode === 'rehearsal') {
    // «Репетиция на стенде»: `navbot rehearse`'s stand, started for this run and stopped after it.
    const settingsWith = o.settingsWith ?? ((overrides) => ({ ...o.settings, ...overrides }) as Settings);
    return onTrainingStand({ base: o.settings, settingsWith, mode: 'rehearsal', concurrency: o.settings.concurrency }, (settings) => batch({ ...o, settings }));
  }
  const before = runFolders(o.settings.reportsDir);
  const end = await batch(o);
  if (o.mode === 'run') {
    const runDir = end.ok ? end.result.runDir : startedRunDir(o.settings.reportsDir, before, o.file);
    await notifyRun({
      settings: o.settings,
      file: o.file,
      exitCode: end.ok ? end.result.exitCode : end.exitCode,
      ...(runDir ? { runDir } : {}),
      ...(end.ok ? {} : { failure: end.message.split('\n')[0]! }),
      out: o.out,
      err: o.out,
    });
  }
  return end;
}

async function batch(o: BatchStart): Promise<BatchEnd> {
  try {
    const result = await executeBatch({
      file: o.file,
      settings: o.settings,
      flow: o.flow,
      mode: o.mode,
      ...(o.only?.length ? { only: o.only } : {}),
      skipInvalid: o.mode === 'rehearsal',
      out: o.out,
      ...(o.until !== undefined ? { until: o.until } : {}),
      signal: o.signal,
      onEvent: o.onEvent,
    });
    return { ok: true, result };
  } catch (e) {
    if (e instanceof CliExit) return { ok: false, exitCode: e.code, message: e.message };
    return { ok: false, exitCode: EXIT.rowsFailed, message: `Непредвиденная ошибка: ${(e as Error)?.message ?? String(e)}` };
  }
}

export interface TargetHolder {
  pid: number;
  startedAt: string;
  label: string;
}

/**
 * Another navbot holds this Navigator's lock (a scheduled CLI run): who, since when. Read-only and
 * judged by journal/lock.ts itself (liveHolder), so the console refuses exactly when the CLI would:
 * a pid from before a reboot or reused since holds nothing; a run on another computer does. The
 * console's own batch (this process) is not «another».
 */
export function lockHolder(settings: Settings): TargetHolder | undefined {
  const target = targetFor(settings.publicUrl, settings.adminUrl);
  const info = liveHolder(path.join(ledgerDir(path.resolve(settings.stateDir)), `${target.id}.lock`));
  if (!info || (info.pid === process.pid && info.host === os.hostname())) return undefined;
  return { pid: info.pid, startedAt: info.startedAt, label: info.host === os.hostname() ? target.label : `${target.label}, компьютер ${info.host}` };
}

/** The Navigator a run would go to, as staff read it. */
export function targetLabel(settings: Settings): string {
  return `${settings.targetIsStand ? 'учебный стенд' : 'Навигатор'} ${targetFor(settings.publicUrl, settings.adminUrl).label}`;
}

/** The captcha's day phase: its step (the flow's `register`) and what `navbot run --until` says first. */
export function dayPhase(flow: FlowPlugin, settings: Settings): { step: string; intro: string[] } | { problem: string } {
  const found = phaseStep(flow, 'register');
  if ('problem' in found) return found;
  return { step: found.step, intro: phaseIntro(flow, found.step, settings) };
}
