import { Command, Option } from 'commander';
import { CliError } from './errors';
import { parameterLines, RULE_SET_CHOICES } from './wording';
import type { CliIo } from './commands';
import {
  renderCurrentDmsRulesFromFlags,
  currentDmsParametersFromFlags,
  currentDmsPlanFromFlags,
  exportTargetFromFlags,
  type CurrentDmsRuleFlags,
} from './current-dms-flags';
import {
  BACKUP_LOCATIONS,
  DMS_KINDS,
  CURRENT_DMS_RULE_FORMATS,
  SQL_SERVER_VERSIONS,
  formatRulesTable,
  requiredRules,
  toAzureCli,
  toBicepSecurityRules,
  validateRuleParameters,
  type BackupLocation,
  type RequiredRules,
  type Source,
  type CurrentDmsRuleFormat,
} from '../planning';

export const RULE_FORMATS = ['table', 'json', 'azcli', 'bicep'] as const;
export type RuleFormat = (typeof RULE_FORMATS)[number];

const HELP_AFTER = `
Rules follow the tables of Microsoft's network topologies article (2020): inbound DMS_subnet; outbound management (443, 9354/TCP), Diagnostics
(12000/TCP), SQL Source server (SQL port/TCP), SQL Server named instance (1434/UDP, with --named-instance yes),
SMB share (445/TCP, with --smb yes), DMS_subnet. Priorities start at 100 in each direction, step 10.
--ruleset service-tags (the article's later revision) opens TCP 443 to the ServiceBus, Storage and AzureMonitor
service tags instead of 443/9354 and 12000. The rule sets were called seed and current before: both still work. Unknown values stay as placeholders ("DMS subnet", "On-premises address space", <resource-group>, ...);
with --source azure-vm the source rules say "Source VM address" and the site-to-site notes are left out.

Formats: table (default, with a Reason column and notes), json ({ruleset, inbound[], outbound[], notes[]}),
azcli ("az network nsg rule create" commands, shell-quoted; --nsg and --resource-group fill them in),
bicep (a securityRules: [...] snippet for a Microsoft.Network/networkSecurityGroups resource).

The current DMS (--dms current; classic DMS was retired on 2026-03-15) has no DMS subnet: the rules are what the
self-hosted integration runtime's machine must reach. --format firewall (default: a checklist of names), json,
or for a runtime on an Azure VM table, azcli or bicep. --source-range, --share-range (the SMB share), --sql-port,
--named-instance, --auto-update, --runtime-nodes (from 2, inbound TCP 8060 between the nodes), --backups (smb or
blob) and --source-version (2012 and 2014: blob only) fill them in; --dms-subnet, --smb and --ruleset are for
classic DMS only.

Exit codes: 0 success; 2 bad input (unknown flag or value, bad CIDR or port), with one line on stderr naming the flag;
70 internal error (a bug; its stack with --debug).

Examples:
  npm run --silent cli -- rules --dms current --source-range 192.168.10.5/32 --share-range 192.168.20.0/24
  npm run --silent cli -- rules --dms-subnet 10.0.1.0/24 --source-range 192.168.0.0/16 --named-instance yes --format azcli --nsg dms-nsg --resource-group migration-rg`;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

interface RulesOptions extends CurrentDmsRuleFlags {
  dms?: string;
  source?: Source;
  dmsSubnet?: string;
  smb?: string;
  ruleset?: string;
  backups?: BackupLocation;
  sourceVersion?: string;
  format?: RuleFormat | CurrentDmsRuleFormat;
}

const CLASSIC_ONLY = { dmsSubnet: '--dms-subnet', smb: '--smb', ruleset: '--ruleset', source: '--source' } as const;
const CURRENT_ONLY = {
  shareRange: '--share-range',
  autoUpdate: '--auto-update',
  backups: '--backups',
  runtimeNodes: '--runtime-nodes',
  sourceVersion: '--source-version',
} as const;

function firstGiven<T extends Record<string, string>>(opts: RulesOptions, flags: T): string | undefined {
  const key = (Object.keys(flags) as (keyof T & keyof RulesOptions)[]).find((k) => opts[k] !== undefined);
  return key === undefined ? undefined : flags[key];
}

