// Lookups over an inventory by lower-cased resource id, built once so verification stays linear.
import { cidrSet } from './cidr';
import { IntervalSet } from './intervals';
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
  /** The IPv4 addresses of every VNet of the inventory (computed once). */
  vnetSpace(): IntervalSet;
}

function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
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

/** The items of `changed` that are not the very objects of `base` at the same place (changes copy what they touch). */
function changedItems<T>(base: readonly T[], changed: readonly T[]): T[] {
  if (base === changed) return [];
  return changed.filter((item, i) => base[i] !== item);
}

/**
 * The index of an inventory that changes made from the indexed one (apply-changes.ts: items are replaced or added,
 * never removed, and what is not touched is the same object): lookups see the changed items first and share the rest
 * with `base`, so indexing it costs what was changed, not the whole inventory.
 */
export function indexChangedInventory(base: InventoryIndex, changed: Inventory): InventoryIndex {
  const was = base.inventory;
  const vnets = byId(changedItems(was.virtualNetworks, changed.virtualNetworks));
  const nsgs = byId(changedItems(was.networkSecurityGroups, changed.networkSecurityGroups));
  const routeTables = byId(changedItems(was.routeTables, changed.routeTables));
  const localGateways = byId(changedItems(was.localNetworkGateways, changed.localNetworkGateways));
  const subnets = new Map<string, SubnetEntry>();
  for (const vnet of vnets.values()) {
    for (const subnet of vnet.subnets) subnets.set(key(subnet.id), { subnet, vnet });
  }
  const gatewaysChanged =
    was.virtualNetworkGateways !== changed.virtualNetworkGateways || was.connections !== changed.connections;
  const fresh = gatewaysChanged
    ? indexInventory({
        ...changed,
        virtualNetworks: [],
        networkSecurityGroups: [],
        routeTables: [],
        localNetworkGateways: [],
      })
    : base;
  const pick =
    <T>(overrides: Map<string, T>, fallback: (id: string | undefined) => T | undefined) =>
    (id: string | undefined): T | undefined =>
      (id === undefined ? undefined : overrides.get(key(id))) ?? fallback(id);
  return {
    inventory: changed,
    vnet: pick(vnets, base.vnet),
    subnet: pick(subnets, base.subnet),
    nsg: pick(nsgs, base.nsg),
    routeTable: pick(routeTables, base.routeTable),
    localGateway: pick(localGateways, base.localGateway),
    gatewaysOfVnet: fresh.gatewaysOfVnet,
    connectionsOfGateway: fresh.connectionsOfGateway,
    // address spaces are shared with the base unless a change gave a VNet new ones (or added one)
    vnetSpace:
      changed.virtualNetworks.length === was.virtualNetworks.length &&
      [...vnets.values()].every((v) => base.vnet(v.id)?.addressPrefixes === v.addressPrefixes)
        ? base.vnetSpace
        : once(() => cidrSet(changed.virtualNetworks.flatMap((v) => v.addressPrefixes))),
  };
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
    vnetSpace: once(() => cidrSet(inventory.virtualNetworks.flatMap((v) => v.addressPrefixes))),
  };
}
