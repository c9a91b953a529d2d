import type { z } from 'zod';
import type {
  ApplicationSecurityGroup,
  DmsService,
  GatewayConnection,
  Inventory,
  LocalNetworkGateway,
  ManagedInstance,
  NetworkInterface,
  NetworkSecurityGroup,
  RouteTable,
  RuleProtocol,
  SecurityRule,
  VirtualNetwork,
  VirtualNetworkGateway,
} from '../network/model';
import { addressFamily, CidrError, ipToNumber } from '../network/cidr';
import { sameId } from '../network/model';
import { parseServiceTag } from '../network/service-tags';
import {
  toPrivateDnsZoneLink,
  toPrivateEndpoint,
  toRoleAssignment,
  toSqlMigrationService,
  toStorageAccount,
} from './current-dms-mapping';
import { ResourceShapeError } from './errors';
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES, type RawInventory, type ResourceKind } from './resource-kinds';
import {
  applicationSecurityGroupSchema,
  connectionSchema,
  dmsServiceSchema,
  localNetworkGatewaySchema,
  managedInstanceSchema,
  networkInterfaceSchema,
  networkSecurityGroupSchema,
  resourceHeader,
  routeTableSchema,
  securityRuleSchema,
  virtualNetworkGatewaySchema,
  virtualNetworkSchema,
} from './resource-schemas';

/** Maps raw resources of every kind into the inventory model. Throws ResourceShapeError naming the kind and item. */
export function inventoryFromRaw(raw: Partial<RawInventory>): Inventory {
  const inventory = {} as Inventory;
  for (const kind of RESOURCE_KIND_NAMES) {
    (inventory as unknown as Record<ResourceKind, unknown[]>)[kind] = mapResources(kind, raw[kind] ?? []);
  }
  markPointToSiteOnlyGateways(inventory);
  linkNetworkInterfaces(inventory);
  // Whoever reads role assignments holds one (Reader at least), so a read never comes back empty: no role
  // assignments means they were not read (a missing role-assignments.json, or no current DMS path), and checks say
  // unknown rather than "none".
  if (inventory.roleAssignments?.length === 0) delete inventory.roleAssignments;
  return inventory;
}

/** Maps one list of raw resources; the error message says which item and field is wrong and what was expected. */
export function mapResources(kind: ResourceKind, items: unknown[]): unknown[] {
  return items.map((item, index) => {
    checkResourceType(kind, item, index);
    return MAPPERS[kind](item, index);
  });
}

const MAPPERS: Record<ResourceKind, (item: unknown, index: number) => unknown> = {
  virtualNetworks: (item, i) => toVirtualNetwork(parse(virtualNetworkSchema, item, i), `item ${i}${nameOf(item)}`),
  networkSecurityGroups: (item, i) => toNsg(parse(networkSecurityGroupSchema, item, i), i),
  managedInstances: (item, i) => toManagedInstance(parse(managedInstanceSchema, item, i)),
  dmsServices: (item, i) => toDms(parse(dmsServiceSchema, item, i)),
  virtualNetworkGateways: (item, i) => toGateway(parse(virtualNetworkGatewaySchema, item, i)),
  connections: (item, i) => toConnection(parse(connectionSchema, item, i)),
  localNetworkGateways: (item, i) =>
    toLocalGateway(parse(localNetworkGatewaySchema, item, i), `item ${i}${nameOf(item)}`),
  routeTables: (item, i) => toRouteTable(parse(routeTableSchema, item, i), `item ${i}${nameOf(item)}`),
  networkInterfaces: (item, i) => toNetworkInterface(parse(networkInterfaceSchema, item, i)),
  applicationSecurityGroups: (item, i) => toApplicationSecurityGroup(parse(applicationSecurityGroupSchema, item, i)),
  sqlMigrationServices: toSqlMigrationService,
  storageAccounts: toStorageAccount,
  privateDnsZoneLinks: toPrivateDnsZoneLink,
  privateEndpoints: toPrivateEndpoint,
  roleAssignments: toRoleAssignment,
};

function parse<S extends z.ZodTypeAny>(schema: S, item: unknown, index: number): z.output<S> {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length > 0 ? ` field "${issue.path.join('.')}"` : '';
  throw new ResourceShapeError(`item ${index}${nameOf(item)}:${where} ${issue.message.toLowerCase()}`);
}

function nameOf(item: unknown): string {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? ` ("${name}")` : '';
}

