import { integrationRuntimeStateCheck } from '../../src/network/current-dms-checks';
import {
  sameRegionCheck,
  storageIdentityCheck,
  storageKeyAccessCheck,
} from '../../src/network/current-dms-storage-checks';
import { findRuntimeSubnet, uploadPathCheck } from '../../src/network/current-dms-upload-check';
import { currentDmsMigration, verifyCurrentDms } from '../../src/network/current-dms-verify';
import { VerifyInputError } from '../../src/network/errors';
import { indexInventory } from '../../src/network/inventory-index';
import type {
  ManagedInstance,
  RoleAssignment,
  SqlMigrationService,
  StorageAccount,
  VirtualNetwork,
} from '../../src/network/model';

// The storage checks of the current DMS one by one: key access, region, the MI's identity, the runtime's upload path.

const SUB = '/subscriptions/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const RG = `${SUB}/resourceGroups/rg-shir`;
const ACCOUNT_ID = `${RG}/providers/Microsoft.Storage/storageAccounts/stbackups`;
const VM_VNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-shir`;
const VM_SUBNET = `${VM_VNET}/subnets/snet-vm`;
const PRINCIPAL = '5f3e8a2c-1b4d-4e6f-9a7b-2c8d0e1f3a5b';
const BLOB_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

function account(fields: Partial<StorageAccount> & Partial<StorageAccount['networkRuleSet']> = {}): StorageAccount {
  const { defaultAction = 'Deny', virtualNetworkRules = [], ipRules = [], ...rest } = fields;
  return {
    id: ACCOUNT_ID,
    name: 'stbackups',
    resourceGroup: 'rg-shir',
    location: 'westeurope',
    networkRuleSet: { defaultAction, virtualNetworkRules, ipRules },
    privateEndpointConnections: [],
    tags: {},
    ...rest,
  };
}

const dms: SqlMigrationService = {
  id: `${RG}/providers/Microsoft.DataMigration/sqlMigrationServices/dms1`,
  name: 'dms1',
  location: 'westeurope',
  tags: {},
};
const mi = (identity?: ManagedInstance['identity']): ManagedInstance => ({
  id: `${RG}/providers/Microsoft.Sql/managedInstances/sqlmi`,
  name: 'sqlmi',
  subnetId: 'x',
  location: 'westeurope',
  ...(identity === undefined ? {} : { identity }),
});
const system = { systemPrincipalId: PRINCIPAL, userAssigned: [] };
const assignment = (scope: string, role = BLOB_READER, principalId = PRINCIPAL): RoleAssignment => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/1`,
  principalId,
  roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
  scope,
});

describe('storage-key-access', () => {
  it.each([
    [undefined, 'smb', 'sas', 'pass'],
    [true, 'smb', 'sas', 'pass'],
    [false, 'smb', 'sas', 'fail'],
    [false, 'blob', 'sas', 'fail'],
    [false, 'smb', 'managed-identity', 'fail'],
    [false, 'blob', 'managed-identity', 'warn'],
  ] as const)('allowSharedKeyAccess %s, backups %s, auth %s → %s', (allow, backups, auth, status) => {
    const check = storageKeyAccessCheck(account({ allowSharedKeyAccess: allow }), backups, auth);
    expect(check).toMatchObject({ id: 'storage-key-access', status });
    if (status !== 'pass') {
      expect(check.fix).toMatch(/^az storage account update -g rg-shir -n stbackups --allow-shared-key-access true/);
      expect(check.fix).toMatch(/Storage accounts should prevent shared key access/);
    }
  });
});

describe('same-region', () => {
  it.each([
    ['westeurope', 'westeurope', 'pass'],
    ['West Europe', 'westeurope', 'pass'],
    ['eastus', 'westeurope', 'warn'],
    ['', 'westeurope', 'unknown'],
  ])('storage %j, DMS %j → %s', (storageRegion, dmsRegion, status) => {
    const check = sameRegionCheck(account({ location: storageRegion }), { ...dms, location: dmsRegion }, mi());
    expect(check).toMatchObject({ id: 'same-region', status });
    if (status === 'warn') expect(check.summary).toMatch(/stbackups is in eastus, DMS dms1 in westeurope/);
  });
});

