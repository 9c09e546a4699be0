// `npm run bench`: navbot's speed and memory against the training stand, plus intake, journal
// resume and report figures. A benchmark, not a test: it prints a table and writes
// `$NAVBOT_REPORTS_DIR/bench/<date>.json`. The stand runs in a child process so that navbot's
// own memory (this process plus its browser) is measured alone.
//   npm run bench                 full set (1,000-row memory run takes a while)
//   npm run bench -- --quick      smaller row counts, for a quick look
//   npm run bench -- --memory-rows=100,300   other row counts for the memory runs
//   npm run bench -- --memory-only            only the memory runs (and intake, resume, report)
//   npm run bench -- --speed-only             only the speed runs (and intake, resume, report)
//   npm run bench -- --admin-context=shared   the workers' admin pages as tabs of one context
//   npm run bench -- --switches=none          the browser without navbot's memory savers
//                                             (or a list: no-omnibox-popup,process-per-site,low-end-device)
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { executeBatch } from '../../src/cli/batch.js';
import { EventLog, type RowEndEvent } from '../../src/core/events.js';
import { tempDir, StandClient } from '../e2e/support/navbot.js';
import { benchQueue, benchSettings, startStandProcess, type StandProcess } from './setup.js';
import { benchIntake } from './intake.js';
import { benchResume } from './journal.js';
import { benchReport } from './report.js';
import { chooseLeanSwitches, LEAN_SWITCHES, type LeanSwitch } from '../../src/runner/chromium-flags.js';
import { chooseSharedContexts } from '../../src/runner/browser.js';

const quick = process.argv.includes('--quick');
/** `--memory-rows=100,1000` (default): row counts of the memory runs at C=4. */
const memoryRows = (process.argv.find((a) => a.startsWith('--memory-rows='))?.split('=')[1] ?? (quick ? '20,100' : '100,1000')).split(',').map(Number);
const reportsDir = path.resolve(process.env.NAVBOT_REPORTS_DIR ?? 'reports');
const switchesArg = process.argv.find((a) => a.startsWith('--switches='))?.split('=')[1];
const switches: LeanSwitch[] = switchesArg === undefined ? [...LEAN_SWITCHES] : switchesArg === 'none' ? [] : (switchesArg.split(',').filter((x) => (LEAN_SWITCHES as readonly string[]).includes(x)) as LeanSwitch[]);
chooseLeanSwitches(switches);
const adminContext = process.argv.includes('--admin-context=shared') ? 'shared' : 'per-worker';
chooseSharedContexts(adminContext);

/** Process kinds in a memory figure: navbot itself and the browser's parts. */
type Kind = 'navbot' | 'browser' | 'gpu' | 'renderers' | 'utility' | 'other';

function kindOf(pid: number, root: number): Kind {
  if (pid === root) return 'navbot';
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return 'other';
  }
  if (/--type=renderer/.test(cmd)) return 'renderers';
  if (/--type=gpu-process/.test(cmd)) return 'gpu';
  if (/--type=(utility|zygote)/.test(cmd)) return 'utility';
  if (/chrom|msedge/i.test(cmd)) return 'browser';
  return 'other';
}

/**
 * Memory (MB) of this process and its descendants, leaving out `exclude` and its subtree (Linux
 * /proc), in total and by kind. Chromium's processes share most of their pages, so each is counted
 * by its PSS (its share of shared pages), not RSS, which would count the shared libraries once per
 * process.
 */
function treeMemory(root: number, exclude: number | undefined): { total: number; byKind: Partial<Record<Kind, number>> } {
  if (!existsSync('/proc')) return { total: process.memoryUsage().rss / 2 ** 20, byKind: {} };
  const parents = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parents.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, depth = 0; p > 1 && depth < 50; p = parents.get(p) ?? 0, depth++) {
      if (p === exclude) return false;
      if (p === root) return true;
    }
    return false;
  };
  const byKind: Partial<Record<Kind, number>> = {};
  let kb = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      const k = Number(m?.[1] ?? 0);
      kb += k;
      const kind = kindOf(pid, root);
      byKind[kind] = (byKind[kind] ?? 0) + k / 1024;
    } catch {
      // gone meanwhile
    }
  }
  return { total: kb / 1024, byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(v)])) };
}

