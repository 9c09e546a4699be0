import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretName, MASK } from '../../../src/core/redact.js';

describe('createRedactor', () => {
  it('should mask every occurrence of every secret in a string', () => {
    const r = createRedactor(['stand-admin', 'Xy7pQw9Rt2Kd3M']);
    expect(r('login admin / stand-admin, again stand-admin; row Xy7pQw9Rt2Kd3M')).toBe(`login admin / ${MASK}, again ${MASK}; row ${MASK}`);
  });

  it('should mask URL-encoded, form-encoded and JSON-escaped spellings', () => {
    const secret = 'p@ss w"rd/&1';
    const r = createRedactor([secret]);
    expect(r(`q=${encodeURIComponent(secret)}`)).toBe(`q=${MASK}`);
    expect(r(`body: ${new URLSearchParams({ p: secret }).toString()}`)).toBe(`body: p=${MASK}`);
    expect(r(JSON.stringify({ v: secret }))).toBe(`{"v":"${MASK}"}`);
  });

  it('should mask secrets added later, and ignore empty or very short ones', () => {
    const r = createRedactor([]);
    r.add('');
    r.add(undefined);
    r.add('ab');
    expect(r('ab cd')).toBe('ab cd');
    r.add('RowPass2345');
    expect(r('pw=RowPass2345')).toBe(`pw=${MASK}`);
  });

  it('should forget a finished row\'s secret but never the secrets it was created with', () => {
    const r = createRedactor(['stand-admin']);
    for (let row = 0; row < 2000; row++) r.add(`RowPass${String(row).padStart(6, '0')}`);
    const before = r.size;
    for (let row = 0; row < 2000; row++) if (row !== 7) r.forget(`RowPass${String(row).padStart(6, '0')}`);
    expect(r.size).toBeLessThan(before);
    expect(r('RowPass000007 RowPass000008 stand-admin')).toBe(`${MASK} RowPass000008 ${MASK}`);
    r.forget('stand-admin');
    r.forget(undefined);
    expect(r('stand-admin')).toBe(MASK);
  });

  it('should mask values under secret-looking keys and follow nesting and arrays', () => {
    const r = createRedactor(['Sekr3tValue']);
    const input = {
      user: 'a@b.ru',
      password: 'anything',
      nested: { Authorization: 'Bearer x', list: ['ok', 'has Sekr3tValue inside', { token: 't', id: 5 }] },
      headers: { cookie: 'sid=1', 'set-cookie': 'sid=2' },
      count: 3,
      missing: undefined,
    };
    const out = r(input);
    expect(out).toEqual({
      user: 'a@b.ru',
      password: MASK,
      nested: { Authorization: MASK, list: ['ok', `has ${MASK} inside`, { token: MASK, id: 5 }] },
      headers: { cookie: MASK, 'set-cookie': MASK },
      count: 3,
      missing: undefined,
    });
    expect(input.password).toBe('anything');
  });

  it('should redact errors: message, stack, cause and own fields, keeping the class', () => {
    class LoginError extends Error {
      override name = 'LoginError';
      secretHeader = 'h';
    }
    const e = new LoginError('login with Sekr3tValue failed', { cause: new Error('inner Sekr3tValue') });
    const r = createRedactor(['Sekr3tValue']);
    const out = r(e);
    expect(out).toBeInstanceOf(LoginError);
    expect(out.message).toBe(`login with ${MASK} failed`);
    expect(out.stack).not.toContain('Sekr3tValue');
    expect((out.cause as Error).message).toBe(`inner ${MASK}`);
    expect(out.secretHeader).toBe(MASK);
    expect(e.message).toContain('Sekr3tValue');
  });

  it('should survive cycles', () => {
    const a: Record<string, unknown> = { name: 'Sekr3tValue' };
    a.self = a;
    const out = createRedactor(['Sekr3tValue'])(a);
    expect(out.name).toBe(MASK);
    expect(out.self).toBe(out);
  });
});

describe('one list of secret-looking names (issue 13)', () => {
  const secret = ['password', 'userPassword', 'PGPASSWORD', 'newpassword', 'password2', 'passphrase', 'clientsecret', 'bearertoken', 'tokens', 'auth_key', 'csrf_key', 'refreshKey', 'NAVBOT_ADMIN_PASSWORD', 'NAVBOT_SECRET', 'pwd', 'apiKey', 'x-api-key', 'X-Auth-Token', 'access_token', 'Set-Cookie', 'authorization'];
  const ordinary = ['key', 'rowKey', 'passport', 'bypass', 'passed', 'bypassCSP', 'passportNumber', 'compass', 'email', 'certificateNumber', 'tokenizer'];

  it('the redactor, the logger, the journal, the report and the trace masker ask the same question', async () => {
    const { isSecretName: traceNames } = await import('../../../src/runner/trace.js');
    const { assertSafeFacts } = await import('../../../src/journal/entry.js');
    const r = createRedactor([]);
    for (const n of [...secret, ...ordinary]) {
      const want = secret.includes(n);
      expect(isSecretName(n), n).toBe(want);
      expect(traceNames(n), n).toBe(want);
      expect((r({ [n]: 'value-1' }) as Record<string, string>)[n] === MASK, n).toBe(want);
      if (want) expect(() => assertSafeFacts({ [n]: 'x' }), n).toThrow(/похож на секрет/);
      else expect(() => assertSafeFacts({ [n]: 'x' }), n).not.toThrow();
    }
  });
});
