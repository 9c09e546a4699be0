// Public step 9: the registration and login pages (their labels, buttons, municipalities and
// captcha), the site's config, the cabinet (cabinet.ts), and the texts shown only after a login or
// a save, looked for in what the site sent.
import type { Page } from 'playwright';
import { fold } from '../../navigator/ext.js';
import { surveyCabinet } from './cabinet.js';
import type { SurveyContext } from './context.js';
import { publicPageInfo } from './in-page.js';
import { compareContains, pickCandidate, scanSources, squash, unchecked, type Candidate, type TextFinding } from './match.js';
import { emptyStructure, surveyPublicForms, type PageInfo } from './public-forms.js';

type SiteFindings = SurveyContext['findings']['site'];

/** Step 9: the registration and login pages, the site's own texts, municipalities, captcha. */
export async function surveySite(sv: SurveyContext, page: Page): Promise<void> {
  const s = sv.findings.site;
  try {
    const forms = await surveyPublicForms(
      page,
      { texts: sv.work.publicTexts, paths: sv.work.publicPaths, timeoutMs: sv.o.timeoutMs, open: (p) => openPublic(sv, page, p), shot: (name) => sv.shot(page, name) },
      (s.structure ??= emptyStructure()),
    );
    s.register = forms.register;
    s.login = forms.login;
  } catch (e) {
    sv.fail('публичный сайт', e);
  }
  if (s.register) compareRegister(sv, s.register);
  if (s.login) compareLogin(sv, s.login);
  s.captcha.siteKey = await captchaSiteKey(sv, page);
  await surveyCabinet(sv, page);
  await scanSentTexts(sv);
}

/** The registration form: its labels against the profile, the captcha, the submit, the municipality list. */
function compareRegister(sv: SurveyContext, reg: NonNullable<SiteFindings['register']>): void {
  const s = sv.findings.site;
  const pt = sv.work.publicTexts;
  if (reg.status !== null && reg.status >= 400) {
    sv.findings.errors.push({ stage: 'публичный сайт', message: `страница регистрации ${reg.url} ответила HTTP ${reg.status}: проверьте publicPaths.register в профиле`, unreachable: reg.status >= 500 });
  }
  const where = 'форма регистрации';
  const results = compareRegisterLabels(sv, reg, where);
  // The captcha: a checkbox «Я не робот», a widget in an iframe, or the vendor's captchaSiteKey.
  const box = reg.labels.find((l) => l.kind === 'checkbox' && (fold(l.text).includes(fold(pt.captcha)) || fold(l.text).includes('робот')));
  s.captcha.checkbox = box?.text ?? null;
  const frame = reg.iframes.find((f) => /captcha|капч|робот/i.test(`${f.src} ${f.title}`));
  s.captcha.widget = frame ? frame.title || frame.src : null;
  if (box) sv.text(compareContains({ key: 'publicTexts.captcha', where, expected: pt.captcha }, [box.text], () => box.text));
  const submits = reg.buttons.filter((b) => b.kind === 'submit').map((b) => ({ text: b.text, kind: b.kind }));
  sv.text(
    compareContains({ key: 'publicTexts.submitRegister', where, expected: pt.submitRegister }, reg.buttons.map((b) => b.text), () =>
      submits.length === 1 ? submits[0]!.text : pickCandidate(pt.submitRegister, submits, { contains: ['регистр'] }),
    ),
  );
  const muni = results.get('municipality') ?? sv.findings.texts.find((x) => x.key === 'publicTexts.municipality');
  const select = reg.selects.find((x) => muni?.found && fold(x.label).includes(fold(muni.found))) ?? (reg.selects.length === 1 ? reg.selects[0] : undefined);
  s.municipalities = select ? select.options : null;
  s.emailConfirmation = mentionsConfirmation(reg.text);
}

