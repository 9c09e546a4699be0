// The `captcha-widget` variant: a captcha as real regions have it (NAVIGATOR.md: `/api/config`
// exposes `captchaSiteKey`, the captcha is an iframe from a captcha service, not a checkbox).
//
//   GET  /api/config                    { captchaSiteKey } (null while the widget is off)
//   GET  /captcha/widget?sitekey=KEY    the widget: a small page with a «Я не робот» checkbox
//   POST /captcha/api/solve             { sitekey } → { token } (only the widget calls it)
//
// A click by a person on the checkbox (a trusted event) makes the widget ask for a token and post
// it to the page that embeds it (`postMessage`, same origin), which keeps it in a hidden field
// `captchaToken` and sends it with the registration. The token lives CAPTCHA_TOKEN_TTL_SEC and is
// spent by a successful registration.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { fail, ok, type StandContext } from '../context.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const CAPTCHA_TOKEN_TTL_SEC = 120;
/** The `type` of the message the widget posts to its parent page. */
export const CAPTCHA_MESSAGE_TYPE = 'navigator-captcha';

export const CAPTCHA_TEXTS = {
  notRobot: 'Я не робот',
  checking: 'Проверка...',
  passed: 'Проверка пройдена',
  failed: 'Проверка не пройдена. Отметьте флажок ещё раз',
  expired: 'Срок проверки истёк. Отметьте флажок ещё раз',
  badKey: 'Неверный ключ сайта: проверка недоступна',
  frameTitle: 'Проверка «Я не робот»',
} as const;

/** What `/api/site/register` says about the token (field `captchaToken`). */
export type CaptchaVerdict = 'ok' | 'missing' | 'invalid';

/** Tokens the widget issued (kept in the stand's state: a reset forgets them). */
export class CaptchaTokens {
  constructor(
    private readonly tokens: Map<string, number>,
    private readonly now: () => number,
  ) {}

  issue(): string {
    const token = `captcha-${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, this.now() + CAPTCHA_TOKEN_TTL_SEC * 1000);
    return token;
  }

  check(token: unknown): CaptchaVerdict {
    if (typeof token !== 'string' || token.trim() === '') return 'missing';
    const until = this.tokens.get(token);
    if (until === undefined) return 'invalid';
    if (until <= this.now()) {
      this.tokens.delete(token);
      return 'invalid';
    }
    return 'ok';
  }

  spend(token: string): void {
    this.tokens.delete(token);
  }
}

const WIDGET_SCRIPT = `
(function () {
  var box = document.getElementById('not-robot');
  var note = document.getElementById('note');
  var cfg = window.CAPTCHA;
  var timer = null;
  function tell(token) { parent.postMessage({ type: cfg.type, token: token }, location.origin); }
  function say(text, kind) { note.textContent = text || ''; note.className = 'note' + (kind ? ' is-' + kind : ''); }
  box.addEventListener('click', async function (ev) {
    // A captcha service tells people from scripts; the stand's stand-in: only a real click counts.
    if (!ev.isTrusted) { ev.preventDefault(); say(cfg.text.failed, 'error'); return; }
    if (!box.checked) { ev.preventDefault(); return; }
    box.disabled = true;
    say(cfg.text.checking, '');
    try {
      var res = await fetch('/captcha/api/solve', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sitekey: cfg.sitekey }) });
      var json = await res.json();
      if (!json || !json.success) throw new Error('refused');
      say(cfg.text.passed, 'ok');
      tell(json.data.token);
      clearTimeout(timer);
      timer = setTimeout(function () { box.checked = false; box.disabled = false; say(cfg.text.expired, 'error'); tell(''); }, cfg.ttlMs);
    } catch (e) {
      box.checked = false;
      box.disabled = false;
      say(cfg.text.failed, 'error');
    }
  });
})();
`;

const WIDGET_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:14px;color:#1f2a37;background:#f9f9f9}
.widget{display:flex;align-items:center;gap:12px;border:1px solid #d3d3d3;border-radius:4px;padding:12px 14px;height:76px;background:#f9f9f9}
.widget input{width:24px;height:24px;margin:0;cursor:pointer}
.widget label{font-size:15px;cursor:pointer}
.brand{margin-left:auto;font-size:10px;color:#6b7280;text-align:right}
.note{font-size:11px;margin-top:2px}
.note.is-error{color:#c62828}
.note.is-ok{color:#2e7d32}
`;

function widgetPage(sitekey: string, valid: boolean): string {
  const cfg = { sitekey, type: CAPTCHA_MESSAGE_TYPE, ttlMs: CAPTCHA_TOKEN_TTL_SEC * 1000, text: CAPTCHA_TEXTS };
  const body = valid
    ? `<div class="widget"><input type="checkbox" id="not-robot"><div><label for="not-robot">${esc(CAPTCHA_TEXTS.notRobot)}</label><div id="note" class="note" role="status"></div></div><div class="brand">Капча<br>учебного стенда</div></div>`
    : `<div class="widget"><div class="note is-error" role="alert">${esc(CAPTCHA_TEXTS.badKey)}</div></div>`;
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${esc(CAPTCHA_TEXTS.frameTitle)}</title><style>${WIDGET_CSS}</style></head>
<body>${body}
<script>window.CAPTCHA = ${JSON.stringify(cfg).replace(/</g, '\\u003c')};</script>
${valid ? `<script>${WIDGET_SCRIPT}</script>` : ''}
</body></html>`;
}

/** The widget's place in a form (registration; the login with `captchaLogin`): the iframe, the hidden token and its error line. */
export function captchaWidgetField(sitekey: string): string {
  return `<div class="field captcha-widget">
<iframe src="/captcha/widget?sitekey=${encodeURIComponent(sitekey)}" title="${esc(CAPTCHA_TEXTS.frameTitle)}" width="304" height="78" style="border:0;display:block"></iframe>
<input type="hidden" id="captchaToken" name="captchaToken" value="">
<div class="field-error" role="alert" id="captchaToken-error" data-error-for="captchaToken"></div>
</div>`;
}

export function registerCaptcha(app: FastifyInstance, ctx: StandContext, tokens: CaptchaTokens): void {
  const { settings } = ctx;
  const siteKey = () => (settings.rules.captchaWidget || settings.rules.captchaLogin ? settings.captchaSiteKey : null);

  app.get('/api/config', async () => ok({ captchaSiteKey: siteKey() }));

  app.get<{ Querystring: { sitekey?: string } }>('/captcha/widget', async (request, reply) => {
    const valid = siteKey() !== null && request.query.sitekey === siteKey();
    return reply.type('text/html; charset=utf-8').send(widgetPage(request.query.sitekey ?? '', valid));
  });

  app.post('/captcha/api/solve', async (request, reply) => {
    const body = (request.body ?? {}) as { sitekey?: unknown };
    if (siteKey() === null || body.sitekey !== siteKey()) return reply.code(400).send(fail(400, CAPTCHA_TEXTS.badKey));
    return ok({ token: tokens.issue() });
  });
}