interface BatchFigures {
  rows: number;
  concurrency: number;
  latencyMs: number;
  wallS: number;
  perChildS: number;
  /**
   * Seconds a child once the batch runs: from the C-th row's end to the last row's end, over the
   * rows that ended in that span — the completion rate without the browser's start, the login
   * and (mostly: a fast worker may end two rows before a slow one ends its first) each worker's
   * first row. Null when fewer than C + 1 rows ended. (Until 2026-11-27 evening the bench's
   * `steadyPerChildS` was the first start to the last end over all rows: login included.)
   */
  ratePerChildS: number | null;
  /** Requests the stand saw a child over the same span (the login and the first pages left out). */
  rateRequestsPerChild: number | null;
  /** From the batch's start to its first finished row (browser start, login, first row), s. */
  firstRowS: number | null;
  /** Median time one worker spends on a row. */
  medianRowS: number;
  requestsPerChild: number;
  overFloor: number | null;
  /** Peak PSS of navbot and its browser, MB. */
  peakRssMb: number;
  /** The same peak by process: navbot (this process: the bench runs navbot in it), the browser's own process, GPU, renderers, utilities. */
  peakByKind: Partial<Record<Kind, number>>;
  /** Admin logins the stand saw (the workers share one session). */
  logins: number;
  /** The machine's 1-minute load average when the batch ended (other work on the machine slows every figure). */
  load1: number;
  exitCode: number;
}

