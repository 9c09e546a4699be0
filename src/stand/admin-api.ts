// REST API behind the stand's admin panel, shaped like the vendor's: `/api/user/*` for the admin
// session and `/api/rest/*` for records, snake_case fields, the `{ data, err_code, success }`
// envelope. Every route but login needs the admin session (cookie `nav_admin` or a bearer token).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fail, ok, type StandContext } from './context.js';
import { certificateReadRoutes } from './certificate-read.js';
import type { Admin, Session } from './state.js';
import {
  certificateJson,
  certificateTypeOf,
  certificateTypes,
  kidDetailJson,
  kidJson,
  listParams,
  municipalityName,
  userActivity,
  userJson,
} from './admin-json.js';

export const ADMIN_COOKIE = 'nav_admin';

/** Reads one cookie from the raw header (the stand does not depend on a cookie plugin here). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The admin session's token: a bearer header, the vendor's header, or the panel's cookie. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = request.headers['x-auth-token'];
  if (typeof header === 'string' && header) return header;
  return readCookie(request.headers.cookie, ADMIN_COOKIE);
}

/** A boolean as Ext sends it (true/false) or a form would ("on", "1", "false"). */
const flag = z.union([z.boolean(), z.number(), z.string()]).transform((v) => v === true || v === 1 || v === '1' || v === 'true' || v === 'on');

/** An id in a path or a body: a number by default, a string (numeric or UUID) in the `uuid` variant. */
const apiId = z.union([z.number().int(), z.string().trim().min(1).max(100)]);
const idParam = z.object({ id: apiId });

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

/** What the vendor's panel may do; the stand's admin may do all of it (names from public API notes). */
export const ADMIN_PERMS = ['SiteUserViewList', 'SiteUserEdit', 'ViewActivityKids', 'KidEdit', 'KidApprove', 'CertificateCreate'];

/** `vendor-session`: the login answer of the vendor's API. `expired_at` is an ISO time (login + TTL). */
function vendorTokens(session: Session, user: { id: number; email: string; name: string }) {
  return {
    access_token: session.token,
    refresh_token: `refresh-${session.token}`,
    expired_at: session.expiresAt === null ? null : new Date(session.expiresAt).toISOString(),
    perms: ADMIN_PERMS,
    user,
  };
}

export async function registerAdminApi(app: FastifyInstance, ctx: StandContext): Promise<void> {
  const texts = () => ctx.settings.adminTexts;
  const state = () => ctx.state;

  // Replies that do not come from a route (bad JSON, schema) keep the envelope too.
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    void reply.code(status).send(fail(status, status >= 500 ? texts().serverError.replace('{status}', String(status)) : error.message));
  });

  const refuse = (reply: FastifyReply, status: number, message: string, errors?: Record<string, string>) =>
    reply.code(status).send(fail(status, message, errors));

  /** The admin behind the request, or undefined after a 401 was sent. */
  const adminOf = (request: FastifyRequest, reply: FastifyReply): Admin | undefined => {
    const session = state().session(tokenOf(request), 'admin');
    const admin = session && state().admins.find((a) => a.id === session.subjectId);
    if (!admin) {
      void refuse(reply, 401, texts().sessionExpired);
      return undefined;
    }
    return admin;
  };

  const parse = <T>(schema: z.ZodType<T>, value: unknown, reply: FastifyReply): T | undefined => {
    const parsed = schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] = issue.message;
    void refuse(reply, 400, texts().requiredFields, errors);
    return undefined;
  };

  // ---- session ----
  app.post('/api/user/login', async (request, reply) => {
    const body = (request.body ?? {}) as { email?: unknown; login?: unknown; password?: unknown };
    const email = String(body.email ?? body.login ?? '').trim().toLowerCase();
    const admin = state().admins.find((a) => a.email.toLowerCase() === email && a.password === String(body.password ?? ''));
    if (!admin) return refuse(reply, 403, texts().loginFailed);
    const session = state().openSession('admin', admin.id);
    const user = { id: admin.id, email: admin.email, name: admin.name };
    if (ctx.settings.adminAuth === 'token') {
      // `vendor-session`: the vendor's answer; no cookie, the panel keeps the token and sends it.
      return ok(vendorTokens(session, user));
    }
    void reply.header('set-cookie', `${ADMIN_COOKIE}=${encodeURIComponent(session.token)}; Path=/; HttpOnly; SameSite=Lax`);
    return ok({ token: session.token, user });
  });

  app.post('/api/user/logout', async (request, reply) => {
    const token = tokenOf(request);
    if (token) state().sessions.delete(token);
    void reply.header('set-cookie', `${ADMIN_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return ok(null);
  });

  app.get('/api/user/me', async (request, reply) => {
    const admin = adminOf(request, reply);
    if (!admin) return reply;
    return ok({ id: admin.id, email: admin.email, name: admin.name, organization: admin.organization, phone: admin.phone });
  });

  // ---- dictionaries ----
  app.get('/api/rest/municipality', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const list = ctx.settings.municipalities.map((name, i) => ({ id: i + 1, name }));
    return ok(list, { total: list.length });
  });

  app.get('/api/rest/certificate-type', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const list = certificateTypes(ctx);
    return ok(list, { total: list.length });
  });

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
    if (!adminOf(request, reply)) return reply;
    const p = parse(idParam, request.params, reply);
    if (!p) return reply;
    const user = state().user(p.id);
    return user ? ok(userJson(ctx, user)) : refuse(reply, 404, texts().notFound);
  });

  app.get('/api/rest/siteuser/:id/activity', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const p = parse(idParam, request.params, reply);
    if (!p) return reply;
    const user = state().user(p.id);
    if (!user) return refuse(reply, 404, texts().notFound);
    const rows = userActivity(ctx, user);
    return ok(rows, { total: rows.length });
  });

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
    if (!adminOf(request, reply)) return reply;
    const p = parse(idParam, request.params, reply);
    if (!p) return reply;
    const user = state().user(p.id);
    if (!user) return refuse(reply, 404, texts().notFound);
    return ok(null, { message: texts().confirmationSent.replace('{email}', user.email) });
  });

  // ---- kids ----
  app.get('/api/rest/kid', async (request, reply) => {
    if (!adminOf(request, reply)) return reply;
    const q = request.query as Record<string, string | undefined>;
    const { start, limit } = listParams(q, ['id'], { property: 'id', direction: 'ASC' });
    const parent = q.user_id ? state().user(q.user_id) : undefined;
    const rows = state().children.filter((c) => !q.user_id || c.userId === parent?.id).sort((a, b) => a.id - b.id);
    return ok(rows.slice(start, start + limit).map((c) => kidJson(ctx, c)), { total: rows.length });
  });

  const findKid = (request: FastifyRequest, reply: FastifyReply) => {
    const p = parse(idParam, request.params, reply);
    if (!p) return undefined;
    const kid = state().child(p.id);
    if (!kid) void refuse(reply, 404, texts().notFound);
    return kid;
  };

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
