// The hooks every request of the stand goes through: the request log and fault injection.
// Installed on the root instance before any route, so every later route (and the 404 handler)
// inherits them. Control routes (/__stand/*) are neither logged nor faulted.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../context.js';
import { FaultEngine, faultMessage } from './faults.js';
import { RequestLog, isControlPath, isStaticAsset, loggableBody } from './request-log.js';

interface Meta {
  at: string;
  start: number;
  path: string;
  query: string | undefined;
  control: boolean;
  asset: boolean;
  /** Log generation at arrival: entries of requests that started before a reset are not kept. */
  generation: number;
  logged: boolean;
  fault: string | undefined;
  terminal: 'hold' | 'drop' | undefined;
  holdMs: number | undefined;
}

export interface HeldRequest {
  id: number;
  method: string;
  path: string;
  since: string;
}

export class TrafficControl {
  readonly log = new RequestLog();
  readonly faults: FaultEngine;
  private readonly metas = new WeakMap<FastifyRequest, Meta>();
  private readonly held = new Map<number, HeldRequest & { release(): void }>();
  private heldSeq = 0;
  private generation = 0;

  constructor(
    seed: number,
    private readonly logEnabled: () => boolean,
    /** A stand-wide latency for every page and API answer (the `slow` variant); static files are spared. */
    private readonly baseLatencyMs: () => number = () => 0,
  ) {
    this.faults = new FaultEngine(seed);
  }

  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => this.onRequest(request, reply));
    app.addHook('preHandler', async (request, reply) => this.preHandler(request, reply));
    app.addHook('onSend', async (request, reply, payload) => {
      await this.onSend(request, reply);
      return payload;
    });
    app.addHook('onClose', async () => {
      this.releaseAll();
    });
  }

  heldRequests(): HeldRequest[] {
    return [...this.held.values()].map(({ id, method, path, since }) => ({ id, method, path, since }));
  }

  /** Releases one held response (by id) or all; returns how many were released. */
  release(id?: number): number {
    if (id === undefined) return this.releaseAll();
    const h = this.held.get(id);
    if (!h) return 0;
    h.release();
    return 1;
  }

  releaseAll(): number {
    const all = [...this.held.values()];
    for (const h of all) h.release();
    return all.length;
  }

  /** Clears the log, the rules and the held responses (they are delivered, but not logged). */
  reset(seed: number): void {
    this.generation++;
    this.releaseAll();
    this.log.clear();
    this.faults.reset(seed);
  }

  private onRequest(request: FastifyRequest, reply: FastifyReply): void {
    const q = request.url.indexOf('?');
    const path = q < 0 ? request.url : request.url.slice(0, q);
    const query = q < 0 || q === request.url.length - 1 ? undefined : request.url.slice(q + 1);
    const meta: Meta = {
      at: new Date().toISOString(),
      start: performance.now(),
      path,
      query,
      control: isControlPath(path),
      asset: isStaticAsset(path),
      generation: this.generation,
      logged: false,
      fault: undefined,
      terminal: undefined,
      holdMs: undefined,
    };
    this.metas.set(request, meta);
    if (meta.control || meta.asset) return;
    const res = reply.raw;
    res.once('finish', () => this.record(request, res.statusCode));
    // 'close' without 'finish': the connection went away before the response was written.
    res.once('close', () => this.record(request, res.writableFinished ? res.statusCode : 0));
  }

  private record(request: FastifyRequest, status: number): void {
    const meta = this.metas.get(request);
    if (!meta || meta.logged) return;
    meta.logged = true;
    if (meta.generation !== this.generation || !this.logEnabled()) return;
    this.log.push({
      method: request.method,
      path: meta.path,
      status,
      at: meta.at,
      body: loggableBody(request.body),
      ...(meta.query !== undefined ? { query: meta.query } : {}),
      ms: Math.round(performance.now() - meta.start),
      ...(meta.fault ? { fault: meta.fault } : {}),
    });
  }

  private async preHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const meta = this.metas.get(request);
    if (!meta || meta.control) return undefined;
    const base = meta.asset ? 0 : this.baseLatencyMs();
    if (base > 0) await sleep(base);
    const decision = this.faults.decide(request.method, meta.path, meta.asset);
    if (decision.applied.length === 0) return undefined;
    meta.fault = decision.applied.join(',');
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const terminal = decision.terminal;
    if (!terminal) return undefined;
    if (terminal.action === 'error') {
      const status = terminal.rule.status ?? 500;
      const message = terminal.rule.message ?? faultMessage(status);
      reply.code(status);
      // A page (a link, or a plain HTML form's post, as in the registry app) gets an error page;
      // scripts (fetch, Ext.Ajax: no text/html in Accept) get the vendor's envelope.
      if ((request.headers.accept ?? '').includes('text/html')) {
        reply.type('text/html; charset=utf-8').send(errorPage(status, message));
      } else {
        reply.send(fail(status, message));
      }
      return reply;
    }
    if (terminal.action === 'stall') {
      // Held before the server carries it out: released, it goes on; if the client goes away
      // meanwhile, it is abandoned and never carried out (a request lost on its way in).
      const outcome = await this.hold(request, reply, meta.path, terminal.rule.ms);
      if (outcome === 'released') return undefined;
      reply.hijack();
      return reply;
    }
    meta.terminal = terminal.action;
    meta.holdMs = terminal.rule.ms;
    return undefined;
  }

  private hold(request: FastifyRequest, reply: FastifyReply, path: string, ms: number | undefined): Promise<'released' | 'closed'> {
    return new Promise((resolve) => {
      const id = ++this.heldSeq;
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: 'released' | 'closed') => {
        if (!this.held.delete(id)) return;
        if (timer) clearTimeout(timer);
        reply.raw.off('close', onClose);
        resolve(outcome);
      };
      const onClose = () => finish('closed');
      this.held.set(id, { id, method: request.method, path, since: new Date().toISOString(), release: () => finish('released') });
      reply.raw.once('close', onClose);
      if (ms !== undefined) timer = setTimeout(() => finish('released'), ms);
    });
  }

  private async onSend(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const meta = this.metas.get(request);
    if (!meta?.terminal) return;
    const action = meta.terminal;
    meta.terminal = undefined;
    if (action === 'drop') {
      // The handler has run; the client never hears about it.
      this.record(request, 0);
      request.raw.socket?.destroy();
      return;
    }
    await this.hold(request, reply, meta.path, meta.holdMs);
  }
}

function errorPage(status: number, message: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Ошибка ${status}</title></head><body><h1>Ошибка ${status}</h1><p>${message.replace(/</g, '&lt;')}</p></body></html>`;
}
