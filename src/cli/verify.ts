import { Command, Option } from 'commander';
import { SnapshotError } from '../azure/errors';
import { MIGRATION_STORAGE_TAG } from '../network/current-dms-types';
import type { Inventory } from '../network/model';
import { VerifyInputError } from '../network/errors';
import {
  BACKUP_LOCATIONS,
  DMS_KINDS,
  RUNTIME_HOSTS,
  SQL_SERVER_VERSIONS,
  STORAGE_AUTHS,
  TOPOLOGY_IDS,
} from '../planning';
import { tally, verifyInventory, type VerifyOutcome } from '../use-cases/verify';
import type { CliIo } from './commands';
import { CliError } from './errors';
import { applyWhatIf, checkFixesScriptPath, readWhatIfFile, writeFixesScript } from './fixes-files';
import { openLiveRead, withAzureErrors } from './live-azure';
import { missingResourceHint } from './scope-hints';
import { formatOutcome, verifyJson } from './verify-output';
import { refuseFlagsOfTheOtherDms, verifyRequestFromFlags, type VerifyCliOptions } from './verify-request';
import { RULE_SET_CHOICES, verifyInputLine } from './wording';

const HELP_AFTER = `
Reads the network from Azure (--subscription, Reader is enough) or from a snapshot directory (--snapshot, see the
snapshot command). Azure is read as you: your own login (az login, or the AZURE_* service principal variables,
through DefaultAzureCredential) and your own Reader roles, whatever mode the Teams bot runs in. With Reader on some resource groups only, name each with --resource-group
<subscription-id>/<name>: a subscription named only that way is read at resource group scope; both flags combine
(a subscription given both ways is read whole). A resource the read ones point to in a group not read (an NSG, a
route table, a peered VNet) makes its checks UNKNOWN, and a hint names the --resource-group to add. The command
then finds the managed instance and the DMS, detects which of the four topologies is in place (a --source-range
outside every VNet read is on-premises or another cloud) and checks every requirement and every required flow by
its route (the DMS subnet's effective routes: system, gateway and route table routes) and its NSG rules.
--source-range defaults to the prefixes of the local network gateways the DMS's VNet reaches. Routes learned over
BGP (ExpressRoute, VPN with BGP, Virtual WAN) are not in Azure Resource Manager: a flow they decide is UNKNOWN.

Output: one line per check (PASS, FAIL, WARN, UNKNOWN) with its evidence and an az command that fixes it;
--json prints {topology, plannedTopology, managedInstance, dms, checks[{id, status, summary, evidence, rule?, route?,
nsgStatus?, fix?, changes?}], afterFixes}.

Every proposed fix is proven: its changes are applied to a copy of the network, which is verified again; "After the
fixes" says whether every check then passes, or what still does not and why (a value only you have, a firewall
beyond Azure, ...). --fixes-script FILE writes those commands, in the order they must run, as one bash script with a
comment per check. --what-if FILE applies changes of your own (a JSON list, docs/what-if.schema.json; verify
--json's afterFixes is accepted as it is) to the network before verifying it, to test a change before making it; a
bad field, or a change Azure would refuse, exits 2 naming it.

The current DMS (--dms-kind current; chosen on its own when the inventory holds a sqlMigrationServices resource and no
classic DMS, or when --dms names one): topology shir; checks integration-runtime-state, storage-network-access (one
per storage account: --storage NAME, repeatable, else the accounts tagged ${MIGRATION_STORAGE_TAG}) and mi-subnet;
dms.subnetId is null. --source-range, --sql-port, --named-instance, --smb and --ruleset do not apply to it.
Per storage account it also checks storage-key-access ("Allow storage account key access"), same-region (the
account and the DMS), storage-identity (with --storage-auth managed-identity: the MI's identity holds Storage Blob
Data Reader) and shir-upload-path (SMB backups: how the runtime reaches the account, by --runtime-host; give
--runtime-ip for an on-premises runtime's public IP, --runtime-subnet VNET/SUBNET for an Azure VM's subnet).
--backups blob (backups already in Blob Storage) needs no runtime: integration-runtime-state then passes, saying so;
--source-version 2012 or 2014 implies --backups blob, and with --backups smb exits 2.

Exit codes: 0 nothing fails; 1 a check fails; 2 bad input (flags, snapshot, several MIs or DMSs without
--mi/--dms); 3 Azure cannot be read (no credential, 401, 403, not found, throttled, network); 70 internal error
(a bug, not a finding: one line, {"error": "..."} on stdout with --json, its stack with --debug).

Examples:
  npm run --silent cli -- verify --subscription 00000000-0000-0000-0000-000000000000 --source-range 192.168.0.0/16
  npm run --silent cli -- verify --resource-group 00000000-0000-0000-0000-000000000000/rg-network \\
    --resource-group 00000000-0000-0000-0000-000000000000/rg-sql --source-range 192.168.0.0/16`;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

