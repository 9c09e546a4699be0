// A stand with the control API, the public site and the registry app, driven through
// fastify's inject (listening too, for the tests that need real connections), plus a client
// that posts forms as a browser does and keeps the cookies, and small readers of the pages.
import Fastify, { type FastifyInstance } from 'fastify';
import { registerControl } from '../../../src/stand/control.js';
import { registerPublicSite } from '../../../src/stand/public-site.js';
import { registerRegistry } from '../../../src/stand/registry.js';
import { standSettings, type StandSettingsInput } from '../../../src/stand/settings.js';
import { StandState } from '../../../src/stand/state.js';
import type { StandContext } from '../../../src/stand/context.js';

export interface RegistryStand {
  app: FastifyInstance;
  ctx: StandContext;
  clock: { now: number };
  /** Set once `listen()` was called. */
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The stand's clock stands at 1 March 2025, 09:00 UTC. */
export const TODAY = '2025-03-01';

export async function startRegistryStand(input: StandSettingsInput = {}): Promise<RegistryStand> {
  const settings = standSettings({ control: true, port: 0, ...input });
  const clock = { now: Date.parse(`${TODAY}T09:00:00Z`) };
  const state = StandState.from(settings, () => clock.now);
  const ctx: StandContext = { settings, state };
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await registerControl(app, ctx);
  await registerPublicSite(app, ctx);
  await registerRegistry(app, ctx);
  await app.ready();
  const stand: RegistryStand = {
    app,
    ctx,
    clock,
    url: '',
    async listen() {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      stand.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      return stand.url;
    },
    close: () => app.close(),
  };
  return stand;
}

export interface Page {
  status: number;
  text: string;
  json: any;
  location: string | undefined;
  setCookie: string[];
}

/** A browser-like client over inject: form posts (urlencoded), Accept: text/html, cookies kept. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance) {}

  async request(method: 'GET' | 'POST' | 'DELETE', url: string, o: { form?: Record<string, string | undefined>; json?: unknown } = {}): Promise<Page> {
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined;
    if (o.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const fields = Object.entries(o.form).filter((e): e is [string, string] => e[1] !== undefined);
      payload = new URLSearchParams(fields).toString();
    } else if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(o.json);
    }
    const res = await this.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    const raw = res.headers['set-cookie'];
    const setCookie = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
    for (const c of setCookie) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    const location = res.headers.location === undefined ? undefined : String(res.headers.location);
    return { status: res.statusCode, text: res.body, json, location, setCookie };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, form: Record<string, string | undefined> = {}) => this.request('POST', url, { form });
  postJson = (url: string, json: unknown) => this.request('POST', url, { json });

  async login(login = 'org@stand.local', password = 'stand-org'): Promise<Page> {
    return this.post('/registry/login', { login, password });
  }
}

/** A valid application form: a parent applies for a 9-year-old with a birth certificate. */
export const validForm = (over: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  childLastName: 'Иванов',
  childFirstName: 'Пётр',
  childPatronymic: 'Сергеевич',
  birthDate: '2015-05-20',
  sex: 'male',
  documentType: 'birth-certificate',
  documentSeries: 'IV-КН',
  documentNumber: '123456',
  applicantLastName: 'Иванова',
  applicantFirstName: 'Мария',
  applicantPatronymic: 'Петровна',
  phone: '+7 (999) 123-45-67',
  email: 'ivanova@mail.ru',
  municipality: 'г. Северный',
  ...over,
});

/** Ticks every consent of the edit form (three by default). */
export const consents = (n = 3): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`consent${i}`, 'on']));

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The text under a field (its `field-error` element), '' when none. */
export function fieldError(html: string, id: string): string {
  const m = new RegExp(`<div class="field-error" role="alert" id="${id}-error"[^>]*>([^<]*)</div>`).exec(html);
  if (!m) throw new Error(`no error box for #${id}`);
  return decode(m[1]!);
}

/** All field errors shown on the page: id → text. */
export function fieldErrors(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<div class="field-error" role="alert" id="([^"]+)-error"[^>]*>([^<]+)<\/div>/g)) out[m[1]!] = decode(m[2]!);
  return out;
}

/** The page's status line (role="status"), with its outcome. */
export function statusLine(html: string): { text: string; outcome: string | undefined } {
  const m = /<p id="status-line"[^>]*?(?:data-outcome="([a-z]+)")?>([^<]*)<\/p>/.exec(html);
  if (!m) throw new Error('no status line');
  return { text: decode(m[2]!), outcome: m[1] };
}

/** The data- attributes of the element with this id. */
export function dataOf(html: string, id: string): Record<string, string> {
  const m = new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html);
  if (!m) throw new Error(`no #${id}`);
  return Object.fromEntries([...m[0].matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((x) => [x[1]!, decode(x[2]!)]));
}

/** The view page's label → value pairs (dt/dd), with each dd's data-field. */
export function definitions(html: string): Array<[string, string, string]> {
  return [...html.matchAll(/<dt>([^<]*)<\/dt><dd data-field="([^"]+)">([^<]*)<\/dd>/g)].map((m) => [decode(m[1]!), m[2]!, decode(m[3]!)]);
}

/** A button by id: its text and whether it is disabled. */
export function button(html: string, id: string): { text: string; disabled: boolean; title: string | undefined } {
  const m = new RegExp(`<button [^>]*id="${id}"([^>]*)>([^<]*)</button>`).exec(html);
  if (!m) throw new Error(`no button #${id}`);
  const attrs = m[0];
  return { text: decode(m[2]!), disabled: / disabled[ >]/.test(attrs), title: /title="([^"]*)"/.exec(attrs)?.[1] };
}

/** `for` → text of every <label> on the page, in order. */
export function labels(html: string): Array<[string, string]> {
  return [...html.matchAll(/<label for="([^"]+)">(?:<input[^>]*>)?([^<]+)<\/label>/g)].map((m) => [m[1]!, decode(m[2]!)]);
}
