import { onPremConnectivity, resolveVirtualNetworkTag } from '../../src/network/connectivity';
import { toCidrs } from '../../src/network/cidr';
import { indexInventory } from '../../src/network/inventory-index';
import { Inventory, VirtualNetwork } from '../../src/network/model';
import { inventoryOf, onPremLink, peering, rid, vnet } from '../fixtures/network/builders';

function setup(): { inv: Inventory; a: VirtualNetwork; b: VirtualNetwork } {
  const a = vnet('vnet-a', ['10.0.0.0/16'], [{ name: 'GatewaySubnet', prefixes: ['10.0.255.0/27'] }]);
  const b = vnet('vnet-b', ['10.2.0.0/16'], []);
  return { inv: inventoryOf({ virtualNetworks: [a, b] }), a, b };
}

function tag(inv: Inventory, v: VirtualNetwork) {
  const index = indexInventory(inv);
  const t = resolveVirtualNetworkTag(index, v, onPremConnectivity(index, v));
  return { known: toCidrs(t.known), uncertain: t.uncertain.length > 0, why: t.uncertainWhy ?? '' };
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
      'local network gateway(s)',
    ],
  ])('%s', (_n, mutate, known, uncertain, why) => {
    const s = setup();
    mutate(s);
    expect(tag(s.inv, s.a)).toEqual({ known, uncertain, why: expect.stringContaining(why) });
  });
});
