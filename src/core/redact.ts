// Secrets never reach a log, a report or the journal: every text passes through one redactor that
// knows the run's secrets (admin password, NAVBOT_SECRET, each row's derived password — added
// before the row uses it) and masks values stored under secret-looking field names.
// A secret is also matched in its URL-encoded, form-encoded and JSON-escaped spellings, which is
// how it appears in request bodies and serialized errors. Secrets shorter than 4 characters are
// ignored: masking them would shred ordinary text, and no site accepts such a password.

export const MASK = '***';

const SECRET_WORDS = new Set(['pass', 'passwd', 'password', 'pwd', 'secret', 'token', 'authorization', 'cookie', 'cookies', 'apikey']);
/** Names that are secret as a whole once separators are gone (accessToken, set-cookie, x-api-key…). */
const SECRET_JOINED = /^x?(access|refresh|id|auth|session|csrf|xsrf|api)?(token|secret)$|^x?(api|access|secret|private|session|auth|csrf|xsrf|refresh)key$|^setcookie$|^proxyauthorization$/;
/** A word that ends in a secret's name, digits aside (newpassword, password2, PGPASSWORD, bearertoken, clientsecret). */
const SECRET_ENDING = /(password|passwd|passphrase|secret|token|cookie)s?$/;

/**
 * Does a field, header, parameter, cookie or setting name look like it holds a secret? The one
 * list navbot has: the redactor, the logger, the journal's facts, the report and the trace masker
 * all ask it (the stand, which imports nothing of navbot, keeps its own for its request log).
 * Words, not substrings: `userPassword`, `X-Auth-Token`, `NAVBOT_SECRET` are secret;
 * `passed`, `bypassCSP`, `passportNumber` are not.
 */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = words.join('');
  return words.some((w) => SECRET_WORDS.has(w) || SECRET_ENDING.test(w.replace(/\d+$/, ''))) || SECRET_JOINED.test(joined);
}
export const MIN_SECRET_LENGTH = 4;
const MAX_DEPTH = 10;

export interface Redactor {
  /** A redacted copy of `value`: strings masked, secret-named fields masked, errors and nesting followed. */
  <T>(value: T): T;
  /** Masks secrets in one string. */
  text(s: string): string;
  /** Adds a secret (e.g. a row's derived password) from now on; empty and short values are ignored. */
  add(secret: string | undefined | null): void;
  /**
   * Stops masking a secret added with `add` once nothing can print it any more (a finished
   * row's password): the pattern stays as small as the rows in flight, not the whole queue.
   * The secrets given at creation are kept.
   */
  forget(secret: string | undefined | null): void;
  /** How many spellings are masked (for tests and `doctor`). */
  readonly size: number;
}

function spellings(secret: string): string[] {
  const out = new Set<string>([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  out.add(new URLSearchParams({ v: secret }).toString().slice(2));
  return [...out];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isTraversable(v: object): boolean {
  return !(
    v instanceof Date ||
    v instanceof RegExp ||
    ArrayBuffer.isView(v) ||
    v instanceof ArrayBuffer ||
    v instanceof Map ||
    v instanceof Set ||
    v instanceof Promise ||
    typeof (v as { then?: unknown }).then === 'function'
  );
}

export function createRedactor(secrets: ReadonlyArray<string | undefined | null> = []): Redactor {
  const known = new Set<string>();
  let pattern: RegExp | undefined;
  const rebuild = () => {
    pattern = known.size === 0 ? undefined : new RegExp([...known].sort((a, b) => b.length - a.length).map(escapeRe).join('|'), 'g');
  };

  const text = (s: string): string => {
    if (!pattern || s.length < MIN_SECRET_LENGTH) return s;
    pattern.lastIndex = 0;
    return s.replace(pattern, MASK);
  };

  const walk = (value: unknown, depth: number, seen: WeakMap<object, unknown>): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return seen.get(value);
    if (depth > MAX_DEPTH || !isTraversable(value)) return value;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of value) copy.push(walk(item, depth + 1, seen));
      return copy;
    }
    const copy: Record<PropertyKey, unknown> = value instanceof Error ? Object.create(Object.getPrototypeOf(value)) : {};
    seen.set(value, copy);
    if (value instanceof Error) {
      // message, stack and cause are own but not enumerable: copy them explicitly, keep them hidden.
      for (const k of ['name', 'message', 'stack', 'cause'] as const) {
        if (Object.prototype.hasOwnProperty.call(value, k) || k === 'message') {
          Object.defineProperty(copy, k, {
            value: walk((value as unknown as Record<string, unknown>)[k], depth + 1, seen),
            writable: true,
            configurable: true,
            enumerable: false,
          });
        }
      }
    }
    for (const k of Reflect.ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, k);
      if (!desc?.enumerable) continue;
      const v = (value as Record<PropertyKey, unknown>)[k];
      copy[k] = typeof k === 'string' && isSecretName(k) && v !== undefined && v !== null ? MASK : walk(v, depth + 1, seen);
    }
    return copy;
  };

  const redactor = (<T>(value: T): T => walk(value, 0, new WeakMap()) as T) as Redactor;
  redactor.text = text;
  redactor.add = (secret) => {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    let grew = false;
    for (const s of spellings(secret)) {
      if (!known.has(s)) {
        known.add(s);
        grew = true;
      }
    }
    if (grew) rebuild();
  };
  redactor.forget = (secret) => {
    if (!secret) return;
    let shrank = false;
    for (const s of spellings(secret)) if (!fixed.has(s) && known.delete(s)) shrank = true;
    if (shrank) rebuild();
  };
  Object.defineProperty(redactor, 'size', { get: () => known.size });
  for (const s of secrets) redactor.add(s);
  const fixed = new Set(known);
  return redactor;
}
