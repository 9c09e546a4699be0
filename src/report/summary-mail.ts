// The morning summary: one Russian e-mail after a run — totals by status, the rows that need a
// person (reason and what to do), the run's folder and report.xlsx attached. It leaves the
// computer, so it carries no secret (every text passes the run's redactor) and no staff-only
// column of the queue: of the staff's own data only the key goes out, in the body and in the
// attached workbook alike (a queue's «ФИО (для себя)» is exactly what must not travel by e-mail).
import os from 'node:os';
import path from 'node:path';
import { banners, formatDuration, formatTime, runDurationMs, type ReportStatus } from './labels.js';
import { wordsOf } from '../core/layout.js';
import type { ReportModel, ReportRow } from './model.js';
import { renderXlsx } from './xlsx.js';

/** Statuses a person has to act on: fix and rerun, or just rerun. */
export const NEEDS_PERSON: readonly ReportStatus[] = ['incomplete', 'duplicate', 'failed', 'skipped', 'pending'];

/** Listed one by one in the body; the rest are counted and left to the attachment. */
export const MAX_LISTED_ROWS = 30;

export const ATTACHMENT_NAME = 'report.xlsx';

export interface SummaryInput {
  /** The run's report content; absent when the run did not start (nothing was sent). */
  model?: ReportModel;
  exitCode: number;
  /** The queue file as given to `navbot run`. */
  queueFile: string;
  /** The run's folder, when the run started. */
  runDir?: string;
  /** What navbot ended with, if it ended with a message (settings, queue, unreachable target). */
  failure?: string;
  /** Masks the run's secrets; applied to the whole model and every line of the message. */
  redact: <T>(value: T) => T;
  version?: string;
  host?: string;
}

export interface SummaryMail {
  subject: string;
  text: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "1 строка", "2 строки", "5 строк". */
export function rowsWord(n: number): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return `${n} строка`;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return `${n} строки`;
  return `${n} строк`;
}

/** What the run's exit code means, in the words of the README's table. */
function outcome(exitCode: number, started: boolean, mode: ReportModel['meta']['mode'] | undefined, until?: string): string {
  if (mode === 'dry-run' && exitCode === 0) return 'пробный прогон выполнен, ничего не записано';
  if (until && exitCode === 0) return `все строки дошли до шага «${until}» (--until); остальное сделает следующий запуск без --until`;
  switch (exitCode) {
    case 0:
      return 'все строки выполнены';
    case 1:
      return started ? 'часть строк не выполнена' : 'прогон завершился ошибкой';
    case 2:
      return 'ошибка в очереди или настройках, ничего не отправлялось';
    case 3:
      return started ? 'прогон остановлен: Навигатор недоступен или сбои подряд' : 'Навигатор недоступен или занят другим запуском, прогон не начался';
    case 130:
      return 'прогон прерван';
    default:
      return `прогон завершился с кодом ${exitCode}`;
  }
}

/** The model as it may leave the computer: staff-only columns dropped, secrets masked. */
export function mailableModel(model: ReportModel, redact: SummaryInput['redact']): ReportModel {
  const personal = !!model.layout.personalReasons;
  // A flow's staff-only fact columns (e.g. corrected values) go the way of staff-only queue columns.
  const hidden = new Set(model.layout.columns.filter((c) => c.staffOnly).map((c) => c.fact));
  const values = (v: ReportRow['values']) => Object.fromEntries(Object.entries(v).filter(([fact]) => !hidden.has(fact)));
  // A flow whose reasons and values may name a child: keys and statuses only.
  const rows: ReportRow[] = model.rows.map((r) =>
    personal
      ? { ...r, staff: {}, values: {}, reason: undefined, action: undefined, email: undefined, steps: [], screenshots: [], trace: undefined }
      : { ...r, staff: {}, values: values(r.values) },
  );
  const metaRows = model.meta.rows.map((r) => {
    const { invalid: _i, refused: _r, email: _e, ...rest } = r;
    return personal ? { ...rest, staff: {} } : { ...r, staff: {} };
  });
  const layout = { ...model.layout, columns: model.layout.columns.filter((c) => !c.staffOnly) };
  return redact({ ...model, layout, meta: { ...model.meta, staffHeaders: [], rows: metaRows }, rows });
}

