// The journal: a durable, append-only record of each row's progress (DESIGN.md, journal).
// One JSONL file per name; navbot opens one per target, `<stateDir>/ledger/<targetId>.jsonl`
// (target.ts): the ledger of a Navigator across all queues, keyed by row key, with each key's
// binding (what it sent, from which queue) and the claims it earned. Every append is written and fsynced
// before it returns, so an intent is on disk before the irreversible act it announces and a done
// is on disk before the runner moves on. On open the whole file is read and indexed by row key,
// so resume needs no further reads (10,000 entries take tens of milliseconds).
// One process writes a ledger at a time: the batch holds the target's lock (lock.ts).
// A ledger holds the rows of every flow run against its target; a Journal opened with a flow's
// scope sees and writes only that flow's rows (its entries carry the flow's name), so two flows
// on one queue never read each other's progress as their own.
import fs from 'node:fs';
import path from 'node:path';
import { assertSafeFacts, entrySchema, inScope, ROW_STEP, type Binding, type Entry, type EntryError, type EntryInput, type Facts, type LedgerScope } from './entry.js';
import { fsyncDirectory, parseJournal, writeDurably } from './file.js';
import { assertQueueId, newRunId } from './queue-id.js';
import { EMPTY_ROW_STATE, replayRow, type RowState } from './row-state.js';
import { StopRunError } from '../core/errors.js';

export interface JournalOptions {
  /** The run that writes; defaults to a new run id. */
  runId?: string;
  /** Receives warnings about skipped lines (Russian); they are also kept in `warnings`. */
  warn?: (message: string) => void;
  /** Applied to error texts before they are written (the run's redactor). */
  redact?: (text: string) => string;
  /**
   * The flow whose rows this journal reads and writes. Without it, only unnamed entries are read
   * and entries are written unnamed (a ledger as navbot kept it before flows had names).
   */
  scope?: LedgerScope;
  /**
   * A read-only flow's journal (the audit): the ledger is read if it exists, never created, cut or
   * written — a survey of a new Navigator leaves no empty ledger behind. `append` throws.
   */
  readOnly?: boolean;
}

export interface ResumePoint {
  /** The first step not verified done. */
  readonly step: string;
  /** The step was announced (intent) and never confirmed: probe before acting again. */
  readonly hadIntent: boolean;
}

/**
 * The journal could not be written (a full disk, a removed drive). The entry is not on disk and the
 * file was cut back to its last whole entry; the run must stop (exit 3) — nothing may be done
 * that the journal cannot announce.
 */
export class JournalWriteError extends StopRunError {
  override name = 'JournalWriteError';
}

export class Journal {
  readonly runId: string;
  readonly warnings: readonly string[];
  private readonly all: Entry[];
  private readonly byKey = new Map<string, Entry[]>();
  private readonly states = new Map<string, RowState>();
  private fd: number | undefined;
  /** Bytes of whole entries on disk: a failed append is cut back to it. */
  private goodLength: number;
  /** Set by a failed write: every later append fails the same way. */
  private broken: JournalWriteError | undefined;

  private constructor(
    readonly file: string,
    readonly queueId: string,
    fd: number | undefined,
    entries: Entry[],
    warnings: string[],
    private readonly options: JournalOptions,
  ) {
    this.fd = fd;
    this.all = entries;
    this.warnings = warnings;
    this.runId = options.runId ?? newRunId();
    this.goodLength = fd === undefined ? 0 : fs.fstatSync(fd).size;
    for (const e of entries) this.index(e);
  }

  /** The flow whose rows this journal holds (undefined: the unnamed ones). */
  get scope(): LedgerScope | undefined {
    return this.options.scope;
  }

  /** Opens (creating if needed) the journal of a queue; a torn last line is cut off before appending. */
  static open(dir: string, queueId: string, options: JournalOptions = {}): Journal {
    assertQueueId(queueId);
    const file = path.join(dir, `${queueId}.jsonl`);
    if (options.readOnly) {
      const parsed = fs.existsSync(file) ? parseJournal(fs.readFileSync(file), path.basename(file)) : undefined;
      const warnings = parsed?.warnings ?? [];
      for (const w of warnings) options.warn?.(w);
      return new Journal(file, queueId, undefined, parsed?.entries ?? [], warnings, options);
    }
    fs.mkdirSync(dir, { recursive: true });
    const existed = fs.existsSync(file);
    const parsed = existed ? parseJournal(fs.readFileSync(file), path.basename(file)) : undefined;
    if (parsed?.tornTail !== undefined) {
      // Cut the torn fragment so the next entry starts on a clean line. It carried nothing that
      // completed: an append returns only after its whole line is fsynced.
      const fdTrunc = fs.openSync(file, 'r+');
      try {
        fs.ftruncateSync(fdTrunc, parsed.validLength);
        fs.fsyncSync(fdTrunc);
      } finally {
        fs.closeSync(fdTrunc);
      }
    }
    const fd = fs.openSync(file, 'a');
    if (!existed) fsyncDirectory(dir);
    if (parsed?.needsNewline) writeDurably(fd, '\n');
    const warnings = parsed?.warnings ?? [];
    for (const w of warnings) options.warn?.(w);
    return new Journal(file, queueId, fd, parsed?.entries ?? [], warnings, options);
  }

