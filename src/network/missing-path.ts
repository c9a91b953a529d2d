// Why a subnet has no path to some addresses, in words and as the az commands that add the missing path (a
// peering, a gateway connection, a local gateway prefix, route propagation), never an NSG rule.
import { quoteArg as q, rgOf, ruleName, shellComment } from './az-fixes';
import { FixLine, changeLine, commandLine } from './changes';
import { renderFix } from './fix-lines';
import { cidrSet, formatAddresses, ipv4Prefixes, toCidrs } from './cidr';
import { OnPremConnectivity, isConnected, onPremConnectivity, peeringTo } from './connectivity';
import { EffectiveRoute, EffectiveRoutes } from './effective-routes';
import { IntervalSet, intersect, isEmpty } from './intervals';
import { InventoryIndex } from './inventory-index';
import { VirtualNetwork, VirtualNetworkPeering } from './model';
import { RoutedPart, routeToAddresses } from './reachability';
import type { MissingPathKind } from './verify-types';

export interface MissingPath {
  kind: MissingPathKind;
  explanation: string;
  /** The changes (or, where none can be written, the commands that show why) that add the missing path. */
  lines: FixLine[];
  /** The same as az commands, one per line. */
  fix: string;
}

function gap(kind: MissingPathKind, explanation: string, lines: FixLine[]): MissingPath {
  return { kind, explanation, lines, fix: renderFix(lines) ?? '' };
}

/** The id of a new resource of this type and name in the resource group (and subscription) of `near`. */
export function siblingId(near: string, type: string, name: string): string {
  const at = near.toLowerCase().indexOf('/providers/');
  return `${at < 0 ? near : near.slice(0, at)}/providers/Microsoft.Network/${type}/${name}`;
}

function overlap(a: VirtualNetwork, b: VirtualNetwork): boolean {
  return !isEmpty(intersect(cidrSet(a.addressPrefixes), cidrSet(b.addressPrefixes)));
}

/**
 * The commands that peer two VNets both ways (the sides that are missing, a Disconnected side deleted and created
 * again), or, when their address spaces overlap, no peering at all: Azure refuses to peer them.
 */
export function peeringFix(a: VirtualNetwork, b: VirtualNetwork): { lines: FixLine[]; overlapNote?: string } {
  if (overlap(a, b)) {
    const note =
      `the address spaces of ${a.name} (${ipv4Prefixes(a.addressPrefixes).join(', ')}) and ${b.name} ` +
      `(${ipv4Prefixes(b.addressPrefixes).join(', ')}) overlap, and Azure refuses to peer VNets whose address spaces overlap`;
    return {
      overlapNote: note,
      lines: [
        commandLine(
          `az network vnet show -g ${q(rgOf(b))} -n ${q(b.name)} --query addressSpace${shellComment(`${note}: re-address one of them, or connect them through gateways with NAT rules`)}`,
        ),
      ],
    };
  }
  const lines: FixLine[] = [];
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const p = peeringTo(from, to.id);
    if (p && p.peeringState.toLowerCase() === 'disconnected') {
      lines.push(changeLine({ kind: 'peering-delete', vnetId: from.id, name: p.name }));
    }
    if (!p || p.peeringState.toLowerCase() === 'disconnected') {
      lines.push(
        changeLine({
          kind: 'peering-create',
          vnetId: from.id,
          name: ruleName(`${from.name}-to-${to.name}`),
          remoteVnetId: to.id,
        }),
      );
    }
  }
  if (lines.length === 0) {
    lines.push(commandLine(`az network vnet peering list -g ${q(rgOf(a))} --vnet-name ${q(a.name)} -o table`));
  }
  return { lines };
}

