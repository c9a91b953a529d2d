import type { Check, CheckStatus, VerifyResult } from '../network/verify-types';
import type { RequiredRules, TopologyId } from '../planning/types';
import type { Scene, Status } from './scene';
import { topologyScene, type DiagramFindings } from './topology-scene';

/** Which NSG rule of the plan each flow check verifies. */
const RULE_OF_CHECK: Record<string, string> = {
  'nsg-dms-subnet-inbound': 'dms-subnet-inbound',
  'nsg-management-443': 'management',
  'nsg-management-9354': 'management',
  'nsg-diagnostics-12000': 'diagnostics',
  'nsg-sql-source': 'sql-source',
  'nsg-sql-named-instance': 'sql-named-instance',
  'nsg-smb-share': 'smb-share',
  'nsg-dms-subnet-outbound': 'dms-subnet-outbound',
};

const STATUS: Record<CheckStatus, Status> = { pass: 'ok', fail: 'fail', warn: 'warn', unknown: 'neutral' };

function worst(checks: Check[]): Status | undefined {
  if (checks.length === 0) return undefined;
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return checks.every((c) => c.status === 'pass') ? 'ok' : 'neutral';
}

/** The verified network: the detected topology (or the planned one), each failing link or rule in red and listed. */
export function verifyScene(result: VerifyResult, rules: RequiredRules, sourceRanges: string[]): Scene {
  const status = (id: string) => {
    const check = result.checks.find((c) => c.id === id);
    return check ? STATUS[check.status] : undefined;
  };
  const nsgChecks = result.checks.filter((c) => c.id in RULE_OF_CHECK);
  const findings: DiagramFindings = {
    links: {
      onprem: status('onprem-connectivity'),
      peering: status('vnet-peering'),
      sql: status('nsg-sql-source'),
      mi: status('nsg-mi-inbound-from-dms'),
    },
    nsg: worst(nsgChecks),
    failedRules: new Set(
      nsgChecks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => RULE_OF_CHECK[c.id]),
    ),
    notes: result.checks
      .filter((c) => c.status === 'fail' || c.status === 'warn')
      .map((c) => `${c.status === 'fail' ? '✗' : '!'} ${c.id}: ${c.summary}`),
  };
  const topology: TopologyId = result.topology ?? result.plannedTopology ?? 'hybrid';
  const title = result.topology
    ? `Detected: ${result.topology} (${result.dms.name} → ${result.managedInstance.name})`
    : `Not one of the four topologies: drawn as planned (${result.dms.name} → ${result.managedInstance.name})`;
  const dmsSubnetName = result.dms.subnetId.split('/').pop();
  return topologyScene(
    { topology, title, dmsSubnet: dmsSubnetName ? `subnet ${dmsSubnetName}` : undefined, sourceRanges, rules },
    findings,
  );
}
