#!/usr/bin/env node
// `npm run soak`: the full 200-row soak (the suite runs a 16-row one). NAVBOT_SOAK_ROWS overrides.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, NAVBOT_SOAK_ROWS: process.env.NAVBOT_SOAK_ROWS ?? '200' };
const cli = require.resolve('@playwright/test/cli');
const r = spawnSync(process.execPath, [cli, 'test', 'test/e2e/longrun.spec.ts', '-g', 'soak'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
