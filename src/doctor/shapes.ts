// The *shape* of a JSON answer: its keys and value types, recursively, an array as one shape
// (its elements merged) — never a value. This is what the field kit keeps of the panel's answers
// (region-snapshot.zip), and what `doctor --compare` compares key by key.
//
// A shape is JSON itself:
//   'string' | 'number' | 'boolean' | 'null'     a scalar (several: 'null|string', sorted)
//   { type: 'object', keys: { name: Shape } }    an object
//   { type: 'array', of: Shape | null }          an array (null: only empty arrays were seen)
// An object whose keys look like data (an e-mail, an id, a name in Cyrillic) is kept as a map:
//   { type: 'object', keys: { '*': Shape } }     so that no key carries a value either.

export type Shape = string | { type: 'object'; keys: Record<string, Shape> } | { type: 'array'; of: Shape | null };

/** A key that names a field (snake_case, camelCase, dotted), not a value used as a key. */
export const FIELD_KEY = /^[A-Za-z_$][A-Za-z0-9_$.-]{0,63}$/;

/** Keys whose *values* are secrets; shapes keep no values anyway, this names them for the scrubber. */
export const SECRET_KEY = /token|secret|password|passwd|pass$|session|cookie|captcha|authorization|sign/i;

export const MAP_KEY = '*';

export function shapeOf(value: unknown, depth = 0): Shape {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    let of: Shape | null = null;
    for (const item of value) of = of === null ? shapeOf(item, depth + 1) : mergeShapes(of, shapeOf(item, depth + 1));
    return { type: 'array', of };
  }
  if (typeof value === 'object') {
    if (depth > 12) return { type: 'object', keys: {} };
    const entries = Object.entries(value as Record<string, unknown>);
    const keys: Record<string, Shape> = {};
    for (const [k, v] of entries) {
      const name = FIELD_KEY.test(k) ? k : MAP_KEY;
      const s = shapeOf(v, depth + 1);
      keys[name] = keys[name] === undefined ? s : mergeShapes(keys[name]!, s);
    }
    return { type: 'object', keys: sortKeys(keys) };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return typeof value;
  return 'null';
}

function sortKeys(keys: Record<string, Shape>): Record<string, Shape> {
  return Object.fromEntries(Object.entries(keys).sort(([a], [b]) => a.localeCompare(b)));
}

const scalars = (s: string) => s.split('|').filter(Boolean);
const joinScalars = (xs: string[]) => [...new Set(xs)].sort().join('|');

/** One shape for two values seen at the same place (array elements, two answers of one endpoint). */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (typeof a === 'string' && typeof b === 'string') return joinScalars([...scalars(a), ...scalars(b)]);
  // null beside a structure: the structure, nullable.
  if (typeof a === 'string' && scalars(a).every((x) => x === 'null')) return b;
  if (typeof b === 'string' && scalars(b).every((x) => x === 'null')) return a;
  if (typeof a !== 'string' && typeof b !== 'string') {
    if (a.type === 'array' && b.type === 'array') {
      return { type: 'array', of: a.of === null ? b.of : b.of === null ? a.of : mergeShapes(a.of, b.of) };
    }
    if (a.type === 'object' && b.type === 'object') {
      const keys: Record<string, Shape> = { ...a.keys };
      for (const [k, v] of Object.entries(b.keys)) keys[k] = keys[k] === undefined ? v : mergeShapes(keys[k]!, v);
      return { type: 'object', keys: sortKeys(keys) };
    }
  }
  // Kinds that do not meet (a string here, an object there): say both.
  return joinScalars([kindName(a), kindName(b)].flatMap(scalars));
}

/** A shape's kind in one word: 'string', 'number|null', 'object', 'array'. */
export function kindName(s: Shape): string {
  return typeof s === 'string' ? s : s.type;
}

export type ShapeDiff =
  | { kind: 'missing'; path: string; expected: Shape }
  | { kind: 'extra'; path: string; found: Shape }
  | { kind: 'type'; path: string; expected: string; found: string };

/** Non-null kinds of a shape: null is data (a field empty today), not structure. */
function kinds(s: Shape): string[] {
  return scalars(kindName(s)).filter((x) => x !== 'null');
}

/**
 * What differs between the reference's shape and the region's, by key path (`data[].number`).
 * A kind changed only when both sides saw a non-null value and they share none; an array seen
 * only empty on one side says nothing of its elements.
 */
export function diffShapes(expected: Shape, found: Shape, path = ''): ShapeDiff[] {
  const ek = kinds(expected);
  const fk = kinds(found);
  if (ek.length === 0 || fk.length === 0) return [];
  if (!ek.some((k) => fk.includes(k))) return [{ kind: 'type', path: path || '(ответ)', expected: ek.join('|'), found: fk.join('|') }];
  const out: ShapeDiff[] = [];
  if (typeof expected !== 'string' && typeof found !== 'string') {
    if (expected.type === 'object' && found.type === 'object') {
      for (const [k, v] of Object.entries(expected.keys)) {
        const p = path ? `${path}.${k}` : k;
        const f = found.keys[k];
        if (f === undefined) out.push({ kind: 'missing', path: p, expected: v });
        else out.push(...diffShapes(v, f, p));
      }
      for (const [k, v] of Object.entries(found.keys)) if (expected.keys[k] === undefined) out.push({ kind: 'extra', path: path ? `${path}.${k}` : k, found: v });
    } else if (expected.type === 'array' && found.type === 'array' && expected.of !== null && found.of !== null) {
      out.push(...diffShapes(expected.of, found.of, `${path}[]`));
    }
  }
  return out;
}

/**
 * An endpoint's name without values: the method, the path with ids (digits, UUIDs, long hex,
 * anything with an @) as `{id}`, and the query's parameter *names* only.
 */
export function endpointOf(method: string, url: string): string {
  const u = new URL(url);
  const segs = u.pathname.split('/').map((s) => {
    const d = decodeURIComponent(s);
    if (/^\d+$/.test(d) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(d) || /^[0-9a-f]{16,}$/i.test(d) || d.includes('@')) return '{id}';
    if (d !== '' && !/^[A-Za-z0-9_.-]{1,64}$/.test(d)) return '{id}';
    return s;
  });
  // Cache busters (`_dc`) and paging differ by request, not by endpoint.
  const params = [...new Set([...u.searchParams.keys()].map((k) => k.replace(/\[.*$/, '[]')))]
    .filter((k) => k !== '_dc' && FIELD_KEY.test(k.replace('[]', '')))
    .sort();
  return `${method.toUpperCase()} ${segs.join('/')}${params.length ? `?${params.join('&')}` : ''}`;
}

/** The path part of an endpoint name (`GET /api/rest/kid/{id}`), without the query names. */
export function endpointPath(endpoint: string): string {
  return endpoint.replace(/\?.*$/, '');
}
