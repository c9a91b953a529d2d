// Model builders of the planning cards: plan state and planning core results → the typed models of cards/*.json.
import {
  DMS_SUBNET_PLACEHOLDER,
  QUESTIONS,
  RULE_NOTES,
  SOURCE_RANGES_PLACEHOLDER,
  SOURCE_VM_PLACEHOLDER,
  TOPOLOGIES,
  choiceLabel,
  decisiveKeys,
  relevantAnswers,
  requiredRules,
  ruleRow,
  type ParameterError,
  type ParameterField,
  type QuestionKey,
  type Recommendation,
  type NsgRuleSpec,
  type RequiredRules,
} from '../../planning';
import type {
  AnswerFact,
  PlanNoticeCardModel,
  QuestionCardModel,
  RecommendationCardModel,
  RuleFormValues,
  RuleRowModel,
  RulesFormCardModel,
} from './card-models';
import { planRuleParameters, type PlanParameters, type PlanRecord } from './plan-store';
import { literal, MAX_NAME_CHARS, oneLine } from '../literal-text';

const MAX_PROBLEMS = 10;
const MAX_PROBLEM_CHARS = 300;
const MAX_FIELD_PROBLEM_CHARS = 300;
/** A source ranges field holds many CIDRs: room for about a hundred. */
const MAX_FORM_VALUE_CHARS = 2000;

/** Short names of the questions for the "who answered what" facts. */
export const QUESTION_LABELS: Record<QuestionKey, string> = {
  source: 'Source SQL Server',
  'cross-subscription': 'VNets in different subscriptions',
  'rbac-limits': "RBAC limits users to MI's subscription",
  'mi-onprem': "MI's VNet connected to on-premises",
  'same-vnet': 'Source VM shares the VNet',
};

const TYPED_EXAMPLES: Record<'source' | 'yes-no', string> = {
  source: '"on prem", "azure vm" or "other cloud"',
  'yes-no': '"yes", "y", "no" or "n"',
};

/** The answered questions in the order they are asked, each with who answered. */
export function answeredKeys(plan: Pick<PlanRecord, 'answers'>): QuestionKey[] {
  const relevant = relevantAnswers(plan.answers);
  const order: QuestionKey[] = ['source', ...decisiveKeys(relevant.source)];
  return order.filter((key) => relevant[key] !== undefined);
}

export function answerFacts(plan: PlanRecord): AnswerFact[] {
  return answeredKeys(plan).map((key) => ({
    question: QUESTION_LABELS[key],
    answer: choiceLabel(key, plan.answers[key] as string),
    by: literal(plan.answeredBy[key]?.name ?? 'someone', MAX_NAME_CHARS),
  }));
}

export function questionCardModel(plan: PlanRecord, key: QuestionKey): QuestionCardModel {
  const question = QUESTIONS[key];
  const answers = answerFacts(plan);
  return {
    step: answers.length + 1,
    key,
    prompt: question.prompt,
    why: question.why,
    choices: question.choices.map((c) => ({ label: c.label, value: c.value })),
    typedExamples: TYPED_EXAMPLES[key === 'source' ? 'source' : 'yes-no'],
    answers,
    hasAnswers: answers.length > 0,
    planVersion: plan.version,
  };
}

