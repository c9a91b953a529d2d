// The effective routes of a subnet as Azure builds them (Azure docs: virtual network traffic routing): system routes (the VNet's
// space, Connected peers, 0.0.0.0/0 to Internet, the private ranges to None), the routes of the gateways the
// VNet uses (local network gateway prefixes, VNet-to-VNet connections), the route table's user-defined routes.
// Prefixes learned over BGP (ExpressRoute, a VPN connection with BGP, a Virtual WAN hub) are real routes that
// Azure Resource Manager does not list: they are named in `unlisted`, never taken as absent.
import { quoteArg as q, resourceGroupOf, shellComment } from './az-fixes';
import { OnPremConnectivity, isConnected, onPremConnectivity, reachableGateways } from './connectivity';
import { addressFamily, ipv4Prefixes, parseCidr, prefixLength } from './cidr';
import { Interval } from './intervals';
import { InventoryIndex, SubnetEntry } from './inventory-index';
import { RouteTable, Subnet, VirtualNetwork, sameId, vnetIdOfSubnet } from './model';
import { parseServiceTag } from './service-tags';

export type RouteOrigin = 'Default' | 'VirtualNetworkGateway' | 'User';

export const NEXT_HOP_TYPES = [
  'VnetLocal',
  'VNetPeering',
  'VirtualNetworkGateway',
  'Internet',
  'None',
  'VirtualAppliance',
] as const;
export type NextHopType = (typeof NEXT_HOP_TYPES)[number];

export interface EffectiveRoute {
  origin: RouteOrigin;
  /** A CIDR, or (user-defined routes only) a service tag such as Storage or AzureCloud.westeurope. */
  addressPrefix: string;
  /** The IPv4 block of a CIDR prefix; undefined for a service tag. */
  range?: Interval;
  /** Prefix length of a CIDR; -1 for a service tag. */
  length: number;
  /** Canonical next hop; a next hop type this code does not know is kept as Azure wrote it. */
  nextHopType: NextHopType | string;
  nextHopIpAddress?: string;
  routeTable?: { id: string; name: string };
  routeName?: string;
  /** Why the route exists, for evidence: "address space of VNet vnet-a", "peering to vnet-hub", ... */
  via: string;
}

/** Routes that exist but that the inventory cannot list. */
export interface UnlistedRoutes {
  kind: 'expressroute' | 'bgp' | 'virtual-wan' | 'remote-gateway' | 'peer-space' | 'local-gateway';
  /** Words for evidence: "ExpressRoute gateway ergw (connection er-1)". */
  from: string;
  /** An az command that shows them. */
  command: string;
}

export interface EffectiveRoutes {
  subnet: Subnet;
  vnet: VirtualNetwork;
  /** CIDR routes best first (longest prefix; for one prefix User, then gateway, then system), then service tag routes. */
  routes: EffectiveRoute[];
  unlisted: UnlistedRoutes[];
  routeTable?: RouteTable;
  /** The subnet names a route table the inventory lacks: every route beyond the VNet is then unknown. */
  missingRouteTableId?: string;
  /** Gateway routes (listed and learned) that the route table's disableBgpRoutePropagation keeps off the subnet. */
  suppressed?: { routes: EffectiveRoute[]; unlisted: UnlistedRoutes[] };
  /** How the VNet reaches on-premises, for explaining a missing path. */
  onPrem: OnPremConnectivity;
  /** The VNet-wide routes before the route table (and before route propagation is applied). */
  base: VnetRoutes;
}

const ORIGIN_RANK: Record<RouteOrigin, number> = { User: 0, VirtualNetworkGateway: 1, Default: 2 };

/** The reserved ranges Azure routes to None unless a more specific route covers them. */
export const DEFAULT_NONE_PREFIXES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

function canonicalNextHop(text: string): NextHopType | string {
  const lower = text.toLowerCase();
  // VirtualApplianceEcmp (api-version 2025-07-01) spreads over several appliances: still an appliance.
  if (lower.startsWith('virtualappliance')) return 'VirtualAppliance';
  return NEXT_HOP_TYPES.find((t) => t.toLowerCase() === lower) ?? text;
}

