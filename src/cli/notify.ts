// Sends the morning summary (src/report/summary-mail.ts) after `navbot run`, when both
// NAVBOT_NOTIFY_TO and NAVBOT_SMTP_URL are set. Sending never changes the run's exit code: a
// failure is said on stderr (which a scheduled run keeps in its log) and written to the run's
// navbot.log.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Settings } from '../config/settings.js';
import { isLoopbackHost } from '../config/loopback.js';
import { hasRunMeta, loadModel, readRunMeta } from '../report/index.js';
import type { ReportModel } from '../report/model.js';
import { buildSummaryMail } from '../report/summary-mail.js';
import { createLogger } from '../core/logger.js';
import { createRedactor, type Redactor } from '../core/redact.js';
import { VERSION } from './version.js';
import { legacyReport } from './flow-option.js';
import { targetSecrets } from '../navigator/targets.js';

export type NotifyOutcome = 'off' | 'sent' | 'failed';

export interface NotifyInput {
  /** Every target's secrets among them are masked in what is sent (navigator/targets.ts). */
  settings: Pick<Settings, 'notifyTo' | 'smtpUrl' | 'secret'> & Partial<Settings>;
  /** The queue file as given to `navbot run`. */
  file: string;
  exitCode: number;
  /** The run's folder; absent when the run ended before it started. */
  runDir?: string;
  /** The message navbot ended with, if any (a CliExit's text). */
  failure?: string;
  /** Lines for the person at the console: a sent summary on stdout, a failure on stderr. */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as const;

/** Addresses of NAVBOT_NOTIFY_TO (comma- or semicolon-separated). */
export function recipients(notifyTo: string): string[] {
  return notifyTo
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/**
 * nodemailer's SMTP options from NAVBOT_SMTP_URL: smtp:// (STARTTLS required — a server without
 * it would get the password in clear — except to this computer itself) or smtps:// (TLS from the
 * start); TLS 1.2 at least; login and password percent-encoded in the URL; `?from=`
 * names the sender (default: the login when it is an address, else the first recipient).
 */
export function smtpOptions(url: string, to: readonly string[]): { transport: SMTPTransport.Options; from: string; password: string } {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const from = u.searchParams.get('from') ?? (user.includes('@') ? user : to[0]!);
  return {
    transport: {
      host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      // Plain SMTP only to a relay on this computer; anywhere else STARTTLS or no mail.
      requireTLS: !secure && !isLoopbackHost(u.hostname),
      tls: { minVersion: 'TLSv1.2' },
      ...(user ? { auth: { user, pass: password } } : {}),
      ...SMTP_TIMEOUTS,
    },
    from,
    password,
  };
}

/** Names of the run folders under `reportsDir` (folders with run.json). */
export function runFolders(reportsDir: string): Set<string> {
  try {
    return new Set(readdirSync(reportsDir).filter((n) => hasRunMeta(path.join(reportsDir, n))));
  } catch {
    return new Set();
  }
}

/**
 * The run folder this `navbot run` created, found after executeBatch threw: the newest folder
 * that was not there before and whose run.json names the same queue file.
 */
export function startedRunDir(reportsDir: string, before: ReadonlySet<string>, file: string): string | undefined {
  const queue = path.resolve(file);
  const fresh = [...runFolders(reportsDir)].filter((n) => !before.has(n)).sort().reverse();
  for (const name of fresh) {
    const dir = path.resolve(reportsDir, name);
    try {
      if (readRunMeta(dir).queueFile === queue) return dir;
    } catch {
      // Another folder being written right now: not ours.
    }
  }
  return undefined;
}

async function logToRun(runDir: string | undefined, redactor: Redactor, level: 'info' | 'warn', message: string, data: Record<string, unknown>): Promise<void> {
  if (!runDir) return;
  try {
    const logger = createLogger({ runDir, console: false, redactor, level: 'info' });
    logger.child({ part: 'cli' })[level](message, data);
    await logger.close();
  } catch {
    // The console line is already out; a log that cannot be written must not end navbot.
  }
}

export async function notifyRun(input: NotifyInput): Promise<NotifyOutcome> {
  const { settings } = input;
  const out = input.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = input.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!settings.notifyTo && !settings.smtpUrl) return 'off';
  const smtpPassword = settings.smtpUrl ? smtpOptions(settings.smtpUrl, ['x@x']).password : undefined;
  const redactor = createRedactor([settings.secret, ...targetSecrets(settings), smtpPassword]);
  if (!settings.notifyTo || !settings.smtpUrl) {
    const missing = settings.notifyTo ? 'NAVBOT_SMTP_URL (почтовый сервер)' : 'NAVBOT_NOTIFY_TO (кому писать)';
    const line = `Сводка по почте не отправлена: в .env не задан ${missing}. Для сводки нужны оба параметра.`;
    err(line);
    await logToRun(input.runDir, redactor, 'warn', line, {});
    return 'failed';
  }
  const to = recipients(settings.notifyTo);
  let transporter: Transporter<SMTPTransport.SentMessageInfo> | undefined;
  try {
    let model: ReportModel | undefined;
    if (input.runDir) model = loadModel(input.runDir, legacyReport());
    const mail = await buildSummaryMail({
      ...(model ? { model } : {}),
      exitCode: input.exitCode,
      queueFile: input.file,
      ...(input.runDir ? { runDir: input.runDir } : {}),
      ...(input.failure ? { failure: input.failure } : {}),
      redact: redactor,
      version: VERSION,
    });
    const smtp = smtpOptions(settings.smtpUrl, to);
    transporter = nodemailer.createTransport(smtp.transport);
    await transporter.sendMail({ from: { name: 'navbot', address: smtp.from }, to, subject: mail.subject, text: mail.text, attachments: mail.attachments });
    const line = `Сводка отправлена: ${to.join(', ')}.`;
    out(line);
    await logToRun(input.runDir, redactor, 'info', line, {});
    return 'sent';
  } catch (e) {
    const reason = redactor.text(((e as Error)?.message ?? String(e)).split('\n')[0]!);
    const line = `Сводка по почте не отправлена (${to.join(', ')}): ${reason}. Результат прогона от этого не меняется; проверьте NAVBOT_SMTP_URL и доступ к почтовому серверу.`;
    err(line);
    await logToRun(input.runDir, redactor, 'warn', line, { code: (e as NodeJS.ErrnoException)?.code });
    return 'failed';
  } finally {
    transporter?.close();
  }
}
