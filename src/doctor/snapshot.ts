// The field kit: `navbot doctor --snapshot` writes region-snapshot.zip beside survey.json — one
// file staff send back when the region differs. For each screen the survey visited: its ARIA
// snapshot (masked, mask.ts) and the outline of its components (outline.ts); the shapes of the
// panel's JSON answers (shapes.ts); `/api/config` keys; `/api/modules/get` aliases and flags; the
// survey's own findings, scrubbed; a manifest. No values: no names, e-mails, phones, dates, ids of
// people, passwords or tokens (test/e2e/doctor-snapshot.spec.ts seeds them and looks).
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { BrowserContext, Page, Response } from 'playwright';
import { MASK, maskAria, Scrubber } from './mask.js';
import { panelAjax } from '../navigator/ext.js';
import { panelSignedIn, readOutline, type DomItem, type ExtItem } from './outline.js';
import { endpointOf, mergeShapes, SECRET_KEY, shapeOf, type Shape } from './shapes.js';

export const SNAPSHOT_FILE = 'region-snapshot.zip';
export const SNAPSHOT_KIND = 'navbot-region-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface ScreenRecord {
  /** The survey's name of the screen (admin-login, user-card, site-register, …). */
  name: string;
  /** admin: the panel's origin; site: the public site's. */
  target: 'admin' | 'site';
  aria: string;
  ext: { version: string | null; items: ExtItem[] } | null;
  dom: DomItem[];
}

export interface AnswerRecord {
  statuses: number[];
  shape: Shape;
}

export interface ModulesRecord {
  status: number | null;
  modules: Array<{ alias: string; is_sencha: boolean | null; is_react: boolean | null }>;
  shape: Shape | null;
}

export interface SnapshotManifest {
  kind: typeof SNAPSHOT_KIND;
  version: number;
  navbot: string;
  createdAt: string;
  /** Hosts only (no paths, no logins). */
  target: { public: string; admin: string; stand: boolean };
  screens: Array<{ name: string; target: 'admin' | 'site'; aria: string; outline: string }>;
  files: string[];
  note: string;
}

export interface SnapshotOptions {
  publicUrl: string;
  adminUrl: string;
  stand: boolean;
  navbotVersion: string;
  /** Secrets and logins that must never reach the file (admin password and e-mail, a sample's). */
  secrets: string[];
}

const origin = (url: string) => new URL(url).origin;
/** Answers that describe the interface itself, not data: the panel's modules, the site's config. */
const STRUCTURE = /\/api\/(?:modules\/get|config)\/?$/;

