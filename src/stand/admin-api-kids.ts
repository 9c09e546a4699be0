// The stand's admin API for children and certificates: the list, a child, create, edit, approve,
// a certificate's issue and read, and the menu's sections without stand data.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ok, type StandContext } from './context.js';
import { certificateReadRoutes } from './certificate-read.js';
import { certificateJson, certificateTypeOf, kidDetailJson, kidJson, listParams } from './admin-json.js';
import { apiId, type AdminKit } from './admin-api-kit.js';

const kidBody = z.object({
  user_id: apiId.optional(),
  last_name: z.string().trim().optional(),
  first_name: z.string().trim().optional(),
  patro_name: z.string().trim().optional(),
  birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  sex: z.enum(['male', 'female']).optional(),
  snils: z.string().trim().optional(),
});

const certificateBody = z.object({
  kid_id: apiId,
  type: z.string(),
  denomination: z.coerce.number().min(0).nullable().optional(),
});

/** The children's list, a child, add, edit and «Подтвердить». */
export function registerKidRoutes(app: FastifyInstance, ctx: StandContext, kit: AdminKit): void {
  const { texts, state, refuse, adminOf, parse, findKid } = kit;

  // ---- kids ----
  app.get('/api/rest/kid', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const q = request.query as Record<string, string | undefined>;
    const { start, limit } = listParams(q, ['id'], { property: 'id', direction: 'ASC' });
    const parent = q.user_id ? state().user(q.user_id) : undefined;
    const rows = state().children.filter((c) => !q.user_id || c.userId === parent?.id).sort((a, b) => a.id - b.id);
    return ok(rows.slice(start, start + limit).map((c) => kidJson(ctx, c)), { total: rows.length });
  });


  app.get('/api/rest/kid/:id', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const kid = findKid(request, reply);
    return kid ? ok(kidDetailJson(ctx, kid)) : reply;
  });

  app.post('/api/rest/kid', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const body = parse(kidBody, request.body, reply);
    if (!body) return reply;
    const parent = body.user_id === undefined ? undefined : state().user(body.user_id);
    if (!parent) return refuse(reply, 404, texts().notFound);
    if (!body.first_name || !body.birthday || !body.sex) return refuse(reply, 400, texts().requiredFields);
    const kid = state().addChild({
      userId: parent.id,
      lastName: body.last_name ?? '',
      firstName: body.first_name,
      patronymic: body.patro_name ?? '',
      birthDate: body.birthday,
      sex: body.sex,
    });
    return ok(kidDetailJson(ctx, kid));
  });

  app.put('/api/rest/kid/:id', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const kid = findKid(request, reply);
    const body = kid && parse(kidBody, request.body, reply);
    if (!kid || !body) return reply;
    if (body.snils !== undefined) {
      const digits = body.snils.replace(/\D/g, '');
      if (digits && digits.length !== 11) return refuse(reply, 400, texts().snilsInvalid, { snils: texts().snilsInvalid });
      kid.snils = digits;
    }
    if (body.last_name !== undefined) kid.lastName = body.last_name;
    if (body.first_name) kid.firstName = body.first_name;
    if (body.patro_name !== undefined) kid.patronymic = body.patro_name;
    if (body.birthday) kid.birthDate = body.birthday;
    if (body.sex) kid.sex = body.sex;
    return ok(kidDetailJson(ctx, kid));
  });

  app.post('/api/rest/kid/:id/approve', async (request, reply) => {
    const admin = adminOf(request, reply);
    if (!admin) return reply;
    const kid = findKid(request, reply);
    if (!kid) return reply;
    if (!kid.confirmed) {
      const parent = state().users.find((u) => u.id === kid.userId);
      if (ctx.settings.rules.refuseConfirmWhileResident && !kid.snils && parent?.resident) {
        return refuse(reply, 400, texts().residentRefusal);
      }
      kid.confirmed = true;
      kid.confirmedBy = { id: admin.id, name: admin.name, email: admin.email, organization: admin.organization, phone: admin.phone };
    }
    return ok(kidDetailJson(ctx, kid), { message: texts().childConfirmed });
  });

}

/** «Выдать сертификат», reading one, and the menu's sections without stand data. */
export function registerCertificateRoutes(app: FastifyInstance, ctx: StandContext, kit: AdminKit): void {
  const { texts, state, refuse, adminOf, parse, findKid } = kit;

  // ---- certificates ----
  certificateReadRoutes(app, ctx, { adminOf, findKid, refuse });

  app.post('/api/rest/certificate', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const body = parse(certificateBody, request.body, reply);
    if (!body) return reply;
    const kid = state().child(body.kid_id);
    if (!kid) return refuse(reply, 404, texts().notFound);
    const type = certificateTypeOf(ctx, body.type);
    if (!type) return refuse(reply, 400, texts().invalidCertificateType, { type: texts().invalidCertificateType });
    if (ctx.settings.rules.certificateNeedsConfirmed && !kid.confirmed) {
      return refuse(reply, 400, texts().certificateNeedsConfirmed);
    }
    const certificate = state().addCertificate(kid.id, type, body.denomination ?? 0);
    // The created certificate (id, number, type, category_name, …) is the answer's `data`.
    return ok(certificateJson(ctx, certificate), { message: texts().certificateIssued.replace('{number}', certificate.number) });
  });

  // ---- sections without stand data (kept so the menu leads somewhere real) ----
  for (const section of ['activity_order', 'program', 'organization']) {
    app.get(`/api/rest/${section}`, async (request, reply) => {
      if (!adminOf(request, reply)) return reply;
      const rows =
        section === 'organization'
          ? state().admins.map((a, i) => ({ id: i + 1, name: a.organization, municipality: ctx.settings.municipalities[0] ?? '' }))
          : [];
      return ok(rows, { total: rows.length });
    });
  }
}
