// Traces and error pages at rest (issue 24): a trace is masked under a hidden temporary name and
// only then renamed, leftovers of a killed run are deleted at the next start; the masker keeps the
// site's host readable (a cookie's domain is no secret); error pages are kept without scripts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/core/redact.js';
import { keepMaskedTrace, rawTracePath, removeRawTraces } from '../../../src/runner/trace-file.js';
import { redactTrace } from '../../../src/runner/trace.js';
import { NO_SCRIPTS, pageWithoutScripts } from '../../../src/core/page-html.js';

const SESSION = 'SESSION123456789';
const HOST = 'nav.example.ru';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-trace-rest-'));

async function rawTrace(): Promise<Buffer> {
  const zip = new JSZip();
  const lines = [
    { type: 'before', callId: 'c1', apiName: 'browserContext.addCookies', params: { cookies: [{ name: 'navigator_session', value: SESSION, domain: HOST, path: '/', httpOnly: true }] } },
    { type: 'before', callId: 'c2', apiName: 'page.goto', params: { url: `https://${HOST}/admin/users` } },
  ];
  zip.file('trace.trace', lines.map((l) => JSON.stringify(l)).join('\n'));
  zip.file('trace.network', JSON.stringify({ type: 'resource-snapshot', snapshot: { request: { url: `https://${HOST}/api/users?page=1`, headers: [{ name: 'Cookie', value: `navigator_session=${SESSION}` }] } } }));
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function textOf(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
  return parts.join('\n');
}

describe('trace masking', () => {
  it('keeps the site’s host readable while the cookie’s value is masked', async () => {
    const file = path.join(tmp(), 'k-admin.zip');
    fs.writeFileSync(file, await rawTrace());
    await redactTrace(file, createRedactor([]));
    const text = await textOf(file);
    expect(text).not.toContain(SESSION);
    expect(text).toContain(`https://${HOST}/admin/users`);
    expect(text).toContain(`"domain":"${HOST}"`);
  });

  it('writes the raw trace under a hidden name, masks it, and only then gives it its final name', async () => {
    const dir = tmp();
    const final = path.join(dir, 'k-admin.zip');
    const seen: string[][] = [];
    const kept = await keepMaskedTrace(final, createRedactor([]), async (raw) => {
      fs.writeFileSync(raw, await rawTrace());
      seen.push(fs.readdirSync(dir));
      return true;
    });
    expect(kept).toBe(true);
    expect(seen).toEqual([['.k-admin.zip.raw']]);
    expect(fs.readdirSync(dir)).toEqual(['k-admin.zip']);
    expect(await textOf(final)).not.toContain(SESSION);
  });

  it('a trace that cannot be masked leaves nothing behind', async () => {
    const dir = tmp();
    const final = path.join(dir, 'k-admin.zip');
    const kept = await keepMaskedTrace(final, createRedactor([]), async (raw) => (fs.writeFileSync(raw, 'not a zip'), true));
    expect(kept).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('the next run’s start deletes raw and half-masked traces a killed run left', () => {
    const reports = tmp();
    const traces = path.join(reports, '2026-12-01-run', 'traces');
    fs.mkdirSync(traces, { recursive: true });
    fs.writeFileSync(rawTracePath(path.join(traces, 'k-admin.zip')), 'raw');
    fs.writeFileSync(path.join(traces, '.k-site.zip.123.ab12cd34.tmp'), 'half');
    fs.writeFileSync(path.join(traces, 'k-registry.zip'), 'masked');
    // The killed run's folder: no report and no endedAt; with its files a day old, nobody writes there.
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    for (const p of [...fs.readdirSync(traces).map((n) => path.join(traces, n)), traces, path.dirname(traces)]) fs.utimesSync(p, dayAgo, dayAgo);
    expect(removeRawTraces(reports)).toBe(2);
    expect(fs.readdirSync(traces)).toEqual(['k-registry.zip']);
  });

  it('leaves the raw trace of a run that may still be writing: another Navigator’s run sharing the reports folder (review R1, 10)', () => {
    const reports = tmp();
    const live = path.join(reports, '2026-12-07-other-navigator', 'traces');
    const ended = path.join(reports, '2026-12-07-ended', 'traces');
    for (const t of [live, ended]) fs.mkdirSync(t, { recursive: true });
    fs.writeFileSync(path.join(path.dirname(live), 'run.json'), JSON.stringify({ runId: 'x' }));
    fs.writeFileSync(path.join(path.dirname(ended), 'run.json'), JSON.stringify({ runId: 'y', endedAt: new Date().toISOString() }));
    for (const t of [live, ended]) fs.writeFileSync(rawTracePath(path.join(t, 'k-admin.zip')), 'raw');
    expect(removeRawTraces(reports)).toBe(1);
    expect(fs.readdirSync(live)).toEqual(['.k-admin.zip.raw']);
    expect(fs.readdirSync(ended)).toEqual([]);
    // A day later, still unfinished: a killed run's leftover.
    expect(removeRawTraces(reports, Date.now() + 25 * 3_600_000)).toBe(1);
    expect(fs.readdirSync(live)).toEqual([]);
  });
});

describe('error page HTML', () => {
  it('keeps the page without scripts, handlers or javascript: links, and forbids scripts by CSP', () => {
    const html = `<html><head><title>Ошибка</title><script src="app.js"></script></head><body onload="steal()"><SCRIPT>alert(1)</SCRIPT><a href="javascript:go()" onclick='x()' onmouseover=y()>Иванов</a><script type="module"/></body></html>`;
    const out = pageWithoutScripts(html);
    expect(out).not.toMatch(/<script|onload|onclick|onmouseover|javascript:/i);
    expect(out).toContain('Иванов');
    expect(out.startsWith(`<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'"><html>`)).toBe(true);
  });

  it('cannot be bypassed by nesting, a slash before a handler, a > in a value or a commented <head> (review R1, 5)', () => {
    const html = `<!DOCTYPE html><!--<head>--><scr<script></script>ipt>alert(1)</script><svg/onload=alert(2)><img alt=">" onerror=alert(3) src=x><scr<scr<script></script>ipt>ipt>x</script>`;
    const out = pageWithoutScripts(html);
    expect(out).not.toMatch(/<script|onload|onerror/i);
    // The policy is the first element, before the comment: nothing can hide it.
    expect(out.startsWith(`<!DOCTYPE html>${NO_SCRIPTS}<!--`)).toBe(true);
  });
});
