import { commandOf } from '../../src/network/change-commands';
import {
  CHANGE_KINDS,
  type InventoryChange,
  changeKey,
  effectKnownAfterwards,
  runOrder,
  valuesNeeded,
} from '../../src/network/changes';
import { words } from '../support/shell-fixes';

const SUB = '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333';
const NET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const NSG = `${NET}/networkSecurityGroups/nsg-dms`;
const VNET = `${NET}/virtualNetworks/vnet-dms`;
const SUBNET = `${VNET}/subnets/dms-subnet`;
const RT = `${NET}/routeTables/rt-dms`;
const ACCOUNT = `${SUB}/resourceGroups/rg-shir/providers/Microsoft.Storage/storageAccounts/stbackups`;

/** One change of each kind and the command it is written as. */
const CASES: [InventoryChange, string][] = [
  [
    {
      kind: 'nsg-rule-create',
      nsgId: NSG,
      rule: {
        name: 'SQL-Source-server-1433',
        priority: 220,
        direction: 'Outbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefixes: ['*'],
        sourcePortRanges: ['*'],
        destinationAddressPrefixes: ['192.168.0.0/16', 'Storage.WestEurope'],
        destinationPortRanges: ['1433'],
      },
    },
    "az network nsg rule create -g rg-net --nsg-name nsg-dms -n SQL-Source-server-1433 --priority 220 --direction Outbound --access Allow --protocol Tcp --source-address-prefixes '*' --source-port-ranges '*' --destination-address-prefixes 192.168.0.0/16 Storage.WestEurope --destination-port-ranges 1433 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333",
  ],
  [
    { kind: 'nsg-rule-update', nsgId: NSG, ruleName: 'deny-all', priority: 101 },
    'az network nsg rule update -g rg-net --nsg-name nsg-dms -n deny-all --priority 101 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'nsg-rule-update', nsgId: NSG, ruleName: 'deny-all', destinationPortRanges: ['0-1432', '1434-65535'] },
    'az network nsg rule update -g rg-net --nsg-name nsg-dms -n deny-all --destination-port-ranges 0-1432 1434-65535 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'nsg-rule-delete', nsgId: NSG, ruleName: 'deny-all' },
    'az network nsg rule delete -g rg-net --nsg-name nsg-dms -n deny-all --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'vnet-create', vnetId: `${NET}/virtualNetworks/dms-vnet`, addressPrefixes: ['<free CIDR>'] },
    "az network vnet create -g rg-net -n dms-vnet --address-prefixes '<free CIDR>' --subscription 0b1f6471-1bf0-4dda-aec3-111122223333",
  ],
  [
    { kind: 'vnet-update', vnetId: VNET, dnsServers: ['192.168.0.53', '192.168.0.54'] },
    'az network vnet update -g rg-net -n vnet-dms --dns-servers 192.168.0.53 192.168.0.54 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'subnet-create', subnetId: `${VNET}/subnets/new`, addressPrefixes: ['10.2.9.0/24'] },
    'az network vnet subnet create -g rg-net --vnet-name vnet-dms -n new --address-prefixes 10.2.9.0/24 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'subnet-update', subnetId: SUBNET, serviceEndpoints: ['Microsoft.Storage', 'Microsoft.Sql'] },
    'az network vnet subnet update -g rg-net --vnet-name vnet-dms -n dms-subnet --service-endpoints Microsoft.Storage Microsoft.Sql --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    {
      kind: 'peering-create',
      vnetId: VNET,
      name: 'vnet-dms-to-vnet-mi',
      remoteVnetId: `${NET}/virtualNetworks/vnet-mi`,
    },
    `az network vnet peering create -g rg-net --vnet-name vnet-dms -n vnet-dms-to-vnet-mi --remote-vnet ${NET}/virtualNetworks/vnet-mi --allow-vnet-access --subscription 0b1f6471-1bf0-4dda-aec3-111122223333`,
  ],
  [
    { kind: 'peering-update', vnetId: VNET, name: 'to-hub', useRemoteGateways: true },
    'az network vnet peering update -g rg-net --vnet-name vnet-dms -n to-hub --set useRemoteGateways=true --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'peering-delete', vnetId: VNET, name: 'to-hub' },
    'az network vnet peering delete -g rg-net --vnet-name vnet-dms -n to-hub --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    {
      kind: 'route-create',
      routeTableId: RT,
      name: 'to-nva',
      addressPrefix: '10.9.0.0/16',
      nextHopType: 'VirtualAppliance',
      nextHopIpAddress: '10.0.0.4',
    },
    'az network route-table route create -g rg-net --route-table-name rt-dms -n to-nva --address-prefix 10.9.0.0/16 --next-hop-type VirtualAppliance --next-hop-ip-address 10.0.0.4 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'route-delete', routeTableId: RT, name: 'default-none' },
    'az network route-table route delete -g rg-net --route-table-name rt-dms -n default-none --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    { kind: 'route-table-update', routeTableId: RT, disableBgpRoutePropagation: false },
    'az network route-table update -g rg-net -n rt-dms --disable-bgp-route-propagation false --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    {
      kind: 'vnet-gateway-create',
      gatewayId: `${NET}/virtualNetworkGateways/vnet-dms-gw`,
      vnetId: VNET,
      gatewayType: 'Vpn',
      sku: 'VpnGw1',
      publicIpAddress: '<public ip name>',
    },
    "az network vnet-gateway create -g rg-net -n vnet-dms-gw --vnet vnet-dms --gateway-type Vpn --vpn-type RouteBased --sku VpnGw1 --public-ip-addresses '<public ip name>' --subscription 0b1f6471-1bf0-4dda-aec3-111122223333",
  ],
  [
    {
      kind: 'local-gateway-create',
      localNetworkGatewayId: `${NET}/localNetworkGateways/site-b`,
      gatewayIpAddress: '203.0.113.20',
      addressPrefixes: ['172.20.0.0/16'],
    },
    'az network local-gateway create -g rg-net -n site-b --gateway-ip-address 203.0.113.20 --local-address-prefixes 172.20.0.0/16 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    {
      kind: 'local-gateway-update',
      localNetworkGatewayId: `${NET}/localNetworkGateways/onprem`,
      addressPrefixes: ['192.168.0.0/16', '172.20.0.0/16'],
    },
    'az network local-gateway update -g rg-net -n onprem --local-address-prefixes 192.168.0.0/16 172.20.0.0/16 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    {
      kind: 'connection-create',
      connectionId: `${NET}/connections/gw-to-onprem`,
      virtualNetworkGatewayId: `${NET}/virtualNetworkGateways/gw`,
      connectionType: 'IPsec',
      localNetworkGatewayId: `${NET}/localNetworkGateways/onprem`,
    },
    `az network vpn-connection create -g rg-net -n gw-to-onprem --vnet-gateway1 ${NET}/virtualNetworkGateways/gw --local-gateway2 ${NET}/localNetworkGateways/onprem --shared-key '<key>' --subscription 0b1f6471-1bf0-4dda-aec3-111122223333`,
  ],
  [
    {
      kind: 'connection-create',
      connectionId: `${NET}/connections/ergw-to-circuit`,
      virtualNetworkGatewayId: `${NET}/virtualNetworkGateways/ergw`,
      connectionType: 'ExpressRoute',
      expressRouteCircuitId: '<circuit id>',
    },
    `az network vpn-connection create -g rg-net -n ergw-to-circuit --vnet-gateway1 ${NET}/virtualNetworkGateways/ergw --express-route-circuit2 '<circuit id>' --subscription 0b1f6471-1bf0-4dda-aec3-111122223333`,
  ],
  [
    {
      kind: 'storage-account-update',
      storageAccountId: ACCOUNT,
      publicNetworkAccess: 'Enabled',
      defaultAction: 'Deny',
      tags: { 'dms-backups': 'true' },
    },
    'az storage account update -g rg-shir -n stbackups --public-network-access Enabled --default-action Deny --tags dms-backups=true --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
  [
    {
      kind: 'storage-account-create',
      storageAccountId: ACCOUNT.replace('stbackups', '<new account name>'),
      location: 'westeurope',
      sku: 'Standard_LRS',
    },
    "az storage account create -g rg-shir -n '<new account name>' -l westeurope --sku Standard_LRS --subscription 0b1f6471-1bf0-4dda-aec3-111122223333",
  ],
  [
    { kind: 'storage-network-rule-add', storageAccountId: ACCOUNT, subnetId: SUBNET },
    `az storage account network-rule add -g rg-shir --account-name stbackups --subnet ${SUBNET} --subscription 0b1f6471-1bf0-4dda-aec3-111122223333`,
  ],
  [
    { kind: 'private-endpoint-connection-approve', connectionId: `${ACCOUNT}/privateEndpointConnections/pe.1` },
    `az network private-endpoint-connection approve --id ${ACCOUNT}/privateEndpointConnections/pe.1`,
  ],
  [
    {
      kind: 'private-endpoint-create',
      privateEndpointId: `${SUB}/resourceGroups/rg-shir/providers/Microsoft.Network/privateEndpoints/pe-blob`,
      subnetId: SUBNET,
      targetResourceId: ACCOUNT,
      groupId: 'blob',
      connectionName: 'stbackups-blob',
    },
    `az network private-endpoint create -g rg-shir -n pe-blob --subnet ${SUBNET} --private-connection-resource-id ${ACCOUNT} --group-id blob --connection-name stbackups-blob --subscription 0b1f6471-1bf0-4dda-aec3-111122223333`,
  ],
  [
    {
      kind: 'private-dns-link-create',
      linkId: `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net/virtualNetworkLinks/vnet-dms-link`,
      virtualNetworkId: VNET,
      registrationEnabled: false,
    },
    `az network private-dns link vnet create -g rg-dns -z privatelink.blob.core.windows.net -n vnet-dms-link -v ${VNET} -e false --subscription 0b1f6471-1bf0-4dda-aec3-111122223333`,
  ],
  [
    {
      kind: 'role-assignment-create',
      principalId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
      roleDefinitionName: 'Storage Blob Data Reader',
      scope: ACCOUNT,
    },
    `az role assignment create --assignee-object-id 7c9e6679-7425-40de-944b-e07fc1f90ae7 --assignee-principal-type ServicePrincipal --role 'Storage Blob Data Reader' --scope ${ACCOUNT}`,
  ],
  [
    {
      kind: 'managed-instance-update',
      managedInstanceId: `${SUB}/resourceGroups/rg-sql/providers/Microsoft.Sql/managedInstances/sqlmi-1`,
      assignIdentity: true,
    },
    'az sql mi update -g rg-sql -n sqlmi-1 --assign-identity --subscription 0b1f6471-1bf0-4dda-aec3-111122223333',
  ],
];

