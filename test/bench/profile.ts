// `npx tsx test/bench/profile.ts [rows] [concurrency] [latencyMs]`: where a row's seconds and
// requests go. Runs a batch against a stand in a child process (as the bench does), times every
// step's probe, act and verify by wrapping the flow's steps, and files each request of the stand's
// log under the phase that was running when it arrived (exact at C=1; mixed at C>1). Prints a
// table per phase and the requests by kind (window opens, store loads, public pages, writes).
import { executeBatch } from '../../src/cli/batch.js';
import { accountingCertificateFlow } from '../../flows/accounting/certificate.js';
import { tempDir, StandClient } from '../e2e/support/navbot.js';
import { benchQueue, benchSettings, startStandProcess } from './setup.js';
import { chooseLeanSwitches, LEAN_SWITCHES, type LeanSwitch } from '../../src/runner/chromium-flags.js';

const [rows = 3, concurrency = 1, latency = 0] = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const variants = process.argv.find((a) => a.startsWith('--variant='))?.split('=')[1];
/** `--switches=none` or a list (process-per-site,low-end-device,…): the browser's memory savers to use. */
const switches = process.argv.find((a) => a.startsWith('--switches='))?.split('=')[1];
if (switches !== undefined) chooseLeanSwitches(switches === 'none' ? [] : (switches.split(',').filter((s) => (LEAN_SWITCHES as string[]).includes(s)) as LeanSwitch[]));

/** Phase windows: [start, end, name]. */
const phases: Array<[number, number, string]> = [];
for (const step of accountingCertificateFlow.steps) {
  const s = step as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const part of ['probe', 'act', 'verify'] as const) {
    const fn = s[part]!.bind(step);
    s[part] = async (...a: unknown[]) => {
      const began = Date.now();
      try {
        return await fn(...a);
      } finally {
        phases.push([began, Date.now(), `${step.name}.${part}`]);
      }
    };
  }
}

// The worker's own time between steps: making the row's context (admin page, login) and
// finishing it (closing the cards, dropping the trace, clearing the public page).
import { Worker } from '../../src/runner/worker.js';
for (const name of ['offer', 'finish', 'endTrace', 'endPublicRow'] as const) {
  const proto = Worker.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const fn = proto[name]!;
  proto[name] = async function (this: unknown, ...a: unknown[]) {
    const began = Date.now();
    try {
      return await fn.apply(this, a);
    } finally {
      phases.push([began, Date.now(), `worker.${name}`]);
    }
  };
}

/** A request's kind, by path (stand paths; the profile is a stand measurement). */
function kind(method: string, p: string, query = ''): string {
  if (method !== 'GET') return `${method} ${p.replace(/\/[0-9a-f-]{6,}|\/\d+/g, '/:id')}`;
  if (p === '/api/rest/siteuser' && /query=/.test(query)) return 'GET users grid (search)';
  if (p === '/api/rest/siteuser') return 'GET users grid';
  if (/^\/api\/rest\/siteuser\/[^/]+$/.test(p)) return 'GET user card (window open / reload)';
  if (/^\/api\/rest\/siteuser\/[^/]+\/activity$/.test(p)) return 'GET user activity';
  if (p === '/api/rest/kid') return 'GET «Дети» store';
  if (/^\/api\/rest\/kid\/[^/]+$/.test(p)) return 'GET kid card (window open / reload)';
  if (p.startsWith('/api/pfdod/')) return 'GET kid certificates';
  if (p === '/api/rest/certificate-type') return 'GET certificate types';
  if (p.startsWith('/admin')) return 'GET admin page';
  if (p.startsWith('/api/user/')) return `GET ${p}`;
  if (p.startsWith('/api/site/')) return `GET ${p}`;
  return `GET page ${p}`;
}

// `--cpu`: a JavaScript CPU profile of the admin page (the panel's renderer), self time by function.
const cpu = process.argv.includes('--cpu');
type CpuNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
const cpuProfiles: Array<{ nodes: CpuNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }> = [];
/** Each admin page's profiler, stopped when its worker closes that page (or at the end of the batch). */
const stops = new Map<object, () => Promise<void>>();
if (cpu) {
  const proto = Worker.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const offer = proto.offer!;
  proto.offer = async function (this: { adminPage?: import('playwright').Page }, ...a: unknown[]) {
    const r = await offer.apply(this, a);
    const page = this.adminPage;
    if (page && !stops.has(page)) {
      const session = await page.context().newCDPSession(page);
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 500 });
      await session.send('Profiler.start');
      stops.set(page, async () => {
        const { profile } = (await session.send('Profiler.stop').catch(() => ({ profile: undefined }))) as { profile?: (typeof cpuProfiles)[number] };
        if (profile) cpuProfiles.push(profile);
      });
    }
    return r;
  };
  const close = proto.closeAdminPage!;
  proto.closeAdminPage = async function (this: { adminPage?: object }, ...a: unknown[]) {
    const stop = this.adminPage ? stops.get(this.adminPage) : undefined;
    if (stop) {
      stops.set(this.adminPage!, async () => undefined);
      await stop();
    }
    return close.apply(this, a);
  };
}

