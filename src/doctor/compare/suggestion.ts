// The suggested profile (profile.suggested.json): what the current profile already says beyond
// the defaults plus what the survey found differing, its name, and the differences' list.
import { defaultProfile, profileSchema, type Profile } from '../../config/profile.js';
import type { SurveyCheck } from './check.js';

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parts of `value` that differ from `base` (objects recursively; lists and texts whole). */
export function differences(value: unknown, base: unknown): unknown {
  if (isObject(value) && isObject(base)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const d = differences(v, base[k]);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return JSON.stringify(value) === JSON.stringify(base) ? undefined : value;
}

function setPath(target: Json, key: string, value: unknown): void {
  const parts = key.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) {
    if (!isObject(at[p])) at[p] = {};
    at = at[p] as Json;
  }
  at[parts.at(-1)!] = value;
}

/** What doctor appends to the profile's name in its suggestion: « — по обзору navbot doctor 2026-12-06 (http://…)». */
const SURVEY_SUFFIX = / — по обзору navbot doctor \d{4}-\d{2}-\d{2} \(.*\)$/u;

/**
 * The suggested profile's name: the profile's own name and the latest survey. A profile that was
 * itself suggested loses its earlier suffix first, so the name does not grow each round.
 */
export function suggestedName(current: string, day: string, url: string): string {
  let base = current;
  while (SURVEY_SUFFIX.test(base)) base = base.replace(SURVEY_SUFFIX, '');
  return `${base} — по обзору navbot doctor ${day} (${url})`;
}

/**
 * The profile to use next: what the current profile already says differently from the defaults,
 * plus what the survey found differing (only those keys), in the format `loadProfile` reads.
 */
export function suggestedProfile(current: Profile, checks: readonly SurveyCheck[], name?: string): Json {
  const out = (differences(current, defaultProfile()) as Json | undefined) ?? {};
  for (const c of checks) {
    if (c.profileKey && c.suggested !== undefined && (c.status === 'mismatch' || c.status === 'spelling' || c.propose)) setPath(out, c.profileKey, c.suggested);
  }
  if (name) out.name = name;
  // Only what loadProfile accepts: parse to be sure, write what was built.
  profileSchema.parse(out);
  return out;
}

/** The differences for the summary: profile key, profile's text, region's text, and whether navbot copes. */
export function differencesList(checks: readonly SurveyCheck[]): Array<{ key: string; expected: unknown; found: unknown; blocking: boolean; where: string }> {
  const seen = new Set<string>();
  const out: Array<{ key: string; expected: unknown; found: unknown; blocking: boolean; where: string }> = [];
  for (const c of checks) {
    if (!c.profileKey || !(c.status === 'mismatch' || c.status === 'spelling')) continue;
    const id = `${c.profileKey}=${JSON.stringify(c.found)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ key: c.profileKey, expected: c.expected, found: c.found, blocking: c.status === 'mismatch', where: c.title.split(':')[0]! });
  }
  return out;
}
