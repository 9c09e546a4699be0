import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright';
import { SharedTrace } from '../../../src/runner/shared-trace.js';

/** A context whose tracing records what it was asked, and whether a trace is running. */
function fakeContext() {
  const calls: string[] = [];
  let running = false;
  const tracing = {
    start: async (o: { snapshots: boolean }) => {
      if (running) throw new Error('already tracing');
      running = true;
      calls.push(o.snapshots ? 'start(detailed)' : 'start');
    },
    stop: async () => {
      if (!running) throw new Error('not tracing');
      running = false;
      calls.push('stop');
    },
    stopChunk: async (o: { path: string }) => {
      calls.push(`keep ${o.path}`);
    },
  };
  const context = { tracing, pages: () => [{}] } as unknown as BrowserContext;
  return { context, calls, running: () => running };
}

describe('SharedTrace', () => {
  it('drops what a row that ended well recorded, and stops the trace before its context closes', async () => {
    const f = fakeContext();
    const trace = new SharedTrace(f.context);
    const worker = {};
    await trace.begin(worker, false);
    await trace.end(worker);
    expect(f.calls).toEqual(['start', 'stop', 'start']);
    expect(f.running()).toBe(true);
    // A context closed while tracing would leave Playwright's record of calls growing for the run.
    await trace.dispose();
    expect(f.running()).toBe(false);
    expect(f.calls.at(-1)).toBe('stop');
    await trace.dispose();
    expect(f.calls.filter((c) => c === 'stop')).toHaveLength(2);
  });

  it('keeps a failed row’s chunk, then records afresh; disposing a trace never started sends nothing', async () => {
    const f = fakeContext();
    const trace = new SharedTrace(f.context);
    const worker = {};
    await trace.begin(worker, true);
    expect(await trace.keep(worker, '/tmp/x.zip')).toBe(true);
    expect(f.calls).toEqual(['start(detailed)', 'keep /tmp/x.zip', 'stop', 'start']);
    const idle = fakeContext();
    await new SharedTrace(idle.context).dispose();
    expect(idle.calls).toEqual([]);
  });
});
