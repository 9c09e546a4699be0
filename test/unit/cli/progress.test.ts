// Without a terminal (a scheduler's log) each finished row is a line, with an ETA measured from
// the rows so far: a slow region's answers show in it.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress } from '../../../src/cli/progress.js';
import { ACCOUNTING_LAYOUT } from '../../../flows/accounting/plugin.js';

describe('Progress without a terminal', () => {
  it('should print each row with the time left, measured from the rows done so far', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    let clock = 0;
    const p = new Progress(4, out as unknown as NodeJS.WriteStream, new Map([['к-1', 'К-1']]), () => clock, ACCOUNTING_LAYOUT);
    const end = (key: string) =>
      p.handle({ type: 'row-end', key, status: 'issued', facts: { certificateNumber: '55-1' }, attempts: 1, ms: 1, screenshots: [], at: '' });
    clock = 150_000; // a slow region: 2.5 min a row
    end('к-1');
    clock = 300_000;
    end('к-2');
    clock = 330_000;
    end('к-3');
    end('к-4');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('[1/4] К-1: выдан № 55-1 (осталось ~8 мин)');
    expect(lines[1]).toContain('(осталось ~5 мин)');
    expect(lines[2]).toContain('(осталось ~2 мин)');
    expect(lines[3]).not.toContain('осталось');
  });
});
