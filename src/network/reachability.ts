// Does a packet from a subnet have a path to a destination? Longest prefix match over the subnet's effective
// routes, per part of the destination, and what the next hop means for it: delivered (VNet, peering, gateway),
// an appliance or the Internet deciding beyond (warn), dropped (fail), or decided by routes the inventory cannot
// list (unknown: BGP-learned prefixes, a Virtual WAN hub).
import { PUBLIC_IPV4, cidrSet, formatAddresses } from './cidr';
import { EffectiveRoute, EffectiveRoutes, UnlistedRoutes, describeRoute } from './effective-routes';
import { IntervalSet, contains, intersect, isEmpty, subtract, union } from './intervals';
import { InventoryIndex } from './inventory-index';
import { normalizeRegion, parseServiceTag } from './service-tags';
import type { CheckStatus, RouteOutcome } from './verify-types';

export interface RoutedPart {
  /** The destination addresses of this part; undefined for an Azure service reached by name. */
  addresses?: IntervalSet;
  /** The deciding route; undefined when no listed route decides (route table missing from the inventory). */
  route?: EffectiveRoute;
  outcome: RouteOutcome;
  status: CheckStatus;
  /** What the route means for the flow, for evidence. */
  note: string;
  /** Routes the inventory cannot list that may decide this part instead (BGP, Virtual WAN, ...). */
  unlisted?: UnlistedRoutes[];
  /** Other routes that may carry part of an Azure service's (unlisted) addresses, with another next hop. */
  alternatives?: EffectiveRoute[];
  /** Every route that may carry an Azure service's addresses (the deciding one first). */
  carriers?: EffectiveRoute[];
}

export interface RouteVerdict {
  status: CheckStatus;
  parts: RoutedPart[];
  /** The worst part: the one that decided the status. */
  deciding: RoutedPart;
}

const SEVERITY: Record<CheckStatus, number> = { pass: 0, unknown: 1, warn: 2, fail: 3 };

/** Where inventory VNets are. */
export function inventoryVnetSpace(index: InventoryIndex): IntervalSet {
  return index.vnetSpace();
}

/** Statuses of the parts as one: a part that fails next to parts that work is a partial path (warn). */
export function combinePartStatuses(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.length === 0) return 'pass';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.every((s) => s === 'fail')) return 'fail';
  if (statuses.some((s) => s === 'fail' || s === 'warn')) return 'warn';
  return 'pass';
}

function verdictOf(parts: RoutedPart[]): RouteVerdict {
  const deciding = parts.reduce((w, p) => (SEVERITY[p.status] > SEVERITY[w.status] ? p : w), parts[0]);
  return { status: combinePartStatuses(parts.map((p) => p.status)), parts, deciding };
}

function missingTable(er: EffectiveRoutes, addresses?: IntervalSet): RouteVerdict {
  const part: RoutedPart = {
    ...(addresses ? { addresses } : {}),
    outcome: 'unknown',
    status: 'unknown',
    note: `route table ${er.missingRouteTableId} is attached to subnet ${er.subnet.name} but not in the inventory`,
  };
  return verdictOf([part]);
}

/** The parts of `destination` and the route that decides each (longest prefix first, as Azure matches). */
export function longestPrefixParts(
  routes: readonly EffectiveRoute[],
  destination: IntervalSet,
): { addresses: IntervalSet; route?: EffectiveRoute }[] {
  const out: { addresses: IntervalSet; route?: EffectiveRoute }[] = [];
  let rest = destination;
  for (const r of routes) {
    if (isEmpty(rest)) break;
    if (!r.range) continue;
    const block: IntervalSet = [r.range];
    const hit = intersect(rest, block);
    if (isEmpty(hit)) continue;
    const same = out.find((o) => o.route === r);
    if (same) same.addresses = union(same.addresses, hit);
    else out.push({ addresses: hit, route: r });
    rest = subtract(rest, block);
  }
  if (!isEmpty(rest)) out.push({ addresses: rest });
  return out;
}

