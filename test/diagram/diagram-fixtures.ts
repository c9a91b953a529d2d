import { decide, requiredRules, type Answers, type TopologyId } from '../../src/planning';
import type { PlanDiagramInput } from '../../src/diagram/topology-scene';

export const ANSWERS: Record<TopologyId, Answers> = {
  hybrid: { source: 'onprem', 'cross-subscription': 'no', 'rbac-limits': 'no', 'mi-onprem': 'yes' },
  'mi-isolated': { source: 'onprem', 'cross-subscription': 'yes' },
  'cloud-shared-vnet': { source: 'azure-vm', 'cross-subscription': 'no', 'rbac-limits': 'no', 'same-vnet': 'yes' },
  'cloud-isolated-vnet': { source: 'azure-vm', 'cross-subscription': 'yes' },
};

/** The diagram input of a topology with fixed parameters (the golden images are drawn from these). */
export function planInput(topology: TopologyId): PlanDiagramInput {
  const answers = ANSWERS[topology];
  const recommendation = decide(answers);
  const sourceRanges = answers.source === 'azure-vm' ? ['10.20.0.0/24'] : ['192.168.0.0/16', '172.16.0.0/20'];
  return {
    topology: recommendation.topology,
    title: recommendation.title,
    source: answers.source,
    dmsSubnet: '10.0.1.0/24',
    sourceRanges,
    rules: requiredRules({
      dmsSubnet: '10.0.1.0/24',
      sourceRanges,
      sqlPort: 1433,
      namedInstance: true,
      smb: true,
      ruleset: '2020',
    }),
  };
}
