// «История»: the runs with their counts, each run's report.html (with its screenshots) and
// report.xlsx served from its folder, and the ledger view with a search by key.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ledgerView, listRuns, RUN_ID } from '../history.js';
import type { ConsoleContext } from '../context.js';
import { settingsOr } from './queues.js';

/** Files of a run folder a person may open: the report, the table, screenshots, the log. */
const SERVED = /^(report\.html|report\.xlsx|run\.log|screenshots\/[^/\\]+\.(png|jpe?g|html))$/i;

export function registerHistory(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/api/runs', async (_req, reply) => {
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    return { runs: listRuns(path.resolve(settings.reportsDir)) };
  });

  app.get('/runs/:runId/*', async (req, reply) => {
    const { runId, '*': rest } = req.params as { runId: string; '*': string };
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    if (!RUN_ID.test(runId) || !SERVED.test(rest) || rest.includes('..')) return reply.code(404).send('Нет такого файла.');
    const dir = path.join(path.resolve(settings.reportsDir), runId);
    if (rest.endsWith('.xlsx')) reply.header('content-disposition', `attachment; filename="${runId}-report.xlsx"`);
    return reply.sendFile(rest, dir);
  });

  app.get('/api/ledger', async (req, reply) => {
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    const q = (req.query as Record<string, unknown>).q;
    return ledgerView(settings, typeof q === 'string' ? q : '');
  });
}
