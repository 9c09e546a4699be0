// Exit codes a scheduler can act on (DESIGN.md, Contracts).
import { constants } from 'node:os';
import type { RunOutcome } from '../core/events.js';

const osSignals = constants.signals;

export const EXIT = {
  ok: 0,
  rowsFailed: 1,
  invalid: 2,
  unreachable: 3,
  interrupted: 130,
} as const;

/** 130 for Ctrl+C (SIGINT), 128 + n for another signal that stopped the run (SIGTERM 143, SIGHUP 129). */
export function signalExitCode(reason: unknown): number {
  const n = typeof reason === 'string' ? osSignals[reason as keyof typeof osSignals] : undefined;
  return typeof n === 'number' ? 128 + n : EXIT.interrupted;
}

/** The exit code of a run's outcome (DESIGN.md, Contracts: 0, 1, 2, 3, 130). */
export function exitCodeFor(outcome: RunOutcome): number {
  switch (outcome.kind) {
    case 'completed':
      return outcome.needsPerson ? EXIT.rowsFailed : EXIT.ok;
    case 'stopped':
      return outcome.code;
    case 'interrupted':
      return signalExitCode(outcome.signal);
  }
}

/** An error that ends the CLI with a message for staff (Russian) and an exit code. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}
