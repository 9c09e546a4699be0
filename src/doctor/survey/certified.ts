// `navbot doctor --sample-certified EMAIL [--event-id ID]` (issue 22 §1, §3): a placeholder user
// whose child staff know holds a certificate. Where does the panel show that certificate and its
// number? Each source of adminData.certificateRead is asked on its own — a field of the child
// window's record, the card's «Сертификаты» grid (reloaded), the per-event check (only with an
// event id), the GET list (the profile's path, else the vendor's billing path) — and only the
// sources that showed a numbered certificate are suggested. Read-only: the per-event check is a
// POST that reads; nothing is saved.
import type { Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { AdminPanel } from '../../navigator/admin-panel.js';
import { certificatesOf, panelRequest, readCertificates } from '../../navigator/admin/certificate-read.js';
import { PanelDriver } from '../../navigator/admin/driver.js';
import { gridLoads, readFormRecord, readGrid, reloadGrid, waitGridLoaded } from '../../navigator/ext.js';

export type CertificateRead = Profile['adminData']['certificateRead'];

/** The vendor's per-event check (NAVIGATOR.md, «Correction (2026-12-06)»). */
export const VENDOR_CHECK_PATH = '/api/pfdod/billing/check/event/certificate/kid/{kid_id}';

export interface SourceSeen {
  /** Numbers it showed; empty: it answered, without a certificate. */
  numbers: string[];
  /** Where (a record field, a path). */
  where: string;
  /** Why it did not answer. */
  error?: string;
}

export interface CertifiedFinding {
  email: string;
  userId: string | null;
  childId: string | null;
  sources: { record: SourceSeen | null; grid: SourceSeen | null; check: SourceSeen | null; list: SourceSeen | null };
  /** The current profile's certificateRead shows the certificate's number on this child. */
  currentWorks: boolean;
  /** certificateRead with only the sources that showed a number; null when none did. */
  suggested: CertificateRead | null;
  /** Russian: why the sample could not be read. */
  error?: string;
}

export interface CertifiedOptions {
  adminUrl: string;
  adminEmail: string;
  adminPassword: string;
  profile: Profile;
  timeoutMs: number;
  email: string;
  eventId?: string;
}

const first = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!;

/** Reads the sample's children until one shows a numbered certificate somewhere. */
export async function surveyCertified(page: Page, o: CertifiedOptions): Promise<CertifiedFinding> {
  const out: CertifiedFinding = { email: o.email, userId: null, childId: null, sources: { record: null, grid: null, check: null, list: null }, currentWorks: false, suggested: null };
  const panel = new AdminPanel(page, { adminUrl: o.adminUrl, email: o.adminEmail, password: o.adminPassword, profile: o.profile, timeoutMs: o.timeoutMs });
  const d = new PanelDriver(page, o.profile, o.timeoutMs);
  try {
    await panel.ensureLoggedIn();
    const [user] = await panel.findUsersByEmail(o.email);
    if (!user) return { ...out, error: `пользователь с e-mail ${o.email} не найден в админ-панели` };
    out.userId = user.id;
    const card = await panel.openUser(user.id);
    const kids = (await card.children()).filter((c) => !c.deleted);
    if (kids.length === 0) return { ...out, error: `у пользователя #${user.id} нет детей` };
    for (const kid of kids) {
      const child = await card.openChild(kid.id);
      out.childId = kid.id;
      out.sources = await sources(d, o, child.title, kid.id);
      try {
        const now = await readCertificates(d, child.title, kid.id, false);
        out.currentWorks = now.known && now.certificates.length > 0;
      } catch {
        out.currentWorks = false;
      }
      await child.close();
      if (Object.values(out.sources).some((s) => s && s.numbers.length > 0)) break;
    }
    await card.close();
  } catch (e) {
    return { ...out, error: first(e) };
  }
  out.suggested = suggestion(out.sources, o);
  if (!out.suggested) out.error = `ни один источник не показал номер сертификата детей пользователя ${o.email}`;
  return out;
}

/** Only what answered with a number: never a source the survey did not see work. */
export function suggestion(s: CertifiedFinding['sources'], o: { eventId?: string; profile: Profile }): CertificateRead | null {
  const shown = (x: SourceSeen | null) => x !== null && x.numbers.length > 0;
  if (![s.record, s.grid, s.check, s.list].some(shown)) return null;
  return {
    recordField: shown(s.record) ? s.record!.where : '',
    grid: shown(s.grid),
    check: shown(s.check) && o.eventId ? { path: s.check!.where, eventId: o.eventId } : null,
    list: shown(s.list) ? { path: s.list!.where } : null,
  };
}

async function sources(d: PanelDriver, o: CertifiedOptions, title: string, kidId: string): Promise<CertifiedFinding['sources']> {
  const t = d.t;
  const numbers = (list: Array<{ number: string }> | null) => (list ?? []).map((c) => c.number).filter(Boolean);
  // A field of the record whose value is certificates (a list or one object with a number).
  let record: SourceSeen | null = null;
  const data = await readFormRecord(d.page, title);
  for (const [field, value] of Object.entries(data ?? {})) {
    if (value === null || typeof value !== 'object') continue;
    const found = numbers(certificatesOf(d, value));
    if (found.length > 0) {
      record = { where: field, numbers: found };
      break;
    }
  }
  // The card's grid with type and number columns, loaded again.
  let grid: SourceSeen | null = null;
  const query = { windowTitle: title, headers: [t.certificateTypeColumn, t.certificateNumberColumn] };
  const loads = await gridLoads(d.page, query);
  if (loads !== null) {
    try {
      await reloadGrid(d.page, query);
      await waitGridLoaded(d.page, query, d.timeoutMs, loads);
      const rows = (await readGrid(d.page, query))?.rows ?? [];
      grid = { where: t.certificates, numbers: rows.map((r) => r[t.certificateNumberColumn] ?? '').filter(Boolean) };
    } catch (e) {
      grid = { where: t.certificates, numbers: [], error: first(e) };
    }
  }
  const ask = async (method: 'GET' | 'POST', pathTemplate: string, query = ''): Promise<SourceSeen> => {
    const url = `${pathTemplate.replace('{kid_id}', encodeURIComponent(kidId))}${query}`;
    try {
      const { status, body } = await panelRequest(d, method, url);
      const env = body as { data?: unknown; success?: unknown; message?: unknown } | null;
      if (status < 200 || status >= 300 || !env || env.success === false || !('data' in env)) {
        return { where: pathTemplate, numbers: [], error: `HTTP ${status}${env && typeof env.message === 'string' ? `: «${env.message}»` : ''}` };
      }
      if (method === 'GET' && !Array.isArray(env.data)) return { where: pathTemplate, numbers: [], error: 'ответ — не список' };
      return { where: pathTemplate, numbers: numbers(certificatesOf(d, env.data)) };
    } catch (e) {
      return { where: pathTemplate, numbers: [], error: first(e) };
    }
  };
  const read = o.profile.adminData.certificateRead;
  const check = o.eventId ? await ask('POST', read.check?.path ?? VENDOR_CHECK_PATH, `?eventId=${encodeURIComponent(o.eventId)}`) : null;
  const list = await ask('GET', read.list?.path ?? VENDOR_CHECK_PATH);
  return { record, grid, check, list };
}
