// The console's door: 127.0.0.1 only, a random token in the address it opens (a cookie after the
// first load), and every write also checked for its Origin, so that another site open in the same
// browser cannot start or stop a run (a cross-site form or fetch carries a foreign Origin).
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'navbot_console';
export const TOKEN_HEADER = 'x-navbot-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Same value, compared in constant time; false for an absent one. */
export function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The origins the page itself has: the console's own address, by IP or by name. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** A Host header that names this console (a DNS rebinding attack names another host). */
export function ownHost(host: string | undefined, port: number): boolean {
  return host !== undefined && (host === `127.0.0.1:${port}` || host === `localhost:${port}`);
}

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface DoorRequest {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  queryToken: string | undefined;
  cookieToken: string | undefined;
  headerToken: string | undefined;
}

/** What the door answers: let in (and whether to set the cookie), or refuse with a status and a Russian reason. */
export type DoorVerdict = { ok: true; setCookie: boolean } | { ok: false; status: 401 | 403; reason: string };

export function checkDoor(token: string, port: number, r: DoorRequest): DoorVerdict {
  if (!ownHost(r.host, port)) return { ok: false, status: 403, reason: 'Пульт открывается только по адресу 127.0.0.1 этого компьютера.' };
  const byQuery = sameToken(token, r.queryToken);
  const known = byQuery || sameToken(token, r.cookieToken) || sameToken(token, r.headerToken);
  if (!known) {
    return { ok: false, status: 401, reason: 'Нет ключа доступа. Откройте пульт по ссылке из окна navbot console (в ней есть ?token=…).' };
  }
  if (WRITE_METHODS.has(r.method.toUpperCase())) {
    // A write needs its Origin, and it must be the page's own: a browser always sends it with a POST.
    if (!r.origin || !ownOrigins(port).includes(r.origin)) {
      return { ok: false, status: 403, reason: 'Запрос не со страницы пульта отклонён (чужой Origin).' };
    }
  }
  return { ok: true, setCookie: byQuery };
}

/** One cookie's value from a Cookie header (the token is URL-safe: no decoding needed). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie line after the first load: the page's own, never sent cross-site, unseen by scripts. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
