// A run's progress folded from its events (src/console/live.ts), the night runs read back from
// crontab (night.ts), uploaded file names (uploads.ts) and doctor's lines as a checklist.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core/events.js';
import { foldEvents, LiveRun } from '../../../src/console/live.js';
import { cronRun, nextStart } from '../../../src/console/night.js';
import { queueFileName } from '../../../src/console/uploads.js';
import { checklist } from '../../../src/console/routes/ready.js';
import { cronLine } from '../../../src/cli/setup/schedule.js';

const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 10, 0, s)).toISOString();

describe('live run', () => {
  it('shows every row from the start, each one running with its step, then its end with the reason; counts, rate and time left', () => {
    const rows = [
      { key: 'a-1', label: 'А-1', row: 2 },
      { key: 'a-2', label: 'А-2', row: 3 },
    ];
    const events: RunEvent[] = [
      { type: 'run-start', runId: 'r1', total: 2, dryRun: false, at: at(0) },
      { type: 'row-start', key: 'a-1', attempt: 1, at: at(1) },
      { type: 'step-start', key: 'a-1', step: 'register', title: 'регистрация на сайте', at: at(2) },
    ];
    const live = foldEvents(events, rows);
    expect(live.snapshot().rows).toEqual([
      { key: 'a-1', label: 'А-1', row: 2, status: 'running', attempts: 1, step: 'регистрация на сайте' },
      { key: 'a-2', label: 'А-2', row: 3, status: 'pending' },
    ]);
    const ended = live.apply({
      type: 'row-end', key: 'a-1', status: 'failed', facts: {}, attempts: 1, ms: 1, screenshots: [],
      error: { kind: 'business', reason: 'нет такого муниципалитета', action: 'исправьте муниципалитет' }, at: at(30),
    });
    expect(ended).toEqual({ key: 'a-1', label: 'А-1', row: 2, status: 'failed', attempts: 1, reason: 'нет такого муниципалитета', action: 'исправьте муниципалитет' });
    expect(live.summary).toMatchObject({ total: 2, ended: 1, counts: { failed: 1 }, perMinute: 2, secondsLeft: 30, finished: false });
    live.apply({ type: 'run-end', counts: {} as never, at: at(60) });
    expect(live.summary.finished).toBe(true);
  });

  it('counts a row once though it ends after a retry', () => {
    const live = new LiveRun();
    live.apply({ type: 'run-start', runId: 'r', total: 1, dryRun: false, at: at(0) });
    live.apply({ type: 'row-start', key: 'k', attempt: 1, at: at(1) });
    live.apply({ type: 'retry', key: 'k', attempt: 2, reason: 'сбой связи', at: at(2) });
    expect(live.rows.get('k')?.reason).toContain('сбой связи');
    live.apply({ type: 'row-end', key: 'k', status: 'issued', facts: {}, attempts: 2, ms: 1, screenshots: [], at: at(3) });
    expect(live.summary.ended).toBe(1);
  });
});

describe('the captcha notice', () => {
  it('stands while its row waits and goes once that row moves on', () => {
    const live = new LiveRun();
    live.apply({ type: 'run-start', runId: 'r', total: 2, dryRun: false, at: at(0) });
    live.apply({ type: 'notice', key: 'k', text: 'Пройдите проверку «Я не робот» для строки К-1', at: at(1) });
    live.apply({ type: 'row-start', key: 'other', attempt: 1, at: at(2) });
    expect(live.summary.notice).toContain('Я не робот');
    const row = live.apply({ type: 'step-end', key: 'k', step: 'register', title: 'регистрация', outcome: 'done', ms: 1, at: at(3) });
    expect(row?.key).toBe('k');
    expect(live.summary.notice).toBeUndefined();
  });
});

describe('night runs', () => {
  it("reads navbot's crontab line back: queue, time, days and the next start", () => {
    const line = cronLine({ name: 'очередь', projectDir: '/p', node: '/n', entry: 'bin/navbot.mjs', queue: 'q.xlsx', log: 'l.log', time: { hour: 2, minute: 30 }, days: [0, 1, 2, 3, 4] });
    const friday = new Date(2026, 11, 11, 12, 0);
    const run = cronRun(line, friday)!;
    expect(run).toMatchObject({ name: 'очередь', time: '02:30', days: 'по будням (пн–пт)' });
    // Friday noon → Monday 02:30.
    expect(new Date(run.next)).toEqual(new Date(2026, 11, 14, 2, 30));
    expect(cronRun('0 3 * * * backup.sh', friday)).toBeUndefined();
  });

  it('the next start is later today when the time has not come yet', () => {
    expect(nextStart(new Date(2026, 11, 7, 1, 0), 2, 30, [0, 1, 2, 3, 4, 5, 6])).toEqual(new Date(2026, 11, 7, 2, 30));
  });
});

describe('uploads and checklist', () => {
  it('keeps a queue file name safe, refuses other files', () => {
    expect(queueFileName('C:\\Users\\Мария\\очередь май.xlsx')).toBe('очередь май.xlsx');
    expect(queueFileName('../../.env')).toBeUndefined();
    expect(queueFileName('evil<script>.csv')).toBe('evil_script_.csv');
    expect(queueFileName('doc.exe')).toBeUndefined();
  });

  it("turns doctor's ✓ ✗ lines into checklist items", () => {
    expect(checklist('navbot doctor — проверка\n  ✓ Node.js 20\n  ✗ NAVBOT_CONCURRENCY: нужно число\n      Исправьте .env\n')).toEqual([
      { state: 'info', text: 'navbot doctor — проверка' },
      { state: 'ok', text: 'Node.js 20' },
      { state: 'fail', text: 'NAVBOT_CONCURRENCY: нужно число\nИсправьте .env' },
    ]);
  });
});
