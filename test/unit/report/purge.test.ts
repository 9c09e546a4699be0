// Retention (issue 24, item 2): run folders and doctor surveys older than NAVBOT_KEEP_DAYS are
// deleted (listed with --dry-run), the ledger never; the run's report lists what its start purged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { purgeLines, purgeOld } from '../../../src/report/purge.js';
import { careAtRunStart } from '../../../src/cli/private-data.js';
import { loadModel, readRunMeta, writeRunMeta } from '../../../src/report/index.js';
import { purge } from '../../../src/cli/commands/purge.js';
import { makeFakeRun } from './fake-run.js';

const DAY = 86_400_000;

function age(dir: string, days: number): void {
  const t = new Date(Date.now() - days * DAY);
  for (const e of fs.readdirSync(dir, { recursive: true }) as string[]) fs.utimesSync(path.join(dir, e), t, t);
  fs.utimesSync(dir, t, t);
}

function project(): { root: string; reports: string; state: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-purge-'));
  const reports = path.join(root, 'reports');
  const state = path.join(root, 'data', 'state');
  const old = path.join(reports, '2026-10-01T10-00-00-old');
  fs.mkdirSync(path.join(old, 'screenshots'), { recursive: true });
  fs.mkdirSync(path.join(old, 'traces'));
  fs.writeFileSync(path.join(old, 'run.json'), '{}');
  fs.writeFileSync(path.join(old, 'report.html'), '<p>');
  fs.writeFileSync(path.join(old, 'screenshots', 'k1-fail.png'), 'png');
  fs.writeFileSync(path.join(old, 'screenshots', 'k1-fail.html'), '<p>');
  fs.writeFileSync(path.join(old, 'traces', 'k1-admin.zip'), 'zip');
  fs.writeFileSync(path.join(old, 'k1-application.pdf'), 'pdf');
  age(old, 40);
  const fresh = path.join(reports, '2026-12-01T10-00-00-new');
  fs.mkdirSync(fresh, { recursive: true });
  fs.writeFileSync(path.join(fresh, 'run.json'), '{}');
  age(fresh, 5);
  const doctor = path.join(reports, 'doctor-2026-10-02');
  fs.mkdirSync(doctor);
  fs.writeFileSync(path.join(doctor, 'survey.json'), '{}');
  age(doctor, 31);
  const mine = path.join(reports, 'my-notes');
  fs.mkdirSync(mine);
  age(mine, 400);
  fs.mkdirSync(state, { recursive: true });
  fs.writeFileSync(path.join(state, 'ledger.jsonl'), '{}\n');
  age(state, 400);
  return { root, reports, state };
}

