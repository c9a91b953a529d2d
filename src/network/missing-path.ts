// Why a subnet has no path to some addresses, in words and as the az commands that add the missing path (a
// peering, a gateway connection, a local gateway prefix, route propagation), never an NSG rule.
import { peeringCreate, placeholder, quoteArg as q, resourceGroupOf, rgOf, shellComment } from './az-fixes';
import { cidrSet, formatAddresses, ipv4Prefixes, toCidrs } from './cidr';
import { OnPremConnectivity, isConnected, onPremConnectivity, peeringTo } from './connectivity';
import { EffectiveRoute, EffectiveRoutes } from './effective-routes';
import { IntervalSet, intersect, isEmpty } from './intervals';
import { InventoryIndex } from './inventory-index';
import { VirtualNetwork, VirtualNetworkPeering } from './model';
import { RoutedPart } from './reachability';
import type { MissingPathKind } from './verify-types';

export interface MissingPath {
  kind: MissingPathKind;
  explanation: string;
  /** az commands (one per line) that add the missing path. */
  fix: string;
}

function overlap(a: VirtualNetwork, b: VirtualNetwork): boolean {
  return !isEmpty(intersect(cidrSet(a.addressPrefixes), cidrSet(b.addressPrefixes)));
}

function peeringUpdate(vnet: VirtualNetwork, name: string, setting: string): string {
  return `az network vnet peering update -g ${q(rgOf(vnet))} --vnet-name ${q(vnet.name)} -n ${q(name)} --set ${setting}`;
}

/**
 * The commands that peer two VNets both ways (the sides that are missing, a Disconnected side deleted and created
 * again), or, when their address spaces overlap, no peering at all: Azure refuses to peer them.
 */
export function peeringFix(a: VirtualNetwork, b: VirtualNetwork): { fix: string; overlapNote?: string } {
  if (overlap(a, b)) {
    const note =
      `the address spaces of ${a.name} (${ipv4Prefixes(a.addressPrefixes).join(', ')}) and ${b.name} ` +
      `(${ipv4Prefixes(b.addressPrefixes).join(', ')}) overlap, and Azure refuses to peer VNets whose address spaces overlap`;
    return {
      overlapNote: note,
      fix: `az network vnet show -g ${q(rgOf(b))} -n ${q(b.name)} --query addressSpace${shellComment(`${note}: re-address one of them, or connect them through gateways with NAT rules`)}`,
    };
  }
  const lines: string[] = [];
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const p = peeringTo(from, to.id);
    if (p && p.peeringState.toLowerCase() === 'disconnected') {
      lines.push(`az network vnet peering delete -g ${q(rgOf(from))} --vnet-name ${q(from.name)} -n ${q(p.name)}`);
    }
    if (!p || p.peeringState.toLowerCase() === 'disconnected') lines.push(peeringCreate(from, to));
  }
  if (lines.length === 0) {
    lines.push(`az network vnet peering list -g ${q(rgOf(a))} --vnet-name ${q(a.name)} -o table`);
  }
  return { fix: lines.join('\n') };
}

/** The inventory VNet holding (some of) these addresses. */
function vnetHolding(index: InventoryIndex, addresses: IntervalSet): VirtualNetwork | undefined {
  return index.inventory.virtualNetworks.find((v) => !isEmpty(intersect(addresses, cidrSet(v.addressPrefixes))));
}

function connectedBothWays(a: VirtualNetwork, b: VirtualNetwork): boolean {
  const there = peeringTo(a, b.id);
  const back = peeringTo(b, a.id);
  return !!there && !!back && isConnected(there) && isConnected(back);
}

function describePeering(p: VirtualNetworkPeering | undefined): string {
  return p ? `${p.name} (${p.peeringState})` : 'none';
}

