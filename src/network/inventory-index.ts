// Lookups over an inventory by lower-cased resource id, built once so verification stays linear.
import {
  GatewayConnection,
  Inventory,
  LocalNetworkGateway,
  NetworkSecurityGroup,
  RouteTable,
  Subnet,
  VirtualNetwork,
  VirtualNetworkGateway,
  vnetIdOfSubnet,
} from './model';

export interface SubnetEntry {
  subnet: Subnet;
  vnet: VirtualNetwork;
}

export interface InventoryIndex {
  inventory: Inventory;
  vnet(id: string | undefined): VirtualNetwork | undefined;
  subnet(id: string | undefined): SubnetEntry | undefined;
  nsg(id: string | undefined): NetworkSecurityGroup | undefined;
  routeTable(id: string | undefined): RouteTable | undefined;
  localGateway(id: string | undefined): LocalNetworkGateway | undefined;
  /** Gateways whose GatewaySubnet is in the VNet. */
  gatewaysOfVnet(vnetId: string): VirtualNetworkGateway[];
  /** Connections naming the gateway as either end. */
  connectionsOfGateway(gatewayId: string): GatewayConnection[];
}

const key = (id: string): string => id.toLowerCase();

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [key(i.id), i]));
}

function push<T>(map: Map<string, T[]>, k: string, v: T): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

export function indexInventory(inventory: Inventory): InventoryIndex {
  const vnets = byId(inventory.virtualNetworks);
  const nsgs = byId(inventory.networkSecurityGroups);
  const routeTables = byId(inventory.routeTables);
  const localGateways = byId(inventory.localNetworkGateways);
  const subnets = new Map<string, SubnetEntry>();
  for (const vnet of inventory.virtualNetworks) {
    for (const subnet of vnet.subnets) subnets.set(key(subnet.id), { subnet, vnet });
  }
  const gatewaysByVnet = new Map<string, VirtualNetworkGateway[]>();
  for (const gw of inventory.virtualNetworkGateways) {
    const vnetIds = new Set(gw.subnetIds.map((s) => key(vnetIdOfSubnet(s))));
    for (const v of vnetIds) push(gatewaysByVnet, v, gw);
  }
  const connectionsByGateway = new Map<string, GatewayConnection[]>();
  for (const c of inventory.connections) {
    push(connectionsByGateway, key(c.virtualNetworkGateway1Id), c);
    if (c.virtualNetworkGateway2Id) push(connectionsByGateway, key(c.virtualNetworkGateway2Id), c);
  }
  const get = <T>(map: Map<string, T>, id: string | undefined): T | undefined =>
    id === undefined ? undefined : map.get(key(id));
  return {
    inventory,
    vnet: (id) => get(vnets, id),
    subnet: (id) => get(subnets, id),
    nsg: (id) => get(nsgs, id),
    routeTable: (id) => get(routeTables, id),
    localGateway: (id) => get(localGateways, id),
    gatewaysOfVnet: (vnetId) => gatewaysByVnet.get(key(vnetId)) ?? [],
    connectionsOfGateway: (gatewayId) => connectionsByGateway.get(key(gatewayId)) ?? [],
  };
}
