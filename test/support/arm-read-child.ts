// Child-process entry for live-reader tests: reads the subscriptions given as JSON options in argv[2]
// ({subscriptions, timeBudgetMs?, concurrency?, withInventory?}) and prints {counts} (and the whole
// inventory when withInventory is true) or {error: {kind, message}} as JSON.
import { createAzureCredential } from '../../src/azure/credential';
import { AzureReadError } from '../../src/azure/errors';
import { readLiveInventory } from '../../src/azure/live-inventory';
import { loadAzureAccess } from '../../src/config';

async function main(): Promise<void> {
  const { subscriptions, withInventory, ...options } = JSON.parse(process.argv[2]) as {
    subscriptions: string[];
    timeBudgetMs?: number;
    concurrency?: number;
    withInventory?: boolean;
  };
  try {
    // ARM_ENDPOINT and the test authority come from the environment the test gives (test/support/arm-server.ts).
    const access = loadAzureAccess();
    const credential = createAzureCredential({ disableInstanceDiscovery: access.disableInstanceDiscovery });
    const inventory = await readLiveInventory(subscriptions, { ...options, endpoint: access.armEndpoint, credential });
    const counts = Object.fromEntries(Object.entries(inventory).map(([k, v]) => [k, (v as unknown[]).length]));
    process.stdout.write(JSON.stringify(withInventory ? { counts, inventory } : { counts }));
  } catch (e) {
    if (!(e instanceof AzureReadError)) throw e;
    process.stdout.write(JSON.stringify({ error: { kind: e.kind, message: e.message } }));
  }
}

void main();
