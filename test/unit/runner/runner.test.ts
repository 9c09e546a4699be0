// The runner without a browser: rows of a small flow run against a fake Navigator (an in-memory
// target whose calls can fail as a region's do), on fake workers. Retries, the breaker, re-login,
// dry run and Ctrl+C are decided here, so they are tested here.
import fs, { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSettings } from '../../../src/config/settings.js';
import { BusinessError, DuplicateError, MissingElementError, SessionExpiredError, SettingsStopError, SystemError } from '../../../src/core/errors.js';
import { EventLog, type RunEvent } from '../../../src/core/events.js';
import { GENERIC_LAYOUT } from '../../../src/core/layout.js';
import { createLogger } from '../../../src/core/logger.js';
import { createRedactor } from '../../../src/core/redact.js';
import { derivePassword } from '../../../src/core/password.js';
import { exitCodeFor } from '../../../src/cli/exit-codes.js';
import { Journal } from '../../../src/journal/journal.js';
import { runQueue, type RunRow } from '../../../src/runner/runner.js';
import type { RowWorker } from '../../../src/runner/worker.js';
import type { RowOffer } from '../../../src/procedure/plugin.js';
import { definePlugin } from '../../../src/procedure/plugin.js';
import type { Step } from '../../../src/procedure/engine.js';

type Phase = 'probe' | 'ready' | 'act' | 'verify';
type Fault = { key?: string; step: string; phase: Phase; kind: 'system' | 'business' | 'expire' | 'lost' | 'duplicate' | 'missing' | 'launch'; times?: number; says?: string; facts?: Record<string, string> };

/** An in-memory target: a record and its approval per key; calls fail as the planned faults say. */
class FakeNavigator {
  readonly records = new Map<string, string>();
  readonly approved = new Set<string>();
  readonly writes: string[] = [];
  private next = 100;
  constructor(private readonly faults: Fault[] = []) {}

  /** Throws the planned fault of this call, if any; 'lost' is thrown after the write is done. */
  hit(key: string, step: string, phase: Phase): 'lost' | undefined {
    const f = this.faults.find((x) => (x.key === undefined || x.key === key) && x.step === step && x.phase === phase && (x.times ?? 1) > 0);
    if (!f) return undefined;
    f.times = (f.times ?? 1) - 1;
    if (f.kind === 'system') throw new SystemError(`fake: HTTP 500 at ${step}.${phase}`);
    if (f.kind === 'business') throw new BusinessError(f.says ?? 'Навигатор отказал', 'Исправьте строку.', f.facts ? { facts: f.facts } : undefined);
    if (f.kind === 'expire') throw new SessionExpiredError('fake: login view');
    if (f.kind === 'duplicate') throw new DuplicateError('Две записи: #1, #2', 'Оставьте #1, удалите #2', { recordId: '1, 2' });
    if (f.kind === 'missing') throw new MissingElementError(`кнопки «${f.says ?? 'Подтвердить'}»`, 'админ-панели');
    if (f.kind === 'launch') throw new SettingsStopError('Браузер не запустился: браузер не может открыть окно: нет экрана (DISPLAY).');
    return 'lost';
  }

  create(key: string): void {
    const lost = this.hit(key, 'create', 'act');
    this.records.set(key, String(this.next++));
    this.writes.push(`create ${key}`);
    if (lost) throw new SystemError('fake: answer lost');
  }

  approve(key: string): void {
    const lost = this.hit(key, 'approve', 'act');
    this.approved.add(key);
    this.writes.push(`approve ${key}`);
    if (lost) throw new SystemError('fake: answer lost');
  }
}

interface Ctx {
  nav: FakeNavigator;
  key: string;
}

const steps: Step<Ctx>[] = [
  {
    name: 'create',
    title: 'создание записи',
    probe: async ({ nav, key }) => (nav.hit(key, 'create', 'probe'), nav.records.has(key) ? { facts: { recordId: nav.records.get(key)! } } : undefined),
    act: async ({ nav, key }) => nav.create(key),
    verify: async ({ nav, key }) => {
      nav.hit(key, 'create', 'verify');
      const id = nav.records.get(key);
      if (!id) throw new SystemError('fake: not created');
      return { facts: { recordId: id } };
    },
  },
  {
    name: 'approve',
    title: 'подтверждение',
    probe: async ({ nav, key }) => (nav.hit(key, 'approve', 'probe'), nav.approved.has(key) ? { facts: { approved: true } } : undefined),
    // What the act needs that writes nothing (as the site's login before adding a child).
    ready: async ({ nav, key }) => void nav.hit(key, 'approve', 'ready'),
    act: async ({ nav, key }) => nav.approve(key),
    verify: async ({ nav, key }) => {
      nav.hit(key, 'approve', 'verify');
      if (!nav.approved.has(key)) throw new SystemError('fake: not approved');
      return { facts: { approved: true } };
    },
    preview: async () => 'будет подтверждено',
  },
];

