// Ctrl+C: the first one lets rows finish their current step and the journal be written, then
// the run ends with exit code 130; a second one ends navbot at once.
export function interruptSignal(say: (line: string) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
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
