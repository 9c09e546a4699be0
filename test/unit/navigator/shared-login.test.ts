// The shared admin login: pages of one context that meet the login view together log in once;
// the others pick that session up (reload); a page that still sees the login view logs in again.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { SharedLogin } from '../../../src/navigator/shared-login.js';
import { playwrightDisabledFeatures } from '../../../src/runner/chromium-flags.js';

function fakePage(name: string, log: string[], cookies: Array<{ name: string; value: string }> = []): Page {
  const state = { cookies, origins: [{ origin: 'http://stand', localStorage: [{ name: 'access_token', value: `t-${name}` }] }] };
  return {
    url: () => 'http://stand/admin/',
    context: () => ({
      storageState: async () => state,
      addCookies: async (c: Array<{ name: string; value: string }>) => void log.push(`${name}: cookies ${c.map((x) => `${x.name}=${x.value}`).join(',')}`),
    }),
    evaluate: async () => void log.push(`${name}: restore`),
  } as unknown as Page;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SharedLogin', () => {
  it('logs in once when several pages find the login view together; the others reload', async () => {
    const gate = new SharedLogin();
    const log: string[] = [];
    const pages = ['a', 'b', 'c'].map((n) => fakePage(n, log));
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const ways = (name: string) => ({
      login: async () => {
        log.push(`${name}: login`);
        await slow;
      },
      resume: async () => {
        log.push(`${name}: reload`);
        return true;
      },
    });
    const all = Promise.all(pages.map((p, i) => gate.enter(p, ways(['a', 'b', 'c'][i]!))));
    await tick();
    release();
    await all;
    expect(log.filter((l) => l.endsWith('login'))).toEqual(['a: login']);
    expect(log.filter((l) => l.endsWith('reload')).sort()).toEqual(['b: reload', 'c: reload']);
    expect(gate.logins).toBe(1);
  });

  it('a page that saw the newest session fail logs in again; one still on an older session reloads first', async () => {
    const gate = new SharedLogin();
    const log: string[] = [];
    const a = fakePage('a', log);
    const b = fakePage('b', log);
    const ways = (name: string, reloadWorks = true) => ({
      login: async () => void log.push(`${name}: login`),
      resume: async () => {
        log.push(`${name}: reload`);
        return reloadWorks;
      },
    });
    await gate.enter(a, ways('a'));
    gate.adopt(b);
    // The session expires for both: a meets it first and logs in; b, which worked with the old
    // session, takes the new one.
    await gate.enter(a, ways('a'));
    await gate.enter(b, ways('b'));
    // b meets the login view again on the newest session (it died meanwhile): b logs in itself.
    await gate.enter(b, ways('b', false));
    expect(log.filter((l) => !l.endsWith('restore'))).toEqual(['a: login', 'a: login', 'b: reload', 'b: login']);
    expect(gate.logins).toBe(3);
  });

  it('a page in a context of its own takes the login’s cookies and local storage, then reloads', async () => {
    const gate = new SharedLogin();
    const log: string[] = [];
    const a = fakePage('a', log, [{ name: 'admin_session', value: 's-1' }]);
    const b = fakePage('b', log);
    await gate.enter(a, { login: async () => void log.push('a: login'), resume: async () => true });
    await gate.enter(b, { login: async () => void log.push('b: login'), resume: async () => (log.push('b: reload'), true) });
    expect(log).toEqual(['a: login', 'b: cookies admin_session=s-1', 'b: restore', 'b: reload']);
    expect(gate.logins).toBe(1);
  });

  it('a failed login lets the next page try (no session is shared that was never made)', async () => {
    const gate = new SharedLogin();
    const log: string[] = [];
    const a = fakePage('a', log);
    const b = fakePage('b', log);
    const failing = { login: async () => Promise.reject(new Error('HTTP 503')), resume: async () => true };
    await expect(gate.enter(a, failing)).rejects.toThrow('HTTP 503');
    await gate.enter(b, { login: async () => void log.push('b: login'), resume: async () => true });
    expect(log).toEqual(['b: login']);
  });
});

describe('chromium flags', () => {
  it('reads the features the installed Playwright disables (ours are added to them, never instead)', () => {
    const list = playwrightDisabledFeatures();
    expect(list).not.toBeNull();
    expect(list).toEqual(expect.arrayContaining(['PaintHolding']));
  });
});
