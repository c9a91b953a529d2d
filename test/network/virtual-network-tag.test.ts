import { onPremConnectivity } from '../../src/network/connectivity';
import { resolveVirtualNetworkTag } from '../../src/network/virtual-network-tag';
import { toCidrs } from '../../src/network/cidr';
import { indexInventory } from '../../src/network/inventory-index';
import { Inventory, VirtualNetwork } from '../../src/network/model';
import { inventoryOf, onPremLink, peering, rid, vnet } from '../fixtures/network/builders';

function setup(): { inv: Inventory; a: VirtualNetwork; b: VirtualNetwork } {
  const a = vnet('vnet-a', ['10.0.0.0/16'], [{ name: 'GatewaySubnet', prefixes: ['10.0.255.0/27'] }]);
  const b = vnet('vnet-b', ['10.2.0.0/16'], []);
  return { inv: inventoryOf({ virtualNetworks: [a, b] }), a, b };
}

const HOST = '168.63.129.16/32';

/** The tag's known prefixes without the host address, which is always there (asserted here). */
function tag(inv: Inventory, v: VirtualNetwork) {
  const index = indexInventory(inv);
  const t = resolveVirtualNetworkTag(index, v, onPremConnectivity(index, v));
  const known = toCidrs(t.known);
  expect(known).toContain(HOST);
  return { known: known.filter((k) => k !== HOST), uncertain: t.uncertain.length > 0, why: t.uncertainWhy ?? '' };
}

describe('VirtualNetwork tag resolution', () => {
  it.each<[string, (s: ReturnType<typeof setup>) => void, string[], boolean, string]>([
    ['the VNet alone', () => undefined, ['10.0.0.0/16'], false, ''],
    ['plus a Connected peer', (s) => peering(s.a, s.b), ['10.0.0.0/16', '10.2.0.0/16'], false, ''],
    ['not a Disconnected peer', (s) => peering(s.a, s.b, { peeringState: 'Disconnected' }), ['10.0.0.0/16'], false, ''],
    [
      "a peer outside the inventory: the peering's remote prefixes",
      (s) => peering(s.a, { ...s.b, id: rid('other', 'virtualNetworks', 'x'), addressPrefixes: ['10.7.0.0/16'] }),
      ['10.0.0.0/16', '10.7.0.0/16'],
      false,
      '',
    ],
    [
      'a peer whose space nobody knows: uncertain',
      (s) => peering(s.a, { ...s.b, id: rid('other', 'virtualNetworks', 'x'), addressPrefixes: [] }),
      ['10.0.0.0/16'],
      true,
      'is not in the inventory',
    ],
    [
      'plus site-to-site prefixes',
      (s) => onPremLink(s.inv, s.a, 'vpn', ['192.168.0.0/16']),
      ['10.0.0.0/16', '192.168.0.0/16'],
      false,
      '',
    ],
    ['not point-to-site clients', (s) => onPremLink(s.inv, s.a, 'p2s-only'), ['10.0.0.0/16'], false, ''],
    [
      'ExpressRoute: uncertain',
      (s) => onPremLink(s.inv, s.a, 'expressroute'),
      ['10.0.0.0/16'],
      true,
      'learned over ExpressRoute',
    ],
    [
      'a connection to a local gateway missing from the inventory: uncertain',
      (s) => {
        onPremLink(s.inv, s.a, 'vpn');
        s.inv.localNetworkGateways = [];
      },
      ['10.0.0.0/16'],
      true,
      'local network gateway',
    ],
    [
      'a site-to-site connection with BGP: its prefixes and the learned ones (uncertain)',
      (s) => {
        const { connection } = onPremLink(s.inv, s.a, 'vpn', ['192.168.10.1/32']);
        connection!.enableBgp = true;
      },
      ['10.0.0.0/16', '192.168.10.1/32'],
      true,
      'learned over BGP',
    ],
    [
      'a Virtual WAN hub peering: the hub space, and what the hub advertises (uncertain)',
      (s) => {
        const hub = vnet('HV_hub-weu_0a1b2c3d', ['10.90.0.0/23'], [], { resourceGroup: 'RG_hub-weu_4e5f6a7b' });
        peering(s.a, hub, { useRemoteGateways: true, remoteIsVirtualWanHub: true });
      },
      ['10.0.0.0/16', '10.90.0.0/23'],
      true,
      'Virtual WAN hub HV_hub-weu_0a1b2c3d',
    ],
    [
      'a VNet-to-VNet connection: the other VNet',
      (s) => {
        const { gateway } = onPremLink(s.inv, s.a, 'none');
        const c = vnet('vnet-c', ['10.30.0.0/16'], [{ name: 'GatewaySubnet', prefixes: ['10.30.255.0/27'] }]);
        s.inv.virtualNetworks.push(c);
        const other = onPremLink(s.inv, c, 'none').gateway;
        s.inv.connections.push({
          id: rid('rg-net', 'connections', 'a-to-c'),
          name: 'a-to-c',
          connectionType: 'Vnet2Vnet',
          virtualNetworkGateway1Id: gateway.id,
          virtualNetworkGateway2Id: other.id,
          connectionStatus: 'Connected',
        });
      },
      ['10.0.0.0/16', '10.30.0.0/16'],
      false,
      '',
    ],
  ])('%s', (_n, mutate, known, uncertain, why) => {
    const s = setup();
    mutate(s);
    expect(tag(s.inv, s.a)).toEqual({ known, uncertain, why: expect.stringContaining(why) });
  });
});
