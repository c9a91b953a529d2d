import { Command, Option } from 'commander';
import { SnapshotError } from '../azure/errors';
import {
  dmsKindFor,
  verifyCurrentDms,
  MIGRATION_STORAGE_TAG,
  type CurrentDmsCheck,
  type CurrentDmsVerifyOptions,
  type CurrentDmsVerifyResult,
} from '../network/current-dms-verify';
import type { Inventory } from '../network/model';
import { verify, VerifyInputError, type Check, type VerifyResult } from '../network/verifier';
import { isCidrOrIp } from '../network/cidr';
import {
  BACKUP_LOCATIONS,
  DMS_KINDS,
  RULE_SETS,
  RUNTIME_HOSTS,
  SQL_SERVER_VERSIONS,
  STORAGE_AUTHS,
  TOPOLOGY_IDS,
  validateRuleParameters,
  type DmsKind,
  type TopologyId,
} from '../planning';
import type { CliIo } from './commands';
import { CliError } from './errors';
import { parameterLines } from './wording';
import { missingResourceHint, missingResourceHints } from './scope-hints';
import { shirPlanFromFlags } from './shir-rules';
import { openLiveRead, withAzureErrors } from './live-azure';

const HELP_AFTER = `
Reads the network from Azure (--subscription, Reader is enough) or from a snapshot directory (--snapshot, see the
snapshot command). With Reader on some resource groups only, name each with --resource-group
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
nsgStatus?, fix?}]}.

Today's DMS (--dms-kind current; chosen on its own when the inventory holds a sqlMigrationServices resource and no
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

interface VerifyCliOptions {
  snapshot?: string;
  subscription?: string[];
  resourceGroup?: string[];
  mi?: string;
  dms?: string;
  sourceRange?: string[];
  sqlPort?: string;
  namedInstance?: string;
  smb?: string;
  ruleset?: string;
  topology?: TopologyId;
  dmsKind?: DmsKind;
  storage?: string[];
  backups?: string;
  sourceVersion?: string;
  runtimeHost?: string;
  storageAuth?: string;
  runtimeIp?: string[];
  runtimeSubnet?: string;
  json?: boolean;
}

/** Flags of today's DMS verify: given with a classic DMS they are refused. */
const CURRENT_ONLY = {
  storage: '--storage',
  backups: '--backups',
  sourceVersion: '--source-version',
  runtimeHost: '--runtime-host',
  storageAuth: '--storage-auth',
  runtimeIp: '--runtime-ip',
  runtimeSubnet: '--runtime-subnet',
} as const;

/** The options of today's DMS verify from the flags; every bad one is one line, exit 2. */
export function currentDmsOptionsFromFlags(opts: VerifyCliOptions): CurrentDmsVerifyOptions {
  const plan = shirPlanFromFlags({
    backups: opts.backups,
    sourceVersion: opts.sourceVersion,
    runtimeHost: opts.runtimeHost ?? (opts.runtimeSubnet !== undefined ? 'azure-vm' : undefined),
    storageAuth: opts.storageAuth,
  });
  const ips = (opts.runtimeIp ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = ips.find((ip) => ip.includes(':') || !isCidrOrIp(ip));
  if (bad !== undefined) throw new CliError(`--runtime-ip: '${bad}' is not an IPv4 address or CIDR`);
  if (ips.length > 0 && plan.runtimeHost === 'azure-vm') {
    throw new CliError('--runtime-ip is the public IP of an on-premises runtime; on an Azure VM give --runtime-subnet');
  }
  if (opts.runtimeSubnet !== undefined && plan.runtimeHost === 'onprem') {
    throw new CliError("--runtime-subnet is the Azure VM's subnet: drop --runtime-host onprem or use azure-vm");
  }
  return {
    miName: opts.mi,
    dmsName: opts.dms,
    storageNames: opts.storage,
    backups: plan.backups,
    sourceVersion: plan.sourceVersion,
    storageAuth: plan.storageAuth,
    runtimeHost: plan.runtimeHost,
    runtimeIps: ips,
    runtimeSubnet: opts.runtimeSubnet,
  };
}

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

const STATUS_LABEL: Record<Check['status'], string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', unknown: 'UNKNOWN' };

/** With the inventory, the human text ends with a hint per resource group holding resources the checks lack. */
export function formatVerifyResult(result: VerifyResult, inventory?: Inventory): string {
  return formatChecks(
    [
      `Topology: ${result.topology ?? 'not recognised'}${result.plannedTopology ? ` (planned: ${result.plannedTopology})` : ''} - ${result.topologyReason}`,
      `Managed instance: ${result.managedInstance.name}; DMS: ${result.dms.name}`,
    ],
    result.checks,
    inventory,
  );
}

export function formatCurrentDmsResult(result: CurrentDmsVerifyResult, inventory?: Inventory): string {
  const m = result.migration;
  const storage = result.storageAccounts.map((a) => `${a.name} (${a.selectedBy})`).join(', ') || 'none named or tagged';
  return formatChecks(
    [
      `Topology: ${result.topology} - ${result.topologyReason}`,
      `Managed instance: ${result.managedInstance.name}; DMS: ${result.dms.name} (integration runtime ` +
        `${result.dms.integrationRuntimeState ?? 'state unknown'}); storage: ${storage}`,
      `Backups: ${m.backups}${m.sourceVersion ? ` (SQL Server ${m.sourceVersion})` : ''}; runtime host: ` +
        `${m.runtimeHost}; storage auth: ${m.storageAuth}`,
    ],
    result.checks,
    inventory,
  );
}

function formatChecks(header: string[], checks: (Check | CurrentDmsCheck)[], inventory?: Inventory): string {
  const lines = [...header, ''];
  for (const check of checks) {
    lines.push(`${STATUS_LABEL[check.status].padEnd(7)} ${check.id}: ${check.summary}`);
    if (check.status === 'pass') continue;
    for (const evidence of check.evidence) lines.push(`        evidence: ${evidence}`);
    if (check.fix) lines.push(`        fix: ${check.fix.split('\n').join('\n             ')}`);
  }
  const count = (s: Check['status']) => checks.filter((c) => c.status === s).length;
  lines.push(
    '',
    `Summary: ${count('pass')} pass, ${count('fail')} fail, ${count('warn')} warn, ${count('unknown')} unknown`,
  );
  for (const hint of inventory ? missingResourceHints(inventory, checks) : []) lines.push(`Hint: ${hint}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Which DMS to verify: --dms-kind when given; else today's when --dms names a sqlMigrationServices resource (and no
 * classic DMS of that name) or when the inventory holds no classic DMS but a sqlMigrationServices resource.
 */
