// The scheduler: rows go through p-queue, `concurrency` at a time, each on a worker taken from
// the pool and given back when the row ends. It knows nothing of rows' steps, retries or faults;
// `clear()` (a stop) drops what has not started, and rows in flight finish their current step.
import PQueue from 'p-queue';

export class Scheduler<W> {
  private readonly queue: PQueue;
  private readonly idle: W[];

  constructor(readonly workers: readonly W[]) {
    this.queue = new PQueue({ concurrency: Math.max(1, workers.length) });
    this.idle = [...workers];
  }

  /**
   * Runs `work` for every item on a free worker; resolves when all have ended or were dropped.
   * `work` must not throw: what it throws goes to `onError` (and the worker is still given back).
   */
  async run<T>(items: Iterable<T>, work: (item: T, worker: W) => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    for (const item of items) {
      void this.queue.add(async () => {
        const worker = this.idle.pop();
        if (worker === undefined) throw new Error('scheduler: no free worker (concurrency above the pool)');
        try {
          await work(item, worker);
        } catch (error) {
          onError(error);
        } finally {
          this.idle.push(worker);
        }
      });
    }
    await this.queue.onIdle();
  }

  /** Nothing new starts (a stop, Ctrl+C); rows in flight go on to their own end. */
  clear(): void {
    this.queue.clear();
  }
}
