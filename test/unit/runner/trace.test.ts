// A trace kept after a system fault must carry no password, cookie or token — not in headers,
// bodies, snapshots, nor in the names of body files (SHA-1 of the raw body) — and a raw archive
// must never be left behind.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/core/redact.js';
import { isSecretName, redactTrace } from '../../../src/runner/trace.js';

const dir = mkdtempSync(path.join(tmpdir(), 'navbot-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

const ADMIN_PASSWORD = 'Admin-Pa55word'; // known to the redactor
const ROW_PASSWORD = 'Row-Secret-Pass-1'; // not known: found by the field's name
const SESSION = 'SESSION123456789';
const TOKEN = 'TOKEN-abcdef-123456';
const SECRETS = [ADMIN_PASSWORD, ROW_PASSWORD, SESSION, TOKEN];

const loginBody = JSON.stringify({ email: 'admin@stand.local', password: ROW_PASSWORD });
const loginAnswer = JSON.stringify({ data: { token: TOKEN, id: 7 }, success: true });
const laterAnswer = JSON.stringify({ data: { echo: `you are ${TOKEN}` } }); // the token under an innocent name
const formBody = `login=admin&pass=${encodeURIComponent(ROW_PASSWORD)}`;
const binaryBody = Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x82]);
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const png1 = `${sha1(png)}.png`;

const names = {
  loginBody: `${sha1(loginBody)}.json`,
  loginAnswer: `${sha1(loginAnswer)}.json`,
  laterAnswer: `${sha1(laterAnswer)}.json`,
  formBody: `${sha1(formBody)}.bin`,
  binaryBody: `${sha1(binaryBody)}.dat`,
};

