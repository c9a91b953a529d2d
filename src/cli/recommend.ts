import { Command, Option } from 'commander';
import { CliError } from './errors';
import type { CliIo } from './commands';
import {
  renderCurrentDmsRulesFromFlags,
  currentDmsParametersFromFlags,
  currentDmsPlanFromFlags,
  type CurrentDmsRuleFlags,
} from './current-dms-flags';
import {
  BACKUP_LOCATIONS,
  DEFAULT_RULE_PARAMETERS,
  DEFAULT_CURRENT_DMS_RULE_PARAMETERS,
  DMS_KINDS,
  CURRENT_DMS_RULE_FORMATS,
  NO_ADDITIONAL_REQUIREMENTS,
  PlanningInputError,
  QUESTIONS,
  RUNTIME_HOSTS,
  SQL_SERVER_VERSIONS,
  STORAGE_AUTHS,
  decide,
  formatRulesTable,
  recommendCurrentDms,
  requiredRules,
  currentDmsRules,
  toFirewallChecklist,
  type Answers,
  type BackupLocation,
  type NsgRuleSpec,
  type QuestionKey,
  type CurrentDmsPlanOptions,
  type CurrentDmsRuleFormat,
  type CurrentDmsRuleParameters,
  type CurrentDmsRuleSpec,
} from '../planning';

/** The `recommend --json` shape (issue 2): requirements without links, rules with the default parameters. */
export interface RecommendJson {
  topology: string;
  title: string;
  reasons: string[];
  requirements: { id: string; text: string }[];
  rules: { inbound: NsgRuleSpec[]; outbound: NsgRuleSpec[] };
}

/** `recommend --dms current --json`: the same keys, topology `shir`, rules as firewall rules (destinations are names). */
export interface CurrentDmsRecommendJson extends Omit<RecommendJson, 'rules'> {
  rules: { inbound: CurrentDmsRuleSpec[]; outbound: CurrentDmsRuleSpec[] };
}

const ANSWER_KEYS: QuestionKey[] = ['source', 'mi-onprem', 'same-vnet', 'cross-subscription', 'rbac-limits'];

const HELP_AFTER = `
Questions (a flag is needed only when its answer can still change the outcome; others are accepted and ignored):
  --source              always
  --cross-subscription  always after --source
  --rbac-limits         when --cross-subscription is no
  --mi-onprem           source onprem or other-cloud, unless an earlier answer already decided
  --same-vnet           source azure-vm, unless an earlier answer already decided

Topologies: hybrid, mi-isolated (sources onprem, other-cloud); cloud-shared-vnet, cloud-isolated-vnet (azure-vm).
The rules shown use the default parameters; run "rules --help" to fill in your subnet, ranges and port.

--json prints {topology, title, reasons[], requirements[{id,text}], rules{inbound[],outbound[]}}.

The current DMS (--dms current; classic DMS was retired on 2026-03-15): topology shir, a self-hosted integration
runtime next to the source. --backups smb (default: the runtime reads an SMB share and uploads to Azure Storage) or
blob (backups already in a blob container: no runtime needed); --storage-private-endpoint yes|no (default no: the
managed instance reaches the storage account through its firewall); --source-version 2008|2012|...|2025 (SQL Server
2012 and 2014 need --backups blob: page blobs, no SMB share); --runtime-host onprem|azure-vm (default onprem: how
the runtime reaches the storage account to upload); --storage-auth sas|managed-identity (default sas: how the
managed instance reads the backups; the managed identity works from the Azure portal only); --runtime-nodes 1-4
(from 2, the nodes talk on TCP 8060). The question flags above are for classic DMS.
--format prints only the rules: firewall (a checklist of names, the default text), json, or for a runtime on an
Azure VM the NSG rules as table, azcli or bicep. --source-range, --share-range, --sql-port, --named-instance and
--auto-update fill the rules in (placeholders otherwise); --nsg and --resource-group the azcli commands.

Exit codes: 0 success; 2 bad input (missing needed answer, unknown flag or value, contradictory answers),
with one line on stderr naming the flag; 70 internal error (a bug; its stack with --debug).

Examples:
  npm run --silent cli -- recommend --source onprem --mi-onprem yes --cross-subscription no --rbac-limits no
  npm run --silent cli -- recommend --dms current --backups smb --storage-private-endpoint yes --json`;

function flag(key: QuestionKey): string {
  return `--${key}`;
}

/** A planning error as one CLI line that names the flag to fix. */
export function planningErrorToCli(e: PlanningInputError, answers: Answers): CliError {
  switch (e.problem) {
    case 'missing':
      return new CliError(`${flag(e.key)} is needed for these answers (${e.hint})`);
    case 'contradiction': {
      const other = e.conflictsWith as QuestionKey;
      return new CliError(`${flag(e.key)} ${answers[e.key]} contradicts ${flag(other)} ${answers[other]}: ${e.hint}`);
    }
    default:
      return new CliError(`${flag(e.key)}: '${String(answers[e.key])}' is not a choice; ${e.hint}`);
  }
}

