// The HTML of a failed row's page, kept beside its screenshot for a person to open: without the
// page's scripts (opened from file:// they would run, with the page's data at hand) — script
// elements, inline handlers and javascript: links are removed, repeatedly until nothing more comes
// out (a removal must not join `<scr` and `ipt>` into a new script), and a Content-Security-Policy
// that forbids scripts is the file's very first element (after a doctype), so no comment or
// broken markup in the page can swallow it (issue 24; review R1, finding 5).
const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>|<script\b[^>]*\/?>/gi;
// A handler anywhere after a space, a slash or a quote: a `>` inside a quoted value must not hide
// the rest of the tag (`<img alt=">" onerror=…>`), and `<svg/onload=…>` has no space at all.
const HANDLER = /([\s/"'])on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
const JS_URL = /(\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?)\s*javascript:[^"'\s>]*/gi;
const DOCTYPE = /^\s*<!doctype[^>]*>/i;
export const NO_SCRIPTS = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'">`;

export function pageWithoutScripts(html: string): string {
  let out = html;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(SCRIPT, '').replace(HANDLER, '$1').replace(JS_URL, '$1#');
  }
  const doctype = DOCTYPE.exec(out)?.[0] ?? '';
  return `${doctype}${NO_SCRIPTS}${out.slice(doctype.length)}`;
}
