// The stand's admin API for site users: the list with its filters, a user, their activity,
// create, edit and «send confirmation» (the vendor's `/api/rest/siteuser`).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ok, type StandContext } from './context.js';
import { listParams, municipalityName, userActivity, userJson } from './admin-json.js';
import { flag, idParam, type AdminKit } from './admin-api-kit.js';

const userBody = z.object({
  last_name: z.string().trim().optional(),
  first_name: z.string().trim().optional(),
  patro_name: z.string().trim().optional(),
  email: z.string().trim().optional(),
  phone: z.string().trim().optional(),
  municipality: z.string().trim().optional(),
  municipality_id: z.coerce.number().int().nullable().optional(),
  is_resident: flag.optional(),
  is_verified: flag.optional(),
});

export function registerUserRoutes(app: FastifyInstance, ctx: StandContext, kit: AdminKit): void {
  userReads(app, ctx, kit);
  userWrites(app, ctx, kit);
}

/** The list with its filters, a user, their activity. */
function userReads(app: FastifyInstance, ctx: StandContext, kit: AdminKit): void {
  const { state, adminOf, pathUser } = kit;

  // ---- site users ----
  app.get('/api/rest/siteuser', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const q = request.query as Record<string, string | undefined>;
    const { start, limit, sort } = listParams(q, ['id', 'email', 'last_name', 'created_at'], { property: 'id', direction: 'DESC' });
    const query = (q.query ?? '').trim().toLowerCase();
    const digits = query.replace(/\D/g, '');
    // `desktop`: the list's filter fields («Email», «ФИО»), each a substring of its own column.
    const byEmail = (q.email ?? '').trim().toLowerCase();
    const byFio = (q.fio ?? '').trim().toLowerCase();
    let rows = state().users.filter((u) => {
      if (byEmail && !u.email.toLowerCase().includes(byEmail)) return false;
      if (byFio && !`${u.lastName} ${u.firstName} ${u.patronymic}`.toLowerCase().includes(byFio)) return false;
      if (!query) return true;
      if (/^\d+$/.test(query) && String(u.apiId) === query) return true;
      const fio = `${u.lastName} ${u.firstName} ${u.patronymic}`.toLowerCase();
      return u.email.toLowerCase().includes(query) || fio.includes(query) || (digits.length >= 5 && u.phone.includes(digits));
    });
    const key = sort.property;
    const dir = sort.direction === 'ASC' ? 1 : -1;
    rows = [...rows].sort((a, b) => {
      const va = key === 'id' ? a.id : key === 'email' ? a.email : key === 'last_name' ? a.lastName : a.createdAt;
      const vb = key === 'id' ? b.id : key === 'email' ? b.email : key === 'last_name' ? b.lastName : b.createdAt;
      return (va < vb ? -1 : va > vb ? 1 : 0) * dir;
    });
    return ok(rows.slice(start, start + limit).map((u) => userJson(ctx, u)), { total: rows.length });
  });

  app.get('/api/rest/siteuser/:id', async (request, reply) => {
    const user = pathUser(request, reply);
    return user ? ok(userJson(ctx, user)) : reply;
  });

  app.get('/api/rest/siteuser/:id/activity', async (request, reply) => {
    const user = pathUser(request, reply);
    if (!user) return reply;
    const rows = userActivity(ctx, user);
    return ok(rows, { total: rows.length });
  });

}

/** Create, edit and «send confirmation». */
function userWrites(app: FastifyInstance, ctx: StandContext, kit: AdminKit): void {
  const { texts, state, refuse, adminOf, parse, pathUser } = kit;

  const applyUser = (body: z.infer<typeof userBody>, reply: FastifyReply, userId: number | null) => {
    if (body.email !== undefined) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) return refuse(reply, 400, texts().invalidEmail, { email: texts().invalidEmail });
      const other = state().findUserByEmail(body.email);
      if (other && other.id !== userId) return refuse(reply, 400, texts().emailTaken, { email: texts().emailTaken });
    }
    return undefined;
  };

  app.post('/api/rest/siteuser', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const body = parse(userBody, request.body, reply);
    if (!body) return reply;
    if (!body.email || !body.first_name) return refuse(reply, 400, texts().requiredFields);
    if (applyUser(body, reply, null)) return reply;
    const user = state().addUser({
      email: body.email,
      password: '',
      lastName: body.last_name ?? '',
      firstName: body.first_name,
      patronymic: body.patro_name ?? '',
      phone: (body.phone ?? '').replace(/\D/g, ''),
      municipality: municipalityName(ctx, body) ?? ctx.settings.municipalities[0] ?? '',
      consent: false,
      resident: body.is_resident ?? true,
      verified: body.is_verified ?? false,
    });
    return ok(userJson(ctx, user));
  });

  app.put('/api/rest/siteuser/:id', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const p = parse(idParam, request.params, reply);
    const body = p && parse(userBody, request.body, reply);
    if (!p || !body) return reply;
    const user = state().user(p.id);
    if (!user) return refuse(reply, 404, texts().notFound);
    if (applyUser(body, reply, user.id)) return reply;
    if (body.last_name !== undefined) user.lastName = body.last_name;
    if (body.first_name !== undefined) user.firstName = body.first_name;
    if (body.patro_name !== undefined) user.patronymic = body.patro_name;
    if (body.email !== undefined) user.email = body.email;
    if (body.phone !== undefined) user.phone = body.phone.replace(/\D/g, '');
    const municipality = municipalityName(ctx, body);
    if (municipality !== undefined) user.municipality = municipality;
    if (body.is_resident !== undefined) user.resident = body.is_resident;
    if (body.is_verified !== undefined) user.verified = body.is_verified;
    return ok(userJson(ctx, user));
  });

  app.post('/api/rest/siteuser/:id/send-confirmation', async (request, reply) => {
    const user = pathUser(request, reply);
    if (!user) return reply;
    return ok(null, { message: texts().confirmationSent.replace('{email}', user.email) });
  });
}