export class SnapshotRecorder {
  readonly scrubber = new Scrubber();
  private readonly secrets: string[];
  readonly screens: ScreenRecord[] = [];
  readonly answers = new Map<string, AnswerRecord>();
  private readonly pending: Array<Promise<void>> = [];
  private config: { keys: string[]; shape: Shape | null; status: number | null } | null = null;
  private modules: ModulesRecord | null = null;
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly o: SnapshotOptions) {
    this.secrets = o.secrets.filter((s) => s && s.length >= 3);
    for (const s of this.secrets) this.scrubber.addSecret(s);
  }

  private ours(url: string): 'admin' | 'site' | null {
    if (url.startsWith(origin(this.o.adminUrl))) return 'admin';
    if (url.startsWith(origin(this.o.publicUrl))) return 'site';
    return null;
  }

  /** Records the shapes of the target's JSON answers in `context` (and learns their values, to mask them). */
  watch(context: BrowserContext): void {
    this.contexts.push(context);
    context.on('response', (r: Response) => {
      if (!this.ours(r.url())) return;
      const type = r.headers()['content-type'] ?? '';
      if (!type.includes('json')) return;
      this.pending.push(
        r.json().then(
          (json: unknown) => this.answer(r.request().method(), r.url(), r.status(), json),
          () => undefined,
        ),
      );
    });
  }

  private answer(method: string, url: string, status: number, json: unknown): void {
    // The modules' list and the site's config describe the interface (its sections' names); every
    // other answer holds data: its values are never exempt as interface texts.
    this.learn(json, STRUCTURE.test(new URL(url).pathname) ? 'values' : 'data');
    const key = endpointOf(method, url);
    const shape = shapeOf(json);
    const was = this.answers.get(key);
    this.answers.set(key, was ? { statuses: [...new Set([...was.statuses, status])].sort(), shape: mergeShapes(was.shape, shape) } : { statuses: [status], shape });
  }

  /** Every value of an answer goes to the scrubber; values under secret-looking keys are secrets. */
  private learn(json: unknown, as: 'values' | 'data' = 'values', depth = 0): void {
    if (depth > 20 || json === null || typeof json !== 'object') return;
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
      if (typeof v === 'string' && SECRET_KEY.test(k) && v.length >= 3) this.secrets.push(v);
      if (v && typeof v === 'object') this.learn(v, as, depth + 1);
    }
    if (depth === 0) {
      if (as === 'data') this.scrubber.pinAll(json);
      else this.scrubber.addAll(json);
    }
  }

  /** The survey's hook: the screen in front of `page` now, named as its screenshot is. */
  async visit(page: Page, name: string): Promise<void> {
    // The panel's page is under the admin URL (on the stand both share one origin).
    const admin = new URL(this.o.adminUrl);
    const target = page.url().startsWith(`${admin.origin}${admin.pathname}`) ? 'admin' : 'site';
    const outline = await readOutline(page);
    // What fields, records and cells hold: data, never an interface text even where a button repeats it.
    for (const v of outline.values) this.scrubber.pin(v);
    const aria = await page.locator('body').ariaSnapshot({ timeout: 10_000 }).catch(() => '');
    this.screens.push({ name, target, aria, ext: outline.ext, dom: outline.dom });
    if (target === 'admin' && (this.modules === null || this.modules.status !== 200)) await this.readModules(page);
    if (this.config === null) await this.readConfig(page);
  }

  private async readModules(page: Page): Promise<void> {
    // Not while the login form is shown: the answer would be 401 and the panel would react to it.
    if (!(await page.evaluate(panelSignedIn).catch(() => false))) return;
    const got = await panelAjax(page, 'GET', new URL('/api/modules/get', this.o.adminUrl).toString(), 15_000).catch(() => null);
    if (!got || got.status === 0) return;
    this.learn(got.body);
    const body = got.body as { data?: unknown } | unknown[] | null;
    const list = Array.isArray(body) ? body : Array.isArray((body as { data?: unknown })?.data) ? ((body as { data: unknown[] }).data) : [];
    const flag = (v: unknown) => (typeof v === 'boolean' ? v : v === 1 || v === '1' ? true : v === 0 || v === '0' ? false : null);
    this.modules = {
      status: got.status,
      modules: list
        .map((m) => m as Record<string, unknown>)
        .filter((m) => typeof m.alias === 'string')
        .map((m) => ({ alias: String(m.alias), is_sencha: flag(m.is_sencha), is_react: flag(m.is_react) })),
      shape: got.body === null ? null : shapeOf(got.body),
    };
  }

  private async readConfig(page: Page): Promise<void> {
    const res = await page.request.get(new URL('/api/config', this.o.publicUrl).toString(), { timeout: 15_000, failOnStatusCode: false }).catch(() => null);
    if (!res) return;
    const json = res.ok() ? ((await res.json().catch(() => null)) as unknown) : null;
    this.learn(json);
    const data = json && typeof json === 'object' && 'data' in json && (json as { data: unknown }).data && typeof (json as { data: unknown }).data === 'object' ? (json as { data: object }).data : json;
    this.config = { status: res.status(), keys: data && typeof data === 'object' ? Object.keys(data).sort() : [], shape: json === null ? null : shapeOf(json) };
  }

  /** Session cookies of the watched contexts are secrets too (read before the contexts close). */
  async learnCookies(): Promise<void> {
    for (const c of this.contexts) {
      for (const k of await c.cookies().catch(() => [])) if (k.value.length >= 3) this.secrets.push(k.value);
    }
  }

  /** Builds the zip: every text scrubbed; a secret still found anywhere is masked again. */
  async write(file: string, survey: { findings: unknown; checks: unknown; exitCode: number }): Promise<SnapshotManifest> {
    await Promise.all(this.pending);
    for (const s of this.secrets) this.scrubber.addSecret(s);
    const s = this.scrubber;
    this.allowInterface(survey.findings);
    const files = new Map<string, string>();
    const manifest: SnapshotManifest = {
      kind: SNAPSHOT_KIND,
      version: SNAPSHOT_VERSION,
      navbot: this.o.navbotVersion,
      createdAt: new Date().toISOString(),
      target: { public: new URL(this.o.publicUrl).host, admin: new URL(this.o.adminUrl).host, stand: this.o.stand },
      screens: [],
      files: [],
      note: 'Снимок устройства региона для разработчиков navbot: структура экранов, подписи, формы ответов. Значений (ФИО, e-mail, телефоны, даты, пароли, токены) в нём нет.',
    };
    this.screens.forEach((sc, i) => {
      const base = `screens/${String(i + 1).padStart(2, '0')}-${sc.name.replace(/[^\w-]/g, '_')}`;
      files.set(`${base}.aria.yaml`, `${maskAria(sc.aria, s)}\n`);
      const outline = { name: sc.name, target: sc.target, ext: sc.ext && { version: sc.ext.version, items: sc.ext.items.map((i) => scrubTexts(i, s)) }, dom: sc.dom.map((d) => scrubTexts(d, s)) };
      files.set(`${base}.outline.json`, json(outline));
      manifest.screens.push({ name: sc.name, target: sc.target, aria: `${base}.aria.yaml`, outline: `${base}.outline.json` });
    });
    const answers = Object.fromEntries([...this.answers.entries()].sort(([a], [b]) => a.localeCompare(b)));
    files.set('answers.json', json(answers));
    files.set('config.json', json(this.config ?? { status: null, keys: [], shape: null }));
    files.set('modules.json', json(this.modules ?? { status: null, modules: [], shape: null }));
    files.set('findings.json', json(s.scrubJson({ exitCode: survey.exitCode, checks: survey.checks, findings: dropValues(survey.findings) })));
    manifest.files = ['manifest.json', ...files.keys()];
    const zip = new JSZip();
    zip.file('manifest.json', json(manifest));
    for (const [name, text] of files) {
      // The last guard: a secret that survived (it should not) is masked here.
      let t = text;
      for (const secret of this.secrets) if (t.includes(secret)) t = t.split(secret).join('«…»');
      zip.file(name, t);
    }
    const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await writeFile(file, data, { mode: 0o600 });
    return manifest;
  }

  /**
   * The interface's own texts (labels, buttons, tabs, columns, the menu) are not values to mask —
   * except a text also seen as data, or one that looks like a name, an e-mail or a phone (the
   * scrubber refuses those: Scrubber.allow).
   */
  private allowInterface(findings: unknown): void {
    const s = this.scrubber;
    for (const sc of this.screens) {
      for (const i of sc.ext?.items ?? []) {
        if (['button', 'tab', 'gridcolumn', 'menuitem'].some((x) => i.xtype === x || i.xtype.endsWith('column'))) s.allow(i.text);
        s.allow(i.fieldLabel);
        s.allow(i.boxLabel);
        s.allow(i.emptyText);
        if (i.xtype !== 'window' && i.title && i.window === null) s.allow(i.title);
      }
      for (const d of sc.dom) {
        s.allow(d.label);
        s.allow(d.placeholder);
        if (d.tag === 'button') s.allow(d.text);
      }
    }
    const menu = (findings as { admin?: { menu?: unknown } } | null)?.admin?.menu;
    if (Array.isArray(menu)) for (const m of menu) s.allow(m);
  }
}