function checkResourceType(kind: ResourceKind, item: unknown, index: number): void {
  const expected: readonly string[] = RESOURCE_KINDS[kind].types;
  const header = resourceHeader.safeParse(item);
  if (!header.success) {
    throw new ResourceShapeError(
      `item ${index}${nameOf(item)} is not an Azure resource (no "id"); expected ${expected.join(' or ')}`,
    );
  }
  const actual = header.data.type ?? typeFromId(header.data.id);
  if (actual === undefined || !expected.some((t) => t.toLowerCase() === actual.toLowerCase())) {
    throw new ResourceShapeError(
      `item ${index}${nameOf(item)} is a ${actual ?? 'resource of unknown type'}, expected ${expected.join(' or ')}`,
    );
  }
}

function typeFromId(id: string): string | undefined {
  const match = /\/providers\/([^/]+)\/([^/]+)\/[^/]+$/i.exec(id);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function idSegment(id: string, segment: string): string {
  const parts = id.split('/');
  const i = parts.findIndex((p) => p.toLowerCase() === segment.toLowerCase());
  return i >= 0 && i + 1 < parts.length ? parts[i + 1] : '';
}

const list = (...values: (string | null | undefined | (string | null | undefined)[])[]): string[] =>
  values.flat().filter((v): v is string => typeof v === 'string' && v.length > 0);

/**
 * Address prefixes as Azure lists them, IPv4 and IPv6 alike (dual-stack VNets, subnets, local network gateways; the
 * network core reads the IPv4 ones). A prefix of neither family is a shape error naming where it is: verification
 * would otherwise stop on it later without saying which resource holds it.
 */
function prefixes(values: string[], where: string): string[] {
  for (const p of values) {
    try {
      addressFamily(p);
    } catch (e) {
      if (e instanceof CidrError) throw new ResourceShapeError(`${where}: ${e.message}`);
      throw e;
    }
  }
  return values;
}

function toVirtualNetwork(v: z.output<typeof virtualNetworkSchema>, where: string): VirtualNetwork {
  return {
    id: v.id,
    name: v.name,
    resourceGroup: idSegment(v.id, 'resourceGroups'),
    subscriptionId: idSegment(v.id, 'subscriptions'),
    location: v.location ?? '',
    addressPrefixes: prefixes(list(v.addressSpace?.addressPrefixes), `${where}: field "addressSpace.addressPrefixes"`),
    dnsServers: list(v.dhcpOptions?.dnsServers),
    subnets: (v.subnets ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      addressPrefixes: prefixes(
        [...new Set(list(s.addressPrefix, s.addressPrefixes))],
        `${where}: subnet "${s.name}" field "addressPrefixes"`,
      ),
      networkSecurityGroupId: s.networkSecurityGroup?.id,
      routeTableId: s.routeTable?.id,
      delegations: list((s.delegations ?? []).map((d) => d.serviceName)),
      serviceEndpoints: list((s.serviceEndpoints ?? []).map((e) => e.service)),
    })),
    peerings: (v.virtualNetworkPeerings ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      remoteVirtualNetworkId: p.remoteVirtualNetwork?.id ?? '',
      peeringState: p.peeringState ?? 'Unknown',
      allowGatewayTransit: p.allowGatewayTransit ?? false,
      useRemoteGateways: p.useRemoteGateways ?? false,
      allowForwardedTraffic: p.allowForwardedTraffic ?? false,
      remoteAddressPrefixes: prefixes(
        list(p.remoteAddressSpace?.addressPrefixes ?? p.remoteVirtualNetworkAddressSpace?.addressPrefixes),
        `${where}: peering "${p.name}" field "remoteAddressSpace.addressPrefixes"`,
      ),
      ...(isVirtualWanHub(p.remoteVirtualNetwork?.id) ? { remoteIsVirtualWanHub: true } : {}),
    })),
  };
}

/**
 * A Virtual WAN hub connection shows on the spoke as a peering to the hub's managed VNet:
 * .../resourceGroups/RG_<hub>_<guid>/providers/Microsoft.Network/virtualNetworks/HV_<hub>_<guid>.
 */
function isVirtualWanHub(remoteVnetId: string | undefined): boolean {
  return /\/resourceGroups\/RG_[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/HV_[^/]+$/i.test(
    remoteVnetId ?? '',
  );
}

const PROTOCOLS: RuleProtocol[] = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'];

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string, where: string): T {
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (found === undefined) {
    throw new ResourceShapeError(`${where}: ${what} "${value}" is not one of ${allowed.join(', ')}`);
  }
  return found;
}

