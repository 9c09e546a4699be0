// Where the child's certificates are read (issue 22 §1): only what the region's profile
// (adminData.certificateRead) says its panel shows, in this order — a field of the child window's
// record, the «Сертификаты» grid on the card (its store reloaded first: a card keeps the grid it
// opened with), the per-event check `POST check.path?eventId=` (one object), the `GET list.path`.
// The first source that answers decides. A source configured but absent on a settled panel is a
// MissingElementError; an endpoint that refuses (4xx) is noted and the next source is asked; when
// nothing is configured or nothing answered, the reading says so — the flow never takes that for
// «no certificate» (flows/accounting/certificate-decision.ts).
import { MissingElementError, SystemError } from '../../core/errors.js';
import { fold, gridLoads, panelAjax, readFormRecord, readGrid, reloadGrid, waitGridLoaded } from '../ext.js';
import type { Certificate, CertificateReading } from '../ports.js';
import type { PanelDriver } from './driver.js';

export type { CertificateReading, CertificateSource } from '../ports.js';

/** The profile keys that say where certificates are read, for messages. */
export const READ_KEYS = 'adminData.certificateRead (recordField, grid, check {path, eventId}, list {path})';

type Json = Record<string, unknown>;

/** A request through the panel's own Ext.Ajax (its session, cookie or token): ext.ts. */
export const panelRequest = (d: PanelDriver, method: 'GET' | 'POST', url: string) => panelAjax(d.page, method, url, d.timeoutMs);

const flag = (v: unknown): boolean => v === true || v === 1 || v === '1' || (typeof v === 'string' && ['true', 'да', 'yes'].includes(v.trim().toLowerCase()));

/**
 * Certificates in the profile's field names from one object or a list of them. An object with the
 * number key holding nothing is a certificate whose number is unread (`number: ''`), never «none»;
 * a cancelled or deleted one (certificateFields.cancelled / deleted) is not a certificate the kid has.
 */
export function certificatesOf(d: { profile: PanelDriver['profile'] }, value: unknown): Certificate[] | null {
  const f = d.profile.adminData.certificateFields;
  const one = (c: unknown): Certificate | null | undefined => {
    if (!c || typeof c !== 'object' || Array.isArray(c)) return undefined;
    const r = c as Json;
    if (!(f.number in r)) return undefined;
    if (flag(r[f.cancelled]) || flag(r[f.deleted])) return null;
    return { type: String(r[f.typeName] ?? ''), number: r[f.number] === null || r[f.number] === undefined ? '' : String(r[f.number]).trim() };
  };
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    const all = value.map(one);
    return all.every((c) => c !== undefined) ? all.filter((c): c is Certificate => c !== null) : null;
  }
  if (typeof value === 'object' && Object.keys(value).length === 0) return [];
  const c = one(value);
  return c === undefined ? null : c === null ? [] : [c];
}

/**
 * Reads the kid's certificates from the profile's sources, in order. `reload`: the grid's store
 * loads again first (probe, recheck and verify read what the server holds now).
 */
