// «Очереди»: the template per procedure, a queue given by file (picked or dropped), and its check
// in a table — exactly `validate`'s findings (engine.checkQueue).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkQueue, flowChoices, flowNamed, templateFile, type FlowPlugin } from '../engine.js';
import { listUploads, queueFileName, saveUpload, uploadedQueue } from '../uploads.js';
import type { ConsoleContext } from '../context.js';

/** The flow a request names, or a 400 with the Russian reason. */
export function flowOf(name: unknown, reply: FastifyReply): FlowPlugin | undefined {
  try {
    return flowNamed(typeof name === 'string' && name ? name : undefined);
  } catch (e) {
    void reply.code(400).send({ error: (e as Error).message });
    return undefined;
  }
}

/** The settings, or a 422 with what to fix (the page sends the person to «Готовность»). */
export function settingsOr(ctx: ConsoleContext, reply: FastifyReply) {
  try {
    return ctx.env.settings();
  } catch (e) {
    void reply.code(422).send({ error: `Настройки с ошибкой: ${(e as Error).message} Исправьте их на вкладке «Готовность».` });
    return undefined;
  }
}

export function registerQueues(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/api/flows', async () => ({ flows: flowChoices(), concurrency: { min: 1, max: 16 } }));

  app.get('/api/template', async (req, reply) => {
    const flow = flowOf((req.query as Record<string, unknown>).flow, reply);
    if (!flow) return reply;
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-template-'));
    const file = path.join(dir, 'очередь.xlsx');
    try {
      await templateFile(file, flow, settings);
      const data = fs.readFileSync(file);
      const name = `очередь-${flow.name}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  app.get('/api/queues', async (_req, reply) => {
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    return { queues: listUploads(settings.stateDir) };
  });

  app.post('/api/queues', async (req, reply) => {
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    const part = await req.file();
    if (!part) return reply.code(400).send({ error: 'Файл не получен: выберите файл очереди (.xlsx или .csv).' });
    const name = queueFileName(part.filename);
    const data = await part.toBuffer().catch(() => undefined);
    if (!data || part.file.truncated) return reply.code(413).send({ error: 'Файл слишком большой для очереди: navbot читает очереди до 20 МБ.' });
    if (!name) return reply.code(400).send({ error: `«${part.filename}» — не файл очереди: нужен .xlsx (Excel) или .csv.` });
    const fields = part.fields as Record<string, { value?: unknown } | undefined>;
    const flow = flowOf(fields.flow?.value, reply);
    if (!flow) return reply;
    const file = saveUpload(settings.stateDir, name, data);
    return { name, flow: flow.name, check: await checkQueue(file, flow, settings) };
  });

  app.post('/api/queues/check', async (req, reply) => {
    const body = (req.body ?? {}) as { name?: unknown; flow?: unknown };
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    const flow = flowOf(body.flow, reply);
    if (!flow) return reply;
    const file = typeof body.name === 'string' ? uploadedQueue(settings.stateDir, body.name) : undefined;
    if (!file) return reply.code(404).send({ error: 'Такой очереди нет: выберите файл ещё раз.' });
    return { name: body.name, flow: flow.name, check: await checkQueue(file, flow, settings) };
  });
}
