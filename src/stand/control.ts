// The stand's control side: the request log and fault hooks for every request, and, when
// `settings.control` is on, the test control API under /__stand/ (see src/stand/README.md).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { StandContext } from './context.js';
import type { RegistryRules, StandRules } from './settings.js';
import { DOCUMENT_TYPES, type ApiId, type DocumentType } from './state.js';
import { parseFaultsBody } from './control/faults.js';
import { controlRequestRefusal } from './control/guard.js';
import { TrafficControl } from './control/hooks.js';
import { isControlPath } from './control/request-log.js';

const ttl = z.number().int().min(0).nullable().optional();

const settingsBody = z.object({
  rules: z
    .object({
      refuseConfirmWhileResident: z.boolean(),
      certificateNeedsConfirmed: z.boolean(),
      captcha: z.boolean(),
      emailConfirmation: z.boolean(),
      captchaWidget: z.boolean(),
      captchaLogin: z.boolean(),
    })
    .partial()
    .optional(),
  adminSessionTtlSec: ttl,
  publicSessionTtlSec: ttl,
  slowMaskMs: z.number().int().min(0).max(60_000).optional(),
  /** `vendor-session`: the token's lifetime (also the admin session's there); elsewhere only kept. */
  tokenTtlSec: z.number().int().min(0).optional(),
  /** Every page and API answer waits this long (`slow`: 5000). */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** The registry app's rules (settings.registryRules), partially. */
  registryRules: z
    .object({
      duplicateDocument: z.boolean(),
      receivedNeedsConfirmed: z.boolean(),
      refusedIsFinal: z.boolean(),
      refuseNeedsReason: z.boolean(),
      over14NeedsAge: z.boolean(),
      lockAfterReceived: z.boolean(),
      editClearsConfirmation: z.boolean(),
    })
    .partial()
    .optional(),
  registrySessionTtlSec: ttl,
});

const userBody = z.object({
  email: z.string().trim().min(3),
  lastName: z.string().trim().min(1),
  firstName: z.string().trim().min(1),
  patronymic: z.string().trim().default(''),
  phone: z.string().default('71111111111'),
  municipality: z.string().optional(),
  password: z.string().default('password'),
  resident: z.boolean().default(true),
  verified: z.boolean().default(false),
  /** Create even when the e-mail is taken (to stage a duplicate account). */
  allowDuplicate: z.boolean().default(false),
});

const childBody = z.object({
  /** The user's id as the state dump shows it (a number, or a string in the `uuid` variant). */
  userId: z.union([z.number().int(), z.string().trim().min(1)]),
  lastName: z.string().trim().default(''),
  firstName: z.string().trim().min(1),
  patronymic: z.string().trim().default(''),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sex: z.enum(['male', 'female']),
  confirmed: z.boolean().default(false),
});

const certificateBody = z.object({
  /** The child's id as the state dump shows it (a number, or a string in the `uuid` variant). */
  childId: z.union([z.number().int(), z.string().trim().min(1)]),
  type: z.enum(['accounting', 'unconfirmed', 'funding']).default('accounting'),
  denomination: z.number().min(0).default(0),
});

const applicationBody = z.object({
  /** Given: used as is (must be free); absent: the next number. */
  number: z.string().trim().min(1).optional(),
  certificateNumber: z.string().trim().min(1).optional(),
  child: z.object({
    lastName: z.string().trim().min(1),
    firstName: z.string().trim().min(1),
    patronymic: z.string().trim().default(''),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sex: z.enum(['male', 'female']),
    documentType: z.enum(DOCUMENT_TYPES as [DocumentType, ...DocumentType[]]),
    /** Stored as given, unchecked: a seed may stage a wrongly typed series. */
    documentSeries: z.string().trim().default(''),
    documentNumber: z.string().trim().min(1),
  }),
  over14: z.boolean().default(false),
  /** Absent with over14: the child's name, phone 79990000000, e-mail child@example.ru. */
  applicant: z
    .object({
      lastName: z.string().trim().min(1),
      firstName: z.string().trim().min(1),
      patronymic: z.string().trim().default(''),
      phone: z.string().default('79990000000'),
      email: z.string().trim().default('applicant@example.ru'),
    })
    .optional(),
  municipality: z.string().optional(),
  pdConfirmed: z.boolean().default(false),
  documentsReceived: z.boolean().default(false),
  refused: z.boolean().default(false),
  refuseReason: z.string().nullable().default(null),
  /** Create even when an application for the same document exists (to stage a duplicate). */
  allowDuplicate: z.boolean().default(false),
});

function bad(reply: FastifyReply, error: z.ZodError | string, status = 400) {
  const message = typeof error === 'string' ? error : error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  return reply.code(status).send({ error: message });
}

