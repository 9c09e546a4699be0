// The stand's admin panel («Система управления Навигатором»): a real Ext JS 6.2 classic
// application served from the installed `extjs-gpl` package, plus the REST API behind it.
//
//   GET /admin/            index.html: Ext, the theme, locale-ru, the config blob, /admin/app.js
//   GET /admin/ext/*       files of node_modules/extjs-gpl/build (long cache)
//   GET /admin/*.js|css    the application (src/stand/admin/, revalidated on every load)
//   /api/user/*, /api/rest/*  the REST API (see admin-api.ts); /api/modules/get (admin-modules.ts)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { StandContext } from './context.js';
import { registerAdminApi } from './admin-api.js';
import { registerAdminModules } from './admin-modules.js';

/** The Ext JS theme the panel uses (`theme-triton` or `theme-classic` of the classic toolkit). */
export const ADMIN_THEME = 'theme-triton';

/** node_modules/extjs-gpl/build, wherever the package is installed. */
export function extBuildDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('extjs-gpl/package.json')), 'build');
}

/** The application's scripts, in load order (classes first, Ext.application last). */
export const ADMIN_SCRIPTS = [
  '/admin/app/api.js',
  '/admin/app/models.js',
  '/admin/app/login.js',
  '/admin/app/main.js',
  '/admin/app/user.js',
  '/admin/app/kid.js',
  '/admin/app.js',
];

export const ADMIN_APP_DIR = fileURLToPath(new URL('./admin/', import.meta.url));

/** What the Ext application reads at start: texts, municipalities, page size. */
export function adminConfig(ctx: StandContext) {
  return {
    texts: ctx.settings.adminTexts,
    municipalities: ctx.settings.municipalities.map((name, i) => ({ id: i + 1, name })),
    pageSize: 25,
    slowMaskMs: ctx.settings.slowMaskMs,
    variants: ctx.settings.variants,
    /** `memo`: no invented columns, status text or certificates grid. */
    memoOnly: ctx.settings.memoOnly,
    /** `cookie` (default) or `token` (vendor-session: localStorage + Authorization: Bearer). */
    adminAuth: ctx.settings.adminAuth,
    /** `desktop`: start menu and section windows instead of the tree. */
    desktop: ctx.settings.adminShape.layout === 'desktop',
    /** `window-confirm`: questions and refusals as windows with these titles. */
    dialogs: ctx.settings.adminShape.dialogs,
    dialogTitles: { question: 'Подтверждение', error: 'Ошибка' },
    /** `no-record`: the child window's form and the «Дети» grid hold only what they show. */
    shownOnly: ctx.settings.adminShape.shownOnly,
  };
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function adminIndexHtml(ctx: StandContext): string {
  const theme = `/admin/ext/classic/${ADMIN_THEME}`;
  return `<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(ctx.settings.adminTexts.appTitle)}</title>
<link rel="stylesheet" href="${theme}/resources/${ADMIN_THEME}-all.css">
<link rel="stylesheet" href="/admin/app.css">
<script src="/admin/ext/ext-all.js"></script>
<script src="${theme}/${ADMIN_THEME}.js"></script>
<script src="/admin/ext/classic/locale/locale-ru.js"></script>
<script>window.NAV_CONFIG = ${scriptJson(adminConfig(ctx))};</script>
${ADMIN_SCRIPTS.map((src) => `<script src="${src}"></script>`).join('\n')}
</head>
<body></body>
</html>
`;
}

export async function registerAdminPanel(app: FastifyInstance, ctx: StandContext): Promise<void> {
  // An encapsulated scope: our static roots, error handler and routes stay ours.
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: extBuildDir(),
      prefix: '/admin/ext/',
      decorateReply: false,
      index: false,
      cacheControl: true,
      maxAge: 24 * 3600 * 1000,
    });
    await scope.register(fastifyStatic, {
      root: ADMIN_APP_DIR,
      prefix: '/admin/',
      decorateReply: false,
      index: false,
      wildcard: false,
      cacheControl: true,
      maxAge: 0,
    });

    scope.get('/admin', async (_request, reply) => reply.redirect('/admin/'));
    scope.get('/admin/', async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(adminIndexHtml(ctx)),
    );

    await registerAdminApi(scope, ctx);
    await registerAdminModules(scope, ctx);
  });
}
