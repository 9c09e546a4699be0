// `navbot doctor --compare FILE [--reference FILE]`: reads the region's snapshot and the
// reference (the training stand's digest kept beside this file, or another snapshot) and says,
// item by item, what differs. No network, no browser. Returns an outcome; the CLI maps it to an
// exit code (0 same, 2 differs or a bad file).
import { fileURLToPath } from 'node:url';
import { compareSnapshots, differenceLines, type Difference } from './compare-snapshot.js';
import { readSnapshot, SnapshotFileError } from './snapshot-read.js';

/** The training stand's digest (default stand, seeded; `npm run doctor:reference` remakes it). */
export const STAND_REFERENCE = fileURLToPath(new URL('./stand-reference.json', import.meta.url));

export type CompareOutcome = { kind: 'same' } | { kind: 'differs'; differences: Difference[] } | { kind: 'bad-file'; message: string };

export async function compareFile(file: string, o: { reference?: string; write: (line: string) => void }): Promise<CompareOutcome> {
  let ref;
  let got;
  try {
    got = await readSnapshot(file);
    ref = await readSnapshot(o.reference ?? STAND_REFERENCE);
  } catch (e) {
    if (e instanceof SnapshotFileError) {
      o.write(`✗ ${e.message}\n`);
      return { kind: 'bad-file', message: e.message };
    }
    throw e;
  }
  const against = o.reference ? `снимком ${o.reference}` : 'учебным стендом';
  const from = o.reference ? `от снимка ${o.reference}` : 'от учебного стенда';
  const differences = compareSnapshots(ref, got);
  if (differences.length === 0) {
    o.write(`Снимок ${file} совпадает с ${against}: отличий не найдено.\n`);
    return { kind: 'same' };
  }
  o.write(`Отличия снимка ${file} ${from}, всего ${differences.length}:\n`);
  for (const line of differenceLines(differences)) o.write(`${line}\n`);
  o.write('Это список для нового варианта стенда (src/stand/README.md, раздел 7): каждое отличие — настройка стенда или профиля.\n');
  return { kind: 'differs', differences };
}