export function rowModel(rule: Omit<NsgRuleSpec, 'id'>): RuleRowModel {
  const [priority, name, ports, protocol, source, destination, action, reason] = ruleRow(rule);
  // A space after each comma lets a narrow table column wrap between ports.
  return {
    priority,
    name,
    ports: ports.replace(/,/g, ', '),
    protocol: protocol === 'Any' ? 'any protocol' : protocol,
    source,
    destination,
    action,
    reason,
  };
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export function formValues(parameters: PlanParameters): RuleFormValues {
  return {
    dmsSubnet: parameters.dmsSubnet ?? '',
    sourceRanges: parameters.sourceRanges.join(', '),
    sqlPort: String(parameters.sqlPort),
    namedInstance: yesNo(parameters.namedInstance),
    smb: yesNo(parameters.smb),
    ruleset: parameters.ruleset,
  };
}

function parameterFacts(parameters: PlanParameters): { title: string; value: string }[] {
  return [
    { title: 'DMS subnet', value: parameters.dmsSubnet ?? `not given yet (shown as "${DMS_SUBNET_PLACEHOLDER}")` },
    {
      title: 'Source ranges',
      value:
        parameters.sourceRanges.length > 0
          ? parameters.sourceRanges.join(', ')
          : `not given yet (shown as "${parameters.source === 'azure-vm' ? SOURCE_VM_PLACEHOLDER : SOURCE_RANGES_PLACEHOLDER}")`,
    },
    { title: 'SQL Server port', value: `${parameters.sqlPort}/TCP` },
    { title: 'Named instance', value: parameters.namedInstance ? 'yes: 1434/UDP added' : 'no' },
    { title: 'SMB backup share', value: parameters.smb ? 'yes: 445/TCP added' : 'no' },
    { title: 'Rule set', value: parameters.ruleset },
  ];
}

/** Markdown links after the requirement text: "... (see [ExpressRoute](https://...), [VPN](https://...))". */
function requirementText(requirement: Recommendation['requirements'][number]): string {
  if (requirement.links.length === 0) return requirement.text;
  return `${requirement.text} See ${requirement.links.map((l) => `[${l.title}](${l.url})`).join(', ')}.`;
}

export type RecommendationView = 'recommendation' | 'rules';

/** The recommendation card; the `rules` view is the same card without reasons, requirements and answers. */
export function recommendationCardModel(
  plan: PlanRecord,
  recommendation: Recommendation,
  view: RecommendationView,
  rules: RequiredRules = requiredRules(planRuleParameters(plan)),
): RecommendationCardModel {
  return {
    heading: view === 'recommendation' ? 'Recommended network topology' : 'NSG rules for the topology',
    showTopologyDetails: view === 'recommendation',
    topology: {
      id: recommendation.topology,
      title: recommendation.title,
      useWhen: TOPOLOGIES[recommendation.topology].useWhen,
      reasons: recommendation.reasons,
      requirements: recommendation.requirements.map((r) => ({ text: requirementText(r) })),
      noRequirements: recommendation.requirements.length === 0,
    },
    answers: answerFacts(plan),
    parameterFacts: parameterFacts(planRuleParameters(plan)),
    placeholdersUsed: plan.parameters.dmsSubnet === undefined || plan.parameters.sourceRanges.length === 0,
    inbound: rules.inbound.map(rowModel),
    outbound: rules.outbound.map(rowModel),
    // The retirement of classic DMS changes what the rules are for: it stands out.
    notes: rules.notes.map((text) => ({
      text,
      style: text === RULE_NOTES.classicDmsRetired ? ('warning' as const) : ('default' as const),
    })),
    form: formValues(plan.parameters),
    planVersion: plan.version,
  };
}

const NO_ERRORS: RuleFormValues = {
  dmsSubnet: '',
  sourceRanges: '',
  sqlPort: '',
  namedInstance: '',
  smb: '',
  ruleset: '',
};

const FORM_FIELDS: Partial<Record<ParameterField, keyof RuleFormValues>> = {
  dmsSubnet: 'dmsSubnet',
  sourceRanges: 'sourceRanges',
  sqlPort: 'sqlPort',
  namedInstance: 'namedInstance',
  smb: 'smb',
  ruleset: 'ruleset',
};

/** The parameters form, with each problem under its field ("'10.0.1.0/33' is not an IPv4 CIDR such as 10.0.1.0/24"). */
export function rulesFormCardModel(
  values: RuleFormValues,
  errors: ParameterError[],
  planVersion: number,
  intro: string,
): RulesFormCardModel {
  const byField = { ...NO_ERRORS };
  for (const error of errors) {
    const field = FORM_FIELDS[error.field];
    // The problems quote what was typed: shown literally, each field's within a length.
    const problem = literal(error.problem, MAX_FIELD_PROBLEM_CHARS);
    if (field) byField[field] = byField[field] ? `${byField[field]} ${problem}` : problem;
  }
  return {
    title: errors.length > 0 ? 'Some rule parameters need fixing' : 'Rule parameters',
    intro,
    // Input values are plain text: only their length is bounded.
    values: Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, oneLine(v, MAX_FORM_VALUE_CHARS)]),
    ) as unknown as RuleFormValues,
    errors: byField,
    planVersion,
  };
}

export function noticeModel(
  title: string,
  message: string,
  options: Partial<Pick<PlanNoticeCardModel, 'problems' | 'hint' | 'showContinue' | 'continueTitle'>> = {},
): PlanNoticeCardModel {
  const problems = options.problems ?? [];
  // Problems quote what was typed or sent: shown literally, and not without end.
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => literal(p, MAX_PROBLEM_CHARS));
  if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`);
  return {
    title,
    message,
    problems: shown,
    hint: options.hint ?? 'Type plan to see where the plan is, or help for the commands.',
    showContinue: options.showContinue ?? true,
    continueTitle: options.continueTitle ?? 'Show the plan',
  };
}