  /** Writes one entry durably (write + fsync) and indexes it. Throws if facts look unsafe. */
  append(input: EntryInput): Entry {
    if (this.options.readOnly) throw new Error(`Журнал ${this.file} открыт только для чтения: процедура только читает Навигатор`);
    if (this.fd === undefined) throw new Error(`Журнал ${this.file} уже закрыт`);
    // After a failed write nothing more is appended in this process: where truncating is refused
    // (Windows append handles), a later entry would glue onto the torn one and be lost.
    if (this.broken) throw this.broken;
    const flow = this.options.scope?.flow;
    if (input.flow !== undefined && input.flow !== flow) throw new Error(`Журнал процедуры «${flow ?? '—'}»: запись процедуры «${input.flow}» не принимается`);
    assertSafeFacts(input.facts);
    const redact = this.options.redact ?? ((s: string) => s);
    for (const [name, value] of Object.entries(input.facts ?? {})) {
      if (typeof value === 'string' && redact(value) !== value) throw new Error(`Журнал: факт «${name}» содержит секрет и не записан.`);
    }
    const error = input.error && {
      kind: input.error.kind,
      reason: redact(input.error.reason),
      ...(input.error.action !== undefined ? { action: redact(input.error.action) } : {}),
    };
    const entry = entrySchema.parse({
      at: input.at ?? new Date().toISOString(),
      run: input.run ?? this.runId,
      key: input.key,
      ...(flow !== undefined ? { flow } : {}),
      step: input.step,
      kind: input.kind,
      ...(input.attempt !== undefined ? { attempt: input.attempt } : {}),
      ...(input.facts !== undefined ? { facts: input.facts } : {}),
      ...(error ? { error } : {}),
      ...(input.bind ? { bind: input.bind } : {}),
    }) as Entry;
    try {
      writeDurably(this.fd, `${JSON.stringify(entry)}\n`);
    } catch (e) {
      this.cutBack();
      const code = (e as NodeJS.ErrnoException).code;
      throw (this.broken = new JournalWriteError(
        `Не удалось записать журнал ${this.file}${code === 'ENOSPC' ? ': на диске нет места' : code ? ` (${code})` : ''}. Прогон остановлен, чтобы не сделать ничего, что не записано. ` +
          'Освободите место на диске (или проверьте папку NAVBOT_STATE_DIR) и запустите снова: navbot продолжит с того же места.',
        { cause: e },
      ));
    }
    this.goodLength += Buffer.byteLength(`${JSON.stringify(entry)}\n`, 'utf8');
    this.all.push(entry);
    this.index(entry);
    return entry;
  }

  /** Before an irreversible act: after this returns, a crash leaves "maybe done; probe first". */
  recordIntent(key: string, step: string, attempt: number): Entry {
    return this.append({ key, step, kind: 'intent', attempt });
  }

  /** After verify confirmed the step, with the facts it found (ids and numbers only). */
  recordDone(key: string, step: string, facts: Facts = {}): Entry {
    return this.append({ key, step, kind: 'done', facts });
  }

  /** The row failed for this run at `step`; `error` says why and what staff should do. */
  recordFailed(key: string, step: string, error: EntryError, attempt?: number): Entry {
    return this.append({ key, step, kind: 'failed', error, ...(attempt !== undefined ? { attempt } : {}) });
  }

  /** An attempt failed with a system fault and will be retried (a note; the row stays pending). */
  recordRetry(key: string, step: string, attempt: number, error: EntryError): Entry {
    return this.append({ key, step, kind: 'note', attempt, error });
  }

  /** Every step verified: the row is issued. Write it when firstUnfinished() is undefined. */
  recordIssued(key: string, facts: Facts = {}): Entry {
    return this.append({ key, step: ROW_STEP, kind: 'done', facts });
  }

  /** The row is deliberately not processed; `reason`/`action` are for staff (Russian). */
  recordSkipped(key: string, reason: string, action?: string): Entry {
    return this.append({ key, step: ROW_STEP, kind: 'skipped', error: { kind: 'business', reason, ...(action ? { action } : {}) } });
  }

  /** Records what the row sends and where it comes from (see Binding). */
  recordBinding(key: string, bind: Binding): Entry {
    return this.append({ key, step: ROW_STEP, kind: 'bind', bind });
  }

  /** This flow's entries, in order. */
  entries(): readonly Entry[] {
    return this.all.filter((e) => inScope(e, this.options.scope));
  }

  /** Another flow's entries of the same ledger (read-only: e.g. an audit reading what a flow sent). */
  entriesOf(scope: LedgerScope): readonly Entry[] {
    return this.all.filter((e) => inScope(e, scope));
  }

  entriesFor(key: string): readonly Entry[] {
    return this.byKey.get(key) ?? [];
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  rowState(key: string): RowState {
    const cached = this.states.get(key);
    if (cached) return cached;
    const list = this.byKey.get(key);
    if (!list) return EMPTY_ROW_STATE;
    const state = replayRow(list);
    this.states.set(key, state);
    return state;
  }

  /** The first of `steps` not verified done, or undefined when all are done. */
  firstUnfinished(key: string, steps: readonly string[]): string | undefined {
    const { done } = this.rowState(key);
    return steps.find((s) => !done.has(s));
  }

  /** Like firstUnfinished, and says whether that step's act may already have happened. */
  resumePoint(key: string, steps: readonly string[]): ResumePoint | undefined {
    const step = this.firstUnfinished(key, steps);
    return step === undefined ? undefined : { step, hadIntent: this.rowState(key).intents.has(step) };
  }

  /** After a failed write: the torn fragment is removed so the next entry never glues onto it. */
  private cutBack(): void {
    if (this.fd === undefined) return;
    try {
      fs.ftruncateSync(this.fd, this.goodLength);
      fs.fsyncSync(this.fd);
    } catch {
      // If even that fails, the next open cuts the torn last line (file.ts).
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private index(e: Entry): void {
    if (!inScope(e, this.options.scope)) return;
    let list = this.byKey.get(e.key);
    if (!list) this.byKey.set(e.key, (list = []));
    list.push(e);
    this.states.delete(e.key);
  }
}
