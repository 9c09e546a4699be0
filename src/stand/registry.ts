// The stand's second app: «АИС «Реестр сертификатов»», an organisation's cabinet of the
// certificate registry (shared/REGISTRY.md), under /registry/. Server-rendered pages with plain
// form posts (application/x-www-form-urlencoded); its own login and session cookie; a small JSON
// API for robots under /registry/api/. The request log and the faults (control/hooks.ts, installed
// on the root instance) cover these routes as they cover the rest of the stand.
// The routes by area: registry/session-routes.ts (guard, login), registry/application-routes.ts
// (list, create, view and actions, edit, print), registry/search-routes.ts (search, JSON).
import type { FastifyInstance } from 'fastify';
import type { StandContext } from './context.js';
import { registerEditAndPrint, registerListAndCreate, registerViewActions } from './registry/application-routes.js';
import { registryKit } from './registry/route-kit.js';
import { registerSearchAndApi } from './registry/search-routes.js';
import { installSessionGuard, registerSessionRoutes } from './registry/session-routes.js';

export { REGISTRY_SESSION_COOKIE } from './registry/session-routes.js';

export async function registerRegistry(app: FastifyInstance, ctx: StandContext): Promise<void> {
  const kit = registryKit(ctx);

  await app.register(async (scope) => {
    // Plain HTML forms post urlencoded bodies; only this app accepts them.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    installSessionGuard(scope, kit);
    registerSessionRoutes(scope, kit);
    registerListAndCreate(scope, kit);
    registerViewActions(scope, kit);
    registerEditAndPrint(scope, kit);
    registerSearchAndApi(scope, kit);
  });
}
