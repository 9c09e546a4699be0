// package.json promises Node 20; `npm ci` warns (EBADENGINE) for every locked package whose own
// `engines.node` shuts Node 20 out, so the lock must hold none (cookie@2 wanted Node 22).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];

function parse(v: string): Version | undefined {
  const m = /^v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(v);
  if (!m) return undefined;
  const n = (s: string | undefined) => (s === undefined || s === 'x' || s === '*' ? -1 : Number(s));
  return [n(m[1]), n(m[2]), n(m[3])];
}

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const floor = (v: Version): Version => v.map((x) => Math.max(x, 0)) as Version;

/** A small subset of semver ranges: what the lock holds (>=, >, <=, <, ^, ~, x-ranges, ||). */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((set) => {
    const parts = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return parts.every((part) => {
      if (part === '*' || part === '') return true;
      const [, op = '', rest = ''] = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(part)!;
      const p = parse(rest);
      if (!p) return false;
      const lo = floor(p);
      switch (op) {
        case '>=':
          return cmp(version, lo) >= 0;
        case '>':
          return cmp(version, lo) > 0;
        case '<=':
          return cmp(version, lo) <= 0;
        case '<':
          return cmp(version, lo) < 0;
        case '^':
          return cmp(version, lo) >= 0 && version[0] === lo[0];
        case '~':
          return cmp(version, lo) >= 0 && version[0] === lo[0] && (p[1] < 0 || version[1] === lo[1]);
        default: // bare or '=': x-ranges match any missing part
          return p.every((x, i) => x < 0 || x === version[i]);
      }
    });
  });
}

describe('engines', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[] }>;
  };

  it('the range checker reads the lock’s kinds of ranges', () => {
    const v20 = parse('20.20.0')!;
    expect(['>=20', '>= 10', '18 || 20 || >=22', '^20.19.0 || >=22.12.0', '>=16 || 14 >=14.17', '10.x', '*'].map((r) => satisfies(v20, r))).toEqual([
      true, true, true, true, true, false, true,
    ]);
    expect(['>=22', '^22.0.0', '20 || >=22'].map((r) => satisfies(parse('19.0.0')!, r))).toEqual([false, false, false]);
  });

  it('no locked package shuts out the Node major that package.json promises', () => {
    expect(pkg.engines.node).toBe('>=20');
    const major = parse(pkg.engines.node.replace(/^>=\s*/, ''))![0];
    // The newest release of that major: a package needing a later minor (^20.19) is fine, one
    // needing a later major (>=22) is not.
    const newest: Version = [major, 999, 999];
    const refused = Object.entries(lock.packages)
      .map(([where, p]) => [where, p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined] as const)
      .filter(([, range]) => range !== undefined && !satisfies(newest, range))
      .map(([where, range]) => `${where.replace(/^.*node_modules\//, '')} wants node ${range}`);
    expect(refused).toEqual([]);
  });
});