function cidrRoutes(prefixes: readonly string[], rest: Omit<EffectiveRoute, 'addressPrefix' | 'range' | 'length'>) {
  // IPv6 prefixes have no IPv4 route: flows here are IPv4.
  return ipv4Prefixes(prefixes).map((p): EffectiveRoute => ({
    ...rest,
    addressPrefix: p,
    range: parseCidr(p),
    length: prefixLength(p),
  }));
}

function gatewayCommand(gatewayId: string, name: string): string {
  return `az network vnet-gateway list-learned-routes -g ${q(resourceGroupOf(gatewayId) ?? '<resource group>')} -n ${q(name)} -o table`;
}

function systemRoutes(
  index: InventoryIndex,
  vnet: VirtualNetwork,
): { routes: EffectiveRoute[]; unlisted: UnlistedRoutes[] } {
  const routes = cidrRoutes(vnet.addressPrefixes, {
    origin: 'Default',
    nextHopType: 'VnetLocal',
    via: `address space of VNet ${vnet.name}`,
  });
  const unlisted: UnlistedRoutes[] = [];
  for (const p of vnet.peerings.filter(isConnected)) {
    const remote = index.vnet(p.remoteVirtualNetworkId);
    const prefixes = remote?.addressPrefixes.length ? remote.addressPrefixes : p.remoteAddressPrefixes;
    const name = remote?.name ?? lastSegment(p.remoteVirtualNetworkId);
    const hub = p.remoteIsVirtualWanHub ? 'Virtual WAN hub ' : '';
    routes.push(
      ...cidrRoutes(prefixes, {
        origin: 'Default',
        nextHopType: 'VNetPeering',
        via: `peering ${p.name} to ${hub}${name}`,
      }),
    );
    if (prefixes.length === 0) {
      unlisted.push({
        kind: 'peer-space',
        from: `peered VNet ${p.remoteVirtualNetworkId}, whose address space is not in the inventory`,
        command: `az network vnet show --ids ${q(p.remoteVirtualNetworkId)} --query addressSpace`,
      });
    }
  }
  routes.push(...FIXED_SYSTEM_ROUTES);
  return { routes, unlisted };
}

/** The default route to the Internet and the reserved ranges to None: the same in every VNet. */
const FIXED_SYSTEM_ROUTES: readonly EffectiveRoute[] = [
  ...cidrRoutes(['0.0.0.0/0'], { origin: 'Default', nextHopType: 'Internet', via: 'default route' }),
  ...cidrRoutes(DEFAULT_NONE_PREFIXES, { origin: 'Default', nextHopType: 'None', via: 'reserved range' }),
];