describe('purge by NAVBOT_KEEP_DAYS', () => {
  it('a dry run lists the old run folder and doctor survey and deletes nothing', () => {
    const p = project();
    const r = purgeOld({ reportsDir: p.reports, stateDir: p.state, keepDays: 30, dryRun: true });
    expect(r.purged.map((f) => [f.name, f.kind])).toEqual([
      ['2026-10-01T10-00-00-old', 'run'],
      ['doctor-2026-10-02', 'doctor'],
    ]);
    expect(r.purged[0]!.files).toEqual({ screenshots: 1, pages: 1, traces: 1, pdfs: 1, other: 2 });
    expect(fs.existsSync(path.join(p.reports, '2026-10-01T10-00-00-old', 'screenshots', 'k1-fail.png'))).toBe(true);
    expect(purgeLines(r, 30, true)[0]).toMatch(/^По сроку хранения \(NAVBOT_KEEP_DAYS=30\) будет удалено: папка прогона 2026-10-01T10-00-00-old \(40 дн\.; снимков 1, страниц 1, трасс 1, PDF 1, прочих файлов 2\); осмотр doctor doctor-2026-10-02/);
  });

  it('deletes folders older than the limit; keeps newer ones, folders navbot did not make, and the ledger', () => {
    const p = project();
    const r = purgeOld({ reportsDir: p.reports, stateDir: p.state, keepDays: 30 });
    expect(r.purged).toHaveLength(2);
    expect(fs.readdirSync(p.reports).sort()).toEqual(['2026-12-01T10-00-00-new', 'my-notes']);
    expect(fs.readFileSync(path.join(p.state, 'ledger.jsonl'), 'utf8')).toBe('{}\n');
    expect(purgeOld({ reportsDir: p.reports, stateDir: p.state, keepDays: 3 }).purged.map((f) => f.name)).toEqual(['2026-12-01T10-00-00-new']);
  });

  it('never deletes a folder that holds the ledger, nor the run that is starting', () => {
    const p = project();
    const run = path.join(p.reports, '2026-10-01T10-00-00-old');
    const r = purgeOld({ reportsDir: p.reports, stateDir: path.join(run, 'state'), keepDays: 1, keep: [path.join(p.reports, 'doctor-2026-10-02')] });
    expect(r.purged.map((f) => f.name)).toEqual(['2026-12-01T10-00-00-new']);
  });

  it('a run’s start purges and its report lists what was purged', () => {
    const p = project();
    const run = makeFakeRun({ root: p.reports });
    const care = careAtRunStart({ reportsDir: p.reports, stateDir: p.state, keepDays: 30 }, run.runDir, { platform: 'linux', user: 'u', exec: () => ({ status: 0, stdout: '' }) });
    expect(care.purged).toHaveLength(1);
    expect(care.purged[0]).toContain('папка прогона 2026-10-01T10-00-00-old');
    expect(fs.existsSync(run.runDir)).toBe(true);
    writeRunMeta(run.runDir, { ...readRunMeta(run.runDir), purged: care.purged });
    expect(loadModel(run.runDir).notes).toContain(care.purged[0]);
  });

  it('the console’s queues older than NAVBOT_KEEP_DAYS are deleted unless a kept run was run from them (review R1, 2)', () => {
    const p = project();
    const queues = path.join(p.state, '..', 'console-queues');
    fs.mkdirSync(queues);
    for (const n of ['old.xlsx', 'used.xlsx', 'new.xlsx']) fs.writeFileSync(path.join(queues, n), 'x');
    const t = new Date(Date.now() - 40 * DAY);
    for (const n of ['old.xlsx', 'used.xlsx']) fs.utimesSync(path.join(queues, n), t, t);
    // A night run five days ago was run from used.xlsx; the 40-day-old run (purged) from old.xlsx.
    fs.writeFileSync(path.join(p.reports, '2026-12-01T10-00-00-new', 'run.json'), JSON.stringify({ queueFile: path.join(queues, 'used.xlsx') }));
    fs.writeFileSync(path.join(p.reports, '2026-10-01T10-00-00-old', 'run.json'), JSON.stringify({ queueFile: path.join(queues, 'old.xlsx') }));
    age(path.join(p.reports, '2026-10-01T10-00-00-old'), 40);
    age(path.join(p.reports, '2026-12-01T10-00-00-new'), 5);
    const dry = purgeOld({ reportsDir: p.reports, stateDir: p.state, keepDays: 30, dryRun: true });
    expect(dry.queues).toEqual(['old.xlsx']);
    expect(fs.readdirSync(queues)).toHaveLength(3);
    const r = purgeOld({ reportsDir: p.reports, stateDir: p.state, keepDays: 30 });
    expect(r.queues).toEqual(['old.xlsx']);
    expect(fs.readdirSync(queues).sort()).toEqual(['new.xlsx', 'used.xlsx']);
    expect(purgeLines(r, 30).join('\n')).toContain('очередей, загруженных в пульт: 1 (old.xlsx)');
  });

  it('`navbot purge --dry-run` says what it would delete; with nothing to delete it says so', () => {
    const p = project();
    const lines: string[] = [];
    const prev = { r: process.env.NAVBOT_REPORTS_DIR, s: process.env.NAVBOT_STATE_DIR };
    process.env.NAVBOT_REPORTS_DIR = p.reports;
    process.env.NAVBOT_STATE_DIR = p.state;
    try {
      expect(purge({ dryRun: true }, (l) => lines.push(l))).toBe(0);
      expect(lines[0]).toContain('будет удалено: папка прогона');
      expect(fs.readdirSync(p.reports)).toHaveLength(4);
      lines.length = 0;
      purge({ keepDays: '3650' }, (l) => lines.push(l));
      expect(lines[0]).toMatch(/^Удалять нечего/);
    } finally {
      for (const [k, v] of [['NAVBOT_REPORTS_DIR', prev.r], ['NAVBOT_STATE_DIR', prev.s]] as const) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
});
