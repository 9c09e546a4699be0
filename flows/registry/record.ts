// What the registry-accept steps share: the application's state in the registry's words, its id
// from the search step's facts, and its record read now (every step probes and verifies on it).
import { BusinessError, SystemError } from '../../src/core/errors.js';
import type { ColumnValues } from '../../src/intake/flow-columns.js';
import type { RegistryPort, RegistryRecord } from '../../src/navigator/registry/port.js';
import type { Facts } from '../../src/procedure/engine.js';
import type { LayoutColumn, ReportLayout } from '../../src/core/layout.js';

/** What reading an application needs of a step's context. */
export interface RecordContext {
  /** Exactly the queue's declared columns (invariant 4). */
  readonly row: ColumnValues;
  registry(): Promise<RegistryPort>;
}

/** The application's state as the registry's status line says it. */
export function statusText(r: RegistryRecord): string {
  if (r.refused) return 'Отказано';
  if (r.documentsReceived) return 'Документы получены';
  if (r.pdConfirmed) return 'Персональные данные подтверждены';
  return 'Новая';
}

/** «№ З-000123 (сертификат № 5500000001)», for staff. */
export const numbers = (ctx: RecordContext) => `№ ${ctx.row.applicationNumber} (сертификат № ${ctx.row.certificateNumber})`;

export function idOf(facts: Facts): string {
  const id = facts.applicationId;
  if (id === undefined || id === null || id === '') throw new SystemError('no application id: the search step has not run');
  return String(id);
}

export async function readNow(ctx: RecordContext, facts: Facts): Promise<RegistryRecord> {
  const record = await (await ctx.registry()).read(idOf(facts));
  if (!record) throw new BusinessError(`Заявка ${numbers(ctx)} пропала из реестра`, 'Найдите заявку в реестре («Поиск заявки») и запустите строку снова.');
  return record;
}

/** What both registry reports end their statuses with (an application: feminine words). */
export const APPLICATION_END_STATUSES: ReportLayout['statuses'] = [
  { status: 'failed', label: 'Ошибка', count: 'ошибок' },
  { status: 'skipped', label: 'Пропущена', count: 'пропущено' },
  { status: 'pending', label: 'Не обработана', count: 'не обработано' },
];

/** The application's two numbers, the first columns of both registry reports. */
export const APPLICATION_NUMBER_COLUMNS: LayoutColumn[] = [
  { header: 'Номер заявки', fact: 'applicationNumber', id: 'application', width: 14 },
  { header: 'Номер сертификата', fact: 'certificateNumber', id: 'number', width: 16 },
];

/** The printed application, linked from the report. */
export const APPLICATION_PDF_COLUMN: LayoutColumn = { header: 'Заявление (PDF)', fact: 'applicationPdf', id: 'pdf', width: 16, link: true };
