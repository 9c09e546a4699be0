// How a flow's rows read for staff — in the report, on the console and in the summary e-mail:
// the words of the statuses its rows end with and the columns its facts fill. A flow declares
// its layout (flows/); the CLI keeps it in the run's run.json; the report renders whatever layout
// a run.json holds, so it knows no flow.
import { ROW_STATUSES, type RowStatus } from './events.js';

export interface LayoutColumn {
  /** Russian, the report's header («Номер сертификата»). */
  readonly header: string;
  /** The fact of a finished row that fills it (see src/procedure/engine.ts). */
  readonly fact: string;
  /** A short name for report.html's cells (data-col), letters only. */
  readonly id: string;
  /** Width in report.xlsx, in characters. */
  readonly width?: number;
  /** The fact is a file in the run's folder (relative path): the reports link to it («Открыть»). */
  readonly link?: boolean;
  /** The fact holds the queue's personal data: the reports on this computer show it, the e-mail never. */
  readonly staffOnly?: boolean;
  /**
   * The fact is kept in this run's events (its report, in the run's folder) and never in the ledger,
   * which is kept forever (invariant 7): e.g. a child's old and new document values.
   */
  readonly runOnly?: boolean;
}

export interface StatusWords {
  /** A row's status in the report («Выдан»). */
  readonly label: string;
  /** The count's word on the console and in the e-mail («выдано»). */
  readonly count: string;
}

export interface ReportLayout {
  /** Russian: what the flow does («Выдача сертификатов учета»). */
  readonly title: string;
  /**
   * The statuses its rows may end with, in the report's order, with their words. `rare`: counted in
   * totals only when a row ended with it (a status of trouble that a normal run never shows).
   */
  readonly statuses: ReadonlyArray<{ readonly status: RowStatus; readonly rare?: boolean } & StatusWords>;
  /** Statuses counted in the summary e-mail's subject. */
  readonly headline: readonly RowStatus[];
  /** navbot's columns filled from facts, after «Статус». */
  readonly columns: readonly LayoutColumn[];
  /** The fact the console shows after a finished row («№ …»). */
  readonly primary?: string;
  /** A row the ledger shows done by an earlier run («Сертификат выдан ранее»). */
  readonly doneBefore?: string;
  /** A row found done, when its run said no more («Сертификат уже был в Навигаторе»). */
  readonly foundDone?: string;
  /**
   * The flow's reasons and fact columns may name a child or a document (the registry's flows): the
   * summary e-mail then carries only keys, statuses, counts and the report's path (issue 24).
   */
  readonly personalReasons?: boolean;
}

/** Words for every status, for a layout that leaves some out (and a run.json without one). */
export const GENERIC_WORDS: Readonly<Record<RowStatus, StatusWords>> = {
  issued: { label: 'Сделано', count: 'сделано' },
  already: { label: 'Уже было сделано', count: 'уже было сделано' },
  incomplete: { label: 'Не хватает', count: 'не хватает' },
  duplicate: { label: 'Дубликат в Навигаторе', count: 'дубликатов' },
  failed: { label: 'Ошибка', count: 'ошибок' },
  skipped: { label: 'Пропущен', count: 'пропущено' },
  pending: { label: 'Не обработан', count: 'не обработано' },
  'dry-run': { label: 'Пробный прогон', count: 'пробный прогон' },
  'phase-done': { label: 'Этап пройден — остальное сделает следующий запуск', count: 'до следующего запуска' },
};

/** The layout of a run that names none: no fact columns, generic words. */
export const GENERIC_LAYOUT: ReportLayout = {
  title: 'Прогон navbot',
  statuses: ROW_STATUSES.filter((s) => s !== 'phase-done' && s !== 'dry-run').map((status) => ({ status, ...GENERIC_WORDS[status], ...(status === 'duplicate' ? { rare: true } : {}) })),
  headline: ['issued', 'failed'],
  columns: [],
};

/** A status's words in a layout. */
export function wordsOf(layout: ReportLayout, status: RowStatus): StatusWords {
  return layout.statuses.find((s) => s.status === status) ?? GENERIC_WORDS[status];
}
