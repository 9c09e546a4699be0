import { describe, expect, it } from 'vitest';
import { BusinessError, MissingElementError, SessionExpiredError, SettingsStopError, StopRunError, SystemError, canRetry, rootDecision } from '../../../src/core/errors.js';

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
  it('should fail the row and stop the run on a missing element, on any attempt, never retry it', () => {
    const missing = new MissingElementError('кнопки «Выдать сертификат»', 'админ-панели');
    expect(canRetry(missing, 1, 5)).toBe('fail-row-stop-run');
    expect(canRetry(missing, 9, 0)).toBe('fail-row-stop-run');
    expect(canRetry(new Error('outer', { cause: missing }), 1, 5)).toBe('fail-row-stop-run');
    // Still a business fault for whoever only asks that (not a system fault, not a stop).
    expect(missing).toBeInstanceOf(BusinessError);
    expect(missing).not.toBeInstanceOf(SystemError);
  });
  it('should word a missing element for staff: where, what, the step, and navbot doctor', () => {
    const missing = new MissingElementError('поля «ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ»', 'сайта');
    expect(missing.reason).toBe('На странице сайта нет поля «ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ»: проверьте профиль региона (navbot doctor).');
    const during = missing.during('регистрация на сайте');
    expect(during.reason).toBe('На странице сайта нет поля «ВЫБЕРИТЕ МУНИЦИПАЛИТЕТ» (шаг «регистрация на сайте»): проверьте профиль региона (navbot doctor).');
    expect(during.during('другой шаг')).toBe(during);
    expect(missing.during(undefined)).toBe(missing);
    expect(missing.action).toMatch(/navbot doctor.*NAVBOT_PROFILE/);
  });
  it('should stop the run with exit 2 on a settings stop', () => {
    const stop = new SettingsStopError('Браузер не запустился');
    expect(canRetry(stop, 1, 5)).toBe('stop-run');
    expect(stop.exitCode).toBe(2);
  });
  it('should decide by the wrapped cause', () => {
    const wrapped = new Error('outer', { cause: new BusinessError('inner', 'a') });
    expect(rootDecision(wrapped)).toBeInstanceOf(BusinessError);
    expect(canRetry(wrapped, 1, 3)).toBe('fail-row');
  });
});