function toRule(r: z.output<typeof securityRuleSchema>, where: string): SecurityRule {
  const at = `${where} rule "${r.name}"`;
  return {
    name: r.name,
    priority: r.priority,
    direction: oneOf(r.direction, ['Inbound', 'Outbound'] as const, 'direction', at),
    access: oneOf(r.access, ['Allow', 'Deny'] as const, 'access', at),
    protocol: oneOf(r.protocol, PROTOCOLS, 'protocol', at),
    sourceAddressPrefixes: list(r.sourceAddressPrefix, r.sourceAddressPrefixes),
    destinationAddressPrefixes: list(r.destinationAddressPrefix, r.destinationAddressPrefixes),
    sourceApplicationSecurityGroups: (r.sourceApplicationSecurityGroups ?? []).map((g) => g.id),
    destinationApplicationSecurityGroups: (r.destinationApplicationSecurityGroups ?? []).map((g) => g.id),
    sourcePortRanges: list(r.sourcePortRange, r.sourcePortRanges),
    destinationPortRanges: list(r.destinationPortRange, r.destinationPortRanges),
  };
}

function toNsg(n: z.output<typeof networkSecurityGroupSchema>, index: number): NetworkSecurityGroup {
  return {
    id: n.id,
    name: n.name,
    resourceGroup: idSegment(n.id, 'resourceGroups'),
    location: n.location ?? '',
    securityRules: (n.securityRules ?? []).map((r) => toRule(r, `item ${index} ("${n.name}")`)),
  };
}

function toManagedInstance(m: z.output<typeof managedInstanceSchema>): ManagedInstance {
  return {
    id: m.id,
    name: m.name,
    subnetId: m.subnetId,
    proxyOverride: m.proxyOverride ?? undefined,
    location: m.location ?? '',
    ...identityOf(m),
  };
}

/** The MI's identities: absent in the source stays unknown (no key), null or type None is none. */
function identityOf(m: z.output<typeof managedInstanceSchema>): Pick<ManagedInstance, 'identity'> {
  if (m.identity === undefined) return {};
  const type = (m.identity?.type ?? 'None').toLowerCase();
  if (m.identity === null || type === 'none') return { identity: null };
  return {
    identity: {
      systemPrincipalId: type.includes('systemassigned') ? (m.identity.principalId ?? undefined) : undefined,
      primaryUserAssignedIdentityId: m.primaryUserAssignedIdentityId ?? undefined,
      userAssigned: Object.entries(m.identity.userAssignedIdentities ?? {}).map(([id, u]) => ({
        id,
        principalId: u?.principalId ?? undefined,
      })),
    },
  };
}

/** The NIC id is kept until linkNetworkInterfaces has looked the NIC up; the model has no field for it. */
type DmsWithNic = DmsService & { virtualNicId?: string };

function toDms(d: z.output<typeof dmsServiceSchema>): DmsWithNic {
  const type = d.type ?? typeFromId(d.id) ?? '';
  const kind = type.toLowerCase() === 'microsoft.datamigration/sqlmigrationservices' ? 'current' : 'classic';
  const dms: DmsWithNic = {
    id: d.id,
    name: d.name,
    kind,
    subnetId: d.virtualSubnetId ?? undefined,
    location: d.location ?? '',
  };
  if (kind === 'classic' && d.virtualNicId) dms.virtualNicId = d.virtualNicId;
  return dms;
}

function toNetworkInterface(n: z.output<typeof networkInterfaceSchema>): NetworkInterface {
  return {
    id: n.id,
    name: n.name,
    networkSecurityGroupId: n.networkSecurityGroup?.id,
    ipConfigurations: (n.ipConfigurations ?? []).map((c) => ({
      privateIpAddress: c.privateIPAddress ?? c.privateIpAddress ?? undefined,
      applicationSecurityGroupIds: (c.applicationSecurityGroups ?? []).map((g) => g.id),
    })),
  };
}

function toApplicationSecurityGroup(g: z.output<typeof applicationSecurityGroupSchema>): ApplicationSecurityGroup {
  return { id: g.id, name: g.name, memberAddresses: [] };
}

function isIpv4(address: string): boolean {
  try {
    ipToNumber(address);
    return true;
  } catch {
    return false; // IPv6 configurations: the evaluator is IPv4 only
  }
}

/**
 * Network interfaces feed two model fields: a classic DMS's virtualNicId names its NIC, whose NSG becomes
 * networkInterfaceNsgId; each IP configuration's private IPv4 address joins the ASGs it names. Only ASGs
 * listed in asgs.json get members (one without member NICs matches nothing, as in Azure); a rule naming an
 * ASG that is not listed stays unknown, and so do all ASGs when no network interface was read at all (a
 * snapshot without network-interfaces.json says nothing about members). Ids are compared case-insensitively.
 */
