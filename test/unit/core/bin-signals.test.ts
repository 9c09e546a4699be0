// bin/navbot.mjs runs the CLI in a child process: a scheduler's SIGTERM/SIGHUP must reach the
// child, and a child ended by a signal must end the wrapper with 128 + the signal's number
// (as a shell reports it), not with 1 («some rows failed»).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../bin/exit-code.mjs';

describe('exitCodeFor', () => {
  it('keeps an exit code and maps a signal to 128 + its number', () => {
    expect([exitCodeFor(0, null), exitCodeFor(2, null), exitCodeFor(130, null)]).toEqual([0, 2, 130]);
    expect([exitCodeFor(null, 'SIGINT'), exitCodeFor(null, 'SIGTERM'), exitCodeFor(null, 'SIGHUP'), exitCodeFor(null, 'SIGKILL')]).toEqual([130, 143, 129, 137]);
    expect(exitCodeFor(null, null)).toBe(1);
  });
});

describe('bin/navbot.mjs', () => {
  let wrapper: ChildProcess | undefined;
  afterEach(() => {
    // The wrapper leads its own process group: nothing of it outlives a failed test.
    if (wrapper?.pid && wrapper.exitCode === null && wrapper.signalCode === null) {
      try {
        process.kill(-wrapper.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('passes SIGHUP on to the CLI and ends with 129 when it ends the CLI', async () => {
    // `navbot stand` serves until stopped and stops itself on SIGINT/SIGTERM only: SIGHUP ends it.
    wrapper = spawn(process.execPath, [path.resolve('bin/navbot.mjs'), 'stand', '--port', '0'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => wrapper!.once('exit', (code) => resolve(code)));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      wrapper!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('Остановить: Ctrl+C')) resolve();
      });
      wrapper!.once('exit', () => reject(new Error(`the stand did not start: ${out}`)));
    });
    expect(out).toContain('Учебный стенд Навигатора запущен.');
    wrapper.kill('SIGHUP'); // to the wrapper alone, as a scheduler or a closed session sends it
    expect(await exited).toBe(129);
  });
});
