import { describe, expect, it } from 'vitest';
import { BusinessError, SessionExpiredError, StopRunError, SystemError, canRetry, rootDecision } from '../../../src/core/errors.js';

describe('canRetry', () => {
  it('should never retry a business fault', () => {
    expect(canRetry(new BusinessError('нет', 'сделайте'), 1, 5)).toBe('fail-row');
  });
  it('should retry system faults and unknown errors until the retries are spent', () => {
    expect(canRetry(new SystemError('x'), 1, 2)).toBe('retry');
    expect(canRetry(new Error('page crashed'), 2, 2)).toBe('retry');
    expect(canRetry(new SystemError('x'), 3, 2)).toBe('fail-row');
  });
  it('should log in again after an expired session, also on the last attempt or with no retries (the runner bounds expiries)', () => {
    expect(canRetry(new SessionExpiredError('x'), 1, 2)).toBe('relogin-retry');
    expect(canRetry(new SessionExpiredError('x'), 3, 2)).toBe('relogin-retry');
    expect(canRetry(new SessionExpiredError('x'), 1, 0)).toBe('relogin-retry');
    expect(canRetry(new SystemError('x'), 3, 2)).toBe('fail-row');
  });
  it('should stop the run on a stop error whatever the attempt', () => {
    expect(canRetry(new StopRunError('x'), 99, 0)).toBe('stop-run');
  });
  it('should decide by the wrapped cause', () => {
    const wrapped = new Error('outer', { cause: new BusinessError('inner', 'a') });
    expect(rootDecision(wrapped)).toBeInstanceOf(BusinessError);
    expect(canRetry(wrapped, 1, 3)).toBe('fail-row');
  });
});