/** Routes of the gateways the VNet uses (own, or a hub's through gateway transit), and the ones it cannot list. */
function gatewayRoutes(
  index: InventoryIndex,
  vnet: VirtualNetwork,
  onPrem: OnPremConnectivity,
): { routes: EffectiveRoute[]; unlisted: UnlistedRoutes[] } {
  const routes: EffectiveRoute[] = [];
  const unlisted: UnlistedRoutes[] = [];
  for (const path of onPrem.paths) {
    const where = path.via === 'hub' ? ` in hub VNet ${path.hubVnet?.name} (gateway transit)` : '';
    for (const lng of path.localGateways) {
      const conn = path.connections.find((k) => sameId(k.localNetworkGatewayId, lng.id));
      routes.push(
        ...cidrRoutes(lng.addressPrefixes, {
          origin: 'VirtualNetworkGateway',
          nextHopType: 'VirtualNetworkGateway',
          via: `local network gateway ${lng.name} (connection ${conn?.name ?? '?'}, gateway ${path.gateway.name}${where})`,
        }),
      );
    }
    if (path.learnsRoutes) {
      const er = path.connections.filter((k) => k.connectionType.toLowerCase() === 'expressroute');
      const bgp = path.connections.filter((k) => k.enableBgp && k.connectionType.toLowerCase() !== 'expressroute');
      const names = [...er, ...bgp].map((k) => k.name).join(', ');
      unlisted.push({
        kind: er.length ? 'expressroute' : 'bgp',
        from: `${er.length ? 'ExpressRoute' : 'BGP on'} gateway ${path.gateway.name}${where} (connection ${names})`,
        command: gatewayCommand(path.gateway.id, path.gateway.name),
      });
    }
  }
  for (const id of onPrem.missingLocalGatewayIds) {
    unlisted.push({
      kind: 'local-gateway',
      from: `local network gateway ${id}, which is not in the inventory`,
      command: `az network local-gateway show --ids ${q(id)} --query localNetworkAddressSpace`,
    });
  }
  for (const p of onPrem.unknownRemoteGateways) {
    unlisted.push({
      kind: 'remote-gateway',
      from: `the gateway of peered VNet ${p.remoteVirtualNetworkId} (useRemoteGateways), which is not in the inventory`,
      command: `az network vnet-gateway list -g ${q(resourceGroupOf(p.remoteVirtualNetworkId) ?? '<resource group>')} -o table`,
    });
  }
  // VNet-to-VNet connections: the other VNet's address space is reached through the gateway.
  for (const { gateway, via, hubVnet } of reachableGateways(index, vnet)) {
    for (const k of index.connectionsOfGateway(gateway.id)) {
      if (k.connectionType.toLowerCase() !== 'vnet2vnet') continue;
      const otherGatewayId = sameId(k.virtualNetworkGateway1Id, gateway.id)
        ? k.virtualNetworkGateway2Id
        : k.virtualNetworkGateway1Id;
      const otherGateway = index.inventory.virtualNetworkGateways.find((g) => sameId(g.id, otherGatewayId));
      const otherVnet = otherGateway && index.vnet(vnetIdOfSubnet(otherGateway.subnetIds[0] ?? ''));
      const where = via === 'hub' ? ` in hub VNet ${hubVnet?.name} (gateway transit)` : '';
      if (otherVnet) {
        routes.push(
          ...cidrRoutes(otherVnet.addressPrefixes, {
            origin: 'VirtualNetworkGateway',
            nextHopType: 'VirtualNetworkGateway',
            via: `VNet-to-VNet connection ${k.name} to ${otherVnet.name} (gateway ${gateway.name}${where})`,
          }),
        );
      } else {
        unlisted.push({
          kind: 'remote-gateway',
          from: `VNet-to-VNet connection ${k.name}, whose other VNet is not in the inventory`,
          command: gatewayCommand(gateway.id, gateway.name),
        });
      }
    }
  }
  return { routes, unlisted };
}

function virtualWanRoutes(vnet: VirtualNetwork): UnlistedRoutes[] {
  return vnet.peerings
    .filter((p) => p.remoteIsVirtualWanHub && isConnected(p))
    .map((p) => ({
      kind: 'virtual-wan' as const,
      from: `Virtual WAN hub ${lastSegment(p.remoteVirtualNetworkId)} (peering ${p.name})`,
      command: `az network vhub list -o table${shellComment('then az network vhub get-effective-routes -g <hub resource group> -n <hub> ...')}`,
    }));
}

// A route table is read for every subnet and verification that uses it: its routes are parsed once per table object
// (changes to an inventory copy a table before changing it).
const parsedUserRoutes = new WeakMap<RouteTable, EffectiveRoute[]>();

/** The route table's IPv4 and service tag routes (an IPv6 route routes no IPv4 flow). */
function userRoutes(rt: RouteTable): EffectiveRoute[] {
  let parsed = parsedUserRoutes.get(rt);
  if (!parsed) {
    parsed = parseUserRoutes(rt);
    parsedUserRoutes.set(rt, parsed);
  }
  return parsed;
}