async function loadInventory(opts: VerifyCliOptions): Promise<Inventory> {
  const live = opts.subscription !== undefined || opts.resourceGroup !== undefined;
  if ((opts.snapshot === undefined) === !live) {
    throw new CliError(
      'give either --snapshot DIR or --subscription ID / --resource-group SUBSCRIPTION-ID/NAME (one or more), not both or neither',
    );
  }
  // Loaded here, not at the top: the snapshot reader brings zod and the live reader the Azure SDK (after the flags
  // are checked), which the other commands and --help never need.
  if (opts.snapshot !== undefined) {
    const { readSnapshot } = await import('../azure/snapshot-reader');
    try {
      return await readSnapshot(opts.snapshot);
    } catch (e) {
      if (e instanceof SnapshotError) throw new CliError(`--snapshot: ${e.message}`);
      throw e;
    }
  }
  const reader = await openLiveRead(opts.subscription, opts.resourceGroup);
  return withAzureErrors(() => reader.readInventory(reader.scopes));
}

/** A verifier input error in the CLI's words, with the --resource-group hint when it names a resource not read. */
function inputError(inventory: Inventory, e: VerifyInputError): CliError {
  const line = verifyInputLine(e.problem);
  const hint = e.problem.kind === 'subnet-not-read' ? missingResourceHint(inventory, [e.problem.vnetId]) : undefined;
  return new CliError(hint ? `${line}; ${hint}` : line);
}

export function registerVerify(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const yesNo = (flags: string, description: string) => new Option(flags, description).choices(['yes', 'no']);
  program
    .command('verify')
    .description('Check the real network (or a snapshot) against the requirements and NSG rules of the migration.')
    .option('--snapshot <dir>', 'snapshot directory written by the snapshot command or by az ... -o json')
    .option('--subscription <id>', 'subscription id (GUID) to read from Azure; repeat for several', collect)
    .option(
      '--resource-group <subscription-id>/<name>',
      'read only this resource group from Azure (Reader on it is enough); repeat for several',
      collect,
    )
    .option('--mi <name>', 'the managed instance, when the subscriptions hold several')
    .option('--dms <name>', 'the Database Migration Service, when the subscriptions hold several')
    .option('--source-range <cidrs>', 'source SQL Server ranges, comma-separated or repeated', collect)
    .option('--sql-port <port>', 'TCP port the source SQL Server listens on, 1-65535 (default 1433)')
    .addOption(yesNo('--named-instance <yes|no>', 'the source is a named instance: checks 1434/UDP (default no)'))
    .addOption(yesNo('--smb <yes|no>', 'DMS reads backups from an SMB share: checks 445/TCP (default no)'))
    .addOption(
      new Option('--ruleset <set>', "2020 (the article's table, default) or service-tags (its later revision)").choices(
        RULE_SET_CHOICES,
      ),
    )
    .addOption(
      new Option('--topology <id>', 'the planned topology, compared with the detected one').choices([...TOPOLOGY_IDS]),
    )
    .addOption(
      new Option(
        '--dms-kind <kind>',
        'classic DMS or the current one (current, sqlMigrationServices); default: from the inventory',
      ).choices([...DMS_KINDS]),
    )
    .option('--storage <name>', 'the current DMS: a storage account holding the backups; repeat for several', collect)
    .addOption(
      new Option(
        '--backups <where>',
        'the current DMS: smb (default; the runtime uploads) or blob (no runtime)',
      ).choices([...BACKUP_LOCATIONS]),
    )
    .addOption(
      new Option(
        '--source-version <version>',
        'the current DMS: the source SQL Server (2012, 2014: blob only)',
      ).choices([...SQL_SERVER_VERSIONS]),
    )
    .addOption(
      new Option('--runtime-host <where>', 'the current DMS: where the runtime runs (default onprem)').choices([
        ...RUNTIME_HOSTS,
      ]),
    )
    .addOption(
      new Option('--storage-auth <how>', 'the current DMS: how the MI reads the backups (default sas)').choices([
        ...STORAGE_AUTHS,
      ]),
    )
    .option(
      '--runtime-ip <ip>',
      'the current DMS: public IP an on-premises runtime leaves from; repeat for several',
      collect,
    )
    .option('--runtime-subnet <vnet/subnet>', "the current DMS: the subnet (or its id) of the runtime's Azure VM")
    .option('--what-if <file>', 'apply these changes (JSON, docs/what-if.schema.json) to the network, then verify')
    .option('--fixes-script <file>', 'write the proven fix commands, in order, as one bash script')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: VerifyCliOptions) => {
      // every flag is checked before Azure is read: a bad combination costs no read
      const request = verifyRequestFromFlags(opts);
      const whatIf = opts.whatIf === undefined ? undefined : await readWhatIfFile(opts.whatIf);
      if (opts.fixesScript !== undefined) await checkFixesScriptPath(opts.fixesScript);
      const read = await loadInventory(opts);
      const inventory = whatIf ? applyWhatIf(read, whatIf) : read;
      refuseFlagsOfTheOtherDms(inventory, opts);
      let outcome: VerifyOutcome;
      try {
        outcome = verifyInventory(inventory, request);
      } catch (e) {
        if (e instanceof VerifyInputError) throw inputError(inventory, e);
        throw e;
      }
      const applied = whatIf && opts.whatIf !== undefined ? { file: opts.whatIf, changes: whatIf.length } : undefined;
      if (opts.fixesScript !== undefined) await writeFixesScript(opts.fixesScript, outcome.result, applied);
      io.out(
        opts.json
          ? verifyJson(outcome, applied)
          : formatOutcome(outcome, inventory, { whatIf: applied, fixesScript: opts.fixesScript }),
      );
      setExitCode(tally(outcome.result.checks).fail > 0 ? 1 : 0);
    });
}
