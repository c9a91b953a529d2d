import type { Storage, StoreItem } from 'botbuilder';
import { isConditionalStorage } from './conditional-storage';
import { isConflictError, StorageConflictError } from './errors';
import { KeyedMutex } from './keyed-mutex';

export interface UpdateItemOptions {
  /** Reads and writes before giving up under contention (default 40). */
  maxAttempts?: number;
  /** First backoff ceiling; doubles per attempt up to `maxDelayMs` (defaults 5 ms and 250 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Read-modify-write of one item with optimistic concurrency: reads it with its eTag, applies `mutate`,
 * and writes only if nobody changed (created, or deleted) it meanwhile; otherwise waits a random,
 * growing while and starts over from a fresh read, so concurrent updates never lose each other.
 * Within this process, updates of the same key through the same storage object run one at a time.
 *
 * `mutate` gets a private copy of the current value (undefined if absent) and returns the new value,
 * or undefined to leave the item as it is. It may throw (e.g. a domain error) to abort without writing;
 * it may run several times, so it must not have side effects.
 * Returns the value now stored (without its eTag), or undefined if there is none.
 */
export function updateItem<T extends object>(
  storage: Storage,
  key: string,
  mutate: (current: T | undefined) => T | undefined,
  options: UpdateItemOptions = {},
): Promise<T | undefined> {
  // Updates of one key through one storage object take turns, so within a process they never collide
  // and eTag retries are left for other processes (or other storage objects) writing the same item.
  let queue = queues.get(storage);
  if (!queue) {
    queue = new KeyedMutex();
    queues.set(storage, queue);
  }
  return queue.run(key, () => updateWithRetries(storage, key, mutate, options));
}

const queues = new WeakMap<Storage, KeyedMutex>();

async function updateWithRetries<T extends object>(
  storage: Storage,
  key: string,
  mutate: (current: T | undefined) => T | undefined,
  options: UpdateItemOptions,
): Promise<T | undefined> {
  const { maxAttempts = 40, baseDelayMs = 5, maxDelayMs = 250 } = options;
  for (let attempt = 1; ; attempt++) {
    const stored: StoreItem | undefined = (await storage.read([key]))[key];
    const eTag = stored?.eTag as string | undefined;
    const current = stored ? (withoutETag(stored) as T) : undefined;
    const next = mutate(current === undefined ? undefined : structuredClone(current));
    if (next === undefined) return current;

    try {
      const item: StoreItem = { ...withoutETag(next) };
      if (stored === undefined && isConditionalStorage(storage)) {
        await storage.writeIfAbsent(key, item);
      } else {
        // Without an eTag (a plain botbuilder Storage creating, or a store that keeps none) this overwrites.
        await storage.write({ [key]: eTag === undefined ? item : { ...item, eTag } });
      }
      return withoutETag(next) as T;
    } catch (error) {
      if (!isConflictError(error)) throw error;
      if (attempt >= maxAttempts) {
        throw new StorageConflictError(
          key,
          `Could not save "${key}": it kept changing under ${maxAttempts} concurrent attempts. Please retry.`,
        );
      }
    }
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 16));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
}

function withoutETag(value: object): object {
  const { eTag: _eTag, ...rest } = value as StoreItem;
  return rest;
}
