// A Playwright trace kept after a system fault records typed values, headers and request and
// response bodies, so it could carry the admin password, a placeholder password, the session
// cookie or the login answer's token. Before the trace is kept, redactTrace masks, in every text
// entry of the archive:
//   - the run's secrets (the redactor's: admin password, NAVBOT_SECRET, row passwords);
//   - the values of Cookie, Set-Cookie, Authorization and any header, form field, query parameter
//     or JSON field whose name looks secret (pass, password, secret, token, access_token,
//     refresh_token, authorization, cookie…), and password inputs in page snapshots;
//   - every value found that way, wherever else it appears (a token from the login answer sent
//     back in a later request).
// Bodies live in resources/ under the SHA-1 of their content, and a name is as good as the body
// for guessing a password; a body whose masked content differs is stored under the SHA-1 of the
// masked content, and the trace's JSON lines are pointed at the new name. A request body that is
// not text is dropped. The masked archive is written beside the raw one and renamed over it; if
// anything fails, both are deleted: a raw archive is never left behind.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { createRedactor, isSecretName, MASK, type Redactor } from '../core/redact.js';

export { isSecretName };

const BINARY = /\.(png|jpe?g|webp|gif|woff2?|ttf|otf|eot|ico|wasm|zip|pdf)$/i;
const RESOURCE = /^resources\//;


/** Shorter values are not worth hunting elsewhere (they would shred ordinary text). */
const MIN_FOUND_LENGTH = 6;

const COOKIE_ATTRIBUTE = /^(path|domain|expires|max-age|samesite|httponly|secure|priority|partitioned|partitionkey|sourcescheme|sourceport|size|session)$/i;

class Masker {
  /** Secret values met under secret names; masked everywhere in the second pass. */
  readonly found = new Set<string>();
  changed = false;

  constructor(private readonly known: (s: string) => string) {}

  private add(value: string): void {
    const v = value.trim();
    if (v.length >= MIN_FOUND_LENGTH && v !== MASK) this.found.add(v);
  }

  /** The value, and its parts that are secrets on their own: «Bearer XYZ», «a=1; session=XYZ; Path=/». */
  private remember(value: string): void {
    this.add(value);
    const scheme = /^\s*(?:bearer|basic|token)\s+(\S+)\s*$/i.exec(value);
    if (scheme) this.add(scheme[1]!);
    for (const segment of value.split(/[;\n]/)) {
      const eq = segment.indexOf('=');
      if (eq > 0 && !COOKIE_ATTRIBUTE.test(segment.slice(0, eq).trim())) this.add(segment.slice(eq + 1));
    }
  }

  /** A secret-named value: strings and numbers become MASK, structures keep their shape. */
  private maskAll(v: unknown): unknown {
    if (v === null || v === undefined || typeof v === 'boolean') return v;
    if (typeof v === 'string' || typeof v === 'number') {
      if (typeof v === 'string') this.remember(v);
      if (v !== MASK) this.changed = true;
      return MASK;
    }
    if (Array.isArray(v)) return v.map((x) => this.maskAll(x));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // A cookie's name and attributes (domain, path…) are no secret: remembered, the site's host
      // would be masked in every URL of the trace.
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = k === 'name' || COOKIE_ATTRIBUTE.test(k) ? x : this.maskAll(x);
      return out;
    }
    return v;
  }

  /** Free text: known secrets, `name=value` pairs (query, form, cookie) and `Name: value` header lines. */
  text(s: string): string {
    let out = this.known(s);
    out = out.replace(/(^|[?&;\s])([^=&?#;\s"'<>]+)=([^&#;\s"'<>]*)/g, (m, lead: string, name: string, value: string) => {
      if (!isSecretName(decodeSafe(name)) || value === '' || value === MASK) return m;
      this.remember(decodeSafe(value));
      return `${lead}${name}=${MASK}`;
    });
    out = out.replace(/^([ \t>*-]*)([\w-]+):[ \t]*(\S[^\r\n]*)$/gm, (m, lead: string, name: string, value: string) => {
      if (!isSecretName(name) || value === MASK) return m;
      this.remember(value);
      return `${lead}${name}: ${MASK}`;
    });
    const trimmed = out.trim();
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
      try {
        const before = this.changed;
        this.changed = false;
        const masked = this.walk(JSON.parse(trimmed));
        if (this.changed) out = JSON.stringify(masked);
        this.changed ||= before;
      } catch {
        // not JSON after all
      }
    }
    if (out !== s) this.changed = true;
    return out;
  }

  walk(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    const o = v as Record<string, unknown>;
    const secretPair = typeof o.name === 'string' && 'value' in o && isSecretName(o.name);
    const password = typeof o.type === 'string' && o.type.toLowerCase() === 'password';
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if ((secretPair && k === 'value') || (password && (k === 'value' || k === '__playwright_value_')) || (isSecretName(k) && x !== null)) {
        out[k] = this.maskAll(x);
      } else out[k] = this.walk(x);
    }
    return out;
  }
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

interface Entry {
  name: string;
  bytes: Uint8Array;
  text?: string;
}

