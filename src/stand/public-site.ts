// The stand's public site («Навигатор дополнительного образования детей»): registration, login,
// personal cabinet with the children tab. Pages are plain HTML with a little vanilla JS that talks
// JSON to /api/site/*; replies use the vendor's envelope { data, err_code, success, message, errors }.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail, ok, type StandContext } from './context.js';
import type { ApiId, SiteUser } from './state.js';
import { cabinetPage, forgotPage, loginPage, registerPage } from './public/pages.js';
import { PUBLIC_MESSAGES, validateChild, validateRegistration } from './public/validation.js';
import { CaptchaTokens, registerCaptcha } from './public/captcha.js';
import { KID_EDITED } from './public/kids-form.js';

/** Name of the public site's session cookie. */
export const PUBLIC_SESSION_COOKIE = 'navigator_session';

/** A cookie's value from the request (the registry app reads its own cookie the same way). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function setSessionCookie(reply: FastifyReply, token: string | null): void {
  const value = token === null ? '' : encodeURIComponent(token);
  const expire = token === null ? '; Max-Age=0' : '';
  reply.header('set-cookie', `${PUBLIC_SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${expire}`);
}

function asBody(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

const html = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').send(page);

/** What the site's routes share: the stand, the captcha's tokens and who is signed in. */
interface Site extends StandContext {
  captchaTokens: CaptchaTokens;
  /** The signed-in user, or undefined (unknown, expired or deleted session). */
  currentUser(request: FastifyRequest): SiteUser | undefined;
  signIn(reply: FastifyReply, user: SiteUser): void;
}

const childView = (c: { apiId: ApiId; lastName: string; firstName: string; patronymic: string; birthDate: string; sex: string }) => ({
  id: c.apiId,
  lastName: c.lastName,
  firstName: c.firstName,
  patronymic: c.patronymic,
  birthDate: c.birthDate,
  sex: c.sex,
});

export async function registerPublicSite(app: FastifyInstance, ctx: StandContext): Promise<void> {
  const { state } = ctx;
  const captchaTokens = new CaptchaTokens(state.captchaTokens, () => state.time());
  registerCaptcha(app, ctx, captchaTokens);
  const site: Site = {
    ...ctx,
    captchaTokens,
    currentUser: (request) => {
      const session = state.session(readCookie(request, PUBLIC_SESSION_COOKIE), 'public');
      return session ? state.users.find((u) => u.id === session.subjectId) : undefined;
    },
    signIn: (reply, user) => setSessionCookie(reply, state.openSession('public', user.id).token),
  };
  registerPages(app, site);
  registerAccountApi(app, site);
  registerCabinetApi(app, site);
}

/** The pages: registration (the home page), login, password reset and the cabinet. */
function registerPages(app: FastifyInstance, { state, settings, currentUser }: Site): void {
  app.get('/', async (request, reply) => html(reply, registerPage(settings, currentUser(request))));

  app.get<{ Querystring: { expired?: string } }>('/login', async (request, reply) => {
    const notice = request.query.expired ? PUBLIC_MESSAGES.sessionExpired : undefined;
    return html(reply, loginPage(settings, notice));
  });

  app.get('/forgot', async (_request, reply) => html(reply, forgotPage(settings)));

  app.get('/cabinet', async (request, reply) => {
    const user = currentUser(request);
    if (!user) {
      const hadSession = readCookie(request, PUBLIC_SESSION_COOKIE) !== undefined;
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const next = encodeURIComponent(`/cabinet${query}`);
      return reply.redirect(`/login?next=${next}${hadSession ? '&expired=1' : ''}`, 302);
    }
    const children = state.children.filter((c) => c.userId === user.id && !c.deleted).map(childView);
    return html(reply, cabinetPage(settings, user, children));
  });
}