/** The registration form's field labels; returns those that matched as they are, by key. */
function compareRegisterLabels(sv: SurveyContext, reg: NonNullable<SiteFindings['register']>, where: string): Map<string, TextFinding> {
  const pt = sv.work.publicTexts;
  const labels = reg.labels.map((l) => l.text);
  const cands: Candidate[] = reg.labels.map((l) => ({ text: l.text, kind: l.kind }));
  const taken = new Set<string>();
  const keys = [
    ['municipality', 'select'],
    ['lastName', 'text'],
    ['firstName', 'text'],
    ['patronymic', 'text'],
    ['phone', 'tel'],
    ['email', 'email'],
    ['password', 'password'],
    ['consent', 'checkbox'],
  ] as const;
  // First what matches as it is (so that candidates exclude those labels), then the rest.
  const results = new Map<string, TextFinding>();
  for (const [key] of keys) {
    const f = compareContains({ key: `publicTexts.${key}`, where, expected: pt[key] }, labels, () => null);
    if (f.status === 'same' || f.status === 'spelling') {
      results.set(key, f);
      taken.add(squash(f.found));
    }
  }
  for (const [key, kind] of keys) {
    const f = results.get(key) ?? compareContains({ key: `publicTexts.${key}`, where, expected: pt[key] }, labels, () => pickCandidate(pt[key], cands, { kind, taken }));
    if (f.status === 'renamed' && f.found) taken.add(f.found);
    sv.text(f);
  }
  return results;
}

/** The site's login form: e-mail, password, submit. */
function compareLogin(sv: SurveyContext, login: NonNullable<SiteFindings['login']>): void {
  const pt = sv.work.publicTexts;
  const where = 'форма входа на сайт';
  const labels = login.labels.map((l) => l.text);
  const cands: Candidate[] = login.labels.map((l) => ({ text: l.text, kind: l.kind }));
  sv.text(compareContains({ key: 'publicTexts.loginEmail', where, expected: pt.loginEmail }, labels, () => pickCandidate(pt.loginEmail, cands, { kind: 'email' })));
  sv.text(compareContains({ key: 'publicTexts.loginPassword', where, expected: pt.loginPassword }, labels, () => pickCandidate(pt.loginPassword, cands, { kind: 'password' })));
  const submits = login.buttons.filter((b) => b.kind === 'submit');
  sv.text(
    compareContains({ key: 'publicTexts.submitLogin', where, expected: pt.submitLogin }, login.buttons.map((b) => b.text), () =>
      submits.length === 1 ? submits[0]!.text : pickCandidate(pt.submitLogin, submits, { contains: ['вой', 'вход'] }),
    ),
  );
  sv.findings.site.emailConfirmation ??= mentionsConfirmation(login.text);
}

/** The captcha vendor's site key from the site's config (null: none or unreadable). */
async function captchaSiteKey(sv: SurveyContext, page: Page): Promise<string | null> {
  try {
    const res = await page.request.get(new URL('/api/config', sv.o.publicUrl).toString(), { timeout: sv.o.timeoutMs, failOnStatusCode: false });
    const body = res.ok() ? ((await res.json().catch(() => null)) as { data?: { captchaSiteKey?: unknown }; captchaSiteKey?: unknown } | null) : null;
    const key = body?.data?.captchaSiteKey ?? body?.captchaSiteKey;
    return typeof key === 'string' && key !== '' ? key : null;
  } catch {
    return null;
  }
}

/** Texts shown only after a login or a save: looked for in what the site sent. */
async function scanSentTexts(sv: SurveyContext): Promise<void> {
  const pt = sv.work.publicTexts;
  await Promise.all(sv.pendingSources);
  const sources = [...sv.sources, ...sv.pageSources];
  const where = 'кабинет и сообщения сайта';
  for (const key of [
    'cabinet',
    'childrenTab',
    'childLastName',
    'childFirstName',
    'childPatronymic',
    'childBirthDate',
    'childSex',
    'male',
    'female',
    'addChild',
    'save',
    'logout',
    'emailTaken',
    'confirmEmail',
    'childSaved',
  ] as const) {
    sv.text(
      sources.length > 0
        ? scanSources({ key: `publicTexts.${key}`, where, expected: pt[key] }, sources)
        : unchecked({ key: `publicTexts.${key}`, where, expected: pt[key] }, 'страницы сайта не прочитаны'),
    );
  }
}

async function openPublic(sv: SurveyContext, page: Page, relative: string): Promise<PageInfo> {
  const url = new URL(relative, sv.o.publicUrl).toString();
  const res = await page.goto(url, { waitUntil: 'load', timeout: sv.o.timeoutMs });
  if (res && res.status() >= 500) throw new Error(`публичный сайт ответил ошибкой HTTP ${res.status()} (${url})`);
  const info = await page.evaluate(publicPageInfo);
  sv.pageSources.push(await page.content());
  return { url, status: res?.status() ?? null, ...info };
}

/** A notice about confirming the e-mail on a page a person reads, if any. */
function mentionsConfirmation(text: string): string | null {
  const sentence = text.split(/(?<=[.!?])\s+/).find((s) => /подтверд/i.test(s) && /(e-?mail|почт)/i.test(s));
  return sentence ? squash(sentence) : null;
}
