// «Готовность»: what `navbot doctor` says, as a checklist (each ✗ with what to do, as doctor words
// it), run again by a button; and the first-time setup as a form — `navbot init`'s questions and
// checks (cli/setup/init.ts) with the answers from the form, the password only written to .env.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkUrl } from '../../doctor/checks.js';
import { runDoctor, type DoctorOutcome } from '../../doctor/run.js';
import { runInit } from '../../cli/setup/init.js';
import { siteMunicipalities } from '../../cli/setup/site.js';
import { CliExit } from '../../cli/exit-codes.js';
import { VERSION } from '../../cli/version.js';
import type { ConsoleContext } from '../context.js';

export interface CheckItem {
  /** ok ✓, fail ✗, warn !, skip –, info (a plain line). */
  state: 'ok' | 'fail' | 'warn' | 'skip' | 'info';
  text: string;
}

/** doctor's printed lines as checklist items (its ✓ ✗ ! – marks). */
export function checklist(text: string): CheckItem[] {
  const items: CheckItem[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const mark = line[0];
    const rest = line.slice(1).trim();
    if (mark === '✓') items.push({ state: 'ok', text: rest });
    else if (mark === '✗') items.push({ state: 'fail', text: rest });
    else if (mark === '!') items.push({ state: 'warn', text: rest });
    else if (mark === '–') items.push({ state: 'skip', text: rest });
    else if (items.length && /^\s{4,}/.test(raw) && items.at(-1)!.state !== 'info') items.at(-1)!.text += `\n${line}`;
    else items.push({ state: 'info', text: line });
  }
  return items;
}

const VERDICT: Record<DoctorOutcome['kind'], string> = {
  ready: 'Всё готово к работе.',
  settings: 'Исправьте настройки: что именно — у пунктов, отмеченных ✗.',
  mismatch: 'Навигатор региона отличается от профиля: что именно — у пунктов, отмеченных ✗.',
  unreachable: 'Навигатор не отвечает: проверьте адрес и сеть, затем проверьте ещё раз.',
};

const SetupForm = z.object({
  publicUrl: z.string().trim().min(1),
  adminUrl: z.string().trim().min(1),
  adminEmail: z.string().trim().min(1),
  adminPassword: z.string().optional(),
  emailTemplate: z.string().trim().min(1),
  municipality: z.string().trim().optional(),
  concurrency: z.string().trim().optional(),
});

/** The variable the form's password passes through to init (never a flag, never the process's own environment). */
const PASSWORD_VAR = 'NAVBOT_CONSOLE_ADMIN_PASSWORD';

export function registerReady(app: FastifyInstance, ctx: ConsoleContext): void {
  let last: { at: string; kind: DoctorOutcome['kind']; verdict: string; items: CheckItem[] } | undefined;
  let running: Promise<void> | undefined;

  const check = async () => {
    let text = '';
    const outcome = await runDoctor({ settings: () => ctx.env.settings(), version: VERSION, write: (line) => (text += line) });
    last = { at: new Date().toISOString(), kind: outcome.kind, verdict: VERDICT[outcome.kind], items: checklist(ctx.mask(text)) };
  };
  const once = () => (running ??= check().finally(() => (running = undefined)));

  app.get('/api/ready', async () => {
    if (!last) await once();
    return { ...last, envFile: ctx.env.envFile, hasEnv: ctx.env.values().NAVBOT_PUBLIC_URL !== undefined };
  });
  app.post('/api/ready', async () => {
    await once();
    return last;
  });

  app.get('/api/setup', async () => {
    const v = ctx.env.values();
    return {
      publicUrl: v.NAVBOT_PUBLIC_URL ?? 'http://127.0.0.1:8080/',
      adminUrl: v.NAVBOT_ADMIN_URL ?? '',
      adminEmail: v.NAVBOT_ADMIN_EMAIL ?? '',
      hasPassword: !!v.NAVBOT_ADMIN_PASSWORD,
      emailTemplate: v.NAVBOT_EMAIL_TEMPLATE ?? '',
      municipality: v.NAVBOT_MUNICIPALITY ?? '',
      concurrency: v.NAVBOT_CONCURRENCY ?? '2',
    };
  });

  app.post('/api/setup', async (req, reply) => {
    const form = SetupForm.safeParse(req.body);
    if (!form.success) return reply.code(400).send({ ok: false, lines: ['Заполните все поля формы.'] });
    const f = form.data;
    const lines: string[] = [];
    const password = f.adminPassword ?? '';
    try {
      await runInit(
        {
          dir: ctx.env.dir,
          force: true,
          yes: true,
          publicUrl: f.publicUrl,
          adminUrl: f.adminUrl,
          adminEmail: f.adminEmail,
          emailTemplate: f.emailTemplate,
          ...(f.municipality ? { municipality: f.municipality } : {}),
          ...(f.concurrency ? { concurrency: f.concurrency } : {}),
          ...(password ? { adminPasswordEnv: PASSWORD_VAR } : {}),
        },
        {
          say: (line) => lines.push(line),
          env: { ...ctx.env.base, [PASSWORD_VAR]: password },
          checkUrl: (url, label, envName, stand) => checkUrl(url, label, envName, { timeoutMs: 15_000, stand }),
          siteMunicipalities: (url, settings, dir) => siteMunicipalities(url, settings, dir),
          // The checklist is doctor's, run here once the file is written.
          doctor: async () => 0,
        },
      );
    } catch (e) {
      const message = e instanceof CliExit ? e.message : `Непредвиденная ошибка: ${(e as Error)?.message ?? String(e)}`;
      return reply.code(422).send({ ok: false, lines: [...lines, message].map((l) => maskWith(l, password, ctx.mask)) });
    }
    await once();
    return { ok: true, lines: lines.filter((l) => !l.startsWith('Проверка: navbot doctor')).map((l) => maskWith(l, password, ctx.mask)), ready: last };
  });
}

function maskWith(line: string, password: string, mask: (s: string) => string): string {
  const masked = mask(line);
  return password.length >= 4 ? masked.split(password).join('***') : masked;
}
