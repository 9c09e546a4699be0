// The registry app's session: its cookie, the guard every page but the login goes through, and
// the login, logout and the app's root.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../context.js';
import { readCookie } from '../public-site.js';
import { loginPage, REGISTRY_BASE } from './pages.js';
import { formValues } from './validation.js';
import { html, type RegistryKit } from './route-kit.js';

/** Name of the registry app's session cookie (Path=/registry; separate from the site's and the panel's). */
export const REGISTRY_SESSION_COOKIE = 'registry_session';

/** A `next` that stays inside the registry app (no open redirect). */
function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string') return undefined;
  return (next === REGISTRY_BASE || next.startsWith(`${REGISTRY_BASE}/`)) && !next.startsWith('//') && !next.includes('\\') ? next : undefined;
}

/** Where to come back after logging in when a POST found no session: the page the action was on. */
function pageOf(path: string): string {
  const m = /^\/registry\/applications\/(\d+)(?:\/.*)?$/.exec(path);
  if (m) return `${REGISTRY_BASE}/applications/${m[1]}`;
  if (path === `${REGISTRY_BASE}/applications`) return `${REGISTRY_BASE}/applications/new`;
  if (path === `${REGISTRY_BASE}/search`) return `${REGISTRY_BASE}/search`;
  return `${REGISTRY_BASE}/`;
}

/** Every page but the login needs the organisation's session. */
export function installSessionGuard(scope: FastifyInstance, { state, t }: RegistryKit): void {
  const signedIn = (request: FastifyRequest) => state.session(readCookie(request, REGISTRY_SESSION_COOKIE), 'registry') !== undefined;

  scope.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === `${REGISTRY_BASE}/login`) return;
    if (signedIn(request)) return;
    if (path.startsWith(`${REGISTRY_BASE}/api/`)) return reply.code(401).send(fail(401, t().sessionExpired));
    const hadSession = readCookie(request, REGISTRY_SESSION_COOKIE) !== undefined;
    const next = request.method === 'GET' ? request.url : pageOf(path);
    return reply.redirect(`${REGISTRY_BASE}/login?next=${encodeURIComponent(next)}${hadSession ? '&expired=1' : ''}`, request.method === 'GET' ? 302 : 303);
  });
}

/** The login page and form, the logout and the app's root (→ «Заявки»). */
export function registerSessionRoutes(scope: FastifyInstance, { state, settings, t }: RegistryKit): void {
  const setCookie = (reply: FastifyReply, token: string | null) => {
    const value = token === null ? '' : encodeURIComponent(token);
    reply.header('set-cookie', `${REGISTRY_SESSION_COOKIE}=${value}; Path=${REGISTRY_BASE}; HttpOnly; SameSite=Lax${token === null ? '; Max-Age=0' : ''}`);
  };

  scope.get<{ Querystring: { next?: string; expired?: string } }>(`${REGISTRY_BASE}/login`, async (request, reply) =>
    html(reply, loginPage(settings, { next: safeNext(request.query.next), notice: request.query.expired ? t().sessionExpired : undefined })),
  );

  scope.post(`${REGISTRY_BASE}/login`, async (request, reply) => {
    const v = formValues(request.body);
    const login = v.login ?? '';
    const password = typeof (request.body as Record<string, unknown> | undefined)?.password === 'string' ? String((request.body as Record<string, unknown>).password) : '';
    const next = safeNext(v.next);
    if (!login || !password) return html(reply, loginPage(settings, { login, next, error: t().loginRequired }), 400);
    if (login.toLowerCase() !== settings.registryLogin.toLowerCase() || password !== settings.registryPassword) {
      return html(reply, loginPage(settings, { login, next, error: t().loginFailed }), 403);
    }
    setCookie(reply, state.openSession('registry', 1).token);
    return reply.redirect(next ?? `${REGISTRY_BASE}/`, 303);
  });

  scope.post(`${REGISTRY_BASE}/logout`, async (request, reply) => {
    const token = readCookie(request, REGISTRY_SESSION_COOKIE);
    if (token) state.sessions.delete(token);
    setCookie(reply, null);
    return reply.redirect(`${REGISTRY_BASE}/login`, 303);
  });

  scope.get(REGISTRY_BASE, async (_request, reply) => reply.redirect(`${REGISTRY_BASE}/applications`, 302));
  scope.get(`${REGISTRY_BASE}/`, async (_request, reply) => reply.redirect(`${REGISTRY_BASE}/applications`, 302));
}
