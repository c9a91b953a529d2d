// How a VNet reaches on-premises: its own gateway, or a peered hub's gateway through gateway transit.
import { cidrSet } from './cidr';
import { EMPTY, IntervalSet, union } from './intervals';
import { InventoryIndex } from './inventory-index';
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
  /** ExpressRoute, or a site-to-site connection with BGP: prefixes are learned that the inventory cannot list. */
  learnsRoutes: boolean;
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
  /** Connected peerings that use the remote VNet's gateways, where that VNet is not in the inventory. */
  unknownRemoteGateways: VirtualNetworkPeering[];
}

export interface ReachableGateway {
  gateway: VirtualNetworkGateway;
  via: 'own' | 'hub';
  hubVnet?: VirtualNetwork;
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

/** The gateways whose routes reach the VNet: its own, and a peered hub's through gateway transit. */
export function reachableGateways(index: InventoryIndex, vnet: VirtualNetwork): ReachableGateway[] {
  return [
    ...index.gatewaysOfVnet(vnet.id).map((gateway) => ({ gateway, via: 'own' as const })),
    ...transitHubs(index, vnet).flatMap((hubVnet) =>
      index.gatewaysOfVnet(hubVnet.id).map((gateway) => ({ gateway, via: 'hub' as const, hubVnet })),
    ),
  ];
}

function learnsRoutes(connections: readonly GatewayConnection[]): boolean {
  return connections.some((k) => k.connectionType.toLowerCase() === 'expressroute' || k.enableBgp === true);
}

export function onPremConnectivity(index: InventoryIndex, vnet: VirtualNetwork): OnPremConnectivity {
  const result: OnPremConnectivity = {
    paths: [],
    unconnectedGateways: [],
    hasExpressRoute: false,
    onPremPrefixes: EMPTY,
    missingLocalGatewayIds: [],
    unknownRemoteGateways: vnet.peerings.filter(
      (p) => p.useRemoteGateways && isConnected(p) && !p.remoteIsVirtualWanHub && !index.vnet(p.remoteVirtualNetworkId),
    ),
  };
  for (const c of reachableGateways(index, vnet)) {
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
    result.paths.push({ ...c, connections, localGateways, learnsRoutes: learnsRoutes(connections) });
    result.onPremPrefixes = union(result.onPremPrefixes, cidrSet(localGateways.flatMap((l) => l.addressPrefixes)));
  }
  return result;
}

export function hasOnPremPath(c: OnPremConnectivity): boolean {
  return c.paths.length > 0;
}
