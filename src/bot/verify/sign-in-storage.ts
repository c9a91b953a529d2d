import type { Storage, StoreItems } from 'botbuilder';
import { isConcreteETag } from '../../storage/conditional-storage';
import type { ConditionalStorage } from '../../storage';

/**
 * The storage of sign-in state (teams-ai's turn state and botbuilder's Teams SSO de-duplication). Teams sends a
 * signin/tokenExchange to every open client at once; botbuilder lets one through by writing an item whose eTag is the
 * exchange's id, counting on the first write of a new key to succeed. This project's storages never match a concrete
 * eTag against a missing item (memory, file and blob alike), so such a write becomes "write if absent": the first wins,
 * the others get the eTag conflict botbuilder looks for. Every other write is passed on as it is.
 */
export function signInStorage(storage: ConditionalStorage): Storage {
  return {
    read: (keys) => storage.read(keys),
    delete: (keys) => storage.delete(keys),
    write: async (changes: StoreItems) => {
      const concrete = Object.keys(changes).filter((key) => isConcreteETag(changes[key]?.eTag));
      const existing = concrete.length > 0 ? await storage.read(concrete) : {};
      const rest: StoreItems = {};
      for (const [key, item] of Object.entries(changes)) {
        if (concrete.includes(key) && existing[key] === undefined) {
          const { eTag: _firstOfItsKind, ...fresh } = item as { eTag?: string };
          await storage.writeIfAbsent(key, fresh);
        } else {
          rest[key] = item;
        }
      }
      if (Object.keys(rest).length > 0) await storage.write(rest);
    },
  };
}
