// Everything the checks share, computed once per verification.
import { cidrSet } from './cidr';
import { EffectiveRoutes } from './effective-routes';
import { IntervalSet } from './intervals';
import { InventoryIndex, SubnetEntry } from './inventory-index';
import { EvaluationContext, NsgLayer, layersInOrder } from './nsg-evaluator';
import { RuleDirection, VirtualNetwork } from './model';
import { NsgAllowPlanner } from './nsg-allow-planner';
import { userRoutePrefixes, virtualNetworkTagOf } from './virtual-network-tag';
import { Placement, TopologyDetection } from './topology-detection';
import { VerifyOptions } from './verify-types';
import type { TopologyId } from '../planning/types';

export interface SourceRanges {
  cidrs: string[];
  ranges: IntervalSet;
  /** Where they came from, for evidence (the local network gateways); absent when they were given. */
  origin?: string;
}

export interface VerifyContext {
  index: InventoryIndex;
  options: VerifyOptions;
  placement: Placement;
  detection: TopologyDetection;
  /** The planned topology when given, else the detected one: it decides which requirements apply. */
  target: TopologyId | null;
  dmsVnet: VirtualNetwork;
  miVnet: VirtualNetwork;
  dmsContext: EvaluationContext;
  miContext: EvaluationContext;
  /** The effective routes of the DMS subnet and of the MI subnet. */
  dmsRoutes: EffectiveRoutes;
  miRoutes: EffectiveRoutes;
  sourceRanges?: SourceRanges;
  /** The NSG allow rules the fixes of this verification propose, planned together (distinct priorities and names). */
  allowPlanner: NsgAllowPlanner;
}

/** What tags and ASGs mean for an NSG on the subnet whose effective routes these are. */
export function evaluationContext(routes: EffectiveRoutes, asgs: ReadonlyMap<string, IntervalSet>): EvaluationContext {
  return {
    virtualNetwork: virtualNetworkTagOf(routes.vnet, routes.base),
    virtualNetworkRoutes: userRoutePrefixes(routes),
    localVnet: cidrSet(routes.vnet.addressPrefixes),
    onPremises: routes.onPrem.onPremPrefixes,
    region: routes.vnet.location,
    applicationSecurityGroups: asgs,
  };
}

export function asgMembers(index: InventoryIndex): Map<string, IntervalSet> {
  return new Map(
    (index.inventory.applicationSecurityGroups ?? []).map((g) => [g.id.toLowerCase(), cidrSet(g.memberAddresses)]),
  );
}

export interface Layers {
  layers: NsgLayer[];
  /** NSG ids the subnet or NIC names but the inventory lacks. */
  missing: string[];
  notes: string[];
}

/** The NSG layers traffic of this direction passes in a subnet (and on a NIC, when its NSG is known). */
export function subnetLayers(
  index: InventoryIndex,
  entry: SubnetEntry,
  context: EvaluationContext,
  direction: RuleDirection,
  nicNsgId?: string,
): Layers {
  const missing: string[] = [];
  const notes: string[] = [];
  const nsgId = entry.subnet.networkSecurityGroupId;
  const nsg = index.nsg(nsgId);
  if (nsgId && !nsg) missing.push(nsgId);
  if (!nsgId) notes.push(`subnet ${entry.subnet.name} has no NSG: its traffic is not filtered by one`);
  const subnet: NsgLayer = { nsg, context, attachedTo: `subnet ${entry.subnet.name}` };
  let nic: NsgLayer | undefined;
  if (nicNsgId) {
    const nicNsg = index.nsg(nicNsgId);
    if (!nicNsg) missing.push(nicNsgId);
    nic = { nsg: nicNsg, context, attachedTo: 'the DMS network interface' };
  }
  return { layers: layersInOrder(direction, subnet, nic), missing, notes };
}
