// Words and colours staff see in both renderings of the report (Russian). A status's word is the
// flow's (its layout, kept in run.json); the colours are the report's own.
import { GENERIC_WORDS, wordsOf, type ReportLayout } from '../core/layout.js';
import type { RunMeta } from './meta.js';
import { ROW_STATUSES, type RowStatus } from '../core/events.js';

/** Row statuses in the order the report lists them: the run's own (core/events.ts). */
export const STATUSES = ROW_STATUSES;
export type ReportStatus = RowStatus;

/** A status's word where no flow's layout is at hand. */
export const STATUS_LABEL: Record<ReportStatus, string> = Object.fromEntries(STATUSES.map((s) => [s, GENERIC_WORDS[s].label])) as Record<ReportStatus, string>;

/** Every status's word in a flow's layout. */
export function statusLabels(layout: ReportLayout): Record<ReportStatus, string> {
  return Object.fromEntries(STATUSES.map((s) => [s, wordsOf(layout, s).label])) as Record<ReportStatus, string>;
}

/**
 * The statuses a report shows, in order: the flow's own, a dry run's in a dry run, and any
 * other that rows of this run ended with.
 */
export function shownStatuses(layout: ReportLayout, mode: RunMeta['mode'], counts: Record<ReportStatus, number>): ReportStatus[] {
  const own = new Set<ReportStatus>(layout.statuses.filter((s) => !s.rare).map((s) => s.status));
  return STATUSES.filter((s) => own.has(s) || (s === 'dry-run' && mode === 'dry-run') || counts[s] > 0);
}

/** Fill colours (RGB hex): green, blue, orange, dark orange, red, grey, yellow; a dry run is violet, a phase's end pale green. */
export const STATUS_COLOR: Record<ReportStatus, string> = {
  issued: 'C6EFCE',
  already: 'BDD7EE',
  incomplete: 'F8CBAD',
  duplicate: 'F4B183',
  failed: 'FFC7CE',
  skipped: 'D9D9D9',
  pending: 'FFEB9C',
  'dry-run': 'E4DFEC',
  'phase-done': 'E2EFDA',
};

export const STEP_OUTCOME_LABEL: Record<string, string> = {
  done: 'выполнен',
  'already-done': 'уже был сделан',
  preview: 'пробно, без записи',
};

export const MODE_LABEL: Record<RunMeta['mode'], string> = {
  run: 'Прогон',
  'dry-run': 'Пробный прогон',
  rehearsal: 'Репетиция на учебном стенде',
  demo: 'Демонстрация на учебном стенде',
};

/** The run's mode as the Сводка names it; a phase split (`--until`) says where its rows stopped. */
export function modeText(meta: Pick<RunMeta, 'mode' | 'until'>): string {
  const mode = MODE_LABEL[meta.mode] ?? meta.mode;
  return meta.until ? `${mode} до шага «${meta.until}» (--until ${meta.until}): остальное сделает следующий запуск без --until` : mode;
}

export const STAND_BANNER = 'УЧЕБНЫЙ СТЕНД — сертификаты не настоящие';
export const DRY_RUN_BANNER = 'ПРОБНЫЙ ПРОГОН — ничего не записано';

/** The loud lines at the top of the Сводка and of the html, if any. */
export function banners(meta: RunMeta): string[] {
  const out: string[] = [];
  if (meta.mode === 'rehearsal' || meta.mode === 'demo' || meta.target.isStand) out.push(STAND_BANNER);
  if (meta.mode === 'dry-run') out.push(DRY_RUN_BANNER);
  return out;
}

/** 83400 → "1 мин 23,4 с"; undefined → "". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1).replace('.', ',')} с`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} мин ${Math.round(s - m * 60)} с`;
  return `${Math.floor(m / 60)} ч ${m % 60} мин`;
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('ru-RU');
}

export function runDurationMs(startedAt: string, endedAt: string | undefined): number | undefined {
  if (!startedAt || !endedAt) return undefined;
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
