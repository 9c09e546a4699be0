// `navbot console` as staff start it: a separate process in a project folder of its own (its .env),
// on a free port, without opening a browser; the test's browser opens the printed address.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export interface ConsoleProcess {
  child: ChildProcess;
  /** The printed address with the token. */
  url: string;
  base: string;
  token: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startConsoleProcess(dir: string, env: Record<string, string> = {}): Promise<ConsoleProcess> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NAVBOT_')));
  // tsx from navbot's own folder: `--import tsx` would look in the project folder (as init's doctor does).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/cli/main.ts'), 'console', '--port', '0', '--no-open'], {
    cwd: dir,
    env: { ...clean, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) resolve(m[0]);
    };
    child.stdout!.on('data', look);
    child.on('exit', (code) => reject(new Error(`navbot console ended (${code}):\n${out}`)));
  });
  const u = new URL(url);
  return {
    child,
    url,
    base: u.origin,
    token: u.searchParams.get('token')!,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await ended;
    },
  };
}
