// The training stand: one fastify server with the public site, the Ext JS admin panel, the
// registry app (/registry/) and, when enabled, the test control API under /__stand/. Depends on
// nothing in navbot.
import Fastify, { type FastifyInstance } from 'fastify';
import { standSettings, type StandSettings, type StandSettingsInput } from './settings.js';
import { StandState } from './state.js';
import type { StandContext } from './context.js';
import { registerPublicSite } from './public-site.js';
import { registerAdminPanel } from './admin-panel.js';
import { registerControl } from './control.js';
import { registerRegistry } from './registry.js';

export interface Stand {
  app: FastifyInstance;
  ctx: StandContext;
  settings: StandSettings;
  state: StandState;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  publicUrl: string;
  adminUrl: string;
  /** The registry app («Реестр сертификатов»), e.g. http://127.0.0.1:8080/registry/ */
  registryUrl: string;
  /**
   * What navbot is set to for this stand, by its settings' field names (navbot's config table):
   * every target's address and login. The CLI's demo and rehearsal pass it on as it is.
   */
  navbotSettings: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function buildStand(input: StandSettingsInput = {}): Promise<{ app: FastifyInstance; ctx: StandContext }> {
  const settings = standSettings(input);
  const state = StandState.from(settings);
  const ctx: StandContext = { settings, state };
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // Control first: it installs the request log and fault hooks that every later route goes through.
  await registerControl(app, ctx);
  await registerPublicSite(app, ctx);
  await registerAdminPanel(app, ctx);
  await registerRegistry(app, ctx);
  return { app, ctx };
}

/** Builds and starts the stand; port 0 picks a free port. */
export async function startStand(input: StandSettingsInput = {}): Promise<Stand> {
  const { app, ctx } = await buildStand(input);
  try {
    await app.listen({ host: ctx.settings.host, port: ctx.settings.port });
  } catch (e) {
    // A busy port (EADDRINUSE) and the like: nothing is served, so nothing is left open either.
    await app.close().catch(() => undefined);
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.settings.port;
  const url = `http://${ctx.settings.host}:${port}`;
  return {
    app,
    ctx,
    settings: ctx.settings,
    state: ctx.state,
    url,
    publicUrl: `${url}/`,
    adminUrl: `${url}/admin/`,
    registryUrl: `${url}/registry/`,
    navbotSettings: {
      publicUrl: `${url}/`,
      adminUrl: `${url}/admin/`,
      adminEmail: ctx.settings.adminEmail,
      adminPassword: ctx.settings.adminPassword,
      registryUrl: `${url}/registry/`,
      registryLogin: ctx.settings.registryLogin,
      registryPassword: ctx.settings.registryPassword,
    },
    close: () => app.close(),
  };
}
