// Applies changes to a copy of an inventory, as Azure would make them: what a change touches is copied, the rest
// is shared with the original (which is never modified). A change Azure would refuse (two rules with one priority and
// direction, a peering of overlapping address spaces, a resource that is not there, a placeholder for a value) is not
// applied and comes back as a problem naming its field.
import { isPlaceholder, type InventoryChange } from './changes';
import { idSegment } from './change-commands';
import { addressFamily, cidrSet, parseCidr } from './cidr';
import { intersect, isEmpty } from './intervals';
import {
  sameId,
  vnetIdOfSubnet,
  type Inventory,
  type NetworkSecurityGroup,
  type RouteTable,
  type SecurityRule,
  type StorageAccount,
  type Subnet,
  type VirtualNetwork,
  type VirtualNetworkPeering,
} from './model';
import { parseServiceTag } from './service-tags';
import { MAX_PRIORITY, MIN_PRIORITY } from './nsg-allow-planner';

export interface ApplyProblem {
  /** Index of the change in the list given. */
  index: number;
  /** The change's field at fault ('rule.priority', 'nsgId'), as the JSON names it. */
  field: string;
  message: string;
}

export interface AppliedChanges {
  inventory: Inventory;
  /** Indexes of the changes applied. */
  applied: number[];
  problems: ApplyProblem[];
}

class Refused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const last = (id: string): string => id.slice(id.lastIndexOf('/') + 1);
const lower = (s: string): string => s.toLowerCase();

/** The inventory being changed: arrays and objects are copied the first time a change touches them. */
class Draft {
  readonly inventory: Inventory;
  private readonly copied = new Set<unknown>();

  constructor(original: Inventory) {
    this.inventory = { ...original };
  }

  /** The inventory's list, copied once so that it can be changed. */
  list<K extends keyof Inventory>(key: K): NonNullable<Inventory[K]> {
    const current = (this.inventory[key] ?? []) as unknown[];
    if (!this.copied.has(key)) {
      this.inventory[key] = [...current] as Inventory[K];
      this.copied.add(key);
    }
    return this.inventory[key] as NonNullable<Inventory[K]>;
  }

  /** The item of a list with this id, copied once (with `copy`) so that it can be changed. */
  private item<K extends keyof Inventory, T extends { id: string }>(
    key: K,
    id: string,
    copy: (item: T) => T,
  ): T | undefined {
    const items = (this.inventory[key] ?? []) as unknown as T[];
    const at = items.findIndex((i) => sameId(i.id, id));
    if (at < 0) return undefined;
    if (this.copied.has(items[at])) return items[at];
    const copyOf = copy(items[at]);
    const list = this.list(key) as unknown as T[];
    list[at] = copyOf;
    this.copied.add(copyOf);
    return copyOf;
  }

  vnet(id: string): VirtualNetwork | undefined {
    return this.item<'virtualNetworks', VirtualNetwork>('virtualNetworks', id, (v) => ({
      ...v,
      subnets: v.subnets.map((s) => ({ ...s })),
      peerings: v.peerings.map((p) => ({ ...p })),
    }));
  }

  nsg(id: string): NetworkSecurityGroup | undefined {
    return this.item<'networkSecurityGroups', NetworkSecurityGroup>('networkSecurityGroups', id, (n) => ({
      ...n,
      securityRules: [...n.securityRules],
    }));
  }

  routeTable(id: string): RouteTable | undefined {
    return this.item<'routeTables', RouteTable>('routeTables', id, (t) => ({ ...t, routes: [...t.routes] }));
  }

  storageAccount(id: string): StorageAccount | undefined {
    return this.item<'storageAccounts', StorageAccount>('storageAccounts', id, (a) => ({
      ...a,
      tags: { ...a.tags },
      networkRuleSet: {
        ...a.networkRuleSet,
        virtualNetworkRules: [...a.networkRuleSet.virtualNetworkRules],
        ipRules: [...a.networkRuleSet.ipRules],
      },
      privateEndpointConnections: a.privateEndpointConnections.map((c) => ({ ...c })),
    }));
  }

