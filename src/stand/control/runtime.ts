// The stand's runtime settings as the control API changes them (`GET/POST /__stand/settings`) and
// `POST /__stand/reset` restores them: rules, session lifetimes, the mask's and the answers' delays.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StandContext } from '../context.js';
import type { RegistryRules, StandRules } from '../settings.js';
import { bad } from './answer.js';

const ttl = z.number().int().min(0).nullable().optional();

const settingsBody = z.object({
  rules: z
    .object({
      refuseConfirmWhileResident: z.boolean(),
      certificateNeedsConfirmed: z.boolean(),
      captcha: z.boolean(),
      emailConfirmation: z.boolean(),
      captchaWidget: z.boolean(),
      captchaLogin: z.boolean(),
    })
    .partial()
    .optional(),
  adminSessionTtlSec: ttl,
  publicSessionTtlSec: ttl,
  slowMaskMs: z.number().int().min(0).max(60_000).optional(),
  /** `vendor-session`: the token's lifetime (also the admin session's there); elsewhere only kept. */
  tokenTtlSec: z.number().int().min(0).optional(),
  /** Every page and API answer waits this long (`slow`: 5000). */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** The registry app's rules (settings.registryRules), partially. */
  registryRules: z
    .object({
      duplicateDocument: z.boolean(),
      receivedNeedsConfirmed: z.boolean(),
      refusedIsFinal: z.boolean(),
      refuseNeedsReason: z.boolean(),
      over14NeedsAge: z.boolean(),
      lockAfterReceived: z.boolean(),
      editClearsConfirmation: z.boolean(),
    })
    .partial()
    .optional(),
  registrySessionTtlSec: ttl,
});

type SessionKind = 'admin' | 'public' | 'registry';

/** The settings as the stand started (copies of the rules: later changes do not reach them). */
function startValues(ctx: StandContext) {
  return {
    rules: { ...ctx.settings.rules },
    adminSessionTtlSec: ctx.settings.adminSessionTtlSec,
    publicSessionTtlSec: ctx.settings.publicSessionTtlSec,
    slowMaskMs: ctx.settings.slowMaskMs,
    tokenTtlSec: ctx.settings.tokenTtlSec,
    latencyMs: ctx.settings.latencyMs,
    registryRules: { ...ctx.settings.registryRules },
    registrySessionTtlSec: ctx.settings.registrySessionTtlSec,
  };
}

/** The settings the control API may change, with what they were when the stand started. */
export class RuntimeSettings {
  // Runtime settings are restored by reset.
  private readonly initial: ReturnType<typeof startValues>;

  constructor(private readonly ctx: StandContext) {
    this.initial = startValues(ctx);
  }

  /** What `GET /__stand/settings` answers. */
  view() {
    const { settings } = this.ctx;
    return {
      variants: settings.variants,
      rules: settings.rules,
      adminSessionTtlSec: settings.adminSessionTtlSec,
      publicSessionTtlSec: settings.publicSessionTtlSec,
      slowMaskMs: settings.slowMaskMs,
      tokenTtlSec: settings.tokenTtlSec,
      latencyMs: settings.latencyMs,
      registryRules: settings.registryRules,
      registrySessionTtlSec: settings.registrySessionTtlSec,
    };
  }

  /** Back to the settings the stand started with (the state is reset apart). */
  restore(): void {
    const { settings } = this.ctx;
    const initial = this.initial;
    Object.assign(settings.rules, initial.rules);
    this.applyTtl('admin', initial.adminSessionTtlSec);
    this.applyTtl('public', initial.publicSessionTtlSec);
    settings.slowMaskMs = initial.slowMaskMs;
    settings.tokenTtlSec = initial.tokenTtlSec;
    settings.latencyMs = initial.latencyMs;
    Object.assign(settings.registryRules, initial.registryRules);
    this.applyTtl('registry', initial.registrySessionTtlSec);
  }

  /** A `POST /__stand/settings` body, already checked. */
  update(data: z.infer<typeof settingsBody>): void {
    const { settings } = this.ctx;
    const { rules, adminSessionTtlSec, publicSessionTtlSec, slowMaskMs, tokenTtlSec, latencyMs, registryRules, registrySessionTtlSec } = data;
    if (rules) Object.assign(settings.rules, rules as Partial<StandRules>);
    if (registryRules) Object.assign(settings.registryRules, registryRules as Partial<RegistryRules>);
    if (registrySessionTtlSec !== undefined) this.applyTtl('registry', registrySessionTtlSec);
    if (slowMaskMs !== undefined) settings.slowMaskMs = slowMaskMs;
    if (latencyMs !== undefined) settings.latencyMs = latencyMs;
    if (tokenTtlSec !== undefined) this.applyTokenTtl(tokenTtlSec);
    if (adminSessionTtlSec !== undefined) this.applyTtl('admin', adminSessionTtlSec);
    if (publicSessionTtlSec !== undefined) this.applyTtl('public', publicSessionTtlSec);
  }

  private applyTtl(kind: SessionKind, value: number | null): void {
    const { settings, state } = this.ctx;
    if (kind === 'admin') settings.adminSessionTtlSec = state.options.adminSessionTtlSec = value;
    else if (kind === 'public') settings.publicSessionTtlSec = state.options.publicSessionTtlSec = value;
    else settings.registrySessionTtlSec = state.options.registrySessionTtlSec = value;
    // Live sessions follow the new lifetime too, so a test can expire them by setting 0.
    for (const s of state.sessions.values()) {
      if (s.kind === kind) s.expiresAt = value === null ? null : s.createdAt + value * 1000;
    }
  }

  private applyTokenTtl(value: number): void {
    this.ctx.settings.tokenTtlSec = value;
    if (this.ctx.settings.adminAuth === 'token') this.applyTtl('admin', value);
  }
}

/** `GET/POST /__stand/settings`. */
export function registerSettingsRoutes(app: FastifyInstance, runtime: RuntimeSettings): void {
  app.get('/__stand/settings', async () => runtime.view());
  app.post('/__stand/settings', async (request, reply) => {
    const parsed = settingsBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    runtime.update(parsed.data);
    return runtime.view();
  });
}
