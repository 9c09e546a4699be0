// navbot's own heap after a browser context closes. The in-process Playwright driver keeps an
// object for every routed request, response and call of a context until the context closes, and
// V8 collects the old generation lazily: the heap of a C=4 batch rose by ~100 MB between two
// recycles of the contexts, though what stayed alive after a recycle was ~100 MB (measured with
// a full collection every 10 s). A full collection right after a recycle, the moment the most
// has just become garbage, keeps navbot's process at 240–300 MB RSS over a 330-row C=4 batch
// instead of a saw-tooth up to ~350 MB; it costs ~50–150 ms every NAVBOT_RECYCLE_ROWS rows a worker.
// (The growth that did not come back — Playwright's record of calls for traces never stopped —
// is fixed where traces stop: SharedTrace.dispose.)
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

/** A full garbage collection, where the runtime allows one to be asked for; else nothing. */
export function reclaimHeap(): void {
  if (collect === undefined) {
    try {
      // `gc` exists with --expose-gc; otherwise the flag, set now, gives it to a context made after.
      const own = (globalThis as { gc?: () => void }).gc;
      if (!own) v8.setFlagsFromString('--expose-gc');
      collect = own ?? (vm.runInNewContext('gc') as () => void);
    } catch {
      collect = null;
    }
  }
  collect?.();
}
