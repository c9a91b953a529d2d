import { Command, Option } from 'commander';
import { CliError } from './errors';
import type { CliIo } from './commands';
import {
  DEFAULT_RULE_PARAMETERS,
  NO_ADDITIONAL_REQUIREMENTS,
  PlanningInputError,
  QUESTIONS,
  decide,
  formatRulesTable,
  requiredRules,
  type Answers,
  type NsgRuleSpec,
  type QuestionKey,
} from '../planning';

/** The `recommend --json` shape (issue 2): requirements without links, rules with the default parameters. */
export interface RecommendJson {
  topology: string;
  title: string;
  reasons: string[];
  requirements: { id: string; text: string }[];
  rules: { inbound: NsgRuleSpec[]; outbound: NsgRuleSpec[] };
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

Exit codes: 0 success; 2 bad input (missing needed answer, unknown flag or value, contradictory answers),
with one line on stderr naming the flag.

Example:
  npm run --silent cli -- recommend --source onprem --mi-onprem yes --cross-subscription no --rbac-limits no`;

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

export function recommendJson(answers: Answers): RecommendJson {
  const rec = decide(answers);
  const rules = requiredRules(DEFAULT_RULE_PARAMETERS);
  return {
    topology: rec.topology,
    title: rec.title,
    reasons: rec.reasons,
    requirements: rec.requirements.map(({ id, text }) => ({ id, text })),
    rules: { inbound: rules.inbound, outbound: rules.outbound },
  };
}

function formatHuman(answers: Answers): string {
  const rec = decide(answers);
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
    'NSG rules for the DMS subnet (default parameters; "rules --help" to fill in yours):',
    '',
    formatRulesTable(requiredRules(DEFAULT_RULE_PARAMETERS)),
  ].join('\n');
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
    .option('--json', 'print the recommendation as JSON')
    .addHelpText('after', HELP_AFTER)
    .action((opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const answers: Answers = {};
      for (const key of ANSWER_KEYS) {
        const value = cmd.getOptionValue(cmd.options.find((o) => o.long === flag(key))!.attributeName());
        if (value !== undefined) (answers as Record<string, string>)[key] = value;
      }
      try {
        io.out(opts.json ? `${JSON.stringify(recommendJson(answers), null, 2)}\n` : formatHuman(answers));
      } catch (e) {
        if (e instanceof PlanningInputError) throw planningErrorToCli(e, answers);
        throw e;
      }
    });
}