/** Texts a person reads are scrubbed; names of fields, xtypes and record keys are structure and stay. */
const TEXTS = ['window', 'title', 'text', 'fieldLabel', 'boxLabel', 'emptyText', 'label', 'placeholder'];

function scrubTexts<T extends object>(item: T, s: Scrubber): T {
  const out = { ...item } as Record<string, unknown>;
  for (const k of TEXTS) if (typeof out[k] === 'string') out[k] = s.scrub(out[k] as string);
  // A name or an itemId is an identifier of the page; one that carries an e-mail or digits is masked.
  for (const k of ['name', 'itemId', 'dataIndex']) if (typeof out[k] === 'string' && !/^[A-Za-z_$][\w$.\[\]-]{0,63}$/.test(out[k] as string)) out[k] = MASK;
  return out as T;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The findings without what holds values by design: the sample's e-mail, a page's whole text. */
function dropValues(findings: unknown): unknown {
  const f = JSON.parse(JSON.stringify(findings ?? null)) as Record<string, any> | null;
  if (!f) return f;
  if (f.admin?.user) f.admin.user = { id: '«…»', email: '«…»', how: f.admin.user.how, placeholder: f.admin.user.placeholder };
  for (const key of ['register', 'login']) if (f.site?.[key]) f.site[key].text = '«…»';
  if (f.site?.captcha?.siteKey) f.site.captcha.siteKey = '«задан»';
  if (f.admin?.kids) f.admin.kids.childId = f.admin.kids.childId === null ? null : '«…»';
  if (f.admin?.child) f.admin.child.id = '«…»';
  return f;
}
