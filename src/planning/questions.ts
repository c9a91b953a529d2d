import type { Answers, QuestionKey, Source, YesNo } from './types';

export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

export interface Question {
  key: QuestionKey;
  prompt: string;
  /** One line on why the answer matters. */
  why: string;
  choices: Choice[];
}

export const SOURCE_CHOICES: Choice<Source>[] = [
  { value: 'onprem', label: 'On-premises' },
  { value: 'azure-vm', label: 'Azure VM' },
  { value: 'other-cloud', label: 'Other cloud' },
];

export const YES_NO_CHOICES: Choice<YesNo>[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export const QUESTIONS: Record<QuestionKey, Question> = {
  source: {
    key: 'source',
    prompt: 'Where does the source SQL Server run?',
    why: 'On-premises and other-cloud sources are reached through VPN or ExpressRoute; an Azure VM source is a cloud-to-cloud migration.',
    choices: SOURCE_CHOICES,
  },
  'cross-subscription': {
    key: 'cross-subscription',
    prompt: 'Are the virtual networks for SQL Managed Instance and DMS in different subscriptions?',
    why: 'Virtual networks in different subscriptions are separate networks, so they must be joined by peering.',
    choices: YES_NO_CHOICES,
  },
  'rbac-limits': {
    key: 'rbac-limits',
    prompt: 'Do Azure RBAC policies limit users to the subscription that hosts SQL Managed Instance?',
    why: "If they do, DMS cannot share MI's virtual network and gets its own, peered with MI's.",
    choices: YES_NO_CHOICES,
  },
  'mi-onprem': {
    key: 'mi-onprem',
    prompt: "Is SQL Managed Instance's virtual network connected to the on-premises network (ExpressRoute or VPN)?",
    why: 'If it is, DMS can sit next to MI in the same virtual network: the simplest routing and the highest throughput.',
    choices: YES_NO_CHOICES,
  },
  'same-vnet': {
    key: 'same-vnet',
    prompt: 'Does the source Azure VM share one virtual network with SQL Managed Instance and DMS?',
    why: 'A shared virtual network needs no peering; otherwise MI sits in an isolated virtual network that must be peered.',
    choices: YES_NO_CHOICES,
  },
};

/**
 * The answers that lead to the "together" topologies (hybrid, cloud-shared-vnet), in the order they are asked.
 * Any other answer to one of them decides the "isolated" topology at once. The last question depends on the source.
 */
export function decisiveKeys(source: Source | undefined): QuestionKey[] {
  const last: QuestionKey[] =
    source === undefined ? ['mi-onprem', 'same-vnet'] : source === 'azure-vm' ? ['same-vnet'] : ['mi-onprem'];
  return ['cross-subscription', 'rbac-limits', ...last];
}

/** The answer to `key` that keeps the "together" topology possible. */
export function sharedTopologyAnswer(key: QuestionKey): YesNo {
  return key === 'mi-onprem' || key === 'same-vnet' ? 'yes' : 'no';
}

/**
 * Drops the answers that cannot change the outcome: the other source's last question, and every answer after the first
 * one (in question order) that already decides an isolated topology. Missing answers in between do not stop the walk:
 * a later answer can still decide.
 */
export function relevantAnswers(answers: Answers): Answers {
  const kept: Answers = {};
  if (answers.source !== undefined) kept.source = answers.source;
  const keys = decisiveKeys(answers.source);
  // With the source unknown the two last questions are alternatives: one does not make the other moot.
  const sequential = answers.source === undefined ? keys.slice(0, 2) : keys;
  for (const key of keys) {
    const value = answers[key] as YesNo | undefined;
    if (value === undefined) continue;
    (kept as Record<string, string>)[key] = value;
    if (value !== sharedTopologyAnswer(key) && sequential.includes(key)) break;
  }
  return kept;
}

/** The next question to ask, or undefined when the answers already decide the topology. */
export function nextQuestion(answers: Answers): QuestionKey | undefined {
  const kept = relevantAnswers(answers);
  if (kept.source === undefined) return 'source';
  const keys = decisiveKeys(kept.source);
  if (keys.some((key) => kept[key] !== undefined && kept[key] !== sharedTopologyAnswer(key))) return undefined;
  return keys.find((key) => kept[key] === undefined);
}

const SOURCE_WORDS: Record<string, Source> = {
  onprem: 'onprem',
  'on prem': 'onprem',
  'on-prem': 'onprem',
  'on premises': 'onprem',
  'on-premises': 'onprem',
  'on premise': 'onprem',
  'on-premise': 'onprem',
  onpremises: 'onprem',
  'azure vm': 'azure-vm',
  'azure-vm': 'azure-vm',
  azurevm: 'azure-vm',
  vm: 'azure-vm',
  'other cloud': 'other-cloud',
  'other-cloud': 'other-cloud',
  othercloud: 'other-cloud',
  aws: 'other-cloud',
  gcp: 'other-cloud',
};

const YES_NO_WORDS: Record<string, YesNo> = { y: 'yes', yes: 'yes', n: 'no', no: 'no' };

/** Reads a typed answer ("on prem", "Azure VM", "y", "No"...) for `key`; undefined when it is not one of the choices. */
export function parseAnswer(key: 'source', text: string): Source | undefined;
export function parseAnswer(key: QuestionKey, text: string): Source | YesNo | undefined;
export function parseAnswer(key: QuestionKey, text: string): Source | YesNo | undefined {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const words = key === 'source' ? SOURCE_WORDS : YES_NO_WORDS;
  return Object.prototype.hasOwnProperty.call(words, normalized) ? words[normalized] : undefined;
}

/** The label shown for a stored answer value ("onprem" → "On-premises"). */
export function choiceLabel(key: QuestionKey, value: string): string {
  return QUESTIONS[key].choices.find((c) => c.value === value)?.label ?? value;
}
