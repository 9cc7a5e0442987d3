/**
 * Concurrency pools: at most `limits[resource]` jobs in flight per resource (e.g. per provider),
 * and at most `total` overall. Jobs wait in FIFO order within their resource.
 */
export class Limiter {
  private readonly inFlight = new Map<string, number>();
  private readonly queues = new Map<string, { jobs: (() => void)[]; head: number }>();
  private running = 0;

  constructor(
    private readonly total: number,
    private readonly limits: Readonly<Record<string, number>>,
  ) {}

  /** Queues `start` to be called once its resource and the total pool have room. */
  enqueue(resource: string, start: () => void): void {
    let queue = this.queues.get(resource);
    if (!queue) this.queues.set(resource, (queue = { jobs: [], head: 0 }));
    queue.jobs.push(start);
    this.pump();
  }

  /**
   * Waits for a slot in `resource`'s pool; resolves with the function that frees it. Rejects with
   * the signal's reason, holding nothing, when the signal aborts first.
   */
  acquire(resource: string, signal: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      this.enqueue(resource, () => {
        if (signal.aborted) {
          this.release(resource);
          reject(signal.reason);
        } else resolve(() => this.release(resource));
      });
    });
  }

  /** Frees the slot a finished job held. */
  release(resource: string): void {
    this.inFlight.set(resource, this.inFlight.get(resource)! - 1);
    this.running--;
    this.pump();
  }

  private pump(): void {
    let started = true;
    while (started && this.running < this.total) {
      started = false;
      for (const [resource, queue] of this.queues) {
        if (queue.head === queue.jobs.length || this.running >= this.total) continue;
        const busy = this.inFlight.get(resource) ?? 0;
        if (busy >= (this.limits[resource] ?? Infinity)) continue;
        this.inFlight.set(resource, busy + 1);
        this.running++;
        started = true;
        const job = queue.jobs[queue.head++];
        if (queue.head === queue.jobs.length) {
          queue.jobs.length = 0;
          queue.head = 0;
        }
        job();
      }
    }
  }
}