export async function registerControl(app: FastifyInstance, ctx: StandContext): Promise<void> {
  const traffic = new TrafficControl(ctx.settings.seed, () => ctx.settings.logRequests, () => ctx.settings.latencyMs);
  traffic.install(app);

  // Runtime settings are restored by reset.
  const initial = {
    rules: { ...ctx.settings.rules },
    adminSessionTtlSec: ctx.settings.adminSessionTtlSec,
    publicSessionTtlSec: ctx.settings.publicSessionTtlSec,
    slowMaskMs: ctx.settings.slowMaskMs,
    tokenTtlSec: ctx.settings.tokenTtlSec,
    latencyMs: ctx.settings.latencyMs,
    registryRules: { ...ctx.settings.registryRules },
    registrySessionTtlSec: ctx.settings.registrySessionTtlSec,
  };
  const applyTtl = (kind: 'admin' | 'public' | 'registry', value: number | null) => {
    if (kind === 'admin') ctx.settings.adminSessionTtlSec = ctx.state.options.adminSessionTtlSec = value;
    else if (kind === 'public') ctx.settings.publicSessionTtlSec = ctx.state.options.publicSessionTtlSec = value;
    else ctx.settings.registrySessionTtlSec = ctx.state.options.registrySessionTtlSec = value;
    // Live sessions follow the new lifetime too, so a test can expire them by setting 0.
    for (const s of ctx.state.sessions.values()) {
      if (s.kind === kind) s.expiresAt = value === null ? null : s.createdAt + value * 1000;
    }
  };
  const applyTokenTtl = (value: number) => {
    ctx.settings.tokenTtlSec = value;
    if (ctx.settings.adminAuth === 'token') applyTtl('admin', value);
  };
  const runtimeSettings = () => ({
    variants: ctx.settings.variants,
    rules: ctx.settings.rules,
    adminSessionTtlSec: ctx.settings.adminSessionTtlSec,
    publicSessionTtlSec: ctx.settings.publicSessionTtlSec,
    slowMaskMs: ctx.settings.slowMaskMs,
    tokenTtlSec: ctx.settings.tokenTtlSec,
    latencyMs: ctx.settings.latencyMs,
    registryRules: ctx.settings.registryRules,
    registrySessionTtlSec: ctx.settings.registrySessionTtlSec,
  });

  if (!ctx.settings.control) return;

  // Only this computer's tools, never a web page in the staff's browser (control/guard.ts).
  app.addHook('onRequest', async (request, reply) => {
    const q = request.url.indexOf('?');
    const path = q < 0 ? request.url : request.url.slice(0, q);
    if (!isControlPath(path) && !isControlPath(request.routeOptions.url ?? '')) return;
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    const refusal = controlRequestRefusal(
      { host: header('host'), origin: header('origin'), secFetchSite: header('sec-fetch-site'), localPort: request.socket?.localPort, remoteAddress: request.socket?.remoteAddress },
      ctx.settings.host,
    );
    if (refusal) return reply.code(403).send({ error: refusal });
  });

  app.get('/__stand/state', async () => ctx.state.dump());

  app.get<{ Querystring: { since?: string; writes?: string } }>('/__stand/requests', async (request, reply) => {
    const since = request.query.since === undefined ? undefined : Number(request.query.since);
    if (since !== undefined && !Number.isInteger(since)) return bad(reply, 'since: expected an integer');
    const writes = request.query.writes === '1' || request.query.writes === 'true';
    reply.header('x-stand-next', String(traffic.log.next));
    return traffic.log.list({ since, writes });
  });

  app.post('/__stand/reset', async () => {
    traffic.reset(ctx.settings.seed);
    ctx.state.reset();
    Object.assign(ctx.settings.rules, initial.rules);
    applyTtl('admin', initial.adminSessionTtlSec);
    applyTtl('public', initial.publicSessionTtlSec);
    ctx.settings.slowMaskMs = initial.slowMaskMs;
    ctx.settings.tokenTtlSec = initial.tokenTtlSec;
    ctx.settings.latencyMs = initial.latencyMs;
    Object.assign(ctx.settings.registryRules, initial.registryRules);
    applyTtl('registry', initial.registrySessionTtlSec);
    return { ok: true };
  });

  app.get('/__stand/faults', async () => ({ rules: traffic.faults.rules() }));
  app.post('/__stand/faults', async (request, reply) => {
    const parsed = parseFaultsBody(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    traffic.faults.setRules(parsed.data.rules, parsed.data.seed);
    return { rules: traffic.faults.rules() };
  });
  app.delete('/__stand/faults', async () => {
    traffic.faults.setRules([]);
    return { rules: [] };
  });

  app.get('/__stand/held', async () => traffic.heldRequests());
  app.post('/__stand/release', async (request, reply) => {
    const parsed = z.object({ id: z.number().int().optional() }).safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    return { released: traffic.release(parsed.data.id) };
  });

  app.post('/__stand/expire-sessions', async (request, reply) => {
    const parsed = z.object({ kind: z.enum(['admin', 'public', 'registry']).optional() }).safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    return { expired: ctx.state.expireSessions(parsed.data.kind) };
  });

  app.get('/__stand/settings', async () => runtimeSettings());
  app.post('/__stand/settings', async (request, reply) => {
    const parsed = settingsBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const { rules, adminSessionTtlSec, publicSessionTtlSec, slowMaskMs, tokenTtlSec, latencyMs, registryRules, registrySessionTtlSec } = parsed.data;
    if (rules) Object.assign(ctx.settings.rules, rules as Partial<StandRules>);
    if (registryRules) Object.assign(ctx.settings.registryRules, registryRules as Partial<RegistryRules>);
    if (registrySessionTtlSec !== undefined) applyTtl('registry', registrySessionTtlSec);
    if (slowMaskMs !== undefined) ctx.settings.slowMaskMs = slowMaskMs;
    if (latencyMs !== undefined) ctx.settings.latencyMs = latencyMs;
    if (tokenTtlSec !== undefined) applyTokenTtl(tokenTtlSec);
    if (adminSessionTtlSec !== undefined) applyTtl('admin', adminSessionTtlSec);
    if (publicSessionTtlSec !== undefined) applyTtl('public', publicSessionTtlSec);
    return runtimeSettings();
  });

  app.post('/__stand/confirm-email', async (request, reply) => {
    const parsed = z.object({ email: z.string().min(1) }).safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const user = ctx.state.findUserByEmail(parsed.data.email);
    if (!user) return bad(reply, `no user with e-mail ${parsed.data.email}`, 404);
    user.verified = true;
    return publicUser(ctx, user.apiId);
  });

  app.post('/__stand/users', async (request, reply) => {
    const parsed = userBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const { allowDuplicate, municipality, phone, ...rest } = parsed.data;
    if (!allowDuplicate && ctx.state.findUserByEmail(rest.email)) return bad(reply, `e-mail ${rest.email} is taken`, 409);
    const user = ctx.state.addUser({
      ...rest,
      phone: phone.replace(/\D/g, ''),
      municipality: municipality ?? ctx.settings.municipalities[0] ?? '',
      consent: true,
    });
    return reply.code(201).send(publicUser(ctx, user.apiId));
  });

  app.post('/__stand/children', async (request, reply) => {
    const parsed = childBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const { confirmed, userId, ...input } = parsed.data;
    const user = ctx.state.user(userId);
    if (!user) return bad(reply, `no user ${userId}`, 404);
    const child = ctx.state.addChild({ ...input, userId: user.id });
    child.confirmed = confirmed;
    return reply.code(201).send(ctx.state.dump().children.find((c) => c.id === child.apiId));
  });

  // A certificate with the next number, as the panel would issue it (no rule checked: a seed may
  // stage a second accounting certificate of one child, as another installation or a person can).
  app.post('/__stand/certificates', async (request, reply) => {
    const parsed = certificateBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const child = ctx.state.child(parsed.data.childId);
    if (!child) return bad(reply, `no child ${parsed.data.childId}`, 404);
    const certificate = ctx.state.addCertificate(child.id, parsed.data.type, parsed.data.denomination);
    return reply.code(201).send(ctx.state.dump().certificates.find((c) => c.id === certificate.apiId));
  });

  app.post('/__stand/applications', async (request, reply) => {
    const parsed = applicationBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const { allowDuplicate, applicant, municipality, ...rest } = parsed.data;
    if (!applicant && !rest.over14) return bad(reply, 'applicant: required unless over14 is true');
    if (rest.number && ctx.state.applicationByNumber(rest.number)) return bad(reply, `application number ${rest.number} is taken`, 409);
    if (rest.certificateNumber && ctx.state.applications.some((a) => a.certificateNumber === rest.certificateNumber)) {
      return bad(reply, `certificate number ${rest.certificateNumber} is taken`, 409);
    }
    const earlier = ctx.state.applicationForDocument(rest.child);
    if (earlier && !allowDuplicate) return bad(reply, `an application for this document exists: ${earlier.number}`, 409);
    const { number, certificateNumber, ...fields } = rest;
    const who = applicant ?? { lastName: rest.child.lastName, firstName: rest.child.firstName, patronymic: rest.child.patronymic, phone: '79990000000', email: 'child@example.ru' };
    const a = ctx.state.addApplication({
      ...fields,
      ...(number ? { number } : {}),
      ...(certificateNumber ? { certificateNumber } : {}),
      applicant: { ...who, phone: who.phone.replace(/\D/g, '') },
      municipality: municipality ?? ctx.settings.municipalities[0] ?? '',
    });
    return reply.code(201).send(ctx.state.applicationView(a));
  });
}

function publicUser(ctx: StandContext, id: ApiId) {
  return ctx.state.dump().users.find((u) => u.id === id);
}
