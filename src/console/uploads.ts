// Queues given to the console: kept under the state folder's sibling `console-queues/` (owner-only,
// like the ledger; made owner-only at init, doctor and each run's start, and deleted after
// NAVBOT_KEEP_DAYS unless a run kept since read them, report/purge-queues.ts), by their own file name, so that the same workbook given twice is the same
// queue (its id comes from the name, journal/queue-id.ts). The size limit is intake's; what is
// inside is checked by intake's own xlsx guard when the queue is read (`validate`).
import fs from 'node:fs';
import path from 'node:path';
import { MAX_QUEUE_FILE_BYTES } from '../intake/limits.js';
import { consoleQueuesDir } from '../core/owner-only.js';

export const MAX_UPLOAD_BYTES = MAX_QUEUE_FILE_BYTES;

const QUEUE_EXT = /\.(xlsx|csv)$/i;

export function uploadsDir(stateDir: string): string {
  return consoleQueuesDir(stateDir);
}

/** A safe file name from what the browser sent, or undefined when it is not a queue file. */
export function queueFileName(given: string): string | undefined {
  const base = given.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^[ .]+/, '')
    .trim();
  if (!QUEUE_EXT.test(clean) || clean.length > 120) return undefined;
  return clean;
}

export function saveUpload(stateDir: string, name: string, data: Buffer): string {
  const dir = uploadsDir(stateDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

/** An uploaded queue's path by its name, or undefined when there is none. */
export function uploadedQueue(stateDir: string, name: string): string | undefined {
  const safe = queueFileName(name);
  if (!safe || safe !== name) return undefined;
  const file = path.join(uploadsDir(stateDir), safe);
  return fs.existsSync(file) ? file : undefined;
}

export function listUploads(stateDir: string): Array<{ name: string; savedAt: string; bytes: number }> {
  const dir = uploadsDir(stateDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => QUEUE_EXT.test(n))
    .map((name) => {
      const s = fs.statSync(path.join(dir, name));
      return { name, savedAt: s.mtime.toISOString(), bytes: s.size };
    })
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}
