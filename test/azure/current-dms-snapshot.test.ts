import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SnapshotError } from '../../src/azure/errors';
import { readSnapshot } from '../../src/azure/snapshot-reader';

// The three files of the current DMS path read the same from the Azure CLI shape as from the ARM REST shape.

const OK = path.join(__dirname, '..', 'fixtures', 'snapshots', 'shir-ok');

type Json = Record<string, unknown> & { properties?: Record<string, unknown> };

const read = async (file: string) =>
  (JSON.parse(await fs.readFile(path.join(OK, file), 'utf8')) as { value: Json[] }).value;

/** ARM REST → Azure CLI: properties lifted; storage's networkAcls → networkRuleSet with the CLI's field names. */
function cliOf(item: Json): Json {
  const { properties, ...rest } = item;
  const flat: Json = { ...rest, ...(properties ?? {}), resourceGroup: 'rg-shir' };
  if ('networkAcls' in flat) {
    const acls = flat.networkAcls as { virtualNetworkRules: { id: string }[]; ipRules: { value: string }[] };
    delete flat.networkAcls;
    flat.networkRuleSet = {
      ...acls,
      virtualNetworkRules: acls.virtualNetworkRules.map(({ id, ...r }) => ({ ...r, virtualNetworkResourceId: id })),
      ipRules: acls.ipRules.map(({ value, ...r }) => ({ ...r, ipAddressOrRange: value })),
    };
    flat.privateEndpointConnections = (flat.privateEndpointConnections as Json[]).map(cliOf);
  }
  if ('privateLinkServiceConnections' in flat) {
    flat.privateLinkServiceConnections = (flat.privateLinkServiceConnections as Json[]).map(cliOf);
  }
  if (flat.type === 'Microsoft.Authorization/roleAssignments') {
    // az role assignment list adds the names; the ARM list has only the ids
    flat.principalName = `${String(flat.principalId)}@example`;
    flat.roleDefinitionName = 'Storage Blob Data Reader';
  }
  return flat;
}

async function tmpDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'shir-snapshot-'));
}

describe('snapshot files of the current DMS', () => {
  it('CLI and ARM REST shapes give the same inventory', async () => {
    const dir = await tmpDir();
    for (const file of ['vnets.json', 'nsgs.json', 'managed-instances.json']) {
      await fs.copyFile(path.join(OK, file), path.join(dir, file));
    }
    const files = [
      'migration-services.json',
      'storage-accounts.json',
      'private-dns-links.json',
      'private-endpoints.json',
      'role-assignments.json',
    ];
    for (const file of files) {
      await fs.writeFile(path.join(dir, file), JSON.stringify((await read(file)).map(cliOf)));
    }
    const fromCli = await readSnapshot(dir);
    const fromArm = await readSnapshot(OK);
    expect(fromCli.roleAssignments?.map((a) => a.roleDefinitionName)).toEqual(
      Array(3).fill('Storage Blob Data Reader'),
    );
    for (const a of fromCli.roleAssignments ?? []) delete a.roleDefinitionName;
    expect(fromCli).toEqual(fromArm);
    expect(fromArm.privateEndpoints).toEqual([
      {
        id: expect.stringMatching(/privateEndpoints\/pe-stbackupspe-blob$/),
        name: 'pe-stbackupspe-blob',
        location: 'westeurope',
        subnetId: expect.stringMatching(/virtualNetworks\/vnet-sqlmi\/subnets\/snet-pe$/),
        targetIds: [expect.stringMatching(/storageAccounts\/stbackupspe$/)],
      },
    ]);
    expect(fromArm.roleAssignments).toContainEqual({
      id: expect.stringMatching(/stbackupsfw\/providers\/Microsoft\.Authorization\/roleAssignments\//),
      principalId: '5f3e8a2c-1b4d-4e6f-9a7b-2c8d0e1f3a5b',
      roleDefinitionId: expect.stringMatching(/roleDefinitions\/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/),
      scope: expect.stringMatching(/storageAccounts\/stbackupsfw$/),
    });
    expect(fromArm.managedInstances[0].identity).toEqual({
      systemPrincipalId: '5f3e8a2c-1b4d-4e6f-9a7b-2c8d0e1f3a5b',
      userAssigned: [],
    });
    expect(fromArm.storageAccounts!.map((a) => a.allowSharedKeyAccess)).toEqual([true, undefined, undefined]);
    expect(fromArm.sqlMigrationServices).toEqual([
      expect.objectContaining({ name: 'dms-shir', integrationRuntimeState: 'Online', provisioningState: 'Succeeded' }),
    ]);
    const fw = fromArm.storageAccounts!.find((a) => a.name === 'stbackupsfw')!;
    expect(fw.networkRuleSet).toEqual({
      defaultAction: 'Deny',
      bypass: 'AzureServices',
      ipRules: ['203.0.113.0/24'],
      virtualNetworkRules: [
        { subnetId: expect.stringMatching(/\/subnets\/snet-sqlmi$/), action: 'Allow', state: 'Succeeded' },
      ],
    });
    expect(fw.tags).toEqual({ 'dms-backups': 'true' });
    const pe = fromArm.storageAccounts!.find((a) => a.name === 'stbackupspe')!;
    expect(pe.publicNetworkAccess).toBe('Disabled');
    expect(pe.privateEndpointConnections).toEqual([
      expect.objectContaining({ status: 'Approved', privateEndpointId: expect.stringMatching(/pe-stbackupspe-blob$/) }),
    ]);
    expect(fromArm.privateDnsZoneLinks).toEqual([
      expect.objectContaining({
        zoneName: 'privatelink.blob.core.windows.net',
        virtualNetworkId: expect.stringMatching(/virtualNetworks\/vnet-sqlmi$/),
      }),
    ]);
  });

  it('classic snapshots without these files read as empty lists', async () => {
    const inv = await readSnapshot(path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid'));
    expect(inv.sqlMigrationServices).toEqual([]);
    expect(inv.storageAccounts).toEqual([]);
    expect(inv.privateDnsZoneLinks).toEqual([]);
    expect(inv.privateEndpoints).toEqual([]);
    // role assignments are never empty when read (the reader holds one): none means not read
    expect(inv.roleAssignments).toBeUndefined();
  });

  it.each([
    [
      'storage-accounts.json',
      [
        {
          id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a',
          name: 'a',
          type: 'Microsoft.Storage/storageAccounts',
          networkRuleSet: { defaultAction: 'Maybe' },
        },
      ],
      /storage-accounts\.json: item 0 \("a"\): networkRuleSet\.defaultAction "Maybe" is not Allow or Deny/,
    ],
    [
      'migration-services.json',
      [
        {
          id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a',
          name: 'a',
          type: 'Microsoft.Storage/storageAccounts',
        },
      ],
      /migration-services\.json: item 0 \("a"\) is a Microsoft\.Storage\/storageAccounts, expected Microsoft\.DataMigration\/sqlMigrationServices/,
    ],
    ['private-dns-links.json', [{ name: 'l' }], /private-dns-links\.json: item 0 \("l"\) is not an Azure resource/],
  ])('%s with a wrong item is refused naming the file and item', async (file, items, message) => {
    const dir = await tmpDir();
    await fs.writeFile(path.join(dir, file), JSON.stringify(items));
    const error = await readSnapshot(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toMatch(message);
  });
});
