import { cidrSet } from '../../src/network/cidr';
import { routeToAddresses, routeToService } from '../../src/network/reachability';
import { onPremLink } from '../fixtures/network/builders';
import { HubSpoke, gatewayTransit, hubSpoke, routeTable, routesOf, virtualWanHub } from '../fixtures/network/routing';
import type { CheckStatus, RouteOutcome } from '../../src/network/verify-types';

const NVA = '10.0.1.4';
const appliance = (addressPrefix: string) => ({
  addressPrefix,
  nextHopType: 'VirtualAppliance',
  nextHopIpAddress: NVA,
});

interface AddressCase {
  name: string;
  setup: (s: HubSpoke) => void;
  to: string[];
  status: CheckStatus;
  outcome: RouteOutcome;
  /** The deciding route: "prefix hop". */
  route?: string;
  note?: string;
}

/** From spoke a's subnet 'app' (10.1.1.0/24). */
const addressCases: AddressCase[] = [
  {
    name: 'its own VNet',
    setup: () => undefined,
    to: ['10.1.2.0/24'],
    status: 'pass',
    outcome: 'delivered',
    route: '10.1.0.0/16 VnetLocal',
  },
  {
    name: 'the peered hub',
    setup: () => undefined,
    to: ['10.0.1.0/24'],
    status: 'pass',
    outcome: 'delivered',
    route: '10.0.0.0/16 VNetPeering',
  },
  {
    name: 'another spoke of the hub: peering is not transitive',
    setup: () => undefined,
    to: ['10.2.1.0/24'],
    status: 'fail',
    outcome: 'dropped',
    route: '10.0.0.0/8 None',
  },
  {
    name: 'another spoke through the hub firewall',
    setup: (s) => routeTable(s.inv, s.a, 'app', [appliance('10.2.0.0/16')]),
    to: ['10.2.1.0/24'],
    status: 'warn',
    outcome: 'appliance',
    route: '10.2.0.0/16 VirtualAppliance',
    note: 'the appliance at 10.0.1.4',
  },
  {
    name: 'on-premises through the hub gateway (transit)',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'vpn', ['192.168.0.0/16']);
      gatewayTransit(s.hub, s.a);
    },
    to: ['192.168.5.0/24'],
    status: 'pass',
    outcome: 'gateway',
    route: '192.168.0.0/16 VirtualNetworkGateway',
  },
  {
    name: 'on-premises with the hub gateway but no transit',
    setup: (s) => onPremLink(s.inv, s.hub, 'vpn', ['192.168.0.0/16']),
    to: ['192.168.5.0/24'],
    status: 'fail',
    outcome: 'dropped',
    route: '192.168.0.0/16 None',
  },
  {
    name: 'on-premises over ExpressRoute: the listed routes drop it, learned ones may carry it',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'expressroute');
      gatewayTransit(s.hub, s.a);
    },
    to: ['172.20.0.0/16'],
    status: 'unknown',
    outcome: 'unknown',
    route: '172.16.0.0/12 None',
    note: 'routes learned from ExpressRoute gateway vnet-hub-ergw',
  },
  {
    name: 'another spoke with ExpressRoute in the hub: learned routes do not bring back the hub spokes',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'expressroute');
      gatewayTransit(s.hub, s.a);
    },
    to: ['10.2.1.0/24'],
    status: 'fail',
    outcome: 'dropped',
  },
  {
    name: 'another spoke over a Virtual WAN hub: its routes may carry it',
    setup: (s) => virtualWanHub(s.a),
    to: ['10.2.1.0/24'],
    status: 'unknown',
    outcome: 'unknown',
  },
  {
    name: 'the same prefix from a route table and a gateway: the user-defined route wins',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'vpn', ['192.168.0.0/16']);
      gatewayTransit(s.hub, s.a);
      routeTable(s.inv, s.a, 'app', [appliance('192.168.0.0/16')]);
    },
    to: ['192.168.5.0/24'],
    status: 'warn',
    outcome: 'appliance',
    route: '192.168.0.0/16 VirtualAppliance',
  },
  {
    name: 'a longer gateway prefix beats a shorter user-defined route',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'vpn', ['192.168.5.0/24']);
      gatewayTransit(s.hub, s.a);
      routeTable(s.inv, s.a, 'app', [appliance('192.168.0.0/16')]);
    },
    to: ['192.168.5.0/24'],
    status: 'pass',
    outcome: 'gateway',
    route: '192.168.5.0/24 VirtualNetworkGateway',
  },
  {
    name: 'disableBgpRoutePropagation drops the gateway route, and learned ones with it',
    setup: (s) => {
      const { connection } = onPremLink(s.inv, s.hub, 'vpn', ['192.168.0.0/16']);
      connection!.enableBgp = true;
      gatewayTransit(s.hub, s.a);
      routeTable(s.inv, s.a, 'app', [appliance('0.0.0.0/0')], true);
    },
    to: ['192.168.5.0/24'],
    status: 'fail',
    outcome: 'dropped',
    route: '192.168.0.0/16 None',
  },
  {
    name: 'a user-defined route to None',
    setup: (s) => routeTable(s.inv, s.a, 'app', [{ addressPrefix: '10.0.0.0/16', nextHopType: 'None' }]),
    to: ['10.0.1.0/24'],
    status: 'fail',
    outcome: 'dropped',
    route: '10.0.0.0/16 None',
  },
  {
    name: 'a user-defined /32 to None cannot be beaten by a learned prefix',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'expressroute');
      gatewayTransit(s.hub, s.a);
      routeTable(s.inv, s.a, 'app', [{ addressPrefix: '172.20.0.10/32', nextHopType: 'None' }]);
    },
    to: ['172.20.0.10'],
    status: 'fail',
    outcome: 'dropped',
  },
  {
    name: 'a route to a virtual network gateway the VNet does not have',
    setup: (s) =>
      routeTable(s.inv, s.a, 'app', [{ addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' }]),
    to: ['192.168.5.0/24'],
    status: 'fail',
    outcome: 'dropped',
  },
  {
    name: 'a public on-premises address goes over the Internet',
    setup: () => undefined,
    to: ['203.0.113.0/24'],
    status: 'warn',
    outcome: 'internet',
    route: '0.0.0.0/0 Internet',
  },
  {
    name: 'private addresses sent to the Internet are dropped',
    setup: (s) => routeTable(s.inv, s.a, 'app', [{ addressPrefix: '10.2.0.0/16', nextHopType: 'Internet' }]),
    to: ['10.2.1.0/24'],
    status: 'fail',
    outcome: 'dropped',
  },
  {
    name: 'a route table missing from the inventory: unknown',
    setup: (s) =>
      (s.a.subnets[0].routeTableId = `${s.a.id.split('/providers/')[0]}/providers/Microsoft.Network/routeTables/gone`),
    to: ['10.1.2.0/24'],
    status: 'unknown',
    outcome: 'unknown',
  },
];

describe('routes to addresses from a spoke subnet', () => {
  it.each(addressCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const s = hubSpoke();
    c.setup(s);
    const { index, er } = routesOf(s.inv, s.a, 'app');
    const v = routeToAddresses(er, index, cidrSet(c.to));
    expect({ status: v.status, outcome: v.deciding.outcome }).toEqual({ status: c.status, outcome: c.outcome });
    if (c.route) expect(`${v.deciding.route?.addressPrefix} ${v.deciding.route?.nextHopType}`).toBe(c.route);
    if (c.note) expect(v.deciding.note).toContain(c.note);
  });

  it('a destination with no IPv4 address (an IPv6-only subnet) is unknown, never delivered', () => {
    const s = hubSpoke();
    const { index, er } = routesOf(s.inv, s.a, 'app');
    const v = routeToAddresses(er, index, cidrSet(['ace:cab:dec1:1::/64']));
    expect(v).toMatchObject({
      status: 'unknown',
      deciding: { outcome: 'unknown', note: 'it has no IPv4 address to route' },
    });
  });

  it('a destination split between a path and none is partly routed (warn), each part with its route', () => {
    const s = hubSpoke();
    const { index, er } = routesOf(s.inv, s.a, 'app');
    const v = routeToAddresses(er, index, cidrSet(['10.0.1.0/24', '10.2.1.0/24']));
    expect(v.status).toBe('warn');
    expect(v.parts.map((p) => [p.route?.nextHopType, p.status])).toEqual([
      ['VNetPeering', 'pass'],
      ['None', 'fail'],
    ]);
  });
});

interface ServiceCase {
  name: string;
  setup: (s: HubSpoke) => void;
  service: string;
  status: CheckStatus;
  route?: string;
}

const serviceCases: ServiceCase[] = [
  {
    name: 'no route table',
    setup: () => undefined,
    service: 'ServiceBus',
    status: 'pass',
    route: '0.0.0.0/0 Internet',
  },
  {
    name: '0.0.0.0/0 to an appliance',
    setup: (s) => routeTable(s.inv, s.a, 'app', [appliance('0.0.0.0/0')]),
    service: 'ServiceBus',
    status: 'warn',
    route: '0.0.0.0/0 VirtualAppliance',
  },
  {
    name: '0.0.0.0/0 to None',
    setup: (s) => routeTable(s.inv, s.a, 'app', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'None' }]),
    service: 'Storage',
    status: 'fail',
    route: '0.0.0.0/0 None',
  },
  {
    name: '0.0.0.0/0 to None, ServiceBus pinned to the Internet by its tag',
    setup: (s) =>
      routeTable(s.inv, s.a, 'app', [
        { addressPrefix: '0.0.0.0/0', nextHopType: 'None' },
        { addressPrefix: 'ServiceBus', nextHopType: 'Internet' },
      ]),
    service: 'ServiceBus',
    status: 'pass',
    route: 'ServiceBus Internet',
  },
  {
    name: 'a regional tag of another region does not apply',
    setup: (s) =>
      routeTable(s.inv, s.a, 'app', [
        { addressPrefix: '0.0.0.0/0', nextHopType: 'None' },
        { addressPrefix: 'ServiceBus.EastUS', nextHopType: 'Internet' },
      ]),
    service: 'ServiceBus',
    status: 'fail',
  },
  {
    name: 'AzureCloud.westeurope pinned to the Internet covers Storage in westeurope',
    setup: (s) =>
      routeTable(s.inv, s.a, 'app', [
        appliance('0.0.0.0/0'),
        { addressPrefix: 'AzureCloud.westeurope', nextHopType: 'Internet' },
      ]),
    service: 'Storage',
    status: 'pass',
  },
  {
    name: 'the Storage service endpoint beats 0.0.0.0/0 to an appliance',
    setup: (s) => {
      routeTable(s.inv, s.a, 'app', [appliance('0.0.0.0/0')]);
      s.a.subnets[0].serviceEndpoints = ['Microsoft.Storage'];
    },
    service: 'Storage',
    status: 'pass',
    route: 'Storage VirtualNetworkServiceEndpoint',
  },
  {
    name: 'two halves to the appliance',
    setup: (s) => routeTable(s.inv, s.a, 'app', [appliance('0.0.0.0/1'), appliance('128.0.0.0/1')]),
    service: 'AzureMonitor',
    status: 'warn',
  },
  {
    name: 'a longer public prefix to an appliance may hold the service',
    setup: (s) => routeTable(s.inv, s.a, 'app', [appliance('52.0.0.0/9')]),
    service: 'ServiceBus',
    status: 'warn',
    route: '0.0.0.0/0 Internet',
  },
  {
    name: 'ExpressRoute: a default route may be learned (forced tunnelling)',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'expressroute');
      gatewayTransit(s.hub, s.a);
    },
    service: 'ServiceBus',
    status: 'unknown',
  },
  {
    name: 'ExpressRoute with the service tag pinned to the Internet',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'expressroute');
      gatewayTransit(s.hub, s.a);
      routeTable(s.inv, s.a, 'app', [{ addressPrefix: 'ServiceBus', nextHopType: 'Internet' }]);
    },
    service: 'ServiceBus',
    status: 'pass',
  },
  {
    name: 'a 0.0.0.0/0 to the gateway (forced tunnelling by route table)',
    setup: (s) => {
      onPremLink(s.inv, s.hub, 'vpn');
      gatewayTransit(s.hub, s.a);
      routeTable(s.inv, s.a, 'app', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualNetworkGateway' }]);
    },
    service: 'Storage',
    status: 'warn',
  },
];

describe('routes to an Azure service from a spoke subnet (region westeurope)', () => {
  it.each(serviceCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const s = hubSpoke();
    c.setup(s);
    const { er } = routesOf(s.inv, s.a, 'app');
    const v = routeToService(er, c.service, 'westeurope');
    expect(v.status).toBe(c.status);
    if (c.route) expect(`${v.deciding.route?.addressPrefix} ${v.deciding.route?.nextHopType}`).toBe(c.route);
  });
});
