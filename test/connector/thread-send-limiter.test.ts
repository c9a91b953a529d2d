import { TEAMS_THREAD_WINDOWS, ThreadSendLimiter } from '../../src/connector/thread-send-limiter';
import { flushMicrotasks, ManualClock } from './manual-clock';

function track(limiter: ThreadSendLimiter, clock: ManualClock, thread: string, count: number) {
  const sentAt: number[] = [];
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    void limiter.acquire(thread).then(() => {
      sentAt.push(clock.now());
      order.push(i);
    });
  }
  return { sentAt, order };
}

describe('ThreadSendLimiter with Teams per-thread windows (7 per second, 60 per 30 s, 1,800 per hour)', () => {
  it('lets 7 sends through at once and holds the 8th until the first leaves the 1 s window', async () => {
    const clock = new ManualClock();
    const limiter = new ThreadSendLimiter(TEAMS_THREAD_WINDOWS, clock);
    const { sentAt } = track(limiter, clock, 'thread-a', 8);
    await flushMicrotasks();
    expect(sentAt).toHaveLength(7);
    await clock.advance(999);
    expect(sentAt).toHaveLength(7);
    await clock.advance(1);
    expect(sentAt).toEqual([0, 0, 0, 0, 0, 0, 0, 1000]);
  });

  it('never exceeds 7 in any 1 s or 60 in any 30 s, and keeps arrival order', async () => {
    const clock = new ManualClock();
    const limiter = new ThreadSendLimiter(TEAMS_THREAD_WINDOWS, clock);
    const { sentAt, order } = track(limiter, clock, 'thread-a', 130);
    for (let t = 0; t < 70_000; t += 100) await clock.advance(100);
    expect(sentAt).toHaveLength(130);
    expect(order).toEqual([...Array(130).keys()]);
    for (const start of sentAt) {
      expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(7);
      expect(sentAt.filter((t) => t >= start && t < start + 30_000).length).toBeLessThanOrEqual(60);
    }
    // The 61st send waits for the 30 s window, not just the 1 s one.
    expect(sentAt[60]).toBeGreaterThanOrEqual(30_000);
  });

  it('holds the 1,801st send of an hour until the first leaves the hour window', async () => {
    const clock = new ManualClock();
    const limiter = new ThreadSendLimiter(TEAMS_THREAD_WINDOWS, clock);
    const { sentAt } = track(limiter, clock, 'chatty', 1801);
    await clock.advance(0);
    for (let t = 0; t < 3_599_000; t += 1000) await clock.advance(1000);
    // 60 per 30 s would allow the 1,800 within the first quarter of the hour; the hour window holds the next.
    expect(sentAt).toHaveLength(1800);
    expect(sentAt[1799]).toBeLessThan(900_000);
    await clock.advance(1000);
    expect(sentAt).toHaveLength(1801);
    expect(sentAt[1800]).toBe(3_600_000);
  });

  it('does not make one thread wait for another', async () => {
    const clock = new ManualClock();
    const limiter = new ThreadSendLimiter(TEAMS_THREAD_WINDOWS, clock);
    const busy = track(limiter, clock, 'busy', 20);
    const quiet = track(limiter, clock, 'quiet', 3);
    await flushMicrotasks();
    expect(busy.sentAt).toHaveLength(7);
    expect(quiet.sentAt).toEqual([0, 0, 0]);
  });

  it('forgets threads idle for longer than the longest window', async () => {
    const clock = new ManualClock();
    const limiter = new ThreadSendLimiter([{ limit: 5, windowMs: 1000 }], clock);
    for (let i = 0; i < 999; i++) await limiter.acquire(`thread-${i}`);
    expect(limiter.trackedThreads).toBe(999);
    await clock.advance(1001);
    await limiter.acquire('one-more');
    expect(limiter.trackedThreads).toBe(1);
  });
});
