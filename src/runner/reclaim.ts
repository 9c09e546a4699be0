// navbot's own heap after a browser context closes. The in-process Playwright driver keeps an
// object for every request, response and route of a context until the context closes (about
// 0.2 MB a row), and V8 collects the old generation lazily: without a nudge the heap of a long
// batch grew with the rows (the bench: the navbot process 406 MB after 100 rows at C=4, 1,151 MB
// after 1,000) although what was alive stayed near 100–160 MB (measured with a full collection
// every 10 s). A full collection right after a recycle — the moment the most has just become
// garbage — keeps the heap near what is alive. About 50–150 ms every NAVBOT_RECYCLE_ROWS rows a
// worker.
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

/** A full garbage collection, where the runtime allows one to be asked for; else nothing. */
export function reclaimHeap(): void {
  if (collect === undefined) {
    try {
      // `gc` exists only with --expose-gc; the flag set now applies to contexts made after it.
      if (typeof (globalThis as { gc?: unknown }).gc === 'function') collect = (globalThis as unknown as { gc: () => void }).gc;
      else {
        v8.setFlagsFromString('--expose-gc');
        collect = vm.runInNewContext('gc') as () => void;
      }
    } catch {
      collect = null;
    }
  }
  collect?.();
}