export function dmsKindOf(
  inventory: Inventory,
  opts: Pick<VerifyCliOptions, 'dmsKind' | 'dms' | 'topology' | keyof typeof CURRENT_ONLY>,
): DmsKind {
  const kind: DmsKind = opts.dmsKind ?? dmsKindFor(inventory, opts.dms);
  const current = (Object.keys(CURRENT_ONLY) as (keyof typeof CURRENT_ONLY)[]).find((k) => opts[k] !== undefined);
  if (kind === 'classic' && current) {
    throw new CliError(
      `${CURRENT_ONLY[current]} applies to today's DMS: add --dms-kind current (the inventory holds a classic DMS)`,
    );
  }
  if (kind === 'current' && opts.topology !== undefined) {
    throw new CliError(
      `--topology ${opts.topology} is a classic DMS topology; today's DMS (sqlMigrationServices) is verified as shir: drop --topology or use --dms-kind classic`,
    );
  }
  return kind;
}

/** A verifier input error, with the --resource-group hint when it names a resource the read did not include. */
function inputError(inventory: Inventory, e: VerifyInputError): CliError {
  const hint = missingResourceHint(inventory, e.message);
  return new CliError(hint ? `${e.message}; ${hint}` : e.message);
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
    .addOption(new Option('--ruleset <set>', 'seed (default) or current').choices([...RULE_SETS]))
    .addOption(
      new Option('--topology <id>', 'the planned topology, compared with the detected one').choices([...TOPOLOGY_IDS]),
    )
    .addOption(
      new Option(
        '--dms-kind <kind>',
        "classic DMS or today's (current, sqlMigrationServices); default: from the inventory",
      ).choices([...DMS_KINDS]),
    )
    .option('--storage <name>', "today's DMS: a storage account holding the backups; repeat for several", collect)
    .addOption(
      new Option('--backups <where>', "today's DMS: smb (default; the runtime uploads) or blob (no runtime)").choices([
        ...BACKUP_LOCATIONS,
      ]),
    )
    .addOption(
      new Option('--source-version <version>', "today's DMS: the source SQL Server (2012, 2014: blob only)").choices([
        ...SQL_SERVER_VERSIONS,
      ]),
    )
    .addOption(
      new Option('--runtime-host <where>', "today's DMS: where the runtime runs (default onprem)").choices([
        ...RUNTIME_HOSTS,
      ]),
    )
    .addOption(
      new Option('--storage-auth <how>', "today's DMS: how the MI reads the backups (default sas)").choices([
        ...STORAGE_AUTHS,
      ]),
    )
    .option(
      '--runtime-ip <ip>',
      "today's DMS: public IP an on-premises runtime leaves from; repeat for several",
      collect,
    )
    .option('--runtime-subnet <vnet/subnet>', "today's DMS: the subnet (or its id) of the runtime's Azure VM")
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: VerifyCliOptions) => {
      const parameters = validateRuleParameters({
        sourceRanges: opts.sourceRange,
        sqlPort: opts.sqlPort,
        namedInstance: opts.namedInstance,
        smb: opts.smb,
        ruleset: opts.ruleset,
      });
      if (!parameters.ok) throw new CliError(parameterLines(parameters.errors));
      // checked before Azure is read: a bad combination costs no read
      const currentOptions = currentDmsOptionsFromFlags(opts);
      const inventory = await loadInventory(opts);
      const kind = dmsKindOf(inventory, opts);
      if (kind === 'current') {
        let current: CurrentDmsVerifyResult;
        try {
          current = verifyCurrentDms(inventory, currentOptions);
        } catch (e) {
          if (e instanceof VerifyInputError) throw inputError(inventory, e);
          throw e;
        }
        io.out(opts.json ? `${JSON.stringify(current, null, 2)}\n` : formatCurrentDmsResult(current, inventory));
        setExitCode(current.checks.some((c) => c.status === 'fail') ? 1 : 0);
        return;
      }
      let result: VerifyResult;
      try {
        result = verify(inventory, {
          miName: opts.mi,
          dmsName: opts.dms,
          sourceRanges: parameters.params.sourceRanges.length > 0 ? parameters.params.sourceRanges : undefined,
          sqlPort: parameters.params.sqlPort,
          namedInstance: parameters.params.namedInstance,
          smb: parameters.params.smb,
          ruleset: parameters.params.ruleset,
          plannedTopology: opts.topology,
        });
      } catch (e) {
        if (e instanceof VerifyInputError) throw inputError(inventory, e);
        throw e;
      }
      io.out(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerifyResult(result, inventory));
      setExitCode(result.checks.some((c) => c.status === 'fail') ? 1 : 0);
    });
}
