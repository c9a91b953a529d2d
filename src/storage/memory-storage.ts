import { randomUUID } from 'node:crypto';
import type { StoreItem, StoreItems } from 'botbuilder';
import { type ConditionalStorage, isConcreteETag } from './conditional-storage';
import { StorageConflictError } from './errors';

/**
 * In-process storage for tests, with the same eTag rules as the file and blob storages: a concrete
 * eTag must match the stored item (a missing item never matches), '*' or none overwrites.
 * Items are kept as JSON so callers never share objects with the store.
 */
export class InMemoryStorage implements ConditionalStorage {
  private readonly items = new Map<string, string>();

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const json = this.items.get(key);
      if (json !== undefined) found[key] = JSON.parse(json) as StoreItem;
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const key of Object.keys(changes)) this.checkETag(key, changes[key]);
    for (const [key, item] of Object.entries(changes)) this.save(key, item);
  }

  async writeIfAbsent(key: string, item: StoreItem): Promise<void> {
    if (this.items.has(key)) throw new StorageConflictError(key);
    this.save(key, item);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  private checkETag(key: string, item: StoreItem): void {
    if (!isConcreteETag(item.eTag)) return;
    const stored = this.items.get(key);
    if (stored === undefined || (JSON.parse(stored) as StoreItem).eTag !== item.eTag) {
      throw new StorageConflictError(key);
    }
  }

  private save(key: string, item: StoreItem): void {
    this.items.set(key, JSON.stringify({ ...item, eTag: randomUUID() }));
  }
}
