// How the control API refuses a request: `{ error }` with the zod issues (or a sentence) and a status.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

export function bad(reply: FastifyReply, error: z.ZodError | string, status = 400) {
  const message = typeof error === 'string' ? error : error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  return reply.code(status).send({ error: message });
}