  subnet(id: string): { vnet: VirtualNetwork; subnet: Subnet } | undefined {
    const vnet = this.vnet(vnetIdOfSubnet(id));
    const subnet = vnet?.subnets.find((s) => sameId(s.id, id));
    return vnet && subnet ? { vnet, subnet } : undefined;
  }

  has<K extends keyof Inventory>(key: K, id: string): boolean {
    return ((this.inventory[key] ?? []) as { id: string }[]).some((i) => sameId(i.id, id));
  }
}

function need<T>(value: T | undefined, field: string, what: string): T {
  if (value === undefined) throw new Refused(field, `${what} is not in the inventory`);
  return value;
}

function checkPrefix(p: string, field: string): void {
  try {
    if (addressFamily(p) === 'IPv4') parseCidr(p);
  } catch (e) {
    throw new Refused(field, `"${p}" is not an IP address or prefix: ${(e as Error).message}`);
  }
}

function checkPrefixes(prefixes: readonly string[], field: string): void {
  prefixes.forEach((p, i) => checkPrefix(p, `${field}[${i}]`));
}

/** NSG rule prefixes: '*', a service tag, an address or a prefix. */
function checkRulePrefixes(prefixes: readonly string[], field: string): void {
  prefixes.forEach((p, i) => {
    if (p !== '*' && !parseServiceTag(p)) checkPrefix(p, `${field}[${i}]`);
  });
}

function checkPriority(nsg: NetworkSecurityGroup, rule: SecurityRule, field: string): void {
  if (!Number.isInteger(rule.priority) || rule.priority < MIN_PRIORITY || rule.priority > MAX_PRIORITY) {
    throw new Refused(field, `priority ${rule.priority} is not ${MIN_PRIORITY}-${MAX_PRIORITY}`);
  }
  const taken = nsg.securityRules.find(
    (r) => r.direction === rule.direction && r.priority === rule.priority && lower(r.name) !== lower(rule.name),
  );
  if (taken) {
    throw new Refused(
      field,
      `priority ${rule.priority} (${rule.direction}) is rule ${taken.name}'s in NSG ${nsg.name}: Azure refuses two rules with one priority and direction`,
    );
  }
}

function ruleOf(nsg: NetworkSecurityGroup, name: string): number {
  const at = nsg.securityRules.findIndex((r) => lower(r.name) === lower(name));
  if (at < 0) throw new Refused('ruleName', `NSG ${nsg.name} has no rule ${name}`);
  return at;
}

function peeringOf(vnet: VirtualNetwork, name: string): VirtualNetworkPeering {
  const p = vnet.peerings.find((x) => lower(x.name) === lower(name));
  if (!p) throw new Refused('name', `VNet ${vnet.name} has no peering ${name}`);
  return p;
}

function applyNsgChange(d: Draft, c: Extract<InventoryChange, { nsgId: string }>): void {
  const nsg = need(d.nsg(c.nsgId), 'nsgId', `network security group ${c.nsgId}`);
  switch (c.kind) {
    case 'nsg-rule-create': {
      const rule: SecurityRule = {
        ...c.rule,
        sourceApplicationSecurityGroups: [],
        destinationApplicationSecurityGroups: [],
      };
      checkPriority(nsg, rule, 'rule.priority');
      checkRulePrefixes(rule.sourceAddressPrefixes, 'rule.sourceAddressPrefixes');
      checkRulePrefixes(rule.destinationAddressPrefixes, 'rule.destinationAddressPrefixes');
      const at = nsg.securityRules.findIndex((r) => lower(r.name) === lower(rule.name));
      if (at >= 0) nsg.securityRules[at] = rule;
      else nsg.securityRules.push(rule);
      return;
    }
    case 'nsg-rule-update': {
      const at = ruleOf(nsg, c.ruleName);
      const { kind: _k, nsgId: _n, ruleName: _r, ...fields } = c;
      const rule: SecurityRule = { ...nsg.securityRules[at], ...fields };
      if (c.priority !== undefined) checkPriority(nsg, rule, 'priority');
      if (c.sourceAddressPrefixes) checkRulePrefixes(c.sourceAddressPrefixes, 'sourceAddressPrefixes');
      if (c.destinationAddressPrefixes) checkRulePrefixes(c.destinationAddressPrefixes, 'destinationAddressPrefixes');
      nsg.securityRules[at] = rule;
      return;
    }
    case 'nsg-rule-delete':
      nsg.securityRules.splice(ruleOf(nsg, c.ruleName), 1);
      return;
  }
}

