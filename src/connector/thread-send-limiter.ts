export interface SendWindow {
  limit: number;
  windowMs: number;
}

/** Teams' per-thread limits for a bot's messages: about 7 per second, 60 per 30 seconds, 1,800 per hour. */
export const TEAMS_THREAD_WINDOWS: SendWindow[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface ThreadState {
  sentAt: number[];
  tail: Promise<void>;
  waiting: number;
}

const SWEEP_EVERY = 1000;

/**
 * Sliding-window limiter per conversation thread. Sends of one thread wait in arrival order (FIFO), so replies
 * keep their order; threads never wait for each other.
 */
export class ThreadSendLimiter {
  private readonly threads = new Map<string, ThreadState>();
  private readonly longestWindowMs: number;
  private acquiredSinceSweep = 0;

  constructor(
    private readonly windows: SendWindow[] = TEAMS_THREAD_WINDOWS,
    private readonly clock: Clock = realClock,
  ) {
    this.longestWindowMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /** Resolves when one more send to this thread stays within every window; counts that send. */
  acquire(threadId: string): Promise<void> {
    let state = this.threads.get(threadId);
    if (!state) {
      state = { sentAt: [], tail: Promise.resolve(), waiting: 0 };
      this.threads.set(threadId, state);
    }
    const thread = state;
    thread.waiting++;
    const turn = thread.tail.then(() => this.waitForSlot(thread)).finally(() => thread.waiting--);
    thread.tail = turn.catch(() => undefined);
    if (++this.acquiredSinceSweep >= SWEEP_EVERY) this.sweep();
    return turn;
  }

  /** Threads currently remembered (for tests: idle threads are forgotten). */
  get trackedThreads(): number {
    return this.threads.size;
  }

  private async waitForSlot(thread: ThreadState): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (thread.sentAt.length > 0 && thread.sentAt[0] <= now - this.longestWindowMs) thread.sentAt.shift();
      const waitMs = Math.max(0, ...this.windows.map((w) => this.waitWithin(w, thread.sentAt, now)));
      if (waitMs === 0) {
        thread.sentAt.push(now);
        return;
      }
      await this.clock.sleep(waitMs);
    }
  }

  private waitWithin(window: SendWindow, sentAt: number[], now: number): number {
    // sentAt is in time order: the sends inside the window are the tail from the first one newer than its start.
    const inWindow = sentAt.length - firstAfter(sentAt, now - window.windowMs);
    if (inWindow < window.limit) return 0;
    // The send that must leave the window before one more fits.
    return sentAt[sentAt.length - window.limit] + window.windowMs - now;
  }

  private sweep(): void {
    this.acquiredSinceSweep = 0;
    const cutoff = this.clock.now() - this.longestWindowMs;
    for (const [id, thread] of this.threads) {
      const last = thread.sentAt[thread.sentAt.length - 1] ?? -Infinity;
      if (thread.waiting === 0 && last <= cutoff) this.threads.delete(id);
    }
  }
}

/** Index of the first element greater than `t` in an ascending array (its length when there is none). */
function firstAfter(sorted: number[], t: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] > t) high = mid;
    else low = mid + 1;
  }
  return low;
}
