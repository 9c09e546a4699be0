// «Расписание»: the night runs navbot installed (crontab / Task Scheduler) through `navbot
// schedule`'s own code (cli/commands/schedule.ts), add (queue, time, days) and remove; the morning
// e-mail's settings (read-only here: they live in .env) and «Отправить пробное письмо».
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defaultExec, schedule, type ScheduleFlags } from '../../cli/commands/schedule.js';
import { CliExit } from '../../cli/exit-codes.js';
import { notifyRun } from '../../cli/notify.js';
import { cronJobs, decodeConsole, parseSchtasksCsv, windowsQueryArgs, type System } from '../../cli/setup/schedule.js';
import { cronRun, windowsRun, type NightRun } from '../night.js';
import { uploadedQueue } from '../uploads.js';
import type { ConsoleContext } from '../context.js';
import { settingsOr } from './queues.js';

const ENTRY = fileURLToPath(new URL('../../../bin/navbot.mjs', import.meta.url));
const SYSTEM: System = process.platform === 'win32' ? 'windows' : 'unix';

const AddForm = z.object({ queue: z.string().min(1), at: z.string().trim().min(1), days: z.string().trim().optional() });
const RemoveForm = z.object({ queue: z.string().min(1) });

export function registerSchedule(app: FastifyInstance, ctx: ConsoleContext): void {
  /** `navbot schedule` with these flags; its lines, and whether it went through. */
  const call = async (queue: string | undefined, flags: ScheduleFlags) => {
    const lines: string[] = [];
    try {
      await schedule(queue, flags, {
        say: (line) => lines.push(ctx.mask(line)),
        exec: defaultExec,
        system: SYSTEM,
        cwd: ctx.env.dir,
        node: process.execPath,
        entry: ENTRY,
        reportsDir: () => ctx.env.settings().reportsDir,
      });
      return { ok: true, lines };
    } catch (e) {
      return { ok: false, lines: [...lines, ctx.mask(e instanceof CliExit ? e.message : String((e as Error)?.message ?? e))] };
    }
  };

  app.get('/api/schedule', async () => {
    const v = ctx.env.values();
    return { system: SYSTEM, ...(await nightRuns()), mail: { to: v.NAVBOT_NOTIFY_TO ?? '', smtp: v.NAVBOT_SMTP_URL ? 'задан' : '' } };
  });

  app.post('/api/schedule', async (req, reply) => {
    const f = AddForm.safeParse(req.body);
    if (!f.success) return reply.code(400).send({ ok: false, lines: ['Укажите очередь и время (ЧЧ:ММ).'] });
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    const file = uploadedQueue(settings.stateDir, f.data.queue);
    if (!file) return reply.code(404).send({ ok: false, lines: ['Такой очереди нет: выберите файл на вкладке «Очереди».'] });
    const r = await call(file, { at: f.data.at, ...(f.data.days ? { days: f.data.days } : {}), install: true });
    return reply.code(r.ok ? 200 : 422).send(r);
  });

  app.post('/api/schedule/remove', async (req, reply) => {
    const f = RemoveForm.safeParse(req.body);
    if (!f.success) return reply.code(400).send({ ok: false, lines: ['Укажите очередь.'] });
    const r = await call(f.data.queue, { remove: true });
    return reply.code(r.ok ? 200 : 422).send(r);
  });

  app.post('/api/mail/test', async (_req, reply) => {
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    const lines: string[] = [];
    const say = (line: string) => lines.push(ctx.mask(line));
    const outcome = await notifyRun({ settings, file: 'пробное письмо из пульта', exitCode: 0, out: say, err: say });
    if (outcome === 'off') lines.push('Почта не настроена: задайте NAVBOT_NOTIFY_TO и NAVBOT_SMTP_URL в .env.');
    return { ok: outcome === 'sent', lines };
  });

  app.post('/api/exit', async (_req, reply) => {
    if (ctx.runs.active) return reply.code(409).send({ error: 'Идёт прогон: сначала остановите его или дождитесь конца.' });
    setImmediate(ctx.exit);
    return { ok: true };
  });
}

/** The night runs navbot installed, read as `navbot schedule --list` reads them. */
async function nightRuns(): Promise<{ runs: NightRun[]; problem?: string }> {
  if (SYSTEM === 'windows') {
    const r = await defaultExec('schtasks', windowsQueryArgs());
    if (r.code !== 0) return { runs: [], problem: `Планировщик Windows не ответил: ${decodeConsole(r.stderr).trim() || `код ${r.code}`}` };
    return { runs: parseSchtasksCsv(decodeConsole(r.stdout)).map(windowsRun) };
  }
  const r = await defaultExec('crontab', ['-l']);
  if (r.code === 127) return { runs: [], problem: 'Команда crontab не найдена: установите cron.' };
  if (r.code !== 0 && !/no crontab/i.test(r.stderr.toString('utf8'))) return { runs: [], problem: `crontab -l: ${r.stderr.toString('utf8').trim()}` };
  const now = new Date();
  return { runs: cronJobs(r.code === 0 ? r.stdout.toString('utf8') : '').flatMap((l) => cronRun(l, now) ?? []) };
}
