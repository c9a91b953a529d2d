// What the VirtualNetwork service tag holds where an NSG applies (Azure docs: virtual network service tags): the VNet's
// space, Connected peers, VNets and on-premises prefixes reached through its gateways (listed, and learned over
// BGP), the prefixes of the subnet's user-defined routes, and 168.63.129.16.
import { ALL_IPV4, cidrSet } from './cidr';
import { OnPremConnectivity, onPremConnectivity } from './connectivity';
import { EffectiveRoutes, UnlistedRoutes, VnetRoutes, vnetRoutes } from './effective-routes';
import { ResolvedSet } from './flow-types';
import { EMPTY, IntervalSet, subtract, union } from './intervals';
import { InventoryIndex } from './inventory-index';
import { VirtualNetwork } from './model';
import { AZURE_LOAD_BALANCER_IP } from './service-tags';

const HOST_ADDRESS = cidrSet([AZURE_LOAD_BALANCER_IP]);

function unlistedPart(u: UnlistedRoutes): string {
  switch (u.kind) {
    case 'expressroute':
      return `it also holds on-premises prefixes learned over ExpressRoute (${u.from}), which the inventory does not list`;
    case 'bgp':
      return `it also holds on-premises prefixes learned over BGP (${u.from}), which the inventory does not list`;
    case 'virtual-wan':
      return `it also holds the prefixes the ${u.from} advertises, which the inventory does not list`;
    default:
      return `${u.from}`;
  }
}

/** The VirtualNetwork tag of a VNet (without the user-defined route prefixes, which depend on the subnet). */
export function resolveVirtualNetworkTag(
  index: InventoryIndex,
  vnet: VirtualNetwork,
  onPrem: OnPremConnectivity = onPremConnectivity(index, vnet),
): ResolvedSet {
  return virtualNetworkTagOf(vnet, vnetRoutes(index, vnet, onPrem));
}

/** The tag from the VNet's routes: route propagation does not change it (it belongs to the VNet, not a subnet). */
export function virtualNetworkTagOf(vnet: VirtualNetwork, routes: VnetRoutes): ResolvedSet {
  const known = union(
    cidrSet(
      [...routes.system, ...routes.gateway]
        .filter((r) => r.nextHopType !== 'Internet' && r.nextHopType !== 'None')
        .map((r) => r.addressPrefix),
    ),
    HOST_ADDRESS,
  );
  const unlisted = [...routes.systemUnlisted, ...routes.gatewayUnlisted];
  if (unlisted.length === 0) return { known, uncertain: EMPTY };
  return {
    known,
    uncertain: subtract(ALL_IPV4, known),
    uncertainWhy: `VirtualNetwork of ${vnet.name} is not fully known: ${[...new Set(unlisted.map(unlistedPart))].join('; ')}`,
  };
}

/** The CIDR prefixes of the subnet's user-defined routes: in VirtualNetwork too, per the service tags docs. */
export function userRoutePrefixes(er: EffectiveRoutes): IntervalSet {
  return cidrSet(er.routes.filter((r) => r.origin === 'User' && r.range).map((r) => r.addressPrefix));
}
