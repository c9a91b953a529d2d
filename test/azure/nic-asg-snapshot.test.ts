import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SnapshotError } from '../../src/azure/errors';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import type { Inventory } from '../../src/network/model';
import { verify } from '../../src/network/verifier';
import type { VerifyOptions } from '../../src/network/verify-types';

// network-interfaces.json and asgs.json: the classic DMS's NIC NSG and the members of application security
// groups, read from ARM REST and Azure CLI shapes, and what they change in verification.

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const NIC_ASG = path.join(FIXTURES, 'hybrid-nic-asg');
const RG = '/subscriptions/6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f/resourceGroups/rg-migration/providers';
const NIC_NSG = `${RG}/Microsoft.Network/networkSecurityGroups/nsg-dms-nic`;
const ASG_APP = `${RG}/Microsoft.Network/applicationSecurityGroups/asg-app-servers`;
const ASG_DMS = `${RG}/Microsoft.Network/applicationSecurityGroups/asg-dms-hosts`;
const OPTIONS: VerifyOptions = { sqlPort: 1433, namedInstance: false, smb: false, ruleset: '2020' };

type Json = Record<string, unknown> & { properties?: Record<string, unknown> };

/** ARM REST → Azure CLI (as older CLI versions write it): properties lifted, privateIPAddress → privateIpAddress. */
function cliOf(item: Json): Json {
  const { properties, ...rest } = item;
  const flat: Json = { ...rest, ...(properties ?? {}), resourceGroup: 'rg-migration' };
  if (Array.isArray(flat.ipConfigurations)) {
    flat.ipConfigurations = (flat.ipConfigurations as Json[]).map((c) => {
      const { privateIPAddress, ...config } = cliOf(c);
      return { ...config, privateIpAddress: privateIPAddress };
    });
  }
  return flat;
}

async function tempDir(files: Record<string, unknown>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nic-asg-'));
  for (const [name, body] of Object.entries(files)) await fs.writeFile(path.join(dir, name), JSON.stringify(body));
  return dir;
}

/** The fixture directory without some of its files. */
async function fixtureWithout(...files: string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nic-asg-'));
  for (const file of await fs.readdir(NIC_ASG)) {
    if (!files.includes(file)) await fs.copyFile(path.join(NIC_ASG, file), path.join(dir, file));
  }
  return dir;
}

const fixtureItems = async (file: string) =>
  (JSON.parse(await fs.readFile(path.join(NIC_ASG, file), 'utf8')) as { value: Json[] }).value;