function hop(r: EffectiveRoute): string {
  return `${r.nextHopType}${r.nextHopIpAddress ? ` ${r.nextHopIpAddress}` : ''}`;
}

function classifyAddresses(er: EffectiveRoutes, addresses: IntervalSet, route?: EffectiveRoute): RoutedPart {
  const base = { addresses, ...(route ? { route } : {}) };
  const drop = (note: string): RoutedPart => ({ ...base, outcome: 'dropped', status: 'fail', note });
  if (!route) return drop('no route matches it');
  const vnetSpace = cidrSet(er.vnet.addressPrefixes);
  switch (route.nextHopType) {
    case 'VnetLocal':
      return contains(vnetSpace, addresses)
        ? { ...base, outcome: 'delivered', status: 'pass', note: `delivered inside VNet ${er.vnet.name}` }
        : drop(`kept inside VNet ${er.vnet.name} (next hop VnetLocal), where these addresses are not`);
    case 'VNetPeering':
      return { ...base, outcome: 'delivered', status: 'pass', note: 'delivered over the peering' };
    case 'VirtualNetworkGateway':
      return gatewayPart(er, addresses, route);
    case 'VirtualAppliance':
      return {
        ...base,
        outcome: 'appliance',
        status: 'warn',
        note: `sent to the appliance at ${route.nextHopIpAddress ?? '(no next hop IP)'}: the path beyond it is the appliance's (its routes and rules are not in Azure Resource Manager)`,
      };
    case 'Internet':
      return contains(PUBLIC_IPV4, addresses)
        ? {
            ...base,
            outcome: 'internet',
            status: 'warn',
            note: 'sent over the Internet (public addresses), not over a private connection',
          }
        : drop('private addresses sent to the Internet, where they are not routed');
    case 'None':
      return drop('next hop None drops it');
    default:
      return {
        ...base,
        outcome: 'unknown',
        status: 'unknown',
        note: `next hop type ${route.nextHopType} is not one this check knows`,
      };
  }
}

function gatewayPart(er: EffectiveRoutes, addresses: IntervalSet, route: EffectiveRoute): RoutedPart {
  const base = { addresses, route };
  if (route.origin !== 'User') {
    return { ...base, outcome: 'gateway', status: 'pass', note: 'sent through the virtual network gateway' };
  }
  // A user-defined route to the gateway: forced tunnelling; the gateway must have somewhere to send it.
  const known = er.routes.filter((r) => r.origin === 'VirtualNetworkGateway' && r.range);
  if (contains(cidrSet(known.map((r) => r.addressPrefix)), addresses)) {
    return {
      ...base,
      outcome: 'gateway',
      status: 'pass',
      note: `sent to the gateway, which routes it (${known[0].via})`,
    };
  }
  if (er.onPrem.paths.length === 0 && er.unlisted.length === 0) {
    return {
      ...base,
      outcome: 'dropped',
      status: 'fail',
      note: `sent to a virtual network gateway, but VNet ${er.vnet.name} has none with a site-to-site or ExpressRoute connection`,
    };
  }
  return {
    ...base,
    outcome: 'gateway',
    status: 'warn',
    note: 'sent to the virtual network gateway (forced tunnelling): on-premises must route it on',
  };
}

/** Unlisted routes that may decide addresses the listed routes drop. */
function unlistedFor(er: EffectiveRoutes, index: InventoryIndex, addresses: IntervalSet): UnlistedRoutes[] {
  const outsideVnets = !isEmpty(subtract(addresses, inventoryVnetSpace(index)));
  const outsideOwn = !isEmpty(subtract(addresses, cidrSet(er.vnet.addressPrefixes)));
  return er.unlisted.filter((u) => (u.kind === 'virtual-wan' ? outsideOwn : outsideVnets));
}

