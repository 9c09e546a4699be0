// The registry app's applications: the list («Заявки»), «Создать заявку», the view page with its
// actions (confirm, «Документы получены», «Отказать»), «Редактировать» and «Распечатать заявление».
import type { FastifyInstance } from 'fastify';
import type { Application } from '../state.js';
import { createdPage, fill, formPage, listPage, printPage, REGISTRY_BASE } from './pages.js';
import { alreadyDone, ruleRefusal, type RegistryAction } from './rules.js';
import { applicationFormValues, formValues } from './validation.js';
import { html, type ById, type RegistryKit } from './route-kit.js';

/** The list with search by the child's name and birth date, and the form that creates one. */
export function registerListAndCreate(scope: FastifyInstance, { state, settings, t, filter, validate }: RegistryKit): void {
  scope.get<{ Querystring: { lastName?: string; firstName?: string; birthDate?: string } }>(`${REGISTRY_BASE}/applications`, async (request, reply) => {
    const q = request.query;
    return html(reply, listPage(settings, filter(q), { lastName: q.lastName ?? '', firstName: q.firstName ?? '', birthDate: q.birthDate ?? '' }));
  });

  scope.get(`${REGISTRY_BASE}/applications/new`, async (_request, reply) =>
    html(reply, formPage(settings, { mode: 'create', values: {}, errors: {}, certificateOpen: false })),
  );

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
}

/** The view page and its actions: confirm, «Документы получены», «Отказать». */
export function registerViewActions(scope: FastifyInstance, { state, settings, t, byId, view, notFound }: RegistryKit): void {
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
}

/** «Редактировать» (the form with the consents, and its «Отправить») and «Распечатать заявление». */
export function registerEditAndPrint(scope: FastifyInstance, { state, settings, t, today, byId, view, notFound, validate }: RegistryKit): void {
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

  scope.get<ById>(`${REGISTRY_BASE}/applications/:id/print`, async (request, reply) => {
    const a = byId(request);
    return a ? html(reply, printPage(settings, a, today())) : notFound(reply);
  });
}