/** The inventory VNet holding (some of) these addresses. */
function vnetHolding(index: InventoryIndex, addresses: IntervalSet): VirtualNetwork | undefined {
  if (isEmpty(intersect(addresses, index.vnetSpace()))) return undefined;
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
  const { lines, overlapNote } = peeringFix(from, to);
  if (overlapNote) {
    return gap(
      'overlapping-address-spaces',
      `${what} is in VNet ${to.name}, not peered with ${from.name}; ${overlapNote}`,
      lines,
    );
  }
  if ((there && !isConnected(there)) || (back && !isConnected(back))) {
    return gap(
      'peering-not-connected',
      `the peering between ${from.name} and ${to.name}, where ${what} is, is not Connected both ways ` +
        `(${from.name}→${to.name}: ${describePeering(there)}, ${to.name}→${from.name}: ${describePeering(back)})`,
      lines,
    );
  }
  const hubs = from.peerings
    .filter(isConnected)
    .map((p) => index.vnet(p.remoteVirtualNetworkId))
    .filter((hub): hub is VirtualNetwork => !!hub && connectedBothWays(hub, to));
  if (hubs.length) {
    return gap(
      'peering-not-transitive',
      `${what} is in VNet ${to.name}; ${from.name} and ${to.name} are both peered with ${hubs[0].name}, but peering ` +
        `is not transitive: peer them directly, or route ${to.name}'s prefixes to an appliance in ${hubs[0].name} that forwards them`,
      lines,
    );
  }
  return gap('not-peered', `${what} is in VNet ${to.name}, which is not peered with ${from.name}`, lines);
}

/** A Connected peer that reaches on-premises through its own gateway, where gateway transit is not set up. */
function transitGap(index: InventoryIndex, vnet: VirtualNetwork): MissingPath | undefined {
  for (const p of vnet.peerings.filter(isConnected)) {
    const hub = index.vnet(p.remoteVirtualNetworkId);
    const back = hub && peeringTo(hub, vnet.id);
    if (!hub || !back || !isConnected(back)) continue;
    if (!onPremConnectivity(index, hub).paths.some((path) => path.via === 'own')) continue;
    const lines: FixLine[] = [];
    if (!back.allowGatewayTransit) {
      lines.push(changeLine({ kind: 'peering-update', vnetId: hub.id, name: back.name, allowGatewayTransit: true }));
    }
    if (!p.useRemoteGateways) {
      lines.push(changeLine({ kind: 'peering-update', vnetId: vnet.id, name: p.name, useRemoteGateways: true }));
    }
    if (lines.length === 0) continue;
    return gap(
      'gateway-transit-off',
      `peered VNet ${hub.name} reaches on-premises through its gateway, but gateway transit is off ` +
        `(${hub.name}.allowGatewayTransit=${back.allowGatewayTransit}, ${vnet.name}.useRemoteGateways=${p.useRemoteGateways})`,
      lines,
    );
  }
  return undefined;
}

/** Why a VNet with no site-to-site or ExpressRoute path has none, and the commands that add one. */
export function onPremGap(index: InventoryIndex, vnet: VirtualNetwork, c: OnPremConnectivity): MissingPath {
  const transit = transitGap(index, vnet);
  if (transit) return transit;
  const gw = c.unconnectedGateways[0];
  if (!gw) {
    return gap(
      'no-onprem-connection',
      `VNet ${vnet.name} has no VPN or ExpressRoute gateway, nor a peered hub's through gateway transit`,
      [
        changeLine({
          kind: 'vnet-gateway-create',
          gatewayId: siblingId(vnet.id, 'virtualNetworkGateways', `${vnet.name}-gw`),
          vnetId: vnet.id,
          gatewayType: 'Vpn',
          sku: 'VpnGw1',
          publicIpAddress: '<public ip name>',
        }),
      ],
    );
  }
  if (gw.gatewayType.toLowerCase() === 'expressroute') {
    return gap(
      'expressroute-without-connection',
      `ExpressRoute gateway ${gw.name} has no connection to a circuit, so it reaches nothing`,
      [
        changeLine({
          kind: 'connection-create',
          connectionId: siblingId(vnet.id, 'connections', `${gw.name}-to-circuit`),
          virtualNetworkGatewayId: gw.id,
          connectionType: 'ExpressRoute',
          expressRouteCircuitId: '<circuit id>',
        }),
      ],
    );
  }
  const s2s = [
    changeLine({
      kind: 'connection-create',
      connectionId: siblingId(vnet.id, 'connections', `${gw.name}-to-onprem`),
      virtualNetworkGatewayId: gw.id,
      connectionType: 'IPsec',
      localNetworkGatewayId: '<local network gateway id>',
    }),
  ];
  return gw.hasPointToSite
    ? gap(
        'point-to-site-only',
        `gateway ${gw.name} has point-to-site clients only, which is not a route to an on-premises network`,
        s2s,
      )
    : gap('no-site-to-site-connection', `VPN gateway ${gw.name} has no site-to-site connection`, s2s);
}

