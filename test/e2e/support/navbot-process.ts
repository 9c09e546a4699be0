// `navbot <args>` in a child process, for any test runner (no Playwright import here: vitest's
// third-flow test uses it too). One process — tsx as a loader, not its CLI wrapper — so that
// SIGKILL hits navbot itself; the developer's NAVBOT_* variables and .env do not leak in.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export interface NavbotRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `navbot <args>` with the given environment. */
export function startNavbot(args: string[], env: Record<string, string>): NavbotRun {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NAVBOT_')));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...clean, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export async function runNavbot(args: string[], env: Record<string, string>) {
  return startNavbot(args, env).done;
}
