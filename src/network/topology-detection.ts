// Finds the MI and the classic DMS, their subnets and VNets, and recognises which of the four
// topologies of the article is in place.
import { cidrSet, formatAddresses } from './cidr';
import { OnPremConnectivity, isConnected, onPremConnectivity, peeringTo } from './connectivity';
import { VerifyInputError } from './errors';
import { IntervalSet, intersect, isEmpty, subtract } from './intervals';
import { InventoryIndex, SubnetEntry } from './inventory-index';
import { DmsService, ManagedInstance, VirtualNetwork, VirtualNetworkPeering, sameId, vnetIdOfSubnet } from './model';
import type { TopologyId } from '../planning/types';

export interface Placement {
  mi: ManagedInstance;
  dms: DmsService;
  miSubnet: SubnetEntry;
  dmsSubnet: SubnetEntry;
}

export interface PeeringState {
  /** MI VNet → DMS VNet. */
  fromMi?: VirtualNetworkPeering;
  /** DMS VNet → MI VNet. */
  fromDms?: VirtualNetworkPeering;
  connected: boolean;
}

export interface TopologyDetection {
  topology: TopologyId | null;
  why: string;
  sameVnet: boolean;
  peering: PeeringState;
  miOnPrem: OnPremConnectivity;
  dmsOnPrem: OnPremConnectivity;
  /** Where the given source ranges are; undefined when none were given. */
  source?: SourceLocation;
  /** The source is on-premises (or another cloud): outside every VNet, or, without ranges, behind DMS's gateway. */
  onPremSource: boolean;
}

export interface SourceLocation {
  /** Inventory VNets holding some of the source ranges. */
  vnets: VirtualNetwork[];
  /** The part of the ranges outside every VNet of the inventory. */
  outside: IntervalSet;
}

/** Where source ranges are: in which inventory VNets, and what is outside all of them. */
export function locateSource(index: InventoryIndex, ranges: IntervalSet): SourceLocation {
  const vnets = index.inventory.virtualNetworks.filter((v) => !isEmpty(intersect(ranges, cidrSet(v.addressPrefixes))));
  const inside = cidrSet(vnets.flatMap((v) => v.addressPrefixes));
  return { vnets, outside: subtract(ranges, inside) };
}

function describeSource(source: SourceLocation | undefined): string {
  if (!source) return '';
  if (!isEmpty(source.outside)) {
    return `; the source range ${formatAddresses(source.outside)} is outside every VNet in the inventory: on-premises or another cloud`;
  }
  return `; the source range is in VNet ${source.vnets.map((v) => v.name).join(', ')}`;
}

