import { DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/identity';

/**
 * The credential for live reads: DefaultAzureCredential (environment, workload identity, managed identity
 * when hosted in Azure, Azure CLI, ...). Private authorities (Azure Stack Hub, the local test authority)
 * cannot answer instance discovery: AZURE_DISABLE_INSTANCE_DISCOVERY=true turns it off.
 */
export function createAzureCredential(options: { disableInstanceDiscovery?: boolean } = {}): TokenCredential {
  return new DefaultAzureCredential({ disableInstanceDiscovery: options.disableInstanceDiscovery ?? false });
}
