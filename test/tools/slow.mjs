#!/usr/bin/env node
// `npm run slow`: the 10-row batch on a region answering in 5 s (the suite runs 2 rows). NAVBOT_SLOW_ROWS overrides.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, NAVBOT_SLOW_ROWS: process.env.NAVBOT_SLOW_ROWS ?? '10' };
const cli = require.resolve('@playwright/test/cli');
const r = spawnSync(process.execPath, [cli, 'test', 'test/e2e/slow.spec.ts'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
