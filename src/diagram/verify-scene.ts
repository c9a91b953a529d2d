import type { Check, CheckRoute, CheckStatus, VerifyResult } from '../network/verify-types';
import type { RequiredRules, TopologyId } from '../planning/types';
import type { Scene, Status } from './scene';
import { topologyScene, type DiagramFindings, type LinkName } from './topology-scene';

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

/** How the NSGs judged a flow check: a flow that fails for want of a route is no NSG's fault. */
function nsgStatusOf(c: Check): CheckStatus {
  return c.nsgStatus ?? c.status;
}

function worst(checks: Check[]): Status | undefined {
  if (checks.length === 0) return undefined;
  const statuses = checks.map(nsgStatusOf);
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  return statuses.every((s) => s === 'pass') ? 'ok' : 'neutral';
}

/** Short words for a link whose route does not simply deliver the flow (links are short: the notes say more). */
function routeWords(route: CheckRoute | undefined): string | undefined {
  if (!route || route.status === 'pass') return undefined;
  if (route.status === 'fail') return 'no route';
  if (route.status === 'unknown') return 'route?';
  if (route.outcome === 'appliance') return 'via NVA';
  return route.outcome === 'internet' ? 'via Internet' : 'via gateway';
}

/** The checks whose route is drawn on each link. */
const ROUTE_OF_LINK: Partial<Record<LinkName, string>> = {
  sql: 'nsg-sql-source',
  mi: 'nsg-mi-inbound-from-dms',
  peering: 'vnet-peering',
};

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
      nsgChecks.filter((c) => ['fail', 'warn'].includes(nsgStatusOf(c))).map((c) => RULE_OF_CHECK[c.id]),
    ),
    linkRoutes: Object.fromEntries(
      Object.entries(ROUTE_OF_LINK)
        .map(([link, id]) => [link, routeWords(result.checks.find((c) => c.id === id)?.route)])
        .filter(([, words]) => words !== undefined),
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