/** The one named (case-insensitive), or the only one; VerifyInputError (not-found, none, ambiguous) otherwise. */
export function pickByName<T extends { name: string }>(
  items: T[],
  name: string | undefined,
  what: string,
  field: 'mi' | 'dms',
  missingFile?: string,
  whats = `${what}s`,
): T {
  const candidates = items.map((i) => i.name);
  if (name !== undefined) {
    const found = items.find((i) => i.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
    throw new VerifyInputError({ kind: 'not-found', field, what, name, candidates, missingFile });
  }
  if (items.length === 1) return items[0];
  if (items.length === 0) throw new VerifyInputError({ kind: 'none', field, what, missingFile });
  throw new VerifyInputError({ kind: 'ambiguous', field, what, whats, candidates });
}

export function findManagedInstance(index: InventoryIndex, name?: string): ManagedInstance {
  return pickByName(index.inventory.managedInstances, name, 'SQL Managed Instance', 'mi');
}

export function findDms(index: InventoryIndex, name?: string): DmsService {
  const all = index.inventory.dmsServices;
  const classic = all.filter((d) => d.kind === 'classic');
  const chosen = pickByName(name === undefined ? classic : all, name, 'classic Database Migration Service', 'dms');
  if (chosen.kind !== 'classic') throw new VerifyInputError({ kind: 'not-classic', field: 'dms', name: chosen.name });
  return chosen;
}

/** The subnet of the MI or DMS `owner` (resource `id`); VerifyInputError when the inventory does not hold it. */
export function subnetOf(index: InventoryIndex, subnetId: string | undefined, owner: string, id: string): SubnetEntry {
  if (!subnetId) throw new VerifyInputError({ kind: 'no-subnet-id', field: 'scope', owner, id });
  const entry = index.subnet(subnetId);
  if (!entry) {
    throw new VerifyInputError({
      kind: 'subnet-not-read',
      field: 'scope',
      owner,
      subnetId,
      vnetId: vnetIdOfSubnet(subnetId),
    });
  }
  return entry;
}

export function findPlacement(index: InventoryIndex, miName?: string, dmsName?: string): Placement {
  const mi = findManagedInstance(index, miName);
  const dms = findDms(index, dmsName);
  return {
    mi,
    dms,
    miSubnet: subnetOf(index, mi.subnetId, `Managed Instance ${mi.name}`, mi.id),
    dmsSubnet: subnetOf(index, dms.subnetId, `DMS ${dms.name}`, dms.id),
  };
}

/**
 * The topology: MI and DMS in one VNet or in two peered ones, and the source on-premises or in Azure. Where the
 * source is comes from the given source ranges (outside every VNet of the inventory = on-premises or another
 * cloud); without them, from whether DMS's VNet reaches on-premises.
 */
export function detectTopology(
  index: InventoryIndex,
  placement: Placement,
  sourceRanges?: IntervalSet,
): TopologyDetection {
  const miVnet = placement.miSubnet.vnet;
  const dmsVnet = placement.dmsSubnet.vnet;
  const sameVnet = sameId(miVnet.id, dmsVnet.id);
  const fromMi = sameVnet ? undefined : peeringTo(miVnet, dmsVnet.id);
  const fromDms = sameVnet ? undefined : peeringTo(dmsVnet, miVnet.id);
  const peering: PeeringState = {
    fromMi,
    fromDms,
    connected: !!fromMi && !!fromDms && isConnected(fromMi) && isConnected(fromDms),
  };
  const dmsOnPrem = onPremConnectivity(index, dmsVnet);
  const miOnPrem = sameVnet ? dmsOnPrem : onPremConnectivity(index, miVnet);
  const source = sourceRanges && !isEmpty(sourceRanges) ? locateSource(index, sourceRanges) : undefined;
  const onPremSource = source ? !isEmpty(source.outside) : dmsOnPrem.paths.length > 0;
  const hubOutside =
    dmsOnPrem.unknownRemoteGateways.length > 0 ||
    dmsVnet.peerings.some((p) => p.remoteIsVirtualWanHub && isConnected(p));
  const reach =
    dmsOnPrem.paths.length > 0
      ? 'reaches on-premises'
      : hubOutside
        ? 'may reach on-premises through a hub outside the inventory'
        : 'does not reach on-premises';
  const sourceWhy = describeSource(source);
  const base = { sameVnet, peering, miOnPrem, dmsOnPrem, ...(source ? { source } : {}), onPremSource };
  if (sameVnet) {
    return onPremSource
      ? { ...base, topology: 'hybrid', why: `MI and DMS share VNet ${dmsVnet.name}, which ${reach}${sourceWhy}` }
      : {
          ...base,
          topology: 'cloud-shared-vnet',
          why: source
            ? `MI and DMS share VNet ${dmsVnet.name}${sourceWhy}`
            : `MI and DMS share VNet ${dmsVnet.name}, without on-premises connectivity`,
        };
  }
  if (!peering.connected) {
    return {
      ...base,
      topology: null,
      why:
        `MI's VNet ${miVnet.name} and DMS's VNet ${dmsVnet.name} differ and are not peered with peeringState ` +
        `Connected in both directions (${miVnet.name}→${dmsVnet.name}: ${fromMi?.peeringState ?? 'none'}, ` +
        `${dmsVnet.name}→${miVnet.name}: ${fromDms?.peeringState ?? 'none'})${sourceWhy}`,
    };
  }
  return onPremSource
    ? {
        ...base,
        topology: 'mi-isolated',
        why: `MI's VNet ${miVnet.name} is peered with DMS's VNet ${dmsVnet.name}, which ${reach}${sourceWhy}`,
      }
    : {
        ...base,
        topology: 'cloud-isolated-vnet',
        why: source
          ? `MI's VNet ${miVnet.name} is peered with DMS's VNet ${dmsVnet.name}${sourceWhy}`
          : `MI's VNet ${miVnet.name} is peered with DMS's VNet ${dmsVnet.name}, neither path reaching on-premises from DMS`,
      };
}
