// run.json and the report's files are written to a temporary file, fsynced, then renamed over the
// old one (issue 13, «Durability»): after a power cut the name holds the old or the new content,
// never an empty or half file; a failed write leaves the old file and no temporary one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildReport } from '../../../src/report/build.js';
import { writeFileAtomic } from '../../../src/report/meta.js';
import { makeFakeRun } from './fake-run.js';

const roots: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

/** Records fsyncs and renames in the order they happen (the real calls still run). */
function recordOrder(): string[] {
  const order: string[] = [];
  const fsync = fs.fsyncSync;
  const rename = fs.renameSync;
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
    order.push('fsync');
    return fsync(fd);
  });
  vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
    order.push(`rename ${path.basename(String(to))}`);
    return rename(from, to);
  });
  return order;
}

describe('writeFileAtomic', () => {
  it('fsyncs the temporary file before renaming it into place', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-atomic-'));
    roots.push(dir);
    const file = path.join(dir, 'run.json');
    const order = recordOrder();
    writeFileAtomic(file, '{"a":1}');
    expect(order).toEqual(['fsync', 'rename run.json']);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(fs.readdirSync(dir)).toEqual(['run.json']);
  });

  it('keeps the old file and removes the temporary one when the write fails (a full disk)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-atomic-'));
    roots.push(dir);
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, 'old');
    vi.spyOn(fs, 'writeFileSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(() => writeFileAtomic(file, 'new')).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['report.html']);
  });
});

describe('buildReport', () => {
  it('fsyncs report.xlsx and report.html before each is renamed into place', async () => {
    const run = makeFakeRun();
    roots.push(run.root);
    const order = recordOrder();
    await buildReport(run.runDir);
    const renames = order.map((o, i) => [o, i] as const).filter(([o]) => o.startsWith('rename '));
    expect(renames.map(([o]) => o)).toEqual(expect.arrayContaining(['rename report.xlsx', 'rename report.html']));
    for (const [name, i] of renames) expect(order[i - 1], `${name} without an fsync just before`).toBe('fsync');
    expect(fs.readdirSync(run.runDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
