// Which journal belongs to which workbook. Decision: the id is derived from the workbook's base
// name only (not its folder), so a queue moved or opened from another drive keeps its journal:
//   "Очередь май 2025.xlsx" → "ochered-maj-2025-3f9a1c2e"
// The slug is for people; the hash of the normalised base name keeps distinct names distinct
// when slugs collide. Two different workbooks with the same name share a journal; that is safe
// only because row keys are the staff's own references, unique across their queues — and because
// every irreversible act is preceded by a probe of the target, never by the journal alone.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c',
  ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** A file-name-safe id: letters, digits, dot, dash, underscore; what Journal.open and acquireLock accept. */
export const QUEUE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export function queueIdFor(workbookPath: string): string {
  const base = path.basename(workbookPath).replace(/\.(xlsx|xlsm|xls|csv)$/i, '').normalize('NFC').trim().toLowerCase();
  const slug =
    [...base]
      .map((ch) => CYRILLIC[ch] ?? ch)
      .join('')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/g, '') || 'queue';
  const hash = createHash('sha256').update(base, 'utf8').digest('hex').slice(0, 8);
  return `${slug}-${hash}`;
}

export function assertQueueId(queueId: string): void {
  if (!QUEUE_ID_PATTERN.test(queueId)) {
    throw new Error(`Недопустимый идентификатор очереди «${queueId}»: только латинские буквы, цифры, точка, дефис, подчёркивание.`);
  }
}

/** A run id that sorts by time and names the run's report folder: 2025-05-17T12-03-04-a1b2. */
export function newRunId(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 19).replace(/:/g, '-')}-${randomBytes(2).toString('hex')}`;
}
