// A ledger key is (flow, row key): two flows run on one queue against one target keep their rows
// apart, and a ledger written before flows had names is read as the flow that owns unnamed entries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/journal/journal.js';
import { ROW_STEP } from '../../../src/journal/entry.js';
import { JournalView } from '../../../src/report/journal-view.js';
import { readLedger } from '../../../src/report/ledger-xlsx.js';

const FIRST = { flow: 'first', unnamed: true } as const;
const SECOND = { flow: 'second', unnamed: false } as const;

describe('ledger keys carry the flow', () => {
  let dir: string;
  const file = () => path.join(dir, 'target-1.jsonl');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-flowkeys-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should keep two flows’ rows of one key apart, each written with its flow’s name', () => {
    const a = Journal.open(dir, 'target-1', { runId: 'r1', scope: FIRST });
    a.recordIntent('к-1', 'register', 1);
    a.recordDone('к-1', 'register', { userId: '5' });
    a.recordIssued('к-1', { certificateNumber: '55-1' });
    a.close();

    const b = Journal.open(dir, 'target-1', { runId: 'r2', scope: SECOND });
    // The first flow's finished row is not the second flow's: nothing is «already done» for it.
    expect(b.rowState('к-1').status).toBe('pending');
    expect(b.rowState('к-1').done.size).toBe(0);
    expect(b.keys()).toEqual([]);
    expect(b.entries()).toEqual([]);
    // …yet it may read what the other flow holds, read-only.
    expect(b.entriesOf(FIRST).map((e) => e.kind)).toEqual(['intent', 'done', 'done']);
    b.recordDone('к-1', 'look', { found: true });
    b.recordIssued('к-1', { found: true });
    b.close();

    const lines = fs.readFileSync(file(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { key: string; flow?: string });
    expect(lines.map((l) => [l.flow, l.key])).toEqual([
      ['first', 'к-1'],
      ['first', 'к-1'],
      ['first', 'к-1'],
      ['second', 'к-1'],
      ['second', 'к-1'],
    ]);

    const again = Journal.open(dir, 'target-1', { runId: 'r3', scope: FIRST });
    expect(again.rowState('к-1').issued?.facts).toEqual({ certificateNumber: '55-1' });
    expect(again.rowState('к-1').facts).toEqual({ userId: '5', certificateNumber: '55-1' });
    expect(again.entries()).toHaveLength(3);
    again.close();
  });

  it('should read entries written before flows had names as the owning flow’s, and no other’s', () => {
    // A ledger of an older navbot: no flow on any line.
    const old = Journal.open(dir, 'target-1', { runId: 'old' });
    old.recordIntent('к-1', 'register', 1);
    old.recordIssued('к-1', { certificateNumber: '55-9' });
    old.close();
    expect(fs.readFileSync(file(), 'utf8')).not.toContain('"flow"');

    const owner = Journal.open(dir, 'target-1', { scope: FIRST });
    expect(owner.rowState('к-1').status).toBe('issued');
    owner.recordIntent('к-2', 'register', 1);
    owner.close();
    const other = Journal.open(dir, 'target-1', { scope: SECOND });
    expect(other.rowState('к-1').status).toBe('pending');
    expect(other.keys()).toEqual([]);
    other.close();

    // The report's read-only view and the ledger export read them the same way.
    expect(JournalView.read(dir, 'target-1', FIRST).entriesFor('к-1')).toHaveLength(2);
    expect(JournalView.read(dir, 'target-1', FIRST).entriesFor('к-2')).toHaveLength(1);
    expect(JournalView.read(dir, 'target-1', SECOND).entriesFor('к-1')).toHaveLength(0);
    const { lines } = readLedger(file(), 'first');
    expect(lines.map((l) => [l.flow, l.key, l.state])).toEqual([
      ['first', 'к-1', 'Выдан'],
      ['first', 'к-2', 'Не завершён'],
    ]);
  });

  it('should give a key used by two flows one ledger line per flow', () => {
    const a = Journal.open(dir, 'target-1', { scope: FIRST });
    a.recordIssued('к-1', { certificateNumber: '55-1' });
    a.close();
    const b = Journal.open(dir, 'target-1', { scope: SECOND });
    b.append({ key: 'к-1', step: ROW_STEP, kind: 'failed', error: { kind: 'business', reason: 'нет' } });
    b.close();
    const { lines } = readLedger(file(), 'first');
    expect(lines.map((l) => [l.flow, l.state])).toEqual([
      ['first', 'Выдан'],
      ['second', 'Ошибка'],
    ]);
  });

  it('should refuse an entry named for another flow', () => {
    const a = Journal.open(dir, 'target-1', { scope: FIRST });
    expect(() => a.append({ key: 'к-1', flow: 'second', step: 'x', kind: 'intent', attempt: 1 })).toThrow(/процедуры «second»/);
    a.close();
  });
});
