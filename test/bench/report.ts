// How long the report of a large run takes and how big it is: a fake 1,000-row run (mostly issued,
// some already issued, failed with screenshot and trace, invalid, not reached), then buildReport.
// Run alone: `npx tsx test/bench/report.ts [rows]`.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../src/report/build.js';
import { benchRows, makeFakeRun } from '../unit/report/fake-run.js';

export interface ReportBench {
  rows: number;
  /** Wall time of buildReport (read run.json, events, journal; write xlsx and html). */
  ms: number;
  xlsxBytes: number;
  htmlBytes: number;
}

export async function benchReport(rows = 1000): Promise<ReportBench> {
  const run = makeFakeRun({ rows: benchRows(rows), fastJournal: true });
  try {
    const started = performance.now();
    const built = await buildReport(run.runDir);
    const ms = Math.round(performance.now() - started);
    return { rows, ms, xlsxBytes: fs.statSync(built.xlsx).size, htmlBytes: fs.statSync(built.html).size };
  } finally {
    fs.rmSync(run.root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 1000);
  process.stdout.write(`${JSON.stringify(await benchReport(rows))}\n`);
}
