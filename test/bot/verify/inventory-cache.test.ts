import type { Inventory } from '../../../src/network/model';
import {
  BackgroundTasks,
  subscriptionSetKey,
  InventoryCache,
  VerifyRateLimitedError,
} from '../../../src/bot/verify/inventory-cache';

const A = '6F1E2D3C-4B5A-4C6D-8E7F-0A1B2C3D4E5F';
const B = '11111111-2222-4333-8444-555555555555';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const inventory = (tag: string) => ({ tag }) as unknown as Inventory;

describe('InventoryCache', () => {
  it('keys a subscription set by its sorted, lower-cased, distinct ids', () => {
    expect(subscriptionSetKey([A, B])).toBe(subscriptionSetKey([` ${B.toUpperCase()}`, A.toLowerCase(), A]));
    expect(subscriptionSetKey([A])).not.toBe(subscriptionSetKey([A, B]));
  });

  it('never serves one partition what another read: each person, and each tenant of the bot, reads for itself', async () => {
    let reads = 0;
    const read = jest.fn(async (): Promise<Inventory> => inventory(`read ${++reads}`));
    const cache = new InventoryCache({ read });
    const alice = { partition: 'person:t1:alice', credential: { getToken: async () => null } };
    const bob = { partition: 'person:t1:bob', credential: { getToken: async () => null } };
    const first = cache.request([A], { as: alice });
    const joinedByBob = cache.request([A], { as: bob });
    expect([first.source, joinedByBob.source]).toEqual(['started', 'started']);
    expect(await first.inventory).not.toBe(await joinedByBob.inventory);
    expect(cache.request([A], { as: alice }).source).toBe('cached');
    expect(cache.request([A], { as: { partition: 'tenant:t2' } }).source).toBe('started');
    expect(cache.request([A], { as: { partition: 'tenant:t1' } }).source).toBe('started');
    // each person's read went out with their own credential; the bot's without one
    expect(read.mock.calls.map((call) => (call as unknown[])[1])).toEqual([
      alice.credential,
      bob.credential,
      undefined,
      undefined,
    ]);
  });

  it("a partition's failed read makes only that partition wait", async () => {
    const read = jest.fn(async (): Promise<Inventory> => {
      throw new Error('403');
    });
    const cache = new InventoryCache({ read });
    await expect(cache.request([A], { as: { partition: 'person:t1:bob' } }).inventory).rejects.toThrow('403');
    expect(() => cache.request([A], { as: { partition: 'person:t1:bob' } })).toThrow(VerifyRateLimitedError);
    expect(cache.request([A], { as: { partition: 'person:t1:alice' } }).source).toBe('started');
  });

  it('shares one read between concurrent requests for the same set (single-flight)', async () => {
    const pending = deferred<Inventory>();
    const read = jest.fn(() => pending.promise);
    const cache = new InventoryCache({ read });
    const first = cache.request([A, B]);
    const second = cache.request([B.toLowerCase(), A]);
    expect([first.source, second.source]).toEqual(['started', 'joined']);
    pending.resolve(inventory('one'));
    expect(await second.inventory).toBe(await first.inventory);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith([A.toLowerCase(), B.toLowerCase()].sort());
  });

  it('reuses a finished read until the TTL passes, and reads anew when asked to (fresh)', async () => {
    let now = 1_000;
    let reads = 0;
    const read = jest.fn(async (): Promise<Inventory> => inventory(`read ${++reads}`));
    const cache = new InventoryCache({ read, cacheTtlMs: 60_000, now: () => now });
    await cache.request([A]).inventory;
    now += 59_000;
    const hit = cache.request([A]);
    expect(hit.source).toBe('cached');
    expect(hit.startedAt).toBe(1_000);
    expect(read).toHaveBeenCalledTimes(1);
    now += 2_000;
    expect(cache.request([A]).source).toBe('started');
    await cache.request([A]).inventory;
    expect(read).toHaveBeenCalledTimes(2);
    now += 30_000;
    expect(cache.request([A], { fresh: true }).source).toBe('started');
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('allows one live read per subscription set and per user in 30 s', async () => {
    let now = 0;
    const read = jest.fn(async (): Promise<Inventory> => inventory('read'));
    const cache = new InventoryCache({ read, now: () => now });
    await cache.request([A], { user: 'alice' }).inventory;
    now += 10_000;
    // "Check again" right after a read gets that read, for anyone.
    expect(cache.request([A], { fresh: true, user: 'bob' }).source).toBe('cached');
    // Alice may not start a read of other subscriptions yet; Bob may.
    expect(() => cache.request([B], { user: 'alice' })).toThrow(VerifyRateLimitedError);
    expect(() => cache.request([B], { user: 'alice' })).toThrow('Start the next one in 20 s');
    expect(cache.request([B], { user: 'bob' }).source).toBe('started');
    // A shared or cached result costs nothing.
    expect(cache.request([B], { user: 'alice' }).source).toBe('joined');
    now += 20_000;
    expect(cache.request([A], { fresh: true, user: 'alice' }).source).toBe('started');
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('counts a failed read against its user, and waits twice as long after each failure in a row', async () => {
    let now = 0;
    const read = jest.fn(async (ids: string[]): Promise<Inventory> => {
      if (ids[0] === A.toLowerCase()) throw new Error('SubscriptionNotFound');
      return inventory('read');
    });
    const cache = new InventoryCache({ read, now: () => now, minLiveIntervalMs: 30_000 });
    const failAt = async (at: number) => {
      now = at;
      await expect(cache.request([A], { user: 'alice' }).inventory).rejects.toThrow('SubscriptionNotFound');
    };
    await failAt(0);
    now = 59_000;
    expect(() => cache.request([B], { user: 'alice' })).toThrow(
      expect.objectContaining({ reason: 'user-failed', failures: 1, retryAfterMs: 1_000 }),
    );
    await failAt(60_000);
    now = 60_000 + 119_000;
    expect(() => cache.request([B], { user: 'alice' })).toThrow(/Your last check failed \(2 times in a row\)/);
    now = 60_000 + 120_000;
    expect(cache.request([B], { user: 'alice' }).source).toBe('started');
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('caps the wait after many failures at ten minutes', async () => {
    let now = 0;
    const cache = new InventoryCache({
      read: async () => {
        throw new Error('AuthorizationFailed');
      },
      now: () => now,
      minLiveIntervalMs: 30_000,
    });
    for (let i = 0; i < 8; i++) {
      await expect(cache.request([A], { user: 'alice' }).inventory).rejects.toThrow();
      now += 10 * 60_000;
    }
    now -= 1_000;
    expect(() => cache.request([A], { user: 'alice' })).toThrow(expect.objectContaining({ retryAfterMs: 1_000 }));
  });

  it('a fresh request still joins a read in flight instead of starting a second one', () => {
    const read = jest.fn(() => new Promise<Inventory>(() => undefined));
    const cache = new InventoryCache({ read });
    cache.request([A]);
    expect(cache.request([A], { fresh: true }).source).toBe('joined');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('does not reuse a failed read, but holds its subscription set back (for anyone) for the interval', async () => {
    let now = 0;
    const pending = deferred<Inventory>();
    const read = jest.fn().mockReturnValueOnce(pending.promise).mockResolvedValueOnce(inventory('ok'));
    const cache = new InventoryCache({ read, now: () => now });
    const first = cache.request([A]);
    const joined = cache.request([A]);
    pending.reject(new Error('throttled'));
    await expect(first.inventory).rejects.toThrow('throttled');
    await expect(joined.inventory).rejects.toThrow('throttled');
    now = 29_000;
    expect(() => cache.request([A], { user: 'someone-else' })).toThrow(
      expect.objectContaining({ reason: 'set-failed', failures: 1, retryAfterMs: 1_000 }),
    );
    now = 30_000;
    const retry = cache.request([A]);
    expect(retry.source).toBe('started');
    await expect(retry.inventory).resolves.toEqual(inventory('ok'));
  });

  it('a reader that throws synchronously fails the ticket, not the caller', async () => {
    const cache = new InventoryCache({
      read: () => {
        throw new Error('boom');
      },
    });
    await expect(cache.request([A]).inventory).rejects.toThrow('boom');
  });

  it('keeps at most maxCachedSets inventories, dropping the oldest', async () => {
    const read = jest.fn(async (ids: string[]) => inventory(ids.join()));
    const cache = new InventoryCache({ read, maxCachedSets: 1 });
    await cache.request([A]).inventory;
    await cache.request([B]).inventory;
    expect(cache.request([B]).source).toBe('cached');
    expect(cache.request([A]).source).toBe('started');
  });
});

describe('BackgroundTasks', () => {
  it('idle() waits for every task, including one started by another task; errors go to onError', async () => {
    const tasks = new BackgroundTasks();
    const done: string[] = [];
    const errors: unknown[] = [];
    tasks.run(async () => {
      await new Promise((r) => setTimeout(r, 10));
      done.push('first');
      tasks.run(async () => {
        await new Promise((r) => setTimeout(r, 10));
        done.push('second');
      }, errors.push.bind(errors));
    }, errors.push.bind(errors));
    tasks.run(
      async () => {
        throw new Error('x');
      },
      (e) => errors.push(e),
    );
    await tasks.idle();
    expect(done).toEqual(['first', 'second']);
    expect(errors).toHaveLength(1);
  });
});
