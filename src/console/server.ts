// «Пульт navbot»: a local web page for staff on 127.0.0.1, behind a token (auth.ts). The page is
// static ES modules (page/, preact + htm from htm's standalone module: no build step); data comes
// from the JSON routes of each section (routes/), a run's progress over Server-Sent Events. Every
// answer passes the secrets' mask; the run itself belongs to this server, not to a browser tab.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { checkDoor, cookieValue, newToken, TOKEN_COOKIE, TOKEN_HEADER, tokenCookie } from './auth.js';
import { ConsoleEnv } from './engine.js';
import { ConsoleRuns } from './runs.js';
import type { ConsoleContext } from './context.js';
import { MAX_UPLOAD_BYTES } from './uploads.js';
import { maskValues } from './mask-values.js';
import { registerReady } from './routes/ready.js';
import { registerQueues } from './routes/queues.js';
import { registerRun } from './routes/run.js';
import { registerHistory } from './routes/history.js';
import { registerSchedule } from './routes/schedule.js';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
// htm's package exports no file paths: its folder from its main file (dist/), then the standalone module.
const PREACT_HTM = path.join(path.dirname(createRequire(import.meta.url).resolve('htm')), '..', 'preact', 'standalone.module.js');

export interface ConsoleOptions {
  /** 0: any free port. */
  port: number;
  /** The project folder: its .env, where the CLI would run. */
  dir: string;
  /** For tests: a fixed token. */
  token?: string;
  /** The environment navbot was started with (before any .env). */
  env?: Record<string, string | undefined>;
  /** «Выйти» on the page. */
  onExit?: () => void;
}

export interface ConsoleServer {
  url: string;
  port: number;
  token: string;
  app: FastifyInstance;
  runs: ConsoleRuns;
  close(): Promise<void>;
}


export async function startConsole(o: ConsoleOptions): Promise<ConsoleServer> {
  const token = o.token ?? newToken();
  const env = new ConsoleEnv(o.dir, o.env);
  const mask = (s: string) => env.redactor().text(s);
  const runs = new ConsoleRuns(mask);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  let port = o.port;
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });
  await app.register(fastifyStatic, { root: PAGE_DIR, prefix: '/page/', index: false, wildcard: true });

  app.addHook('onRequest', async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const header = req.headers[TOKEN_HEADER];
    const verdict = checkDoor(token, port, {
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      queryToken: query.token,
      cookieToken: cookieValue(req.headers.cookie, TOKEN_COOKIE),
      headerToken: typeof header === 'string' ? header : undefined,
    });
    if (!verdict.ok) {
      return reply.code(verdict.status).type('text/plain; charset=utf-8').send(verdict.reason);
    }
    if (verdict.setCookie) reply.header('set-cookie', tokenCookie(token));
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  // No answer carries a secret: a JSON answer's strings are masked before it is serialised (a
  // secret with " or \ is escaped in the JSON text), and any text answer as the logs are.
  app.addHook('preSerialization', async (_req, _reply, payload) => maskValues(payload, mask));
  app.addHook('onSend', async (_req, _reply, payload) => (typeof payload === 'string' ? mask(payload) : payload));

  app.get('/', async (_req, reply) => reply.sendFile('index.html', PAGE_DIR));
  app.get('/vendor/preact-htm.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').sendFile(path.basename(PREACT_HTM), path.dirname(PREACT_HTM)));

  const ctx: ConsoleContext = {
    env,
    runs,
    mask,
    exit: () => o.onExit?.(),
  };
  registerReady(app, ctx);
  registerQueues(app, ctx);
  registerRun(app, ctx);
  registerHistory(app, ctx);
  registerSchedule(app, ctx);

  await app.listen({ port: o.port, host: '127.0.0.1' });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : o.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    app,
    runs,
    close: async () => {
      await app.close();
    },
  };
}
