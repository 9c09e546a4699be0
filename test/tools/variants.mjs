#!/usr/bin/env node
// `npm run variants`: the whole stand-variant matrix (test/e2e/variant-matrix-full.spec.ts), every
// variant alone and every pair that makes sense; `npm test` runs only the reduced set
// (variant-matrix.spec.ts). Extra arguments go to Playwright (e.g. `-g kids-form`, `--workers=1`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, NAVBOT_VARIANT_MATRIX: '1' };
const cli = require.resolve('@playwright/test/cli');
const args = process.argv.slice(2);
const workers = args.some((a) => a.startsWith('--workers')) ? [] : ['--workers=2'];
const r = spawnSync(process.execPath, [cli, 'test', 'test/e2e/variant-matrix-full.spec.ts', ...workers, ...args], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
