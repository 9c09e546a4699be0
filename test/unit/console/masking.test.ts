// The console's answers are masked before serialising (review R1, 12a): a password with `"` or `\`
// is escaped in JSON text, so masking the JSON afterwards let it through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskValues } from '../../../src/console/mask-values.js';
import { startConsole, type ConsoleServer } from '../../../src/console/server.js';

const PASSWORD = 'Pa"55\\wo<rd';
const servers: ConsoleServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('console masking', () => {
  it('masks every string of a value, nested and in arrays, and leaves non-strings alone', () => {
    const mask = (s: string) => s.split(PASSWORD).join('***');
    const at = new Date(0);
    const out = maskValues({ a: `x ${PASSWORD} y`, b: [PASSWORD, 3, null, { c: PASSWORD }], at }, mask);
    expect(out).toEqual({ a: 'x *** y', b: ['***', 3, null, { c: '***' }], at });
    expect(JSON.stringify(out)).not.toContain('Pa\\"55');
  });

  it('a JSON answer never carries a password with " or \\ in it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-console-mask-'));
    const env = { NAVBOT_ADMIN_PASSWORD: PASSWORD, NAVBOT_ADMIN_EMAIL: `admin ${PASSWORD}`, NAVBOT_STATE_DIR: path.join(dir, 'state'), NAVBOT_REPORTS_DIR: path.join(dir, 'reports') };
    const server = await startConsole({ port: 0, dir, token: 't'.repeat(32), env });
    servers.push(server);
    const res = await server.app.inject({ method: 'GET', url: '/api/setup', headers: { host: `127.0.0.1:${server.port}`, 'x-navbot-token': server.token } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Pa\\"55');
    expect(res.body).not.toContain('wo<rd');
    expect((res.json() as { adminEmail: string }).adminEmail).toMatch(/^admin \*+/);
  });
});
