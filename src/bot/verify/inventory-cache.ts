import type { TokenCredential } from '@azure/identity';
import type { Inventory } from '../../network/model';

/**
 * Reads the network inventory of a set of subscriptions (live Azure in the bot, a fake in tests): with `credential`
 * (a signed-in person's), else with the bot's own identity.
 */
export type InventoryReader = (subscriptionIds: string[], credential?: TokenCredential) => Promise<Inventory>;

/**
 * Whose reads a request shares: `partition` names them (the tenant for the bot's identity, the tenant and person for a
 * signed-in person), and nothing read for one partition is ever served to another. `credential` reads as that person.
 */
export interface ReadAs {
  partition: string;
  credential?: TokenCredential;
}

export interface InventoryCacheOptions {
  read: InventoryReader;
  /** How long a read inventory is reused for the same subscription set (default 5 minutes). */
  cacheTtlMs?: number;
  /** Inventories kept at most; the oldest goes first (default 20: a large subscription's inventory is big). */
  maxCachedSets?: number;
  /**
   * At most one live read per subscription set and one per user in this window (default 30 s): a "Check again"
   * inside it gets the last result, and a user starting reads of other subscriptions is asked to wait.
   */
  minLiveIntervalMs?: number;
  now?: () => number;
}

/**
 * Why a live read may not start yet: the user started one moments ago (`recent-read`), the user's last reads failed
 * (`user-failed`), or the last reads of these subscriptions failed (`set-failed`); `failures` in a row.
 */
export type RateLimitReason = 'recent-read' | 'user-failed' | 'set-failed';

/** A live read was asked for too soon. */
export class VerifyRateLimitedError extends Error {
  override readonly name = 'VerifyRateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    readonly reason: RateLimitReason = 'recent-read',
    readonly failures = 0,
  ) {
    const wait = `${Math.ceil(retryAfterMs / 1000)} s`;
    const inARow = failures > 1 ? ` (${failures} times in a row)` : '';
    super(
      reason === 'recent-read'
        ? `You started a check of other subscriptions less than a minute ago. Start the next one in ${wait}.`
        : reason === 'user-failed'
          ? `Your last check failed${inARow}, so the next one waits longer: start it in ${wait}.`
          : `The last check of these subscriptions failed${inARow}, so the next one waits longer: start it in ${wait}.`,
    );
  }
}

/**
 * How a request got its inventory: `cached` (read within the TTL), `started` (this request started the read),
 * `joined` (a read of the same subscription set was already running and is shared).
 */
export type InventorySource = 'cached' | 'started' | 'joined';

export interface InventoryTicket {
  /** The subscription set, sorted and lower-cased. */
  key: string;
  /** Whose reads it shares (ReadAs.partition; '' when the request named none). */
  partition: string;
  source: InventorySource;
  /** When the shared read started (epoch ms): the age of a cached result, or how long a joined read has run. */
  startedAt: number;
  /** Resolves with the inventory, or rejects with the reader's error (AzureReadError for live Azure). */
  inventory: Promise<Inventory>;
}

interface Entry {
  startedAt: number;
  inventory: Promise<Inventory>;
  /** Set once the read has succeeded; only finished, successful reads are served from the cache. */
  readAt?: number;
}

export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
export const DEFAULT_MIN_LIVE_INTERVAL_MS = 30_000;
/** The longest wait failures build up to (unless the interval itself is longer). */
export const MAX_FAILURE_BACKOFF_MS = 10 * 60_000;

/** The wait after `failures` failed reads in a row: the interval, doubled per failure, capped. */
function backoffMs(intervalMs: number, failures: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * 2 ** failures, MAX_FAILURE_BACKOFF_MS));
}

/** When someone (a user, or a subscription set) last started a live read, and how many failed in a row since. */
interface ReadHistory {
  at: number;
  failures: number;
}

/** The cache key of a subscription set: order and case do not make a different set. */
export function subscriptionSetKey(subscriptionIds: readonly string[]): string {
  return [...new Set(subscriptionIds.map((id) => id.trim().toLowerCase()))].sort().join(',');
}

/**
 * Reads inventories for the bot: one read per subscription set at a time (single-flight), and a successful
 * read reused for a few minutes. A failed read counts too: it is not reused, but its user and its subscription
 * set wait before the next live read, longer after each failure in a row (so a refused read cannot be repeated
 * at will against Azure with the bot's identity).
 */
