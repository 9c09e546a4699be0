// `GET /api/modules/get`: the panel's modules as the vendor's API lists them (NAVIGATOR.md,
// «Found in public sources since»: `/api/modules/get` answers modules with `alias`, `is_sencha`,
// `is_react`; the admin is a Sencha build named "Desktop", some sections may be React). Every
// variant serves it; the list is plausible, not copied: the aliases of the stand's own sections
// (the site users' section first) and a few React modules. Admin session required, as every
// `/api/rest/*` route.
import type { FastifyInstance } from 'fastify';
import { fail, ok, type StandContext } from './context.js';
import { tokenOf } from './admin-api.js';

export interface StandModule {
  id: number;
  alias: string;
  name: string;
  is_sencha: boolean;
  is_react: boolean;
}

/** The modules the stand's panel lists: its Ext sections, then React ones it does not serve. */
export function standModules(ctx: StandContext): StandModule[] {
  const t = ctx.settings.adminTexts as Record<string, unknown>;
  const text = (key: string, fallback: string) => (typeof t[key] === 'string' ? (t[key] as string) : fallback);
  const rows: Array<[string, string, 'sencha' | 'react']> = [
    ['siteuser', text('menuSiteUsers', 'Пользователи сайта'), 'sencha'],
    ['activity_order', 'Заявки', 'sencha'],
    ['program', 'Программы', 'sencha'],
    ['organization', 'Организации', 'sencha'],
    ['kid', 'Дети', 'sencha'],
    ['pfdod_billing', 'ПФДОД / биллинг', 'react'],
    ['reports', 'Отчёты', 'react'],
  ];
  return rows.map(([alias, name, kind], i) => ({ id: i + 1, alias, name, is_sencha: kind === 'sencha', is_react: kind === 'react' }));
}

export async function registerAdminModules(app: FastifyInstance, ctx: StandContext): Promise<void> {
  app.get('/api/modules/get', async (request, reply) => {
    const session = ctx.state.session(tokenOf(request), 'admin');
    if (!session) return reply.code(401).send(fail(401, ctx.settings.adminTexts.sessionExpired));
    const list = standModules(ctx);
    return ok(list, { total: list.length });
  });
}