const pluginFor = (nav: FakeNavigator) =>
  definePlugin<Ctx>({
    name: 'fake',
    title: 'проверка раннера',
    columns: { flow: 'fake', row: 'одна строка', columns: [] },
    uses: ['admin', 'site'],
    readOnly: false,
    flow: { name: 'fake', steps },
    layout: GENERIC_LAYOUT,
    context: (_offer, row) => ({ ctx: { nav, key: row.sent.key }, release: async () => undefined }),
    outcome: (_facts, history) => ({ status: history.actedLast ? 'issued' : 'already' }),
  });

class FakeWorker implements RowWorker {
  relogins = 0;
  discards = 0;
  lastTrace: string | undefined;
  async offer(): Promise<RowOffer> {
    return {} as RowOffer;
  }
  hold(): void {}
  async finish(_key: string, shots: string[]): Promise<string[]> {
    return shots;
  }
  async relogin(): Promise<void> {
    this.relogins++;
  }
  async discard(): Promise<void> {
    this.discards++;
  }
  async close(): Promise<void> {}
}

async function run(opts: { keys: string[]; faults?: Fault[]; env?: Record<string, string>; dryRun?: boolean; abortAfterRows?: number }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-runner-'));
  const settings = loadSettings({ NAVBOT_CONCURRENCY: '1', NAVBOT_RETRIES: '2', NAVBOT_BACKOFF_MS: '10', NAVBOT_BREAKER: '5', ...opts.env });
  const nav = new FakeNavigator(opts.faults);
  const flow = pluginFor(nav);
  const journal = Journal.open(path.join(dir, 'ledger'), 'target-1', { runId: 'r1', scope: { flow: 'fake', unnamed: false } });
  const seen: RunEvent[] = [];
  const abort = new AbortController();
  let ended = 0;
  // The run's redactor masks every event before the file and the listeners, as batch.ts wires it.
  const redactor = createRedactor([]);
  const events = new EventLog(
    path.join(dir, 'events.jsonl'),
    [
      (e) => {
        seen.push(e);
        if (e.type === 'row-end' && ++ended === opts.abortAfterRows) abort.abort('SIGINT');
      },
    ],
    redactor,
  );
  const workers: FakeWorker[] = [];
  const rows: RunRow[] = opts.keys.map((key) => ({ keyNorm: key, sent: { key } }));
  const summary = await runQueue({
    settings,
    rows,
    journal,
    events,
    logger: createLogger({ console: false, redactor }),
    redactor,
    runId: 'r1',
    runDir: dir,
    launch: {},
    flow,
    ...(opts.dryRun ? { dryRun: true } : {}),
    signal: abort.signal,
    workers: () => Array.from({ length: settings.concurrency }, () => (workers.push(new FakeWorker()), workers.at(-1)!)),
  });
  journal.close();
  const ledger = readFileSync(path.join(dir, 'ledger', 'target-1.jsonl'), 'utf8');
  const ends = seen.filter((e): e is Extract<RunEvent, { type: 'row-end' }> => e.type === 'row-end');
  const eventsFile = readFileSync(path.join(dir, 'events.jsonl'), 'utf8');
  return { summary, nav, ends, events: seen, workers, ledger, eventsFile, redactor };
}

