// Who may use the control API. It takes no token: tests, curl and Node's fetch on this computer
// call it directly (DESIGN.md). But any web page open in the staff's browser can send requests to
// 127.0.0.1 too — a cross-origin `text/plain` POST needs no CORS preflight — and a page whose
// domain is re-pointed at 127.0.0.1 (DNS rebinding) even reads the answers. So a control request
// is refused (403) when
//   - it comes from another computer (the socket's address, whatever its headers say);
//   - its Host is not a loopback name or address, nor the host the stand was started with;
//   - it carries an Origin that is not the stand's own (http, a loopback name or that host, the
//     stand's port), «null» included;
//   - the browser marks it as sent from another site (Sec-Fetch-Site: cross-site / same-site).
// curl and Node's fetch send no Origin and no Sec-Fetch-Site, and their Host is 127.0.0.1:port
// or localhost:port, so they keep working as before.
import { isIP } from 'node:net';

export interface ControlRequest {
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The port the request arrived on, when known. */
  localPort: number | undefined;
  /** The address of the socket's other end: headers can be forged, the socket cannot (issue 24). */
  remoteAddress?: string | undefined;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

function bare(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

export function isLoopbackHost(hostname: string): boolean {
  const h = bare(hostname);
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** Host header → hostname and port (port undefined when absent or not a number). */
function splitHost(host: string): { hostname: string; port: number | undefined } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!m) return undefined;
  return { hostname: m[1]!, port: m[2] === undefined ? undefined : Number(m[2]) };
}

/** The reason to refuse a control request (Russian, for the 403 answer), or undefined to let it through. */
export function controlRequestRefusal(req: ControlRequest, configuredHost: string): string | undefined {
  // A stand started with --host 0.0.0.0 is reachable from the network; its control API is not.
  if (req.remoteAddress !== undefined && !isLoopbackHost(req.remoteAddress)) {
    return `управляющий API стенда отвечает только запросам с этого компьютера; запрос с ${req.remoteAddress} отклонён`;
  }
  const own = bare(configuredHost);
  const allowedName = (hostname: string) => isLoopbackHost(hostname) || (!WILDCARD.has(own) && bare(hostname) === own);
  const host = req.host === undefined ? undefined : splitHost(req.host);
  if (!host || !allowedName(host.hostname)) {
    return `управляющий API стенда отвечает только на запросы к 127.0.0.1, localhost или ${configuredHost}; запрос к «${req.host ?? ''}» отклонён`;
  }
  const site = req.secFetchSite?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    return 'управляющий API стенда не принимает запросы со сторонних страниц (Sec-Fetch-Site: ' + site + ')';
  }
  if (req.origin !== undefined) {
    let ok = false;
    try {
      const o = new URL(req.origin);
      const port = o.port === '' ? 80 : Number(o.port);
      const ownPort = req.localPort ?? host.port ?? 80;
      ok = o.protocol === 'http:' && allowedName(o.hostname) && port === ownPort && o.pathname === '/' && req.origin === o.origin;
    } catch {
      ok = false;
    }
    if (!ok) return `управляющий API стенда не принимает запросы со сторонних страниц: источник «${req.origin}» — не сам стенд`;
  }
  return undefined;
}
