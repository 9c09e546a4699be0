// Where the stand's admin panel lets a kid's certificates be read (issue 22 §1).
// - the card's «Сертификаты» grid loads `GET /api/rest/certificate?kid_id=` (not under `memo`);
// - `get-list` (the default stand): the invented `GET /api/pfdod/billing/check/event/certificate/kid/{kid_id}`
//   list — no public source shows either.
// - `post-check` (variants `post-check`, `memo`): only
//   `POST /api/pfdod/billing/check/event/certificate/kid/{kid_id}?eventId=<event>` answering ONE
//   certificate object, as the captured API notes show (NAVIGATOR.md, «Correction (2026-12-06)»).
//   The stand has no events: any non-empty eventId is valid. A kid without a certificate → 200
//   with `data: null`; a kid with two → the accounting one first created (the check cannot show
//   duplicates). GET there → 405; a missing or empty eventId → 400 with the vendor's envelope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StandContext } from './context.js';
import { ok } from './context.js';
import { certificateJson, kidCertificateJson, municipalityId } from './admin-json.js';
import type { Certificate, Child } from './state.js';

export const CHECK_PATH = '/api/pfdod/billing/check/event/certificate/kid/:id';

/** The one certificate object the per-event check answers (the vendor's field names). */
export function checkCertificateJson(ctx: StandContext, c: Certificate, kid: Child) {
  const base = certificateJson(ctx, c);
  const parent = ctx.state.users.find((u) => u.id === kid.userId);
  const created = c.createdAt;
  const year = Number(created.slice(0, 4)) || new Date().getFullYear();
  return {
    id: base.id,
    unit: 'руб.',
    amount: c.denomination,
    denomination: c.denomination,
    category_name: base.category_name,
    municipality: parent ? { id: municipalityId(ctx, parent.municipality), name: parent.municipality } : null,
    kid_id: base.kid_id,
    birthday: kid.birthDate,
    type: c.type,
    is_being_funded: c.type === 'funding',
    is_used: false,
    is_cancelled: false,
    number: c.number,
    variant: null,
    category_id: c.type,
    date_start: `${year}-01-01`,
    date_end: `${year}-12-31`,
    created,
    is_deleted: false,
    last_name: kid.lastName,
    first_name: kid.firstName,
    patro_name: kid.patronymic,
  };
}

export interface ReadHelpers {
  adminOf(request: FastifyRequest, reply: FastifyReply): unknown;
  findKid(request: FastifyRequest, reply: FastifyReply): Child | undefined;
  refuse(reply: FastifyReply, status: number, message: string): unknown;
}

export function certificateReadRoutes(app: FastifyInstance, ctx: StandContext, h: ReadHelpers): void {
  const state = () => ctx.state;
  const ofKid = (kid: Child) => state().certificates.filter((c) => c.childId === kid.id);

  // The card's «Сертификаты» grid loads this (its store reloads it); `memo` has no grid, no list.
  if (!ctx.settings.memoOnly) {
    app.get('/api/rest/certificate', async (request, reply) => {
      if (!h.adminOf(request, reply)) return reply;
      const kidParam = (request.query as Record<string, string | undefined>).kid_id;
      const kid = kidParam ? state().child(kidParam) : undefined;
      const rows = state().certificates.filter((c) => !kidParam || c.childId === kid?.id);
      return ok(rows.map((c) => certificateJson(ctx, c)), { total: rows.length });
    });
  }
  if (ctx.settings.certificateRead === 'get-list') {
    // A kid's certificates as a list (invented: no source shows it).
    app.get(CHECK_PATH, async (request, reply) => {
      if (!h.adminOf(request, reply)) return reply;
      const kid = h.findKid(request, reply);
      if (!kid) return reply;
      const rows = ofKid(kid).map((c) => kidCertificateJson(ctx, c));
      return ok(rows, { total: rows.length });
    });
    return;
  }

  app.get(CHECK_PATH, async (request, reply) => {
    if (!h.adminOf(request, reply)) return reply;
    return h.refuse(reply.header('allow', 'POST'), 405, 'Метод не поддерживается');
  });
  app.post(CHECK_PATH, async (request, reply) => {
    if (!h.adminOf(request, reply)) return reply;
    const eventId = String((request.query as Record<string, unknown>).eventId ?? '').trim();
    if (eventId === '') return h.refuse(reply, 400, 'Не указано мероприятие (eventId)');
    const kid = h.findKid(request, reply);
    if (!kid) return reply;
    const all = ofKid(kid);
    const one = all.find((c) => c.type === 'accounting') ?? all[0];
    if (!one) return ok(null, { message: 'Действующий сертификат ребенка не найден' });
    return ok(checkCertificateJson(ctx, one, kid));
  });
}
