import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Client, startTestStand, validUser, type TestStand } from './harness.js';
import { FaultEngine, mulberry32 } from '../../../src/stand/control/faults.js';

let stand: TestStand;
let site: Client;
let control: Client;

beforeEach(async () => {
  stand = await startTestStand({ seed: 7 });
  site = new Client(stand.url);
  control = new Client(stand.url);
});
afterEach(async () => {
  await stand.close();
});

const REGISTER = { method: 'POST', path: '^/api/site/register$' };
type LogEntry = { method: string; path: string; status: number; fault?: string };
const log = async (): Promise<LogEntry[]> => (await control.get('/__stand/requests')).json;

describe('faults', () => {
  it('latency delays the response by at least ms', async () => {
    await control.post('/__stand/faults', { match: { path: '^/login$' }, action: 'latency', ms: 300 });
    const started = performance.now();
    const r = await site.get('/login');
    const took = performance.now() - started;
    expect(r.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(295);
    const quick = performance.now();
    await site.get('/');
    expect(performance.now() - quick).toBeLessThan(250);
    expect((await log())[0]).toMatchObject({ path: '/login', status: 200, fault: 'latency' });
  });

  it('error answers 500 without carrying out the request', async () => {
    await control.post('/__stand/faults', { match: REGISTER, action: 'error' });
    const r = await site.post('/api/site/register', validUser());
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ success: false, err_code: 500, data: null });
    expect(r.json.message).toMatch(/ошибка сервера/i);
    expect(stand.ctx.state.users).toHaveLength(0);
    expect(site.cookies.size).toBe(0);
    const custom = await control.post('/__stand/faults', { match: REGISTER, action: 'error', status: 429 });
    expect(custom.json.rules[0]).toMatchObject({ action: 'error', status: 429, seen: 0, fired: 0 });
    expect((await site.post('/api/site/register', validUser())).status).toBe(429);
    expect(stand.ctx.state.users).toHaveLength(0);
    expect((await log()).map((e) => [e.status, e.fault])).toEqual([
      [500, 'error'],
      [429, 'error'],
    ]);
  });

  it('hold carries the request out but keeps the response until released', async () => {
    await control.post('/__stand/faults', { match: REGISTER, action: 'hold' });
    let settled = false;
    const pending = site.post('/api/site/register', validUser()).finally(() => {
      settled = true;
    });
    await vi.waitFor(async () => {
      expect((await control.get('/__stand/held')).json).toHaveLength(1);
    });
    const held = (await control.get('/__stand/held')).json;
    expect(held[0]).toMatchObject({ id: expect.any(Number), method: 'POST', path: '/api/site/register' });
    // The user exists while the client still waits.
    expect((await control.get('/__stand/state')).json.users.map((u: { email: string }) => u.email)).toEqual(['robot+r1@school.ru']);
    expect(settled).toBe(false);
    expect(await log()).toEqual([]);
    expect((await control.post('/__stand/release', { id: held[0].id })).json).toEqual({ released: 1 });
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    expect((await control.get('/__stand/held')).json).toEqual([]);
    expect((await log())[0]).toMatchObject({ path: '/api/site/register', status: 200, fault: 'hold' });
  });

  it('hold with ms releases by itself; release without id releases all', async () => {
    await control.post('/__stand/faults', { rules: [{ match: { path: '^/forgot$' }, action: 'hold', ms: 150 }, { match: { path: '^/login$' }, action: 'hold' }] });
    const started = performance.now();
    expect((await site.get('/forgot')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const a = site.get('/login');
    const b = new Client(stand.url).get('/login');
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toHaveLength(2));
    expect((await control.post('/__stand/release', {})).json).toEqual({ released: 2 });
    expect([(await a).status, (await b).status]).toEqual([200, 200]);
  });

  it('a held request whose client gives up is logged with status 0 and leaves the held list', async () => {
    await control.post('/__stand/faults', { match: { path: '^/login$' }, action: 'hold' });
    const abort = new AbortController();
    const pending = fetch(`${stand.url}/login`, { signal: abort.signal });
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toHaveLength(1));
    abort.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toEqual([]));
    await vi.waitFor(async () => expect(await log()).toEqual([expect.objectContaining({ path: '/login', status: 0, fault: 'hold' })]));
  });

  it('stall holds a request before it is carried out: released it goes on, abandoned it never happens', async () => {
    await control.post('/__stand/faults', { match: REGISTER, action: 'stall', nth: 1, times: 2 });
    const pending = site.post('/api/site/register', validUser());
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toHaveLength(1));
    expect(stand.ctx.state.users).toHaveLength(0);
    await control.post('/__stand/release', {});
    expect((await pending).status).toBe(200);
    expect(stand.ctx.state.users).toHaveLength(1);

    const abort = new AbortController();
    const lost = fetch(`${stand.url}/api/site/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...validUser(), email: 'second@school.ru' }),
      signal: abort.signal,
    });
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toHaveLength(1));
    abort.abort();
    await expect(lost).rejects.toThrow();
    await vi.waitFor(async () => expect((await control.get('/__stand/held')).json).toEqual([]));
    await control.post('/__stand/release', {});
    expect(stand.ctx.state.users.map((u) => u.email)).toEqual(['robot+r1@school.ru']);
    await vi.waitFor(async () => expect((await log()).map((e) => [e.status, e.fault])).toEqual([[200, 'stall'], [0, 'stall']]));
  });

  it('drop carries the request out and the client gets no response', async () => {
    await control.post('/__stand/faults', { match: REGISTER, action: 'drop', nth: 1 });
    await expect(site.post('/api/site/register', validUser())).rejects.toThrow(/fetch failed/);
    expect(stand.ctx.state.users.map((u) => u.email)).toEqual(['robot+r1@school.ru']);
    expect((await log())[0]).toMatchObject({ method: 'POST', path: '/api/site/register', status: 0, fault: 'drop' });
    // A retry meets the e-mail rule: the first attempt did happen.
    expect((await site.post('/api/site/register', validUser())).status).toBe(409);
  });

  it('nth fires on the nth matching request, `times` in a row', async () => {
    await control.post('/__stand/faults', { match: { method: 'get', path: '^/login$' }, action: 'error', nth: 2, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await site.get('/login')).status);
      await site.get('/'); // not matched: does not count
    }
    expect(statuses).toEqual([200, 500, 500, 200, 200]);
    expect((await control.get('/__stand/faults')).json.rules[0]).toMatchObject({ seen: 5, fired: 2 });
  });

  it('probability is deterministic by seed: the same sequence twice, another seed another one', async () => {
    const rule = { match: { path: '^/login$' }, action: 'error', probability: 0.5 };
    const run = async () => {
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await site.get('/login')).status);
      return out.join(',');
    };
    await control.post('/__stand/faults', rule);
    const first = await run();
    await control.post('/__stand/reset');
    await control.post('/__stand/faults', rule);
    const second = await run();
    expect(second).toBe(first);
    expect(first).toContain('500');
    expect(first).toContain('200');
    await control.post('/__stand/faults', { rules: [rule], seed: 8 });
    expect(await run()).not.toBe(first);
    await control.post('/__stand/faults', { rules: [rule], seed: 7 });
    expect(await run()).toBe(first);
  });

  it('`times` caps a probability rule; static assets are spared unless asked', () => {
    const engine = new FaultEngine(1);
    engine.setRules([{ match: {}, action: 'drop', probability: 1, times: 2 }]);
    const fired = [1, 2, 3, 4].map(() => engine.decide('GET', '/x', false).terminal?.action ?? null);
    expect(fired).toEqual(['drop', 'drop', null, null]);
    engine.setRules([{ match: {}, action: 'latency', ms: 10, jitterMs: 5 }]);
    expect(engine.decide('GET', '/admin/ext/ext-all.js', true).applied).toEqual([]);
    const d = engine.decide('GET', '/api/rest/kid', false);
    expect(d.latencyMs).toBeGreaterThanOrEqual(10);
    expect(d.latencyMs).toBeLessThanOrEqual(15);
    engine.setRules([{ match: { assets: true }, action: 'error' }]);
    expect(engine.decide('GET', '/admin/ext/ext-all.js', true).terminal?.action).toBe('error');
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('control routes are never faulted', async () => {
    await control.post('/__stand/faults', { match: {}, action: 'error' });
    expect((await control.get('/__stand/state')).status).toBe(200);
    expect((await site.get('/')).status).toBe(500);
    expect((await control.delete('/__stand/faults')).json).toEqual({ rules: [] });
    expect((await site.get('/')).status).toBe(200);
  });
});
