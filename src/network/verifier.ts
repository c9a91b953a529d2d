// verify: inventory + options → the detected topology and one check per requirement, flow and known fault.
import { TOPOLOGIES } from '../planning/topologies';
import { TOPOLOGY_IDS, type RequirementId, type TopologyId } from '../planning/types';
import { RULE_SETS } from '../planning/parameters';
import { dmsFlowChecks, miInboundFromDmsCheck } from './checks-flows';
import { withLaterRevision } from './checks-later-revision';
import { onPremConnectivityCheck, sameVnetSeparateSubnetsCheck, vnetPeeringCheck } from './checks-requirements';
import {
  dmsServiceEndpointsCheck,
  dnsOnPremResolutionCheck,
  miSubnetCheck,
  routeForcedTunnelingCheck,
} from './checks-subnets';
import { CidrError, cidrSet, parseCidr, toCidrs } from './cidr';
import { VerifyInputError } from './errors';
import { InventoryIndex, indexChangedInventory, indexInventory } from './inventory-index';
export { indexInventory } from './inventory-index';
import { effectiveRoutes } from './effective-routes';
import { Inventory, sameId } from './model';
import { NsgAllowPlanner } from './nsg-allow-planner';
import { proveFixes } from './proven-fixes';
import { TopologyDetection, detectTopology, findPlacement } from './topology-detection';
import { SourceRanges, VerifyContext, asgMembers, evaluationContext } from './verify-context';
import { Check, VerifyOptions, VerifyResult, withUniqueEvidence } from './verify-types';

export * from './verify-types';
export { VerifyInputError } from './errors';

/**
 * Requirements the topology needs; cloud-shared-vnet is defined by the shared VNet, so it is checked too. With no
 * topology recognised, the VNet relation is checked, and on-premises connectivity when the source is on-premises.
 */
export function requirementsOf(topology: TopologyId | null, sameVnet: boolean, onPremSource = false): RequirementId[] {
  if (topology === null) {
    const vnets: RequirementId = sameVnet ? 'same-vnet-separate-subnets' : 'vnet-peering';
    return onPremSource ? ['onprem-connectivity', vnets] : [vnets];
  }
  const ids = TOPOLOGIES[topology].requirements.map((r) => r.id);
  return topology === 'cloud-shared-vnet' ? ['same-vnet-separate-subnets', ...ids] : ids;
}

/** The source ranges given, as CIDRs and addresses; undefined when none were given. */
function givenSourceRanges(options: VerifyOptions): SourceRanges | undefined {
  const given =
    options.sourceRanges
      ?.flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  if (given.length === 0) return undefined;
  try {
    given.forEach(parseCidr); // IPv4 only: an IPv6 source range is refused, not silently left out
    return { cidrs: given, ranges: cidrSet(given) };
  } catch (e) {
    const problem = e instanceof CidrError ? e.message : String(e);
    throw new VerifyInputError({ kind: 'invalid', field: 'sourceRanges', value: given.join(','), problem });
  }
}

/** Without source ranges: the prefixes of the local network gateways DMS's VNet reaches. */
function defaultSourceRanges(detection: TopologyDetection): SourceRanges | undefined {
  const onPrem = detection.dmsOnPrem;
  if (onPrem.onPremPrefixes.length === 0) return undefined;
  const names = onPrem.paths.flatMap((p) => p.localGateways.map((l) => l.name));
  return {
    cidrs: toCidrs(onPrem.onPremPrefixes),
    ranges: onPrem.onPremPrefixes,
    origin: `local network gateway(s) ${names.join(', ')}`,
  };
}

function checkOptions(o: VerifyOptions): void {
  const invalid = (field: 'sqlPort' | 'ruleset' | 'plannedTopology', value: unknown, problem: string) =>
    new VerifyInputError({ kind: 'invalid', field, value: String(value), problem });
  if (!Number.isInteger(o.sqlPort) || o.sqlPort < 1 || o.sqlPort > 65535) {
    throw invalid('sqlPort', o.sqlPort, `${o.sqlPort} is not a TCP port (1-65535)`);
  }
  if (!RULE_SETS.includes(o.ruleset)) {
    throw invalid('ruleset', o.ruleset, `"${o.ruleset}" is not a rule set (${RULE_SETS.join(' or ')})`);
  }
  if (o.plannedTopology !== undefined && !(TOPOLOGY_IDS as readonly string[]).includes(o.plannedTopology)) {
    throw invalid(
      'plannedTopology',
      o.plannedTopology,
      `"${o.plannedTopology}" is not a topology (${TOPOLOGY_IDS.join(', ')})`,
    );
  }
}