function peeringGap(index: InventoryIndex, from: VirtualNetwork, to: VirtualNetwork, what: string): MissingPath {
  const there = peeringTo(from, to.id);
  const back = peeringTo(to, from.id);
  const { fix, overlapNote } = peeringFix(from, to);
  if (overlapNote) {
    return {
      kind: 'overlapping-address-spaces',
      explanation: `${what} is in VNet ${to.name}, not peered with ${from.name}; ${overlapNote}`,
      fix,
    };
  }
  if ((there && !isConnected(there)) || (back && !isConnected(back))) {
    return {
      kind: 'peering-not-connected',
      explanation:
        `the peering between ${from.name} and ${to.name}, where ${what} is, is not Connected both ways ` +
        `(${from.name}→${to.name}: ${describePeering(there)}, ${to.name}→${from.name}: ${describePeering(back)})`,
      fix,
    };
  }
  const hubs = from.peerings
    .filter(isConnected)
    .map((p) => index.vnet(p.remoteVirtualNetworkId))
    .filter((hub): hub is VirtualNetwork => !!hub && connectedBothWays(hub, to));
  if (hubs.length) {
    return {
      kind: 'peering-not-transitive',
      explanation:
        `${what} is in VNet ${to.name}; ${from.name} and ${to.name} are both peered with ${hubs[0].name}, but peering ` +
        `is not transitive: peer them directly, or route ${to.name}'s prefixes to an appliance in ${hubs[0].name} that forwards them`,
      fix,
    };
  }
  return {
    kind: 'not-peered',
    explanation: `${what} is in VNet ${to.name}, which is not peered with ${from.name}`,
    fix,
  };
}

/** A Connected peer that reaches on-premises through its own gateway, where gateway transit is not set up. */
function transitGap(index: InventoryIndex, vnet: VirtualNetwork): MissingPath | undefined {
  for (const p of vnet.peerings.filter(isConnected)) {
    const hub = index.vnet(p.remoteVirtualNetworkId);
    const back = hub && peeringTo(hub, vnet.id);
    if (!hub || !back || !isConnected(back)) continue;
    if (!onPremConnectivity(index, hub).paths.some((path) => path.via === 'own')) continue;
    const fixes: string[] = [];
    if (!back.allowGatewayTransit) fixes.push(peeringUpdate(hub, back.name, 'allowGatewayTransit=true'));
    if (!p.useRemoteGateways) fixes.push(peeringUpdate(vnet, p.name, 'useRemoteGateways=true'));
    if (fixes.length === 0) continue;
    return {
      kind: 'gateway-transit-off',
      explanation:
        `peered VNet ${hub.name} reaches on-premises through its gateway, but gateway transit is off ` +
        `(${hub.name}.allowGatewayTransit=${back.allowGatewayTransit}, ${vnet.name}.useRemoteGateways=${p.useRemoteGateways})`,
      fix: fixes.join('\n'),
    };
  }
  return undefined;
}

/** Why a VNet with no site-to-site or ExpressRoute path has none, and the commands that add one. */
export function onPremGap(index: InventoryIndex, vnet: VirtualNetwork, c: OnPremConnectivity): MissingPath {
  const transit = transitGap(index, vnet);
  if (transit) return transit;
  const rg = q(rgOf(vnet));
  const gw = c.unconnectedGateways[0];
  if (!gw) {
    return {
      kind: 'no-onprem-connection',
      explanation: `VNet ${vnet.name} has no VPN or ExpressRoute gateway, nor a peered hub's through gateway transit`,
      fix: `az network vnet-gateway create -g ${rg} -n ${q(`${vnet.name}-gw`)} --vnet ${q(vnet.name)} --gateway-type Vpn --vpn-type RouteBased --sku VpnGw1 --public-ip-addresses ${placeholder('public ip name')}`,
    };
  }
  if (gw.gatewayType.toLowerCase() === 'expressroute') {
    return {
      kind: 'expressroute-without-connection',
      explanation: `ExpressRoute gateway ${gw.name} has no connection to a circuit, so it reaches nothing`,
      fix: `az network vpn-connection create -g ${rg} -n ${q(`${gw.name}-to-circuit`)} --vnet-gateway1 ${q(gw.id)} --express-route-circuit2 ${placeholder('circuit id')}`,
    };
  }
  const s2s = `az network vpn-connection create -g ${rg} -n ${q(`${gw.name}-to-onprem`)} --vnet-gateway1 ${q(gw.id)} --local-gateway2 ${placeholder('local network gateway id')} --shared-key ${placeholder('key')}`;
  return gw.hasPointToSite
    ? {
        kind: 'point-to-site-only',
        explanation: `gateway ${gw.name} has point-to-site clients only, which is not a route to an on-premises network`,
        fix: s2s,
      }
    : {
        kind: 'no-site-to-site-connection',
        explanation: `VPN gateway ${gw.name} has no site-to-site connection`,
        fix: s2s,
      };
}

