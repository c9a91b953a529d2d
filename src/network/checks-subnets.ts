// Subnet-level faults that often stop DMS migrations: forced tunnelling, DNS, service endpoints, MI subnet.
import { quoteArg as q, shellComment } from './az-fixes';
import { FixLine, changeLine, commandLine } from './changes';
import { withFix } from './fix-lines';
import { serviceTagRoute } from './flow-routes';
import { ipv4Prefixes, prefixLength } from './cidr';
import { EffectiveRoute } from './effective-routes';
import { describeRouteVerdict, routeToService, serviceRouteOutcome } from './reachability';
import { VerifyContext } from './verify-context';
import { Check, worstStatus } from './verify-types';

/** The Azure services DMS's management and diagnostics traffic goes to, in both rule sets. */
const DMS_SERVICES = ['ServiceBus', 'Storage', 'AzureMonitor'];

/**
 * How the DMS subnet's routes take DMS's traffic to Azure (ServiceBus, Storage, AzureMonitor): to the Internet
 * passes; through an appliance or a gateway warns (it must let the traffic out); a None route fails; a default
 * route that may be learned over BGP (forced tunnelling over ExpressRoute or VPN) is unknown.
 */
export function routeForcedTunnelingCheck(ctx: VerifyContext): Check {
  const subnet = ctx.placement.dmsSubnet.subnet;
  const routes = ctx.dmsRoutes;
  const rt = routes.routeTable;
  if (routes.missingRouteTableId) {
    return {
      id: 'route-forced-tunneling',
      status: 'unknown',
      summary: `DMS subnet ${subnet.name}'s route table is not in the inventory`,
      evidence: [`route table ${routes.missingRouteTableId}`],
      fix: `az network route-table show --ids ${q(routes.missingRouteTableId)} --query routes`,
    };
  }
  const verdicts = DMS_SERVICES.map((service) => ({
    service,
    verdict: routeToService(routes, service, ctx.dmsVnet.location),
  }));
  const status = worstStatus(verdicts.map((v) => v.verdict.status));
  const evidence = [
    ...(rt ? [`route table ${rt.name}: ${rt.routes.length} route(s)`] : []),
    ...verdicts.map(({ service, verdict }) => `${service}: ${describeRouteVerdict(verdict)}`),
  ];
  const ports = ctx.options.ruleset === '2020' ? 'TCP 443, 9354 and 12000' : 'TCP 443';
  const affected = verdicts.filter((v) => v.verdict.status === status);
  const services = affected.map((v) => v.service).join(', ');
  const carriers = [
    ...new Set(
      affected.flatMap((v) =>
        (v.verdict.deciding.carriers ?? []).filter((r) => serviceRouteOutcome(r).status === status),
      ),
    ),
  ];
  const hop = (r: EffectiveRoute): string => `${r.nextHopType}${r.nextHopIpAddress ? ` ${r.nextHopIpAddress}` : ''}`;
  const sends = carriers.length
    ? `route table ${carriers[0].routeTable?.name ?? rt?.name} sends ${carriers.map((r) => r.addressPrefix).join(', ')} to ${hop(carriers[0])}`
    : '';
  const pinFixes = (comment: string): FixLine[] =>
    rt
      ? affected.map((v, i) => serviceTagRoute(rt.id, v.service, i === affected.length - 1 ? comment : undefined))
      : [];
  switch (status) {
    case 'pass':
      return {
        id: 'route-forced-tunneling',
        status,
        summary: rt
          ? `route table ${rt.name} does not send internet or Azure service traffic through an appliance or gateway`
          : `DMS subnet ${subnet.name} has no route table`,
        evidence,
      };
    case 'warn':
      return withFix(
        {
          id: 'route-forced-tunneling',
          status,
          summary: `${sends || `DMS's route to ${services} is not direct`}: DMS's ${ports} to ${services} must be allowed through it`,
          evidence,
        },
        pinFixes('or allow this traffic on the appliance or gateway'),
      );
    case 'fail':
      return withFix(
        {
          id: 'route-forced-tunneling',
          status,
          summary: `${sends || `DMS subnet ${subnet.name} has no route`}: DMS's ${ports} to ${services} is dropped`,
          evidence,
        },
        pinFixes('a route naming the service tag beats the broader route that drops it'),
      );
    case 'unknown': {
      const unlisted = [
        ...new Map(
          affected.flatMap((v) => v.verdict.parts.flatMap((p) => p.unlisted ?? [])).map((u) => [u.command, u]),
        ).values(),
      ];
      if (unlisted.length === 0) {
        // A next hop this check does not know: say what the route is, nothing about learned routes.
        return {
          id: 'route-forced-tunneling',
          status,
          summary: `DMS's ${ports} to ${services} cannot be judged from the routes: ${affected[0].verdict.deciding.note}`,
          evidence,
          ...(rt ? { fix: `az network route-table show --ids ${q(rt.id)} --query routes` } : {}),
        };
      }
      return withFix(
        {
          id: 'route-forced-tunneling',
          status,
          summary:
            `DMS's ${ports} to ${services} leaves by the system default route to the Internet, unless a default route ` +
            `learned from ${[...new Set(unlisted.map((u) => u.from))].join('; ')} ` +
            '(forced tunnelling, not listed in Azure Resource Manager) sends it elsewhere',
          evidence,
        },
        [
          // the Virtual WAN command carries its own comment
          ...unlisted.map((u, i) =>
            commandLine(
              i === 0 && u.kind !== 'virtual-wan' ? `${u.command}${shellComment('look for 0.0.0.0/0')}` : u.command,
            ),
          ),
          ...pinFixes("if it is there, these keep DMS's traffic to Azure off the tunnel"),
        ],
      );
    }
  }
}