/** `rules --dms current`: what the runtime's machine must reach, refusing the classic subnet's flags. */
function currentDmsRules(opts: RulesOptions): string {
  const classic = firstGiven(opts, CLASSIC_ONLY);
  if (classic) throw new CliError(`${classic} is for classic DMS's subnet; the current DMS (--dms current) has none`);
  const { backups } = currentDmsPlanFromFlags({ backups: opts.backups, sourceVersion: opts.sourceVersion });
  const params = currentDmsParametersFromFlags(opts, backups);
  return renderCurrentDmsRulesFromFlags(params, opts.format ?? 'firewall', opts);
}

export function renderRules(
  rules: RequiredRules,
  format: RuleFormat,
  target: { nsgName?: string; resourceGroup?: string },
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rules, null, 2)}\n`;
    case 'azcli':
      return toAzureCli(rules, target);
    case 'bicep':
      return toBicepSecurityRules(rules);
    default:
      return formatRulesTable(rules);
  }
}

export function registerRules(program: Command, io: CliIo): void {
  const yesNo = (flags: string, description: string) => new Option(flags, description).choices(['yes', 'no']);
  program
    .command('rules')
    .description('Print the NSG rules the DMS subnet needs, as a table, JSON, Azure CLI commands or Bicep.')
    .option('--dms-subnet <cidr>', 'the DMS subnet, an IPv4 CIDR such as 10.0.1.0/24')
    .option(
      '--source-range <cidrs>',
      "source SQL Server ranges (on-premises ranges or the source VM's subnet), comma-separated or repeated",
      collect,
    )
    .option('--sql-port <port>', 'TCP port the source SQL Server listens on, 1-65535 (default 1433)')
    .addOption(yesNo('--named-instance <yes|no>', 'the source is a named instance: adds 1434/UDP (default no)'))
    .addOption(yesNo('--smb <yes|no>', 'DMS reads backups from an SMB share: adds 445/TCP (default no)'))
    .addOption(
      new Option('--ruleset <set>', "2020 (the article's table, default) or service-tags (its later revision)").choices(
        RULE_SET_CHOICES,
      ),
    )
    .addOption(
      new Option('--source <where>', 'where the source SQL Server runs: azure-vm names the source VM').choices([
        'onprem',
        'azure-vm',
        'other-cloud',
      ]),
    )
    .addOption(
      new Option('--format <format>', 'output format (default table; firewall with --dms current)').choices([
        ...new Set<string>([...RULE_FORMATS, ...CURRENT_DMS_RULE_FORMATS]),
      ]),
    )
    .addOption(
      new Option('--dms <kind>', "classic (the DMS subnet's NSG, default) or current (the current DMS)").choices([
        ...DMS_KINDS,
      ]),
    )
    .option('--share-range <cidrs>', 'with --dms current: SMB share addresses (repeat or comma-separate)', collect)
    .addOption(yesNo('--auto-update <yes|no>', 'with --dms current: the runtime updates itself (default yes)'))
    .addOption(
      new Option('--backups <where>', 'with --dms current: smb (default) or blob').choices([...BACKUP_LOCATIONS]),
    )
    .addOption(
      new Option(
        '--source-version <version>',
        'with --dms current: the source SQL Server (2012 and 2014 need --backups blob)',
      ).choices([...SQL_SERVER_VERSIONS]),
    )
    .option(
      '--runtime-nodes <1-4>',
      'with --dms current: machines (nodes) of the runtime; from 2, TCP 8060 between them',
    )
    .option('--nsg <name>', 'NSG name for the azcli format (placeholder <nsg-name> otherwise)')
    .option('--resource-group <rg>', 'resource group for the azcli format (placeholder <resource-group> otherwise)')
    .addHelpText('after', HELP_AFTER)
    .action((opts: RulesOptions) => {
      if (opts.dms === 'current') return io.out(currentDmsRules(opts));
      const current = firstGiven(opts, CURRENT_ONLY) ?? (opts.format === 'firewall' ? '--format firewall' : undefined);
      if (current) throw new CliError(`${current} applies to the current DMS: add --dms current`);
      const result = validateRuleParameters({
        dmsSubnet: opts.dmsSubnet,
        sourceRanges: opts.sourceRange,
        sqlPort: opts.sqlPort,
        namedInstance: opts.namedInstance,
        smb: opts.smb,
        ruleset: opts.ruleset,
      });
      if (!result.ok) throw new CliError(parameterLines(result.errors));
      const target = exportTargetFromFlags(opts);
      const rules = requiredRules({ ...result.params, source: opts.source });
      io.out(renderRules(rules, (opts.format ?? 'table') as RuleFormat, target));
    });
}
