/** The resource lists an inventory is built from, with the snapshot file and ARM resource type(s) of each. */
export const RESOURCE_KINDS = {
  virtualNetworks: { file: 'vnets.json', types: ['Microsoft.Network/virtualNetworks'] },
  networkSecurityGroups: { file: 'nsgs.json', types: ['Microsoft.Network/networkSecurityGroups'] },
  managedInstances: { file: 'managed-instances.json', types: ['Microsoft.Sql/managedInstances'] },
  dmsServices: {
    file: 'dms.json',
    types: ['Microsoft.DataMigration/services', 'Microsoft.DataMigration/sqlMigrationServices'],
  },
  virtualNetworkGateways: { file: 'vnet-gateways.json', types: ['Microsoft.Network/virtualNetworkGateways'] },
  connections: { file: 'connections.json', types: ['Microsoft.Network/connections'] },
  localNetworkGateways: { file: 'local-gateways.json', types: ['Microsoft.Network/localNetworkGateways'] },
  routeTables: { file: 'route-tables.json', types: ['Microsoft.Network/routeTables'] },
  // az network nic list, az network asg list: the classic DMS's NIC NSG and the members of each ASG.
  networkInterfaces: { file: 'network-interfaces.json', types: ['Microsoft.Network/networkInterfaces'] },
  applicationSecurityGroups: { file: 'asgs.json', types: ['Microsoft.Network/applicationSecurityGroups'] },
  // The current DMS (sqlMigrationServices) path: az datamigration sql-service list, az storage account list,
  // az network private-dns link vnet list -g RG -z privatelink.blob.core.windows.net.
  sqlMigrationServices: { file: 'migration-services.json', types: ['Microsoft.DataMigration/sqlMigrationServices'] },
  storageAccounts: { file: 'storage-accounts.json', types: ['Microsoft.Storage/storageAccounts'] },
  privateDnsZoneLinks: {
    file: 'private-dns-links.json',
    types: ['Microsoft.Network/privateDnsZones/virtualNetworkLinks'],
  },
  // az network private-endpoint list; az role assignment list --all --include-inherited.
  privateEndpoints: { file: 'private-endpoints.json', types: ['Microsoft.Network/privateEndpoints'] },
  roleAssignments: { file: 'role-assignments.json', types: ['Microsoft.Authorization/roleAssignments'] },
} as const;

export type ResourceKind = keyof typeof RESOURCE_KINDS;
export const RESOURCE_KIND_NAMES = Object.keys(RESOURCE_KINDS) as ResourceKind[];

/** Raw resources per kind, as Azure returned them (Azure CLI / SDK flattened objects or ARM REST objects). */
export type RawInventory = Record<ResourceKind, unknown[]>;

export function emptyRawInventory(): RawInventory {
  return Object.fromEntries(RESOURCE_KIND_NAMES.map((k) => [k, []])) as unknown as RawInventory;
}
