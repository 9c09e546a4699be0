// `node --import tsx test/bench/heap.ts [rows=300] [concurrency=4] [--gc] [--snap=19,54]`: navbot's
// own memory over a long batch against a stand in a child process. Every 10 s it prints the
// process's RSS, V8 heap (total, used), external and array-buffer memory; `--gc` (run node with
// --expose-gc) makes a full collection before each line, so «used» is what is alive; `--snap=N,…`
// writes a heap snapshot at the N-th line (/tmp/navbot-heap-N.heapsnapshot) to compare in
// DevTools. How the trace-record leak (SharedTrace.dispose) was found: «used» after a full
// collection climbed 104 → 160 → 205 MB over three recycles of the contexts.
import v8 from 'node:v8';
import { executeBatch } from '../../src/cli/batch.js';
import { tempDir, StandClient } from '../e2e/support/navbot.js';
import { benchQueue, benchSettings, startStandProcess } from './setup.js';

const [rows = 300, concurrency = 4] = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const collect = process.argv.includes('--gc') ? (globalThis as { gc?: () => void }).gc : undefined;
const snaps = (process.argv.find((a) => a.startsWith('--snap='))?.slice(7) ?? '').split(',').filter(Boolean).map(Number);
const stand = await startStandProcess();
try {
  await new StandClient(stand.url).reset();
  const dir = tempDir('navbot-heap-');
  const file = await benchQueue(dir, 'q.xlsx', rows, 'H');
  const began = Date.now();
  let line = 0;
  const mb = (n: number) => (n / 2 ** 20).toFixed(0).padStart(5);
  const timer = setInterval(() => {
    collect?.();
    const m = process.memoryUsage();
    line++;
    process.stderr.write(`${String(Math.round((Date.now() - began) / 1000)).padStart(5)} s  rss ${mb(m.rss)}  heap ${mb(m.heapTotal)}  used ${mb(m.heapUsed)}  external ${mb(m.external)}  buffers ${mb(m.arrayBuffers)} MB\n`);
    if (snaps.includes(line)) process.stderr.write(`снимок: ${v8.writeHeapSnapshot(`/tmp/navbot-heap-${line}.heapsnapshot`)}\n`);
  }, 10_000);
  const result = await executeBatch({ file, settings: benchSettings(stand.url, dir, concurrency), mode: 'run', out: () => undefined });
  clearInterval(timer);
  process.stderr.write(`код выхода ${result.exitCode}, ${((Date.now() - began) / 1000).toFixed(0)} с\n`);
} finally {
  stand.child.kill('SIGTERM');
}
