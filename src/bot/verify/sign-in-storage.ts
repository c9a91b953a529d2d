import type { Storage, StoreItems } from 'botbuilder';
import { isConcreteETag } from '../../storage/conditional-storage';
import { isConflictError, type ConditionalStorage } from '../../storage';
import { isSignInProgressKey, SignInCrossedError } from './sign-in-state';

/**
 * The storage of sign-in state (teams-ai's turn state and botbuilder's Teams SSO de-duplication). Teams sends a
 * signin/tokenExchange to every open client at once; botbuilder lets one through by writing an item whose eTag is the
 * exchange's id, counting on the first write of a new key to succeed. This project's storages never match a concrete
 * eTag against a missing item (memory, file and blob alike), so such a write becomes "write if absent": the first wins,
 * the others get the eTag conflict botbuilder looks for.
 *
 * A person's sign-in progress (sign-in-state.ts) is written only if nobody changed it since the turn read it: a new
 * item (no eTag) only if it is still absent. When two turns of the same person cross, the later one is refused with
 * SignInCrossedError (the person is asked to press again) instead of silently replacing the other's progress.
 * Every other write is passed on as it is.
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
        if (isSignInProgressKey(key)) {
          await writeProgress(storage, key, item);
        } else if (concrete.includes(key) && existing[key] === undefined) {
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

async function writeProgress(storage: ConditionalStorage, key: string, item: StoreItems[string]): Promise<void> {
  try {
    if (isConcreteETag(item.eTag)) {
      await storage.write({ [key]: item });
    } else {
      const { eTag: _none, ...fresh } = item as { eTag?: string };
      await storage.writeIfAbsent(key, fresh);
    }
  } catch (e) {
    if (isConflictError(e)) throw new SignInCrossedError();
    throw e;
  }
}