function routeTableGap(er: EffectiveRoutes, r: EffectiveRoute, what: string): MissingPath {
  const rt = r.routeTable;
  const remove = (note: string): FixLine[] =>
    rt && r.routeName !== undefined
      ? [changeLine({ kind: 'route-delete', routeTableId: rt.id, name: r.routeName }, note)]
      : [commandLine(`az network route-table list -o table${shellComment(note)}`)];
  if (r.nextHopType === 'VirtualNetworkGateway') {
    return gap(
      'no-gateway-for-route',
      `route ${r.routeName} in route table ${rt?.name} sends ${what} to a virtual network gateway, but VNet ${er.vnet.name} has none with a site-to-site or ExpressRoute connection`,
      remove('or connect a gateway: see onprem-connectivity'),
    );
  }
  return gap(
    'route-table-drops',
    `route ${r.routeName} in route table ${rt?.name} sends ${r.addressPrefix} to ${r.nextHopType}, which drops ${what}`,
    remove(`or point it at the appliance or gateway that reaches ${what}`),
  );
}

/**
 * A user-defined route that drops the traffic hides the routes beneath it: once it is gone, those decide. When they
 * drop the traffic too (a reserved range to None, no connection to on-premises), their gap and its changes are added,
 * so deleting the route is not the only change proposed when more are needed.
 */
function withWhatLiesBeneath(
  index: InventoryIndex,
  er: EffectiveRoutes,
  part: RoutedPart,
  what: string,
  gap: MissingPath,
): MissingPath {
  const without: EffectiveRoutes = { ...er, routes: er.routes.filter((r) => r !== part.route) };
  const beneath = routeToAddresses(without, index, part.addresses ?? []).parts.find(
    (p) => p.addresses && (p.outcome === 'dropped' || p.outcome === 'internet'),
  );
  if (!beneath) return gap;
  const next = explainMissingPath(index, without, beneath, what);
  const lines = [...gap.lines, ...next.lines];
  return {
    ...gap,
    explanation: `${gap.explanation}; without it, ${next.explanation}`,
    lines,
    fix: renderFix(lines) ?? '',
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
  if (part.route?.origin === 'User')
    return withWhatLiesBeneath(index, er, part, what, routeTableGap(er, part.route, where));
  const target = vnetHolding(index, addresses);
  if (target) return peeringGap(index, er.vnet, target, where);
  const suppressed = er.suppressed;
  const wouldRoute =
    !!suppressed &&
    (suppressed.unlisted.length > 0 ||
      !isEmpty(intersect(addresses, cidrSet(suppressed.routes.map((r) => r.addressPrefix)))));
  if (wouldRoute && er.routeTable) {
    const rt = er.routeTable;
    return gap(
      'gateway-routes-not-propagated',
      `route table ${rt.name} on subnet ${er.subnet.name} has disableBgpRoutePropagation, which keeps the gateway's ` +
        `routes to on-premises off the subnet; let them through, or add a route for ${cidrs.join(', ')} with next hop ` +
        'VirtualNetworkGateway (or the appliance that reaches on-premises)',
      [changeLine({ kind: 'route-table-update', routeTableId: rt.id, disableBgpRoutePropagation: false })],
    );
  }
  const c = er.onPrem;
  if (c.paths.length > 0) {
    const lngs = c.paths.flatMap((p) => p.localGateways);
    const lng = lngs[0];
    const listed = lngs.map((l) => `${l.name} (${l.addressPrefixes.join(', ') || 'no prefixes'})`).join(', ');
    return gap(
      'prefix-not-in-local-gateway',
      `the site-to-site connection's local network gateway(s) ${listed} do not include ${where}, and no BGP session learns it`,
      [
        lng
          ? changeLine({
              kind: 'local-gateway-update',
              localNetworkGatewayId: lng.id,
              addressPrefixes: [...lng.addressPrefixes, ...cidrs],
            })
          : commandLine(`az network local-gateway list -g ${q(rgOf(er.vnet))} -o table`),
      ],
    );
  }
  const onPrem = onPremGap(index, er.vnet, c);
  return {
    ...onPrem,
    explanation: `${where} is outside every VNet in the inventory (on-premises or another cloud): ${onPrem.explanation}`,
  };
}