const stand = await startStandProcess(variants);
try {
  const client = new StandClient(stand.url);
  await client.reset();
  if (latency > 0) await client.faults([{ match: {}, action: 'latency', ms: latency }]);
  const dir = tempDir('navbot-profile-');
  const file = await benchQueue(dir, 'q.xlsx', rows, 'P');
  const settings = benchSettings(stand.url, dir, concurrency, process.argv.includes('--no-retry') ? { NAVBOT_RETRIES: '0' } : {});
  const began = Date.now();
  const result = await executeBatch({ file, settings, mode: 'run', out: () => undefined });
  const wall = (Date.now() - began) / 1000;
  await client.faults([]);
  const log = await client.requests();
  const phaseOf = (at: number) => phases.filter(([, , n]) => !n.startsWith('worker.end')).find(([a, b]) => at >= a && at <= b)?.[2] ?? '(between steps: start, login, finish)';
  const byPhase = new Map<string, { ms: number; n: number; requests: number; kinds: Map<string, number> }>();
  for (const [a, b, name] of phases) {
    const e = byPhase.get(name) ?? { ms: 0, n: 0, requests: 0, kinds: new Map() };
    e.ms += b - a;
    e.n++;
    byPhase.set(name, e);
  }
  const kinds = new Map<string, number>();
  for (const r of log) {
    const k = kind(r.method, r.path, (r as { query?: string }).query);
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
    const name = phaseOf(Date.parse(r.at));
    const e = byPhase.get(name) ?? { ms: 0, n: 0, requests: 0, kinds: new Map() };
    e.requests++;
    e.kinds.set(k, (e.kinds.get(k) ?? 0) + 1);
    byPhase.set(name, e);
  }
  // `--log`: every request the stand saw, with its phase: when it came and how long it took.
  if (process.argv.includes('--log')) {
    for (const r of log) {
      const at = Date.parse(r.at);
      process.stdout.write(`${r.at.slice(11, 23)} ${String((r as { ms?: number }).ms ?? '').padStart(5)} ms  ${r.method.padEnd(6)} ${r.path.padEnd(48)} ${phaseOf(at)}\n`);
    }
  }
  const inSteps = phases.reduce((s, [a, b]) => s + (b - a), 0) / 1000;
  // The stand's own time answering (arrival to the end of its answer, latency faults included).
  const serverS = log.reduce((s, r) => s + ((r as { ms?: number }).ms ?? 0), 0) / 1000;
  process.stdout.write(`run folder: ${result.runDir}\n`);
  process.stdout.write(`rows ${rows}, C=${concurrency}, latency ${latency} ms, exit ${result.exitCode}: wall ${wall.toFixed(2)} s (${(wall / rows).toFixed(2)} s a row), in steps ${(inSteps / rows).toFixed(2)} s a row; ${log.length} requests (${(log.length / rows).toFixed(1)} a row); the stand answering ${(serverS / rows).toFixed(2)} s a row\n\n`);
  process.stdout.write('phase                         s/row   req/row  requests by kind (a row)\n');
  for (const [name, e] of byPhase) {
    const detail = [...e.kinds].map(([k, n]) => `${k} ×${(n / rows).toFixed(1)}`).join('; ');
    process.stdout.write(`${name.padEnd(28)} ${(e.ms / 1000 / rows).toFixed(2).padStart(6)}  ${(e.requests / rows).toFixed(1).padStart(7)}  ${detail}\n`);
  }
  process.stdout.write('\nrequests by kind (a row):\n');
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${(n / rows).toFixed(1).padStart(5)}  ${k}\n`);
  if (cpu) {
    const self = new Map<string, number>();
    let total = 0;
    for (const p of cpuProfiles) {
      const byId = new Map(p.nodes.map((n) => [n.id, n]));
      const deltas = p.timeDeltas ?? [];
      (p.samples ?? []).forEach((id, i) => {
        const n = byId.get(id);
        const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
        const f = n?.callFrame;
        const k = f ? `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}` : '?';
        self.set(k, (self.get(k) ?? 0) + ms);
        total += ms;
      });
    }
    process.stdout.write(`\nadmin page JavaScript, self time (${cpuProfiles.length} profiles, ${(total / 1000 / rows).toFixed(2)} s a row incl. idle):\n`);
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) process.stdout.write(`  ${(ms / rows).toFixed(0).padStart(6)} ms/row  ${k}\n`);
  }
} finally {
  stand.child.kill('SIGTERM');
}
