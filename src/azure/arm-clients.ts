import type { TokenCredential } from '@azure/identity';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SqlManagementClient } from '@azure/arm-sql';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

export interface ArmClients {
  network: NetworkManagementClient;
  sql: SqlManagementClient;
  resources: ResourceManagementClient;
  /** Role assignments (the current DMS path: the MI's managed identity on the backup storage account). */
  authorization: AuthorizationManagementClient;
}

/**
 * The ARM SDK clients for one subscription. The token scope follows the endpoint, so sovereign clouds and
 * the local test server work; the SDK's own retry policies (429 Retry-After, transient errors) stay on.
 */
export function createArmClients(credential: TokenCredential, subscriptionId: string, endpoint: string): ArmClients {
  const scope = `${endpoint.replace(/\/+$/, '')}/.default`;
  return {
    network: new NetworkManagementClient(credential, subscriptionId, { endpoint, credentials: { scopes: [scope] } }),
    sql: new SqlManagementClient(credential, subscriptionId, { endpoint, credentialScopes: [scope] }),
    resources: new ResourceManagementClient(credential, subscriptionId, { endpoint, credentials: { scopes: [scope] } }),
    authorization: new AuthorizationManagementClient(credential, subscriptionId, {
      endpoint,
      credentialScopes: [scope],
    }),
  };
}