/** Shown under the classic recommendation: the retirement notice and how to plan for the current DMS. */
export const CLASSIC_RETIRED_HINT =
  'Classic DMS was retired on 2026-03-15. To plan for the current DMS (self-hosted integration runtime): ' +
  'npm run --silent cli -- recommend --dms current';

interface RecommendationShape {
  topology: string;
  title: string;
  reasons: string[];
  requirements: { id: string; text: string; links: { title: string; url: string }[] }[];
}

/** The --json keys, shared by the classic and the current DMS: requirements without links. */
function jsonOf<R>(rec: RecommendationShape, rules: { inbound: R[]; outbound: R[] }) {
  return {
    topology: rec.topology,
    title: rec.title,
    reasons: rec.reasons,
    requirements: rec.requirements.map(({ id, text }) => ({ id, text })),
    rules: { inbound: rules.inbound, outbound: rules.outbound },
  };
}

/** The human text up to the rules: topology, reasons and requirements with their links. */
function humanHead(rec: RecommendationShape): string[] {
  const requirements =
    rec.requirements.length === 0
      ? [`- ${NO_ADDITIONAL_REQUIREMENTS}`]
      : rec.requirements.flatMap((r) => [`- ${r.text}`, ...r.links.map((l) => `  ${l.title}: ${l.url}`)]);
  return [
    `Recommended topology: ${rec.title} (${rec.topology})`,
    '',
    'Why:',
    ...rec.reasons.map((r) => `- ${r}`),
    '',
    'Requirements:',
    ...requirements,
    '',
  ];
}

/** The classic rules with the default parameters, worded for where the source is (an Azure VM names the VM). */
function defaultRules(answers: Answers) {
  return requiredRules({ ...DEFAULT_RULE_PARAMETERS, source: answers.source });
}

export function recommendJson(answers: Answers): RecommendJson {
  return jsonOf(decide(answers), defaultRules(answers));
}

function formatHuman(answers: Answers): string {
  return [
    ...humanHead(decide(answers)),
    'NSG rules for the DMS subnet (default parameters; "rules --help" to fill in yours):',
    '',
    formatRulesTable(defaultRules(answers)),
    CLASSIC_RETIRED_HINT,
    '',
  ].join('\n');
}

export function currentDmsRecommendJson(
  options: CurrentDmsPlanOptions,
  params: CurrentDmsRuleParameters = { ...DEFAULT_CURRENT_DMS_RULE_PARAMETERS, backups: options.backups },
): CurrentDmsRecommendJson {
  return jsonOf(recommendCurrentDms(options), currentDmsRules(params));
}

function formatCurrentDmsHuman(options: CurrentDmsPlanOptions, params: CurrentDmsRuleParameters): string {
  return [
    ...humanHead(recommendCurrentDms(options)),
    toFirewallChecklist(currentDmsRules(params)),
    'For a runtime on an Azure VM, "rules --dms current --format azcli" (or bicep, table) prints NSG rules.',
    '',
  ].join('\n');
}

interface RecommendOptions extends CurrentDmsRuleFlags {
  json?: boolean;
  dms?: string;
  backups?: BackupLocation;
  storagePrivateEndpoint?: 'yes' | 'no';
  sourceVersion?: string;
  runtimeHost?: string;
  storageAuth?: string;
  format?: CurrentDmsRuleFormat;
}

const CURRENT_ONLY = {
  backups: '--backups',
  storagePrivateEndpoint: '--storage-private-endpoint',
  format: '--format',
  sourceRange: '--source-range',
  shareRange: '--share-range',
  sqlPort: '--sql-port',
  namedInstance: '--named-instance',
  autoUpdate: '--auto-update',
  runtimeNodes: '--runtime-nodes',
  sourceVersion: '--source-version',
  runtimeHost: '--runtime-host',
  storageAuth: '--storage-auth',
  nsg: '--nsg',
  resourceGroup: '--resource-group',
};

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The current DMS's path of recommend; classic question flags are refused so a mixed-up command is noticed. */
function recommendCurrent(opts: RecommendOptions, answers: Answers): string {
  const classic = Object.keys(answers) as QuestionKey[];
  if (classic.length > 0) {
    throw new CliError(
      `${flag(classic[0])} is a question for classic DMS; with --dms current give --backups, --storage-private-endpoint, --source-version, --runtime-host, --storage-auth and --format`,
    );
  }
  if (opts.json && opts.format !== undefined) throw new CliError('give either --json or --format, not both');
  const options: CurrentDmsPlanOptions = currentDmsPlanFromFlags({
    backups: opts.backups,
    storagePrivateEndpoint: opts.storagePrivateEndpoint,
    sourceVersion: opts.sourceVersion,
    runtimeHost: opts.runtimeHost,
    storageAuth: opts.storageAuth,
  });
  const params = currentDmsParametersFromFlags(opts, options.backups);
  if (opts.format !== undefined) return renderCurrentDmsRulesFromFlags(params, opts.format, opts);
  return opts.json
    ? `${JSON.stringify(currentDmsRecommendJson(options, params), null, 2)}\n`
    : formatCurrentDmsHuman(options, params);
}

