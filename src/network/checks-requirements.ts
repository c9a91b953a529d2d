// The seed's requirement checks: same VNet with separate subnets, on-premises connectivity, peering.
import { peeringCreate, placeholder, quoteArg as q, rgOf, shellComment } from './az-fixes';
import { OnPremConnectivity, isConnected, onPremConnectivity, peeringTo } from './connectivity';
import { VirtualNetwork, sameId } from './model';
import { VerifyContext } from './verify-context';
import { Check } from './verify-types';

export function sameVnetSeparateSubnetsCheck(ctx: VerifyContext): Check {
  const { miSubnet, dmsSubnet } = ctx.placement;
  const evidence = [
    `MI ${ctx.placement.mi.name}: subnet ${miSubnet.subnet.name} of VNet ${miSubnet.vnet.name}`,
    `DMS ${ctx.placement.dms.name}: subnet ${dmsSubnet.subnet.name} of VNet ${dmsSubnet.vnet.name}`,
  ];
  const createSubnet =
    `az network vnet subnet create -g ${q(rgOf(miSubnet.vnet))} --vnet-name ${q(miSubnet.vnet.name)} ` +
    `-n dms-subnet --address-prefixes ${placeholder(`free CIDR in ${miSubnet.vnet.addressPrefixes.join(' ')}`)}`;
  if (!ctx.detection.sameVnet) {
    return {
      id: 'same-vnet-separate-subnets',
      status: 'fail',
      summary: `MI and DMS are in different VNets (${miSubnet.vnet.name}, ${dmsSubnet.vnet.name}); this topology needs them in one VNet`,
      evidence,
      fix: `${createSubnet}${shellComment('then create the DMS in that subnet')}`,
    };
  }
  if (sameId(miSubnet.subnet.id, dmsSubnet.subnet.id)) {
    return {
      id: 'same-vnet-separate-subnets',
      status: 'fail',
      summary: `MI and DMS share subnet ${miSubnet.subnet.name}; the MI subnet is dedicated, DMS needs its own subnet`,
      evidence,
      fix: `${createSubnet}${shellComment('then create the DMS in that subnet')}`,
    };
  }
  return {
    id: 'same-vnet-separate-subnets',
    status: 'pass',
    summary: `MI and DMS share VNet ${miSubnet.vnet.name} in separate subnets`,
    evidence,
  };
}

function describePaths(c: OnPremConnectivity): string[] {
  return c.paths.map((p) => {
    const where = p.via === 'hub' ? ` in hub VNet ${p.hubVnet?.name} (gateway transit)` : '';
    const conns = p.connections.map(
      (k) => `${k.name} (${k.connectionType}, ${k.connectionStatus ?? 'status not reported'})`,
    );
    return `gateway ${p.gateway.name} (${p.gateway.gatewayType})${where}: ${conns.join(', ')}`;
  });
}

export function onPremConnectivityCheck(ctx: VerifyContext): Check {
  const vnet = ctx.dmsVnet;
  const c = ctx.detection.dmsOnPrem;
  const evidence = describePaths(c);
  for (const gw of c.unconnectedGateways) {
    evidence.push(
      `gateway ${gw.name} (${gw.gatewayType}) has no site-to-site or ExpressRoute connection` +
        (gw.hasPointToSite ? ' (point-to-site only, which is not on-premises connectivity)' : ''),
    );
  }
  if (c.paths.length === 0) {
    const gw = c.unconnectedGateways[0];
    const transit = transitHint(ctx, vnet);
    if (transit) evidence.push(transit.evidence);
    return {
      id: 'onprem-connectivity',
      status: 'fail',
      summary: `DMS's VNet ${vnet.name} has no VPN (site-to-site) or ExpressRoute connection to on-premises`,
      evidence: evidence.length
        ? evidence
        : [`no Vpn or ExpressRoute gateway in ${vnet.name} nor in a peered hub with gateway transit`],
      fix: transit
        ? transit.fix
        : gw
          ? `az network vpn-connection create -g ${q(rgOf(vnet))} -n ${q(`${gw.name}-to-onprem`)} --vnet-gateway1 ${q(gw.id)} --local-gateway2 ${placeholder('local network gateway id')} --shared-key ${placeholder('key')}`
          : `az network vnet-gateway create -g ${q(rgOf(vnet))} -n ${q(`${vnet.name}-gw`)} --vnet ${q(vnet.name)} --gateway-type Vpn --vpn-type RouteBased --sku VpnGw1 --public-ip-addresses ${placeholder('public ip name')}`,
    };
  }
  const connections = c.paths.flatMap((p) => p.connections);
  const down = connections.every(
    (k) => k.connectionStatus !== undefined && !/^(connected|unknown)$/i.test(k.connectionStatus),
  );
  if (down) {
    const k = connections[0];
    return {
      id: 'onprem-connectivity',
      status: 'warn',
      summary: `DMS's VNet ${vnet.name} has on-premises connections, but none is Connected`,
      evidence,
      fix: `az network vpn-connection show -g ${q(rgOf(vnet))} -n ${q(k.name)} --query "{status:connectionStatus, egress:egressBytesTransferred}"`,
    };
  }
  return {
    id: 'onprem-connectivity',
    status: 'pass',
    summary: `DMS's VNet ${vnet.name} reaches on-premises`,
    evidence,
  };
}

