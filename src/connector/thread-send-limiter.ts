export interface SendWindow {
  limit: number;
  windowMs: number;
}

/** Teams' documented per-thread limits for a bot's messages: 7 per second and 60 per 30 seconds. */
export const TEAMS_THREAD_WINDOWS: SendWindow[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 60, windowMs: 30_000 },
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
    const inWindow = sentAt.filter((t) => t > now - window.windowMs);
    if (inWindow.length < window.limit) return 0;
    // The oldest send that must leave the window before one more fits.
    return inWindow[inWindow.length - window.limit] + window.windowMs - now;
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
