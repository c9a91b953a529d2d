import type { AzureAccess } from '../config';
import { AzureReadError } from '../azure/errors';
import type { LiveInventoryReader } from '../azure/live-reader';
import { parseResourceGroupRefs, readScopes, ResourceGroupScopeError, type ReadScope } from '../azure/read-scope';
import type { RawInventory } from '../azure/resource-kinds';
import { parseSubscriptionIds, SubscriptionIdError } from '../azure/subscriptions';
import { CliError } from './errors';

/** The live reads of `verify` and `snapshot`, with the scopes their flags name. */
export interface LiveRead {
  scopes: ReadScope[];
  readInventory: LiveInventoryReader;
  readResources: (scopes: ReadScope[]) => Promise<RawInventory>;
}

/**
 * Checks --subscription and --resource-group against AZURE_ALLOWED_SUBSCRIPTIONS and prepares the reads. The
 * configuration (src/config.ts, zod) and the live reader load only here: the other commands and --help never need them.
 */
export async function openLiveRead(
  subscriptions: string[] | undefined,
  resourceGroups: string[] | undefined,
): Promise<LiveRead> {
  const [{ ConfigError, loadAzureAccess }, { createLiveAzure }] = await Promise.all([
    import('../config'),
    import('../azure/live-reader'),
  ]);
  let access: AzureAccess;
  try {
    access = loadAzureAccess();
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`configuration: ${e.message}`);
    throw e;
  }
  const scopes = withInputErrors(() => liveScopes(subscriptions, resourceGroups, access.allowedSubscriptions));
  const live = createLiveAzure(access);
  return { scopes, readInventory: live.readInventory, readResources: live.readResources };
}

/** The scopes of --subscription and --resource-group; bad values throw (CliError through withInputErrors). */
export function liveScopes(
  subscriptions: string[] | undefined,
  resourceGroups: string[] | undefined,
  allowed: readonly string[] | undefined,
): ReadScope[] {
  const ids = subscriptions === undefined ? [] : parseSubscriptionIds(subscriptions, allowed);
  const groups = resourceGroups === undefined ? [] : parseResourceGroupRefs(resourceGroups, allowed);
  return readScopes(ids, groups);
}

function withInputErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof SubscriptionIdError) throw new CliError(`--subscription: ${e.message}`);
    if (e instanceof ResourceGroupScopeError) throw new CliError(`--resource-group: ${e.message}`);
    throw e;
  }
}

/** Reads Azure through the live path; AzureReadError becomes exit 3. */
export async function withAzureErrors<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AzureReadError) {
      // Refused on a whole subscription: Reader on some of its resource groups may be all the user has.
      const scope = e.kind === 'forbidden' && e.scope && !e.scope.resourceGroup ? e.scope : undefined;
      const hint = scope
        ? ` With Reader on some of its resource groups only, name each instead: --resource-group ${scope.subscriptionId}/<resource group> (repeatable).`
        : '';
      throw new CliError(`${e.message}${e.fix ? ` Fix: ${e.fix}` : ''}${hint}`, 3);
    }
    throw e;
  }
}
