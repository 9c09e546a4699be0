// Admin steps 1–2: the panel's login view (Ext JS? which version?), its placeholders and button
// compared with the profile, the login itself (the survey's only write) and the answer's shape.
import type { Page, Response } from 'playwright';
import { exactly, snapshot, waitOutcome } from '../../navigator/ext.js';
import { mainShown } from './structure.js';
import type { SurveyContext } from './context.js';
import { loginViewInfo } from './in-page.js';
import { compareWhole, pickCandidate } from './match.js';
import type { LoginAnswer } from './types.js';

export async function surveyLogin(sv: SurveyContext, page: Page): Promise<boolean> {
  const a = sv.findings.admin;
  const res = await page.goto(sv.o.adminUrl, { timeout: sv.o.timeoutMs });
  if (res && res.status() >= 500) throw new Error(`админ-панель ответила ошибкой HTTP ${res.status()}`);
  // The login view (a password field) or, with a session already open, the menu.
  await page.waitForFunction(() => {
    const w = globalThis as unknown as { Ext?: any };
    const Ext = w.Ext;
    if (!Ext || !Ext.isReady || !Ext.ComponentQuery) return false;
    return (Ext.ComponentQuery.query('textfield, treepanel, treelist, button') as any[]).some(
      (c) => c.isVisible(true) && (c.inputType === 'password' || c.isTree || c.xtype === 'treelist' || (c.isXType && c.isXType('button') && c.menu && !c.up('window') && !c.up('form'))),
    );
  }, undefined, { timeout: sv.o.timeoutMs, polling: 50 }).catch(() => undefined);
  const view = await page.evaluate(loginViewInfo);
  a.ext = { present: view.ext, version: view.version };
  if (!view.ext) {
    sv.findings.errors.push({ stage: 'админ-панель', message: 'на странице нет Ext JS: это не та админ-панель, с которой работает navbot (или NAVBOT_ADMIN_URL указывает не туда)', unreachable: false });
    return false;
  }
  if (!view.login) {
    if (view.main) {
      a.loggedIn = true;
      return true;
    }
    sv.findings.errors.push({ stage: 'вход в админ-панель', message: 'на странице нет формы входа (поля пароля)', unreachable: false });
    return false;
  }
  const where = 'форма входа админ-панели';
  const emailPh = view.login.email;
  sv.text(compareWhole({ key: 'adminTexts.loginEmail', where, expected: sv.t.loginEmail }, emailPh === null ? [] : [emailPh], () => emailPh || null));
  sv.text(compareWhole({ key: 'adminTexts.loginPassword', where, expected: sv.t.loginPassword }, [view.login.password], () => view.login!.password || null));
  const buttons = view.login.buttons;
  sv.text(
    compareWhole({ key: 'adminTexts.loginButton', where, expected: sv.t.loginButton }, buttons, () =>
      buttons.length === 1 ? buttons[0]! : pickCandidate(sv.t.loginButton, buttons.map((text) => ({ text })), { contains: ['вой', 'вход'] }),
    ),
  );
  await sv.shot(page, 'admin-login');
  await page.getByPlaceholder(sv.t.loginEmail, { exact: true }).filter({ visible: true }).last().fill(sv.o.adminEmail, sv.wait);
  await page.getByPlaceholder(sv.t.loginPassword, { exact: true }).filter({ visible: true }).last().fill(sv.o.adminPassword, sv.wait);
  const before = await snapshot(page, sv.marks());
  const origin = new URL(sv.o.adminUrl).origin;
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(origin), sv.wait);
  answer.catch(() => undefined);
  await page.getByRole('button', { name: exactly(sv.t.loginButton) }).filter({ visible: true }).last().click(sv.wait);
  const response = await answer;
  a.login = await readLoginAnswer(response);
  if (a.login.session === 'unknown' && (await page.context().cookies(sv.o.adminUrl)).length > 0) a.login.session = 'cookie';
  if (a.login.status >= 500 || a.login.status === 429) throw new Error(`вход в админ-панель: HTTP ${a.login.status}`);
  const s = await waitOutcome(page, sv.marks(), { requestAfter: before.started }, sv.o.timeoutMs);
  if (s.login || a.login.status >= 400) {
    sv.findings.errors.push({
      stage: 'вход в админ-панель',
      message: `панель не приняла e-mail или пароль (HTTP ${a.login.status}). Проверьте NAVBOT_ADMIN_EMAIL и NAVBOT_ADMIN_PASSWORD в .env`,
      unreachable: false,
    });
    return false;
  }
  // The main view: a menu tree, or (a "Desktop" build) a button that opens the menu.
  await page.waitForFunction(mainShown, undefined, { timeout: sv.o.timeoutMs, polling: 50 });
  a.loggedIn = true;
  return true;
}

/** The login POST's answer: its shape, the session it gives, how long, with which rights. */
export async function readLoginAnswer(response: Response): Promise<LoginAnswer> {
  const status = response.status();
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const keys: string[] = [];
  const data = body && typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : null;
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      keys.push(k);
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) keys.push(`${k}.${k2}`);
    }
  }
  const src = data ?? body ?? {};
  const cookie = (await response.headerValue('set-cookie').catch(() => null)) ?? null;
  const bearer = typeof src.access_token === 'string';
  const session: LoginAnswer['session'] = bearer ? 'bearer' : cookie ? 'cookie' : 'unknown';
  const exp = src.expired_at ?? src.expires_at ?? src.expiresAt ?? null;
  const expiresAt = typeof exp === 'string' || typeof exp === 'number' ? String(exp) : null;
  let lifetimeSec: number | null = null;
  const dateHeader = await response.headerValue('date').catch(() => null);
  const now = dateHeader ? Date.parse(dateHeader) : Date.now();
  if (typeof src.expires_in === 'number') lifetimeSec = src.expires_in;
  else if (expiresAt !== null) {
    const at = /^\d+$/.test(expiresAt) ? Number(expiresAt) * (expiresAt.length <= 10 ? 1000 : 1) : Date.parse(expiresAt);
    if (Number.isFinite(at)) lifetimeSec = Math.round((at - (Number.isFinite(now) ? now : Date.now())) / 1000);
  }
  const rawPerms = src.perms ?? src.permissions ?? (src.user as Record<string, unknown> | undefined)?.perms ?? null;
  const perms = Array.isArray(rawPerms) ? rawPerms.map((p) => (typeof p === 'string' ? p : String((p as { name?: unknown })?.name ?? JSON.stringify(p)))) : null;
  return { status, keys, session, expiresAt, lifetimeSec, perms };
}