describe('the az command of each change', () => {
  it.each(CASES.map(([change, command]) => [change.kind, change, command] as const))('%s', (_kind, change, command) => {
    expect(commandOf(change)).toBe(command);
    // one command, every word a plain shell word
    expect(words(command).every((w) => typeof w === 'string')).toBe(true);
  });

  it('every kind of change is written', () => {
    expect([...new Set(CASES.map(([c]) => c.kind))].sort()).toEqual([...CHANGE_KINDS].sort());
  });

  it.each<[string, InventoryChange, string[]]>([
    ['a placeholder in an id', CASES[4][0], ['free CIDR']],
    ['a site-to-site connection always needs its shared key', CASES[17][0], ['key']],
    ['an ExpressRoute circuit', CASES[18][0], ['circuit id']],
    ['a complete change needs nothing', CASES[0][0], []],
  ])('values the user must give: %s', (_name, change, needed) => {
    expect(valuesNeeded(change)).toEqual(needed);
  });

  it('a new identity is known only once Azure creates it', () => {
    expect(effectKnownAfterwards(CASES[26][0])).toMatch(/object id of the new identity/);
    expect(effectKnownAfterwards(CASES[0][0])).toBeUndefined();
  });

  it('ids in any case are the same change', () => {
    const change: InventoryChange = { kind: 'route-delete', routeTableId: RT, name: 'r0' };
    expect(changeKey({ ...change, routeTableId: RT.toUpperCase() })).toBe(changeKey(change));
    expect(changeKey({ ...change, name: 'R0' })).not.toBe(changeKey(change));
  });

  it.each<[InventoryChange['kind'], InventoryChange['kind']]>([
    ['peering-delete', 'peering-create'],
    ['vnet-gateway-create', 'connection-create'],
    ['peering-create', 'peering-update'],
    ['subnet-update', 'storage-network-rule-add'],
    ['nsg-rule-update', 'nsg-rule-create'],
    ['private-endpoint-create', 'private-dns-link-create'],
  ])('%s runs before %s', (first, then) => {
    expect(runOrder(first)).toBeLessThan(runOrder(then));
  });
});

describe('the subscription of each command', () => {
  it('names the subscription of the resource it changes, so az never acts in its default one', () => {
    const other = '/subscriptions/9c2e0d11-2222-4a4a-b5b5-444455556666/resourceGroups/rg-net';
    const peering: InventoryChange = {
      kind: 'peering-create',
      vnetId: `${other}/providers/Microsoft.Network/virtualNetworks/vnet-mi`,
      name: 'vnet-mi-to-vnet-dms',
      remoteVnetId: VNET,
    };
    expect(commandOf(peering)).toMatch(
      /^az network vnet peering create -g rg-net --vnet-name vnet-mi .* --subscription 9c2e0d11-2222-4a4a-b5b5-444455556666$/,
    );
  });

  it('adds none to a command that names its resource by its whole id', () => {
    const approve = CASES.find(([c]) => c.kind === 'private-endpoint-connection-approve')![0];
    expect(commandOf(approve)).not.toContain('--subscription');
  });
});
