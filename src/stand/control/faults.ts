// Fault injection for the stand, deterministic by seed. A rule says which requests it matches and
// what happens to them:
//   latency  the request waits `ms` (+ seeded jitter up to `jitterMs`) before its handler runs;
//   error    answers `status` (default 500) WITHOUT running the handler (nothing changes);
//   stall    holds the request BEFORE its handler runs, until released (then it is carried
//            out) or until the client disconnects (then it is never carried out);
//   hold     runs the handler (state changes happen) but holds the response until released
//            through the control API, until `ms` elapsed (when given) or the client disconnects;
//   drop     runs the handler, then destroys the socket: the client gets no response.
// When a rule fires: `nth` (1-based, among the requests this rule matches) fires on the nth
// matching request and the `times - 1` following ones (times defaults to 1); otherwise
// `probability` draws from the seeded PRNG for every matching request (times defaults to
// unlimited); with neither, the rule fires on every matching request (up to `times`).
// All latency rules that fire add up; the first error/hold/drop rule that fires decides the rest.
import { z } from 'zod';

const regex = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

export const faultRuleSchema = z.object({
  id: z.string().optional(),
  match: z
    .object({
      /** HTTP method(s), case-insensitive; any when absent. */
      method: z.union([z.string(), z.array(z.string())]).optional(),
      /** Regular expression tested against the URL path (no query string); any when absent. */
      path: regex.optional(),
      /** Also apply to static assets (/admin/ext/*, *.js, *.css, images, fonts); default false. */
      assets: z.boolean().optional(),
    })
    .default({}),
  action: z.enum(['latency', 'error', 'stall', 'hold', 'drop']),
  ms: z.number().int().min(0).max(600_000).optional(),
  jitterMs: z.number().int().min(0).max(600_000).optional(),
  probability: z.number().min(0).max(1).optional(),
  nth: z.number().int().min(1).optional(),
  times: z.number().int().min(1).optional(),
  status: z.number().int().min(400).max(599).optional(),
  /** Message of the error envelope; a Russian default by status. */
  message: z.string().optional(),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultAction = FaultRule['action'];

const faultsBody = z.object({ rules: z.array(faultRuleSchema), seed: z.number().int().optional() });

/** `POST /__stand/faults` body: `{ rules: [...], seed? }` or one rule on its own. */
export function parseFaultsBody(
  body: unknown,
): { success: true; data: { rules: FaultRule[]; seed?: number | undefined } } | { success: false; error: z.ZodError } {
  if (body && typeof body === 'object' && 'rules' in body) return faultsBody.safeParse(body);
  const one = faultRuleSchema.safeParse(body);
  return one.success ? { success: true, data: { rules: [one.data] } } : { success: false, error: one.error };
}

/** Small, fast, seedable PRNG (mulberry32); returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RuleState {
  rule: FaultRule;
  path: RegExp | null;
  methods: string[] | null;
  seen: number;
  fired: number;
}

export interface FaultDecision {
  latencyMs: number;
  terminal: { action: Exclude<FaultAction, 'latency'>; rule: FaultRule } | null;
  /** Names of the actions applied, for the request log (e.g. "latency,hold"). */
  applied: FaultAction[];
}

export class FaultEngine {
  private states: RuleState[] = [];
  private random: () => number;

  constructor(private seed: number) {
    this.random = mulberry32(seed);
  }

  /** Replaces the rules; counters restart and the PRNG is re-seeded (with `seed` when given). */
  setRules(rules: FaultRule[], seed?: number): void {
    if (seed !== undefined) this.seed = seed;
    this.random = mulberry32(this.seed);
    this.states = rules.map((rule) => ({
      rule,
      path: rule.match.path ? new RegExp(rule.match.path) : null,
      methods: rule.match.method === undefined ? null : [rule.match.method].flat().map((m) => m.toUpperCase()),
      seen: 0,
      fired: 0,
    }));
  }

  rules(): Array<FaultRule & { seen: number; fired: number }> {
    return this.states.map((s) => ({ ...s.rule, seen: s.seen, fired: s.fired }));
  }

  reset(seed: number): void {
    this.seed = seed;
    this.setRules([]);
  }

  /** Decides what happens to one request; advances the counters and the PRNG. */
  decide(method: string, path: string, isAsset: boolean): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, terminal: null, applied: [] };
    for (const s of this.states) {
      if (isAsset && !s.rule.match.assets) continue;
      if (s.methods && !s.methods.includes(method.toUpperCase())) continue;
      if (s.path && !s.path.test(path)) continue;
      s.seen++;
      if (!this.fires(s)) continue;
      s.fired++;
      const { rule } = s;
      if (rule.action === 'latency') {
        const jitter = rule.jitterMs ? Math.floor(this.random() * (rule.jitterMs + 1)) : 0;
        decision.latencyMs += (rule.ms ?? 0) + jitter;
        decision.applied.push('latency');
      } else if (!decision.terminal) {
        decision.terminal = { action: rule.action, rule };
        decision.applied.push(rule.action);
      }
    }
    return decision;
  }

  private fires(s: RuleState): boolean {
    const { rule } = s;
    if (rule.nth !== undefined) {
      const times = rule.times ?? 1;
      return s.seen >= rule.nth && s.seen < rule.nth + times;
    }
    if (rule.probability !== undefined) {
      // Draw for every matching request, so the sequence depends only on the seed and the traffic.
      const hit = this.random() < rule.probability;
      return hit && (rule.times === undefined || s.fired < rule.times);
    }
    return rule.times === undefined || s.fired < rule.times;
  }
}

/** A Russian message for an injected error status. */
export function faultMessage(status: number): string {
  if (status === 429) return 'Слишком много запросов. Повторите попытку позже.';
  if (status === 502 || status === 504) return 'Сервер временно недоступен. Повторите попытку позже.';
  if (status === 503) return 'Сервис временно недоступен. Ведутся технические работы.';
  if (status >= 500) return 'Внутренняя ошибка сервера. Повторите попытку позже.';
  return 'Запрос отклонен сервером.';
}
