// The console's door (src/console/auth.ts): the token from the address, the cookie or the header;
// every write also from the page's own Origin; a Host that is not this console refused.
import { describe, expect, it } from 'vitest';
import { checkDoor, cookieValue, newToken, sameToken, TOKEN_COOKIE, tokenCookie, type DoorRequest } from '../../../src/console/auth.js';

const TOKEN = 'tok-0123456789abcdef';
const PORT = 8765;
const base: DoorRequest = { method: 'GET', host: `127.0.0.1:${PORT}`, origin: undefined, queryToken: undefined, cookieToken: undefined, headerToken: undefined };

describe('console door', () => {
  it('refuses a request without the token with 401 and says where the address is', () => {
    const v = checkDoor(TOKEN, PORT, base);
    expect(v).toMatchObject({ ok: false, status: 401 });
    expect(v.ok ? '' : v.reason).toContain('?token=');
  });

  it('refuses a wrong or a shorter token', () => {
    expect(checkDoor(TOKEN, PORT, { ...base, queryToken: 'tok-0123456789abcdeX' }).ok).toBe(false);
    expect(checkDoor(TOKEN, PORT, { ...base, cookieToken: TOKEN.slice(0, -1) }).ok).toBe(false);
    expect(sameToken(TOKEN, undefined)).toBe(false);
  });

  it('lets in the address token (setting the cookie), then the cookie or the header', () => {
    expect(checkDoor(TOKEN, PORT, { ...base, queryToken: TOKEN })).toEqual({ ok: true, setCookie: true });
    expect(checkDoor(TOKEN, PORT, { ...base, cookieToken: TOKEN })).toEqual({ ok: true, setCookie: false });
    expect(checkDoor(TOKEN, PORT, { ...base, headerToken: TOKEN })).toEqual({ ok: true, setCookie: false });
  });

  it('refuses a write from a foreign Origin or without one, even with the token', () => {
    const write = { ...base, method: 'POST', cookieToken: TOKEN };
    expect(checkDoor(TOKEN, PORT, { ...write, origin: 'http://evil.example' })).toMatchObject({ ok: false, status: 403 });
    expect(checkDoor(TOKEN, PORT, { ...write, origin: `http://127.0.0.1:${PORT + 1}` })).toMatchObject({ ok: false, status: 403 });
    expect(checkDoor(TOKEN, PORT, write)).toMatchObject({ ok: false, status: 403 });
    expect(checkDoor(TOKEN, PORT, { ...write, method: 'DELETE', origin: 'null' })).toMatchObject({ ok: false, status: 403 });
    expect(checkDoor(TOKEN, PORT, { ...write, origin: `http://127.0.0.1:${PORT}` })).toEqual({ ok: true, setCookie: false });
    expect(checkDoor(TOKEN, PORT, { ...write, origin: `http://localhost:${PORT}`, host: `localhost:${PORT}` })).toEqual({ ok: true, setCookie: false });
  });

  it('refuses a write without the token even from its own Origin', () => {
    expect(checkDoor(TOKEN, PORT, { ...base, method: 'POST', origin: `http://127.0.0.1:${PORT}` })).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses another Host (DNS rebinding) before looking at the token', () => {
    expect(checkDoor(TOKEN, PORT, { ...base, host: 'attacker.example', queryToken: TOKEN })).toMatchObject({ ok: false, status: 403 });
    expect(checkDoor(TOKEN, PORT, { ...base, host: undefined, queryToken: TOKEN })).toMatchObject({ ok: false, status: 403 });
  });

  it('makes a new random token each time, safe in a URL', () => {
    const a = newToken();
    expect(a).toMatch(/^[\w-]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it('reads its cookie among others and sets it HttpOnly and SameSite=Strict', () => {
    expect(cookieValue(`a=1; ${TOKEN_COOKIE}=${TOKEN}; b=2`, TOKEN_COOKIE)).toBe(TOKEN);
    expect(cookieValue(`x${TOKEN_COOKIE}=${TOKEN}`, TOKEN_COOKIE)).toBeUndefined();
    expect(cookieValue(undefined, TOKEN_COOKIE)).toBeUndefined();
    expect(tokenCookie(TOKEN)).toBe(`${TOKEN_COOKIE}=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
  });
});
