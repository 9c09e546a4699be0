// The control API takes no token, so it must not be usable from a web page open in the staff's
// browser: a cross-origin POST (text/plain needs no preflight) or a DNS-rebound name. curl and
// Node's fetch on this computer keep working.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestStand, type TestStand } from './harness.js';

let stand: TestStand;
let port: number;

beforeEach(async () => {
  stand = await startTestStand();
  port = Number(new URL(stand.url).port);
  stand.ctx.state.addUser({ email: 'kept@school.ru', lastName: 'А', firstName: 'Б', patronymic: '', phone: '71111111111', municipality: 'г. Лесной', password: 'password', resident: true, verified: false, consent: true });
});
afterEach(async () => {
  await stand.close();
});

/** A raw request, so that Host can be anything (as a browser sends it after DNS rebinding). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, setHost: !('host' in headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const users = () => stand.ctx.state.users.length;

describe('control API: only this computer’s tools', () => {
  it('refuses a cross-origin text/plain POST to /__stand/reset (403, JSON) and resets nothing', async () => {
    const r = await send('POST', '/__stand/reset', { origin: 'https://evil.example', 'content-type': 'text/plain' }, 'x');
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('управляющий API стенда не принимает запросы со сторонних страниц: источник «https://evil.example» — не сам стенд');
    expect(users()).toBe(1);
  });

  it('refuses other origins: another port on this computer, «null», https', async () => {
    for (const origin of [`http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`, `http://evil.example:${port}`]) {
      expect((await send('POST', '/__stand/reset', { origin }, '')).status, origin).toBe(403);
    }
    expect(users()).toBe(1);
  });

  it('refuses a request to a name other than loopback or the stand’s host (DNS rebinding)', async () => {
    const attempts: Array<Record<string, string>> = [{ host: `evil.example:${port}` }, { host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, { host: `10.0.0.5:${port}` }];
    for (const headers of attempts) {
      const r = await send('POST', '/__stand/reset', headers, '');
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.json.error).toMatch(/^управляющий API стенда отвечает только на запросы к 127\.0\.0\.1, localhost или 127\.0\.0\.1; запрос к «/);
    }
    expect((await send('GET', '/__stand/state', { host: `evil.example:${port}` })).status).toBe(403);
    expect(users()).toBe(1);
  });

  it('refuses what the browser marks as sent from another site, even without Origin', async () => {
    expect((await send('GET', '/__stand/state', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await send('GET', '/__stand/state', { 'sec-fetch-site': 'none' })).status).toBe(200); // typed into the address bar
  });

  it('keeps working for curl and Node fetch on this computer, and for the stand’s own pages', async () => {
    expect((await fetch(`${stand.url}/__stand/state`)).status).toBe(200);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost']) {
      expect((await send('GET', '/__stand/state', { host })).status, host).toBe(200);
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      expect((await send('POST', '/__stand/settings', { origin, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, '{}')).status).toBe(200);
    }
    expect((await fetch(`${stand.url}/__stand/reset`, { method: 'POST' })).status).toBe(200);
    expect(users()).toBe(0);
  });

  it('leaves the public site alone: pages answer any origin as a site does', async () => {
    expect((await send('GET', '/', { origin: 'https://evil.example', host: `evil.example:${port}` })).status).toBe(200);
  });

  it('accepts the host the stand was started with', async () => {
    await stand.close();
    stand = await startTestStand({ host: 'stand.school.lan' });
    port = Number(new URL(stand.url).port);
    expect((await send('GET', '/__stand/state', { host: `stand.school.lan:${port}`, origin: `http://stand.school.lan:${port}` })).status).toBe(200);
    expect((await send('GET', '/__stand/state', { host: `other.school.lan:${port}` })).status).toBe(403);
  });
});
