import { PlanningInputError } from './errors';
import { QUESTIONS, nextQuestion, relevantAnswers } from './questions';
import { TOPOLOGIES } from './topologies';
import type { Answers, QuestionKey, Recommendation, TopologyId } from './types';

const REASONS: Record<QuestionKey, Record<string, string>> = {
  source: {
    onprem: 'The source SQL Server is on-premises, so DMS reaches it through ExpressRoute or a site-to-site VPN.',
    'other-cloud':
      'The source SQL Server is in another cloud, reached through VPN or ExpressRoute like an on-premises one, so the on-premises topologies apply.',
    'azure-vm': 'The source SQL Server runs on an Azure VM: a cloud-to-cloud migration.',
  },
  'cross-subscription': {
    yes: "MI's and DMS's virtual networks are in different subscriptions, so they must be peered.",
    no: "MI's and DMS's virtual networks are in the same subscription, so DMS may share MI's virtual network.",
  },
  'rbac-limits': {
    yes: "Azure RBAC limits users to the subscription hosting MI, so DMS gets its own virtual network, peered with MI's.",
    no: "No Azure RBAC policy keeps DMS's users out of MI's subscription.",
  },
  'mi-onprem': {
    yes: "MI's virtual network is connected to the on-premises network, so DMS goes in the same virtual network in its own subnet: the simplest routing and the highest throughput.",
    no: "MI is isolated from the on-premises network, so DMS goes in a virtual network connected to on-premises and peered with MI's.",
  },
  'same-vnet': {
    yes: 'The source VM shares one virtual network with MI and DMS, so no peering or gateway is needed.',
    no: "MI is in a virtual network of its own, apart from the source VM's, so DMS's and MI's virtual networks must be peered.",
  },
};

function allowedValues(key: QuestionKey): string[] {
  return QUESTIONS[key].choices.map((c) => c.value);
}

/** Refuses values outside the choices (a tampered card, a typo that got past a parser). */
function checkValues(answers: Answers): void {
  for (const [key, value] of Object.entries(answers) as [QuestionKey, unknown][]) {
    if (value === undefined || !Object.prototype.hasOwnProperty.call(QUESTIONS, key)) continue;
    const allowed = allowedValues(key);
    if (typeof value !== 'string' || !allowed.includes(value)) {
      const hint = `use ${allowed.join(' or ')}`;
      throw new PlanningInputError(key, 'invalid', `${key}: '${String(value)}' is not a choice; ${hint}.`, hint);
    }
  }
}

/**
 * Refuses answers that cannot both be true, only where both answers matter: same-vnet counts for an Azure VM source
 * only (elsewhere it is ignored; with the source unknown, the source is asked first).
 */
export function findContradiction(answers: Answers): PlanningInputError | undefined {
  if (answers.source === 'azure-vm') {
    if (answers['same-vnet'] === 'yes' && answers['cross-subscription'] === 'yes') {
      const hint =
        'one shared virtual network cannot hold MI and DMS in different subscriptions; correct one of the two answers';
      return new PlanningInputError(
        'same-vnet',
        'contradiction',
        `same-vnet=yes contradicts cross-subscription=yes: ${hint}.`,
        hint,
        'cross-subscription',
      );
    }
  }
  return undefined;
}

function topologyFor(answers: Answers): TopologyId {
  const together = answers['cross-subscription'] === 'no' && answers['rbac-limits'] === 'no';
  if (answers.source === 'azure-vm') {
    return together && answers['same-vnet'] === 'yes' ? 'cloud-shared-vnet' : 'cloud-isolated-vnet';
  }
  return together && answers['mi-onprem'] === 'yes' ? 'hybrid' : 'mi-isolated';
}

/**
 * Answers → the recommended topology, with reasons from the answers that decided it and the article's requirements.
 * Answers that cannot change the outcome are ignored. Throws PlanningInputError for a missing needed answer, a value
 * outside the choices, or contradictory answers.
 */
export function decide(answers: Answers): Recommendation {
  checkValues(answers);
  const contradiction = findContradiction(answers);
  if (contradiction) throw contradiction;
  const missing = nextQuestion(answers);
  if (missing !== undefined) {
    const hint = `${allowedValues(missing).join(' or ')}: ${QUESTIONS[missing].prompt}`;
    throw new PlanningInputError(missing, 'missing', `${missing} is needed to decide (${hint})`, hint);
  }
  const relevant = relevantAnswers(answers);
  const topology = topologyFor(relevant);
  const { title, requirements } = TOPOLOGIES[topology];
  const reasons = (Object.keys(REASONS) as QuestionKey[])
    .filter((key) => relevant[key] !== undefined)
    .map((key) => REASONS[key][relevant[key] as string]);
  return { topology, title, reasons, requirements: requirements.map((r) => ({ ...r, links: [...r.links] })) };
}