function rowLines(model: ReportModel, rows: readonly ReportRow[]): string[] {
  const out: string[] = [];
  rows.slice(0, MAX_LISTED_ROWS).forEach((r, i) => {
    out.push(`${i + 1}. Ключ ${r.key} (строка ${r.rowNumber}) — ${model.labels[r.status]}`);
    if (r.reason) out.push(`   Причина: ${r.reason}`);
    if (r.action) out.push(`   Что делать: ${r.action}`);
  });
  if (rows.length > MAX_LISTED_ROWS) out.push(`…и ещё ${rowsWord(rows.length - MAX_LISTED_ROWS)} — в приложенном report.xlsx (фильтр по столбцу «Статус»).`);
  return out;
}

export async function buildSummaryMail(input: SummaryInput): Promise<SummaryMail> {
  const { redact } = input;
  const queue = path.basename(input.queueFile);
  const model = input.model ? mailableModel(input.model, redact) : undefined;
  const mode = model?.meta.mode;
  const what = outcome(input.exitCode, !!model, mode, model?.meta.until);
  const needing = model ? model.rows.filter((r) => NEEDS_PERSON.includes(r.status)) : [];
  const attention = input.exitCode !== 0 || needing.length > 0;
  const lines: string[] = [];

  const marks = model ? banners(model.meta).map((b) => `[${b}]`) : [];
  let subject: string;
  if (model) {
    const tally = model.layout.headline.map((s) => `${wordsOf(model.layout, s).count} ${model.counts[s]}`).join(', ');
    subject = `navbot, очередь ${queue}: ${what} — ${tally}${attention ? ', нужен человек' : ''}`;
  } else {
    subject = `navbot, очередь ${queue}: прогон не состоялся — ${what}`;
  }
  if (marks.length) subject = `${marks.join(' ')} ${subject}`;

  lines.push(`Прогон navbot по очереди «${queue}»: ${what} (код завершения ${input.exitCode}).`);
  for (const b of marks) lines.push(b);
  if (model) {
    lines.push(`Навигатор: ${model.meta.target.publicUrl}`);
    const ended = model.finished ? formatTime(model.endedAt) : `не завершён (последняя запись ${formatTime(model.endedAt)})`;
    const took = formatDuration(runDurationMs(model.startedAt, model.endedAt));
    lines.push(`Начало: ${formatTime(model.startedAt)}; окончание: ${ended}${took ? ` (${took})` : ''}.`);
    if (model.stopReason) lines.push(`Причина остановки: ${model.stopReason}`);
    if (input.failure) lines.push(`navbot сообщил: ${input.failure}`);
    for (const n of model.notes) lines.push(n);
    lines.push('');
    lines.push(`Итог по строкам (всего ${model.rows.length}):`);
    for (const s of model.shown) lines.push(`  ${model.labels[s]} — ${model.counts[s]}`);
    lines.push('');
    if (needing.length) {
      lines.push(`Нужен человек — ${rowsWord(needing.length)}:`);
      lines.push(...rowLines(model, needing));
    } else {
      lines.push('Нужен человек: нет, все строки в порядке.');
    }
    if (input.exitCode === 130 || input.exitCode === 3) {
      lines.push('');
      lines.push('Сделанное сохранено в журнале: следующий запуск той же очереди продолжит с места остановки и ничего не сделает дважды.');
    }
    lines.push('');
    if (input.runDir) lines.push(`Папка прогона: ${input.runDir}`);
    if (model.layout.personalReasons) {
      lines.push(
        `Причины и данные строк в письмо не включены (в них могут быть ФИО и номера документов детей): они в полном отчёте${input.runDir ? ` ${path.join(input.runDir, 'report.html')}` : ' report.html в папке прогона'} на этом компьютере.`,
      );
    }
    lines.push(
      `Во вложении ${ATTACHMENT_NAME} — отчёт без ваших собственных столбцов очереди (они не покидают компьютер). Полный отчёт со снимками экрана — report.html и report.xlsx в папке прогона.`,
    );
  } else {
    if (input.failure) lines.push(`Причина: ${input.failure}`);
    lines.push('');
    lines.push('В Навигатор ничего не отправлялось. Исправьте причину; следующий запуск по расписанию попробует снова (или запустите navbot doctor, чтобы проверить настройки).');
  }
  lines.push('');
  lines.push('-- ');
  lines.push(`Письмо отправил navbot${input.version ? ` ${input.version}` : ''} с компьютера ${input.host ?? os.hostname()}.`);

  const attachments: SummaryMail['attachments'] = model ? [{ filename: ATTACHMENT_NAME, content: await renderXlsx(model), contentType: XLSX_TYPE }] : [];
  return { subject: redact(subject), text: redact(lines.join('\n')), attachments };
}
