// The journal's bytes on disk: one JSON object per line, appended with write + fsync. A crash can
// leave at most the last line torn (a prefix of it written); reading skips such a line and the
// journal cuts it off before the next append, so it never glues onto a new entry. A bad line in
// the middle (edited by hand, disk damage) is skipped with a warning: the target's own state,
// read by each step's probe, stays the judge of what is done.
import fs from 'node:fs';
import { entrySchema, type Entry } from './entry.js';

export interface ParsedJournal {
  readonly entries: Entry[];
  readonly warnings: string[];
  /** Byte length of the valid part; the file is cut to it when the last line is torn. */
  readonly validLength: number;
  /** The last line is complete JSON but lacks its newline: add one before appending. */
  readonly needsNewline: boolean;
  /** The torn last line, when there was one (for the warning; it is never trusted). */
  readonly tornTail?: string;
}

const NEWLINE = 0x0a;

function parseLine(text: string): Entry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = entrySchema.safeParse(json);
  return parsed.success ? (parsed.data as Entry) : undefined;
}

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export function parseJournal(buf: Buffer, fileName: string): ParsedJournal {
  const entries: Entry[] = [];
  const warnings: string[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < buf.length) {
    const end = buf.indexOf(NEWLINE, start);
    lineNo++;
    if (end === -1) {
      // The final line has no newline: either a complete entry written without it, or torn.
      const text = buf.toString('utf8', start).trim();
      const entry = text ? parseLine(text) : undefined;
      if (entry) {
        entries.push(entry);
        return { entries, warnings, validLength: buf.length, needsNewline: true };
      }
      if (!text) return { entries, warnings, validLength: start, needsNewline: false };
      warnings.push(`${fileName}: последняя строка ${lineNo} оборвана (сбой при записи) и пропущена: ${preview(text)}`);
      return { entries, warnings, validLength: start, needsNewline: false, tornTail: text };
    }
    const text = buf.toString('utf8', start, end).trim();
    if (text) {
      const entry = parseLine(text);
      if (entry) entries.push(entry);
      else warnings.push(`${fileName}: строка ${lineNo} повреждена и пропущена: ${preview(text)}`);
    }
    start = end + 1;
  }
  return { entries, warnings, validLength: buf.length, needsNewline: false };
}

/** Writes every byte (writeSync may write fewer than asked) and forces them to disk. */
export function writeDurably(fd: number, data: string): void {
  const buf = Buffer.from(data, 'utf8');
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
  fs.fsyncSync(fd);
}

/** Makes a newly created file's directory entry durable; not possible on Windows, and harmless to skip there. */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open or fsync a directory; NTFS journals metadata itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