async function batch(stand: StandProcess, rows: number, concurrency: number, latencyMs: number): Promise<BatchFigures> {
  const client = new StandClient(stand.url);
  await client.reset();
  if (latencyMs > 0) await client.faults([{ match: {}, action: 'latency', ms: latencyMs }]);
  const dir = tempDir('navbot-bench-');
  const file = await benchQueue(dir, 'bench.xlsx', rows, 'B');
  const settings = benchSettings(stand.url, dir, concurrency);
  let peak = { total: 0, byKind: {} as Partial<Record<Kind, number>> };
  const sample = () => {
    const now = treeMemory(process.pid, stand.child.pid);
    if (now.total > peak.total) peak = now;
  };
  const sampler = setInterval(sample, 250);
  const began = performance.now();
  const startedAt = Date.now();
  const result = await executeBatch({ file, settings, mode: 'run', out: () => undefined });
  const wallS = (performance.now() - began) / 1000;
  clearInterval(sampler);
  sample();
  await client.faults([]);
  const log = await client.requests();
  const requests = log.length;
  const logins = log.filter((r) => r.method === 'POST' && r.path === '/api/user/login').length;
  const events = EventLog.read(path.join(result.runDir, 'events.jsonl'));
  const ends = events.filter((e): e is RowEndEvent => e.type === 'row-end');
  const endTimes = ends.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
  const firstEnd = endTimes[0] ?? 0;
  const lastEnd = endTimes.at(-1) ?? 0;
  // The rate once running: from the end of the C-th row (every worker has finished its first row,
  // with the browser's start and the login) to the last row's end, over the rows that ended in it.
  const warm = endTimes[concurrency - 1];
  const settled = warm === undefined ? 0 : endTimes.filter((t) => t > warm).length;
  const rate = warm !== undefined && settled > 0 ? (lastEnd - warm) / 1000 / settled : null;
  const rateRequests = warm === undefined ? 0 : log.filter((r) => Date.parse(r.at) > warm && Date.parse(r.at) <= lastEnd).length;
  const rateRequestsPerChild = rate === null ? null : rateRequests / settled;
  const durations = ends.map((e) => e.ms / 1000).sort((a, b) => a - b);
  const requestsPerChild = requests / rows;
  const perChildS = wallS / rows;
  // The server floor of the same span: its requests, each waited for `latencyMs`, C at a time.
  const floorS = rateRequestsPerChild === null ? 0 : (rateRequestsPerChild * latencyMs) / 1000 / concurrency;
  return {
    rows,
    concurrency,
    latencyMs,
    wallS: round(wallS),
    perChildS: round(perChildS),
    ratePerChildS: rate === null ? null : round(rate),
    rateRequestsPerChild: rateRequestsPerChild === null ? null : round(rateRequestsPerChild, 1),
    firstRowS: endTimes.length > 0 ? round((firstEnd - startedAt) / 1000) : null,
    medianRowS: round(durations[Math.floor(durations.length / 2)] ?? 0),
    requestsPerChild: round(requestsPerChild, 1),
    overFloor: latencyMs > 0 && rate !== null && floorS > 0 ? round(rate / floorS) : null,
    peakRssMb: Math.round(peak.total),
    peakByKind: peak.byKind,
    logins,
    load1: round(os.loadavg()[0] ?? 0, 1),
    exitCode: result.exitCode,
  };
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const stand = await startStandProcess();
  const figures: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverage: os.loadavg().map((l) => round(l, 1)) },
    browserSwitches: switches,
    adminContext,
  };
  const outDir = path.join(reportsDir, 'bench');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
  // Written after every measurement, so a long bench stopped midway still leaves its figures.
  const save = () => writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  try {
    const speed: BatchFigures[] = [];
    for (const latency of process.argv.includes('--memory-only') ? [] : [0, 300]) {
      for (const c of [1, 2, 4]) {
        // Eight rows a worker: the first row of each (browser start, login) weighs little.
        const rows = (quick ? 2 : 8) * c;
        const f = await batch(stand, rows, c, latency);
        speed.push(f);
        figures.speed = speed;
        save();
        process.stderr.write(`скорость: C=${c}, задержка ${latency} мс: ${f.perChildS} с/ребёнок\n`);
      }
    }
    figures.speed = speed;
    const at = (c: number, l: number) => speed.find((s) => s.concurrency === c && s.latencyMs === l);
    const ratio = (l: number) => {
      const one = at(1, l)?.ratePerChildS;
      const four = at(4, l)?.ratePerChildS;
      return one && four ? round(one / four) : null;
    };
    figures.rateC4overC1 = ratio(300);
    figures.rateC4overC1NoLatency = ratio(0);
    const memory: BatchFigures[] = [];
    for (const rows of process.argv.includes('--speed-only') ? [] : memoryRows) {
      const f = await batch(stand, rows, 4, 0);
      memory.push(f);
      figures.memory = memory;
      save();
      process.stderr.write(`память: ${rows} строк, C=4: пик ${f.peakRssMb} МБ\n`);
    }
    figures.memory = memory;
    // The target: the longest queue's peak within 10 % of the shortest's (navbot must not grow with the rows).
    if (memory.length > 1) figures.memoryGrowth = round(memory.at(-1)!.peakRssMb / memory[0]!.peakRssMb - 1, 3);
  } finally {
    stand.child.kill('SIGTERM');
  }
  // The browser-free figures last: their allocations would count in this process's memory above.
  figures.intake = await benchIntake(10_000);
  figures.resume = await benchResume(10_000);
  figures.report = await benchReport(1000);
  save();
  // «с/ребёнок»: the whole batch over its rows; «в потоке»: the rate once running (each worker's first row left out).
  process.stdout.write('\nC  задержка  строк  с/ребёнок  в потоке  первая строка  строка (медиана)  запросов/ребёнок (в потоке)  к полу  пик памяти МБ (PSS)\n');
  for (const f of [...(figures.speed as BatchFigures[]), ...(figures.memory as BatchFigures[])]) {
    process.stdout.write(
      `${f.concurrency}  ${String(f.latencyMs).padStart(8)}  ${String(f.rows).padStart(5)}  ${String(f.perChildS).padStart(9)}  ${String(f.ratePerChildS ?? '—').padStart(8)}  ${String(f.firstRowS ?? '—').padStart(13)}  ${String(f.medianRowS).padStart(16)}  ${`${f.requestsPerChild} (${f.rateRequestsPerChild ?? '—'})`.padStart(27)}  ${String(f.overFloor ?? '—').padStart(6)}  ${String(f.peakRssMb).padStart(10)}\n`,
    );
  }
  process.stdout.write('\nпик памяти по процессам, МБ (navbot = процесс бенча, в нём работает navbot):\n');
  for (const f of [...(figures.speed as BatchFigures[]), ...(figures.memory as BatchFigures[])]) {
    process.stdout.write(`  C=${f.concurrency} ${f.latencyMs} мс, ${f.rows} строк: ${JSON.stringify(f.peakByKind)}; входов в админ-панель: ${f.logins}; loadavg ${f.load1}\n`);
  }
  process.stdout.write(`нагрузка машины (loadavg) в начале: ${JSON.stringify((figures.machine as { loadAverage: number[] }).loadAverage)}\n`);
  process.stdout.write(`\nC=4 / C=1 в потоке (300 мс): ${String(figures.rateC4overC1)}×; без задержки: ${String(figures.rateC4overC1NoLatency)}×\n`);
  if (typeof figures.memoryGrowth === 'number') {
    const m = figures.memory as BatchFigures[];
    process.stdout.write(`Рост пика памяти ${m[0]!.rows} → ${m.at(-1)!.rows} строк: ${figures.memoryGrowth >= 0 ? '+' : ''}${Math.round(figures.memoryGrowth * 100)} % (цель — не больше 10 %)\n`);
  }
  process.stdout.write(`Очередь 10 000 строк: ${JSON.stringify(figures.intake)}\n`);
  process.stdout.write(`Возобновление по журналу 10 000 записей: ${JSON.stringify(figures.resume)}\n`);
  process.stdout.write(`Отчёт на 1 000 строк: ${JSON.stringify(figures.report)}\n`);
  process.stdout.write(`\nЗаписано: ${file}\n`);
}

await main();
