import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Journal, JournalWriteError } from '../../../src/journal/journal.js';
import { StopRunError } from '../../../src/core/errors.js';
import { ROW_STEP } from '../../../src/journal/entry.js';
import { benchResume } from '../../bench/journal.js';

const STEPS = ['account', 'child', 'certificate'] as const;

describe('Journal', () => {
  let dir: string;
  const file = () => path.join(dir, 'q-1.jsonl');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-journal-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should open read-only without creating the ledger, its folder or anything in it, and refuse to write', () => {
    const fresh = path.join(dir, 'ledger');
    const ro = Journal.open(fresh, 'q-1', { readOnly: true });
    expect(ro.entries()).toEqual([]);
    expect(() => ro.append({ key: 'k', step: 'account', kind: 'intent', attempt: 1 })).toThrow(/только для чтения/);
    ro.close();
    expect(fs.existsSync(fresh)).toBe(false);
    // An existing ledger is read as it is; a torn last line is left for the next writer to cut.
    const j = Journal.open(dir, 'q-1', { runId: 'run-a' });
    j.recordIntent('k', 'account', 1);
    j.close();
    fs.appendFileSync(file(), '{"torn');
    const size = fs.statSync(file()).size;
    const again = Journal.open(dir, 'q-1', { readOnly: true });
    expect(again.entriesFor('k')).toHaveLength(1);
    again.close();
    expect(fs.statSync(file()).size).toBe(size);
  });

  it('should append entries as JSON lines and read them back after reopening', () => {
    const j = Journal.open(dir, 'q-1', { runId: 'run-a' });
    j.recordIntent('17', 'account', 1);
    j.recordDone('17', 'account', { userId: 501 });
    j.close();
    const lines = fs.readFileSync(file(), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ run: 'run-a', key: '17', step: 'account', kind: 'done', facts: { userId: 501 } });

    const again = Journal.open(dir, 'q-1', { runId: 'run-b' });
    expect(again.entries()).toHaveLength(2);
    expect(again.rowState('17').facts).toEqual({ userId: 501 });
    again.close();
  });

  it('should fsync every append before returning', () => {
    const fsync = vi.spyOn(fs, 'fsyncSync');
    const j = Journal.open(dir, 'q-1');
    const before = fsync.mock.calls.length;
    j.recordIntent('17', 'account', 1);
    expect(fsync.mock.calls.length).toBe(before + 1);
    j.recordDone('17', 'account', { userId: 1 });
    expect(fsync.mock.calls.length).toBe(before + 2);
    // The line is in the file already, before close.
    expect(fs.readFileSync(file(), 'utf8')).toContain('"kind":"done"');
    j.close();
  });

  it('should skip a torn last line and cut it off so the next entry starts on a clean line', () => {
    const j = Journal.open(dir, 'q-1');
    j.recordIntent('17', 'account', 1);
    j.recordDone('17', 'account', { userId: 501 });
    j.close();
    fs.appendFileSync(file(), '{"at":"2025-05-17T10:00:00.000Z","run":"r","key":"17","step":"ch');
    const warn = vi.fn();
    const j2 = Journal.open(dir, 'q-1', { warn });
    expect(j2.entries()).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/оборвана/);
    j2.recordIntent('17', 'child', 1);
    j2.close();
    const lines = fs.readFileSync(file(), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    const j3 = Journal.open(dir, 'q-1');
    expect(j3.warnings).toEqual([]);
    expect(j3.resumePoint('17', STEPS)).toEqual({ step: 'child', hadIntent: true });
    j3.close();
  });

  it('should keep a complete last entry that lacks its newline', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file(), JSON.stringify({ at: 'x', run: 'r', key: '17', step: 'account', kind: 'done', facts: { userId: 1 } }));
    const j = Journal.open(dir, 'q-1');
    expect(j.rowState('17').done.has('account')).toBe(true);
    j.recordIntent('17', 'child', 1);
    j.close();
    expect(fs.readFileSync(file(), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('should warn about and skip a garbage line in the middle', () => {
    const j = Journal.open(dir, 'q-1');
    j.recordDone('17', 'account', { userId: 1 });
    j.close();
    fs.appendFileSync(file(), 'это не JSON\n{"valid":"json","but":"not an entry"}\n');
    const j2 = Journal.open(dir, 'q-1');
    j2.recordDone('17', 'child', { childId: 2 });
    j2.close();
    const warn = vi.fn();
    const j3 = Journal.open(dir, 'q-1', { warn });
    expect(j3.entries()).toHaveLength(2);
    expect(j3.warnings).toHaveLength(2);
    expect(j3.warnings[0]).toMatch(/строка 2 повреждена/);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(j3.rowState('17').facts).toEqual({ userId: 1, childId: 2 });
    j3.close();
  });

  it('should report an intent without done as the first unfinished step, flagged as intent', () => {
    const j = Journal.open(dir, 'q-1');
    j.recordIntent('17', 'account', 1);
    j.recordDone('17', 'account', { userId: 501 });
    j.recordIntent('17', 'child', 1);
    const s = j.rowState('17');
    expect([...s.done.keys()]).toEqual(['account']);
    expect([...s.intents]).toEqual(['child']);
    expect(s.status).toBe('pending');
    expect(j.firstUnfinished('17', STEPS)).toBe('child');
    expect(j.resumePoint('17', STEPS)).toEqual({ step: 'child', hadIntent: true });
    expect(j.resumePoint('18', STEPS)).toEqual({ step: 'account', hadIntent: false });
    j.close();
  });

  it('should tell a duplicate from a failure, and what navbot made from what a probe found', () => {
    const j = Journal.open(dir, 'q-1', { runId: 'r1' });
    // Made: an intent, then its done. Found: a done with no intent (another installation's, a person's).
    j.recordIntent('d', 'account', 1);
    j.recordDone('d', 'account', { userId: '7' });
    j.recordDone('d', 'child', { childId: '70' });
    j.recordIntent('d', 'certificate', 1);
    j.recordDone('d', 'certificate', { certificateNumber: '55-0000163' });
    j.recordDone('d', 'certificate', { certificateNumber: '55-0000162' });
    const s = j.rowState('d');
    expect(s.made).toEqual({ userId: '7', certificateNumber: '55-0000163' });
    expect(s.facts).toMatchObject({ userId: '7', childId: '70', certificateNumber: '55-0000162' });
    j.recordFailed('d', 'row', { kind: 'duplicate', reason: 'два сертификата', action: 'удалите второй' });
    expect(j.rowState('d')).toMatchObject({ status: 'duplicate', lastError: { kind: 'duplicate' } });
    j.close();
    // Read back by a later run (the schema accepts the kind).
    const again = Journal.open(dir, 'q-1', { runId: 'r2' });
    expect(again.rowState('d').status).toBe('duplicate');
    again.close();
  });

  it('should count nothing as made that an act open at a duplicate later found', () => {
    const j = Journal.open(dir, 'q-1', { runId: 'r1' });
    j.recordIntent('e', 'certificate', 1); // two certificates answered the verify: the row stops as a duplicate
    j.recordFailed('e', 'row', { kind: 'duplicate', reason: 'два сертификата', action: 'удалите второй' });
    j.recordDone('e', 'certificate', { certificateNumber: '55-0000162' }); // the next run's probe finds the one left
    let s = j.rowState('e');
    expect(s.made).toEqual({});
    expect([...s.contested]).toEqual(['certificate']);
    expect(s.intents.size).toBe(0);
    // A later act of navbot's own that it verified is its again.
    j.recordIntent('e', 'certificate', 1);
    j.recordDone('e', 'certificate', { certificateNumber: '55-0000170' });
    s = j.rowState('e');
    expect(s.made).toEqual({ certificateNumber: '55-0000170' });
    expect(s.contested.size).toBe(0);
    j.close();
  });

  it('should derive statuses: issued, failed, skipped, and pending again when a later run resumes', () => {
    const j = Journal.open(dir, 'q-1', { runId: 'r1' });
    for (const step of STEPS) {
      j.recordIntent('a', step, 1);
      j.recordDone('a', step, { [`${step}Id`]: 1 });
    }
    expect(j.firstUnfinished('a', STEPS)).toBeUndefined();
    j.recordIssued('a', { certificateNumber: 'С-1' });
    expect(j.rowState('a')).toMatchObject({ status: 'issued', facts: { accountId: 1, childId: 1, certificateId: 1, certificateNumber: 'С-1' } });

    j.recordIntent('b', 'account', 1);
    j.recordRetry('b', 'account', 1, { kind: 'system', reason: 'таймаут' });
    j.recordFailed('b', 'account', { kind: 'business', reason: 'E-mail занят', action: 'Укажите другой' }, 2);
    expect(j.rowState('b')).toMatchObject({ status: 'failed', retries: 1, lastError: { kind: 'business', reason: 'E-mail занят' } });
    expect(j.rowState('b').intents.has('account')).toBe(true);

    j.recordSkipped('c', 'Ребёнок уже есть в другой очереди');
    expect(j.rowState('c').status).toBe('skipped');
    j.close();

    const next = Journal.open(dir, 'q-1', { runId: 'r2' });
    next.recordIntent('b', 'account', 1);
    expect(next.rowState('b').status).toBe('pending');
    expect(next.rowState('b').runs).toEqual(['r1', 'r2']);
    expect(next.rowState('a').status).toBe('issued');
    expect(next.rowState('nobody').status).toBe('pending');
    next.close();
  });

  it('should refuse facts that look like secrets or free text, writing nothing', () => {
    const j = Journal.open(dir, 'q-1');
    expect(() => j.recordDone('17', 'account', { password: 'Abc123' })).toThrow(/секрет/);
    expect(() => j.recordDone('17', 'account', { note: 'x'.repeat(500) })).toThrow(/длиннее/);
    expect(j.entries()).toHaveLength(0);
    j.close();
    expect(fs.readFileSync(file(), 'utf8')).toBe('');
  });

  it('should redact error texts with the given redactor', () => {
    const j = Journal.open(dir, 'q-1', { redact: (s) => s.replaceAll('Sekr3tPass', '***') });
    j.recordFailed('17', 'account', { kind: 'system', reason: 'login Sekr3tPass refused' });
    expect(() => j.recordDone('17', 'account', { userRef: 'Sekr3tPass' })).toThrow(/секрет/);
    j.close();
    expect(fs.readFileSync(file(), 'utf8')).not.toContain('Sekr3tPass');
  });

  it('should refuse a queue id that is not a safe file name and appends after close', () => {
    expect(() => Journal.open(dir, '../escape')).toThrow(/идентификатор очереди/);
    const j = Journal.open(dir, 'q-1');
    j.close();
    expect(() => j.recordIntent('17', 'account', 1)).toThrow(/закрыт/);
  });

  it('should keep every acknowledged entry when the writer is killed mid-run', async () => {
    // The child appends forever and reports each acknowledged append; we SIGKILL it mid-stream.
    const script = `import { Journal } from ${JSON.stringify(path.resolve('src/journal/journal.ts'))};
      const j = Journal.open(${JSON.stringify(dir)}, 'q-1', { runId: 'killed' });
      for (let i = 0; ; i++) { j.recordIntent('k' + (i % 50), 'step' + i, 1); process.stdout.write(i + '\\n'); }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    let buf = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) acked = Number(l);
      if (acked >= 200) child.kill('SIGKILL');
    });
    await once(child, 'exit');
    expect(acked).toBeGreaterThanOrEqual(200);
    const j = Journal.open(dir, 'q-1');
    expect(j.entries().length).toBeGreaterThanOrEqual(acked + 1);
    expect(j.entries().map((e) => e.step).slice(0, acked + 1)).toEqual(Array.from({ length: acked + 1 }, (_, i) => `step${i}`));
    j.recordIntent('after', 'x', 1);
    j.close();
    const reopened = Journal.open(dir, 'q-1');
    expect(reopened.warnings).toEqual([]);
    expect(reopened.rowState('after').intents.has('x')).toBe(true);
    reopened.close();
  });

  it('should resume from a 10,000-entry journal quickly', () => {
    const { entries, ms } = benchResume(10_000);
    process.stdout.write(`journal resume: ${entries} entries in ${ms} ms\n`);
    expect(entries).toBe(10_000);
    expect(ms).toBeLessThan(2_000);
  });

  it('should cut a write torn by a full disk back to the last entry and stop the run in Russian', () => {
    const j = Journal.open(dir, 'q-1', { runId: 'r1' });
    j.recordDone('k1', 'account', { userId: 7 });
    const good = fs.readFileSync(file(), 'utf8');
    const real = fs.writeSync;
    let calls = 0;
    // The disk fills in the middle of the next entry: half of it is written, then ENOSPC.
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, off: number, len: number) => {
      if (++calls === 1) return real(fd, buf, off, Math.floor(len / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }) as typeof fs.writeSync);
    let error: unknown;
    try {
      j.recordIntent('k1', 'child', 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JournalWriteError);
    expect(error).toBeInstanceOf(StopRunError);
    expect((error as Error).message).toMatch(/на диске нет места.*Освободите место/s);
    expect(fs.readFileSync(file(), 'utf8')).toBe(good);
    expect(j.rowState('k1').intents.has('child')).toBe(false);
    // Space is freed, but this process appends nothing more (where truncating is refused, it would
    // glue onto the fragment); the next run's journal starts on a clean line.
    vi.restoreAllMocks();
    expect(() => j.recordIntent('k1', 'child', 1)).toThrow(JournalWriteError);
    j.close();
    const next = Journal.open(dir, 'q-1', { runId: 'r2' });
    next.recordIntent('k1', 'child', 1);
    next.close();
    const again = Journal.open(dir, 'q-1', { runId: 'r3' });
    expect(again.warnings).toEqual([]);
    expect(again.rowState('k1').done.get('account')).toEqual({ userId: 7 });
    expect(again.rowState('k1').intents.has('child')).toBe(true);
  });
});
