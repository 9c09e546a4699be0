import { describe, expect, it } from 'vitest';
import { BusinessError, SessionExpiredError, StopRunError, SystemError } from '../../../src/core/errors.js';
import { Breaker } from '../../../src/runner/breaker.js';
import { RowRetries } from '../../../src/runner/retry.js';

const fault = () => new SystemError('HTTP 500');

describe('RowRetries: a budget counted in progress', () => {
  it('a step that fails every time ends the row after retries + 1 attempts', () => {
    const r = new RowRetries({ retries: 3, backoffMs: 100 });
    const verdicts = [1, 2, 3, 4].map(() => r.decide(fault(), false));
    expect(verdicts).toEqual(['retry', 'retry', 'retry', 'fail-row']);
    expect(r.attempt).toBe(4);
  });

  it('an attempt that got further starts the count again, so a flaky region brings the row home', () => {
    const r = new RowRetries({ retries: 1, backoffMs: 100 });
    expect(r.decide(fault(), false)).toBe('retry');
    // Each later attempt saw one more step done before it failed: never out of budget.
    for (let i = 0; i < 5; i++) expect(r.decide(fault(), true)).toBe('retry');
    expect(r.decide(fault(), false)).toBe('fail-row');
  });

  it('an attempt that only read (login, probe, read-back) costs a quarter: four times the tries before the row fails', () => {
    const r = new RowRetries({ retries: 3, backoffMs: 100 });
    const verdicts = Array.from({ length: 13 }, () => r.decide(fault(), false, false));
    expect(verdicts).toEqual([...Array(12).fill('retry'), 'fail-row']);
    const mixed = new RowRetries({ retries: 3, backoffMs: 100 });
    expect([mixed.decide(fault(), false, true), mixed.decide(fault(), false, false), mixed.decide(fault(), false, true), mixed.decide(fault(), false, true)]).toEqual([
      'retry',
      'retry',
      'retry',
      'fail-row',
    ]);
  });

  it('business refusals fail at once; a stop stops the run', () => {
    expect(new RowRetries({ retries: 3, backoffMs: 1 }).decide(new BusinessError('нет', 'исправьте'), true)).toBe('fail-row');
    expect(new RowRetries({ retries: 3, backoffMs: 1 }).decide(new StopRunError('диск полон'), false)).toBe('stop-run');
  });

  it('a session expiry logs in again without using the budget, up to maxExpiries, then counts as a fault', () => {
    const r = new RowRetries({ retries: 1, backoffMs: 1, maxExpiries: 2 });
    const expired = () => new SessionExpiredError('login view');
    expect(r.decide(expired(), false)).toBe('relogin-retry');
    expect(r.decide(expired(), false)).toBe('relogin-retry');
    expect(r.attempt).toBe(1);
    expect(r.decide(expired(), false)).toBe('retry');
    expect(r.decide(expired(), false)).toBe('fail-row');
  });

  it('the pause doubles with attempts without progress, with jitter, capped at 16 × backoff', () => {
    const r = new RowRetries({ retries: 10, backoffMs: 100 }, () => 0.5);
    const pauses: number[] = [];
    for (let i = 0; i < 7; i++) {
      r.decide(fault(), false);
      pauses.push(r.delayMs());
    }
    expect(pauses).toEqual([100, 200, 400, 800, 1600, 1600, 1600]);
    r.decide(fault(), true);
    expect(r.delayMs()).toBe(100);
    expect(new RowRetries({ retries: 3, backoffMs: 100 }, () => 0).delayMs()).toBe(50);
  });
});

describe('Breaker', () => {
  it('trips on the limit-th fault in a row, once, with the Russian wording', () => {
    const b = new Breaker(3);
    expect(b.fault()).toBeUndefined();
    expect(b.fault()).toBeUndefined();
    const reason = b.fault();
    expect(reason).toMatch(/^Навигатор не отвечает: 3 сбоев подряд\. Прогон остановлен/);
    expect(b.tripped).toBe(true);
    expect(b.fault()).toBeUndefined();
  });

  it('a step that ends well closes it again', () => {
    const b = new Breaker(2);
    b.fault();
    b.success();
    expect(b.faults).toBe(0);
    expect(b.fault()).toBeUndefined();
    expect(b.fault()).toBeDefined();
  });
});
