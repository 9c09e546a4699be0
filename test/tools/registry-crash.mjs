#!/usr/bin/env node
// `npm run crash:registry`: the registry flows' full crash matrix — every act of registry-apply
// and registry-accept killed before it is carried out, while its answer is held and after it (the
// suite runs the reduced matrix: create and confirm, held and after). One worker: navbot is killed
// and started again many times.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, NAVBOT_REGISTRY_CRASH: 'full' };
const cli = require.resolve('@playwright/test/cli');
const r = spawnSync(process.execPath, [cli, 'test', 'test/e2e/registry-crash.spec.ts', '--workers', '1', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
