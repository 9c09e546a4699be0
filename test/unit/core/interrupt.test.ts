// Ctrl+C: the first press stops gracefully; the same press relayed again (terminal + npm) must
// not turn into "exit at once"; a real second press later does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitCodeOf, interruptSignal } from '../../../src/cli/interrupt.js';
import { signalExitCode } from '../../../src/cli/exit-codes.js';

describe('interruptSignal', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => {
    dispose?.();
    vi.restoreAllMocks();
  });

  it('should abort once and ignore a repeat of the same press', () => {
    let clock = 10_000;
    const said: string[] = [];
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const interrupt = interruptSignal((l) => said.push(l), () => clock);
    dispose = interrupt.dispose;
    process.emit('SIGINT', 'SIGINT');
    expect(interrupt.signal.aborted).toBe(true);
    clock += 300;
    process.emit('SIGINT', 'SIGINT');
    expect(exit).not.toHaveBeenCalled();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/Остановка: завершаю текущие шаги/);
  });

  it('should exit with 130 on a second press a second or more later', () => {
    let clock = 10_000;
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const interrupt = interruptSignal(() => undefined, () => clock);
    dispose = interrupt.dispose;
    process.emit('SIGTERM', 'SIGTERM');
    clock += 1_000;
    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('should remove its listeners on dispose', () => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') };
    const interrupt = interruptSignal(() => undefined);
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    interrupt.dispose();
    expect({ int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') }).toEqual(before);
    expect(interrupt.signal.aborted).toBe(false);
  });

  it('should stop gracefully on SIGHUP (the terminal closed) and SIGTERM, naming the signal, and exit 128 + n on a repeat', () => {
    let clock = 10_000;
    const said: string[] = [];
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const interrupt = interruptSignal((l) => said.push(l), () => clock);
    dispose = interrupt.dispose;
    process.emit('SIGHUP', 'SIGHUP');
    expect(interrupt.signal.aborted).toBe(true);
    expect(interrupt.signal.reason).toBe('SIGHUP');
    expect(said[0]).toMatch(/по сигналу SIGHUP/);
    expect(exit).not.toHaveBeenCalled();
    clock += 2_000;
    process.emit('SIGTERM', 'SIGTERM');
    expect(exit).toHaveBeenCalledWith(143);
  });

  it('should map signals to exit codes: 130 for Ctrl+C, 128 + n otherwise', () => {
    expect(exitCodeOf('SIGINT')).toBe(130);
    expect(exitCodeOf('SIGTERM')).toBe(143);
    expect(exitCodeOf('SIGHUP')).toBe(129);
    expect(signalExitCode('SIGTERM')).toBe(143);
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode(undefined)).toBe(130);
  });
});
