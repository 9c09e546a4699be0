// What the registry app's routes share: the texts, today's date, an application's record, the
// list's filter, the form's check and the pages every route may answer with (view, not found).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StandContext } from '../context.js';
import type { Application } from '../state.js';
import { parseDate } from '../public/validation.js';
import { searchPage, viewPage } from './pages.js';
import { statusOf } from './rules.js';
import { isoDay, validateApplication, type FormValues } from './validation.js';

export const html = (reply: FastifyReply, page: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page);

/** Case and «ё» do not matter when staff search for a name. */
const fold = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е');

/** The filters of the list, the search and the JSON API (each optional; given ones must match). */
export interface ApplicationFilter {
  lastName?: string;
  firstName?: string;
  birthDate?: string;
  number?: string;
  certificate?: string;
}

export type ById = { Params: { id: string } };

/** The registry app's shared helpers over the stand's context. */
export function registryKit(ctx: StandContext) {
  const { state, settings } = ctx;
  const t = () => settings.registryTexts;
  const today = () => isoDay(state.time());
  const record = (a: Application) => ({ ...state.applicationView(a), status: statusOf(a) });
  return {
    state,
    settings,
    t,
    today,
    record,
    notFound: (reply: FastifyReply) => html(reply, searchPage(settings, { notFound: true }), 404),
    view: (reply: FastifyReply, a: Application, status?: { text: string; ok: boolean }, code = 200, refuse?: { reason: string; error: string }) =>
      html(reply, viewPage(settings, a, { status, refuse, record: record(a) }), code),
    byId: (request: FastifyRequest<ById>) => state.application(request.params.id),
    filter: (q: ApplicationFilter) => {
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
    },
    validate: (values: FormValues, consents: boolean) =>
      validateApplication(values, {
        texts: t(),
        format: settings.registryFormat,
        rules: settings.registryRules,
        municipalities: settings.municipalities,
        today: today(),
        ...(consents ? { consents: t().consents } : {}),
      }),
  };
}

export type RegistryKit = ReturnType<typeof registryKit>;