function network(): string {
  const lines = [
    {
      type: 'resource-snapshot',
      snapshot: {
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:8080/api/admin/login',
          headers: [
            { name: 'Content-Type', value: 'application/json' },
            { name: 'Cookie', value: `navigator_session=${SESSION}; theme=dark` },
          ],
          cookies: [{ name: 'navigator_session', value: SESSION }],
          postData: { mimeType: 'application/json', text: '', params: [], _file: `resources/${names.loginBody}` },
        },
        response: {
          status: 200,
          headers: [{ name: 'Set-Cookie', value: `navigator_session=${SESSION}; Path=/; HttpOnly` }],
          content: { size: loginAnswer.length, mimeType: 'application/json', _file: `resources/${names.loginAnswer}` },
        },
      },
    },
    {
      type: 'resource-snapshot',
      snapshot: {
        request: {
          method: 'POST',
          url: `http://127.0.0.1:8080/api/admin/users?access_token=${TOKEN}&page=2`,
          headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }],
          postData: { mimeType: 'application/x-www-form-urlencoded', text: '', params: [{ name: 'login', value: 'admin' }, { name: 'pass', value: ROW_PASSWORD }], _file: `resources/${names.formBody}` },
        },
        response: { status: 200, headers: [], content: { mimeType: 'application/json', _file: `resources/${names.laterAnswer}` } },
      },
    },
    {
      // An older trace format: the body under _sha1, and not text.
      type: 'resource-snapshot',
      snapshot: {
        request: { method: 'POST', url: 'http://127.0.0.1:8080/upload', headers: [], postData: { mimeType: 'application/octet-stream', _sha1: names.binaryBody } },
        response: { status: 200, headers: [], content: { mimeType: 'image/png', _file: `resources/${png1}` } },
      },
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

function traceLines(): string {
  return (
    [
      { version: 8, type: 'context-options', options: { bypassCSP: false } },
      { type: 'before', callId: 'call@1', method: 'fill', params: { selector: 'input[name=password]', value: ADMIN_PASSWORD } },
      { type: 'frame-snapshot', snapshot: { html: ['HTML', {}, ['INPUT', { type: 'password', __playwright_value_: ROW_PASSWORD }], ['INPUT', { type: 'text', __playwright_value_: 'Иванов' }]], resourceOverrides: [{ url: 'x', sha1: names.loginAnswer }] } },
      { type: 'log', message: `  - Authorization: Bearer ${TOKEN}` },
      { type: 'log', message: '  - x-csrf-token: CSRF-only-seen-here' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n') + '\n'
  );
}

async function syntheticTrace(file: string): Promise<void> {
  const zip = new JSZip();
  zip.file('trace.trace', traceLines());
  zip.file('trace.network', network());
  zip.file('trace.stacks', JSON.stringify({ files: ['/work/flows/a.ts'], stacks: [] }));
  zip.file(`resources/${names.loginBody}`, loginBody);
  zip.file(`resources/${names.loginAnswer}`, loginAnswer);
  zip.file(`resources/${names.laterAnswer}`, laterAnswer);
  zip.file(`resources/${names.formBody}`, formBody);
  zip.file(`resources/${names.binaryBody}`, binaryBody);
  zip.file(`resources/${png1}`, png);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function contents(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const e of Object.values(zip.files)) if (!e.dir) out.set(e.name, await e.async('nodebuffer'));
  return out;
}

describe('redactTrace', () => {
  it('masks headers, secret JSON and form fields, snapshots and the token everywhere; renames bodies by their masked content', async () => {
    const file = path.join(dir, 'row-admin.zip');
    await syntheticTrace(file);
    await redactTrace(file, createRedactor([ADMIN_PASSWORD]));
    const files = await contents(file);

    // No secret in any entry, nor any body file still named by its raw content.
    for (const [name, bytes] of files) {
      const text = bytes.toString('latin1') + bytes.toString('utf8');
      for (const secret of SECRETS) expect(text, `${secret} in ${name}`).not.toContain(secret);
      for (const raw of [names.loginBody, names.loginAnswer, names.laterAnswer, names.formBody, names.binaryBody]) {
        expect(name).not.toContain(raw);
        expect(text, `${raw} referenced in ${name}`).not.toContain(raw.slice(0, 40));
      }
    }
    // Bodies: masked, and each stored under the SHA-1 of what it now holds.
    const body = (n: string) => files.get(n)!.toString('utf8');
    const resources = [...files.keys()].filter((n) => n.startsWith('resources/'));
    for (const n of resources) expect(path.basename(n).slice(0, 40)).toBe(sha1(files.get(n)!));
    const lines = body('trace.network').trim().split('\n').map((l) => JSON.parse(l));
    const [login, later, upload] = lines.map((l) => l.snapshot);
    expect(JSON.parse(body(login.request.postData._file))).toEqual({ email: 'admin@stand.local', password: '***' });
    expect(JSON.parse(body(login.response.content._file))).toEqual({ data: { token: '***', id: 7 }, success: true });
    expect(JSON.parse(body(later.response.content._file))).toEqual({ data: { echo: 'you are ***' } });
    expect(body(later.request.postData._file)).toBe('login=admin&pass=***');
    // Headers, cookies, query and form parameters.
    expect(login.request.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Cookie', value: '***' },
    ]);
    expect(login.request.cookies).toEqual([{ name: 'navigator_session', value: '***' }]);
    expect(login.response.headers).toEqual([{ name: 'Set-Cookie', value: '***' }]);
    expect(later.request.headers).toEqual([{ name: 'Authorization', value: '***' }]);
    expect(later.request.url).toBe('http://127.0.0.1:8080/api/admin/users?access_token=***&page=2');
    expect(later.request.postData.params).toEqual([{ name: 'login', value: 'admin' }, { name: 'pass', value: '***' }]);
    // A request body that is not text is dropped with its pointer; a picture is kept as it was.
    expect(upload.request.postData).toEqual({ mimeType: 'application/octet-stream' });
    expect(files.get(`resources/${png1}`)).toEqual(png);
    expect(upload.response.content._file).toBe(`resources/${png1}`);
    expect(resources).toHaveLength(5);
    // The action log and the snapshots.
    const trace = body('trace.trace').trim().split('\n').map((l) => JSON.parse(l));
    expect(trace[0].options).toEqual({ bypassCSP: false });
    expect(trace[1].params).toEqual({ selector: 'input[name=password]', value: '***' });
    expect(trace[2].snapshot.html[2][1]).toEqual({ type: 'password', __playwright_value_: '***' });
    expect(trace[2].snapshot.html[3][1]).toEqual({ type: 'text', __playwright_value_: 'Иванов' });
    expect(trace[2].snapshot.resourceOverrides[0].sha1).toBe(path.basename(login.response.content._file));
    expect(trace[3].message).toBe('  - Authorization: ***');
    expect(trace[4].message).toBe('  - x-csrf-token: ***');
    // Written beside and renamed into place: nothing else is left in the folder.
    expect(readdirSync(dir)).toEqual(['row-admin.zip']);
  });

  it('leaves nothing behind when the archive cannot be read: no raw trace, no temporary file', async () => {
    const file = path.join(dir, 'broken-admin.zip');
    writeFileSync(file, `PK\u0003\u0004 not really a zip ${ADMIN_PASSWORD}`);
    await expect(redactTrace(file, createRedactor([ADMIN_PASSWORD]))).rejects.toThrow();
    expect(readdirSync(dir).filter((n) => n.startsWith('broken') || n.startsWith('.broken'))).toEqual([]);
  });

  it('knows secret-looking names from ordinary ones', () => {
    for (const n of ['pass', 'password', 'Password', 'userPassword', 'secret', 'client_secret', 'token', 'access_token', 'refresh_token', 'accessToken', 'X-Auth-Token', 'authorization', 'Proxy-Authorization', 'cookie', 'Set-Cookie', 'cookies', 'x-api-key', 'pwd']) {
      expect(isSecretName(n), n).toBe(true);
    }
    for (const n of ['passed', 'bypassCSP', 'compass', 'email', 'name', 'value', 'tokenizer', 'sha1', 'url']) expect(isSecretName(n), n).toBe(false);
  });
});
