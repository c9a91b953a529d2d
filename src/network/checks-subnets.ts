// Subnet-level faults that often stop DMS migrations: forced tunnelling, DNS, service endpoints, MI subnet.
import { placeholder, quoteArg as q, resourceGroupOf, rgOf, shellComment, subnetUpdate } from './az-fixes';
import { NON_PUBLIC_IPV4, PUBLIC_IPV4, cidrSet, ipv4Prefixes, isCidrOrIp, prefixLength } from './cidr';
import { contains } from './intervals';
import { Route } from './model';
import { parseServiceTag } from './service-tags';
import { VerifyContext } from './verify-context';
import { Check } from './verify-types';

const FORCED_NEXT_HOPS = ['virtualappliance', 'virtualnetworkgateway'];

export function routeForcedTunnelingCheck(ctx: VerifyContext): Check {
  const subnet = ctx.placement.dmsSubnet.subnet;
  const rtId = subnet.routeTableId;
  if (!rtId) {
    return {
      id: 'route-forced-tunneling',
      status: 'pass',
      summary: `DMS subnet ${subnet.name} has no route table`,
      evidence: [],
    };
  }
  const rt = ctx.index.routeTable(rtId);
  if (!rt) {
    return {
      id: 'route-forced-tunneling',
      status: 'unknown',
      summary: `DMS subnet ${subnet.name}'s route table is not in the inventory`,
      evidence: [`route table ${rtId}`],
      fix: `az network route-table show --ids ${q(rtId)} --query routes`,
    };
  }
  const forced = forcedRoutes(rt.routes);
  if (forced.length === 0) {
    return {
      id: 'route-forced-tunneling',
      status: 'pass',
      summary: `route table ${rt.name} does not send internet or Azure service traffic through an appliance or gateway`,
      evidence: [`route table ${rt.name}: ${rt.routes.length} route(s)`],
    };
  }
  const hop = (r: Route): string => `${r.nextHopType}${r.nextHopIpAddress ? ` ${r.nextHopIpAddress}` : ''}`;
  return {
    id: 'route-forced-tunneling',
    status: 'warn',
    summary:
      `route table ${rt.name} sends ${forced.map((r) => r.addressPrefix).join(', ')} to ${hop(forced[0])}: ` +
      "DMS's Service Bus and Storage traffic must be allowed through it",
    evidence: forced.map((f) => `route ${f.name} in ${rt.name}: ${f.addressPrefix} → ${hop(f)}`),
    fix:
      `az network route-table route create -g ${q(resourceGroupOf(rt.id) ?? '<resource group>')} --route-table-name ${q(rt.name)} ` +
      `-n to-servicebus --address-prefix ServiceBus --next-hop-type Internet` +
      shellComment('likewise Storage; or allow them on the appliance'),
  };
}

/** Routes that take DMS's management traffic through an appliance or gateway: a default route, routes that
 * together cover all public space (0.0.0.0/1 + 128.0.0.0/1), or a route to a service tag DMS uses. */
function forcedRoutes(routes: readonly Route[]): Route[] {
  const viaHop = routes.filter((r) => FORCED_NEXT_HOPS.includes(r.nextHopType.toLowerCase()));
  const cidrRoutes = viaHop.filter((r) => isCidrOrIp(r.addressPrefix));
  const covering = contains(cidrSet(cidrRoutes.map((r) => r.addressPrefix)), PUBLIC_IPV4)
    ? cidrRoutes.filter((r) => !contains(NON_PUBLIC_IPV4, cidrSet([r.addressPrefix])))
    : [];
  const toServices = viaHop.filter((r) => {
    const tag = parseServiceTag(r.addressPrefix);
    return tag !== undefined && DMS_SERVICE_TAGS.includes(tag.base);
  });
  return [...covering, ...toServices];
}

const DMS_SERVICE_TAGS = ['ServiceBus', 'Storage', 'AzureMonitor', 'AzureCloud', 'Internet'];

