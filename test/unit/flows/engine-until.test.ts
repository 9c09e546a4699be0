// A phase split (`navbot run --until <step>`, issue 22 §5): the engine ends a row after the named
// step — done now or found done — and never probes or acts on a step after it.
import { describe, expect, it } from 'vitest';
import { previewSteps, runSteps, type Facts, type Flow, type Step } from '../../../src/procedure/engine.js';
import { phaseEnd, phaseStep } from '../../../src/runner/phase.js';
import { modeText } from '../../../src/report/labels.js';

type Log = string[];

function step(name: string, log: Log, done = false): Step<Log> {
  return {
    name,
    title: `шаг ${name}`,
    async probe(l) {
      l.push(`probe:${name}`);
      return done ? { facts: { [name]: 'found' } } : undefined;
    },
    async act(l) {
      l.push(`act:${name}`);
    },
    async verify(l) {
      l.push(`verify:${name}`);
      return { facts: { [name]: 'made' } };
    },
  };
}

const journal = (log: Log) => ({
  intent: (s: string) => log.push(`intent:${s}`),
  done: (s: string, f: Facts) => log.push(`done:${s}:${JSON.stringify(f)}`),
});

const flowOf = (log: Log, firstDone = false): Flow<Log> => ({ name: 'f', steps: [step('register', log, firstDone), step('addChild', log), step('issue', log)] });

describe('runSteps with until', () => {
  it('ends the row after the named step when it acted, marking it paused', async () => {
    const log: Log = [];
    const r = await runSteps(flowOf(log), log, {}, 'register', journal(log), 1, { until: 'register' });
    expect(log).toEqual(['probe:register', 'intent:register', 'act:register', 'verify:register', 'done:register:{"register":"made"}']);
    expect(r).toEqual({ facts: { register: 'made' }, acted: ['register'], stopped: false, paused: true });
  });

  it('ends the row after the named step when the probe found it done: nothing after it is read', async () => {
    const log: Log = [];
    const r = await runSteps(flowOf(log, true), log, {}, 'register', journal(log), 1, { until: 'register' });
    expect(log).toEqual(['probe:register', 'done:register:{"register":"found"}']);
    expect(r.paused).toBe(true);
    expect(r.acted).toEqual([]);
  });

  it('a retry that starts past the phase runs nothing', async () => {
    const log: Log = [];
    const r = await runSteps(flowOf(log), log, { register: 'made' }, 'addChild', journal(log), 2, { until: 'register' });
    expect(log).toEqual([]);
    expect(r.paused).toBe(true);
  });

  it('until the last step is a whole run, not a pause', async () => {
    const log: Log = [];
    const r = await runSteps(flowOf(log), log, {}, 'register', journal(log), 1, { until: 'issue' });
    expect(r.paused).toBeUndefined();
    expect(r.acted).toEqual(['register', 'addChild', 'issue']);
  });
});

describe('previewSteps with until', () => {
  it('a dry run of a phase plans only the steps up to its last', async () => {
    const log: Log = [];
    expect((await previewSteps(flowOf(log), log, {}, 'register')).planned).toEqual(['шаг register']);
    expect((await previewSteps(flowOf(log), log, {})).planned).toEqual(['шаг register', 'шаг addChild', 'шаг issue']);
  });
});

describe('phase words', () => {
  const flow = { title: 'выдача', steps: [{ name: 'register', title: 'регистрация на сайте' }, { name: 'addChild', title: 'добавление ребенка' }] };

  it('names the steps a phase may end at, in Russian', () => {
    expect(phaseStep(flow, 'register')).toEqual({ step: 'register' });
    const bad = phaseStep(flow, 'regster');
    expect('problem' in bad && bad.problem).toContain('нет такого шага');
    expect('problem' in bad && bad.problem).toContain('register (регистрация на сайте)');
  });

  it('a row at its phase end is neither issued nor failed', () => {
    const p = phaseEnd(flow, 'register', { userId: '7' }, undefined);
    expect(p.status).toBe('phase-done');
    expect(p.note).toContain('Ещё не сделано: добавление ребенка');
    expect(p.action).toContain('без --until');
    expect(phaseEnd(flow, 'register', { userId: '7' }, { status: 'pending' })).toEqual(p);
  });

  it('the ledger\'s «issued» is not the row\'s state: phase-done, with the ledger\'s word in the note and only the target\'s facts', () => {
    // Issued maybe without a number («Выдан, номер не прочитан»): only the night run can tell.
    const p = phaseEnd(flow, 'register', { userId: '7' }, { status: 'issued', issued: { at: '2026-12-01T10:00:00Z' } });
    expect(p.status).toBe('phase-done');
    expect(p.facts).toEqual({ userId: '7' });
    expect(p.note).toContain('По журналу строка уже была выдана раньше (2026-12-01)');
    expect(p.note).toContain('без --until');
  });

  it('a row that failed earlier does not read «nothing to do»: the note and the action carry the ledger\'s error', () => {
    const p = phaseEnd(flow, 'register', { userId: '7' }, { status: 'failed', lastError: { reason: 'Ребёнок старше 18 лет', action: 'Исправьте дату рождения в очереди' } });
    expect(p.status).toBe('phase-done');
    expect(p.note).toContain('прошлый запуск закончился ошибкой: Ребёнок старше 18 лет');
    expect(p.action).not.toContain('ничего делать не нужно');
    expect(p.action).toContain('Исправьте дату рождения в очереди');
    expect(phaseEnd(flow, 'register', {}, { status: 'duplicate', lastError: { reason: 'два ребёнка' } }).note).toContain('дубль');
  });

  it('the report\'s mode names the phase; a whole run reads as before', () => {
    expect(modeText({ mode: 'run', until: 'register' })).toBe('Прогон до шага «register» (--until register): остальное сделает следующий запуск без --until');
    expect(modeText({ mode: 'run' })).toBe('Прогон');
  });
});