const check = (inventory: Inventory, id: string) => {
  const found = verify(inventory, OPTIONS).checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

describe('readSnapshot: network interfaces and application security groups', () => {
  it("ARM REST shapes: the DMS's NIC NSG and each ASG's member addresses, ids compared case-insensitively", async () => {
    const inv = await readSnapshot(NIC_ASG);
    // dms.json spells the resource group of virtualNicId in capitals, nic-app-01 its ASG reference in lower case
    expect(inv.dmsServices).toEqual([
      expect.objectContaining({ name: 'dms-hybrid', kind: 'classic', networkInterfaceNsgId: NIC_NSG }),
    ]);
    expect(inv.dmsServices[0]).not.toHaveProperty('virtualNicId');
    expect(inv.applicationSecurityGroups).toEqual([
      { id: ASG_APP, name: 'asg-app-servers', memberAddresses: ['10.10.4.4'] },
      { id: ASG_DMS, name: 'asg-dms-hosts', memberAddresses: ['10.10.2.4'] },
    ]);
    expect(inv.networkInterfaces?.map((n) => n.name)).toEqual(['NIC-dms-hybrid', 'nic-app-01']);
    expect(inv.networkInterfaces?.[0]).toEqual({
      id: `${RG}/Microsoft.Network/networkInterfaces/NIC-dms-hybrid`,
      name: 'NIC-dms-hybrid',
      networkSecurityGroupId: NIC_NSG,
      ipConfigurations: [{ privateIpAddress: '10.10.2.4', applicationSecurityGroupIds: [ASG_DMS] }],
    });
  });

  it('Azure CLI shapes (flattened, privateIpAddress, virtualNicId) give the same inventory', async () => {
    const files: Record<string, unknown> = {};
    for (const file of await fs.readdir(NIC_ASG)) files[file] = (await fixtureItems(file)).map(cliOf);
    const fromCli = await readSnapshot(await tempDir(files));
    expect((files['dms.json'] as Json[])[0].virtualNicId).toMatch(/NIC-dms-hybrid$/);
    expect((files['network-interfaces.json'] as { ipConfigurations: Json[] }[])[0].ipConfigurations[0]).toHaveProperty(
      'privateIpAddress',
      '10.10.2.4',
    );
    expect(fromCli).toEqual(await readSnapshot(NIC_ASG));
  });

  it('missing files mean none: no NIC NSG and no ASGs, as before', async () => {
    const inv = await readSnapshot(path.join(FIXTURES, 'hybrid'));
    expect(inv.dmsServices[0].networkInterfaceNsgId).toBeUndefined();
    expect(inv.applicationSecurityGroups).toEqual([]);
    expect(inv.networkInterfaces).toEqual([]);

    const noNics = await readSnapshot(await fixtureWithout('network-interfaces.json'));
    expect(noNics.dmsServices[0].networkInterfaceNsgId).toBeUndefined(); // its virtualNicId names no known NIC
    // Listed ASGs without any NIC read: their members are not known (not "none"), so rules naming them stay unknown.
    expect(noNics.applicationSecurityGroups).toEqual([]);

    const noAsgs = await readSnapshot(await fixtureWithout('asgs.json'));
    expect(noAsgs.dmsServices[0].networkInterfaceNsgId).toBe(NIC_NSG);
    expect(noAsgs.applicationSecurityGroups).toEqual([]); // NICs name ASGs, but only listed ones are known
  });

  it('members: IPv4 addresses of the IP configurations naming the ASG, once each; unlisted ASGs are not made up', async () => {
    const sub = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/RG/providers/Microsoft.Network';
    const dir = await tempDir({
      'asgs.json': [
        { id: `${sub}/applicationSecurityGroups/asg-web`, name: 'asg-web', location: 'westeurope' },
        { id: `${sub}/applicationSecurityGroups/asg-empty`, name: 'asg-empty' },
      ],
      'network-interfaces.json': [
        {
          id: `${sub}/networkInterfaces/web1`,
          name: 'web1',
          ipConfigurations: [
            {
              name: 'v4',
              privateIPAddress: '10.1.0.4', // the newer CLI keeps ARM's spelling
              applicationSecurityGroups: [
                { id: `${sub.toLowerCase()}/applicationsecuritygroups/ASG-WEB` },
                { id: `${sub}/applicationSecurityGroups/asg-not-listed` },
              ],
            },
            {
              name: 'v6',
              privateIpAddress: 'fd00::4',
              applicationSecurityGroups: [{ id: `${sub}/applicationSecurityGroups/asg-web` }],
            },
            {
              name: 'again',
              privateIpAddress: '10.1.0.4',
              applicationSecurityGroups: [{ id: `${sub}/applicationSecurityGroups/asg-web` }],
            },
          ],
        },
        {
          id: `${sub}/networkInterfaces/web2`,
          name: 'web2',
          ipConfigurations: [
            {
              name: 'c',
              privateIpAddress: '10.1.0.5',
              applicationSecurityGroups: [{ id: `${sub}/applicationSecurityGroups/asg-web` }],
            },
          ],
        },
        { id: `${sub}/networkInterfaces/bare`, name: 'bare', networkSecurityGroup: null, ipConfigurations: null },
      ],
    });
    const inv = await readSnapshot(dir);
    expect(inv.applicationSecurityGroups).toEqual([
      { id: `${sub}/applicationSecurityGroups/asg-web`, name: 'asg-web', memberAddresses: ['10.1.0.4', '10.1.0.5'] },
      { id: `${sub}/applicationSecurityGroups/asg-empty`, name: 'asg-empty', memberAddresses: [] },
    ]);
    expect(inv.networkInterfaces?.[2]).toEqual({
      id: `${sub}/networkInterfaces/bare`,
      name: 'bare',
      networkSecurityGroupId: undefined,
      ipConfigurations: [],
    });
  });

  it('a DMS NIC without an NSG, and the current DMS, get no networkInterfaceNsgId', async () => {
    const sub = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers';
    const nic = `${sub}/Microsoft.Network/networkInterfaces/nic-dms`;
    const inv = await readSnapshot(
      await tempDir({
        'dms.json': [
          { id: `${sub}/Microsoft.DataMigration/services/classic`, name: 'classic', virtualNicId: nic },
          { id: `${sub}/Microsoft.DataMigration/sqlMigrationServices/current`, name: 'current', virtualNicId: nic },
        ],
        'network-interfaces.json': [{ id: nic, name: 'nic-dms', ipConfigurations: [] }],
      }),
    );
    expect(inv.dmsServices.map((d) => [d.kind, d.networkInterfaceNsgId])).toEqual([
      ['classic', undefined],
      ['current', undefined],
    ]);
  });

  it('rejects a file holding the wrong kind of resource, naming the file', async () => {
    const dir = await tempDir({
      'asgs.json': { value: await fixtureItems('network-interfaces.json') },
    });
    await expect(readSnapshot(dir)).rejects.toThrow(SnapshotError);
    await expect(readSnapshot(dir)).rejects.toThrow(
      /asgs\.json: item 0 \("NIC-dms-hybrid"\) is a Microsoft\.Network\/networkInterfaces, expected Microsoft\.Network\/applicationSecurityGroups/,
    );
  });
});

describe('verify with network interfaces and application security groups', () => {
  it('a deny rule naming an ASG is decided once the ASG members are known (before: unknown)', async () => {
    const known = await readSnapshot(NIC_ASG);
    for (const id of ['nsg-mi-inbound-from-dms', 'nsg-dms-subnet-outbound']) {
      expect({ id, status: check(known, id).status }).toEqual({ id, status: 'pass' });
    }

    for (const missing of ['asgs.json', 'network-interfaces.json']) {
      const unknown = await readSnapshot(await fixtureWithout(missing));
      for (const id of ['nsg-mi-inbound-from-dms', 'nsg-dms-subnet-outbound']) {
        const c = check(unknown, id);
        expect({ id, status: c.status }).toEqual({ id, status: 'unknown' });
        expect(c.evidence.join('\n')).toContain(
          'deny_app_servers_out (95) in NSG nsg-dms (application security group asg-app-servers has no known members)',
        );
      }
    }
  });

  it('the same ASG rule fails the flow when the ASG holds an address the flow needs', async () => {
    const nics = await fixtureItems('network-interfaces.json');
    // the application VM moves into the DMS subnet: traffic from DMS to it is denied by deny_app_servers_out
    const moved = JSON.parse(JSON.stringify(nics).replace('"10.10.4.4"', '"10.10.2.10"')) as Json[];
    const dir = await fixtureWithout('network-interfaces.json');
    await fs.writeFile(path.join(dir, 'network-interfaces.json'), JSON.stringify({ value: moved }));
    const c = check(await readSnapshot(dir), 'nsg-dms-subnet-outbound');
    expect(c.status).not.toBe('pass');
    expect(c.status).not.toBe('unknown');
    expect(c.evidence.join('\n')).toContain('denied by deny_app_servers_out (95) in NSG nsg-dms');
  });

  it("a deny rule on the DMS NIC's NSG denies the flow, with evidence naming the NIC's NSG", async () => {
    const c = check(await readSnapshot(NIC_ASG), 'nsg-management-9354');
    // 9354 alone is denied; TCP 443 to ServiceBus, Storage and AzureMonitor is allowed: the article's later revision
    expect(c.status).toBe('warn');
    expect(c.rule).toEqual({ nsg: 'nsg-dms-nic', name: 'deny_servicebus_9354', priority: 200 });
    expect(c.evidence.join('\n')).toMatch(/denied by deny_servicebus_9354 \(200\) in NSG nsg-dms-nic/);
    expect(c.fix).toContain('--nsg-name nsg-dms-nic');

    // without network-interfaces.json the NIC's NSG is not known, and only the subnet's NSG decides
    const withoutNics = await readSnapshot(await fixtureWithout('network-interfaces.json'));
    expect(check(withoutNics, 'nsg-management-9354').status).toBe('pass');
  });

  it('every other check of the fixture passes', async () => {
    const result = verify(await readSnapshot(NIC_ASG), OPTIONS);
    expect(result.topology).toBe('hybrid');
    expect(result.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['nsg-management-9354']);
  });
});
