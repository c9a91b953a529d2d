import type { Command } from 'commander';
import { AzureReadError } from '../azure/errors';
import { readLiveResources } from '../azure/live-inventory';
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES } from '../azure/resource-kinds';
import { writeSnapshot } from '../azure/snapshot-reader';
import { parseSubscriptionIds, SubscriptionIdError } from '../azure/subscriptions';
import type { CliIo } from './commands';
import { CliError } from './errors';

const HELP_AFTER = `
Writes one JSON file per resource kind (${RESOURCE_KIND_NAMES.map((k) => RESOURCE_KINDS[k].file).join(', ')}),
the format "verify --snapshot DIR" reads. Reader on the subscriptions is enough.

Exit codes: 0 written; 2 bad input; 3 Azure cannot be read (no credential, 401, 403, not found, throttled, network).

Example:
  npm run --silent cli -- snapshot --subscription 00000000-0000-0000-0000-000000000000 --out ./snapshot`;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Reads subscriptions through the live path; AzureReadError becomes exit 3, bad ids exit 2. */
export async function withAzureErrors<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AzureReadError) throw new CliError(e.message, 3);
    if (e instanceof SubscriptionIdError) throw new CliError(`--subscription: ${e.message}`);
    throw e;
  }
}

export function registerSnapshot(program: Command, io: CliIo, _setExitCode: (code: number) => void): void {
  program
    .command('snapshot')
    .description('Export the network of Azure subscriptions into a snapshot directory for offline verification.')
    .requiredOption('--subscription <id>', 'subscription id (GUID); repeat for several', collect)
    .requiredOption('--out <dir>', 'directory to write (created when missing)')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: { subscription: string[]; out: string }) => {
      const raw = await withAzureErrors(async () => readLiveResources(parseSubscriptionIds(opts.subscription)));
      try {
        await writeSnapshot(opts.out, raw);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'error';
        throw new CliError(`--out: cannot write the snapshot to ${opts.out} (${code})`);
      }
      const counts = RESOURCE_KIND_NAMES.map((k) => `${raw[k].length} in ${RESOURCE_KINDS[k].file}`).join(', ');
      io.out(`Wrote ${opts.out}: ${counts}\n`);
    });
}