function overlapping(a: VirtualNetwork, b: VirtualNetwork): boolean {
  return !isEmpty(intersect(cidrSet(a.addressPrefixes), cidrSet(b.addressPrefixes)));
}

function applyPeeringChange(
  d: Draft,
  c: Extract<InventoryChange, { kind: 'peering-create' | 'peering-update' | 'peering-delete' }>,
): void {
  const vnet = need(d.vnet(c.vnetId), 'vnetId', `virtual network ${c.vnetId}`);
  if (c.kind === 'peering-update') {
    const p = peeringOf(vnet, c.name);
    for (const key of ['allowForwardedTraffic', 'allowGatewayTransit', 'useRemoteGateways'] as const) {
      if (c[key] !== undefined) p[key] = c[key];
    }
    return;
  }
  if (c.kind === 'peering-delete') {
    const p = peeringOf(vnet, c.name);
    vnet.peerings = vnet.peerings.filter((x) => x !== p);
    // the other side of a Connected peering turns Disconnected
    const back = d.vnet(p.remoteVirtualNetworkId)?.peerings.find((x) => sameId(x.remoteVirtualNetworkId, vnet.id));
    if (back && lower(back.peeringState) === 'connected') back.peeringState = 'Disconnected';
    return;
  }
  if (vnet.peerings.some((x) => lower(x.name) === lower(c.name))) {
    throw new Refused('name', `VNet ${vnet.name} already has a peering ${c.name}`);
  }
  if (vnet.peerings.some((x) => sameId(x.remoteVirtualNetworkId, c.remoteVnetId))) {
    throw new Refused('remoteVnetId', `VNet ${vnet.name} is already peered with ${c.remoteVnetId}`);
  }
  const remote = d.vnet(c.remoteVnetId);
  if (remote && overlapping(vnet, remote)) {
    throw new Refused(
      'remoteVnetId',
      `the address spaces of ${vnet.name} and ${remote.name} overlap: Azure refuses to peer them`,
    );
  }
  const back = remote?.peerings.find((x) => sameId(x.remoteVirtualNetworkId, vnet.id));
  const joins = back !== undefined && /^(initiated|connected)$/i.test(back.peeringState);
  if (back && joins) back.peeringState = 'Connected';
  vnet.peerings.push({
    id: `${vnet.id}/virtualNetworkPeerings/${c.name}`,
    name: c.name,
    remoteVirtualNetworkId: c.remoteVnetId,
    peeringState: joins ? 'Connected' : 'Initiated',
    allowForwardedTraffic: c.allowForwardedTraffic ?? false,
    allowGatewayTransit: c.allowGatewayTransit ?? false,
    useRemoteGateways: c.useRemoteGateways ?? false,
    remoteAddressPrefixes: remote?.addressPrefixes ?? [],
  });
}

function routeTableOf(d: Draft, id: string): RouteTable {
  return need(d.routeTable(id), 'routeTableId', `route table ${id}`);
}

function checkRoutePrefix(prefix: string): void {
  if (!parseServiceTag(prefix.trim())) checkPrefix(prefix, 'addressPrefix');
}

