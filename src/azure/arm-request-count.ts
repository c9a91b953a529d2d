import type { Inventory } from '../network/model';

/** Resource counts of one subscription, as the live read sees them. */
export interface SubscriptionSize {
  virtualNetworks: number;
  networkSecurityGroups: number;
  routeTables: number;
  networkInterfaces: number;
  applicationSecurityGroups: number;
  managedInstances: number;
  classicDmsServices: number;
  currentDmsServices: number;
  virtualNetworkGateways: number;
  connections: number;
  localNetworkGateways: number;
  /** Resource groups holding gateways, connections and local gateways (each is listed per group). */
  gatewayResourceGroups: number;
  connectionResourceGroups: number;
  localGatewayResourceGroups: number;
  /** The current DMS path (read only when some subscription holds a sqlMigrationServices resource); absent means 0. */
  storageAccounts?: number;
  privateDnsZoneLinks?: number;
  /** The current DMS path: one paged list of each per scope read. */
  privateEndpoints?: number;
  roleAssignments?: number;
}

/** ARM does not document list page sizes; this is the assumption used when none is given. */
export const ASSUMED_ARM_PAGE_SIZE = 100;

const pages = (items: number, pageSize: number): number => Math.max(1, Math.ceil(items / pageSize));

/** Requests per group for `items` spread evenly over `groups` groups (none when there are no groups). */
const perGroupPages = (items: number, groups: number, pageSize: number): number =>
  groups === 0 ? 0 : groups * pages(Math.ceil(items / groups), pageSize);

/**
 * Resource counts of one resource group read at resource group scope (--resource-group): gateways, connections
 * and local gateways are listed in the group directly, so no group counts are needed.
 */
export type ResourceGroupSize = Omit<
  SubscriptionSize,
  'gatewayResourceGroups' | 'connectionResourceGroups' | 'localGatewayResourceGroups'
>;

/**
 * What every scope read costs, a subscription or a resource group: one paged list per kind (for gateways,
 * connections and local gateways in a subscription, the generic list that finds their groups), the two generic
 * DMS lists, and one GET per classic DMS service.
 */
function scopeRequests(s: ResourceGroupSize, pageSize: number): number {
  return (
    pages(s.virtualNetworks, pageSize) +
    pages(s.networkSecurityGroups, pageSize) +
    pages(s.routeTables, pageSize) +
    pages(s.networkInterfaces, pageSize) +
    pages(s.applicationSecurityGroups, pageSize) +
    pages(s.managedInstances, pageSize) +
    pages(s.virtualNetworkGateways, pageSize) +
    pages(s.connections, pageSize) +
    pages(s.localNetworkGateways, pageSize) +
    pages(s.classicDmsServices, pageSize) +
    pages(s.currentDmsServices, pageSize) +
    s.classicDmsServices
  );
}

/**
 * How many ARM requests readLiveResources makes (token requests not counted), mirroring its plan:
 * six subscription-wide lists (VNets, NSGs, route tables, network interfaces, application security groups,
 * managed instances), five generic resource lists by type, one list per resource group for
 * gateways, connections and local gateways, and one GET per classic DMS service.
 *
 * `resourceGroups` are the groups read at resource group scope: per group the same six lists (group-scoped),
 * the gateway, connection and local gateway lists, two generic lists (classic and the current DMS) and one GET per
 * classic DMS service. The current DMS path, when some scope holds a migration service, adds per scope (subscription
 * or group) the storage account and DNS link lists with a GET per item, the private endpoint and role assignment
 * lists, and a GET per migration service.
 */
export function armRequestCount(
  subscriptions: SubscriptionSize[],
  pageSize = ASSUMED_ARM_PAGE_SIZE,
  resourceGroups: ResourceGroupSize[] = [],
): number {
  let requests = 0;
  // The current DMS path: a GET per migration service, and the storage accounts and DNS links of every scope read.
  if ([...subscriptions, ...resourceGroups].some((s) => s.currentDmsServices > 0)) {
    for (const s of [...subscriptions, ...resourceGroups]) {
      const accounts = s.storageAccounts ?? 0;
      const links = s.privateDnsZoneLinks ?? 0;
      requests += s.currentDmsServices + pages(accounts, pageSize) + accounts + pages(links, pageSize) + links;
      requests += pages(s.privateEndpoints ?? 0, pageSize) + pages(s.roleAssignments ?? 0, pageSize);
    }
  }
  for (const g of resourceGroups) requests += scopeRequests(g, pageSize);
  for (const s of subscriptions) {
    requests +=
      scopeRequests(s, pageSize) +
      perGroupPages(s.virtualNetworkGateways, s.gatewayResourceGroups, pageSize) +
      perGroupPages(s.connections, s.connectionResourceGroups, pageSize) +
      perGroupPages(s.localNetworkGateways, s.localGatewayResourceGroups, pageSize);
  }
  return requests;
}

/** An empty resource group read at resource group scope: its eleven list requests are all it costs. */
export const EMPTY_RESOURCE_GROUP: Readonly<ResourceGroupSize> = {
  virtualNetworks: 0,
  networkSecurityGroups: 0,
  routeTables: 0,
  networkInterfaces: 0,
  applicationSecurityGroups: 0,
  managedInstances: 0,
  classicDmsServices: 0,
  currentDmsServices: 0,
  virtualNetworkGateways: 0,
  connections: 0,
  localNetworkGateways: 0,
};

/** A subscription with nothing in it: the eleven list requests are all it costs. */
export const EMPTY_SUBSCRIPTION: Readonly<SubscriptionSize> = {
  ...EMPTY_RESOURCE_GROUP,
  gatewayResourceGroups: 0,
  connectionResourceGroups: 0,
  localGatewayResourceGroups: 0,
};

