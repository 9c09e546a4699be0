// The stand's request log: every page and API request (reads too), with its final status and its
// body (secrets masked). Static assets and the control API itself are kept out.

export interface RequestLogEntry {
  method: string;
  /** URL path without the query string. */
  path: string;
  /** Final HTTP status; 0 when no response reached the client (dropped, or client gone). */
  status: number;
  /** Arrival time, ISO 8601. */
  at: string;
  /** Parsed JSON/form body with secrets masked, or null. */
  body: unknown;
  /** The query string without "?", only when present. */
  query?: string;
  /** Milliseconds from arrival to the end of the response. */
  ms: number;
  /** The fault that was applied, if any ('latency', 'error', 'hold', 'drop'). */
  fault?: string;
}

const SECRET_KEY = /password|pass|token|secret/i;
const ASSET_PATH = /^\/admin\/ext\/|\.(?:m?js|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|eot|otf)$/i;

/** Paths that are neither logged nor subject to faults by default: static files. */
export function isStaticAsset(path: string): boolean {
  return ASSET_PATH.test(path);
}

export function isControlPath(path: string): boolean {
  return path === '/__stand' || path.startsWith('/__stand/');
}

/** Deep copy of a body with the values of secret-looking keys replaced by "***". */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) ? '***' : maskSecrets(v);
    }
    return out;
  }
  return value;
}

/** A body as logged: objects masked; a urlencoded string parsed first; anything else null. */
export function loggableBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') {
    if (body.includes('=')) return maskSecrets(Object.fromEntries(new URLSearchParams(body)));
    return body.length > 0 ? body : null;
  }
  if (Buffer.isBuffer(body)) return null;
  if (typeof body === 'object') return maskSecrets(body);
  return body;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  /** How many entries were dropped from the front (so indexes stay absolute). */
  private offset = 0;

  constructor(private readonly limit = 50_000) {}

  push(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) {
      const extra = this.entries.length - this.limit;
      this.entries.splice(0, extra);
      this.offset += extra;
    }
  }

  /** Entries with an absolute index ≥ since; writes = non-GET/HEAD only. */
  list(opts: { since?: number; writes?: boolean } = {}): RequestLogEntry[] {
    const from = Math.max(0, (opts.since ?? 0) - this.offset);
    const slice = this.entries.slice(from);
    return opts.writes ? slice.filter((e) => e.method !== 'GET' && e.method !== 'HEAD') : slice;
  }

  /** The absolute index the next entry will get. */
  get next(): number {
    return this.offset + this.entries.length;
  }

  clear(): void {
    this.entries = [];
    this.offset = 0;
  }
}
