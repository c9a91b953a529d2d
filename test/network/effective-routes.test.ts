import { describeRoute } from '../../src/network/effective-routes';
import { Inventory, VirtualNetwork } from '../../src/network/model';
import { inventoryOf, onPremLink, peering, vnet } from '../fixtures/network/builders';
import { gatewayTransit, hubSpoke, routeTable, routesOf, virtualWanHub } from '../fixtures/network/routing';

/** "prefix → hop [origin]" lines, best first, as Azure's effective routes list them (one line per route). */
function table(inv: Inventory, v: VirtualNetwork, subnet: string): string[] {
  return routesOf(inv, v, subnet).er.routes.map(
    (r) => `${r.addressPrefix} → ${r.nextHopType}${r.nextHopIpAddress ? ` ${r.nextHopIpAddress}` : ''} [${r.origin}]`,
  );
}

describe('effective routes of a subnet', () => {
  it('a lone VNet: its space, 0.0.0.0/0 to the Internet and the reserved ranges to None', () => {
    const v = vnet('vnet-a', ['10.1.0.0/16', 'fd00:db8::/48'], [{ name: 'app', prefixes: ['10.1.1.0/24'] }]);
    expect(table(inventoryOf({ virtualNetworks: [v] }), v, 'app')).toEqual([
      '10.1.0.0/16 → VnetLocal [Default]',
      '192.168.0.0/16 → None [Default]',
      '172.16.0.0/12 → None [Default]',
      '100.64.0.0/10 → None [Default]',
      '10.0.0.0/8 → None [Default]',
      '0.0.0.0/0 → Internet [Default]',
    ]);
  });

  it('IPv6 next to IPv4 (VNet, peer, local network gateway, route table) adds no route: the table is the IPv4 one', () => {
    const build = (dual: boolean) => {
      const v6 = (p: string[], six: string) => (dual ? [...p, six] : p);
      const s = hubSpoke();
      s.hub.addressPrefixes = v6(s.hub.addressPrefixes, 'ace:cab:dec0::/48');
      s.a.addressPrefixes = v6(s.a.addressPrefixes, 'ace:cab:dec1::/48');
      s.a.subnets[0].addressPrefixes = v6(s.a.subnets[0].addressPrefixes, 'ace:cab:dec1:1::/64');
      for (const p of s.a.peerings) p.remoteAddressPrefixes = v6(p.remoteAddressPrefixes, 'ace:cab:dec0::/48');
      onPremLink(s.inv, s.hub, 'vpn', v6(['192.168.0.0/16'], 'fd00:db8:10::/48'));
      gatewayTransit(s.hub, s.a);
      routeTable(s.inv, s.a, 'app', [
        { addressPrefix: '10.2.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' },
        ...(dual
          ? [
              { addressPrefix: '::/0', nextHopType: 'None' },
              {
                addressPrefix: 'fd00:db8:200::/48',
                nextHopType: 'VirtualAppliance',
                nextHopIpAddress: 'ace:cab:dec0:1::4',
              },
            ]
          : []),
      ]);
      return s;
    };
    const dual = build(true);
    const t = table(dual.inv, dual.a, 'app');
    expect(t).toEqual(table(build(false).inv, build(false).a, 'app'));
    expect(t.join('\n')).not.toContain(':');
    expect(t).toContain('10.2.0.0/16 → VirtualAppliance 10.0.1.4 [User]');
    expect(t).toContain('192.168.0.0/16 → VirtualNetworkGateway [VirtualNetworkGateway]');
  });

  it('a VNet whose space is a reserved range: the VNet wins for that prefix', () => {
    const v = vnet('vnet-a', ['10.0.0.0/8'], [{ name: 'app', prefixes: ['10.1.1.0/24'] }]);
    const t = table(inventoryOf({ virtualNetworks: [v] }), v, 'app');
    expect(t.indexOf('10.0.0.0/8 → VnetLocal [Default]')).toBeLessThan(t.indexOf('10.0.0.0/8 → None [Default]'));
  });

  it('peering is not transitive: a spoke has routes to the hub, not to the other spoke', () => {
    const s = hubSpoke();
    const t = table(s.inv, s.a, 'app');
    expect(t).toContain('10.0.0.0/16 → VNetPeering [Default]');
    expect(t.join('\n')).not.toContain('10.2.0.0/16');
  });

  it('a peering that is only Initiated gives no route', () => {
    const s = hubSpoke();
    s.a.peerings[0].peeringState = 'Initiated';
    expect(table(s.inv, s.a, 'app').join('\n')).not.toContain('VNetPeering');
  });

  it('a peer whose address space the inventory lacks: a route that cannot be listed', () => {
    const a = vnet('vnet-a', ['10.1.0.0/16'], [{ name: 'app', prefixes: ['10.1.1.0/24'] }]);
    peering(a, { ...a, id: a.id.replace('vnet-a', 'vnet-x'), name: 'vnet-x', addressPrefixes: [] });
    const { er } = routesOf(inventoryOf({ virtualNetworks: [a] }), a, 'app');
    expect(er.unlisted).toEqual([expect.objectContaining({ kind: 'peer-space' })]);
  });

  it("gateway transit: the hub's site-to-site prefixes reach the spoke only with useRemoteGateways and allowGatewayTransit", () => {
    for (const transit of [true, false]) {
      const s = hubSpoke();
      onPremLink(s.inv, s.hub, 'vpn', ['192.168.0.0/16']);
      if (transit) gatewayTransit(s.hub, s.a);
      const t = table(s.inv, s.a, 'app');
      expect(t.includes('192.168.0.0/16 → VirtualNetworkGateway [VirtualNetworkGateway]')).toBe(transit);
      expect(table(s.inv, s.hub, 'GatewaySubnet')).toContain(
        '192.168.0.0/16 → VirtualNetworkGateway [VirtualNetworkGateway]',
      );
    }
  });

  it.each<[string, 'expressroute' | 'vpn-bgp', string, string]>([
    [
      'ExpressRoute',
      'expressroute',
      'expressroute',
      'az network vnet-gateway list-learned-routes -g rg-net -n vnet-hub-ergw -o table',
    ],
    [
      'a VPN connection with BGP',
      'vpn-bgp',
      'bgp',
      'az network vnet-gateway list-learned-routes -g rg-net -n vnet-hub-gw -o table',
    ],
  ])(
    '%s: learned prefixes are named with the command that lists them, never taken as absent',
    (_n, kind, unlisted, command) => {
      const s = hubSpoke();
      const link = onPremLink(s.inv, s.hub, kind === 'expressroute' ? 'expressroute' : 'vpn', ['192.168.10.1/32']);
      if (kind === 'vpn-bgp') link.connection!.enableBgp = true;
      gatewayTransit(s.hub, s.a);
      const { er } = routesOf(s.inv, s.a, 'app');
      expect(er.unlisted).toEqual([expect.objectContaining({ kind: unlisted, command })]);
    },
  );

  it('disableBgpRoutePropagation keeps the gateway routes, listed and learned, off the subnet', () => {
    const s = hubSpoke();
    const link = onPremLink(s.inv, s.hub, 'vpn', ['192.168.0.0/16']);
    link.connection!.enableBgp = true;
    gatewayTransit(s.hub, s.a);
    routeTable(
      s.inv,
      s.a,
      'app',
      [{ addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' }],
      true,
    );
    const { er } = routesOf(s.inv, s.a, 'app');
    expect(er.routes.some((r) => r.origin === 'VirtualNetworkGateway')).toBe(false);
    expect(er.unlisted).toEqual([]);
    expect(er.suppressed?.routes.map((r) => r.addressPrefix)).toEqual(['192.168.0.0/16']);
    expect(er.suppressed?.unlisted.map((u) => u.kind)).toEqual(['bgp']);
  });

  it('for one prefix a user-defined route comes before the gateway route, which comes before the system route', () => {
    const s = hubSpoke();
    onPremLink(s.inv, s.hub, 'vpn', ['10.1.0.0/16']);
    gatewayTransit(s.hub, s.a);
    routeTable(s.inv, s.a, 'app', [
      { addressPrefix: '10.1.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' },
    ]);
    expect(table(s.inv, s.a, 'app').filter((l) => l.startsWith('10.1.0.0/16'))).toEqual([
      '10.1.0.0/16 → VirtualAppliance 10.0.1.4 [User]',
      '10.1.0.0/16 → VirtualNetworkGateway [VirtualNetworkGateway]',
      '10.1.0.0/16 → VnetLocal [Default]',
    ]);
  });

  it('service tag routes come last; VirtualApplianceEcmp is an appliance; the route table is named in the route', () => {
    const s = hubSpoke();
    routeTable(s.inv, s.a, 'app', [
      { addressPrefix: 'Storage', nextHopType: 'Internet' },
      { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualApplianceEcmp', nextHopIpAddress: '10.0.1.4' },
    ]);
    const { er } = routesOf(s.inv, s.a, 'app');
    expect(er.routes.at(-1)).toMatchObject({
      addressPrefix: 'Storage',
      length: -1,
      routeTable: { name: 'rt-vnet-a-app' },
    });
    expect(describeRoute(er.routes.find((r) => r.origin === 'User' && r.length === 0)!)).toBe(
      '0.0.0.0/0 → VirtualAppliance 10.0.1.4 (route r1 in route table rt-vnet-a-app)',
    );
  });

  it('a Virtual WAN hub connection: a route to the hub, and the hub routes that cannot be listed', () => {
    const s = hubSpoke();
    virtualWanHub(s.b);
    const { er } = routesOf(s.inv, s.b, 'app');
    expect(er.routes.map((r) => `${r.addressPrefix} ${r.nextHopType}`)).toContain('10.90.0.0/23 VNetPeering');
    expect(er.unlisted).toEqual([expect.objectContaining({ kind: 'virtual-wan' })]);
  });

  it('a route table the inventory lacks is named', () => {
    const s = hubSpoke();
    s.a.subnets[0].routeTableId =
      '/subscriptions/x/resourceGroups/rg-other/providers/Microsoft.Network/routeTables/rt-x';
    expect(routesOf(s.inv, s.a, 'app').er.missingRouteTableId).toMatch(/rt-x$/);
  });

  it('a VNet-to-VNet connection routes the other VNet through the gateway', () => {
    const s = hubSpoke();
    const mine = onPremLink(s.inv, s.hub, 'none').gateway;
    const far = vnet('vnet-far', ['10.50.0.0/16'], [{ name: 'GatewaySubnet', prefixes: ['10.50.255.0/27'] }]);
    s.inv.virtualNetworks.push(far);
    const theirs = onPremLink(s.inv, far, 'none').gateway;
    s.inv.connections.push({
      id: `${mine.id}-v2v`,
      name: 'hub-to-far',
      connectionType: 'Vnet2Vnet',
      virtualNetworkGateway1Id: mine.id,
      virtualNetworkGateway2Id: theirs.id,
    });
    expect(table(s.inv, s.hub, 'GatewaySubnet')).toContain(
      '10.50.0.0/16 → VirtualNetworkGateway [VirtualNetworkGateway]',
    );
  });
});
