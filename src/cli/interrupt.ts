// Ctrl+C: the first one lets rows finish their current step and the journal be written, then
// the run ends with exit code 130; a second one ends navbot at once. One key press can arrive
// more than once (the terminal signals the whole process group, and wrappers such as npm relay
// it again), so a repeat within a second of the first counts as the same press.
const SAME_PRESS_MS = 1000;

export function interruptSignal(say: (line: string) => void, now: () => number = Date.now): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let firstAt = 0;
  const onSignal = () => {
    if (controller.signal.aborted) {
      if (now() - firstAt >= SAME_PRESS_MS) process.exit(130);
      return;
    }
    firstAt = now();
    say('\nОстановка: завершаю текущие шаги и записываю журнал… (повторное Ctrl+C — выйти сразу)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