describe('runQueue against a fake Navigator', () => {
  afterEach(() => vi.restoreAllMocks());

  it('issues every row once and says so; the outcome maps to exit 0', async () => {
    const r = await run({ keys: ['a', 'b', 'c'], env: { NAVBOT_CONCURRENCY: '2' } });
    expect(r.nav.writes.sort()).toEqual(['approve a', 'approve b', 'approve c', 'create a', 'create b', 'create c']);
    expect(r.ends.map((e) => [e.key, e.status, e.attempts])).toEqual(expect.arrayContaining([['a', 'issued', 1], ['b', 'issued', 1], ['c', 'issued', 1]]));
    expect(r.summary.outcome).toEqual({ kind: 'completed', needsPerson: false });
    expect(exitCodeFor(r.summary.outcome)).toBe(0);
    expect(r.workers).toHaveLength(2);
  });

  it('a system fault is retried in a fresh worker state; a lost answer is found by the probe, never done twice', async () => {
    const r = await run({ keys: ['a'], faults: [{ step: 'create', phase: 'act', kind: 'system' }, { step: 'approve', phase: 'act', kind: 'lost' }] });
    expect(r.nav.writes).toEqual(['create a', 'approve a']);
    expect(r.ends[0]).toMatchObject({ status: 'issued', attempts: 3 });
    expect(r.workers[0]!.discards).toBe(2);
    // An intent was on disk before each act (two tries of create), one creation on the target.
    expect(r.ledger.match(/"step":"create","kind":"intent"/g)).toHaveLength(2);
    expect(r.ledger.match(/"step":"approve","kind":"intent"/g)).toHaveLength(1);
  });

  it('a duplicate on the target ends the row with its own status and both ids, never retried; the ledger says so, exit 1', async () => {
    const r = await run({ keys: ['a', 'b'], faults: [{ key: 'a', step: 'create', phase: 'verify', kind: 'duplicate' }] });
    expect(r.ends.find((e) => e.key === 'a')).toMatchObject({ status: 'duplicate', attempts: 1, facts: { recordId: '1, 2' }, error: { kind: 'business', reason: 'Две записи: #1, #2', action: 'Оставьте #1, удалите #2' } });
    expect(r.nav.writes).toEqual(['create a', 'create b', 'approve b']);
    expect(r.workers[0]!.discards).toBe(0);
    expect(r.summary.counts).toMatchObject({ duplicate: 1, issued: 1, failed: 0 });
    expect(r.ledger).toMatch(/"kind":"failed","error":\{"kind":"duplicate"/);
    // The joined ids are shown, never kept as the key's claims.
    expect(r.ledger).not.toContain('1, 2');
    expect(exitCodeFor(r.summary.outcome)).toBe(1);
  });

  it('a missing element fails its row at once, in the step it met it, and stops the run with exit 2 before another row starts', async () => {
    const r = await run({ keys: ['a', 'b', 'c'], faults: [{ key: 'a', step: 'approve', phase: 'act', kind: 'missing' }] });
    const a = r.ends.find((e) => e.key === 'a')!;
    expect(a).toMatchObject({ status: 'failed', attempts: 1, error: { kind: 'business' } });
    expect(a.error!.reason).toBe('На странице админ-панели нет кнопки «Подтвердить» (шаг «подтверждение»): проверьте профиль региона (navbot doctor).');
    expect(a.error!.action).toContain('navbot doctor');
    // Not retried, not counted as a fault of the Navigator; the other rows never started.
    expect(r.workers[0]!.discards).toBe(0);
    expect(r.nav.writes).toEqual(['create a']);
    expect(r.ends.map((e) => e.key)).toEqual(['a']);
    expect(r.events.filter((e) => e.type === 'row-start').map((e) => (e as { key: string }).key)).toEqual(['a']);
    expect(r.summary.outcome).toMatchObject({ kind: 'stopped', code: 2 });
    expect(r.summary.stopped).toContain('нет кнопки «Подтвердить»');
    expect(r.summary.stopped).not.toMatch(/Навигатор не отвечает/);
    expect(r.summary.counts).toMatchObject({ failed: 1, pending: 2 });
    expect(exitCodeFor(r.summary.outcome)).toBe(2);
    expect(r.ledger).toMatch(/"kind":"failed".*нет кнопки «Подтвердить»/);
  });

  it('at C=2 a missing element stops the run: the row in flight on the other worker ends, no new row starts', async () => {
    const r = await run({ keys: ['a', 'b', 'c', 'd'], env: { NAVBOT_CONCURRENCY: '2' }, faults: [{ step: 'create', phase: 'probe', kind: 'missing', times: 9 }] });
    expect(r.summary.outcome).toMatchObject({ kind: 'stopped', code: 2 });
    const started = new Set(r.events.filter((e) => e.type === 'row-start').map((e) => (e as { key: string }).key));
    expect(started).toEqual(new Set(['a', 'b']));
    expect(r.nav.writes).toEqual([]);
  });

  it('a browser that cannot start stops the run with exit 2 in its own words, nothing blamed on the Navigator', async () => {
    const r = await run({ keys: ['a', 'b'], faults: [{ key: 'a', step: 'create', phase: 'probe', kind: 'launch' }] });
    expect(r.summary.outcome).toMatchObject({ kind: 'stopped', code: 2 });
    expect(r.summary.stopped).toContain('нет экрана (DISPLAY)');
    expect(r.ends).toEqual([]);
    expect(r.workers[0]!.discards).toBe(0);
  });

  it('a business refusal fails the row at once with its reason, and the next row goes on', async () => {
    const r = await run({ keys: ['a', 'b'], faults: [{ key: 'a', step: 'create', phase: 'act', kind: 'business' }] });
    expect(r.ends.find((e) => e.key === 'a')).toMatchObject({ status: 'failed', attempts: 1, error: { kind: 'business', reason: 'Навигатор отказал' } });
    expect(r.ends.find((e) => e.key === 'b')).toMatchObject({ status: 'issued' });
    expect(r.summary.outcome).toEqual({ kind: 'completed', needsPerson: true });
    expect(exitCodeFor(r.summary.outcome)).toBe(1);
  });

  it('a business refusal that names what its step found keeps it on the row for the report (registry-accept’s «Номер заявки»)', async () => {
    const r = await run({ keys: ['a'], faults: [{ key: 'a', step: 'create', phase: 'probe', kind: 'business', says: 'Данные не совпадают', facts: { applicationNumber: 'З-000123' } }] });
    expect(r.ends[0]).toMatchObject({ status: 'failed', facts: { applicationNumber: 'З-000123' }, error: { reason: 'Данные не совпадают' } });
    expect(r.nav.writes).toEqual([]);
  });

  it('a row whose end event quotes its own password: masked in events.jsonl and for every listener (issue 13)', async () => {
    // The row's password is forgotten by the redactor only after its end event was written: a
    // page that echoes the password in its refusal must not put it into the run's events.
    const secret = 'runner-test-secret-0123456789';
    const password = derivePassword(secret, 'a');
    const r = await run({
      keys: ['a', 'b'],
      env: { NAVBOT_SECRET: secret },
      faults: [{ key: 'a', step: 'create', phase: 'act', kind: 'business', says: `Сайт не принял пароль ${password}` }],
    });
    expect(r.ends.find((e) => e.key === 'a')).toMatchObject({ status: 'failed', error: { reason: 'Сайт не принял пароль ***' } });
    expect(r.eventsFile).toContain('Сайт не принял пароль ***');
    expect(r.eventsFile).not.toContain(password);
    expect(JSON.stringify(r.events)).not.toContain(password);
    // The redactor stays as small as the rows in flight: the finished rows' passwords are forgotten.
    expect(r.redactor.text(password)).toBe(password);
  });

  it('a journal write the disk refuses stops the run in Russian with exit 3; the ledger keeps whole entries (issue 13)', async () => {
    // The third journal entry meets a full disk half-way: its first half reaches the file, then ENOSPC.
    const real = fs.writeSync;
    let entries = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Buffer, off: number, len: number) => {
      const text = Buffer.isBuffer(buf) ? buf.toString('utf8', off, off + len) : String(buf);
      if (/"kind":"(intent|done)"/.test(text) && ++entries === 3) {
        real(fd, buf, off, Math.floor(len / 2));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return real(fd, buf, off, len);
    }) as typeof fs.writeSync);
    const r = await run({ keys: ['a', 'b', 'c'] });
    vi.restoreAllMocks();
    expect(r.summary.outcome).toMatchObject({ kind: 'stopped', code: 3, reason: expect.stringMatching(/на диске нет места/) });
    expect(exitCodeFor(r.summary.outcome)).toBe(3);
    expect(r.events.some((e) => e.type === 'stop')).toBe(true);
    // Nothing is started after the stop; the ledger holds only whole lines (the torn one cut back).
    expect(r.nav.writes.filter((w) => !w.endsWith(' a'))).toEqual([]);
    expect(r.summary.counts.pending).toBeGreaterThanOrEqual(2);
    const lines = r.ledger.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('a step that always fails ends the row after the retries, in Russian', async () => {
    const r = await run({ keys: ['a'], faults: [{ step: 'create', phase: 'act', kind: 'system', times: 99 }] });
    expect(r.ends[0]).toMatchObject({ status: 'failed', attempts: 3, error: { kind: 'system' } });
    expect(r.ends[0]!.error!.reason).toMatch(/^Сбой/);
  });

  it('faults spread over the steps do not add up: the budget is counted in progress', async () => {
    const r = await run({
      keys: ['a'],
      env: { NAVBOT_RETRIES: '1' },
      // Three attempts with NAVBOT_RETRIES=1: the second got further than the first.
      faults: [
        { step: 'create', phase: 'act', kind: 'system' },
        { step: 'approve', phase: 'act', kind: 'system' },
      ],
    });
    expect(r.ends[0]).toMatchObject({ status: 'issued', attempts: 3 });
    expect(r.nav.writes).toEqual(['create a', 'approve a']);
  });

  it('a failure of what an act needs before its intent (a login) costs a read-only share, not an act', async () => {
    const faults: Fault[] = [{ step: 'approve', phase: 'ready', kind: 'system', times: 4 }];
    const r = await run({ keys: ['a'], env: { NAVBOT_RETRIES: '1' }, faults });
    // Four failed logins with NAVBOT_RETRIES=1: each cost a quarter; as acts the row would have failed after two.
    expect(r.ends[0]).toMatchObject({ status: 'issued', attempts: 5 });
    expect(r.nav.writes).toEqual(['create a', 'approve a']);
    const intents = r.ledger.split('\n').filter((l) => l.includes('"intent"') && l.includes('"approve"'));
    expect(intents).toHaveLength(1);
    const asActs = await run({ keys: ['a'], env: { NAVBOT_RETRIES: '1' }, faults: [{ step: 'approve', phase: 'act', kind: 'system', times: 4 }] });
    expect(asActs.ends[0]).toMatchObject({ status: 'failed' });
  });

  it('the breaker stops the run after consecutive faults across rows: exit 3, the rest pending', async () => {
    const r = await run({ keys: ['a', 'b', 'c', 'd'], env: { NAVBOT_BREAKER: '4', NAVBOT_RETRIES: '1' }, faults: [{ step: 'create', phase: 'act', kind: 'system', times: 99 }] });
    expect(r.summary.outcome).toMatchObject({ kind: 'stopped', code: 3, reason: expect.stringMatching(/^Навигатор не отвечает: 4 сбоев подряд/) });
    expect(exitCodeFor(r.summary.outcome)).toBe(3);
    expect(r.summary.counts.pending).toBeGreaterThan(0);
    expect(r.events.some((e) => e.type === 'stop')).toBe(true);
  });

  it('a session expiry logs in again at once: no retry used, no fault counted', async () => {
    const r = await run({
      keys: ['a'],
      env: { NAVBOT_RETRIES: '0', NAVBOT_BREAKER: '1' },
      faults: [{ step: 'create', phase: 'probe', kind: 'expire', times: 2 }, { step: 'approve', phase: 'verify', kind: 'expire' }],
    });
    expect(r.ends[0]).toMatchObject({ status: 'issued', attempts: 1 });
    expect(r.workers[0]!.relogins).toBe(3);
    expect(r.workers[0]!.discards).toBe(0);
    expect(r.nav.writes).toEqual(['create a', 'approve a']);
  });

  it('a dry run writes nothing on the target and lists what it would do', async () => {
    const r = await run({ keys: ['a'], dryRun: true });
    expect(r.nav.writes).toEqual([]);
    expect(r.ends[0]).toMatchObject({ status: 'dry-run', planned: ['создание записи', 'подтверждение (будет подтверждено)'] });
  });

  it('Ctrl+C: the row in flight ends, nothing new starts, exit 130', async () => {
    const r = await run({ keys: ['a', 'b', 'c'], abortAfterRows: 1 });
    expect(r.ends.map((e) => e.key)).toEqual(['a']);
    expect(r.nav.writes).toEqual(['create a', 'approve a']);
    expect(r.summary.outcome).toEqual({ kind: 'interrupted', signal: 'SIGINT' });
    expect(r.summary.counts.pending).toBe(2);
    expect(exitCodeFor(r.summary.outcome)).toBe(130);
  });
});
