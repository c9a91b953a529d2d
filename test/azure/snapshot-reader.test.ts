import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SnapshotError } from '../../src/azure/errors';
import { readSnapshot, writeSnapshot } from '../../src/azure/snapshot-reader';
import { emptyRawInventory } from '../../src/azure/resource-kinds';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'snapshot-'));
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text);
  return dir;
}

async function snapshotError(dir: string): Promise<SnapshotError> {
  try {
    await readSnapshot(dir);
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error(`expected ${dir} to be rejected`);
}

describe('readSnapshot: ARM REST shapes ({"value": [...]}, fields under properties)', () => {
  it('maps the hybrid fixture into the model', async () => {
    const inv = await readSnapshot(path.join(FIXTURES, 'hybrid'));
    const vnet = inv.virtualNetworks[0];
    expect(vnet).toMatchObject({
      name: 'vnet-migration',
      resourceGroup: 'rg-migration',
      subscriptionId: '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
      addressPrefixes: ['10.10.0.0/16'],
      dnsServers: ['192.168.0.10', '192.168.0.11'],
    });
    expect(vnet.subnets.map((s) => s.name)).toEqual(['snet-sqlmi', 'snet-dms', 'GatewaySubnet']);
    expect(vnet.subnets[0]).toMatchObject({
      addressPrefixes: ['10.10.1.0/24'],
      delegations: ['Microsoft.Sql/managedInstances'],
    });
    expect(vnet.subnets[0].networkSecurityGroupId).toMatch(/networkSecurityGroups\/nsg-sqlmi$/);
    expect(vnet.subnets[0].routeTableId).toMatch(/routeTables\/rt-sqlmi$/);

    const dmsNsg = inv.networkSecurityGroups.find((n) => n.name === 'nsg-dms')!;
    // default rules are not custom rules: the evaluator adds them itself
    expect(dmsNsg.securityRules.map((r) => r.name)).not.toContain('DenyAllOutBound');
    expect(dmsNsg.securityRules.find((r) => r.name === 'management')).toEqual({
      name: 'management',
      priority: 100,
      direction: 'Outbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefixes: ['*'],
      destinationAddressPrefixes: ['*'],
      sourceApplicationSecurityGroups: [],
      destinationApplicationSecurityGroups: [],
      sourcePortRanges: ['*'],
      destinationPortRanges: ['443', '9354'],
    });
    expect(dmsNsg.securityRules.find((r) => r.name === 'SQL_Source_server')?.destinationAddressPrefixes).toEqual([
      '192.168.0.0/16',
    ]);

    expect(inv.managedInstances).toEqual([
      expect.objectContaining({ name: 'sqlmi-hybrid', proxyOverride: 'Proxy', location: 'westeurope' }),
    ]);
    expect(inv.dmsServices).toEqual([
      expect.objectContaining({ name: 'dms-hybrid', kind: 'classic', subnetId: vnet.subnets[1].id }),
    ]);
    expect(inv.virtualNetworkGateways).toEqual([
      expect.objectContaining({
        name: 'vgw-migration',
        gatewayType: 'Vpn',
        subnetIds: [vnet.subnets[2].id],
        hasPointToSite: false,
      }),
    ]);
    expect(inv.connections[0]).toMatchObject({ connectionType: 'IPsec', connectionStatus: 'Connected' });
    expect(inv.connections[0].localNetworkGatewayId).toBe(inv.localNetworkGateways[0].id);
    expect(inv.localNetworkGateways[0]).toMatchObject({
      addressPrefixes: ['192.168.0.0/16'],
      gatewayIpAddress: '203.0.113.10',
    });
    expect(inv.routeTables[0].routes).toEqual([
      {
        name: 'subnet-to-vnetlocal',
        addressPrefix: '10.10.1.0/24',
        nextHopType: 'VnetLocal',
        nextHopIpAddress: undefined,
      },
    ]);
  });

  it('reads peerings of VNets in two subscriptions', async () => {
    const inv = await readSnapshot(path.join(FIXTURES, 'cloud-isolated-vnet'));
    expect(inv.virtualNetworks.map((v) => v.subscriptionId)).toEqual([
      '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
      '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    ]);
    expect(inv.virtualNetworks[0].peerings[0]).toEqual(
      expect.objectContaining({
        peeringState: 'Connected',
        remoteVirtualNetworkId: inv.virtualNetworks[1].id,
        remoteAddressPrefixes: ['10.60.0.0/16'],
      }),
    );
    expect(inv.virtualNetworkGateways).toEqual([]); // missing files mean none
  });
});

describe('readSnapshot: Azure CLI shapes (arrays, flattened fields)', () => {
  it('reads the mi-isolated fixture the same way as ARM shapes', async () => {
    const inv = await readSnapshot(path.join(FIXTURES, 'mi-isolated'));
    expect(inv.virtualNetworks.map((v) => v.name)).toEqual(['vnet-sqlmi', 'vnet-dms']);
    expect(inv.virtualNetworks[1].peerings[0]).toMatchObject({ allowGatewayTransit: true, peeringState: 'Connected' });
    expect(inv.virtualNetworks[0].dnsServers).toEqual([]);
    expect(inv.managedInstances[0].proxyOverride).toBe('Redirect');
    expect(inv.dmsServices[0].subnetId).toMatch(/vnet-dms\/subnets\/snet-dms$/);
  });

  it('accepts a minimal hand-written CLI export and merges single and plural fields', async () => {
    const sub = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg';
    const dir = await tempDir({
      'nsgs.json': JSON.stringify([
        {
          id: `${sub}/providers/Microsoft.Network/networkSecurityGroups/n`,
          name: 'n',
          securityRules: [
            {
              name: 'r',
              priority: 200,
              direction: 'outbound',
              access: 'deny',
              protocol: 'UDP',
              sourceAddressPrefix: '*',
              sourceAddressPrefixes: [],
              destinationAddressPrefix: null,
              destinationAddressPrefixes: ['10.0.0.0/8', '172.16.0.0/12'],
              destinationApplicationSecurityGroups: [
                { id: `${sub}/providers/Microsoft.Network/applicationSecurityGroups/asg` },
              ],
              sourcePortRange: '*',
              destinationPortRanges: ['1000-2000', '3000'],
            },
          ],
        },
      ]),
      'dms.json': JSON.stringify([
        {
          id: `${sub}/providers/Microsoft.DataMigration/sqlMigrationServices/sms`,
          name: 'sms',
          location: 'westeurope',
        },
      ]),
    });
    const inv = await readSnapshot(dir);
    expect(inv.networkSecurityGroups[0].securityRules[0]).toMatchObject({
      direction: 'Outbound',
      access: 'Deny',
      protocol: 'Udp',
      destinationAddressPrefixes: ['10.0.0.0/8', '172.16.0.0/12'],
      destinationApplicationSecurityGroups: [`${sub}/providers/Microsoft.Network/applicationSecurityGroups/asg`],
      destinationPortRanges: ['1000-2000', '3000'],
    });
    expect(inv.dmsServices[0]).toMatchObject({ kind: 'current', subnetId: undefined });
  });

  it('marks a gateway with only a point-to-site client pool and no connection', async () => {
    const sub = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg';
    const dir = await tempDir({
      'vnet-gateways.json': JSON.stringify([
        {
          id: `${sub}/providers/Microsoft.Network/virtualNetworkGateways/p2s`,
          name: 'p2s',
          gatewayType: 'Vpn',
          vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ['172.31.0.0/24'] } },
        },
      ]),
    });
    expect((await readSnapshot(dir)).virtualNetworkGateways[0].hasPointToSite).toBe(true);
  });
});

describe('readSnapshot: errors name the file and what was expected', () => {
  it('rejects a missing directory', async () => {
    const e = await snapshotError('/nonexistent/snapshot-dir');
    expect(e.file).toBe('/nonexistent/snapshot-dir');
    expect(e.message).toMatch(/does not exist/);
  });

  it('rejects a directory without any snapshot file', async () => {
    const e = await snapshotError(await tempDir({ 'vnet.json': '[]' }));
    expect(e.message).toMatch(/holds none of the snapshot files \(vnets\.json, nsgs\.json, /);
  });

  it('rejects a file given as the directory', async () => {
    const e = await snapshotError(path.join(FIXTURES, 'hybrid', 'vnets.json'));
    expect(e.message).toMatch(/expects a directory/);
  });

  it('rejects malformed JSON', async () => {
    const dir = await tempDir({ 'nsgs.json': '[{"id": ' });
    const e = await snapshotError(dir);
    expect(e.file).toBe(path.join(dir, 'nsgs.json'));
    expect(e.message).toMatch(/nsgs\.json is not valid JSON/);
    expect(e.message).toMatch(/Microsoft\.Network\/networkSecurityGroups/);
  });

  it('rejects JSON that is not a list', async () => {
    const e = await snapshotError(await tempDir({ 'vnets.json': '{"name": "x"}' }));
    expect(e.message).toMatch(
      /vnets\.json holds neither a JSON array .* expected a list of Microsoft\.Network\/virtualNetworks/,
    );
  });

  it('rejects a file holding the wrong kind of resource', async () => {
    const nsgs = await fs.readFile(path.join(FIXTURES, 'hybrid', 'nsgs.json'), 'utf8');
    const e = await snapshotError(await tempDir({ 'vnets.json': nsgs }));
    expect(e.message).toMatch(
      /vnets\.json: item 0 \("nsg-sqlmi"\) is a Microsoft\.Network\/networkSecurityGroups, expected Microsoft\.Network\/virtualNetworks/,
    );
  });

  it('rejects a resource without the field the model needs, naming the field', async () => {
    const e = await snapshotError(
      await tempDir({
        'managed-instances.json': JSON.stringify([
          { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/managedInstances/mi', name: 'mi' },
        ]),
      }),
    );
    expect(e.message).toMatch(/managed-instances\.json: item 0 \("mi"\): field "subnetId" required/);
  });

  it('rejects an unknown rule protocol', async () => {
    const e = await snapshotError(
      await tempDir({
        'nsgs.json': JSON.stringify([
          {
            id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n',
            name: 'n',
            securityRules: [{ name: 'r', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Sctp' }],
          },
        ]),
      }),
    );
    expect(e.message).toMatch(/nsgs\.json: item 0 \("n"\) rule "r": protocol "Sctp" is not one of Tcp, Udp/);
  });

  it('rejects an unreadable file', async () => {
    const dir = await tempDir({});
    await fs.mkdir(path.join(dir, 'dms.json')); // a directory where a file should be: EISDIR
    const e = await snapshotError(dir);
    expect(e.message).toMatch(/dms\.json cannot be read \(EISDIR\)/);
  });
});

describe('writeSnapshot', () => {
  it('writes every file so readSnapshot gives the same inventory back', async () => {
    const original = await readSnapshot(path.join(FIXTURES, 'hybrid'));
    const raw = emptyRawInventory();
    for (const [kind, file] of [
      ['virtualNetworks', 'vnets.json'],
      ['networkSecurityGroups', 'nsgs.json'],
      ['managedInstances', 'managed-instances.json'],
      ['dmsServices', 'dms.json'],
      ['virtualNetworkGateways', 'vnet-gateways.json'],
      ['connections', 'connections.json'],
      ['localNetworkGateways', 'local-gateways.json'],
      ['routeTables', 'route-tables.json'],
    ] as const) {
      raw[kind] = JSON.parse(await fs.readFile(path.join(FIXTURES, 'hybrid', file), 'utf8')).value;
    }
    const dir = path.join(await tempDir({}), 'out');
    await writeSnapshot(dir, raw);
    expect(await readSnapshot(dir)).toEqual(original);
  });
});
