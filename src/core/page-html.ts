// The HTML of a failed row's page, kept beside its screenshot for a person to open: without the
// page's scripts (opened from file:// they would run, with the page's data at hand) — script
// elements, inline handlers and javascript: links are removed, and a Content-Security-Policy that
// forbids scripts is put first in case anything was missed (issue 24).
const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>|<script\b[^>]*\/?>/gi;
const HANDLER = /(<[^>]*?)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
const JS_URL = /(\s(?:href|src|action|formaction)\s*=\s*["']?)\s*javascript:[^"'\s>]*/gi;
const NO_SCRIPTS = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'">`;

export function pageWithoutScripts(html: string): string {
  let out = html.replace(SCRIPT, '');
  // A tag may carry several handlers: repeat until none is left.
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(HANDLER, '$1');
  }
  out = out.replace(JS_URL, '$1#');
  return /<head\b[^>]*>/i.test(out) ? out.replace(/<head\b[^>]*>/i, (h) => `${h}${NO_SCRIPTS}`) : `${NO_SCRIPTS}${out}`;
}
