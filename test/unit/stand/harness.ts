// A stand with the control API and the public site (the admin panel too when asked: variants),
// listening on a free port, plus a tiny cookie-keeping HTTP client.
import Fastify, { type FastifyInstance } from 'fastify';
import { registerControl } from '../../../src/stand/control.js';
import { registerPublicSite } from '../../../src/stand/public-site.js';
import { registerAdminPanel } from '../../../src/stand/admin-panel.js';
import { standSettings, type StandSettingsInput } from '../../../src/stand/settings.js';
import { StandState } from '../../../src/stand/state.js';
import type { StandContext } from '../../../src/stand/context.js';

export interface TestStand {
  app: FastifyInstance;
  ctx: StandContext;
  url: string;
  clock: { now: number };
  close(): Promise<void>;
}

export async function startTestStand(input: StandSettingsInput = {}, opts: { admin?: boolean } = {}): Promise<TestStand> {
  const settings = standSettings({ control: true, port: 0, ...input });
  const clock = { now: Date.parse('2025-03-01T09:00:00Z') };
  const state = StandState.from(settings, () => clock.now);
  const ctx: StandContext = { settings, state };
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await registerControl(app, ctx);
  await registerPublicSite(app, ctx);
  if (opts.admin) await registerAdminPanel(app, ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, ctx, url: `http://127.0.0.1:${port}`, clock, close: () => app.close() };
}

export interface Reply {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

/** A browser-like client: keeps the cookies the stand sets. */
export class Client {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  delete = (path: string) => this.request('DELETE', path);
}

export const validUser = (over: Record<string, unknown> = {}) => ({
  municipality: 'г. Блестящий',
  lastName: 'Без',
  firstName: 'Внесения',
  patronymic: 'Данных',
  phone: '+7 (111) 111-11-11',
  email: 'robot+r1@school.ru',
  password: 'secret-1',
  consent: true,
  ...over,
});
