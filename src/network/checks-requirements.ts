// The article's requirement checks: same VNet with separate subnets, on-premises connectivity, peering.
import { quoteArg as q, rgOf } from './az-fixes';
import { FixLine, changeLine } from './changes';
import { withFix } from './fix-lines';
import { cidrSet, formatAddresses } from './cidr';
import { OnPremConnectivity } from './connectivity';
import { FlowRoute, checkRouteOf, judgeRoute, missingPathOf, routeEvidence, routeFixes } from './flow-routes';
import { isEmpty } from './intervals';
import { onPremGap, peeringFix, siblingId } from './missing-path';
import { sameId } from './model';
import { RouteVerdict } from './reachability';
import { VerifyContext } from './verify-context';
import { Check, worstStatus } from './verify-types';

export function sameVnetSeparateSubnetsCheck(ctx: VerifyContext): Check {
  const { miSubnet, dmsSubnet } = ctx.placement;
  const evidence = [
    `MI ${ctx.placement.mi.name}: subnet ${miSubnet.subnet.name} of VNet ${miSubnet.vnet.name}`,
    `DMS ${ctx.placement.dms.name}: subnet ${dmsSubnet.subnet.name} of VNet ${dmsSubnet.vnet.name}`,
  ];
  const createSubnet = [
    changeLine(
      {
        kind: 'subnet-create',
        subnetId: `${miSubnet.vnet.id}/subnets/dms-subnet`,
        addressPrefixes: [`<free CIDR in ${miSubnet.vnet.addressPrefixes.join(' ')}>`],
      },
      'then create the DMS in that subnet',
    ),
  ];
  if (!ctx.detection.sameVnet) {
    return withFix(
      {
        id: 'same-vnet-separate-subnets',
        status: 'fail',
        summary: `MI and DMS are in different VNets (${miSubnet.vnet.name}, ${dmsSubnet.vnet.name}); this topology needs them in one VNet`,
        evidence,
      },
      createSubnet,
    );
  }
  if (sameId(miSubnet.subnet.id, dmsSubnet.subnet.id)) {
    return withFix(
      {
        id: 'same-vnet-separate-subnets',
        status: 'fail',
        summary: `MI and DMS share subnet ${miSubnet.subnet.name}; the MI subnet is dedicated, DMS needs its own subnet`,
        evidence,
      },
      createSubnet,
    );
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
  const source = ctx.detection.source;
  if (source && !isEmpty(source.outside)) {
    evidence.push(
      `the source range ${formatAddresses(source.outside)} is outside every VNet in the inventory: on-premises or another cloud`,
    );
  }
  const elsewhere = [...ctx.dmsRoutes.unlisted, ...(ctx.dmsRoutes.suppressed?.unlisted ?? [])].filter(
    (u) => u.kind === 'virtual-wan' || u.kind === 'remote-gateway',
  );
  if (c.paths.length === 0 && elsewhere.length) {
    // A Virtual WAN hub, or a hub gateway outside the inventory, may hold the VPN or ExpressRoute connections.
    return {
      id: 'onprem-connectivity',
      status: 'unknown',
      summary: `DMS's VNet ${vnet.name} may reach on-premises through ${elsewhere.map((u) => u.from).join('; ')}: its connections are not in the inventory`,
      evidence: [...evidence, ...elsewhere.map((u) => `uses ${u.from}`)],
      fix: [...new Set(elsewhere.map((u) => u.command))].join('\n'),
    };
  }
  if (c.paths.length === 0) {
    const gap = onPremGap(ctx.index, vnet, c);
    if (gap.kind === 'gateway-transit-off') evidence.push(gap.explanation);
    return withFix(
      {
        id: 'onprem-connectivity',
        status: 'fail',
        summary: `DMS's VNet ${vnet.name} has no VPN (site-to-site) or ExpressRoute connection to on-premises`,
        evidence: evidence.length ? evidence : [gap.explanation],
      },
      gap.lines,
    );
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

/** Routes both ways between the DMS subnet and the MI subnet: the peering must carry them. */
function subnetRoutes(ctx: VerifyContext): { label: string; verdict: RouteVerdict; flow: FlowRoute }[] {
  const { miSubnet, dmsSubnet } = ctx.placement;
  const between: [string, FlowRoute][] = [
    [
      'DMS subnet → MI subnet',
      {
        routes: ctx.dmsRoutes,
        target: { kind: 'ranges', ranges: cidrSet(miSubnet.subnet.addressPrefixes), what: 'the MI subnet' },
      },
    ],
    [
      'MI subnet → DMS subnet',
      {
        routes: ctx.miRoutes,
        target: { kind: 'ranges', ranges: cidrSet(dmsSubnet.subnet.addressPrefixes), what: 'the DMS subnet' },
      },
    ],
  ];
  return between.map(([label, flow]) => ({ label, flow, verdict: judgeRoute(ctx.index, flow) }));
}

export function vnetPeeringCheck(ctx: VerifyContext): Check {
  const { miVnet, dmsVnet } = ctx;
  const { fromMi, fromDms } = ctx.detection.peering;
  if (ctx.detection.sameVnet) {
    return withFix(
      {
        id: 'vnet-peering',
        status: 'fail',
        summary: `MI and DMS are in the same VNet ${miVnet.name}; this topology expects separate VNets joined by peering`,
        evidence: [`MI VNet ${miVnet.name} = DMS VNet ${dmsVnet.name}`],
      },
      [
        changeLine(
          {
            kind: 'vnet-create',
            vnetId: siblingId(dmsVnet.id, 'virtualNetworks', 'dms-vnet'),
            addressPrefixes: ['<free CIDR>'],
          },
          `then peer it with ${miVnet.name} both ways`,
        ),
      ],
    );
  }
  const describe = (label: string, p?: { name: string; peeringState: string }): string =>
    `${label}: ${p ? `${p.name} (${p.peeringState})` : 'no peering'}`;
  const evidence = [
    describe(`${miVnet.name} → ${dmsVnet.name}`, fromMi),
    describe(`${dmsVnet.name} → ${miVnet.name}`, fromDms),
  ];
  if (!ctx.detection.peering.connected) {
    const { lines, overlapNote } = peeringFix(miVnet, dmsVnet);
    if (overlapNote) evidence.push(overlapNote);
    return withFix(
      {
        id: 'vnet-peering',
        status: 'fail',
        summary: `${miVnet.name} and ${dmsVnet.name} are not peered with peeringState Connected in both directions`,
        evidence,
      },
      lines,
    );
  }
  // Peered: the subnets' route tables must still leave the peering routes in place, both ways.
  const routes = subnetRoutes(ctx);
  for (const r of routes) evidence.push(routeEvidence(r.label, r.verdict, r.flow));
  const status = worstStatus(routes.map((r) => r.verdict.status));
  const worst = routes.find((r) => r.verdict.status === status)!;
  const missing = missingPathOf(ctx.index, worst.flow, worst.verdict);
  const route = checkRouteOf(worst.verdict, missing);
  if (status === 'pass') {
    return {
      id: 'vnet-peering',
      status,
      summary: `${miVnet.name} and ${dmsVnet.name} are peered both ways (Connected)`,
      evidence,
      route,
    };
  }
  const fixes: FixLine[] = routes.flatMap((r) =>
    r.verdict.status === 'pass'
      ? []
      : routeFixes(r.flow, r.verdict, missingPathOf(ctx.index, r.flow, r.verdict), 'the traffic between DMS and MI'),
  );
  return withFix(
    {
      id: 'vnet-peering',
      status,
      summary:
        `${miVnet.name} and ${dmsVnet.name} are peered both ways, but the ${worst.label} route ` +
        `${status === 'fail' ? 'drops the traffic' : status === 'warn' ? 'does not take the peering' : 'cannot be decided'}: ` +
        (missing?.explanation ?? worst.verdict.deciding.note),
      evidence,
      route,
    },
    fixes,
  );
}