/** `POST /api/site/register` and `/api/site/login` (with the captcha variants' checks). */
function registerAccountApi(app: FastifyInstance, { state, settings, captchaTokens, signIn }: Site): void {
  app.post('/api/site/register', async (request, reply) => {
    const { value, errors } = validateRegistration(asBody(request.body), {
      municipalities: settings.municipalities,
      captcha: settings.rules.captcha,
    });
    if (!errors.email && state.findUserByEmail(value.email)) errors.email = settings.publicTexts.emailTaken;
    // `captcha-widget`: a token the widget issued, not yet spent or expired.
    const token = asBody(request.body).captchaToken;
    if (settings.rules.captchaWidget) {
      const verdict = captchaTokens.check(token);
      if (verdict !== 'ok') errors.captchaToken = verdict === 'missing' ? PUBLIC_MESSAGES.captchaWidgetRequired : PUBLIC_MESSAGES.captchaWidgetInvalid;
    }
    if (Object.keys(errors).length > 0) {
      const taken = errors.email === settings.publicTexts.emailTaken && Object.keys(errors).length === 1;
      return reply
        .code(taken ? 409 : 400)
        .send(fail(taken ? 409 : 400, taken ? settings.publicTexts.emailTaken : PUBLIC_MESSAGES.formInvalid, errors));
    }
    if (settings.rules.captchaWidget && typeof token === 'string') captchaTokens.spend(token);
    const user = state.addUser({ ...value, consent: true, resident: true, verified: false });
    if (settings.rules.emailConfirmation) {
      return ok({ id: user.apiId, next: null, confirmEmail: true }, { message: PUBLIC_MESSAGES.confirmEmail });
    }
    signIn(reply, user);
    return ok({ id: user.apiId, next: '/cabinet', confirmEmail: false }, { message: settings.publicTexts.registered });
  });

  app.post('/api/site/login', async (request, reply) => {
    const body = asBody(request.body);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!email || !password) {
      const errors: Record<string, string> = {};
      if (!email) errors.email = PUBLIC_MESSAGES.emailRequired;
      if (!password) errors.password = PUBLIC_MESSAGES.passwordShort;
      return reply.code(400).send(fail(400, PUBLIC_MESSAGES.loginRequired, errors));
    }
    // `captchaLogin`: a token the widget issued, checked before the password (and spent by a login).
    const token = body.captchaToken;
    if (settings.rules.captchaLogin) {
      const verdict = captchaTokens.check(token);
      if (verdict !== 'ok') {
        const message = verdict === 'missing' ? PUBLIC_MESSAGES.captchaWidgetRequired : PUBLIC_MESSAGES.captchaWidgetInvalid;
        return reply.code(400).send(fail(400, message, { captchaToken: message }));
      }
    }
    const user = state.findUserByEmail(email);
    if (!user || user.password !== password) {
      return reply.code(403).send(fail(403, PUBLIC_MESSAGES.badCredentials));
    }
    if (settings.rules.captchaLogin && typeof token === 'string') captchaTokens.spend(token);
    if (settings.rules.emailConfirmation && !user.verified) {
      return reply.code(403).send(fail(4031, PUBLIC_MESSAGES.emailNotConfirmed));
    }
    signIn(reply, user);
    return ok({ id: user.apiId, next: '/cabinet' });
  });
}

/** Logout and what the signed-in user reads and writes: the profile and the children. */
function registerCabinetApi(app: FastifyInstance, { state, settings, currentUser }: Site): void {
  app.post('/api/site/logout', async (request, reply) => {
    const token = readCookie(request, PUBLIC_SESSION_COOKIE);
    if (token) state.sessions.delete(token);
    setSessionCookie(reply, null);
    return ok(null);
  });

  app.get('/api/site/me', async (request, reply) => {
    const user = currentUser(request);
    if (!user) return reply.code(401).send(fail(401, PUBLIC_MESSAGES.sessionExpired));
    const { password: _password, apiId, ...rest } = user;
    return ok({ ...rest, id: apiId });
  });

  app.get('/api/site/children', async (request, reply) => {
    const user = currentUser(request);
    if (!user) return reply.code(401).send(fail(401, PUBLIC_MESSAGES.sessionExpired));
    const children = state.children.filter((c) => c.userId === user.id && !c.deleted).map(childView);
    return ok(children, { total: children.length });
  });

  app.post('/api/site/children', async (request, reply) => {
    const user = currentUser(request);
    if (!user) return reply.code(401).send(fail(401, PUBLIC_MESSAGES.sessionExpired));
    const { value, errors } = validateChild(asBody(request.body));
    if (Object.keys(errors).length > 0) return reply.code(400).send(fail(400, PUBLIC_MESSAGES.formInvalid, errors));
    // Deliberately no duplicate check: a second identical child is created if asked.
    const child = state.addChild({ userId: user.id, ...value });
    return ok(childView(child), { message: settings.publicTexts.childSaved });
  });

  // `kids-form`: «СОХРАНИТЬ» on the tab that shows a saved child edits it (never adds one).
  app.post<{ Params: { id: string } }>('/api/site/children/:id', async (request, reply) => {
    const user = currentUser(request);
    if (!user) return reply.code(401).send(fail(401, PUBLIC_MESSAGES.sessionExpired));
    const child = state.children.find((c) => c.userId === user.id && !c.deleted && String(c.apiId) === request.params.id);
    if (!child) return reply.code(404).send(fail(404, PUBLIC_MESSAGES.formInvalid));
    const { value, errors } = validateChild(asBody(request.body));
    if (Object.keys(errors).length > 0) return reply.code(400).send(fail(400, PUBLIC_MESSAGES.formInvalid, errors));
    Object.assign(child, value);
    return ok(childView(child), { message: KID_EDITED });
  });
}