describe('storage-identity (the MI managed identity route)', () => {
  const uaId = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-sqlmi`;
  const rows: [string, ManagedInstance['identity'], RoleAssignment[] | undefined, string, RegExp][] = [
    ['identity not reported', undefined, [], 'unknown', /az sql mi show/],
    ['no identity', null, [], 'fail', /az sql mi update -g rg-shir -n sqlmi --assign-identity/],
    ['role assignments not read', system, undefined, 'unknown', /az role assignment list --assignee 5f3e/],
    ['Storage Blob Data Reader on the account', system, [assignment(ACCOUNT_ID)], 'pass', /Storage Blob Data Reader/],
    ['Storage Blob Data Reader on the resource group', system, [assignment(RG)], 'pass', /rg-shir/],
    [
      'on a management group (listed because it applies)',
      system,
      [assignment('/providers/Microsoft.Management/managementGroups/contoso')],
      'pass',
      /managementGroups/,
    ],
    [
      'on one container only',
      system,
      [assignment(`${ACCOUNT_ID}/blobServices/default/containers/backups`)],
      'warn',
      /only some containers .*backups/,
    ],
    ['only Reader', system, [assignment(RG, READER)], 'fail', /control-plane roles/],
    ['a custom role', system, [assignment(ACCOUNT_ID, 'c0ffee00-0000-4000-8000-000000000001')], 'unknown', /not known/],
    [
      'another principal holds the role',
      system,
      [assignment(ACCOUNT_ID, BLOB_READER, 'someone-else')],
      'fail',
      /no role assignment of 5f3e/,
    ],
    ['another account', system, [assignment(`${ACCOUNT_ID}2`)], 'fail', /no role/],
    [
      'the primary user-assigned identity is the one that counts',
      {
        systemPrincipalId: 'other',
        primaryUserAssignedIdentityId: uaId,
        userAssigned: [{ id: uaId, principalId: PRINCIPAL }],
      },
      [assignment(ACCOUNT_ID)],
      'pass',
      /primary user-assigned identity id-sqlmi/,
    ],
    [
      'user-assigned identities without a primary one',
      { userAssigned: [{ id: uaId, principalId: PRINCIPAL }] },
      [assignment(ACCOUNT_ID)],
      'fail',
      /without a primary one/,
    ],
  ];

  it.each(rows)('%s → %s', (_name, identity, assignments, status, text) => {
    const check = storageIdentityCheck(account(), mi(identity), assignments);
    expect(check.id).toBe('storage-identity');
    expect(check.status).toBe(status);
    expect([check.summary, ...check.evidence, check.fix ?? ''].join('\n')).toMatch(text);
    expect(check.evidence.join('\n')).toMatch(/Azure portal only/);
    if (status !== 'pass') expect(check.fix).toMatch(/^az /);
  });
});

const vmVnet = (serviceEndpoints: string[], location = 'westeurope'): VirtualNetwork => ({
  id: VM_VNET,
  name: 'vnet-shir',
  resourceGroup: 'rg-shir',
  subscriptionId: 'sub',
  location,
  addressPrefixes: ['10.50.0.0/16'],
  dnsServers: [],
  subnets: [{ id: VM_SUBNET, name: 'snet-vm', addressPrefixes: ['10.50.1.0/24'], delegations: [], serviceEndpoints }],
  peerings: [],
});

describe('shir-upload-path', () => {
  const pe = [
    { id: 'pec', privateEndpointId: `${RG}/providers/Microsoft.Network/privateEndpoints/pe-blob`, status: 'Approved' },
  ];
  const vmRule = { subnetId: VM_SUBNET.toUpperCase(), action: 'Allow', state: 'Succeeded' };
  const entry = (endpoints: string[], location?: string) => {
    const vnet = vmVnet(endpoints, location);
    return { vnet, subnet: vnet.subnets[0] };
  };
  type Row = [
    string,
    StorageAccount,
    'onprem' | 'azure-vm',
    string[],
    ReturnType<typeof entry> | undefined,
    string,
    RegExp,
  ];
  const rows: Row[] = [
    ['open to all networks', account({ defaultAction: 'Allow' }), 'onprem', [], undefined, 'pass', /all networks/],
    [
      'on-premises: an IP rule holds the egress IP',
      account({ ipRules: ['203.0.113.0/24'] }),
      'onprem',
      ['203.0.113.7'],
      undefined,
      'pass',
      /203\.0\.113\.7/,
    ],
    [
      'on-premises: no IP rule holds it',
      account({ ipRules: ['198.51.100.4'] }),
      'onprem',
      ['203.0.113.7'],
      undefined,
      'fail',
      /--ip-address 203\.0\.113\.7/,
    ],
    [
      'on-premises: no rule, but a private endpoint',
      account({ privateEndpointConnections: pe }),
      'onprem',
      ['203.0.113.7'],
      undefined,
      'warn',
      /VPN or ExpressRoute private peering .*DNS forwarding/,
    ],
    [
      'on-premises: IP rules, egress IP not given',
      account({ ipRules: ['198.51.100.4'] }),
      'onprem',
      [],
      undefined,
      'unknown',
      /input: runtimeIps/,
    ],
    [
      'on-premises: no IP rule, no private endpoint',
      account(),
      'onprem',
      [],
      undefined,
      'fail',
      /--ip-address '<public IP/,
    ],
    [
      'public access disabled, no private endpoint',
      account({ publicNetworkAccess: 'Disabled' }),
      'onprem',
      [],
      undefined,
      'fail',
      /public network access is disabled/,
    ],
    [
      'Azure VM: subnet not given',
      account({ ipRules: ['203.0.113.0/24'] }),
      'azure-vm',
      [],
      undefined,
      'unknown',
      /input: runtimeSubnet/,
    ],
    [
      'Azure VM: rule and endpoint',
      account({ virtualNetworkRules: [vmRule] }),
      'azure-vm',
      [],
      entry(['Microsoft.Storage']),
      'pass',
      /snet-vm/,
    ],
    [
      'Azure VM: an IP rule does not help',
      account({ ipRules: ['203.0.113.0/24'] }),
      'azure-vm',
      [],
      entry(['Microsoft.Storage']),
      'fail',
      /IP rules do not apply to requests from the same region/,
    ],
    [
      'Azure VM: rule without endpoint',
      account({ virtualNetworkRules: [vmRule] }),
      'azure-vm',
      [],
      entry([]),
      'fail',
      /--service-endpoints Microsoft\.Storage/,
    ],
    [
      'Azure VM: Microsoft.Storage across regions',
      account({ virtualNetworkRules: [vmRule], location: 'eastus' }),
      'azure-vm',
      [],
      entry(['Microsoft.Storage']),
      'warn',
      /Microsoft\.Storage\.Global/,
    ],
    [
      'Azure VM: private endpoint only',
      account({ privateEndpointConnections: pe }),
      'azure-vm',
      [],
      entry([]),
      'warn',
      /pe-blob/,
    ],
  ];

  it.each(rows)('%s → %s', (_name, acct, runtimeHost, runtimeIps, runtimeSubnet, status, text) => {
    const check = uploadPathCheck({ account: acct, runtimeHost, runtimeIps, runtimeSubnet });
    expect(check.id).toBe('shir-upload-path');
    expect(check.status).toBe(status);
    // `input` names what the person would give to decide the check (each surface says how)
    expect([check.summary, ...check.evidence, check.fix ?? '', `input: ${check.input}`].join('\n')).toMatch(text);
    if (status !== 'pass') expect(check.fix).toBeTruthy();
  });

  it("the runtime VM's subnet is an id or VNET/SUBNET; anything else is an input error", () => {
    const index = indexInventory({
      virtualNetworks: [vmVnet([])],
      networkSecurityGroups: [],
      managedInstances: [],
      dmsServices: [],
      virtualNetworkGateways: [],
      connections: [],
      localNetworkGateways: [],
      routeTables: [],
    });
    expect(findRuntimeSubnet(index, VM_SUBNET.toLowerCase()).subnet.name).toBe('snet-vm');
    expect(findRuntimeSubnet(index, 'VNET-SHIR/snet-vm').subnet.name).toBe('snet-vm');
    expect(() => findRuntimeSubnet(index, 'vnet-shir/nope')).toThrow(VerifyInputError);
    expect(() => findRuntimeSubnet(index, 'snet-vm')).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({ kind: 'not-found', field: 'runtimeSubnet', name: 'snet-vm' }),
      }),
    );
  });
});

describe('the backups and the runtime', () => {
  it.each([
    ['Online', 'pass', /is online/],
    [
      'NeedRegistration',
      'pass',
      /already in Blob Storage: DMS dms1 needs no self-hosted integration runtime, so its state \(NeedRegistration\)/,
    ],
    [undefined, 'pass', /state \(unknown\) does not block/],
  ])('blob backups: state %s → %s, said in one line', (state, status, summary) => {
    const check = integrationRuntimeStateCheck({ ...dms, integrationRuntimeState: state }, 'blob');
    expect(check.status).toBe(status);
    expect(check.summary).toMatch(summary);
  });

  it('Limited names Relay, TCP 8060 and credential sync, not only nodes down', () => {
    const check = integrationRuntimeStateCheck({ ...dms, integrationRuntimeState: 'Limited' });
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(
      /Azure Relay \(\*\.servicebus\.windows\.net, TCP 443\).*TCP 8060.*credentials did not\s+sync/,
    );
  });

  it('SQL Server 2012/2014 imply blob backups; given options win; defaults otherwise', () => {
    expect(currentDmsMigration({ sourceVersion: '2014' }).backups).toBe('blob');
    expect(currentDmsMigration({ sourceVersion: '2016' }).backups).toBe('smb');
    expect(currentDmsMigration({})).toEqual({
      backups: 'smb',
      sourceVersion: null,
      storageAuth: 'sas',
      runtimeHost: 'onprem',
    });
  });

  it('with blob backups there is no upload path check; with the identity route there is an identity check', () => {
    const inv = {
      virtualNetworks: [
        {
          ...vmVnet([]),
          subnets: [
            {
              id: `${VM_VNET}/subnets/mi`,
              name: 'mi',
              addressPrefixes: ['10.50.2.0/24'],
              delegations: [],
              serviceEndpoints: [],
            },
          ],
        },
      ],
      networkSecurityGroups: [],
      managedInstances: [{ ...mi(system), subnetId: `${VM_VNET}/subnets/mi` }],
      dmsServices: [],
      virtualNetworkGateways: [],
      connections: [],
      localNetworkGateways: [],
      routeTables: [],
      sqlMigrationServices: [dms],
      storageAccounts: [{ ...account({ defaultAction: 'Allow' }), tags: { 'dms-backups': '' } }],
    };
    const ids = (o: Parameters<typeof verifyCurrentDms>[1]) => verifyCurrentDms(inv, o).checks.map((c) => c.id);
    expect(ids({ backups: 'blob' })).not.toContain('shir-upload-path');
    expect(ids({})).toContain('shir-upload-path');
    expect(ids({ storageAuth: 'managed-identity' })).toContain('storage-identity');
    expect(ids({})).not.toContain('storage-identity');
  });
});