function routeTableGap(er: EffectiveRoutes, r: EffectiveRoute, what: string): MissingPath {
  const rt = r.routeTable;
  const rg = q(resourceGroupOf(rt?.id ?? '') ?? '<resource group>');
  if (r.nextHopType === 'VirtualNetworkGateway') {
    return {
      kind: 'no-gateway-for-route',
      explanation: `route ${r.routeName} in route table ${rt?.name} sends ${what} to a virtual network gateway, but VNet ${er.vnet.name} has none with a site-to-site or ExpressRoute connection`,
      fix: `az network route-table route delete -g ${rg} --route-table-name ${q(rt?.name ?? '')} -n ${q(r.routeName ?? '')}${shellComment('or connect a gateway: see onprem-connectivity')}`,
    };
  }
  return {
    kind: 'route-table-drops',
    explanation: `route ${r.routeName} in route table ${rt?.name} sends ${r.addressPrefix} to ${r.nextHopType}, which drops ${what}`,
    fix: `az network route-table route delete -g ${rg} --route-table-name ${q(rt?.name ?? '')} -n ${q(r.routeName ?? '')}${shellComment(`or point it at the appliance or gateway that reaches ${what}`)}`,
  };
}

/** Why the part of a flow that the routes drop has no path, and what adds one. */
export function explainMissingPath(
  index: InventoryIndex,
  er: EffectiveRoutes,
  part: RoutedPart,
  what: string,
): MissingPath {
  const addresses = part.addresses ?? [];
  const cidrs = toCidrs(addresses);
  const where = `${what} (${formatAddresses(addresses)})`;
  if (part.route?.origin === 'User') return routeTableGap(er, part.route, where);
  const target = vnetHolding(index, addresses);
  if (target) return peeringGap(index, er.vnet, target, where);
  const suppressed = er.suppressed;
  const wouldRoute =
    !!suppressed &&
    (suppressed.unlisted.length > 0 ||
      !isEmpty(intersect(addresses, cidrSet(suppressed.routes.map((r) => r.addressPrefix)))));
  if (wouldRoute && er.routeTable) {
    const rt = er.routeTable;
    return {
      kind: 'gateway-routes-not-propagated',
      explanation:
        `route table ${rt.name} on subnet ${er.subnet.name} has disableBgpRoutePropagation, which keeps the gateway's ` +
        `routes to on-premises off the subnet; let them through, or add a route for ${cidrs.join(', ')} with next hop ` +
        'VirtualNetworkGateway (or the appliance that reaches on-premises)',
      fix: `az network route-table update -g ${q(resourceGroupOf(rt.id) ?? '<resource group>')} -n ${q(rt.name)} --disable-bgp-route-propagation false`,
    };
  }
  const c = er.onPrem;
  if (c.paths.length > 0) {
    const lngs = c.paths.flatMap((p) => p.localGateways);
    const lng = lngs[0];
    const listed = lngs.map((l) => `${l.name} (${l.addressPrefixes.join(', ') || 'no prefixes'})`).join(', ');
    return {
      kind: 'prefix-not-in-local-gateway',
      explanation: `the site-to-site connection's local network gateway(s) ${listed} do not include ${where}, and no BGP session learns it`,
      fix: lng
        ? `az network local-gateway update -g ${q(resourceGroupOf(lng.id) ?? '<resource group>')} -n ${q(lng.name)} --local-address-prefixes ${[...lng.addressPrefixes, ...cidrs].map(q).join(' ')}`
        : `az network local-gateway list -g ${q(rgOf(er.vnet))} -o table`,
    };
  }
  const gap = onPremGap(index, er.vnet, c);
  return {
    ...gap,
    explanation: `${where} is outside every VNet in the inventory (on-premises or another cloud): ${gap.explanation}`,
  };
}
