import { describe, expect, it } from 'vitest';
import { previewSteps, runSteps, type Facts, type Flow, type Step } from '../../../src/procedure/engine.js';

type Log = string[];

function step(name: string, log: Log, opts: { done?: boolean; actThrows?: boolean; verifyFacts?: Facts } = {}): Step<Log> {
  let acted = false;
  return {
    name,
    title: `шаг ${name}`,
    async probe(l) {
      l.push(`probe:${name}`);
      return opts.done || acted ? { facts: { [`${name}Probe`]: 1 } } : undefined;
    },
    async act(l) {
      l.push(`act:${name}`);
      if (opts.actThrows) throw new Error('lost');
      acted = true;
    },
    async verify(l) {
      l.push(`verify:${name}`);
      return { facts: opts.verifyFacts ?? { [name]: true } };
    },
    async preview(l) {
      l.push(`preview:${name}`);
      return `показ ${name}`;
    },
  };
}

function journal(log: Log) {
  return {
    intent: (s: string, n: number) => log.push(`intent:${s}:${n}`),
    done: (s: string, f: Facts) => log.push(`done:${s}:${JSON.stringify(f)}`),
  };
}

describe('runSteps', () => {
  it('should probe, write the intent, act, verify, then write done — in that order', async () => {
    const log: Log = [];
    const flow: Flow<Log> = { name: 'f', steps: [step('a', log, { verifyFacts: { userId: 7 } })] };
    const r = await runSteps(flow, log, {}, 'a', journal(log), 1);
    expect(log).toEqual(['probe:a', 'intent:a:1', 'act:a', 'verify:a', 'done:a:{"userId":7}']);
    expect(r).toEqual({ facts: { userId: 7 }, acted: ['a'], stopped: false });
  });

  it('should not act when the probe finds the step done, and record what it found', async () => {
    const log: Log = [];
    const flow: Flow<Log> = { name: 'f', steps: [step('a', log, { done: true }), step('b', log)] };
    const r = await runSteps(flow, log, {}, 'a', journal(log), 1);
    expect(log).toEqual(['probe:a', 'done:a:{"aProbe":1}', 'probe:b', 'intent:b:1', 'act:b', 'verify:b', 'done:b:{"b":true}']);
    expect(r.acted).toEqual(['b']);
    expect(r.facts).toEqual({ aProbe: 1, b: true });
  });

  it('should start from the given step and carry the known facts', async () => {
    const log: Log = [];
    const flow: Flow<Log> = { name: 'f', steps: [step('a', log), step('b', log)] };
    const r = await runSteps(flow, log, { userId: 3 }, 'b', journal(log), 2);
    expect(log[0]).toBe('probe:b');
    expect(log).not.toContain('probe:a');
    expect(r.facts).toMatchObject({ userId: 3, b: true });
  });

  it('should run nothing when every step is done (fromStep undefined)', async () => {
    const log: Log = [];
    const r = await runSteps({ name: 'f', steps: [step('a', log)] }, log, { x: 1 }, undefined, journal(log), 1);
    expect(log).toEqual([]);
    expect(r).toEqual({ facts: { x: 1 }, acted: [], stopped: false });
  });

  it('should leave an intent without done when the act throws', async () => {
    const log: Log = [];
    await expect(runSteps({ name: 'f', steps: [step('a', log, { actThrows: true })] }, log, {}, 'a', journal(log), 1)).rejects.toThrow('lost');
    expect(log).toEqual(['probe:a', 'intent:a:1', 'act:a']);
  });

  it('should stop between steps when asked', async () => {
    const log: Log = [];
    let stop = false;
    const flow: Flow<Log> = { name: 'f', steps: [step('a', log), step('b', log)] };
    const r = await runSteps(flow, log, {}, 'a', journal(log), 1, { onStepEnd: () => (stop = true), shouldStop: () => stop });
    expect(r.stopped).toBe(true);
    expect(log).not.toContain('probe:b');
  });
});

describe('previewSteps', () => {
  it('should probe until the first step not done, then only preview', async () => {
    const log: Log = [];
    const flow: Flow<Log> = { name: 'f', steps: [step('a', log, { done: true }), step('b', log), step('c', log, { done: true })] };
    const r = await previewSteps(flow, log, {});
    expect(log).toEqual(['probe:a', 'probe:b', 'preview:b', 'preview:c']);
    expect(r.planned).toEqual(['шаг b (показ b)', 'шаг c (показ c)']);
    expect(log.some((l) => l.startsWith('act:') || l.startsWith('verify:'))).toBe(false);
  });
});
