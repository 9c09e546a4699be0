import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNode, checkSecret, checkUrl, checkWritable, exitCodeFor } from '../../../src/doctor/checks.js';
import { DEMO_SECRET } from '../../../src/config/settings.js';

describe('doctor checks', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.statusCode = req.url === '/broken' ? 503 : 200;
      res.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('should accept a site that answers and reject one that answers 5xx', async () => {
    expect(await checkUrl(`${base}/`, 'сайт', 'NAVBOT_PUBLIC_URL', { timeoutMs: 5_000, stand: true })).toMatchObject({ ok: true });
    const broken = await checkUrl(`${base}/broken`, 'сайт', 'NAVBOT_PUBLIC_URL', { timeoutMs: 5_000, stand: true });
    expect(broken).toMatchObject({ ok: false, area: 'target' });
    expect(broken.text).toMatch(/HTTP 503/);
  });

  it('should tell to start the stand when the stand refuses connections', async () => {
    const probe = http.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const r = await checkUrl(`http://127.0.0.1:${port}/`, 'публичный сайт', 'NAVBOT_PUBLIC_URL', { timeoutMs: 5_000, stand: true });
    expect(r.ok).toBe(false);
    expect(r.text).toContain('учебный стенд не запущен: npm run stand');
  });

  it('should check Node, the secret and writable folders', () => {
    expect(checkNode('20.1.0').ok).toBe(true);
    expect(checkNode('18.19.0').ok).toBe(false);
    expect(checkSecret({ secret: DEMO_SECRET, targetIsStand: true }).ok).toBe(true);
    expect(checkSecret({ secret: DEMO_SECRET, targetIsStand: false }).ok).toBe(false);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-doctor-'));
    try {
      expect(checkWritable(path.join(dir, 'state'), 'папка журнала', 'NAVBOT_STATE_DIR').ok).toBe(true);
      fs.writeFileSync(path.join(dir, 'file'), '');
      expect(checkWritable(path.join(dir, 'file', 'sub'), 'папка журнала', 'NAVBOT_STATE_DIR').ok).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should map failures to exit codes: settings 2 before target 3', () => {
    const ok = { ok: true, text: '', area: 'settings' as const };
    expect(exitCodeFor([ok])).toBe(0);
    expect(exitCodeFor([ok, { ok: false, text: '', area: 'target' }])).toBe(3);
    expect(exitCodeFor([{ ok: false, text: '', area: 'settings' }, { ok: false, text: '', area: 'target' }])).toBe(2);
  });
});
