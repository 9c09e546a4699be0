// A read-only view of a queue's journal for the report. Journal.open would create a missing file
// and cut a torn last line; a report may be built while a run is still appending (its last line
// half-written at that moment), so the report only reads and never touches the file.
import fs from 'node:fs';
import path from 'node:path';
import { inScope, type Entry, type LedgerScope } from '../journal/entry.js';
import { parseJournal } from '../journal/file.js';
import type { JournalReader } from './model.js';

export class JournalView implements JournalReader {
  private readonly byKey = new Map<string, Entry[]>();

  private constructor(
    readonly entries: readonly Entry[],
    readonly warnings: readonly string[],
  ) {
    for (const e of entries) {
      let list = this.byKey.get(e.key);
      if (!list) this.byKey.set(e.key, (list = []));
      list.push(e);
    }
  }

  /**
   * `<stateDir>/<queueId>.jsonl`, or an empty view when there is none (nothing done yet): the
   * entries of one flow (`scope`), or the unnamed ones without it.
   */
  static read(stateDir: string, queueId: string, scope?: LedgerScope): JournalView {
    const file = path.join(stateDir, `${queueId}.jsonl`);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new JournalView([], []);
      throw e;
    }
    const parsed = parseJournal(buf, path.basename(file));
    return new JournalView(
      parsed.entries.filter((e) => inScope(e, scope)),
      parsed.warnings,
    );
  }

  entriesFor(key: string): readonly Entry[] {
    return this.byKey.get(key) ?? [];
  }
}