export function dnsOnPremResolutionCheck(ctx: VerifyContext): Check {
  const vnet = ctx.dmsVnet;
  const onPremSource =
    ctx.target === 'hybrid' ||
    ctx.target === 'mi-isolated' ||
    (ctx.target === null && ctx.detection.dmsOnPrem.paths.length > 0);
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
  return {
    id: 'dns-onprem-resolution',
    status: 'warn',
    summary:
      `DMS's VNet ${vnet.name} uses Azure-provided DNS while the source is on-premises: on-premises names will not ` +
      'resolve; give the source as an IP address or a resolvable FQDN, or set custom DNS servers',
    evidence: [`VNet ${vnet.name}: dhcpOptions.dnsServers is empty (Azure-provided DNS)`],
    fix: `az network vnet update -g ${q(rgOf(vnet))} -n ${q(vnet.name)} --dns-servers ${placeholder('on-premises DNS server IPs')}`,
  };
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
  return {
    id: 'dms-service-endpoints',
    status: 'warn',
    summary:
      `if the ExpressRoute circuit of the DMS VNet uses Microsoft peering, DMS subnet ${subnet.name} has no internet ` +
      `path and needs the service endpoint(s) ${missing.join(', ')}; without Microsoft peering they are not needed`,
    evidence: [
      `service endpoints on ${subnet.name}: ${subnet.serviceEndpoints.join(', ') || 'none'}`,
      "whether the circuit has Microsoft peering is not in the inventory: az network express-route peering list -g <circuit's resource group> --circuit-name <circuit> -o table",
    ],
    fix: subnetUpdate(ctx.dmsVnet, subnet.name, `--service-endpoints ${all.map(q).join(' ')}`),
  };
}

export function miSubnetCheck(ctx: VerifyContext): Check {
  const { subnet, vnet } = ctx.placement.miSubnet;
  const problems: string[] = [];
  const fixes: string[] = [];
  const evidence: string[] = [`MI subnet ${subnet.name} (${subnet.addressPrefixes.join(', ')}) in VNet ${vnet.name}`];
  if (!subnet.delegations.some((d) => d.toLowerCase() === 'microsoft.sql/managedinstances')) {
    problems.push('it is not delegated to Microsoft.Sql/managedInstances');
    fixes.push(subnetUpdate(vnet, subnet.name, '--delegations Microsoft.Sql/managedInstances'));
  }
  if (!subnet.networkSecurityGroupId) {
    problems.push('it has no NSG');
    fixes.push(subnetUpdate(vnet, subnet.name, `--network-security-group ${placeholder('nsg name or id')}`));
  }
  const lengths = ipv4Prefixes(subnet.addressPrefixes).map(prefixLength);
  const smallest = Math.min(...lengths);
  if (lengths.length && smallest > 28) {
    problems.push(`it is smaller than /28 (/${smallest})`);
    fixes.push(
      `az sql mi update -g ${q(resourceGroupOf(ctx.placement.mi.id) ?? '<resource group>')} -n ${q(ctx.placement.mi.name)} --subnet ${placeholder('id of a /27 or larger subnet')}`,
    );
  } else if (smallest === 28) {
    problems.push('it is a /28, for dev/test only: production needs at least /27');
    fixes.push(
      `az sql mi update -g ${q(resourceGroupOf(ctx.placement.mi.id) ?? '<resource group>')} -n ${q(ctx.placement.mi.name)} --subnet ${placeholder('id of a /27 or larger subnet')}`,
    );
  }
  if (problems.length === 0) {
    return {
      id: 'mi-subnet',
      status: 'pass',
      summary: `MI subnet ${subnet.name} is delegated, has an NSG and is large enough`,
      evidence,
    };
  }
  return {
    id: 'mi-subnet',
    status: 'warn',
    summary: `MI subnet ${subnet.name}: ${problems.join('; ')}`,
    evidence,
    fix: fixes.join('\n'),
  };
}