export class InventoryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly read: InventoryReader;
  private readonly ttlMs: number;
  private readonly maxCachedSets: number;
  private readonly minLiveIntervalMs: number;
  private readonly lastLiveReadByUser = new Map<string, ReadHistory>();
  /** Subscription sets whose last live read failed. */
  private readonly failedSets = new Map<string, ReadHistory>();
  private readonly now: () => number;

  constructor(options: InventoryCacheOptions) {
    this.read = options.read;
    this.ttlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.maxCachedSets = options.maxCachedSets ?? 20;
    this.minLiveIntervalMs = options.minLiveIntervalMs ?? DEFAULT_MIN_LIVE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * `fresh` skips a cached inventory (the user asked to check again) unless it was read within the live-read
   * interval; a read in flight is always shared. Starting a live read counts against `user` (hashed or raw id),
   * who may start one per interval: otherwise VerifyRateLimitedError.
   */
  request(
    subscriptionIds: readonly string[],
    options: { fresh?: boolean; user?: string; as?: ReadAs } = {},
  ): InventoryTicket {
    const setKey = subscriptionSetKey(subscriptionIds);
    const partition = options.as?.partition ?? '';
    // A newline cannot be in a subscription id or a partition's tenant and user ids: the two parts never run together.
    const key = `${partition}\n${setKey}`;
    const ticket = (source: InventorySource, entry: Entry): InventoryTicket => ({
      key: setKey,
      partition,
      source,
      startedAt: entry.startedAt,
      inventory: entry.inventory,
    });
    const now = this.now();
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.readAt === undefined) return ticket('joined', existing);
      const age = now - existing.readAt;
      const tooSoonForFresh = now - existing.startedAt < this.minLiveIntervalMs;
      if (age < this.ttlMs && (!options.fresh || tooSoonForFresh)) return ticket('cached', existing);
    }
    const setFailed = this.failedSets.get(key);
    if (setFailed !== undefined) {
      const wait = backoffMs(this.minLiveIntervalMs, setFailed.failures - 1) - (now - setFailed.at);
      if (wait > 0) throw new VerifyRateLimitedError(wait, 'set-failed', setFailed.failures);
    }
    if (options.user !== undefined) {
      const last = this.lastLiveReadByUser.get(options.user);
      const wait = last ? backoffMs(this.minLiveIntervalMs, last.failures) - (now - last.at) : 0;
      if (last !== undefined && wait > 0) {
        throw new VerifyRateLimitedError(wait, last.failures > 0 ? 'user-failed' : 'recent-read', last.failures);
      }
      this.lastLiveReadByUser.set(options.user, { at: now, failures: last?.failures ?? 0 });
      this.forgetOldHistory(now);
    }
    this.entries.delete(key);
    return ticket('started', this.start(key, setKey, options.user, options.as?.credential));
  }

  /** Histories whose wait has passed are dropped, failures after the longest backoff (so failures in a row add up). */
  private forgetOldHistory(now: number): void {
    const longest = backoffMs(this.minLiveIntervalMs, Number.POSITIVE_INFINITY);
    for (const [user, last] of this.lastLiveReadByUser) {
      if (now - last.at >= (last.failures > 0 ? longest : this.minLiveIntervalMs)) this.lastLiveReadByUser.delete(user);
    }
    for (const [key, failed] of this.failedSets) if (now - failed.at >= longest) this.failedSets.delete(key);
  }

  private start(key: string, setKey: string, user?: string, credential?: TokenCredential): Entry {
    const startedAt = this.now();
    const ids = setKey.split(',');
    // The executor runs the reader now; a reader that throws synchronously rejects the promise instead.
    // The credential lives only as long as this read: the entry keeps the inventory, never the credential.
    const inventory = new Promise<Inventory>((resolve) =>
      resolve(credential ? this.read(ids, credential) : this.read(ids)),
    ).then(
      (read) => {
        entry.readAt = this.now();
        this.evictBeyondLimit();
        this.failedSets.delete(key);
        const last = user === undefined ? undefined : this.lastLiveReadByUser.get(user);
        if (last?.at === startedAt) last.failures = 0;
        return read;
      },
      (error: unknown) => {
        // Not reused, but counted: the set and the user who started the read wait longer before the next one.
        if (this.entries.get(key) === entry) this.entries.delete(key);
        const failedAt = this.now();
        this.failedSets.set(key, { at: failedAt, failures: (this.failedSets.get(key)?.failures ?? 0) + 1 });
        const last = user === undefined ? undefined : this.lastLiveReadByUser.get(user);
        if (last?.at === startedAt) {
          last.failures += 1;
          last.at = failedAt;
        }
        throw error;
      },
    );
    // The ticket holders handle the rejection; this keeps an unobserved one from crashing the process.
    inventory.catch(() => undefined);
    const entry: Entry = { startedAt, inventory };
    this.entries.set(key, entry);
    return entry;
  }

  private evictBeyondLimit(): void {
    const finished = [...this.entries.entries()].filter(([, e]) => e.readAt !== undefined);
    finished.sort(([, a], [, b]) => (a.readAt ?? 0) - (b.readAt ?? 0));
    while (finished.length > this.maxCachedSets) this.entries.delete(finished.shift()![0]);
  }
}

/** Work that runs after the turn has answered; tests (and a graceful stop) wait for it with `idle()`. */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  run(task: () => Promise<void>, onError: (error: unknown) => void): void {
    const p: Promise<void> = task()
      .catch(onError)
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
