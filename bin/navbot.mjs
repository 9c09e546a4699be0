#!/usr/bin/env node
// Entry for `navbot <command>` after `npm link` / global install: runs the TypeScript CLI through
// tsx in a child process. Ctrl+C reaches the child from the terminal itself (the whole process
// group gets it); this wrapper only stays alive until the child has finished its graceful stop.
// A scheduler's SIGTERM or SIGHUP goes to this process alone, so it is passed on to the child.
// The wrapper ends as the child did: its exit code, or 128 + the signal's number when a signal
// ended it (exit-code.mjs).
import { spawn } from 'node:child_process';
import { exitCodeFor } from './exit-code.mjs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsx = pathToFileURL(require.resolve('tsx')).href;
const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.on('SIGINT', () => undefined);
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(exitCodeFor(code, signal)));
