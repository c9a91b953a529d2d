// A synthetic large subscription for `npm run bench:verify`: 2,000 VNets, 2,000 NSGs of 50 rules each,
// 2,000 route tables of 20 routes (one on each VNet's DMS subnet), 100 MIs each with a classic DMS, in the four
// topologies, with VPN gateways on some VNets and a hub.
import {
  Inventory,
  NetworkSecurityGroup,
  Route,
  RouteTable,
  SecurityRule,
  VirtualNetwork,
  emptyInventory,
} from '../src/network/model';

export interface SyntheticSize {
  vnets: number;
  nsgs: number;
  rulesPerNsg: number;
  managedInstances: number;
  /** Route tables, one on the DMS subnet of each of the first `routeTables` VNets. */
  routeTables: number;
  routesPerTable: number;
}

export const BENCH_SIZE: SyntheticSize = {
  vnets: 2000,
  nsgs: 2000,
  rulesPerNsg: 50,
  managedInstances: 100,
  routeTables: 2000,
  routesPerTable: 20,
};

export interface SyntheticPair {
  miName: string;
  dmsName: string;
}

const SUB = '11111111-2222-3333-4444-555555555555';
const id = (rg: string, type: string, name: string, provider = 'Microsoft.Network'): string =>
  `/subscriptions/${SUB}/resourceGroups/${rg}/providers/${provider}/${type}/${name}`;

/** VNet i gets 10.a.b.0/20, its subnets /24s inside it: up to 4,096 VNets. */
function vnetPrefix(i: number, third = 0, bits = 20): string {
  return `10.${i >> 4}.${((i & 15) << 4) + third}.0/${bits}`;
}

const PORTS = ['443', '1433', '1434', '445', '9354', '12000', '3389', '22', '8080-8090', '11000-11999'];
const TAGS = ['ServiceBus', 'Storage', 'AzureMonitor', 'Internet', 'VirtualNetwork', 'AzureCloud.westeurope', 'Sql'];

function rules(n: number, i: number, size: SyntheticSize): SecurityRule[] {
  const out: SecurityRule[] = [];
  for (let k = 0; k < size.rulesPerNsg; k++) {
    const inbound = k % 5 === 0;
    const peer = (i + k * 37) % size.vnets;
    const dst = k % 3 === 0 ? [TAGS[(n + k) % TAGS.length]] : [vnetPrefix(peer, 0, 20), `192.168.${k}.0/24`];
    out.push({
      name: `r${k}`,
      priority: 100 + k * 10,
      direction: inbound ? 'Inbound' : 'Outbound',
      // Mostly allows, a deny now and then, so verdicts vary (some checks fail, some warn).
      access: (i + k) % 11 === 0 ? 'Deny' : 'Allow',
      protocol: k % 7 === 0 ? 'Udp' : k % 13 === 0 ? '*' : 'Tcp',
      sourceAddressPrefixes: inbound ? [vnetPrefix(peer, 2, 24)] : ['*'],
      destinationAddressPrefixes: inbound ? ['*'] : dst,
      sourceApplicationSecurityGroups: [],
      destinationApplicationSecurityGroups: [],
      sourcePortRanges: ['*'],
      destinationPortRanges:
        k % 4 === 0 ? [PORTS[k % PORTS.length], PORTS[(k + 3) % PORTS.length]] : [PORTS[k % PORTS.length]],
    });
  }
  return out;
}

const SERVICE_TAGS = ['Storage', 'ServiceBus', 'AzureMonitor', 'AzureCloud.westeurope'];

