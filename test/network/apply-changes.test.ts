import { applyChanges } from '../../src/network/apply-changes';
import type { InventoryChange } from '../../src/network/changes';
import type { Inventory, StorageAccount } from '../../src/network/model';
import { nsg, peering, rid, rule, vnet } from '../fixtures/network/builders';
import { routeTable } from '../fixtures/network/routing';
import { scenario } from '../fixtures/network/scenarios';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function storageAccount(): StorageAccount {
  return {
    id: rid('rg-shir', 'storageAccounts', 'stbackups', 'Microsoft.Storage'),
    name: 'stbackups',
    resourceGroup: 'rg-shir',
    location: 'westeurope',
    networkRuleSet: { defaultAction: 'Deny', virtualNetworkRules: [], ipRules: [] },
    privateEndpointConnections: [
      {
        id: `${rid('rg-shir', 'storageAccounts', 'stbackups', 'Microsoft.Storage')}/privateEndpointConnections/pe.1`,
        status: 'Pending',
      },
    ],
    allowSharedKeyAccess: false,
    tags: {},
  };
}

/** The hybrid scenario (one VNet with the MI, DMS and gateway subnets, a VPN to 192.168.0.0/16), a route table, a storage account, a second VNet. */
function network(): Inventory {
  const s = scenario('hybrid');
  routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'None' }]);
  s.inventory.virtualNetworks.push(vnet('vnet-other', ['10.9.0.0/16'], [{ name: 'app', prefixes: ['10.9.1.0/24'] }]));
  s.inventory.storageAccounts = [storageAccount()];
  return deepFreeze(s.inventory);
}

const inv = network();
const shared = inv.virtualNetworks[0];
const other = inv.virtualNetworks[1];
const dmsSubnet = shared.subnets.find((x) => x.name === 'dms-subnet')!;
const nsgDms = inv.networkSecurityGroups[0];
const rt = inv.routeTables[0];
const account = inv.storageAccounts![0];
const gateway = inv.virtualNetworkGateways[0];
const lng = inv.localNetworkGateways[0];

const allow = (name: string, priority: number): InventoryChange => ({
  kind: 'nsg-rule-create',
  nsgId: nsgDms.id,
  rule: {
    name,
    priority,
    direction: 'Outbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourceAddressPrefixes: ['*'],
    sourcePortRanges: ['*'],
    destinationAddressPrefixes: ['Storage'],
    destinationPortRanges: ['443'],
  },
});

