import * as path from 'node:path';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import {
  MIGRATION_STORAGE_TAG,
  hasOnlyCurrentDms,
  verifyCurrentDms,
  type CurrentDmsCheck,
} from '../../src/network/current-dms-verify';
import { VerifyInputError } from '../../src/network/errors';
import type { Inventory, PrivateDnsZoneLink, StorageAccount } from '../../src/network/model';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');
const SUB = '/subscriptions/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f/resourceGroups/rg-shir/providers';
const VNET = `${SUB}/Microsoft.Network/virtualNetworks/vnet-sqlmi`;
const MI_SUBNET = `${VNET}/subnets/snet-sqlmi`;
const ZONE = 'privatelink.blob.core.windows.net';

const statuses = (checks: CurrentDmsCheck[]) => checks.map((c) => `${c.id}:${c.status}`);

function inventory(overrides: Partial<Inventory> & { endpoints?: string[] } = {}): Inventory {
  const { endpoints = ['Microsoft.Storage'], ...rest } = overrides;
  return {
    virtualNetworks: [
      {
        id: VNET,
        name: 'vnet-sqlmi',
        resourceGroup: 'rg-shir',
        subscriptionId: 'sub',
        location: 'westeurope',
        addressPrefixes: ['10.30.0.0/16'],
        dnsServers: [],
        subnets: [
          {
            id: MI_SUBNET,
            name: 'snet-sqlmi',
            addressPrefixes: ['10.30.1.0/24'],
            networkSecurityGroupId: `${SUB}/Microsoft.Network/networkSecurityGroups/nsg-sqlmi`,
            delegations: ['Microsoft.Sql/managedInstances'],
            serviceEndpoints: endpoints,
          },
        ],
        peerings: [],
      },
    ],
    networkSecurityGroups: [],
    managedInstances: [
      { id: `${SUB}/Microsoft.Sql/managedInstances/sqlmi`, name: 'sqlmi', subnetId: MI_SUBNET, location: 'westeurope' },
    ],
    dmsServices: [],
    virtualNetworkGateways: [],
    connections: [],
    localNetworkGateways: [],
    routeTables: [],
    sqlMigrationServices: [
      {
        id: `${SUB}/Microsoft.DataMigration/sqlMigrationServices/dms1`,
        name: 'dms1',
        location: 'westeurope',
        integrationRuntimeState: 'Online',
        tags: {},
      },
    ],
    storageAccounts: [],
    privateDnsZoneLinks: [],
    privateEndpoints: [
      { id: 'pe1', name: 'pe1', location: 'westeurope', subnetId: `${VNET}/subnets/snet-pe`, targetIds: [] },
    ],
    ...rest,
  };
}

function account(fields: Partial<StorageAccount> & Partial<StorageAccount['networkRuleSet']> = {}): StorageAccount {
  const { defaultAction = 'Deny', virtualNetworkRules = [], ipRules = [], bypass, ...rest } = fields;
  return {
    id: `${SUB}/Microsoft.Storage/storageAccounts/stbackups`,
    name: 'stbackups',
    resourceGroup: 'rg-shir',
    location: 'westeurope',
    networkRuleSet: { defaultAction, virtualNetworkRules, ipRules, bypass },
    privateEndpointConnections: [],
    tags: { [MIGRATION_STORAGE_TAG]: 'true' },
    ...rest,
  };
}

const approved = [{ id: 'pec/approved', privateEndpointId: 'pe1', status: 'Approved' }];
const linked: PrivateDnsZoneLink[] = [
  { id: 'link', name: 'link', zoneName: ZONE, virtualNetworkId: VNET.toUpperCase() },
];