/** How the subnet's routes take a flow to these addresses. */
export function routeToAddresses(er: EffectiveRoutes, index: InventoryIndex, destination: IntervalSet): RouteVerdict {
  if (er.missingRouteTableId) return missingTable(er, destination);
  if (isEmpty(destination)) {
    // an IPv6-only subnet: no IPv4 address to route, and an empty path must never read as delivered
    return verdictOf([
      { addresses: destination, outcome: 'unknown', status: 'unknown', note: 'it has no IPv4 address to route' },
    ]);
  }
  const parts: RoutedPart[] = [];
  for (const { addresses, route } of longestPrefixParts(er.routes, destination)) {
    // Inside the inventory's VNets and beyond them, learned prefixes may apply differently: judge apart.
    const inside = intersect(addresses, inventoryVnetSpace(index));
    for (const piece of [inside, subtract(addresses, inside)]) {
      if (isEmpty(piece)) continue;
      const part = classifyAddresses(er, piece, route);
      const unlisted = part.status === 'fail' && route?.length !== 32 ? unlistedFor(er, index, piece) : [];
      parts.push(
        unlisted.length
          ? {
              ...part,
              outcome: 'unknown',
              status: 'unknown',
              note: `the listed routes drop it (${part.note}), but routes learned from ${unlisted.map((u) => u.from).join('; ')} may carry it`,
              unlisted,
            }
          : part,
      );
    }
  }
  return verdictOf(mergeParts(parts));
}

/** Parts with the same route and outcome read as one. */
function mergeParts(parts: RoutedPart[]): RoutedPart[] {
  const out: RoutedPart[] = [];
  for (const p of parts) {
    const same = out.find((o) => o.route === p.route && o.outcome === p.outcome && o.note === p.note);
    if (same && same.addresses && p.addresses) same.addresses = union(same.addresses, p.addresses);
    else out.push({ ...p });
  }
  return out;
}

/** Service endpoints that give a subnet its own route to a service's addresses. */
const SERVICE_ENDPOINTS: Record<string, string[]> = {
  Storage: ['microsoft.storage', 'microsoft.storage.global'],
  ServiceBus: ['microsoft.servicebus'],
  Sql: ['microsoft.sql'],
  AzureActiveDirectory: ['microsoft.azureactivedirectory'],
  EventHub: ['microsoft.eventhub'],
  AzureKeyVault: ['microsoft.keyvault'],
};

/** Rank of a service-tag route for the service: regional tag, tag, AzureCloud regional, AzureCloud; 0 = no match. */
function tagRank(prefix: string, service: string, region?: string): number {
  const tag = parseServiceTag(prefix);
  if (!tag || !tag.known) return 0;
  const sameRegion = tag.region === undefined || (region !== undefined && tag.region === normalizeRegion(region));
  if (!sameRegion) return 0;
  if (tag.base.toLowerCase() === service.toLowerCase()) return tag.region ? 4 : 3;
  if (tag.base === 'AzureCloud') return tag.region ? 2 : 1;
  return 0;
}

/** What a route to an Azure service does with DMS's traffic. */
export function serviceRouteOutcome(route: EffectiveRoute): {
  outcome: RouteOutcome;
  status: CheckStatus;
  note: string;
} {
  switch (route.nextHopType) {
    case 'Internet':
      return { outcome: 'delivered', status: 'pass', note: "reaches Azure's public endpoints directly" };
    case 'VirtualNetworkServiceEndpoint':
      return { outcome: 'delivered', status: 'pass', note: `reaches the service through the ${route.via}` };
    case 'VirtualAppliance':
      return {
        outcome: 'appliance',
        status: 'warn',
        note: `sent to the appliance at ${route.nextHopIpAddress ?? '(no next hop IP)'}, which must let it out to Azure`,
      };
    case 'VirtualNetworkGateway':
      return {
        outcome: 'gateway',
        status: 'warn',
        note: 'sent to the virtual network gateway (forced tunnelling): on-premises must send it on to Azure',
      };
    case 'None':
      return { outcome: 'dropped', status: 'fail', note: 'next hop None drops it' };
    case 'VnetLocal':
      return {
        outcome: 'dropped',
        status: 'fail',
        note: 'kept inside the VNet (next hop VnetLocal), where Azure services are not',
      };
    default:
      return {
        outcome: 'unknown',
        status: 'unknown',
        note: `next hop type ${route.nextHopType} is not one this check knows`,
      };
  }
}