describe('applyChanges: what each change does', () => {
  it.each<[string, InventoryChange[], (after: Inventory) => unknown, unknown]>([
    [
      'an NSG rule is added',
      [allow('to-storage', 300)],
      (a) => a.networkSecurityGroups[0].securityRules.find((r) => r.name === 'to-storage')?.priority,
      300,
    ],
    [
      'a rule of the same name is replaced, as az does',
      [allow('management', 300)],
      (a) => a.networkSecurityGroups[0].securityRules.filter((r) => r.name === 'management').map((r) => r.priority),
      [300],
    ],
    [
      'a rule moves to another priority and keeps the rest',
      [{ kind: 'nsg-rule-update', nsgId: nsgDms.id, ruleName: 'SMB-share', priority: 4000 }],
      (a) => a.networkSecurityGroups[0].securityRules.find((r) => r.name === 'SMB-share'),
      expect.objectContaining({ priority: 4000, access: 'Allow', destinationPortRanges: ['445'] }),
    ],
    [
      'a peering joins the side that waits: both Connected',
      [
        { kind: 'peering-create', vnetId: shared.id, name: 'a-b', remoteVnetId: other.id },
        { kind: 'peering-create', vnetId: other.id, name: 'b-a', remoteVnetId: shared.id },
      ],
      (a) => a.virtualNetworks.map((v) => v.peerings.map((p) => [p.name, p.peeringState, p.remoteAddressPrefixes])),
      [[['a-b', 'Connected', ['10.9.0.0/16']]], [['b-a', 'Connected', ['10.1.0.0/16', '10.2.0.0/16']]]],
    ],
    [
      'one side of a peering alone is Initiated',
      [{ kind: 'peering-create', vnetId: shared.id, name: 'a-b', remoteVnetId: other.id }],
      (a) => a.virtualNetworks[0].peerings[0].peeringState,
      'Initiated',
    ],
    [
      'a route replaces the one of its name; deleting one leaves the others',
      [
        { kind: 'route-create', routeTableId: rt.id, name: 'r0', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' },
        {
          kind: 'route-create',
          routeTableId: rt.id,
          name: 'to-storage',
          addressPrefix: 'Storage',
          nextHopType: 'Internet',
        },
        { kind: 'route-delete', routeTableId: rt.id, name: 'r0' },
      ],
      (a) => a.routeTables[0].routes,
      [{ name: 'to-storage', addressPrefix: 'Storage', nextHopType: 'Internet' }],
    ],
    [
      'route propagation on',
      [{ kind: 'route-table-update', routeTableId: rt.id, disableBgpRoutePropagation: true }],
      (a) => a.routeTables[0].disableBgpRoutePropagation,
      true,
    ],
    [
      'service endpoints replace the list',
      [{ kind: 'subnet-update', subnetId: dmsSubnet.id, serviceEndpoints: ['Microsoft.Storage'] }],
      (a) => a.virtualNetworks[0].subnets.find((x) => x.name === 'dms-subnet')?.serviceEndpoints,
      ['Microsoft.Storage'],
    ],
    [
      'a local network gateway gets its new prefixes',
      [
        {
          kind: 'local-gateway-update',
          localNetworkGatewayId: lng.id,
          addressPrefixes: ['192.168.0.0/16', '172.20.0.0/16'],
        },
      ],
      (a) => a.localNetworkGateways[0].addressPrefixes,
      ['192.168.0.0/16', '172.20.0.0/16'],
    ],
    [
      'a connection to a new local network gateway: NotConnected, as Azure shows a new one until its tunnel is up',
      [
        {
          kind: 'local-gateway-create',
          localNetworkGatewayId: rid('rg-net', 'localNetworkGateways', 'site-b'),
          gatewayIpAddress: '203.0.113.20',
          addressPrefixes: ['172.20.0.0/16'],
        },
        {
          kind: 'connection-create',
          connectionId: rid('rg-net', 'connections', 'to-site-b'),
          virtualNetworkGatewayId: gateway.id,
          connectionType: 'IPsec',
          localNetworkGatewayId: rid('rg-net', 'localNetworkGateways', 'site-b'),
        },
      ],
      (a) => {
        const c = a.connections.at(-1)!;
        return [c.name, c.connectionType, c.localNetworkGatewayId?.endsWith('/site-b'), c.connectionStatus];
      },
      ['to-site-b', 'IPsec', true, 'NotConnected'],
    ],
    [
      'storage: the endpoint, then the rule, key access, the pending connection approved',
      [
        { kind: 'subnet-update', subnetId: dmsSubnet.id, serviceEndpoints: ['Microsoft.Storage'] },
        { kind: 'storage-network-rule-add', storageAccountId: account.id, subnetId: dmsSubnet.id },
        { kind: 'storage-network-rule-add', storageAccountId: account.id, ipAddress: '203.0.113.7' },
        {
          kind: 'storage-account-update',
          storageAccountId: account.id,
          allowSharedKeyAccess: true,
          tags: { 'dms-backups': 'true' },
        },
        { kind: 'private-endpoint-connection-approve', connectionId: account.privateEndpointConnections[0].id },
      ],
      (a) => a.storageAccounts![0],
      expect.objectContaining({
        allowSharedKeyAccess: true,
        tags: { 'dms-backups': 'true' },
        networkRuleSet: {
          defaultAction: 'Deny',
          virtualNetworkRules: [{ subnetId: dmsSubnet.id, action: 'Allow', state: 'Succeeded' }],
          ipRules: ['203.0.113.7'],
        },
        privateEndpointConnections: [expect.objectContaining({ status: 'Approved' })],
      }),
    ],
    [
      'a private endpoint in a subnet, approved, and the DNS link',
      [
        {
          kind: 'private-endpoint-create',
          privateEndpointId: rid('rg-shir', 'privateEndpoints', 'pe-blob'),
          subnetId: dmsSubnet.id,
          targetResourceId: account.id,
          groupId: 'blob',
          connectionName: 'stbackups-blob',
        },
        {
          kind: 'private-dns-link-create',
          linkId: `${rid('rg-dns', 'privateDnsZones', 'privatelink.blob.core.windows.net')}/virtualNetworkLinks/l1`,
          virtualNetworkId: shared.id,
          registrationEnabled: false,
        },
      ],
      (a) => [
        a.privateEndpoints,
        a.privateDnsZoneLinks,
        a.storageAccounts![0].privateEndpointConnections.at(-1)?.status,
      ],
      [
        [expect.objectContaining({ name: 'pe-blob', subnetId: dmsSubnet.id, targetIds: [account.id] })],
        [
          expect.objectContaining({
            name: 'l1',
            zoneName: 'privatelink.blob.core.windows.net',
            virtualNetworkId: shared.id,
          }),
        ],
        'Approved',
      ],
    ],
  ])('%s', (_name, changes, read, expected) => {
    const result = applyChanges(inv, changes);
    expect(result.problems).toEqual([]);
    expect(result.applied).toEqual(changes.map((_c, i) => i));
    expect(read(result.inventory)).toEqual(expected);
  });

  it('the original inventory is left as it was, and what no change touched is shared', () => {
    const result = applyChanges(inv, [allow('to-storage', 300)]);
    expect(inv.networkSecurityGroups[0].securityRules.some((r) => r.name === 'to-storage')).toBe(false);
    expect(result.inventory.virtualNetworks).toBe(inv.virtualNetworks);
    expect(result.inventory.networkSecurityGroups[1]).toBe(inv.networkSecurityGroups[1]);
  });
});

describe('applyChanges: what Azure refuses is not applied, and the field is named', () => {
  it.each<[string, InventoryChange, { field: string; message: RegExp }]>([
    [
      'two rules with one priority and direction',
      allow('to-storage', 200),
      {
        field: 'rule.priority',
        message: /priority 200 \(Outbound\) is rule management's in NSG nsg-dms: Azure refuses/,
      },
    ],
    ['a priority out of range', allow('to-storage', 4097), { field: 'rule.priority', message: /not 100-4096/ }],
    [
      'a bad prefix',
      {
        ...allow('x', 300),
        rule: { ...(allow('x', 300) as { rule: object }).rule, destinationAddressPrefixes: ['10.0.0.300/8'] },
      } as InventoryChange,
      { field: 'rule.destinationAddressPrefixes[0]', message: /not an IP address or prefix/ },
    ],
    [
      'an NSG not in the inventory',
      { ...allow('x', 300), nsgId: rid('rg-net', 'networkSecurityGroups', 'nope') } as InventoryChange,
      { field: 'nsgId', message: /is not in the inventory/ },
    ],
    [
      'a rule that is not there',
      { kind: 'nsg-rule-update', nsgId: nsgDms.id, ruleName: 'nope', priority: 300 },
      { field: 'ruleName', message: /NSG nsg-dms has no rule nope/ },
    ],
    [
      'a peering of a VNet that is not in the inventory',
      { kind: 'peering-create', vnetId: vnet('vnet-twin', ['10.9.0.0/16'], []).id, name: 'x', remoteVnetId: other.id },
      { field: 'vnetId', message: /virtual network .*vnet-twin is not in the inventory/ },
    ],
    [
      'a storage rule for a subnet without the service endpoint',
      { kind: 'storage-network-rule-add', storageAccountId: account.id, subnetId: dmsSubnet.id },
      { field: 'subnetId', message: /no Microsoft.Storage service endpoint: Azure refuses the rule until it has one/ },
    ],
    [
      'a placeholder',
      { kind: 'vnet-update', vnetId: shared.id, dnsServers: ['<on-premises DNS server IPs>'] },
      { field: 'dnsServers[0]', message: /is a placeholder: give the value itself/ },
    ],
    [
      'a gateway in a VNet without a GatewaySubnet',
      {
        kind: 'vnet-gateway-create',
        gatewayId: rid('rg-net', 'virtualNetworkGateways', 'gw2'),
        vnetId: other.id,
        gatewayType: 'Vpn',
        sku: 'VpnGw1',
        publicIpAddress: 'pip',
      },
      { field: 'vnetId', message: /has no GatewaySubnet/ },
    ],
    [
      'a new identity (its object id is known only afterwards)',
      { kind: 'managed-instance-update', managedInstanceId: inv.managedInstances[0].id, assignIdentity: true },
      { field: 'assignIdentity', message: /known only once Azure creates it/ },
    ],
  ])('%s', (_name, change, problem) => {
    const result = applyChanges(inv, [change]);
    expect(result.applied).toEqual([]);
    expect(result.problems).toEqual([
      { index: 0, field: problem.field, message: expect.stringMatching(problem.message) },
    ]);
  });

  it('overlapping address spaces are refused with the VNet in the inventory', () => {
    const twin = vnet('vnet-twin', ['10.9.0.0/16'], []);
    const withTwin = { ...inv, virtualNetworks: [...inv.virtualNetworks, twin] };
    const result = applyChanges(withTwin, [
      { kind: 'peering-create', vnetId: other.id, name: 'x', remoteVnetId: twin.id },
    ]);
    expect(result.problems).toEqual([
      {
        index: 0,
        field: 'remoteVnetId',
        message: expect.stringMatching(/address spaces of vnet-other and vnet-twin overlap/),
      },
    ]);
  });

  it('the changes after a refused one still apply, in order', () => {
    const result = applyChanges(inv, [allow('a', 200), allow('b', 300), allow('c', 300)]);
    expect(result.applied).toEqual([1]);
    expect(result.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'rule.priority'],
      [2, 'rule.priority'],
    ]);
  });

  it('deleting one side of a Connected peering leaves the other Disconnected', () => {
    const a = vnet('vnet-a', ['10.10.0.0/16'], []);
    const b = vnet('vnet-b', ['10.11.0.0/16'], []);
    peering(a, b);
    peering(b, a);
    const result = applyChanges({ ...inv, virtualNetworks: [a, b] }, [
      { kind: 'peering-delete', vnetId: a.id, name: 'vnet-a-to-vnet-b' },
    ]);
    expect(result.inventory.virtualNetworks.map((v) => v.peerings.map((p) => p.peeringState))).toEqual([
      [],
      ['Disconnected'],
    ]);
    expect(b.peerings[0].peeringState).toBe('Connected');
  });

  it('a rule may take the priority of one moved away before it, in one list', () => {
    const denyAll = nsg('nsg-x', [rule({ name: 'deny-all', priority: 100, access: 'Deny', protocol: '*' })]);
    const result = applyChanges({ ...inv, networkSecurityGroups: [denyAll] }, [
      { kind: 'nsg-rule-update', nsgId: denyAll.id, ruleName: 'deny-all', priority: 101 },
      { ...allow('first', 100), nsgId: denyAll.id } as InventoryChange,
    ]);
    expect(result.problems).toEqual([]);
    expect(result.inventory.networkSecurityGroups[0].securityRules.map((r) => [r.name, r.priority])).toEqual([
      ['deny-all', 101],
      ['first', 100],
    ]);
  });
});