function parseUserRoutes(rt: RouteTable): EffectiveRoute[] {
  return rt.routes.flatMap((r): EffectiveRoute[] => {
    const base = {
      origin: 'User' as const,
      nextHopType: canonicalNextHop(r.nextHopType),
      ...(r.nextHopIpAddress ? { nextHopIpAddress: r.nextHopIpAddress } : {}),
      routeTable: { id: rt.id, name: rt.name },
      routeName: r.name,
      via: `route ${r.name} in route table ${rt.name}`,
    };
    const prefix = r.addressPrefix.trim();
    if (parseServiceTag(prefix)) return [{ ...base, addressPrefix: prefix, length: -1 }];
    if (addressFamily(prefix) === 'IPv6') return [];
    return [{ ...base, addressPrefix: prefix, range: parseCidr(prefix), length: prefixLength(prefix) }];
  });
}

function bestFirst(a: EffectiveRoute, b: EffectiveRoute): number {
  if (a.length < 0 !== b.length < 0) return a.length < 0 ? 1 : -1;
  if (a.length !== b.length) return b.length - a.length;
  if (a.origin !== b.origin) return ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin];
  // For one prefix the VNet's own space (or a peer's) replaces the reserved range's None route.
  return Number(a.nextHopType === 'None') - Number(b.nextHopType === 'None');
}

/** The routes every subnet of the VNet gets before its route table: system routes and the gateways' routes. */
export interface VnetRoutes {
  system: EffectiveRoute[];
  gateway: EffectiveRoute[];
  /** Unlisted routes of the VNet itself (a peer whose space is unknown). */
  systemUnlisted: UnlistedRoutes[];
  /** Unlisted routes that come through gateways or a Virtual WAN hub (route propagation decides them). */
  gatewayUnlisted: UnlistedRoutes[];
}

export function vnetRoutes(
  index: InventoryIndex,
  vnet: VirtualNetwork,
  onPrem: OnPremConnectivity = onPremConnectivity(index, vnet),
): VnetRoutes {
  const system = systemRoutes(index, vnet);
  const gateway = gatewayRoutes(index, vnet, onPrem);
  return {
    system: system.routes,
    gateway: gateway.routes,
    systemUnlisted: system.unlisted,
    gatewayUnlisted: [...gateway.unlisted, ...virtualWanRoutes(vnet)],
  };
}

export function effectiveRoutes(index: InventoryIndex, entry: SubnetEntry): EffectiveRoutes {
  const { subnet, vnet } = entry;
  const onPrem = onPremConnectivity(index, vnet);
  const base = vnetRoutes(index, vnet, onPrem);
  const routeTable = index.routeTable(subnet.routeTableId);
  const propagate = !routeTable?.disableBgpRoutePropagation;
  const routes = [
    ...base.system,
    ...(propagate ? base.gateway : []),
    ...(routeTable ? userRoutes(routeTable) : []),
  ].sort(bestFirst);
  const system = { unlisted: base.systemUnlisted };
  const gateway = { routes: base.gateway };
  const gatewayUnlisted = base.gatewayUnlisted;
  return {
    subnet,
    vnet,
    routes,
    unlisted: [...system.unlisted, ...(propagate ? gatewayUnlisted : [])],
    ...(routeTable ? { routeTable } : {}),
    ...(subnet.routeTableId && !routeTable ? { missingRouteTableId: subnet.routeTableId } : {}),
    ...(!propagate && (gateway.routes.length || gatewayUnlisted.length)
      ? { suppressed: { routes: gateway.routes, unlisted: gatewayUnlisted } }
      : {}),
    onPrem,
    base,
  };
}

export function describeRoute(r: EffectiveRoute): string {
  const hop = `${r.nextHopType}${r.nextHopIpAddress ? ` ${r.nextHopIpAddress}` : ''}`;
  const source =
    r.origin === 'User' ? r.via : r.origin === 'Default' ? `system route, ${r.via}` : `gateway route, ${r.via}`;
  return `${r.addressPrefix} → ${hop} (${source})`;
}

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}
