// What a flow's ledger holds, as its rules read it (src/procedure/plugin.ts, LedgerRecord): one record per
// key, found by the key's identity whatever form an older navbot wrote it under
// (journal/key-forms.ts), and the stop of a key the ledger holds under two forms.
import path from 'node:path';
import type { ReportLayout } from '../core/layout.js';
import type { Entry, Facts } from './entry.js';
import { keyForms } from './key-forms.js';
import { replayRow, type BoundContent } from './row-state.js';

/** What the ledger holds of one key for one flow on this target (a flow's `prepare` reads it; src/procedure/plugin.ts). */
export interface LedgerRecord {
  /** The key's identity (intake's normaliseKey), whatever form an older navbot wrote it under. */
  readonly keyNorm: string;
  /** The content the key was last sent with, and where that row came from. */
  readonly binding?: Pick<BoundContent, 'content' | 'file' | 'row' | 'at' | 'shownKey'>;
  /** Steps with an intent or a done: what the content was used for. */
  readonly touched: ReadonlySet<string>;
  readonly facts: Readonly<Facts>;
  /** What navbot itself made (acted and verified) for this key: ids and numbers it may call its own. */
  readonly made?: Readonly<Facts>;
}

/** A ledger's entries by the form of the key they were written under. */
function entriesByForm(entries: readonly Entry[]): Map<string, Entry[]> {
  const byKey = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = byKey.get(e.key);
    if (list) list.push(e);
    else byKey.set(e.key, [e]);
  }
  return byKey;
}

/**
 * What the ledger holds per key, from one flow's entries, by the key's identity (whatever form
 * an older navbot wrote it under). A key held under two forms is nobody's record: its rows stop
 * (mergedKeyRefusal).
 */
export function ledgerRecords(entries: readonly Entry[], normaliseKey: (key: string) => string): Map<string, LedgerRecord> {
  const byForm = entriesByForm(entries);
  const out = new Map<string, LedgerRecord>();
  for (const [id, known] of keyForms(entries, normaliseKey)) {
    if (known.length !== 1) continue;
    const s = replayRow(byForm.get(known[0]!)!);
    out.set(id, { keyNorm: id, ...(s.binding ? { binding: s.binding } : {}), touched: s.touched, facts: s.facts, made: s.made });
  }
  return out;
}

/** «Номер сертификата» → «номер сертификата»; «ID пользователя» stays. */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/**
 * The stop of a row whose key the ledger holds under two or more forms: an older navbot took them
 * for different keys («ав-7» and «ab-7»), and each may have its own placeholder user, child and
 * certificate. navbot does not choose between them: it names each with what it earned.
 */
export function mergedKeyRefusal(key: string, forms: readonly string[], entries: readonly Entry[], layout: ReportLayout): { kind: 'refuse'; reason: string; action: string } {
  const byForm = entriesByForm(entries);
  const emails: string[] = [];
  const described = forms.map((form) => {
    const s = replayRow(byForm.get(form) ?? []);
    const b = s.binding;
    const email = b?.content.email;
    if (email) emails.push(email);
    const facts = layout.columns.flatMap((c) => {
      const v = s.facts[c.fact];
      return v === undefined || v === null || v === '' || c.link ? [] : [`${lowerFirst(c.header)} ${String(v)}`];
    });
    const shown = b?.shownKey && b.shownKey !== form ? `«${b.shownKey}» (в учёте «${form}»)` : `«${form}»`;
    const where = b ? `очередь «${path.basename(b.file)}», строка ${b.row}` : undefined;
    return `${shown}: ${[email ? `e-mail ${email}` : undefined, ...facts, where].filter(Boolean).join(', ') || 'ничего не сделано'}`;
  });
  return {
    kind: 'refuse',
    reason:
      `Ключ «${key}» в учёте navbot для этого Навигатора записан под ${forms.length} разными написаниями: ${described.join('; ')}. ` +
      'Прежняя версия navbot различала в ключах регистр и раскладку букв и могла создать для них разных пользователей-заглушек, детей и сертификаты. Теперь это один ключ, и navbot не выбирает между записями сам.',
    action:
      `Проверьте в админ-панели пользователей ${emails.length ? emails.join(' и ') : 'этих ключей'}. Если это один ребенок — оставьте ему одного пользователя с ребенком и сертификатом, лишнего удалите вручную и уберите строку из очереди: сертификат у ребенка уже есть. ` +
      'Если это разные дети — у каждого уже есть свои записи: уберите строку из очереди, а новым детям давайте ключи, которые отличаются не только регистром и раскладкой букв.',
  };
}
