// Ctrl+C: the first one lets rows finish their current step and the journal be written, then
// the run ends with exit code 130; a second one ends navbot at once. SIGTERM (a scheduler
// stopping the task) and SIGHUP (the terminal closed) stop the same way, ending with 128 + the
// signal's number; the signal's name is the abort reason. One key press can arrive
// more than once (the terminal signals the whole process group, and wrappers such as npm relay
// it again), so a repeat within a second of the first counts as the same press.
import { constants as osConstants } from 'node:os';

const SAME_PRESS_MS = 1000;
const SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** 130 for Ctrl+C, 128 + n for another signal. */
export function exitCodeOf(name: NodeJS.Signals): number {
  return name === 'SIGINT' ? 130 : 128 + (osConstants.signals[name] ?? 2);
}

export function interruptSignal(say: (line: string) => void, now: () => number = Date.now): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let firstAt = 0;
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      if (now() - firstAt >= SAME_PRESS_MS) process.exit(exitCodeOf(name));
      return;
    }
    firstAt = now();
    say(
      name === 'SIGINT'
        ? '\nОстановка: завершаю текущие шаги и записываю журнал… (повторное Ctrl+C — выйти сразу)'
        : `\nОстановка по сигналу ${name}: завершаю текущие шаги и записываю журнал…`,
    );
    controller.abort(name);
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of SIGNALS) process.off(name, onSignal);
    },
  };
}