function applyStorageChange(
  d: Draft,
  c: Extract<
    InventoryChange,
    { kind: 'storage-account-update' | 'storage-network-rule-add' | 'private-endpoint-connection-approve' }
  >,
): void {
  if (c.kind === 'private-endpoint-connection-approve') {
    const owner = (d.inventory.storageAccounts ?? []).find((a) =>
      a.privateEndpointConnections.some((x) => sameId(x.id, c.connectionId)),
    );
    const account = need(
      owner && d.storageAccount(owner.id),
      'connectionId',
      `private endpoint connection ${c.connectionId}`,
    );
    const connection = account.privateEndpointConnections.find((x) => sameId(x.id, c.connectionId))!;
    connection.status = 'Approved';
    return;
  }
  const account = need(
    d.storageAccount(c.storageAccountId),
    'storageAccountId',
    `storage account ${c.storageAccountId}`,
  );
  const rules = account.networkRuleSet;
  if (c.kind === 'storage-account-update') {
    if (c.publicNetworkAccess !== undefined) account.publicNetworkAccess = c.publicNetworkAccess;
    if (c.defaultAction !== undefined) account.networkRuleSet = { ...rules, defaultAction: c.defaultAction };
    if (c.allowSharedKeyAccess !== undefined) account.allowSharedKeyAccess = c.allowSharedKeyAccess;
    if (c.tags) account.tags = { ...account.tags, ...c.tags };
    return;
  }
  if ((c.subnetId === undefined) === (c.ipAddress === undefined)) {
    throw new Refused('subnetId', 'give either subnetId (a virtual network rule) or ipAddress (an IP rule)');
  }
  if (c.ipAddress !== undefined) {
    checkPrefix(c.ipAddress, 'ipAddress');
    if (!rules.ipRules.includes(c.ipAddress)) rules.ipRules.push(c.ipAddress);
    return;
  }
  const subnetId = c.subnetId!;
  const entry = d.subnet(subnetId);
  if (entry && !entry.subnet.serviceEndpoints.some((e) => /^microsoft\.storage(\.global)?$/i.test(e))) {
    throw new Refused(
      'subnetId',
      `subnet ${entry.subnet.name} has no Microsoft.Storage service endpoint: Azure refuses the rule until it has one`,
    );
  }
  const existing = rules.virtualNetworkRules.findIndex((r) => sameId(r.subnetId, subnetId));
  const rule = { subnetId, action: 'Allow', state: 'Succeeded' };
  if (existing >= 0) rules.virtualNetworkRules[existing] = rule;
  else rules.virtualNetworkRules.push(rule);
}