/** The size of each subscription of an inventory (ids decide the subscription); listed ones count even when empty. */
export function subscriptionSizesOf(inventory: Inventory, subscriptionIds: string[] = []): SubscriptionSize[] {
  const keyOf = (id: string) => (/\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '').toLowerCase();
  return sizesBy(
    inventory,
    keyOf,
    subscriptionIds.map((id) => keyOf(`/subscriptions/${id}`)),
    true,
  );
}

/**
 * The size of each of the given resource groups in an inventory, in the order given (the resources of other
 * groups are not read at resource group scope and do not count).
 */
export function resourceGroupSizesOf(
  inventory: Inventory,
  groups: { subscriptionId: string; resourceGroup: string }[],
): ResourceGroupSize[] {
  const keyOf = (id: string) => {
    const m = /\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i.exec(id);
    return m ? `${m[1]}/${m[2]}`.toLowerCase() : '';
  };
  const keys = groups.map((g) => `${g.subscriptionId}/${g.resourceGroup}`.toLowerCase());
  // A group's role assignment list also holds those of its subscription (inherited).
  const inherited = (subscriptionId: string) =>
    (inventory.roleAssignments ?? []).filter((a) =>
      new RegExp(`^/subscriptions/${subscriptionId}/providers/`, 'i').test(a.id),
    ).length;
  return sizesBy(inventory, keyOf, keys, false).map(
    ({ gatewayResourceGroups: _g, connectionResourceGroups: _c, localGatewayResourceGroups: _l, ...size }, i) => {
      const fromSubscription = inherited(groups[i].subscriptionId);
      return fromSubscription > 0 ? { ...size, roleAssignments: (size.roleAssignments ?? 0) + fromSubscription } : size;
    },
  );
}

/** Sizes per key of a resource id; `keys` come first and always count; other keys count only when `others`. */
function sizesBy(inventory: Inventory, keyOf: (id: string) => string, keys: string[], others: boolean) {
  type Counting = SubscriptionSize & { groups: Record<'gw' | 'cn' | 'lgw', Set<string>> };
  const blank = (): Counting => ({ ...EMPTY_SUBSCRIPTION, groups: { gw: new Set(), cn: new Set(), lgw: new Set() } });
  const sizes = new Map<string, Counting>();
  const ignored = blank(); // resources of keys not read
  const add = (key: string) => {
    const size = blank();
    sizes.set(key, size);
    return size;
  };
  for (const key of keys) if (!sizes.has(key)) add(key);
  const sizeOf = (id: string) => {
    const key = keyOf(id);
    return sizes.get(key) ?? (others ? add(key) : ignored);
  };
  const groupOf = (id: string) => (/\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '').toLowerCase();
  for (const r of inventory.virtualNetworks) sizeOf(r.id).virtualNetworks++;
  for (const r of inventory.networkSecurityGroups) sizeOf(r.id).networkSecurityGroups++;
  for (const r of inventory.routeTables) sizeOf(r.id).routeTables++;
  for (const r of inventory.networkInterfaces ?? []) sizeOf(r.id).networkInterfaces++;
  for (const r of inventory.applicationSecurityGroups ?? []) sizeOf(r.id).applicationSecurityGroups++;
  for (const r of inventory.managedInstances) sizeOf(r.id).managedInstances++;
  const currentIds = new Map<string, string>(); // listed in dms.json and/or read in migration-services.json
  for (const r of inventory.dmsServices) {
    if (r.kind === 'classic') sizeOf(r.id).classicDmsServices++;
    else currentIds.set(r.id.toLowerCase(), r.id);
  }
  for (const r of inventory.sqlMigrationServices ?? []) currentIds.set(r.id.toLowerCase(), r.id);
  for (const id of currentIds.values()) sizeOf(id).currentDmsServices++;
  for (const r of inventory.virtualNetworkGateways) {
    const s = sizeOf(r.id);
    s.virtualNetworkGateways++;
    s.groups.gw.add(groupOf(r.id));
  }
  for (const r of inventory.connections) {
    const s = sizeOf(r.id);
    s.connections++;
    s.groups.cn.add(groupOf(r.id));
  }
  for (const r of inventory.localNetworkGateways) {
    const s = sizeOf(r.id);
    s.localNetworkGateways++;
    s.groups.lgw.add(groupOf(r.id));
  }
  for (const r of inventory.storageAccounts ?? []) {
    const s = sizeOf(r.id);
    s.storageAccounts = (s.storageAccounts ?? 0) + 1;
  }
  for (const r of inventory.privateDnsZoneLinks ?? []) {
    const s = sizeOf(r.id);
    s.privateDnsZoneLinks = (s.privateDnsZoneLinks ?? 0) + 1;
  }
  for (const r of inventory.privateEndpoints ?? []) {
    const s = sizeOf(r.id);
    s.privateEndpoints = (s.privateEndpoints ?? 0) + 1;
  }
  // a management group's assignment names no subscription: it costs no page of its own
  for (const r of inventory.roleAssignments ?? []) {
    if (keyOf(r.id) === '') continue;
    const s = sizeOf(r.id);
    s.roleAssignments = (s.roleAssignments ?? 0) + 1;
  }
  return [...sizes.values()].map(({ groups, ...size }) => ({
    ...size,
    gatewayResourceGroups: groups.gw.size,
    connectionResourceGroups: groups.cn.size,
    localGatewayResourceGroups: groups.lgw.size,
  }));
}
