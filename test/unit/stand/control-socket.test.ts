// A stand started with --host 0.0.0.0 --control is on the network; its control API must answer
// only this computer, judged by the socket, not by a Host header anyone can write (issue 24).
import http from 'node:http';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { startStand } from '../../../src/stand/server.js';
import { controlRequestRefusal } from '../../../src/stand/control/guard.js';

/** An address of this computer that is not loopback (as another machine on the LAN would reach it). */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

function get(host: string, port: number, path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path, method: 'GET', headers: { host: hostHeader }, setHost: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('control API by socket', () => {
  it('refuses a request from another address even with Host: 127.0.0.1', () => {
    const req = { host: '127.0.0.1:8080', origin: undefined, secFetchSite: undefined, localPort: 8080 };
    expect(controlRequestRefusal({ ...req, remoteAddress: '192.0.2.7' }, '0.0.0.0')).toBe('управляющий API стенда отвечает только запросам с этого компьютера; запрос с 192.0.2.7 отклонён');
    expect(controlRequestRefusal({ ...req, remoteAddress: '::ffff:127.0.0.1' }, '0.0.0.0')).toBeUndefined();
    expect(controlRequestRefusal({ ...req, remoteAddress: '::1' }, '0.0.0.0')).toBeUndefined();
  });

  it.runIf(lanAddress)('a stand on 0.0.0.0 answers its control API on 127.0.0.1 only; the site stays open to the LAN', async () => {
    const stand = await startStand({ host: '0.0.0.0', port: 0, control: true });
    try {
      const port = Number(new URL(stand.publicUrl).port);
      expect(await get('127.0.0.1', port, '/__stand/state', `127.0.0.1:${port}`)).toBe(200);
      expect(await get(lanAddress!, port, '/__stand/state', `127.0.0.1:${port}`)).toBe(403);
      expect(await get(lanAddress!, port, '/', `${lanAddress}:${port}`)).toBe(200);
    } finally {
      await stand.close();
    }
  });
});
