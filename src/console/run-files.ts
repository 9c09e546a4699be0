// Which files of a run folder the console serves (review R1, findings 3 and 5), and the
// Content-Security-Policy each gets: the run's pages share the console's origin and its token
// cookie, so none may act with the console's rights. A failed row's page, a printed application's
// HTML, the log and images get a sandbox (an opaque origin: no cookie, no scripts). report.html
// cannot be sandboxed: from an opaque origin its screenshots and links go without the SameSite
// cookie and the console refuses them (checked in Chromium); it gets a policy that lets only its
// own inline scripts and styles run, fetch nothing, post no form. A PDF gets none: Chrome's
// viewer refuses to show a sandboxed PDF, and a PDF's scripts never run in the console's origin.

/** The report, the table, the run's log, screenshots and error pages, the printed applications. */
const SERVED = /^(report\.html|report\.xlsx|navbot\.log|screenshots\/[^/\\]+\.(png|jpe?g|html)|applications\/[^/\\]+\.(pdf|html))$/i;

export const REPORT_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
export const PAGE_CSP = 'sandbox';

/** The file's policy when the console may serve `rest` (a path inside the run folder), else undefined. */
export function servedFile(rest: string): { csp?: string } | undefined {
  if (!SERVED.test(rest) || rest.split(/[/\\]/).some((part) => part === '..' || part === '.')) return undefined;
  if (/^report\.html$/i.test(rest)) return { csp: REPORT_CSP };
  if (/\.pdf$/i.test(rest)) return {};
  return { csp: PAGE_CSP };
}
