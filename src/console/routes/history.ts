// «История»: the runs with their counts, each run's report.html (with its screenshots) and
// report.xlsx, its log and printed applications served from its folder
// (run-files.ts, each with its Content-Security-Policy), and the ledger view with a search by key.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ledgerView, listRuns, RUN_ID } from '../history.js';
import type { ConsoleContext } from '../context.js';
import { settingsOr } from './queues.js';
import { PAGE_CSP, servedFile } from '../run-files.js';

export function registerHistory(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/api/runs', async (_req, reply) => {
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    return { runs: listRuns(path.resolve(settings.reportsDir)) };
  });

  app.get('/runs/:runId/*', async (req, reply) => {
    const { runId, '*': rest } = req.params as { runId: string; '*': string };
    // Every answer here, a refusal too, is a page of the console's origin: none runs a script as it.
    const served = servedFile(rest);
    if (!served || served.csp) reply.header('content-security-policy', served?.csp ?? PAGE_CSP);
    const settings = settingsOr(ctx, reply);
    if (!settings) return reply;
    if (!RUN_ID.test(runId) || !served || rest.includes('..')) return reply.code(404).send('Нет такого файла.');
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
