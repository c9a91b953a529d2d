import type { Storage, StoreItem } from 'botbuilder';

/**
 * A botbuilder Storage that can also create an item only when its key is free. botbuilder's write
 * without an eTag overwrites, so two first writers of one key could otherwise lose each other.
 */
export interface ConditionalStorage extends Storage {
  /** Writes `item` under `key` if no item exists there; throws StorageConflictError otherwise. */
  writeIfAbsent(key: string, item: StoreItem): Promise<void>;
}

export function isConditionalStorage(storage: Storage): storage is ConditionalStorage {
  return typeof (storage as Partial<ConditionalStorage>).writeIfAbsent === 'function';
}

/** botbuilder convention: a missing or '*' eTag means "overwrite whatever is there". */
export function isConcreteETag(eTag: unknown): eTag is string {
  return typeof eTag === 'string' && eTag !== '' && eTag !== '*';
}
