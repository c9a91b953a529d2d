import type { Command } from 'commander';
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES } from '../azure/resource-kinds';
import type { CliIo } from './commands';
import { CliError } from './errors';
import { openLiveRead, withAzureErrors } from './live-azure';

const HELP_AFTER = `
Writes one JSON file per resource kind (${RESOURCE_KIND_NAMES.map((k) => RESOURCE_KINDS[k].file).join(', ')}),
the format "verify --snapshot DIR" reads, as you (az login or the AZURE_* variables, through DefaultAzureCredential).
Reader on the subscriptions is enough. With Reader on some resource
groups only, name each with --resource-group <subscription-id>/<name>: a subscription named only that way is read
at resource group scope (those groups only); --subscription and --resource-group combine (a subscription given
both ways is read whole).

Exit codes: 0 written; 2 bad input; 3 Azure cannot be read (no credential, 401, 403, not found, throttled, network);
70 internal error (a bug; its stack with --debug).

Examples:
  npm run --silent cli -- snapshot --subscription 00000000-0000-0000-0000-000000000000 --out ./snapshot
  npm run --silent cli -- snapshot --resource-group 00000000-0000-0000-0000-000000000000/rg-network \\
    --resource-group 00000000-0000-0000-0000-000000000000/rg-sql --out ./snapshot`;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function registerSnapshot(program: Command, io: CliIo, _setExitCode: (code: number) => void): void {
  program
    .command('snapshot')
    .description(
      'Export the network of Azure subscriptions (or resource groups) into a snapshot directory for offline verification.',
    )
    .option('--subscription <id>', 'subscription id (GUID); repeat for several', collect)
    .option(
      '--resource-group <subscription-id>/<name>',
      'read only this resource group (Reader on it is enough); repeat for several',
      collect,
    )
    .requiredOption('--out <dir>', 'directory to write (created when missing)')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: { subscription?: string[]; resourceGroup?: string[]; out: string }) => {
      if (opts.subscription === undefined && opts.resourceGroup === undefined) {
        throw new CliError('give --subscription ID or --resource-group SUBSCRIPTION-ID/NAME (one or more of either)');
      }
      // The Azure SDK (after the flags are checked) and zod load only here, never for the other commands or --help.
      const live = await openLiveRead(opts.subscription, opts.resourceGroup);
      const raw = await withAzureErrors(() => live.readResources(live.scopes));
      const { writeSnapshot } = await import('../azure/snapshot-reader');
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
