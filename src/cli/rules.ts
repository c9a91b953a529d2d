import { Command, Option } from 'commander';
import { CliError } from './errors';
import type { CliIo } from './commands';
import {
  ParameterError,
  RULE_SETS,
  formatRulesTable,
  parseNsgName,
  parseResourceGroup,
  requiredRules,
  toAzureCli,
  toBicepSecurityRules,
  validateRuleParameters,
  type RequiredRules,
} from '../planning';

export const RULE_FORMATS = ['table', 'json', 'azcli', 'bicep'] as const;
export type RuleFormat = (typeof RULE_FORMATS)[number];

const HELP_AFTER = `
Rules follow the seed's tables: inbound DMS_subnet; outbound management (443, 9354/TCP), Diagnostics
(12000/TCP), SQL Source server (SQL port/TCP), SQL Server named instance (1434/UDP, with --named-instance yes),
SMB share (445/TCP, with --smb yes), DMS_subnet. Priorities start at 100 in each direction, step 10.
--ruleset current opens TCP 443 to the ServiceBus, Storage and AzureMonitor service tags instead of 443/9354 and
12000. Unknown values stay as placeholders ("DMS subnet", "On-premises address space", <resource-group>, ...).

Formats: table (default, with a Reason column and notes), json ({ruleset, inbound[], outbound[], notes[]}),
azcli ("az network nsg rule create" commands, shell-quoted; --nsg and --resource-group fill them in),
bicep (a securityRules: [...] snippet for a Microsoft.Network/networkSecurityGroups resource).

Exit codes: 0 success; 2 bad input (unknown flag or value, bad CIDR or port), with one line on stderr naming the flag.

Example:
  npm run --silent cli -- rules --dms-subnet 10.0.1.0/24 --source-range 192.168.0.0/16 --named-instance yes --format azcli --nsg dms-nsg --resource-group migration-rg`;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

interface RulesOptions {
  dmsSubnet?: string;
  sourceRange?: string[];
  sqlPort?: string;
  namedInstance?: string;
  smb?: string;
  ruleset?: string;
  format: RuleFormat;
  nsg?: string;
  resourceGroup?: string;
}

function fieldOrThrow<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ParameterError) throw new CliError(e.message);
    throw e;
  }
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
      new Option('--ruleset <set>', 'seed (the seed table, default) or current (service tags)').choices([...RULE_SETS]),
    )
    .addOption(new Option('--format <format>', 'output format').choices([...RULE_FORMATS]).default('table'))
    .option('--nsg <name>', 'NSG name for the azcli format (placeholder <nsg-name> otherwise)')
    .option('--resource-group <rg>', 'resource group for the azcli format (placeholder <resource-group> otherwise)')
    .addHelpText('after', HELP_AFTER)
    .action((opts: RulesOptions) => {
      const result = validateRuleParameters({
        dmsSubnet: opts.dmsSubnet,
        sourceRanges: opts.sourceRange,
        sqlPort: opts.sqlPort,
        namedInstance: opts.namedInstance,
        smb: opts.smb,
        ruleset: opts.ruleset,
      });
      if (!result.ok) throw new CliError(result.errors.map((e) => e.message).join('; '));
      const target = {
        nsgName: opts.nsg === undefined ? undefined : fieldOrThrow(() => parseNsgName(opts.nsg as string)),
        resourceGroup:
          opts.resourceGroup === undefined
            ? undefined
            : fieldOrThrow(() => parseResourceGroup(opts.resourceGroup as string)),
      };
      io.out(renderRules(requiredRules(result.params), opts.format, target));
    });
}