function linkNetworkInterfaces(inventory: Inventory): void {
  const nics = new Map((inventory.networkInterfaces ?? []).map((n) => [n.id.toLowerCase(), n]));
  inventory.dmsServices = inventory.dmsServices.map((d) => {
    const { virtualNicId, ...dms } = d as DmsWithNic;
    const nsgId = virtualNicId === undefined ? undefined : nics.get(virtualNicId.toLowerCase())?.networkSecurityGroupId;
    return nsgId ? { ...dms, networkInterfaceNsgId: nsgId } : dms;
  });
  if (nics.size === 0) {
    inventory.applicationSecurityGroups = [];
    return;
  }
  const members = new Map<string, Set<string>>();
  for (const g of inventory.applicationSecurityGroups ?? []) members.set(g.id.toLowerCase(), new Set());
  for (const nic of nics.values()) {
    for (const config of nic.ipConfigurations) {
      const address = config.privateIpAddress;
      if (address === undefined || !isIpv4(address)) continue;
      for (const id of config.applicationSecurityGroupIds) members.get(id.toLowerCase())?.add(address);
    }
  }
  inventory.applicationSecurityGroups = (inventory.applicationSecurityGroups ?? []).map((g) => ({
    ...g,
    memberAddresses: [...(members.get(g.id.toLowerCase()) ?? [])],
  }));
}

type GatewayWithPool = VirtualNetworkGateway & { hasClientAddressPool: boolean };

function toGateway(g: z.output<typeof virtualNetworkGatewaySchema>): GatewayWithPool {
  return {
    id: g.id,
    name: g.name,
    gatewayType: g.gatewayType ?? '',
    subnetIds: list((g.ipConfigurations ?? []).map((c) => c.subnet?.id)),
    hasPointToSite: false,
    ...(g.enableBgp ? { enableBgp: true } : {}),
    hasClientAddressPool: list(g.vpnClientConfiguration?.vpnClientAddressPool?.addressPrefixes).length > 0,
  };
}

/** hasPointToSite means "point-to-site only": a client address pool and no site-to-site or ExpressRoute connection. */
function markPointToSiteOnlyGateways(inventory: Inventory): void {
  inventory.virtualNetworkGateways = inventory.virtualNetworkGateways.map((g) => {
    const { hasClientAddressPool, ...gateway } = g as GatewayWithPool;
    const connected = inventory.connections.some(
      (c) =>
        c.connectionType !== 'VPNClient' &&
        (sameId(c.virtualNetworkGateway1Id, g.id) || sameId(c.virtualNetworkGateway2Id, g.id)),
    );
    return { ...gateway, hasPointToSite: hasClientAddressPool && !connected };
  });
}

function toConnection(c: z.output<typeof connectionSchema>): GatewayConnection {
  return {
    id: c.id,
    name: c.name,
    connectionType: c.connectionType ?? '',
    virtualNetworkGateway1Id: c.virtualNetworkGateway1?.id ?? '',
    virtualNetworkGateway2Id: c.virtualNetworkGateway2?.id,
    localNetworkGatewayId: c.localNetworkGateway2?.id,
    connectionStatus: c.connectionStatus ?? undefined,
    peerId: c.peer?.id,
    ...(c.enableBgp ? { enableBgp: true } : {}),
  };
}

function toLocalGateway(l: z.output<typeof localNetworkGatewaySchema>, where: string): LocalNetworkGateway {
  return {
    id: l.id,
    name: l.name,
    addressPrefixes: prefixes(
      list(l.localNetworkAddressSpace?.addressPrefixes),
      `${where}: field "localNetworkAddressSpace.addressPrefixes"`,
    ),
    gatewayIpAddress: l.gatewayIpAddress ?? undefined,
    ...(l.bgpSettings?.bgpPeeringAddress ? { bgpPeeringAddress: l.bgpSettings.bgpPeeringAddress } : {}),
  };
}

function toRouteTable(t: z.output<typeof routeTableSchema>, where: string): RouteTable {
  return {
    id: t.id,
    name: t.name,
    disableBgpRoutePropagation: t.disableBgpRoutePropagation ?? false,
    routes: (t.routes ?? []).map((r) => ({
      name: r.name,
      // A route names a prefix (IPv4 or IPv6) or a service tag; what looks like an address must be one.
      addressPrefix: parseServiceTag(r.addressPrefix)
        ? r.addressPrefix
        : prefixes([r.addressPrefix], `${where}: route "${r.name}" field "addressPrefix"`)[0],
      nextHopType: r.nextHopType,
      nextHopIpAddress: r.nextHopIpAddress ?? undefined,
    })),
  };
}
