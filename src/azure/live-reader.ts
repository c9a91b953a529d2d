import type { TokenCredential } from '@azure/identity';
import type { AzureAccess } from '../config';
import type { Inventory } from '../network/model';
import type { LiveReadTarget } from './live-inventory';
import type { RawInventory } from './resource-kinds';

/**
 * Reads the inventory of subscriptions (or some of their resource groups) from Azure, with `credential` when given (a
 * signed-in person's) or the environment's. Throws AzureReadError.
 */
export type LiveInventoryReader = (targets: LiveReadTarget[], credential?: TokenCredential) => Promise<Inventory>;

/**
 * Live reads with the settings of src/config.ts and one credential for all of them, so its tokens are reused.
 * The Azure SDKs load on the first read: loading them at start made the bot's start-up a fifth slower, and the CLI's
 * other commands never need them.
 */
export function createLiveAzure(access: AzureAccess): {
  readInventory: LiveInventoryReader;
  readResources: (targets: LiveReadTarget[]) => Promise<RawInventory>;
} {
  let credential: TokenCredential | undefined;
  const options = async () => {
    const { createAzureCredential } = await import('./credential');
    credential ??= createAzureCredential({ disableInstanceDiscovery: access.disableInstanceDiscovery });
    return { endpoint: access.armEndpoint, credential };
  };
  return {
    readInventory: async (targets, personal) => {
      if (personal) {
        // A person's read never builds (or falls back to) the environment's credential.
        const { readLiveInventory } = await import('./live-inventory');
        return readLiveInventory(targets, { endpoint: access.armEndpoint, credential: personal });
      }
      const [{ readLiveInventory }, settings] = await Promise.all([import('./live-inventory'), options()]);
      return readLiveInventory(targets, settings);
    },
    readResources: async (targets) => {
      const [{ readLiveResources }, settings] = await Promise.all([import('./live-inventory'), options()]);
      return readLiveResources(targets, settings);
    },
  };
}
