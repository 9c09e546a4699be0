// Data at rest in a real run against the stand (issue 24): the run's start deletes what is older
// than NAVBOT_KEEP_DAYS and raw traces a killed run left, keeps the ledger, says what it purged in
// the report, and leaves the reports and the ledger readable by their owner only.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readXlsx } from '../unit/report/read-back.js';
import { useStand, makeQueue, navbotEnv, runNavbot, tempDir } from './support/navbot.js';

const target = useStand();
const DAY = 86_400_000;

function oldFolder(dir: string, files: Record<string, string>, days: number): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const t = new Date(Date.now() - days * DAY);
  for (const e of readdirSync(dir, { recursive: true }) as string[]) utimesSync(path.join(dir, e), t, t);
  utimesSync(dir, t, t);
}

test('a run purges old folders and raw traces, keeps the ledger, reports it, and writes owner-only', async () => {
  test.skip(process.platform === 'win32', 'modes are checked on unix; Windows ACLs by unit tests');
  test.setTimeout(120_000);
  const dir = tempDir();
  const reports = path.join(dir, 'reports');
  oldFolder(path.join(reports, '2026-01-01T10-00-00-aaaa'), { 'run.json': '{}', 'screenshots/k-error-admin.png': 'png', 'screenshots/k-error-admin.html': '<p>' }, 40);
  oldFolder(path.join(reports, 'doctor-2026-01-02'), { 'survey.json': '{}' }, 40);
  oldFolder(path.join(reports, '2026-12-01T10-00-00-bbbb'), { 'run.json': '{}', 'traces/.k-admin.zip.raw': 'raw cookies' }, 2);
  chmodSync(reports, 0o755);

  const file = await makeQueue(path.join(dir, 'q.xlsx'), [{ key: 'Х-1', birth: '01.02.2015', sex: 'Женский' }]);
  const run = await runNavbot(['run', file], navbotEnv(target.url, dir, { NAVBOT_KEEP_DAYS: '30' }));
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.stdout + run.stderr).toContain('По сроку хранения (NAVBOT_KEEP_DAYS=30) удалено: папка прогона 2026-01-01T10-00-00-aaaa');

  const left = readdirSync(reports).sort();
  expect(left).not.toContain('2026-01-01T10-00-00-aaaa');
  expect(left).not.toContain('doctor-2026-01-02');
  expect(left).toContain('2026-12-01T10-00-00-bbbb');
  expect(existsSync(path.join(reports, '2026-12-01T10-00-00-bbbb', 'traces', '.k-admin.zip.raw'))).toBe(false);

  const runDir = path.join(reports, left.filter((n) => /^\d/.test(n) && n !== '2026-12-01T10-00-00-bbbb').at(-1)!);
  const { summaryText } = await readXlsx(path.join(runDir, 'report.xlsx'));
  expect(summaryText).toContain('осмотр doctor doctor-2026-01-02');

  expect(statSync(reports).mode & 0o777).toBe(0o700);
  expect(statSync(path.join(dir, 'state')).mode & 0o777).toBe(0o700);
  expect(statSync(runDir).mode & 0o777).toBe(0o700);
  for (const f of ['report.xlsx', 'report.html', 'run.json', 'events.jsonl']) expect(statSync(path.join(runDir, f)).mode & 0o777, f).toBe(0o600);
  const ledger = path.join(dir, 'state', 'ledger');
  expect(readdirSync(ledger).length).toBeGreaterThan(0);
});
