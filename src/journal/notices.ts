// What the ledger says of a queue before its run, in one line each for staff: the queue is new
// to this Navigator but known to another one (a queue moved from the stand to a region), or an
// older navbot's per-queue journal exists for it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJournal } from './file.js';
import type { Journal } from './journal.js';
import { knownTargets, ledgerDir, type TargetInfo } from './target.js';

/**
 * One line each, when this queue is new to this Navigator but known to another one (a queue moved
 * from the stand to a region), and when an older navbot's per-queue journal exists for it.
 */
export function ledgerNotices(journal: Journal, stateDir: string, target: TargetInfo, queueId: string): string[] {
  const notices: string[] = [];
  const knownHere = journal.entries().some((e) => e.bind?.queue === queueId);
  if (!knownHere) {
    for (const other of knownTargets(stateDir)) {
      if (other.id === target.id) continue;
      const file = path.join(ledgerDir(stateDir), `${other.id}.jsonl`);
      if (!existsSync(file)) continue;
      const parsed = parseJournal(readFileSync(file), path.basename(file));
      if (parsed.entries.some((e) => e.bind?.queue === queueId)) {
        notices.push(
          `Эту очередь navbot уже обрабатывал на другом Навигаторе (${other.label}). Здесь (${target.label}) тот учёт не действует: каждая строка будет проверена в этом Навигаторе и выполнена здесь.`,
        );
        break;
      }
    }
  }
  if (existsSync(path.join(stateDir, `${queueId}.jsonl`)) && !knownHere) {
    notices.push('Найден журнал этой очереди от прежней версии navbot. Теперь учёт ведётся по каждому Навигатору; что уже сделано, navbot проверит в самом Навигаторе.');
  }
  return notices;
}
