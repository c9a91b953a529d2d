// How a VNet reaches on-premises (own gateway, or a peered hub's gateway through gateway transit) and
// what the VirtualNetwork service tag means inside it.
import { ALL_IPV4, cidrSet } from './cidr';
import { EMPTY, IntervalSet, subtract, union } from './intervals';
import { InventoryIndex } from './inventory-index';
import { ResolvedSet } from './nsg-evaluator';
import {
  GatewayConnection,
  LocalNetworkGateway,
  VirtualNetwork,
  VirtualNetworkGateway,
  VirtualNetworkPeering,
  sameId,
} from './model';

export interface OnPremPath {
  gateway: VirtualNetworkGateway;
  /** 'own' when the gateway is in the VNet's GatewaySubnet, 'hub' when reached through a peering. */
  via: 'own' | 'hub';
  hubVnet?: VirtualNetwork;
  /** Site-to-site (IPsec) and ExpressRoute connections of the gateway. */
  connections: GatewayConnection[];
  localGateways: LocalNetworkGateway[];
}

export interface OnPremConnectivity {
  paths: OnPremPath[];
  /** Vpn/ExpressRoute gateways the VNet can use that have no site-to-site or ExpressRoute connection. */
  unconnectedGateways: VirtualNetworkGateway[];
  hasExpressRoute: boolean;
  /** Prefixes of the local network gateways on the paths. */
  onPremPrefixes: IntervalSet;
  /** Local network gateways named by connections but missing from the inventory. */
  missingLocalGatewayIds: string[];
}

const ONPREM_GATEWAY_TYPES = ['vpn', 'expressroute'];
const ONPREM_CONNECTION_TYPES = ['ipsec', 'expressroute'];

export function isConnected(p: VirtualNetworkPeering): boolean {
  return p.peeringState.toLowerCase() === 'connected';
}

export function peeringTo(vnet: VirtualNetwork, remoteId: string): VirtualNetworkPeering | undefined {
  return vnet.peerings.find((p) => sameId(p.remoteVirtualNetworkId, remoteId));
}

/** Hub VNets whose gateway this VNet uses: useRemoteGateways here, allowGatewayTransit on the hub, both Connected. */
function transitHubs(index: InventoryIndex, vnet: VirtualNetwork): VirtualNetwork[] {
  const hubs: VirtualNetwork[] = [];
  for (const p of vnet.peerings) {
    if (!p.useRemoteGateways || !isConnected(p)) continue;
    const hub = index.vnet(p.remoteVirtualNetworkId);
    const back = hub && peeringTo(hub, vnet.id);
    if (hub && back && back.allowGatewayTransit && isConnected(back)) hubs.push(hub);
  }
  return hubs;
}

export function onPremConnectivity(index: InventoryIndex, vnet: VirtualNetwork): OnPremConnectivity {
  const result: OnPremConnectivity = {
    paths: [],
    unconnectedGateways: [],
    hasExpressRoute: false,
    onPremPrefixes: EMPTY,
    missingLocalGatewayIds: [],
  };
  const candidates: { gateway: VirtualNetworkGateway; via: 'own' | 'hub'; hubVnet?: VirtualNetwork }[] = [
    ...index.gatewaysOfVnet(vnet.id).map((gateway) => ({ gateway, via: 'own' as const })),
    ...transitHubs(index, vnet).flatMap((hubVnet) =>
      index.gatewaysOfVnet(hubVnet.id).map((gateway) => ({ gateway, via: 'hub' as const, hubVnet })),
    ),
  ];
  for (const c of candidates) {
    if (!ONPREM_GATEWAY_TYPES.includes(c.gateway.gatewayType.toLowerCase())) continue;
    // Point-to-site clients are not an on-premises network: only site-to-site and ExpressRoute connections count.
    const connections = index
      .connectionsOfGateway(c.gateway.id)
      .filter((k) => ONPREM_CONNECTION_TYPES.includes(k.connectionType.toLowerCase()));
    if (connections.length === 0) {
      result.unconnectedGateways.push(c.gateway);
      continue;
    }
    const localGateways: LocalNetworkGateway[] = [];
    for (const k of connections) {
      if (k.connectionType.toLowerCase() === 'expressroute') result.hasExpressRoute = true;
      if (!k.localNetworkGatewayId) continue;
      const lng = index.localGateway(k.localNetworkGatewayId);
      if (lng) localGateways.push(lng);
      else result.missingLocalGatewayIds.push(k.localNetworkGatewayId);
    }
    result.paths.push({ ...c, connections, localGateways });
    result.onPremPrefixes = union(result.onPremPrefixes, cidrSet(localGateways.flatMap((l) => l.addressPrefixes)));
  }
  return result;
}

/** The VirtualNetwork tag inside the VNet: its space, Connected peers' spaces and on-premises prefixes. */
export function resolveVirtualNetworkTag(
  index: InventoryIndex,
  vnet: VirtualNetwork,
  onPrem: OnPremConnectivity = onPremConnectivity(index, vnet),
): ResolvedSet {
  let known = union(cidrSet(vnet.addressPrefixes), onPrem.onPremPrefixes);
  const unknownParts: string[] = [];
  for (const p of vnet.peerings.filter(isConnected)) {
    const remote = index.vnet(p.remoteVirtualNetworkId);
    const prefixes = remote?.addressPrefixes.length ? remote.addressPrefixes : p.remoteAddressPrefixes;
    if (prefixes.length) known = union(known, cidrSet(prefixes));
    else unknownParts.push(`the address space of peered VNet ${p.remoteVirtualNetworkId} is not in the inventory`);
  }
  if (onPrem.hasExpressRoute) {
    unknownParts.push(
      'it also holds on-premises prefixes learned over ExpressRoute, which the inventory does not list',
    );
  }
  if (onPrem.missingLocalGatewayIds.length) {
    unknownParts.push(`local network gateway(s) ${onPrem.missingLocalGatewayIds.join(', ')} are not in the inventory`);
  }
  if (unknownParts.length === 0) return { known, uncertain: EMPTY };
  return {
    known,
    uncertain: subtract(ALL_IPV4, known),
    uncertainWhy: `VirtualNetwork of ${vnet.name} is not fully known: ${unknownParts.join('; ')}`,
  };
}

export function hasOnPremPath(c: OnPremConnectivity): boolean {
  return c.paths.length > 0;
}
