// `navbot doctor --sample-certified EMAIL [--event-id ID]` (issue 22 §1, §3): a placeholder user
// whose child staff know holds a certificate. Where does the panel show that certificate and its
// number? Each source of adminData.certificateRead is asked on its own — a field of the child
// window's record, the card's «Сертификаты» grid (reloaded), the per-event check (only with an
// event id), the GET list (the profile's path, else the vendor's billing path) — each with the
// robot's own reader (readCertificates of navigator/admin/certificate-read.ts, given a profile with
// that one source), and only the sources that showed a certificate of the accounting type
// (adminTexts.accountingCertificate, ё = е) with its number are suggested: a field holding another
// document with a number (a birth certificate) is never suggested. Read-only: the per-event check
// is a POST that reads; nothing is saved.
import type { Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import { AdminPanel } from '../../navigator/admin/panel.js';
import { isAccountingShown, readCertificates } from '../../navigator/admin/certificate-read.js';
import { PanelDriver } from '../../navigator/admin/driver.js';
import { readFormRecord } from '../../navigator/ext.js';
import { MissingElementError } from '../../core/errors.js';

export type CertificateRead = Profile['adminData']['certificateRead'];

/** The vendor's per-event check (NAVIGATOR.md, «Correction (2026-12-06)»). */
export const VENDOR_CHECK_PATH = '/api/pfdod/billing/check/event/certificate/kid/{kid_id}';

export interface SourceSeen {
  /** Numbers of the accounting certificates it showed; empty: it answered, without one. */
  numbers: string[];
  /** Types of the other numbered certificates or documents it showed (not the accounting type). */
  others?: string[];
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
        out.currentWorks = now.known && now.certificates.some((c) => isAccountingShown(d, c));
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

type Read = CertificateRead;
const NONE: Read = { recordField: '', grid: false, check: null, list: null };

/** One source read as the robot reads it: a driver whose profile names only that source; null: not on the card. */
async function askOne(d: PanelDriver, only: Partial<Read>, title: string, kidId: string, where: string): Promise<SourceSeen | null> {
  const profile: Profile = { ...d.profile, adminData: { ...d.profile.adminData, certificateRead: { ...NONE, ...only } } };
  const one = new PanelDriver(d.page, profile, d.timeoutMs);
  try {
    const r = await readCertificates(one, title, kidId, true);
    if (!r.known) return { where, numbers: [], error: r.tried.join('; ') || 'не ответил' };
    const numbers = r.certificates.filter((c) => isAccountingShown(one, c)).map((c) => c.number);
    const others = r.certificates.filter((c) => !isAccountingShown(one, c)).map((c) => c.type || 'без типа');
    return { where, numbers, ...(others.length ? { others } : {}) };
  } catch (e) {
    if (e instanceof MissingElementError) return null;
    return { where, numbers: [], error: first(e) };
  }
}

async function sources(d: PanelDriver, o: CertifiedOptions, title: string, kidId: string): Promise<CertifiedFinding['sources']> {
  // A field of the record whose value is an object or a list: asked as recordField, the first
  // that shows an accounting certificate with its number wins; else the first that showed anything.
  let record: SourceSeen | null = null;
  const data = await readFormRecord(d.page, title);
  for (const [field, value] of Object.entries(data ?? {})) {
    if (value === null || typeof value !== 'object') continue;
    const seen = await askOne(d, { recordField: field }, title, kidId, field);
    if (!seen || seen.error) continue;
    if (seen.numbers.length > 0) {
      record = seen;
      break;
    }
    if (!record && seen.others) record = seen;
  }
  // The card's grid with type and number columns (reloaded by the reader); none on the card: null.
  const grid = await askOne(d, { grid: true }, title, kidId, d.t.certificates);
  const read = o.profile.adminData.certificateRead;
  const check = o.eventId ? await askOne(d, { check: { path: read.check?.path ?? VENDOR_CHECK_PATH, eventId: o.eventId } }, title, kidId, read.check?.path ?? VENDOR_CHECK_PATH) : null;
  const list = await askOne(d, { list: { path: read.list?.path ?? VENDOR_CHECK_PATH } }, title, kidId, read.list?.path ?? VENDOR_CHECK_PATH);
  return { record, grid, check, list };
}
