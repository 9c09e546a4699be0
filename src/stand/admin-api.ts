// REST API behind the stand's admin panel, shaped like the vendor's: `/api/user/*` for the admin
// session and `/api/rest/*` for records, snake_case fields, the `{ data, err_code, success }`
// envelope. Every route but login needs the admin session (cookie `nav_admin` or a bearer token).
// The routes of users and of children and certificates are admin-api-users.ts / admin-api-kids.ts.
import type { FastifyInstance } from 'fastify';
import { fail, ok, type StandContext } from './context.js';
import type { Session } from './state.js';
import { certificateTypes } from './admin-json.js';
import { ADMIN_COOKIE, adminKit, tokenOf } from './admin-api-kit.js';
import { registerCertificateRoutes, registerKidRoutes } from './admin-api-kids.js';
import { registerUserRoutes } from './admin-api-users.js';

export { ADMIN_COOKIE, readCookie, tokenOf } from './admin-api-kit.js';

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
  const kit = adminKit(ctx);
  const { texts, state, refuse, adminOf } = kit;

  // Replies that do not come from a route (bad JSON, schema) keep the envelope too.
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    void reply.code(status).send(fail(status, status >= 500 ? texts().serverError.replace('{status}', String(status)) : error.message));
  });

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

  registerUserRoutes(app, ctx, kit);
  registerKidRoutes(app, ctx, kit);
  registerCertificateRoutes(app, ctx, kit);
}