export function registerRecommend(program: Command, io: CliIo): void {
  const yesNo = (key: QuestionKey) => new Option(`${flag(key)} <yes|no>`, QUESTIONS[key].prompt).choices(['yes', 'no']);
  program
    .command('recommend')
    .description('Recommend the network topology for the migration, with reasons, requirements and NSG rules.')
    .addOption(new Option('--source <where>', QUESTIONS.source.prompt).choices(['onprem', 'azure-vm', 'other-cloud']))
    .addOption(yesNo('mi-onprem'))
    .addOption(yesNo('same-vnet'))
    .addOption(yesNo('cross-subscription'))
    .addOption(yesNo('rbac-limits'))
    .addOption(
      new Option('--dms <kind>', 'classic (the four topologies) or current (the current DMS, default classic)').choices(
        [...DMS_KINDS],
      ),
    )
    .addOption(
      new Option('--backups <where>', 'with --dms current: smb (default) or blob').choices([...BACKUP_LOCATIONS]),
    )
    .addOption(
      new Option(
        '--storage-private-endpoint <yes|no>',
        'with --dms current: MI reaches the storage through a private endpoint (default no)',
      ).choices(['yes', 'no']),
    )
    .addOption(
      new Option('--source-version <version>', 'with --dms current: major version of the source SQL Server').choices([
        ...SQL_SERVER_VERSIONS,
      ]),
    )
    .addOption(
      new Option('--runtime-host <where>', 'with --dms current: where the runtime runs (default onprem)').choices([
        ...RUNTIME_HOSTS,
      ]),
    )
    .addOption(
      new Option('--storage-auth <how>', 'with --dms current: how the MI reads the backups (default sas)').choices([
        ...STORAGE_AUTHS,
      ]),
    )
    .option('--runtime-nodes <1-4>', 'with --dms current: machines (nodes) of the runtime (default 1)')
    .addOption(
      new Option('--format <format>', 'with --dms current: print only the rules in this format').choices([
        ...CURRENT_DMS_RULE_FORMATS,
      ]),
    )
    .option(
      '--source-range <cidrs>',
      'with --dms current: source SQL Server addresses (repeat or comma-separate)',
      collect,
    )
    .option('--share-range <cidrs>', 'with --dms current: SMB share addresses (repeat or comma-separate)', collect)
    .option('--sql-port <port>', 'with --dms current: TCP port of the source SQL Server (default 1433)')
    .addOption(
      new Option('--named-instance <yes|no>', 'with --dms current: adds 1434/UDP (default no)').choices(['yes', 'no']),
    )
    .addOption(
      new Option('--auto-update <yes|no>', 'with --dms current: the runtime updates itself (default yes)').choices([
        'yes',
        'no',
      ]),
    )
    .option('--nsg <name>', 'with --dms current --format azcli: the NSG of the runtime VM')
    .option('--resource-group <rg>', 'with --dms current --format azcli: its resource group')
    .option('--json', 'print the recommendation as JSON')
    .addHelpText('after', HELP_AFTER)
    .action((opts: RecommendOptions, cmd: Command) => {
      const answers: Answers = {};
      for (const key of ANSWER_KEYS) {
        const value = cmd.getOptionValue(cmd.options.find((o) => o.long === flag(key))!.attributeName());
        if (value !== undefined) (answers as Record<string, string>)[key] = value;
      }
      if (opts.dms === 'current') return io.out(recommendCurrent(opts, answers));
      const misplaced = (Object.keys(CURRENT_ONLY) as (keyof typeof CURRENT_ONLY)[]).find((k) => opts[k] !== undefined);
      if (misplaced) throw new CliError(`${CURRENT_ONLY[misplaced]} applies to the current DMS: add --dms current`);
      try {
        io.out(opts.json ? `${JSON.stringify(recommendJson(answers), null, 2)}\n` : formatHuman(answers));
      } catch (e) {
        if (e instanceof PlanningInputError) throw planningErrorToCli(e, answers);
        throw e;
      }
    });
}
