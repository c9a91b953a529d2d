// Child-process entry for live-reader tests: reads the subscriptions given as JSON options in argv[2]
// ({subscriptions, timeBudgetMs?, concurrency?, withInventory?}) and prints {counts} (and the whole
// inventory when withInventory is true) or {error: {kind, message}} as JSON.
import { AzureReadError } from '../../src/azure/errors';
import { readLiveInventory } from '../../src/azure/live-inventory';

async function main(): Promise<void> {
  const { subscriptions, withInventory, ...options } = JSON.parse(process.argv[2]) as {
    subscriptions: string[];
    timeBudgetMs?: number;
    concurrency?: number;
    withInventory?: boolean;
  };
  try {
    const inventory = await readLiveInventory(subscriptions, options);
    const counts = Object.fromEntries(Object.entries(inventory).map(([k, v]) => [k, (v as unknown[]).length]));
    process.stdout.write(JSON.stringify(withInventory ? { counts, inventory } : { counts }));
  } catch (e) {
    if (!(e instanceof AzureReadError)) throw e;
    process.stdout.write(JSON.stringify({ error: { kind: e.kind, message: e.message } }));
  }
}

void main();
