// How the admin API shows the stand's records: the vendor's snake_case shapes.
import type { StandContext } from './context.js';
import { CERTIFICATE_TYPES, type Certificate, type CertificateType, type Child, type SiteUser } from './state.js';

/** The certificate types with the names this stand's region gives them. */
export function certificateTypes(ctx: StandContext): Array<{ id: CertificateType; name: string }> {
  const t = ctx.settings.adminTexts;
  const names: Record<CertificateType, string> = {
    unconfirmed: t.certificateTypeUnconfirmed,
    accounting: t.certificateTypeAccounting,
    funding: t.certificateTypeFunding,
  };
  return CERTIFICATE_TYPES.map((x) => ({ id: x.id, name: names[x.id] }));
}

/** A type named by a request: its id, or its name here or in the memo's words. */
export function certificateTypeOf(ctx: StandContext, value: string): CertificateType | undefined {
  return (
    certificateTypes(ctx).find((x) => x.id === value || x.name === value)?.id ?? CERTIFICATE_TYPES.find((x) => x.name === value)?.id
  );
}

export function municipalityId(ctx: StandContext, name: string): number | null {
  const i = ctx.settings.municipalities.indexOf(name);
  return i < 0 ? null : i + 1;
}

/** The municipality named by a request body (`municipality_id` wins over `municipality`). */
export function municipalityName(ctx: StandContext, body: { municipality?: string; municipality_id?: number | null }): string | undefined {
  if (body.municipality_id !== undefined && body.municipality_id !== null) {
    return ctx.settings.municipalities[body.municipality_id - 1];
  }
  return body.municipality || undefined;
}

const phoneText = (digits: string) => (digits ? `+${digits}` : '');

export function userJson(ctx: StandContext, u: SiteUser) {
  return {
    id: u.apiId,
    last_name: u.lastName,
    first_name: u.firstName,
    patro_name: u.patronymic,
    full_name: [u.lastName, u.firstName, u.patronymic].filter(Boolean).join(' '),
    email: u.email,
    phone: phoneText(u.phone),
    municipality_id: municipalityId(ctx, u.municipality),
    municipality: u.municipality,
    is_resident: u.resident,
    is_verified: u.verified,
    is_accepted_consent_pdp: u.consent,
    created_at: u.createdAt,
  };
}

export function kidJson(ctx: StandContext, c: Child) {
  return {
    id: c.apiId,
    user_id: ctx.state.userApiId(c.userId),
    last_name: c.lastName,
    first_name: c.firstName,
    patro_name: c.patronymic,
    full_name: [c.lastName, c.firstName, c.patronymic].filter(Boolean).join(' '),
    birthday: c.birthDate,
    sex: c.sex,
    snils: c.snils,
    is_deleted: c.deleted,
    is_approved: c.confirmed,
  };
}

export function certificateJson(ctx: StandContext, c: Certificate) {
  const name = certificateTypes(ctx).find((t) => t.id === c.type)?.name ?? c.type;
  return {
    id: c.apiId,
    kid_id: ctx.state.childApiId(c.childId),
    type: c.type,
    type_name: name,
    /** The type's display name, as the vendor's billing API calls it. */
    category_name: name,
    number: c.number,
    denomination: c.denomination,
    created_at: c.createdAt,
  };
}

/** A row of `GET /api/pfdod/billing/check/event/certificate/kid/{kid_id}` (vendor's field names). */
export function kidCertificateJson(ctx: StandContext, c: Certificate) {
  const { id, number, type, category_name, created_at } = certificateJson(ctx, c);
  return { id, number, type, category_name, created_at };
}

/** «Внесения Данных Без <email> +71111111111 г. Блестящий», as the memo shows the parent. */
export function parentTitle(u: SiteUser): string {
  const name = [u.firstName, u.patronymic, u.lastName].filter(Boolean).join(' ');
  return [name, `<${u.email}>`, phoneText(u.phone), u.municipality].filter(Boolean).join(' ');
}

/**
 * One kid with its parent line and who confirmed it. The default stand adds the kid's
 * certificates; `memo` does not (they are read through the billing endpoint, as real clients do).
 */
export function kidDetailJson(ctx: StandContext, c: Child) {
  const parent = ctx.state.users.find((u) => u.id === c.userId);
  return {
    ...kidJson(ctx, c),
    parent: parent ? { id: parent.apiId, title: parentTitle(parent), is_resident: parent.resident } : null,
    approved_by: c.confirmedBy
      ? { id: c.confirmedBy.id, name: c.confirmedBy.name, email: c.confirmedBy.email, organization: c.confirmedBy.organization, phone: c.confirmedBy.phone }
      : null,
    ...(ctx.settings.memoOnly ? {} : { certificates: ctx.state.certificates.filter((x) => x.childId === c.id).map((x) => certificateJson(ctx, x)) }),
  };
}

export function userActivity(ctx: StandContext, u: SiteUser): Array<{ id: number; date: string; event: string }> {
  const t = ctx.settings.adminTexts;
  const rows: Array<{ date: string; event: string }> = [{ date: u.createdAt, event: t.activityRegistered }];
  for (const c of ctx.state.children.filter((x) => x.userId === u.id)) {
    const name = [c.lastName, c.firstName, c.patronymic].filter(Boolean).join(' ');
    rows.push({ date: c.createdAt, event: t.activityChildAdded.replace('{name}', name) });
    if (c.confirmed) rows.push({ date: c.createdAt, event: t.activityChildConfirmed.replace('{name}', name) });
    // `memo`: the memo shows no certificate number anywhere on the cards.
    if (ctx.settings.memoOnly) continue;
    for (const cert of ctx.state.certificates.filter((x) => x.childId === c.id)) {
      rows.push({ date: cert.createdAt, event: t.activityCertificate.replace('{number}', cert.number).replace('{name}', name) });
    }
  }
  return rows.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).map((r, i) => ({ id: i + 1, ...r }));
}

export interface SortSpec {
  property: string;
  direction: 'ASC' | 'DESC';
}

/** Ext's paging and sorting parameters: `start`, `limit` (or `page`), `sort` as JSON. */
export function listParams(q: Record<string, string | undefined>, sortable: string[], fallback: SortSpec): { start: number; limit: number; sort: SortSpec } {
  const limit = Math.min(Math.max(Number(q.limit) || 25, 1), 200);
  const page = Number(q.page) || 1;
  const start = q.start !== undefined && Number.isFinite(Number(q.start)) ? Math.max(Number(q.start), 0) : (page - 1) * limit;
  let sort = fallback;
  if (q.sort) {
    try {
      const parsed = JSON.parse(q.sort) as unknown;
      const first = (Array.isArray(parsed) ? parsed[0] : parsed) as { property?: unknown; direction?: unknown } | undefined;
      if (first && typeof first.property === 'string' && sortable.includes(first.property)) {
        sort = { property: first.property, direction: String(first.direction).toUpperCase() === 'ASC' ? 'ASC' : 'DESC' };
      }
    } catch {
      if (sortable.includes(q.sort)) sort = { property: q.sort, direction: q.dir?.toUpperCase() === 'ASC' ? 'ASC' : 'DESC' };
    }
  }
  return { start, limit, sort };
}
