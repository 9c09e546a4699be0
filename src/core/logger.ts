// navbot's log: winston with one redacting format in front of both transports, so neither the
// console nor `<runDir>/navbot.log` can see a secret. The console gets short coloured Russian
// lines; the file gets JSON lines with everything. Each part logs through a child logger with
// its context (`part`, `rowKey`, `step`). A retry is a warning without a stack; a row's final
// failure is one error with its stack.
import fs from 'node:fs';
import path from 'node:path';
import winston from 'winston';
import { isSecretName, MASK, type Redactor } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogPart = 'cli' | 'runner' | 'journal' | 'flow' | 'navigator' | 'browser' | 'report' | 'intake';

export interface LogContext {
  part?: LogPart | (string & {});
  rowKey?: string;
  step?: string;
  attempt?: number;
  [field: string]: unknown;
}

export type LogData = Record<string, unknown>;

export interface Logger {
  debug(message: string, data?: LogData): void;
  info(message: string, data?: LogData): void;
  warn(message: string, data?: LogData): void;
  /**
   * A final failure: one error entry, with the error's stack. `error(message, err, data)`; a plain
   * object in second place is taken as data (`error(message, data)`), as winston users expect.
   */
  error(message: string, error?: unknown, data?: LogData): void;
  /** An attempt failed and will be retried: a warning with the reason, no stack. */
  retry(message: string, error: unknown, data?: LogData): void;
  child(context: LogContext): Logger;
  /** Flushes and closes the file; call once at the end of the run. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** The run's report folder; the file log goes to `<runDir>/navbot.log`. No file when absent. */
  runDir?: string;
  level?: LogLevel;
  /** Log to the console (stderr, so stdout stays free for results and the progress bar). */
  console: boolean;
  redactor: Redactor;
  /** Where console lines go; defaults to process.stderr. */
  stream?: NodeJS.WritableStream;
  /** Colour the console; defaults to whether the stream is a terminal. */
  color?: boolean;
}

export const LOG_FILE = 'navbot.log';

const LABELS: Record<string, string> = { debug: 'отладка', info: 'инфо', warn: 'внимание', error: 'ОШИБКА' };
const CONSOLE_SKIP = new Set(['level', 'message', 'timestamp', 'part', 'rowKey', 'step', 'attempt', 'reason', 'error']);

function describeError(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'Error', message: String(error) };
}

function isPlainObject(v: unknown): v is LogData {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function firstLine(error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  return m.split('\n')[0] ?? '';
}

/** The one format every entry passes before any transport. Mutates winston's info in place (its symbols must survive). */
function redactFormat(redactor: Redactor) {
  return winston.format((info) => {
    const record = info as unknown as Record<PropertyKey, unknown>;
    for (const k of Reflect.ownKeys(record)) {
      if (k === 'level' || k === Symbol.for('level')) continue;
      const v = record[k];
      record[k] = typeof k === 'string' && isSecretName(k) && v != null ? MASK : redactor(v);
    }
    return info;
  })();
}

function consoleFormat(color: boolean) {
  const colorizer = winston.format.colorize();
  return winston.format.printf((info) => {
    const i = info as Record<string, unknown>;
    const time = typeof i.timestamp === 'string' ? i.timestamp.slice(11, 19) : '';
    const rawLabel = (LABELS[info.level] ?? info.level).padEnd(8);
    const label = color ? colorizer.colorize(info.level, rawLabel) : rawLabel;
    const where = [i.part, i.rowKey !== undefined ? `строка ${String(i.rowKey)}` : undefined, i.step]
      .filter((x) => x !== undefined && x !== '')
      .join(' · ');
    let line = `${time} ${label} ${where ? `[${where}] ` : ''}${String(i.message)}`;
    if (i.attempt !== undefined) line += ` (попытка ${String(i.attempt)})`;
    if (i.reason !== undefined) line += ` — ${String(i.reason)}`;
    const extras = Object.keys(i)
      .filter((k) => !CONSOLE_SKIP.has(k) && i[k] !== undefined)
      .map((k) => `${k}=${typeof i[k] === 'object' ? JSON.stringify(i[k]) : String(i[k])}`);
    if (extras.length) line += ` (${extras.join(', ')})`;
    const err = i.error as string | { message?: string; stack?: string } | undefined;
    if (typeof err === 'string') line += `\n${err}`;
    else if (err) line += `\n${err.stack ?? err.message ?? ''}`;
    return line;
  });
}

/**
 * Masks secrets at the call, not only in winston's format: a transform that runs later (a
 * buffered stream) would miss a row's password that the redactor has forgotten by then.
 */
class WinstonLogger implements Logger {
  constructor(
    private readonly w: winston.Logger,
    private readonly root: { close(): Promise<void> },
    private readonly r: Redactor,
  ) {}
  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string, meta: Record<string, unknown>): void {
    this.w.log(level, this.r.text(message), this.r(meta));
  }
  debug(message: string, data?: LogData): void {
    this.log('debug', message, { ...data });
  }
  info(message: string, data?: LogData): void {
    this.log('info', message, { ...data });
  }
  warn(message: string, data?: LogData): void {
    this.log('warn', message, { ...data });
  }
  error(message: string, error?: unknown, data?: LogData): void {
    if (data === undefined && isPlainObject(error)) {
      this.log('error', message, { ...error });
      return;
    }
    this.log('error', message, { ...data, ...(error !== undefined ? { error: describeError(error) } : {}) });
  }
  retry(message: string, error: unknown, data?: LogData): void {
    this.log('warn', message, { ...data, reason: firstLine(error) });
  }
  child(context: LogContext): Logger {
    return new WinstonLogger(this.w.child(context), this.root, this.r);
  }
  close(): Promise<void> {
    return this.root.close();
  }
}

export function createLogger(options: LoggerOptions): Logger {
  const transports: winston.transport[] = [];
  const stream = options.stream ?? process.stderr;
  if (options.console) {
    const color = options.color ?? (stream as { isTTY?: boolean }).isTTY === true;
    transports.push(new winston.transports.Stream({ stream, format: consoleFormat(color) }));
  }
  let file: winston.transport | undefined;
  if (options.runDir) {
    fs.mkdirSync(options.runDir, { recursive: true });
    file = new winston.transports.File({ filename: path.join(options.runDir, LOG_FILE), format: winston.format.json() });
    transports.push(file);
  }
  const w = winston.createLogger({
    level: options.level ?? 'info',
    format: winston.format.combine(winston.format.timestamp(), redactFormat(options.redactor)),
    transports,
    silent: transports.length === 0,
    exitOnError: false,
  });
  let closing: Promise<void> | undefined;
  const root = {
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        if (!file) {
          w.close();
          resolve();
          return;
        }
        file.once('finish', () => resolve());
        w.end();
      })),
  };
  return new WinstonLogger(w, root, options.redactor);
}

const noop = () => undefined;

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  const logger: Logger = {
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    retry: noop,
    child: () => logger,
    close: () => Promise.resolve(),
  };
  return logger;
}
