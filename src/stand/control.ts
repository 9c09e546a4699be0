// The stand's control side: the request log and fault hooks for every request, and, when
// `settings.control` is on, the test control API under /__stand/ (see src/stand/README.md).
// The API's parts: traffic (state, request log, reset, faults, held requests, sessions) here;
// runtime settings in control/runtime.ts; seeding in control/seed.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StandContext } from './context.js';
import { bad } from './control/answer.js';
import { parseFaultsBody } from './control/faults.js';
import { controlRequestRefusal } from './control/guard.js';
import { TrafficControl } from './control/hooks.js';
import { isControlPath } from './control/request-log.js';
import { registerSettingsRoutes, RuntimeSettings } from './control/runtime.js';
import { registerNavigatorSeeds, registerRegistrySeeds } from './control/seed.js';

export async function registerControl(app: FastifyInstance, ctx: StandContext): Promise<void> {
  const traffic = new TrafficControl(ctx.settings.seed, () => ctx.settings.logRequests, () => ctx.settings.latencyMs);
  traffic.install(app);
  const runtime = new RuntimeSettings(ctx);

  if (!ctx.settings.control) return;

  installControlGuard(app, ctx);
  registerTrafficRoutes(app, ctx, traffic, runtime);
  registerSettingsRoutes(app, runtime);
  registerNavigatorSeeds(app, ctx);
  registerRegistrySeeds(app, ctx);
}

/** Only this computer's tools, never a web page in the staff's browser (control/guard.ts). */
function installControlGuard(app: FastifyInstance, ctx: StandContext): void {
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
}

/** The state dump, the request log, reset, faults, held requests and expiring sessions. */
function registerTrafficRoutes(app: FastifyInstance, ctx: StandContext, traffic: TrafficControl, runtime: RuntimeSettings): void {
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
    runtime.restore();
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
}