function applyOne(d: Draft, c: InventoryChange): void {
  switch (c.kind) {
    case 'nsg-rule-create':
    case 'nsg-rule-update':
    case 'nsg-rule-delete':
      return applyNsgChange(d, c);
    case 'vnet-create': {
      if (d.has('virtualNetworks', c.vnetId)) throw new Refused('vnetId', `virtual network ${c.vnetId} exists`);
      checkPrefixes(c.addressPrefixes, 'addressPrefixes');
      d.list('virtualNetworks').push({
        id: c.vnetId,
        name: last(c.vnetId),
        resourceGroup: idSegment(c.vnetId, 'resourceGroups'),
        subscriptionId: idSegment(c.vnetId, 'subscriptions'),
        location: c.location ?? '',
        addressPrefixes: c.addressPrefixes,
        dnsServers: [],
        subnets: [],
        peerings: [],
      });
      return;
    }
    case 'vnet-update':
      need(d.vnet(c.vnetId), 'vnetId', `virtual network ${c.vnetId}`).dnsServers = c.dnsServers;
      return;
    case 'subnet-create': {
      const vnet = need(d.vnet(vnetIdOfSubnet(c.subnetId)), 'subnetId', `the virtual network of ${c.subnetId}`);
      if (vnet.subnets.some((s) => sameId(s.id, c.subnetId))) throw new Refused('subnetId', `${c.subnetId} exists`);
      checkPrefixes(c.addressPrefixes, 'addressPrefixes');
      vnet.subnets.push({
        id: c.subnetId,
        name: last(c.subnetId),
        addressPrefixes: c.addressPrefixes,
        delegations: [],
        serviceEndpoints: [],
      });
      return;
    }
    case 'subnet-update': {
      const { subnet } = need(d.subnet(c.subnetId), 'subnetId', `subnet ${c.subnetId}`);
      if (c.serviceEndpoints) subnet.serviceEndpoints = c.serviceEndpoints;
      if (c.delegations) subnet.delegations = c.delegations;
      if (c.networkSecurityGroupId !== undefined) subnet.networkSecurityGroupId = c.networkSecurityGroupId;
      if (c.routeTableId !== undefined) subnet.routeTableId = c.routeTableId;
      return;
    }
    case 'peering-create':
    case 'peering-update':
    case 'peering-delete':
      return applyPeeringChange(d, c);
    case 'route-create': {
      const table = routeTableOf(d, c.routeTableId);
      checkRoutePrefix(c.addressPrefix);
      const route = {
        name: c.name,
        addressPrefix: c.addressPrefix,
        nextHopType: c.nextHopType,
        ...(c.nextHopIpAddress ? { nextHopIpAddress: c.nextHopIpAddress } : {}),
      };
      const at = table.routes.findIndex((r) => lower(r.name) === lower(c.name));
      if (at >= 0) table.routes[at] = route;
      else table.routes.push(route);
      return;
    }
    case 'route-delete': {
      const table = routeTableOf(d, c.routeTableId);
      const at = table.routes.findIndex((r) => lower(r.name) === lower(c.name));
      if (at < 0) throw new Refused('name', `route table ${table.name} has no route ${c.name}`);
      table.routes.splice(at, 1);
      return;
    }
    case 'route-table-update':
      routeTableOf(d, c.routeTableId).disableBgpRoutePropagation = c.disableBgpRoutePropagation;
      return;
    case 'vnet-gateway-create': {
      const vnet = need(d.vnet(c.vnetId), 'vnetId', `virtual network ${c.vnetId}`);
      const gatewaySubnet = vnet.subnets.find((s) => lower(s.name) === 'gatewaysubnet');
      if (!gatewaySubnet) throw new Refused('vnetId', `VNet ${vnet.name} has no GatewaySubnet for a gateway`);
      if (d.has('virtualNetworkGateways', c.gatewayId)) throw new Refused('gatewayId', `${c.gatewayId} exists`);
      d.list('virtualNetworkGateways').push({
        id: c.gatewayId,
        name: last(c.gatewayId),
        gatewayType: c.gatewayType,
        subnetIds: [gatewaySubnet.id],
        hasPointToSite: false,
      });
      return;
    }
    case 'local-gateway-create':
      if (d.has('localNetworkGateways', c.localNetworkGatewayId)) {
        throw new Refused('localNetworkGatewayId', `${c.localNetworkGatewayId} exists`);
      }
      checkPrefixes(c.addressPrefixes, 'addressPrefixes');
      d.list('localNetworkGateways').push({
        id: c.localNetworkGatewayId,
        name: last(c.localNetworkGatewayId),
        addressPrefixes: c.addressPrefixes,
        gatewayIpAddress: c.gatewayIpAddress,
      });
      return;
    case 'local-gateway-update': {
      const list = d.list('localNetworkGateways');
      const at = list.findIndex((l) => sameId(l.id, c.localNetworkGatewayId));
      if (at < 0)
        throw new Refused(
          'localNetworkGatewayId',
          `local network gateway ${c.localNetworkGatewayId} is not in the inventory`,
        );
      checkPrefixes(c.addressPrefixes, 'addressPrefixes');
      list[at] = { ...list[at], addressPrefixes: c.addressPrefixes };
      return;
    }
    case 'connection-create': {
      if (!d.has('virtualNetworkGateways', c.virtualNetworkGatewayId)) {
        throw new Refused(
          'virtualNetworkGatewayId',
          `virtual network gateway ${c.virtualNetworkGatewayId} is not in the inventory`,
        );
      }
      if (c.connectionType === 'IPsec') {
        const lng = need(
          c.localNetworkGatewayId,
          'localNetworkGatewayId',
          'a site-to-site connection without localNetworkGatewayId',
        );
        if (!d.has('localNetworkGateways', lng)) {
          throw new Refused('localNetworkGatewayId', `local network gateway ${lng} is not in the inventory`);
        }
      } else {
        need(
          c.expressRouteCircuitId,
          'expressRouteCircuitId',
          'an ExpressRoute connection without expressRouteCircuitId',
        );
      }
      if (d.has('connections', c.connectionId)) throw new Refused('connectionId', `${c.connectionId} exists`);
      d.list('connections').push({
        id: c.connectionId,
        name: last(c.connectionId),
        connectionType: c.connectionType,
        virtualNetworkGateway1Id: c.virtualNetworkGatewayId,
        // Whether the tunnel or circuit comes up is decided on-premises or by the provider: a new one proves no path yet.
        connectionStatus: 'NotConnected',
        ...(c.localNetworkGatewayId ? { localNetworkGatewayId: c.localNetworkGatewayId } : {}),
        ...(c.expressRouteCircuitId ? { peerId: c.expressRouteCircuitId } : {}),
        ...(c.enableBgp !== undefined ? { enableBgp: c.enableBgp } : {}),
      });
      return;
    }
    case 'storage-account-update':
    case 'storage-network-rule-add':
    case 'private-endpoint-connection-approve':
      return applyStorageChange(d, c);
    case 'storage-account-create':
      if (d.has('storageAccounts', c.storageAccountId))
        throw new Refused('storageAccountId', `${c.storageAccountId} exists`);
      d.list('storageAccounts').push({
        id: c.storageAccountId,
        name: last(c.storageAccountId),
        resourceGroup: idSegment(c.storageAccountId, 'resourceGroups'),
        location: c.location,
        networkRuleSet: { defaultAction: 'Allow', virtualNetworkRules: [], ipRules: [] },
        privateEndpointConnections: [],
        tags: {},
      });
      return;
    case 'private-endpoint-create': {
      const account = need(
        d.storageAccount(c.targetResourceId),
        'targetResourceId',
        `storage account ${c.targetResourceId}`,
      );
      const entry = need(d.subnet(c.subnetId), 'subnetId', `subnet ${c.subnetId}`);
      if (d.has('privateEndpoints', c.privateEndpointId))
        throw new Refused('privateEndpointId', `${c.privateEndpointId} exists`);
      d.list('privateEndpoints').push({
        id: c.privateEndpointId,
        name: last(c.privateEndpointId),
        location: entry.vnet.location,
        subnetId: entry.subnet.id,
        targetIds: [account.id],
      });
      // approved at once when whoever creates it may approve connections to the account (its owner usually)
      account.privateEndpointConnections.push({
        id: `${account.id}/privateEndpointConnections/${c.connectionName}`,
        privateEndpointId: c.privateEndpointId,
        status: 'Approved',
      });
      return;
    }
    case 'private-dns-link-create': {
      const links = d.list('privateDnsZoneLinks');
      if (links.some((l) => sameId(l.id, c.linkId))) throw new Refused('linkId', `${c.linkId} exists`);
      links.push({
        id: c.linkId,
        name: last(c.linkId),
        zoneName: idSegment(c.linkId, 'privateDnsZones'),
        virtualNetworkId: c.virtualNetworkId,
        registrationEnabled: c.registrationEnabled,
      });
      return;
    }
    case 'role-assignment-create': {
      const list = d.list('roleAssignments');
      list.push({
        id: `${c.scope}/providers/Microsoft.Authorization/roleAssignments/planned-${list.length + 1}`,
        principalId: c.principalId,
        roleDefinitionId: c.roleDefinitionId,
        roleDefinitionName: c.roleDefinitionName,
        scope: c.scope,
      });
      return;
    }
    case 'managed-instance-update': {
      if (c.assignIdentity) {
        throw new Refused(
          'assignIdentity',
          'the object id of the new identity is known only once Azure creates it: make the change, then verify again',
        );
      }
      const list = d.list('managedInstances');
      const at = list.findIndex((m) => sameId(m.id, c.managedInstanceId));
      if (at < 0)
        throw new Refused('managedInstanceId', `managed instance ${c.managedInstanceId} is not in the inventory`);
      if (c.subnetId !== undefined) {
        need(d.subnet(c.subnetId), 'subnetId', `subnet ${c.subnetId}`);
        list[at] = { ...list[at], subnetId: c.subnetId };
      }
      return;
    }
  }
}

/** The first field of the change holding a placeholder, if any. */
function placeholderField(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isPlaceholder(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = placeholderField(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = placeholderField(v, path ? `${path}.${k}` : k);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The inventory after the changes, in the order given; the original is left as it was. */
export function applyChanges(inventory: Inventory, changes: readonly InventoryChange[]): AppliedChanges {
  const draft = new Draft(inventory);
  const applied: number[] = [];
  const problems: ApplyProblem[] = [];
  changes.forEach((change, index) => {
    const placeholder = placeholderField(change);
    if (placeholder !== undefined) {
      problems.push({ index, field: placeholder, message: 'is a placeholder: give the value itself' });
      return;
    }
    try {
      applyOne(draft, change);
      applied.push(index);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      problems.push({ index, field: e.field, message: e.message });
    }
  });
  return { inventory: draft.inventory, applied, problems };
}
