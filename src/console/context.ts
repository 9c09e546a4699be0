import type { ConsoleEnv } from './engine.js';
import type { ConsoleRuns } from './runs.js';

/** What every route of the console gets: the settings' reader, the run, the secrets' mask, «Выйти». */
export interface ConsoleContext {
  env: ConsoleEnv;
  runs: ConsoleRuns;
  mask: (s: string) => string;
  exit: () => void;
}
