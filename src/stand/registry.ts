// The stand's second app: «АИС «Реестр сертификатов»», an organisation's cabinet of the
// certificate registry (shared/REGISTRY.md), under /registry/. Server-rendered pages with plain
// form posts (application/x-www-form-urlencoded); its own login and session cookie; a small JSON
// API for robots under /registry/api/. The request log and the faults (control/hooks.ts, installed
// on the root instance) cover these routes as they cover the rest of the stand.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail, ok, type StandContext } from './context.js';
import { readCookie } from './public-site.js';
import type { Application } from './state.js';
import { parseDate } from './public/validation.js';
import {
  createdPage,
  fill,
  formPage,
  listPage,
  loginPage,
  printPage,
  REGISTRY_BASE,
  searchPage,
  viewPage,
} from './registry/pages.js';
import { alreadyDone, ruleRefusal, statusOf, type RegistryAction } from './registry/rules.js';
import { applicationFormValues, formValues, isoDay, validateApplication, type FormValues } from './registry/validation.js';

/** Name of the registry app's session cookie (Path=/registry; separate from the site's and the panel's). */
export const REGISTRY_SESSION_COOKIE = 'registry_session';

const html = (reply: FastifyReply, page: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page);

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

/** Case and «ё» do not matter when staff search for a name. */
const fold = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е');