/** The trace's own files: JSON lines (trace.trace, trace.network), JSON (trace.stacks) or text. */
function maskTraceText(text: string, m: Masker): string {
  try {
    return JSON.stringify(m.walk(JSON.parse(text)));
  } catch {
    // JSON lines, or text
  }
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : maskLine(line, m)))
    .join('\n');
}

function maskLine(line: string, m: Masker): string {
  try {
    return JSON.stringify(m.walk(JSON.parse(line)));
  } catch {
    return m.text(line);
  }
}

/** Each JSON value of a trace file (one, or one per line). */
function jsonValues(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    const out: unknown[] = [];
    for (const line of text.split('\n')) {
      try {
        if (line.trim() !== '') out.push(JSON.parse(line));
      } catch {
        // a text line
      }
    }
    return out;
  }
}

/** resources/<sha1>.<ext> → its name part after the hash (".json", or "" for snapshot blobs). */
const extensionOf = (name: string) => {
  const base = path.posix.basename(name);
  const dot = base.indexOf('.');
  return dot < 0 ? '' : base.slice(dot);
};

/** Request bodies named in the network log (new traces: postData._file; old: postData._sha1). */
function requestBodies(entries: Entry[]): Set<string> {
  const names = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 12) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'postData' && x && typeof x === 'object') {
        for (const ref of [(x as { _file?: unknown })._file, (x as { _sha1?: unknown })._sha1]) {
          if (typeof ref === 'string') names.add(path.posix.basename(ref));
        }
      }
      visit(x, depth + 1);
    }
  };
  for (const e of entries) if (!RESOURCE.test(e.name) && e.text !== undefined) for (const v of jsonValues(e.text)) visit(v, 0);
  return names;
}

/** Masks `file` (a Playwright trace zip) in place; see the head of this file. */
export async function redactTrace(file: string, redactor: Redactor): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const zip = await JSZip.loadAsync(await readFile(file));
    const entries: Entry[] = [];
    for (const z of Object.values(zip.files)) {
      if (z.dir) continue;
      const bytes = await z.async('uint8array');
      const text = BINARY.test(z.name) ? undefined : decodeText(bytes);
      entries.push({ name: z.name, bytes, ...(text !== undefined ? { text } : {}) });
    }
    const bodies = requestBodies(entries);

    // Pass 1 finds the secret values (under secret names); pass 2 masks with them everywhere.
    const first = new Masker((t) => redactor.text(t));
    for (const e of entries) {
      if (e.text === undefined) continue;
      if (RESOURCE.test(e.name)) first.text(e.text);
      else maskTraceText(e.text, first);
    }
    const everywhere = createRedactor([...first.found]);
    const both = (t: string) => everywhere.text(redactor.text(t));

    // Resources first: their new names are written into the trace's JSON lines.
    const renamed = new Map<string, string>();
    const dropped = new Set<string>();
    const out = new JSZip();
    for (const e of entries.filter((x) => RESOURCE.test(x.name))) {
      const base = path.posix.basename(e.name);
      if (e.text === undefined) {
        if (bodies.has(base)) dropped.add(base); // a request body that is not text: cannot be masked
        else out.file(e.name, e.bytes);
        continue;
      }
      const masked = new Masker(both).text(e.text);
      if (masked === e.text) {
        out.file(e.name, e.bytes);
        continue;
      }
      const name = `${sha1(masked)}${extensionOf(base)}`;
      renamed.set(base, name);
      out.file(path.posix.join(path.posix.dirname(e.name), name), masked);
    }

    const second = new Masker(both);
    const pointers = renamed.size + dropped.size > 0 ? new RegExp([...renamed.keys(), ...dropped].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : undefined;
    for (const e of entries.filter((x) => !RESOURCE.test(x.name))) {
      if (e.text === undefined) {
        out.file(e.name, e.bytes);
        continue;
      }
      let text = maskTraceText(e.text, second);
      if (pointers) text = repoint(text, pointers, renamed, dropped);
      out.file(e.name, text);
    }

    await writeFile(tmp, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    await rm(file, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Points the trace's lines at renamed bodies and removes pointers to dropped ones. */
function repoint(text: string, pointers: RegExp, renamed: Map<string, string>, dropped: Set<string>): string {
  return text
    .split('\n')
    .map((line) => {
      pointers.lastIndex = 0;
      if (!pointers.test(line)) return line;
      try {
        return JSON.stringify(repointValue(JSON.parse(line), renamed, dropped));
      } catch {
        pointers.lastIndex = 0;
        return line.replace(pointers, (n) => renamed.get(n) ?? MASK);
      }
    })
    .join('\n');
}

function repointValue(v: unknown, renamed: Map<string, string>, dropped: Set<string>): unknown {
  if (typeof v === 'string') {
    const base = path.posix.basename(v);
    const to = renamed.get(base);
    if (to) return v.slice(0, v.length - base.length) + to;
    return dropped.has(base) ? MASK : v;
  }
  if (Array.isArray(v)) return v.map((x) => repointValue(x, renamed, dropped));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' && (k === '_file' || k === '_sha1') && dropped.has(path.posix.basename(x))) continue;
      out[k] = repointValue(x, renamed, dropped);
    }
    return out;
  }
  return v;
}
