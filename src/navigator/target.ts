// A target is a module (DESIGN.md, Parts): a folder under src/navigator (admin/, site/,
// registry/) whose target.ts declares what navbot needs of it — its settings (address, login,
// secrets), how to tell it is reachable, which origins the browser's politeness gates, and how a
// worker keeps a session on it (open, log in, screenshot, trace, let go). The runner's worker loops
// over the targets a flow `uses` through this interface and knows none by name; a flow gets a
// target's handle (its port, a screenshot) by `offer.target(name)`. The runner's browser host is
// passed in as `SessionHost`: navigator never imports the runner.
import type { BrowserContext, Page } from 'playwright';
import { urlProblem, type Settings } from '../config/settings.js';

export interface TraceOptions {
  snapshots: boolean;
  screenshots: boolean;
  sources: boolean;
}

/** A context's trace that several rows' pages may share (runner/shared-trace.ts). */
export interface RowTrace {
  begin(owner: object, detailed: boolean): Promise<void>;
  end(owner: object, detailed?: boolean): Promise<void>;
  keep(owner: object, file: string): Promise<boolean>;
}

/**
 * One login shared by every worker's page of a target (shared-login.ts). `enter` is called
 * by a page that shows the login view: the gate either lets it log in (`login`), or has it wait
 * for the login another page is making, gives it that session and then `resume` (reload to pick
 * it up; true when the panel is open), so that a session expiry costs one login, not one a page.
 * `adopt`: the page works with the current session.
 */
export interface LoginGate {
  enter(page: Page, ways: { login(): Promise<void>; resume(): Promise<boolean> }): Promise<void>;
  adopt(page: Page): void;
}

/** What a target's session gets from the runner's browser host (runner/browser.ts), as an interface. */
export interface SessionHost {
  /** A context made as every context of the run (politeness, timeouts, locale). */
  newContext(): Promise<BrowserContext>;
  /** A page on the run's one shared login session, its context's trace, and how to let it go. */
  sharedPage(): Promise<{ page: Page; trace: RowTrace; close(): Promise<void> }>;
  /** The shared session's gate: one login for every worker. */
  readonly login: LoginGate;
  /** After a login: pages made later take this context's session. */
  shareSession(context: BrowserContext): Promise<void>;
  /** The JavaScript heap a page uses now, MB (undefined when it cannot be read). */
  pageHeapMb(page: Page): Promise<number | undefined>;
  /** Gives memory back after a page was let go. */
  reclaimHeap(): void;
  /** Forgets what a site kept in the page's origin and leaves the page blank. */
  clearSiteStorage(page: Page): Promise<void>;
  /** Trace options of the attempt now: DOM snapshots only after a system fault. */
  traceOptions(): TraceOptions;
  /** The attempt now follows a system fault (traced in detail). */
  readonly detailed: boolean;
}

/** The row an attempt is for, as a target's session sees it. */
export interface RowScope {
  /** The row's key as staff typed it (file names are made from it). */
  readonly key: string;
  /** Keeps a screenshot of `page` as the row's `<key>-<name>.png`. */
  shoot(page: Page, name: string, fullPage: boolean): Promise<void>;
  /** Tells the person at the screen what to do now (a notice event), when someone can see the browser. */
  readonly say?: (text: string) => void;
}

/** How an attempt ended, for a session: well, failed for good, its release failed, a session expiry, a system fault. */
export type AttemptEnd = 'ok' | 'failed' | 'unclean' | 'relogin' | 'fault';

/** A worker's session on one target: opened when a row first needs it, kept across rows. */
export interface TargetSession<H> {
  /** Before each attempt of a row whose flow uses the target (e.g. the admin page logs in). */
  begin(row: RowScope): Promise<void>;
  /** What the attempt's flow gets: the target's port and a screenshot of it. */
  handle(row: RowScope): H;
  /** The page a failed row's screenshot and HTML are kept of (none when the row did not use it). */
  readonly page: Page | undefined;
  /** A failed row: its trace so far is kept at `file` (the caller redacts it); true when kept. */
  keepTrace(file: string): Promise<boolean>;
  /** The attempt ended (after keepTrace for a failed one). */
  end(how: AttemptEnd): Promise<void>;
  close(): Promise<void>;
}

/**
 * A target's setting: a field of config's table (NAVBOT_REGISTRY_URL is `registryUrl`), or — for
 * a target navbot's table does not know (one a procedure brings, `--flow <path>`) — its own
 * NAVBOT_* name, read from the environment and .env like every setting (Settings.extra).
 */
export type TargetSetting = keyof Settings | `NAVBOT_${string}`;

/** A target's setting's value in these settings (undefined when unset). */
export function settingOf(s: Partial<Settings>, key: TargetSetting): string | undefined {
  const v = key.startsWith('NAVBOT_') ? s.extra?.[key] : s[key as keyof Settings];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** What a target module declares. H: the handle a flow gets of it. */
export interface TargetModule<H = unknown> {
  /** As a flow names it in `uses`. */
  readonly name: string;
  /** Russian, for messages: «админ-панель», «реестр сертификатов». */
  readonly title: string;
  /** Its settings (config's fields, or NAVBOT_* names of its own): address, login, secrets (masked in every log and report). */
  readonly settings: { readonly url: TargetSetting; readonly login?: TargetSetting; readonly secrets: readonly TargetSetting[] };
  /** The address that answers when the target is reachable. */
  url(s: Settings): string;
  /** Origins whose requests the browser's politeness gates. */
  origins(s: Settings): string[];
  /** A worker's session on it. */
  session(host: SessionHost, settings: Settings): TargetSession<H>;
}

/** Types a target module once (its handle type stays visible to the list of targets). */
export function defineTarget<H>(m: TargetModule<H>): TargetModule<H> {
  return m;
}

export const originOf = (url: string): string => new URL(url).origin;

/** What is wrong with a target's own settings: `head` names them («не задана настройка X»), `detail` says what is wrong with a set one. */
export interface OwnSettingsProblem {
  readonly unset: boolean;
  readonly head: string;
  readonly detail?: string;
}

/**
 * What is wrong with a target's own settings (its NAVBOT_* names, which navbot's table neither
 * defaults nor checks), or undefined: unset ones are named; a set address is held to the rules of
 * navbot's own (config's urlProblem). `run` and `doctor` both ask, and word it for their place.
 */
export function ownSettingsProblem(settings: Settings, t: TargetModule): OwnSettingsProblem | undefined {
  const own = ownSettings(t);
  const unset = own.filter((k) => settingOf(settings, k) === undefined);
  if (unset.length) return { unset: true, head: unset.length === 1 ? `не задана настройка ${unset[0]}` : `не заданы настройки ${unset.join(', ')}` };
  const bad = own.includes(t.settings.url) ? urlProblem(settingOf(settings, t.settings.url)) : undefined;
  return bad ? { unset: false, head: `ошибка в настройке ${t.settings.url}`, detail: bad } : undefined;
}

/** A target's settings that are its own NAVBOT_* names (not fields of navbot's table). */
export function ownSettings(t: TargetModule): TargetSetting[] {
  return [t.settings.url, ...(t.settings.login ? [t.settings.login] : []), ...t.settings.secrets].filter((k) => k.startsWith('NAVBOT_'));
}