/** Route k of VNet i's table: appliances for other VNets, on-premises to the gateway, service tags, drops. */
function route(i: number, k: number, size: SyntheticSize): Route {
  const nva = `10.${i >> 4}.${((i & 15) << 4) + 2}.4`;
  const kind = k % 10;
  const name = `r${k}`;
  if (k === 0) {
    return i % 4 === 0
      ? { name, addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: nva }
      : { name, addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' };
  }
  if (kind < 4) {
    const other = (i + k * 97) % size.vnets;
    return { name, addressPrefix: vnetPrefix(other), nextHopType: 'VirtualAppliance', nextHopIpAddress: nva };
  }
  if (kind < 6) return { name, addressPrefix: `192.168.${k}.0/24`, nextHopType: 'VirtualNetworkGateway' };
  if (kind < 8 && i % 3 !== 0)
    return { name, addressPrefix: SERVICE_TAGS[(i + k) % SERVICE_TAGS.length], nextHopType: 'Internet' };
  if (kind === 8) return { name, addressPrefix: `172.${16 + (k % 16)}.0.0/16`, nextHopType: 'None' };
  return { name, addressPrefix: `100.64.${k}.0/24`, nextHopType: 'VirtualAppliance', nextHopIpAddress: nva };
}

export function syntheticInventory(size: SyntheticSize = BENCH_SIZE): { inventory: Inventory; pairs: SyntheticPair[] } {
  const inv = emptyInventory();
  for (let n = 0; n < size.nsgs; n++) {
    const nsg: NetworkSecurityGroup = {
      id: id('rg-net', 'networkSecurityGroups', `nsg-${n}`),
      name: `nsg-${n}`,
      resourceGroup: 'rg-net',
      location: 'westeurope',
      securityRules: rules(n, n, size),
    };
    inv.networkSecurityGroups.push(nsg);
  }
  const nsgId = (i: number): string => inv.networkSecurityGroups[i % size.nsgs].id;
  for (let i = 0; i < size.vnets; i++) {
    const vid = id('rg-net', 'virtualNetworks', `vnet-${i}`);
    const v: VirtualNetwork = {
      id: vid,
      name: `vnet-${i}`,
      resourceGroup: 'rg-net',
      subscriptionId: SUB,
      location: 'westeurope',
      addressPrefixes: [vnetPrefix(i)],
      dnsServers: i % 3 === 0 ? [] : ['192.168.0.53'],
      subnets: ['mi', 'dms', 'app', 'GatewaySubnet'].map((name, k) => ({
        id: `${vid}/subnets/${name}`,
        name,
        addressPrefixes: [k === 3 ? `10.${i >> 4}.${((i & 15) << 4) + 3}.0/27` : vnetPrefix(i, k, 24)],
        networkSecurityGroupId: k < 3 ? nsgId(i + k) : undefined,
        delegations: name === 'mi' ? ['Microsoft.Sql/managedInstances'] : [],
        serviceEndpoints: name === 'dms' && i % 2 === 0 ? ['Microsoft.Storage'] : [],
      })),
      peerings: [],
    };
    inv.virtualNetworks.push(v);
  }
  const vnets = inv.virtualNetworks;
  for (let i = 0; i < Math.min(size.routeTables, size.vnets); i++) {
    const table: RouteTable = {
      id: id('rg-net', 'routeTables', `rt-${i}`),
      name: `rt-${i}`,
      disableBgpRoutePropagation: i % 7 === 0,
      routes: Array.from({ length: size.routesPerTable }, (_, k) => route(i, k, size)),
    };
    inv.routeTables.push(table);
    vnets[i].subnets[1].routeTableId = table.id;
  }
  const peer = (a: VirtualNetwork, b: VirtualNetwork, hub = false): void => {
    for (const [x, y, useRemote, transit] of [
      [a, b, hub, false],
      [b, a, false, hub],
    ] as const) {
      x.peerings.push({
        id: `${x.id}/virtualNetworkPeerings/to-${y.name}`,
        name: `to-${y.name}`,
        remoteVirtualNetworkId: y.id,
        peeringState: 'Connected',
        allowGatewayTransit: transit,
        useRemoteGateways: useRemote,
        allowForwardedTraffic: true,
        remoteAddressPrefixes: y.addressPrefixes,
      });
    }
  };
  // vnet-0 is a hub with a VPN gateway; every tenth VNet uses it through gateway transit.
  for (let i = 10; i < size.vnets; i += 10) peer(vnets[i], vnets[0], true);
  for (const i of [0, 5, 15, 25]) {
    const v = vnets[i];
    const gw = id('rg-net', 'virtualNetworkGateways', `gw-${i}`);
    inv.virtualNetworkGateways.push({
      id: gw,
      name: `gw-${i}`,
      gatewayType: i === 25 ? 'ExpressRoute' : 'Vpn',
      subnetIds: [`${v.id}/subnets/GatewaySubnet`],
      hasPointToSite: false,
    });
    const lng = id('rg-net', 'localNetworkGateways', `onprem-${i}`);
    if (i !== 25)
      inv.localNetworkGateways.push({
        id: lng,
        name: `onprem-${i}`,
        addressPrefixes: [`192.168.${i}.0/24`, '172.20.0.0/16'],
      });
    inv.connections.push({
      id: id('rg-net', 'connections', `conn-${i}`),
      name: `conn-${i}`,
      connectionType: i === 25 ? 'ExpressRoute' : 'IPsec',
      virtualNetworkGateway1Id: gw,
      localNetworkGatewayId: i === 25 ? undefined : lng,
      connectionStatus: 'Connected',
    });
  }
  const pairs: SyntheticPair[] = [];
  for (let m = 0; m < size.managedInstances; m++) {
    // Even MIs share their VNet with the DMS; odd ones are peered with a DMS VNet that uses the hub gateway.
    const miVnet = vnets[(m * 19) % size.vnets];
    const dmsVnet = m % 2 === 0 ? miVnet : vnets[(m * 20 + 1000) % size.vnets];
    if (dmsVnet !== miVnet) peer(miVnet, dmsVnet);
    inv.managedInstances.push({
      id: id('rg-sql', 'managedInstances', `mi-${m}`, 'Microsoft.Sql'),
      name: `mi-${m}`,
      subnetId: `${miVnet.id}/subnets/mi`,
      proxyOverride: m % 3 === 0 ? 'Redirect' : 'Proxy',
      location: 'westeurope',
    });
    inv.dmsServices.push({
      id: id('rg-dms', 'services', `dms-${m}`, 'Microsoft.DataMigration'),
      name: `dms-${m}`,
      kind: 'classic',
      subnetId: `${dmsVnet.id}/subnets/dms`,
      location: 'westeurope',
    });
    pairs.push({ miName: `mi-${m}`, dmsName: `dms-${m}` });
  }
  return { inventory: inv, pairs };
}