export async function readCertificates(d: PanelDriver, windowTitle: string, kidId: string, reload: boolean): Promise<CertificateReading> {
  const read = d.profile.adminData.certificateRead;
  const t = d.t;
  const tried: string[] = [];
  const began = Date.now();
  if (read.recordField !== '') {
    const record = await readFormRecord(d.page, windowTitle);
    if (!record || !(read.recordField in record)) {
      return d.absent(`поля «${read.recordField}» в записи окна «${windowTitle}»`, `admin panel: no «${read.recordField}» in the child card's record`, began);
    }
    const list = certificatesOf(d, record[read.recordField]);
    if (list) return { known: true, source: 'record', certificates: list, complete: Array.isArray(record[read.recordField]) };
    tried.push(`поле записи «${read.recordField}» не похоже на сертификаты (нет поля «${d.profile.adminData.certificateFields.number}»)`);
  }
  if (read.grid) {
    const query = { windowTitle, headers: [t.certificateTypeColumn, t.certificateNumberColumn] };
    const loads = await gridLoads(d.page, query);
    if (loads === null) {
      return d.absent(
        `списка «${t.certificates}» со столбцами «${t.certificateTypeColumn}», «${t.certificateNumberColumn}» в окне «${windowTitle}»`,
        `admin panel: no «${t.certificates}» grid on the child card`,
        began,
      );
    }
    if (reload) {
      await d.act(
        async () => {
          if (!(await reloadGrid(d.page, query))) throw new SystemError(`admin panel: no «${t.certificates}» grid on child #${kidId} to reload`);
        },
        // No request is required to start after the click: Ext folds a reload into a load already
        // under way (the card reloads its grid after each answer), whose request began before. The
        // grid's load count below says when a load finished after this call.
        {},
        `reloading «${t.certificates}» of child #${kidId}`,
      );
      await d.guard(() => waitGridLoaded(d.page, query, d.timeoutMs, loads), `reloading «${t.certificates}»`);
    } else {
      await d.guard(() => waitGridLoaded(d.page, query, d.timeoutMs), `loading «${t.certificates}»`);
    }
    const grid = await readGrid(d.page, query);
    if (!grid) throw new SystemError(`admin panel: the «${t.certificates}» grid of child #${kidId} went away while read`);
    const certificates = grid.rows
      .map((r) => ({ type: (r[t.certificateTypeColumn] ?? '').trim(), number: (r[t.certificateNumberColumn] ?? '').trim() }))
      // A row without a type is no certificate; one without a number is one whose number is unread.
      .filter((c) => c.type !== '');
    return { known: true, source: 'grid', certificates, complete: true };
  }
  if (read.check) {
    const url = `${read.check.path.replace('{kid_id}', encodeURIComponent(kidId))}?eventId=${encodeURIComponent(read.check.eventId)}`;
    const answer = await endpoint(d, 'POST', url, kidId, tried);
    if (answer !== undefined) {
      const list = certificatesOf(d, answer);
      const wanted = d.profile.adminTexts.accountingCertificate;
      // One object of another type says nothing of an accounting certificate: ask the next source.
      if (list && !(list.length > 0 && list.every((c) => !sameType(c.type, wanted)))) return { known: true, source: 'check', certificates: list, complete: false };
      tried.push(list ? `проверка по мероприятию ${read.check.eventId} показала сертификат другого типа` : `проверка по мероприятию ${read.check.eventId} ответила без полей сертификата`);
    }
  }
  if (read.list) {
    const url = read.list.path.replace('{kid_id}', encodeURIComponent(kidId));
    const answer = await endpoint(d, 'GET', url, kidId, tried);
    if (answer !== undefined) {
      const list = Array.isArray(answer) ? certificatesOf(d, answer) : null;
      if (list) return { known: true, source: 'list', certificates: list, complete: true };
      tried.push(`список ${read.list.path} ответил не списком сертификатов`);
    }
  }
  if (!read.recordField && !read.grid && !read.check && !read.list) tried.push('в профиле не указан ни один источник');
  return { known: false, tried };
}

const sameType = (a: string, b: string) => fold(a) === fold(b);

/** An endpoint's `data`; undefined (and a note) when it refused; a SystemError when it did not answer. */
async function endpoint(d: PanelDriver, method: 'GET' | 'POST', url: string, kidId: string, tried: string[]): Promise<unknown> {
  const { status, body } = await panelRequest(d, method, url);
  if (status === 401) throw d.expired(`reading the certificates of child #${kidId}`);
  if (status === 0 || status === 429 || status >= 500) throw new SystemError(`admin panel: the certificates of child #${kidId} answered HTTP ${status} (${method} ${url})`);
  // The endpoint the profile names is not there (or takes no such method): the profile is wrong
  // for this region, for every row alike — the run stops (exit 2), nothing is decided from it.
  if (status === 404 || status === 405) {
    throw new MissingElementError(`адреса ${method} ${url.replace(/\?.*$/, '')} (ответ HTTP ${status}; он указан в профиле: ${READ_KEYS})`, 'админ-панели', 'чтение сертификатов ребенка');
  }
  const envelope = body as { data?: unknown; success?: unknown; message?: unknown } | null;
  if (status < 200 || status >= 300 || !envelope || typeof envelope !== 'object' || envelope.success === false || !('data' in envelope)) {
    const said = envelope && typeof envelope.message === 'string' ? `: «${envelope.message}»` : '';
    tried.push(`${method} ${url.replace(/\?.*$/, '')} ответил HTTP ${status}${said}`);
    return undefined;
  }
  return envelope.data;
}

/** A certificate of the profile's accounting type (ё = е) with its number: what a source must show to be trusted. */
export function isAccountingShown(d: { profile: PanelDriver['profile'] }, c: Certificate): boolean {
  return c.number !== '' && sameType(c.type, d.profile.adminTexts.accountingCertificate);
}
