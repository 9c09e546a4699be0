// What every route of the stand's admin API uses: the admin session's cookie and token, the ids
// and flags as the panel sends them, and the route kit (the texts, the state, a refusal in the
// vendor's envelope, the admin behind a request, a checked body or path).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fail, type StandContext } from './context.js';
import type { Admin, Child, SiteUser } from './state.js';

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
export const flag = z.union([z.boolean(), z.number(), z.string()]).transform((v) => v === true || v === 1 || v === '1' || v === 'true' || v === 'on');

/** An id in a path or a body: a number by default, a string (numeric or UUID) in the `uuid` variant. */
export const apiId = z.union([z.number().int(), z.string().trim().min(1).max(100)]);
export const idParam = z.object({ id: apiId });

export interface AdminKit {
  texts(): StandContext['settings']['adminTexts'];
  state(): StandContext['state'];
  refuse(reply: FastifyReply, status: number, message: string, errors?: Record<string, string>): FastifyReply;
  /** The admin behind the request, or undefined after a 401 was sent. */
  adminOf(request: FastifyRequest, reply: FastifyReply): Admin | undefined;
  /** The value as `schema` reads it, or undefined after a 400 was sent. */
  parse<T>(schema: z.ZodType<T>, value: unknown, reply: FastifyReply): T | undefined;
  /** The site user of the path's id, for a signed-in admin; undefined after a 401, 400 or 404 was sent. */
  pathUser(request: FastifyRequest, reply: FastifyReply): SiteUser | undefined;
  /** The child of the path's id; undefined after a 400 or 404 was sent. */
  findKid(request: FastifyRequest, reply: FastifyReply): Child | undefined;
}

export function adminKit(ctx: StandContext): AdminKit {
  const texts = () => ctx.settings.adminTexts;
  const state = () => ctx.state;


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

  const pathUser = (request: FastifyRequest, reply: FastifyReply): SiteUser | undefined => {
    if (!adminOf(request, reply)) return undefined;
    const p = parse(idParam, request.params, reply);
    if (!p) return undefined;
    const user = state().user(p.id);
    if (!user) void refuse(reply, 404, texts().notFound);
    return user;
  };


  const findKid = (request: FastifyRequest, reply: FastifyReply) => {
    const p = parse(idParam, request.params, reply);
    if (!p) return undefined;
    const kid = state().child(p.id);
    if (!kid) void refuse(reply, 404, texts().notFound);
    return kid;
  };

  return { texts, state, refuse, adminOf, parse, pathUser, findKid };
}
