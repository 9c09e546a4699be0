#!/usr/bin/env node
// `npm test`: runs vitest, then Playwright (both always run), and prints one closing line
// `N passed, N failed` summed over both runners. Works the same on Windows and in CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const outDir = path.resolve('reports', 'test-results-json');
mkdirSync(outDir, { recursive: true });
const vitestJson = path.join(outDir, 'vitest.json');
const playwrightJson = path.join(outDir, 'playwright.json');
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const bin = (name) => path.resolve('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' }).status ?? 1;

const extra = process.argv.slice(2);
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...extra]);
const playwrightStatus = run(bin('playwright'), ['test', '--reporter=list,json', ...extra], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

function readJson(file) {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  // A file that fails to load has no failed test but a failed suite: count it once.
  if ((v.numFailedTests ?? 0) === 0) failed += v.numFailedTestSuites ?? 0;
} else if (vitestStatus !== 0) failed += 1;
const p = readJson(playwrightJson);
if (p?.stats) {
  passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected ?? 0;
  if ((p.errors?.length ?? 0) > 0 && (p.stats.unexpected ?? 0) === 0) failed += p.errors.length;
} else if (playwrightStatus !== 0) failed += 1;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(vitestStatus !== 0 || playwrightStatus !== 0 || failed > 0 ? 1 : 0);
