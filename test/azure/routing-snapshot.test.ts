import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { mapResources } from '../../src/azure/resource-mapping';
import { readSnapshot } from '../../src/azure/snapshot-reader';

// The routing fixtures exist twice: ARM REST ({"value": [...]}, fields under properties) and Azure CLI (arrays,
// properties lifted, resourceGroup added). Both must read into the same inventory, new fields included.

const SNAPSHOTS = path.join(__dirname, '..', 'fixtures', 'snapshots');
const ROUTING_FIXTURES = [
  'hub-spoke-not-transitive',
  'forced-tunnel-none',
  'onprem-p2s-only',
  'onprem-er-no-connection',
  'onprem-bgp',
  'udr-virtualnetwork',
  'hub-transit',
  'hub-transit-no-propagation',
  'vwan-spoke',
];

const read = (name: string) => readSnapshot(path.join(SNAPSHOTS, name));

describe('routing fixtures in both shapes', () => {
  it.each(ROUTING_FIXTURES.map((f) => [f]))('%s: the ARM REST and the Azure CLI shape read alike', async (name) => {
    expect(await read(`${name}-cli`)).toEqual(await read(name));
  });

  it.each(['onprem-bgp', 'onprem-bgp-cli'])(
    '%s: BGP on the gateway and the connection, the peer address of the local gateway',
    async (name) => {
      const inv = await read(name);
      expect(inv.virtualNetworkGateways[0]).toMatchObject({ name: 'vgw-onprem', enableBgp: true });
      expect(inv.connections[0]).toMatchObject({ name: 'cn-datacenter', enableBgp: true });
      expect(inv.localNetworkGateways[0]).toMatchObject({
        addressPrefixes: ['10.200.255.254/32'],
        bgpPeeringAddress: '10.200.255.254',
      });
    },
  );

  it.each(['vwan-spoke', 'vwan-spoke-cli'])('%s: the Virtual WAN hub peering is recognised', async (name) => {
    const peering = (await read(name)).virtualNetworks[0].peerings[0];
    expect(peering).toMatchObject({
      name: 'RemoteVnetToHubPeering_248fea99-6c92-49fe-9f94-e804706a4074',
      remoteIsVirtualWanHub: true,
      useRemoteGateways: true,
      remoteAddressPrefixes: ['10.90.0.0/23'],
    });
  });

  it('an ordinary peering is not a Virtual WAN hub', async () => {
    const inv = await read('hub-transit');
    expect(inv.virtualNetworks.flatMap((v) => v.peerings).map((p) => p.remoteIsVirtualWanHub)).toEqual([
      undefined,
      undefined,
    ]);
    expect(inv.connections[0].enableBgp).toBeUndefined();
  });

  it.each([
    [
      'forced-tunnel-none',
      {
        disableBgpRoutePropagation: false,
        routes: [
          { name: 'default-none', addressPrefix: '0.0.0.0/0', nextHopType: 'None' },
          { name: 'default-none-v6', addressPrefix: '::/0', nextHopType: 'None' },
        ],
      },
    ],
    [
      'hub-transit-no-propagation-cli',
      {
        disableBgpRoutePropagation: true,
        routes: [
          {
            name: 'default-to-firewall',
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: '10.0.1.4',
          },
        ],
      },
    ],
  ])('%s: route tables with their propagation flag and next hops', async (name, table) => {
    expect((await read(name)).routeTables[0]).toMatchObject(table);
  });

  it.each(['hub-transit', 'hub-transit-cli'])(
    '%s: dual-stack VNets, subnets, peerings and local gateway keep their IPv6 prefixes',
    async (name) => {
      const inv = await read(name);
      const [hub, spoke] = inv.virtualNetworks;
      expect(hub.addressPrefixes).toEqual(['10.0.0.0/16', 'ace:cab:dec0::/48']);
      expect(spoke.subnets.find((s) => s.name === 'snet-dms')!.addressPrefixes).toEqual([
        '10.1.2.0/24',
        'ace:cab:dec1:2::/64',
      ]);
      expect(spoke.subnets.find((s) => s.name === 'snet-sqlmi')!.addressPrefixes).toEqual(['10.1.1.0/24']);
      expect(spoke.peerings[0].remoteAddressPrefixes).toEqual(['10.0.0.0/16', 'ace:cab:dec0::/48']);
      expect(inv.localNetworkGateways[0].addressPrefixes).toEqual(['192.168.0.0/16', 'fd00:db8:10::/48']);
    },
  );

  it.each(['udr-virtualnetwork', 'udr-virtualnetwork-cli'])('%s: an IPv6 route next to the IPv4 one', async (name) => {
    expect((await read(name)).routeTables[0].routes.map((r) => `${r.addressPrefix} ${r.nextHopIpAddress}`)).toEqual([
      '10.200.0.0/16 10.70.3.4',
      'fd00:db8:200::/48 ace:cab:de70:3::4',
    ]);
  });

  it('a route whose prefix looks like an address but is none is a shape error naming the route', async () => {
    const raw = JSON.parse(await readFile(path.join(SNAPSHOTS, 'udr-virtualnetwork-cli', 'route-tables.json'), 'utf8'));
    raw[0].routes[0].addressPrefix = '10.200.0.0/33';
    expect(() => mapResources('routeTables', raw)).toThrow(
      /item 0 \("rt-dms"\): route "to-othercloud" field "addressPrefix": "10.200.0.0\/33" has an invalid prefix length/,
    );
  });

  it.each([
    ['onprem-p2s-only-cli', { gatewayType: 'Vpn', hasPointToSite: true }],
    ['onprem-er-no-connection', { gatewayType: 'ExpressRoute', hasPointToSite: false }],
  ])('%s: the gateway without a site-to-site connection', async (name, gateway) => {
    const inv = await read(name);
    expect(inv.virtualNetworkGateways[0]).toMatchObject(gateway);
    expect(inv.connections).toEqual([]);
  });
});
