import type { Clock } from '../../src/connector/thread-send-limiter';

/** A clock that moves only when the test says so; sleepers wake in time order. */
export class ManualClock implements Clock {
  private time = 0;
  private sleepers: { until: number; wake: () => void }[] = [];

  now = () => this.time;

  sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      this.sleepers.push({ until: this.time + ms, wake: resolve });
    });

  /** Moves time forward, waking each sleeper due on the way and letting its continuation run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flushMicrotasks();
      this.sleepers.sort((a, b) => a.until - b.until);
      const next = this.sleepers[0];
      if (!next || next.until > target) break;
      this.sleepers.shift();
      this.time = Math.max(this.time, next.until);
      next.wake();
    }
    this.time = target;
    await flushMicrotasks();
  }
}

/** Lets every pending promise continuation run (a macrotask turn drains the microtask queue). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