/** A Connected peer that reaches on-premises through its own gateway, but gateway transit is not set up. */
function transitHint(ctx: VerifyContext, vnet: VirtualNetwork): { evidence: string; fix: string } | undefined {
  for (const p of vnet.peerings.filter(isConnected)) {
    const hub = ctx.index.vnet(p.remoteVirtualNetworkId);
    const back = hub && peeringTo(hub, vnet.id);
    if (!hub || !back || !isConnected(back)) continue;
    if (!onPremConnectivity(ctx.index, hub).paths.some((path) => path.via === 'own')) continue;
    const fixes: string[] = [];
    if (!back.allowGatewayTransit) fixes.push(peeringUpdate(hub, back.name, 'allowGatewayTransit=true'));
    if (!p.useRemoteGateways) fixes.push(peeringUpdate(vnet, p.name, 'useRemoteGateways=true'));
    if (fixes.length === 0) continue;
    return {
      evidence:
        `peered VNet ${hub.name} reaches on-premises through its gateway, but gateway transit is off ` +
        `(${hub.name}.allowGatewayTransit=${back.allowGatewayTransit}, ${vnet.name}.useRemoteGateways=${p.useRemoteGateways})`,
      fix: fixes.join('\n'),
    };
  }
  return undefined;
}

function peeringUpdate(vnet: VirtualNetwork, name: string, setting: string): string {
  return `az network vnet peering update -g ${q(rgOf(vnet))} --vnet-name ${q(vnet.name)} -n ${q(name)} --set ${setting}`;
}

export function vnetPeeringCheck(ctx: VerifyContext): Check {
  const { miVnet, dmsVnet } = ctx;
  const { fromMi, fromDms } = ctx.detection.peering;
  if (ctx.detection.sameVnet) {
    return {
      id: 'vnet-peering',
      status: 'fail',
      summary: `MI and DMS are in the same VNet ${miVnet.name}; this topology expects separate VNets joined by peering`,
      evidence: [`MI VNet ${miVnet.name} = DMS VNet ${dmsVnet.name}`],
      fix:
        `az network vnet create -g ${q(rgOf(dmsVnet))} -n dms-vnet --address-prefixes ${placeholder('free CIDR')}` +
        shellComment(`then peer it with ${miVnet.name} both ways`),
    };
  }
  const describe = (label: string, p?: { name: string; peeringState: string }): string =>
    `${label}: ${p ? `${p.name} (${p.peeringState})` : 'no peering'}`;
  const evidence = [
    describe(`${miVnet.name} → ${dmsVnet.name}`, fromMi),
    describe(`${dmsVnet.name} → ${miVnet.name}`, fromDms),
  ];
  if (ctx.detection.peering.connected) {
    return {
      id: 'vnet-peering',
      status: 'pass',
      summary: `${miVnet.name} and ${dmsVnet.name} are peered both ways (Connected)`,
      evidence,
    };
  }
  const fixes: string[] = [];
  if (!fromMi) fixes.push(peeringCreate(miVnet, dmsVnet));
  if (!fromDms) fixes.push(peeringCreate(dmsVnet, miVnet));
  for (const [p, vnet] of [
    [fromMi, miVnet],
    [fromDms, dmsVnet],
  ] as const) {
    // A Disconnected peering must be deleted and created again once the other side exists.
    if (p && !isConnected(p) && p.peeringState.toLowerCase() === 'disconnected') {
      fixes.push(`az network vnet peering delete -g ${q(rgOf(vnet))} --vnet-name ${q(vnet.name)} -n ${q(p.name)}`);
      fixes.push(peeringCreate(vnet, vnet === miVnet ? dmsVnet : miVnet));
    }
  }
  if (fixes.length === 0) {
    fixes.push(`az network vnet peering list -g ${q(rgOf(miVnet))} --vnet-name ${q(miVnet.name)} -o table`);
  }
  return {
    id: 'vnet-peering',
    status: 'fail',
    summary: `${miVnet.name} and ${dmsVnet.name} are not peered with peeringState Connected in both directions`,
    evidence,
    fix: fixes.join('\n'),
  };
}
