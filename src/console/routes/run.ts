// «Прогон»: the plan a person confirms (the target Navigator and the number of rows), the start,
// «Остановить», and the live progress as Server-Sent Events. One run per Navigator: the ledger's
// lock decides (engine.runBatch takes it); a scheduled CLI run holding it is shown with its progress.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { checkQueue, dayPhase, lockHolder, targetLabel } from '../engine.js';
import { runningProgress } from '../history.js';
import { RunBusyError, type RunMessage } from '../runs.js';
import { uploadedQueue } from '../uploads.js';
import { maskValues } from '../mask-values.js';
import type { ConsoleContext } from '../context.js';
import { flowOf, settingsOr } from './queues.js';

const RunForm = z.object({
  queue: z.string().min(1),
  flow: z.string().optional(),
  concurrency: z.coerce.number().int().min(1).max(16).optional(),
  only: z.array(z.string().trim().min(1)).max(10_000).optional(),
  dryRun: z.boolean().optional(),
  /** «Репетиция на стенде»: on a training stand started for this run. */
  rehearsal: z.boolean().optional(),
  /** The captcha's day phase: registration only, one row at a time, in a visible browser window. */
  dayPhase: z.boolean().optional(),
});

const REHEARSAL_TARGET = 'учебный стенд, запущенный для репетиции (в Навигатор региона ничего не отправляется)';

export function registerRun(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/api/run', async () => {
    const view = ctx.runs.view();
    if (view.active) return { view };
    let settings;
    try {
      settings = ctx.env.settings();
    } catch {
      return { view };
    }
    const holder = lockHolder(settings);
    return { view, ...(holder ? { scheduled: { ...holder, progress: runningProgress(settings) ?? null } } : {}) };
  });

  const form = (body: unknown) => RunForm.safeParse(body);

  app.post('/api/run/plan', async (req, reply) => {
    const f = form(req.body);
    if (!f.success) return reply.code(400).send({ error: 'Выберите очередь.' });
    const flow = flowOf(f.data.flow, reply);
    if (!flow) return reply;
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    const file = uploadedQueue(settings.stateDir, f.data.queue);
    if (!file) return reply.code(404).send({ error: 'Такой очереди нет: выберите файл на вкладке «Очереди».' });
    const check = await checkQueue(file, flow, settings);
    const only = f.data.only ?? [];
    const rows = only.length ? check.keys.filter((k) => only.includes(k)).length : check.ready;
    return { target: f.data.rehearsal ? REHEARSAL_TARGET : targetLabel(settings), isStand: f.data.rehearsal || settings.targetIsStand, rows, invalid: check.invalid, fileError: check.fileError ?? null, flow: flow.title };
  });

  app.post('/api/run', (req, reply) => startRun(ctx, req.body, reply));

  app.post('/api/run/stop', async () => ({ stopped: ctx.runs.stop(), view: ctx.runs.view() }));

  app.get('/api/run/stream', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (m: RunMessage) => res.write(`data: ${JSON.stringify(maskValues(m, ctx.mask))}\n\n`);
    send({ type: 'state', view: ctx.runs.view() });
    const off = ctx.runs.subscribe(send);
    req.raw.on('close', off);
  });
}

/** «Да, запустить»: the batch in this process, unless another run holds this Navigator. */
async function startRun(ctx: ConsoleContext, body: unknown, reply: FastifyReply): Promise<unknown> {
  const f = RunForm.safeParse(body);
  if (!f.success) return reply.code(400).send({ error: 'Проверьте поля: очередь, число потоков (1–16), ключи.' });
  const flow = flowOf(f.data.flow, reply);
  if (!flow) return reply;
  // The day phase: a person passes one captcha at a time, in one window (as `run --until register --headed`).
  const chosen = f.data.dayPhase ? { concurrency: 1, headless: false } : f.data.concurrency !== undefined ? { concurrency: f.data.concurrency } : {};
  let settings;
  try {
    settings = ctx.env.settings(chosen);
  } catch (e) {
    return reply.code(422).send({ error: `Настройки с ошибкой: ${(e as Error).message}` });
  }
  const file = uploadedQueue(settings.stateDir, f.data.queue);
  if (!file) return reply.code(404).send({ error: 'Такой очереди нет: выберите файл на вкладке «Очереди».' });
  const phase = f.data.dayPhase ? dayPhase(flow, settings) : undefined;
  if (phase && 'problem' in phase) return reply.code(400).send({ error: phase.problem });
  const holder = f.data.rehearsal ? undefined : lockHolder(settings);
  if (holder) return reply.code(409).send({ error: `Идёт прогон по расписанию (${holder.label}, с ${new Date(holder.startedAt).toLocaleString('ru-RU')}): дождитесь его конца.` });
  try {
    ctx.runs.start({
      file,
      queueName: f.data.queue,
      flow,
      settings,
      mode: f.data.rehearsal ? 'rehearsal' : f.data.dryRun ? 'dry-run' : 'run',
      ...(f.data.only?.length ? { only: f.data.only } : {}),
      ...(phase ? { phase } : {}),
      ...(f.data.rehearsal ? { settingsWith: (overrides: Parameters<typeof ctx.env.settings>[0]) => ctx.env.settings({ ...chosen, ...overrides }) } : {}),
    });
  } catch (e) {
    if (e instanceof RunBusyError) return reply.code(409).send({ error: e.message });
    throw e;
  }
  return { view: ctx.runs.view() };
}
