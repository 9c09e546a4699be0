// The run folder's files the console serves (review R1, 3 and 5): the log is navbot.log, the
// printed applications are served, and every answer under /runs/ carries a Content-Security-Policy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGE_CSP, REPORT_CSP, servedFile } from '../../../src/console/run-files.js';
import { startConsole, type ConsoleServer } from '../../../src/console/server.js';

const servers: ConsoleServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('run files in the console', () => {
  it('serves the log, screenshots, error pages and printed applications; nothing else', () => {
    expect(servedFile('navbot.log')).toEqual({ csp: PAGE_CSP });
    expect(servedFile('applications/Р-1.pdf')).toEqual({});
    expect(servedFile('applications/Р-1.html')).toEqual({ csp: PAGE_CSP });
    expect(servedFile('screenshots/k1-fail.html')).toEqual({ csp: PAGE_CSP });
    expect(servedFile('report.html')).toEqual({ csp: REPORT_CSP });
    for (const bad of ['run.log', 'run.json', 'events.jsonl', 'applications/../run.json', 'applications/x/y.pdf', 'traces/k.zip']) expect(servedFile(bad)).toBeUndefined();
  });

  it('answers with the file and its policy over HTTP', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-console-files-'));
    const reports = path.join(dir, 'reports');
    const run = path.join(reports, '2026-12-07T10-00-00-q');
    fs.mkdirSync(path.join(run, 'applications'), { recursive: true });
    fs.writeFileSync(path.join(run, 'navbot.log'), 'журнал\n');
    fs.writeFileSync(path.join(run, 'applications', 'k1.html'), '<p>заявление</p>');
    fs.writeFileSync(path.join(run, 'applications', 'k1.pdf'), '%PDF-1.4\n');
    fs.writeFileSync(path.join(run, 'report.html'), '<p>отчёт</p>');
    const server = await startConsole({ port: 0, dir, token: 't'.repeat(32), env: { NAVBOT_REPORTS_DIR: reports, NAVBOT_STATE_DIR: path.join(dir, 'state') } });
    servers.push(server);
    const get = (url: string) => server.app.inject({ method: 'GET', url, headers: { host: `127.0.0.1:${server.port}`, 'x-navbot-token': server.token } });
    const base = '/runs/2026-12-07T10-00-00-q';
    const log = await get(`${base}/navbot.log`);
    expect([log.statusCode, log.headers['content-security-policy']]).toEqual([200, 'sandbox']);
    const page = await get(`${base}/applications/k1.html`);
    expect([page.statusCode, page.headers['content-security-policy']]).toEqual([200, 'sandbox']);
    const pdf = await get(`${base}/applications/k1.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-security-policy']).toBeUndefined();
    const report = await get(`${base}/report.html`);
    expect(report.headers['content-security-policy']).toBe(REPORT_CSP);
    expect(REPORT_CSP).toMatch(/connect-src 'none'/);
    const missing = await get(`${base}/run.json`);
    expect([missing.statusCode, missing.headers['content-security-policy']]).toEqual([404, 'sandbox']);
  });
});
