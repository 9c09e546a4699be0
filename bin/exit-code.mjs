// How navbot's wrapper (bin/navbot.mjs) ends once the CLI's process has ended: with its exit code,
// or, when a signal killed it, 128 + the signal's number as shells report it (130 SIGINT,
// 143 SIGTERM, 129 SIGHUP), so that a scheduler can tell «stopped» from «failed» (1).
import { constants } from 'node:os';

/**
 * @param {number | null} code the child's exit code, null when a signal ended it
 * @param {NodeJS.Signals | null} signal the signal that ended it, if any
 * @returns {number}
 */
export function exitCodeFor(code, signal) {
  if (code !== null && code !== undefined) return code;
  const n = signal ? constants.signals[signal] : undefined;
  return typeof n === 'number' ? 128 + n : 1;
}