export async function registerRegistry(app: FastifyInstance, ctx: StandContext): Promise<void> {
  const { state, settings } = ctx;
  const t = () => settings.registryTexts;
  const today = () => isoDay(state.time());
  const record = (a: Application) => ({ ...state.applicationView(a), status: statusOf(a) });

  await app.register(async (scope) => {
    // Plain HTML forms post urlencoded bodies; only this app accepts them.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    const signedIn = (request: FastifyRequest) => state.session(readCookie(request, REGISTRY_SESSION_COOKIE), 'registry') !== undefined;

    // Every page but the login needs the organisation's session.
    scope.addHook('preHandler', async (request, reply) => {
      const path = request.url.split('?')[0]!;
      if (path === `${REGISTRY_BASE}/login`) return;
      if (signedIn(request)) return;
      if (path.startsWith(`${REGISTRY_BASE}/api/`)) return reply.code(401).send(fail(401, t().sessionExpired));
      const hadSession = readCookie(request, REGISTRY_SESSION_COOKIE) !== undefined;
      const next = request.method === 'GET' ? request.url : pageOf(path);
      return reply.redirect(`${REGISTRY_BASE}/login?next=${encodeURIComponent(next)}${hadSession ? '&expired=1' : ''}`, request.method === 'GET' ? 302 : 303);
    });

    const setCookie = (reply: FastifyReply, token: string | null) => {
      const value = token === null ? '' : encodeURIComponent(token);
      reply.header('set-cookie', `${REGISTRY_SESSION_COOKIE}=${value}; Path=${REGISTRY_BASE}; HttpOnly; SameSite=Lax${token === null ? '; Max-Age=0' : ''}`);
    };

    const notFound = (reply: FastifyReply) => html(reply, searchPage(settings, { notFound: true }), 404);

    const view = (reply: FastifyReply, a: Application, status?: { text: string; ok: boolean }, code = 200, refuse?: { reason: string; error: string }) =>
      html(reply, viewPage(settings, a, { status, refuse, record: record(a) }), code);

    // ---- login ---------------------------------------------------------------------------------
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

    // ---- the list («Заявки») with search by the child's name and birth date ---------------------
    const filter = (q: { lastName?: string; firstName?: string; birthDate?: string; number?: string; certificate?: string }) => {
      const lastName = fold(q.lastName ?? '');
      const firstName = fold(q.firstName ?? '');
      const birthRaw = (q.birthDate ?? '').trim();
      const birthDate = birthRaw ? (parseDate(birthRaw) ?? '—') : '';
      const number = (q.number ?? '').trim().toUpperCase();
      const certificate = (q.certificate ?? '').replace(/\s+/g, '');
      return state.applications.filter(
        (a) =>
          (!lastName || fold(a.child.lastName) === lastName) &&
          (!firstName || fold(a.child.firstName) === firstName) &&
          (!birthDate || a.child.birthDate === birthDate) &&
          (!number || a.number.toUpperCase() === number) &&
          (!certificate || a.certificateNumber === certificate),
      );
    };

    scope.get<{ Querystring: { lastName?: string; firstName?: string; birthDate?: string } }>(`${REGISTRY_BASE}/applications`, async (request, reply) => {
      const q = request.query;
      return html(reply, listPage(settings, filter(q), { lastName: q.lastName ?? '', firstName: q.firstName ?? '', birthDate: q.birthDate ?? '' }));
    });

    // ---- «Создать заявку» ----------------------------------------------------------------------
    scope.get(`${REGISTRY_BASE}/applications/new`, async (_request, reply) =>
      html(reply, formPage(settings, { mode: 'create', values: {}, errors: {}, certificateOpen: false })),
    );

    const validate = (values: FormValues, consents: boolean) =>
      validateApplication(values, {
        texts: t(),
        format: settings.registryFormat,
        rules: settings.registryRules,
        municipalities: settings.municipalities,
        today: today(),
        ...(consents ? { consents: t().consents } : {}),
      });

    scope.post(`${REGISTRY_BASE}/applications`, async (request, reply) => {
      const values = formValues(request.body);
      const { value, errors } = validate(values, false);
      const formAgain = (status: { text: string; ok: boolean }, code: number) =>
        html(reply, formPage(settings, { mode: 'create', values, errors, certificateOpen: true, status }), code);
      if (Object.keys(errors).length > 0) return formAgain({ text: t().formInvalid, ok: false }, 400);
      const earlier = settings.registryRules.duplicateDocument ? state.applicationForDocument(value.child) : undefined;
      if (earlier) {
        const message = fill(t().duplicateDocument, { number: earlier.number });
        errors.documentNumber = message;
        return formAgain({ text: message, ok: false }, 409);
      }
      const a = state.addApplication(value);
      return html(reply, createdPage(settings, a));
    });

    // ---- the view page and its actions ---------------------------------------------------------
    type ById = { Params: { id: string } };
    const byId = (request: FastifyRequest<ById>) => state.application(request.params.id);

    scope.get<ById>(`${REGISTRY_BASE}/applications/:id`, async (request, reply) => {
      const a = byId(request);
      return a ? view(reply, a) : notFound(reply);
    });

    /** Confirm and «Документы получены»: rules first, then "already done", then the change. */
    const simpleAction = (action: Extract<RegistryAction, 'confirm' | 'received'>, apply: (a: Application) => void, done: () => string) =>
      scope.post<ById>(`${REGISTRY_BASE}/applications/:id/${action}`, async (request, reply) => {
        const a = byId(request);
        if (!a) return notFound(reply);
        const refusal = ruleRefusal(action, a, settings.registryRules, t());
        if (refusal) return view(reply, a, { text: refusal, ok: false }, 409);
        const already = alreadyDone(action, a, t());
        if (already) return view(reply, a, { text: already, ok: true });
        apply(a);
        state.touch(a);
        return view(reply, a, { text: done(), ok: true });
      });

    simpleAction('confirm', (a) => (a.pdConfirmed = true), () => t().confirmedOk);
    simpleAction('received', (a) => (a.documentsReceived = true), () => t().receivedOk);

    scope.post<ById>(`${REGISTRY_BASE}/applications/:id/refuse`, async (request, reply) => {
      const a = byId(request);
      if (!a) return notFound(reply);
      const refusal = ruleRefusal('refuse', a, settings.registryRules, t());
      if (refusal) return view(reply, a, { text: refusal, ok: false }, 409);
      const reason = (formValues(request.body).reason ?? '').slice(0, 1000);
      if (!reason && settings.registryRules.refuseNeedsReason) {
        return view(reply, a, { text: t().reasonRequired, ok: false }, 400, { reason, error: t().reasonRequired });
      }
      a.refused = true;
      a.refuseReason = reason;
      state.touch(a);
      return view(reply, a, { text: fill(t().refusedOk, { reason }), ok: true });
    });

    // ---- «Редактировать» -----------------------------------------------------------------------
    scope.get<ById>(`${REGISTRY_BASE}/applications/:id/edit`, async (request, reply) => {
      const a = byId(request);
      if (!a) return notFound(reply);
      const refusal = ruleRefusal('edit', a, settings.registryRules, t());
      if (refusal) return view(reply, a, { text: refusal, ok: false }, 409);
      return html(reply, formPage(settings, { mode: 'edit', application: a, values: applicationFormValues(a), errors: {}, certificateOpen: true }));
    });

    scope.post<ById>(`${REGISTRY_BASE}/applications/:id/edit`, async (request, reply) => {
      const a = byId(request);
      if (!a) return notFound(reply);
      const refusal = ruleRefusal('edit', a, settings.registryRules, t());
      if (refusal) return view(reply, a, { text: refusal, ok: false }, 409);
      const values = formValues(request.body);
      const { value, errors } = validate(values, true);
      const formAgain = (status: { text: string; ok: boolean }, code: number) =>
        html(reply, formPage(settings, { mode: 'edit', application: a, values, errors, certificateOpen: true, status }), code);
      if (Object.keys(errors).length > 0) return formAgain({ text: t().formInvalid, ok: false }, 400);
      const earlier = settings.registryRules.duplicateDocument ? state.applicationForDocument(value.child, a.id) : undefined;
      if (earlier) {
        const message = fill(t().duplicateDocument, { number: earlier.number });
        errors.documentNumber = message;
        return formAgain({ text: message, ok: false }, 409);
      }
      const childChanged = JSON.stringify(a.child) !== JSON.stringify(value.child);
      const cleared = childChanged && a.pdConfirmed && settings.registryRules.editClearsConfirmation;
      Object.assign(a, { child: value.child, over14: value.over14, applicant: value.applicant, municipality: value.municipality, consents: true });
      if (cleared) a.pdConfirmed = false;
      state.touch(a);
      return view(reply, a, { text: cleared ? t().savedNeedsConfirmation : t().saved, ok: true });
    });

    // ---- «Распечатать заявление» ---------------------------------------------------------------
    scope.get<ById>(`${REGISTRY_BASE}/applications/:id/print`, async (request, reply) => {
      const a = byId(request);
      return a ? html(reply, printPage(settings, a, today())) : notFound(reply);
    });

    // ---- «Поиск заявки» ------------------------------------------------------------------------
    scope.get<{ Querystring: { number?: string; certificate?: string } }>(`${REGISTRY_BASE}/search`, async (request, reply) =>
      html(reply, searchPage(settings, { number: request.query.number ?? '', certificate: request.query.certificate ?? '' })),
    );

    scope.post(`${REGISTRY_BASE}/search`, async (request, reply) => {
      const v = formValues(request.body);
      const number = v.number ?? '';
      const certificate = v.certificate ?? '';
      const errors: Record<string, string> = {};
      if (!number) errors.number = t().searchNumberRequired;
      if (!certificate) errors.certificate = t().searchCertificateRequired;
      if (Object.keys(errors).length > 0) return html(reply, searchPage(settings, { number, certificate, errors }), 400);
      const [found] = filter({ number, certificate });
      if (!found) return html(reply, searchPage(settings, { number, certificate, notFound: true }), 404);
      return reply.redirect(`${REGISTRY_BASE}/applications/${found.id}`, 303);
    });

    // ---- JSON for robots (the same session) ----------------------------------------------------
    scope.get<{ Querystring: { number?: string; certificate?: string; lastName?: string; firstName?: string; birthDate?: string } }>(
      `${REGISTRY_BASE}/api/applications`,
      async (request) => {
        const list = filter(request.query).map(record);
        return ok(list, { total: list.length });
      },
    );

    scope.get<ById>(`${REGISTRY_BASE}/api/applications/:id`, async (request, reply) => {
      const a = byId(request);
      return a ? ok(record(a)) : reply.code(404).send(fail(404, t().notFound));
    });
  });
}
