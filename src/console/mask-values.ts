// The console's answers are masked before they are serialised (review R1, finding 12a): a secret
// with `"` or `\` is escaped by JSON.stringify, so a mask run on the JSON text would miss it.
// Every string inside the value (keys too) passes the mask; the JSON is then built from that.

/** A copy of `value` with every string masked; non-plain objects (Buffer, streams) are left as they are. */
export function maskValues<T>(value: T, mask: (s: string) => string): T {
  return walk(value, mask, new WeakMap()) as T;
}

function walk(value: unknown, mask: (s: string) => string, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return mask(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(walk(v, mask, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  // Not plain data (a Date, a Buffer, a file stream): sent as it is.
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[mask(k)] = walk(v, mask, seen);
  return out;
}
