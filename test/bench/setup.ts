// What the bench and the row profiler share: a stand in a child process (so that navbot's own
// memory is measured alone), a queue of made-up rows, and the settings of a batch against it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { makeQueue } from '../e2e/support/navbot.js';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface StandProcess {
  child: ChildProcess;
  url: string;
}

/** Starts `navbot stand` on a free port (with its control API) and resolves with its address. */
export async function startStandProcess(variants?: string): Promise<StandProcess> {
  const args = [require.resolve('tsx/cli'), path.join(ROOT, 'src/cli/main.ts'), 'stand', '--port', '0', '--control', ...(variants ? ['--variant', variants] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Публичный сайт:\s*(http:\/\/[^\s/]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`stand exited with ${code}`)));
  });
  return { child, url };
}

/** A queue of `rows` children (keys `prefix-1`…, birth dates spread over 2014) in `dir`. */
export function benchQueue(dir: string, file: string, rows: number, prefix: string): Promise<string> {
  return makeQueue(
    path.join(dir, file),
    Array.from({ length: rows }, (_, i) => ({ key: `${prefix}-${i + 1}`, birth: `${String((i % 28) + 1).padStart(2, '0')}.0${(i % 9) + 1}.2014`, sex: i % 2 ? 'Женский' : 'Мужской' })),
  );
}

/** A batch's settings against the stand: state and reports in `dir`, no politeness cap (100 actions a second). */
export function benchSettings(standUrl: string, dir: string, concurrency: number, extra: Record<string, string> = {}): Settings {
  return loadSettings({
    NAVBOT_PUBLIC_URL: `${standUrl}/`,
    NAVBOT_ADMIN_URL: `${standUrl}/admin/`,
    NAVBOT_STATE_DIR: path.join(dir, 'state'),
    NAVBOT_REPORTS_DIR: path.join(dir, 'reports'),
    NAVBOT_CONCURRENCY: String(concurrency),
    NAVBOT_ACTIONS_PER_SECOND: '100',
    ...(process.env.NAVBOT_BROWSER ? { NAVBOT_BROWSER: process.env.NAVBOT_BROWSER } : {}),
    ...extra,
  });
}
