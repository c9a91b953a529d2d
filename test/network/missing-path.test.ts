import { cidrSet } from '../../src/network/cidr';
import { explainMissingPath, peeringFix } from '../../src/network/missing-path';
import { renderFix } from '../../src/network/fix-lines';
import { routeToAddresses } from '../../src/network/reachability';
import type { MissingPathKind } from '../../src/network/verify-types';
import { onPremLink, peering, vnet } from '../fixtures/network/builders';
import { HubSpoke, hubSpoke, routeTable, routesOf } from '../fixtures/network/routing';

interface GapCase {
  name: string;
  setup: (s: HubSpoke) => void;
  /** The destination, from spoke a's subnet 'app'. */
  to: string;
  kind: MissingPathKind;
  explanation: string;
  fix: string;
  /** Text the fix must not hold. */
  notInFix?: string;
}

const gaps: GapCase[] = [
  {
    name: 'a VNet nobody peered with',
    setup: (s) => {
      s.b.peerings = [];
      s.hub.peerings = s.hub.peerings.filter((p) => p.remoteVirtualNetworkId !== s.b.id);
    },
    to: '10.2.1.0/24',
    kind: 'not-peered',
    explanation: 'the source (10.2.1.0/24) is in VNet vnet-b, which is not peered with vnet-a',
    fix: 'az network vnet peering create -g rg-net --vnet-name vnet-a -n vnet-a-to-vnet-b --remote-vnet',
  },
  {
    name: 'two spokes of one hub',
    setup: () => undefined,
    to: '10.2.1.0/24',
    kind: 'peering-not-transitive',
    explanation: 'vnet-a and vnet-b are both peered with vnet-hub, but peering is not transitive',
    fix: 'az network vnet peering create -g rg-net --vnet-name vnet-b -n vnet-b-to-vnet-a',
  },
  {
    name: 'a peering Disconnected on one side',
    setup: (s) => {
      peering(s.a, s.b, { peeringState: 'Disconnected' });
    },
    to: '10.2.1.0/24',
    kind: 'peering-not-connected',
    explanation: 'vnet-a→vnet-b: vnet-a-to-vnet-b (Disconnected), vnet-b→vnet-a: none',
    fix: 'az network vnet peering delete -g rg-net --vnet-name vnet-a -n vnet-a-to-vnet-b',
  },
  {
    name: 'a VNet whose space overlaps: no peering is proposed',
    setup: (s) => {
      const c = vnet('vnet-c', ['10.1.128.0/17', '10.3.0.0/16'], [{ name: 'app', prefixes: ['10.3.1.0/24'] }]);
      s.inv.virtualNetworks.push(c);
    },
    to: '10.3.1.0/24',
    kind: 'overlapping-address-spaces',
    explanation: 'Azure refuses to peer VNets whose address spaces overlap',
    fix: 'az network vnet show -g rg-net -n vnet-c --query addressSpace',
    notInFix: 'peering create',
  },
  {
    name: 'on-premises without any gateway',
    setup: () => undefined,
    to: '192.168.1.0/24',
    kind: 'no-onprem-connection',
    explanation: 'outside every VNet in the inventory (on-premises or another cloud)',
    fix: 'az network vnet-gateway create -g rg-net -n vnet-a-gw --vnet vnet-a --gateway-type Vpn',
  },
  {
    name: 'a hub gateway with transit off',
    setup: (s) => onPremLink(s.inv, s.hub, 'vpn', ['192.168.0.0/16']),
    to: '192.168.1.0/24',
    kind: 'gateway-transit-off',
    explanation: 'vnet-hub.allowGatewayTransit=false, vnet-a.useRemoteGateways=false',
    fix: 'az network vnet peering update -g rg-net --vnet-name vnet-a -n vnet-a-to-vnet-hub --set useRemoteGateways=true',
  },
  {
    name: 'a point-to-site-only gateway',
    setup: (s) => {
      s.a.subnets.push({ ...s.a.subnets[0], id: `${s.a.id}/subnets/GatewaySubnet`, name: 'GatewaySubnet' });
      onPremLink(s.inv, s.a, 'p2s-only');
    },
    to: '192.168.1.0/24',
    kind: 'point-to-site-only',
    explanation: 'point-to-site clients only',
    fix: 'az network vpn-connection create -g rg-net -n vnet-a-gw-to-onprem',
  },
  {
    name: 'an ExpressRoute gateway without a connection',
    setup: (s) => {
      s.a.subnets.push({ ...s.a.subnets[0], id: `${s.a.id}/subnets/GatewaySubnet`, name: 'GatewaySubnet' });
      const { gateway } = onPremLink(s.inv, s.a, 'none');
      gateway.gatewayType = 'ExpressRoute';
    },
    to: '192.168.1.0/24',
    kind: 'expressroute-without-connection',
    explanation: 'has no connection to a circuit',
    fix: "--express-route-circuit2 '<circuit id>'",
  },
  {
    name: 'a VPN gateway without a site-to-site connection',
    setup: (s) => {
      s.a.subnets.push({ ...s.a.subnets[0], id: `${s.a.id}/subnets/GatewaySubnet`, name: 'GatewaySubnet' });
      onPremLink(s.inv, s.a, 'none');
    },
    to: '192.168.1.0/24',
    kind: 'no-site-to-site-connection',
    explanation: 'VPN gateway vnet-a-gw has no site-to-site connection',
    fix: "--local-gateway2 '<local network gateway id>'",
  },
  {
    name: "the local network gateway lacks the source's prefix",
    setup: (s) => {
      s.a.subnets.push({ ...s.a.subnets[0], id: `${s.a.id}/subnets/GatewaySubnet`, name: 'GatewaySubnet' });
      onPremLink(s.inv, s.a, 'vpn', ['192.168.0.0/24']);
    },
    to: '192.168.1.0/24',
    kind: 'prefix-not-in-local-gateway',
    explanation: 'onprem (192.168.0.0/24) do not include the source (192.168.1.0/24)',
    fix: 'az network local-gateway update -g rg-net -n onprem --local-address-prefixes 192.168.0.0/24 192.168.1.0/24',
  },
  {
    name: 'route propagation disabled on the subnet',
    setup: (s) => {
      s.a.subnets.push({ ...s.a.subnets[0], id: `${s.a.id}/subnets/GatewaySubnet`, name: 'GatewaySubnet' });
      onPremLink(s.inv, s.a, 'vpn', ['192.168.0.0/16']);
      routeTable(s.inv, s.a, 'app', [], true);
    },
    to: '192.168.1.0/24',
    kind: 'gateway-routes-not-propagated',
    explanation: 'route table rt-vnet-a-app on subnet app has disableBgpRoutePropagation',
    fix: 'az network route-table update -g rg-net -n rt-vnet-a-app --disable-bgp-route-propagation false',
  },
  {
    name: 'a user-defined route to None',
    setup: (s) => routeTable(s.inv, s.a, 'app', [{ addressPrefix: '10.0.0.0/16', nextHopType: 'None' }]),
    to: '10.0.1.0/24',
    kind: 'route-table-drops',
    explanation: 'route r0 in route table rt-vnet-a-app sends 10.0.0.0/16 to None',
    fix: 'az network route-table route delete -g rg-net --route-table-name rt-vnet-a-app -n r0',
  },
  {
    name: 'a user-defined route to a gateway the VNet lacks',
    setup: (s) =>
      routeTable(s.inv, s.a, 'app', [{ addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' }]),
    to: '192.168.1.0/24',
    kind: 'no-gateway-for-route',
    explanation: 'sends the source (192.168.1.0/24) to a virtual network gateway',
    fix: 'az network route-table route delete -g rg-net --route-table-name rt-vnet-a-app -n r0',
  },
];

describe('why a path is missing, and the commands that add it (not NSG rules)', () => {
  it.each(gaps.map((g) => [g.name, g] as const))('%s', (_n, g) => {
    const s = hubSpoke();
    g.setup(s);
    const { index, er } = routesOf(s.inv, s.a, 'app');
    const v = routeToAddresses(er, index, cidrSet([g.to]));
    expect(v.status).toBe('fail');
    const gap = explainMissingPath(index, er, v.deciding, 'the source');
    expect(gap.kind).toBe(g.kind);
    expect(gap.explanation).toContain(g.explanation);
    expect(gap.fix).toContain(g.fix);
    expect(gap.fix).not.toContain('nsg rule');
    if (g.notInFix) expect(gap.fix).not.toContain(g.notInFix);
  });

  it('peering fixes create only the missing sides', () => {
    const s = hubSpoke();
    peering(s.a, s.b);
    expect(renderFix(peeringFix(s.a, s.b).lines)?.split('\n')).toEqual([
      expect.stringMatching(/^az network vnet peering create -g rg-net --vnet-name vnet-b -n vnet-b-to-vnet-a /),
    ]);
  });
});