describe('verifyCurrentDms on the fixtures', () => {
  it('shir-ok: runtime online, both tagged accounts reachable by the MI; the runtime upload path as far as known', async () => {
    const result = verifyCurrentDms(await readSnapshot(path.join(FIXTURES, 'shir-ok')));
    expect(result.topology).toBe('shir');
    expect(result.dms).toEqual(
      expect.objectContaining({ name: 'dms-shir', subnetId: null, integrationRuntimeState: 'Online' }),
    );
    expect(result.migration).toEqual({
      backups: 'smb',
      sourceVersion: null,
      storageAuth: 'sas',
      runtimeHost: 'onprem',
    });
    expect(result.storageAccounts.map((a) => `${a.name}:${a.selectedBy}`)).toEqual([
      'stbackupsfw:tag',
      'stbackupspe:tag',
    ]);
    expect(statuses(result.checks)).toEqual([
      'integration-runtime-state:pass',
      'storage-network-access:pass',
      'storage-key-access:pass',
      'same-region:pass',
      'shir-upload-path:unknown', // IP rules, but no --runtime-ip
      'storage-network-access:pass',
      'storage-key-access:pass',
      'same-region:pass',
      'shir-upload-path:warn', // public access off: the runtime needs the private endpoint too
      'mi-subnet:pass',
    ]);
    const withIp = verifyCurrentDms(await readSnapshot(path.join(FIXTURES, 'shir-ok')), {
      runtimeIps: ['203.0.113.7'],
      storageAuth: 'managed-identity',
    });
    expect(statuses(withIp.checks).slice(1, 6)).toEqual([
      'storage-network-access:pass',
      'storage-key-access:pass',
      'same-region:pass',
      'storage-identity:pass',
      'shir-upload-path:pass',
    ]);
  });

  it('shir-blocked: each problem fails with its evidence and fix', async () => {
    const result = verifyCurrentDms(await readSnapshot(path.join(FIXTURES, 'shir-blocked')), {
      storageAuth: 'managed-identity',
    });
    expect(statuses(result.checks)).toEqual([
      'integration-runtime-state:fail',
      'storage-network-access:fail',
      'storage-key-access:fail',
      'same-region:pass',
      'storage-identity:fail',
      'shir-upload-path:unknown',
      'storage-network-access:fail',
      'storage-key-access:pass',
      'same-region:pass',
      'storage-identity:fail',
      'shir-upload-path:warn',
      'storage-network-access:fail',
      'storage-key-access:pass',
      'same-region:pass',
      'storage-identity:fail',
      'shir-upload-path:unknown',
      'mi-subnet:pass',
    ]);
    const [runtime, fw, key, , identity] = result.checks;
    const [pe, pending] = result.checks.filter((c) => c.id === 'storage-network-access').slice(1);
    expect(runtime.fix).toMatch(/^az datamigration sql-service list-auth-key -g rg-shir -n dms-shir\n/);
    expect(runtime.fix).toMatch(/az datamigration register-integration-runtime --auth-key/);
    expect(fw.summary).toMatch(/stbackupsfw: .*needs the Microsoft\.Storage service endpoint/);
    expect(fw.fix).toBe(
      'az network vnet subnet update -g rg-shir --vnet-name vnet-sqlmi -n snet-sqlmi --service-endpoints Microsoft.Storage --subscription 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    );
    expect(key.summary).toMatch(
      /stbackupsfw has "Allow storage account key access" turned off: DMS's tutorial requires it/,
    );
    expect(key.fix).toMatch(/^az storage account update -g rg-shir -n stbackupsfw --allow-shared-key-access true/);
    expect(identity.summary).toMatch(
      /system-assigned identity of managed instance sqlmi-shir .* has no role that reads/,
    );
    expect(identity.evidence[0]).toMatch(/Reader at .*resourceGroups\/rg-shir: control-plane roles/);
    expect(identity.fix).toMatch(/--role 'Storage Blob Data Reader' --scope \S+stbackupsfw$/);
    // the private endpoint sits in the hub: both VNets are named
    expect(pe.summary).toMatch(
      /stbackupspe: public network access is disabled, and its private endpoint pe-stbackupspe-blob sits in VNet vnet-hub, not in MI VNet vnet-sqlmi/,
    );
    expect(pe.fix).toMatch(
      /^az network private-endpoint create .*--subnet \S*virtualNetworks\/vnet-sqlmi\/subnets\/.*--group-id blob/,
    );
    expect(pending.evidence.join('\n')).toMatch(/not approved: .*Pending/);
    expect(pending.fix).toMatch(
      /az storage account network-rule add -g rg-shir --account-name stbackupspending --subnet \S+snet-sqlmi/,
    );
    expect(pending.fix).toMatch(
      /az network private-endpoint-connection approve --id \S+pe-stbackupspending-blob\.pending/,
    );
    for (const c of result.checks.filter((k) => k.status !== 'pass')) {
      expect(c.evidence.length).toBeGreaterThan(0);
      expect(c.fix).toBeTruthy();
    }
  });
});

describe('integration-runtime-state', () => {
  it.each([
    ['Online', 'pass'],
    ['NeedRegistration', 'fail'],
    ['Offline', 'fail'],
    ['Limited', 'warn'],
    ['Initial', 'warn'],
    [undefined, 'unknown'],
  ])('%s → %s', (state, status) => {
    const inv = inventory();
    inv.sqlMigrationServices![0].integrationRuntimeState = state;
    const check = verifyCurrentDms(inv).checks[0];
    expect(check).toEqual(expect.objectContaining({ id: 'integration-runtime-state', status }));
    if (status !== 'pass') expect(check.fix).toMatch(/^az datamigration /);
  });

  it('a DMS only listed in dms.json (no properties) is found, its state unknown', () => {
    const inv = inventory({ sqlMigrationServices: [] });
    inv.dmsServices = [
      {
        id: `${SUB}/Microsoft.DataMigration/sqlMigrationServices/listed`,
        name: 'listed',
        kind: 'current',
        location: 'westeurope',
      },
    ];
    expect(hasOnlyCurrentDms(inv)).toBe(true);
    expect(verifyCurrentDms(inv).checks[0].status).toBe('unknown');
  });
});

describe('storage-network-access', () => {
  const rule = { subnetId: MI_SUBNET.toLowerCase(), action: 'Allow', state: 'Succeeded' };
  type Case = [string, StorageAccount, Partial<Inventory> & { endpoints?: string[] }, string, RegExp?];
  const rows: Case[] = [
    ['default action Allow', account({ defaultAction: 'Allow' }), {}, 'pass'],
    ['Deny, rule for the MI subnet, endpoint', account({ virtualNetworkRules: [rule] }), {}, 'pass'],
    [
      'Deny, rule, Microsoft.Storage.Global endpoint',
      account({ virtualNetworkRules: [rule] }),
      { endpoints: ['Microsoft.Storage.Global'] },
      'pass',
    ],
    [
      'Deny, rule, no endpoint',
      account({ virtualNetworkRules: [rule] }),
      { endpoints: [] },
      'fail',
      /--service-endpoints Microsoft\.Storage/,
    ],
    [
      'Deny, rule being removed',
      account({ virtualNetworkRules: [{ ...rule, state: 'NetworkSourceDeleted' }] }),
      {},
      'fail',
      /network-rule add/,
    ],
    [
      'Deny, rule for another subnet',
      account({ virtualNetworkRules: [{ subnetId: `${VNET}/subnets/other` }] }),
      {},
      'fail',
      /network-rule add/,
    ],
    ['Deny, only IP rules', account({ ipRules: ['203.0.113.7'] }), {}, 'fail', /network-rule add/],
    [
      'Allow but public access disabled, no endpoint',
      account({ defaultAction: 'Allow', publicNetworkAccess: 'Disabled' }),
      {},
      'fail',
    ],
    [
      'public access disabled, rule does not count',
      account({ publicNetworkAccess: 'Disabled', virtualNetworkRules: [rule] }),
      {},
      'fail',
    ],
    [
      'private endpoint + zone linked',
      account({ publicNetworkAccess: 'Disabled', privateEndpointConnections: approved }),
      { privateDnsZoneLinks: linked },
      'pass',
    ],
    [
      'private endpoint, zone linked elsewhere',
      account({ privateEndpointConnections: approved }),
      { privateDnsZoneLinks: [{ ...linked[0], virtualNetworkId: `${SUB}/Microsoft.Network/virtualNetworks/hub` }] },
      'fail',
      /private-dns link vnet create/,
    ],
    [
      'private endpoint, links not in the inventory',
      account({ privateEndpointConnections: approved }),
      { privateDnsZoneLinks: undefined },
      'unknown',
      /private-dns link vnet list/,
    ],
    [
      'private endpoint in another VNet',
      account({ privateEndpointConnections: approved }),
      {
        privateDnsZoneLinks: linked,
        privateEndpoints: [
          {
            id: 'pe1',
            name: 'pe1',
            location: 'westeurope',
            subnetId: `${SUB}/Microsoft.Network/virtualNetworks/vnet-hub/subnets/pe`,
            targetIds: [],
          },
        ],
      },
      'fail',
      /private-endpoint create .*--subnet '\S+\/virtualNetworks\/vnet-sqlmi\/subnets\/<subnet of vnet-sqlmi for private endpoints>'/,
    ],
    [
      'private endpoint not in the inventory',
      account({ privateEndpointConnections: approved }),
      { privateDnsZoneLinks: linked, privateEndpoints: [] },
      'unknown',
      /az network private-endpoint show --ids pe1 --query subnet\.id/,
    ],
    [
      'Deny, rule, Microsoft.Storage across regions (paired region or not: not known)',
      { ...account({ virtualNetworkRules: [rule] }), location: 'eastus' },
      {},
      'warn',
      /--service-endpoints Microsoft\.Storage\.Global --subscription [0-9a-f-]+$/,
    ],
    [
      'Deny, rule, Microsoft.Storage.Global across regions',
      { ...account({ virtualNetworkRules: [rule] }), location: 'eastus' },
      { endpoints: ['Microsoft.Storage.Global'] },
      'pass',
    ],
    [
      'private endpoint rejected',
      account({ privateEndpointConnections: [{ id: 'pec/x', status: 'Rejected' }] }),
      { privateDnsZoneLinks: linked },
      'fail',
    ],
  ];

  const cases = rows.map(([name, acct, overrides, status, fix]) => ({ name, acct, overrides, status, fix }));

  it.each(cases)('$name → $status', ({ acct, overrides, status, fix }) => {
    const check = verifyCurrentDms(inventory({ storageAccounts: [acct], ...overrides })).checks[1];
    expect(check.id).toBe('storage-network-access');
    expect(check.status).toBe(status);
    expect(check.summary).toContain('stbackups');
    if (status !== 'pass') expect(check.fix).toBeTruthy();
    if (fix) expect(check.fix).toMatch(fix);
  });

  it('a denying firewall reminds that the runtime uploads there too; an open one does not', () => {
    const evidence = (acct: StorageAccount) =>
      verifyCurrentDms(inventory({ storageAccounts: [acct] })).checks[1].evidence.join('\n');
    expect(evidence(account({ virtualNetworkRules: [rule] }))).toMatch(/IP rule for its public IP .*0 IP rule\(s\)/);
    expect(evidence(account({ defaultAction: 'Allow' }))).not.toMatch(/public IP/);
  });

  it('custom DNS on the MI VNet is named in the evidence of a private endpoint pass', () => {
    const inv = inventory({
      storageAccounts: [account({ privateEndpointConnections: approved })],
      privateDnsZoneLinks: linked,
    });
    inv.virtualNetworks[0].dnsServers = ['10.0.0.4'];
    expect(verifyCurrentDms(inv).checks[1].evidence.join('\n')).toMatch(/custom DNS .*168\.63\.129\.16/);
  });
});

describe('choosing the DMS and the storage accounts', () => {
  it('--storage names accounts (tag or not); an unknown name is refused with the candidates', () => {
    const untagged = { ...account({ defaultAction: 'Allow' }), name: 'stother', tags: {} };
    const inv = inventory({ storageAccounts: [account(), untagged] });
    expect(verifyCurrentDms(inv, { storageNames: ['STOTHER'] }).storageAccounts).toEqual([
      expect.objectContaining({ name: 'stother', selectedBy: 'name' }),
    ]);
    expect(() => verifyCurrentDms(inv, { storageNames: ['nope'] })).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({
          kind: 'not-found',
          field: 'storage',
          name: 'nope',
          candidates: ['stbackups', 'stother'],
        }),
      }),
    );
  });

  it('no account named or tagged: storage-network-access is unknown with the tag fix', () => {
    const check = verifyCurrentDms(inventory({ storageAccounts: [{ ...account(), tags: {} }] })).checks[1];
    expect(check).toEqual(expect.objectContaining({ id: 'storage-network-access', status: 'unknown' }));
    expect(check.fix).toBe(
      `az storage account update -g '<resource group>' -n '<account>' --tags ${MIGRATION_STORAGE_TAG}=true --subscription '<subscription>'`,
    );
    const noFile = verifyCurrentDms(inventory({ storageAccounts: undefined })).checks[1];
    expect(noFile.evidence[0]).toMatch(/storage-accounts\.json/);
  });

  it('several DMS: refused listing them, unless --dms names one', () => {
    const inv = inventory();
    inv.sqlMigrationServices!.push({ ...inv.sqlMigrationServices![0], id: `${SUB}/x/dms2`, name: 'dms2' });
    expect(() => verifyCurrentDms(inv)).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ kind: 'ambiguous', field: 'dms' }) }),
    );
    expect(() => verifyCurrentDms(inv)).toThrow(
      /Several Database Migration Services \(sqlMigrationServices\): name one \(candidates: dms1, dms2\)/,
    );
    expect(verifyCurrentDms(inv, { dmsName: 'DMS2' }).dms.name).toBe('dms2');
    expect(() => verifyCurrentDms(inv, { dmsName: 'dms3' })).toThrow(VerifyInputError);
  });

  it('no sqlMigrationServices at all is an input error; a classic DMS means the classic path', () => {
    expect(() => verifyCurrentDms(inventory({ sqlMigrationServices: [] }))).toThrow(
      /No Database Migration Service \(sqlMigrationServices\)/,
    );
    const inv = inventory();
    inv.dmsServices = [
      { id: 'classic', name: 'classic', kind: 'classic', location: 'westeurope', subnetId: MI_SUBNET },
    ];
    expect(hasOnlyCurrentDms(inv)).toBe(false);
  });
});