export function dnsOnPremResolutionCheck(ctx: VerifyContext): Check {
  const vnet = ctx.dmsVnet;
  const onPremSource =
    ctx.target === 'hybrid' || ctx.target === 'mi-isolated' || (ctx.target === null && ctx.detection.onPremSource);
  if (vnet.dnsServers.length > 0) {
    return {
      id: 'dns-onprem-resolution',
      status: 'pass',
      summary: `DMS's VNet ${vnet.name} uses custom DNS servers`,
      evidence: [`DNS servers: ${vnet.dnsServers.join(', ')}`],
    };
  }
  if (!onPremSource) {
    return {
      id: 'dns-onprem-resolution',
      status: 'pass',
      summary: `DMS's VNet ${vnet.name} uses Azure-provided DNS; the source is not on-premises in this topology`,
      evidence: [],
    };
  }
  const check: Check = {
    id: 'dns-onprem-resolution',
    status: 'warn',
    summary:
      `DMS's VNet ${vnet.name} uses Azure-provided DNS while the source is on-premises: on-premises names will not ` +
      'resolve; give the source as an IP address or a resolvable FQDN, or set custom DNS servers',
    evidence: [`VNet ${vnet.name}: dhcpOptions.dnsServers is empty (Azure-provided DNS)`],
  };
  return withFix(check, [
    changeLine({ kind: 'vnet-update', vnetId: vnet.id, dnsServers: ['<on-premises DNS server IPs>'] }),
  ]);
}

const REQUIRED_ENDPOINTS = ['Microsoft.ServiceBus', 'Microsoft.Storage', 'Microsoft.Sql'];

export function dmsServiceEndpointsCheck(ctx: VerifyContext): Check {
  const subnet = ctx.placement.dmsSubnet.subnet;
  if (!ctx.detection.dmsOnPrem.hasExpressRoute) {
    return {
      id: 'dms-service-endpoints',
      status: 'pass',
      summary: `no ExpressRoute path from ${ctx.dmsVnet.name}: service endpoints are not required`,
      evidence: [],
    };
  }
  const have = new Set(subnet.serviceEndpoints.map((s) => s.toLowerCase()));
  const missing = REQUIRED_ENDPOINTS.filter((e) => !have.has(e.toLowerCase()));
  if (missing.length === 0) {
    return {
      id: 'dms-service-endpoints',
      status: 'pass',
      summary: `DMS subnet ${subnet.name} has the ServiceBus, Storage and Sql service endpoints`,
      evidence: [`service endpoints: ${subnet.serviceEndpoints.join(', ')}`],
    };
  }
  const all = [...new Set([...subnet.serviceEndpoints, ...REQUIRED_ENDPOINTS])];
  const check: Check = {
    id: 'dms-service-endpoints',
    status: 'warn',
    summary:
      `if the ExpressRoute circuit of the DMS VNet uses Microsoft peering, DMS subnet ${subnet.name} has no internet ` +
      `path and needs the service endpoint(s) ${missing.join(', ')}; without Microsoft peering they are not needed`,
    evidence: [
      `service endpoints on ${subnet.name}: ${subnet.serviceEndpoints.join(', ') || 'none'}`,
      "whether the circuit has Microsoft peering is not in the inventory: az network express-route peering list -g <circuit's resource group> --circuit-name <circuit> -o table",
    ],
  };
  return withFix(check, [changeLine({ kind: 'subnet-update', subnetId: subnet.id, serviceEndpoints: all })]);
}

export function miSubnetCheck(ctx: VerifyContext): Check {
  const { subnet, vnet } = ctx.placement.miSubnet;
  const problems: string[] = [];
  const fixes: FixLine[] = [];
  const evidence: string[] = [`MI subnet ${subnet.name} (${subnet.addressPrefixes.join(', ')}) in VNet ${vnet.name}`];
  if (!subnet.delegations.some((d) => d.toLowerCase() === 'microsoft.sql/managedinstances')) {
    problems.push('it is not delegated to Microsoft.Sql/managedInstances');
    fixes.push(
      changeLine({ kind: 'subnet-update', subnetId: subnet.id, delegations: ['Microsoft.Sql/managedInstances'] }),
    );
  }
  if (!subnet.networkSecurityGroupId) {
    problems.push('it has no NSG');
    fixes.push(changeLine({ kind: 'subnet-update', subnetId: subnet.id, networkSecurityGroupId: '<nsg name or id>' }));
  }
  const lengths = ipv4Prefixes(subnet.addressPrefixes).map(prefixLength);
  const smallest = Math.min(...lengths);
  const move = changeLine({
    kind: 'managed-instance-update',
    managedInstanceId: ctx.placement.mi.id,
    subnetId: '<id of a /27 or larger subnet>',
  });
  if (lengths.length && smallest > 28) {
    problems.push(`it is smaller than /28 (/${smallest})`);
    fixes.push(move);
  } else if (smallest === 28) {
    problems.push('it is a /28, for dev/test only: production needs at least /27');
    fixes.push(move);
  }
  if (problems.length === 0) {
    return {
      id: 'mi-subnet',
      status: 'pass',
      summary: `MI subnet ${subnet.name} is delegated, has an NSG and is large enough`,
      evidence,
    };
  }
  return withFix(
    { id: 'mi-subnet', status: 'warn', summary: `MI subnet ${subnet.name}: ${problems.join('; ')}`, evidence },
    fixes,
  );
}