function topologyReason(detected: TopologyId | null, planned: TopologyId | null, why: string): string {
  if (!planned) return why;
  if (detected === planned) return `${why}; this matches the planned topology ${planned}`;
  if (detected === null) return `${why}; the planned topology is ${planned}, checked against its requirements`;
  return `${why}: detected ${detected}, but the plan says ${planned}; the plan's requirements are checked`;
}

export function verify(inventory: Inventory, options: VerifyOptions): VerifyResult {
  return verifyIndexed(indexInventory(inventory), options);
}

/**
 * verify on an inventory indexed once, for callers that verify several MI/DMS pairs of one inventory; the result's
 * `afterFixes` says what the network is once every proposed fix has been made.
 */
export function verifyIndexed(index: InventoryIndex, options: VerifyOptions): VerifyResult {
  const result = verifyOnce(index, options);
  const afterFixes = proveFixes(
    index.inventory,
    result.checks,
    (changed) => verifyOnce(indexChangedInventory(index, changed), options).checks,
  );
  return { ...result, afterFixes };
}

function verifyOnce(index: InventoryIndex, options: VerifyOptions): VerifyResult {
  checkOptions(options);
  const given = givenSourceRanges(options);
  const placement = findPlacement(index, options.miName, options.dmsName);
  const detection = detectTopology(index, placement, given?.ranges);
  const planned = options.plannedTopology ?? null;
  const target = planned ?? detection.topology;
  const asgs = asgMembers(index);
  const dmsRoutes = effectiveRoutes(index, placement.dmsSubnet);
  const miRoutes = sameId(placement.miSubnet.subnet.id, placement.dmsSubnet.subnet.id)
    ? dmsRoutes
    : effectiveRoutes(index, placement.miSubnet);
  const ctx: VerifyContext = {
    index,
    options,
    placement,
    detection,
    target,
    dmsVnet: placement.dmsSubnet.vnet,
    miVnet: placement.miSubnet.vnet,
    dmsContext: evaluationContext(dmsRoutes, asgs),
    miContext: evaluationContext(miRoutes, asgs),
    dmsRoutes,
    miRoutes,
    sourceRanges: given ?? defaultSourceRanges(detection),
    allowPlanner: new NsgAllowPlanner(),
  };

  const requirementChecks: Record<RequirementId, (c: VerifyContext) => Check> = {
    'same-vnet-separate-subnets': sameVnetSeparateSubnetsCheck,
    'onprem-connectivity': onPremConnectivityCheck,
    'vnet-peering': vnetPeeringCheck,
  };
  const checks: Check[] = [
    ...requirementsOf(target, detection.sameVnet, detection.onPremSource).map((id) => requirementChecks[id](ctx)),
    ...withLaterRevision(ctx, dmsFlowChecks(ctx)),
    miInboundFromDmsCheck(ctx),
    routeForcedTunnelingCheck(ctx),
    dnsOnPremResolutionCheck(ctx),
    dmsServiceEndpointsCheck(ctx),
    miSubnetCheck(ctx),
  ];
  if (ctx.sourceRanges) {
    for (const c of checks.filter((k) =>
      ['nsg-sql-source', 'nsg-sql-named-instance', 'nsg-smb-share'].includes(k.id),
    )) {
      const { origin, cidrs } = ctx.sourceRanges;
      c.evidence.push(`source ranges ${origin ? `from ${origin}` : 'given'}: ${cidrs.join(', ')}`);
    }
  }
  return {
    topology: detection.topology,
    plannedTopology: planned,
    topologyReason: topologyReason(detection.topology, planned, detection.why),
    topologyMatchesPlan: planned && detection.topology ? planned === detection.topology : null,
    managedInstance: { id: placement.mi.id, name: placement.mi.name, subnetId: placement.mi.subnetId },
    dms: { id: placement.dms.id, name: placement.dms.name, subnetId: placement.dms.subnetId ?? '' },
    checks: checks.map(withUniqueEvidence),
  };
}
