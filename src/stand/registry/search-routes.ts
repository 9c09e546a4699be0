// The registry app's «Поиск заявки» (by the application's and the certificate's numbers) and its
// JSON for robots (the same session).
import type { FastifyInstance } from 'fastify';
import { fail, ok } from '../context.js';
import { REGISTRY_BASE, searchPage } from './pages.js';
import { formValues } from './validation.js';
import { html, type ApplicationFilter, type ById, type RegistryKit } from './route-kit.js';

export function registerSearchAndApi(scope: FastifyInstance, { settings, t, filter, record, byId }: RegistryKit): void {
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

  scope.get<{ Querystring: ApplicationFilter }>(`${REGISTRY_BASE}/api/applications`, async (request) => {
    const list = filter(request.query).map(record);
    return ok(list, { total: list.length });
  });

  scope.get<ById>(`${REGISTRY_BASE}/api/applications/:id`, async (request, reply) => {
    const a = byId(request);
    return a ? ok(record(a)) : reply.code(404).send(fail(404, t().notFound));
  });
}
