#!/usr/bin/env node
// Entry for `navbot <command>` after `npm link` / global install: runs the TypeScript CLI through
// tsx in a child process. Ctrl+C reaches the child from the terminal itself; this wrapper only
// stays alive until the child has finished its graceful stop, and passes on a scheduler's
// SIGTERM/SIGHUP, which go to this process alone.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsx = pathToFileURL(require.resolve('tsx')).href;
const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.on('SIGINT', () => undefined);
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