/**
 * How the subnet's routes take a flow to an Azure service whose addresses the inventory does not hold. A route
 * naming the service's tag (or AzureCloud) beats routes of /8 and shorter, as a service endpoint does; longer
 * user-defined routes in public space may or may not hold the service's addresses, so they are alternatives.
 */
export function routeToService(er: EffectiveRoutes, service: string, region?: string): RouteVerdict {
  if (er.missingRouteTableId) return missingTable(er);
  const tagRoute = er.routes
    .filter((r) => r.origin === 'User' && r.length < 0 && tagRank(r.addressPrefix, service, region) > 0)
    .sort((a, b) => tagRank(b.addressPrefix, service, region) - tagRank(a.addressPrefix, service, region))[0];
  const endpoints = SERVICE_ENDPOINTS[service] ?? [];
  const endpoint = er.subnet.serviceEndpoints.find((s) => endpoints.includes(s.toLowerCase()));
  const endpointRoute: EffectiveRoute | undefined = endpoint
    ? {
        origin: 'Default',
        addressPrefix: service,
        length: -1,
        nextHopType: 'VirtualNetworkServiceEndpoint',
        via: `service endpoint ${endpoint} on subnet ${er.subnet.name}`,
      }
    : undefined;
  // Public space by the routes that can carry a public service: user-defined ones and the default to the Internet.
  const carriers = er.routes.filter(
    (r) => r.range && (r.origin === 'User' || (r.origin === 'Default' && r.nextHopType === 'Internet')),
  );
  const publicParts = longestPrefixParts(carriers, PUBLIC_IPV4).filter((p) => p.route);
  const broad = [...new Set(publicParts.filter((p) => p.route!.length <= 8).map((p) => p.route!))];
  const specific = [...new Set(publicParts.filter((p) => p.route!.length > 8).map((p) => p.route!))];
  const primary = tagRoute ? [tagRoute] : endpointRoute ? [endpointRoute] : broad;
  const candidates = [...primary, ...specific];
  const judged = candidates.map((r) => ({ r, ...serviceRouteOutcome(r) }));
  const first = judged[0];
  const unlisted = er.unlisted.filter((u) => u.kind !== 'peer-space');
  if (!first) return verdictOf([{ outcome: 'dropped', status: 'fail', note: 'no route matches it' }]);
  const alternatives = judged
    .slice(1)
    .filter((j) => hop(j.r) !== hop(first.r))
    .map((j) => j.r);
  const mixed = alternatives.length > 0;
  let part: RoutedPart = {
    route: first.r,
    outcome: first.outcome,
    status: mixed ? combinePartStatuses(judged.map((j) => j.status)) : first.status,
    note: mixed
      ? `${first.note}; but ${alternatives.map(describeRoute).join(', ')} may hold some of ${service}'s addresses`
      : first.note,
    ...(mixed ? { alternatives } : {}),
    carriers: candidates,
  };
  // The system default route loses to a learned 0.0.0.0/0 (BGP beats system for one prefix): forced tunnelling
  // over ExpressRoute or VPN cannot be seen in Azure Resource Manager.
  if (!tagRoute && !endpointRoute && first.r.origin === 'Default' && unlisted.length && part.status === 'pass') {
    part = {
      ...part,
      outcome: 'unknown',
      status: 'unknown',
      note: `${part.note}, unless a default route learned from ${unlisted.map((u) => u.from).join('; ')} sends it elsewhere`,
      unlisted,
    };
  }
  return verdictOf([part]);
}

/** One evidence line: "<label>: route <prefix> → <hop> (<source>): <what it means>" per part. */
export function describeRouteVerdict(v: RouteVerdict): string {
  return v.parts
    .map((p) => {
      const where = p.addresses && v.parts.length > 1 ? `${formatAddresses(p.addresses)}: ` : '';
      const route = p.route ? `route ${describeRoute(p.route)}` : 'no listed route';
      return `${where}${route}: ${p.note}`;
    })
    .join('; ');
}
