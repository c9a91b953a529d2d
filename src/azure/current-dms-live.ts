import type { GenericResourceExpanded } from '@azure/arm-resources';
import type { ArmClients } from './arm-clients';
import type { ArmOperation } from './read-errors';
import type { RawInventory } from './resource-kinds';

// The live reads only today's DMS path needs, made when some subscription holds a sqlMigrationServices resource:
// a GET per migration service (the list omits integrationRuntimeState), and the storage accounts and private DNS
// zone links of every subscription read, each found through the generic resources list and read by a GET.

/** Microsoft.DataMigration GA API version that returns properties.integrationRuntimeState. */
export const SQL_MIGRATION_SERVICES_API_VERSION = '2025-06-30';
/** Microsoft.Storage API version for storage accounts (networkAcls, privateEndpointConnections, publicNetworkAccess). */
export const STORAGE_ACCOUNTS_API_VERSION = '2025-01-01';
/** Microsoft.Network/privateDnsZones API version for virtual network links. */
export const PRIVATE_DNS_API_VERSION = '2024-06-01';

export const SQL_MIGRATION_SERVICES_TYPE = 'Microsoft.DataMigration/sqlMigrationServices';
const STORAGE_TYPE = 'Microsoft.Storage/storageAccounts';
const DNS_LINK_TYPE = 'Microsoft.Network/privateDnsZones/virtualNetworkLinks';
const RESOURCES_READ = 'Microsoft.Resources/subscriptions/resources/read';
const GROUP_RESOURCES_READ = 'Microsoft.Resources/subscriptions/resourceGroups/resources/read';

/** The live reader's primitives, handed in so this file shares its concurrency bound, abort signal and errors. */
export interface LiveReadPrimitives {
  abortSignal: AbortSignal;
  /** Runs one ARM operation within the concurrency bound, mapping errors to AzureReadError. */
  run: <T>(op: ArmOperation, task: () => Promise<T>) => Promise<T>;
  collect: <T>(items: AsyncIterable<T>) => Promise<T[]>;
}

export function isSqlMigrationService(resource: unknown): boolean {
  const type = (resource as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.toLowerCase() === SQL_MIGRATION_SERVICES_TYPE.toLowerCase();
}

const resourceGroupOf = (id: string | undefined) => /\/resourceGroups\/([^/]+)\//i.exec(id ?? '')?.[1];

/**
 * Fills sqlMigrationServices, storageAccounts and privateDnsZoneLinks of one subscription's raw inventory. With
 * resourceGroups, storage accounts and DNS zone links are found in those groups only (resource group scope).
 */
export async function readCurrentDmsResources(
  clients: ArmClients,
  subscriptionId: string,
  part: RawInventory,
  io: LiveReadPrimitives,
  resourceGroups?: string[],
): Promise<void> {
  const { abortSignal } = io;
  const op = (description: string, action: string, resourceGroup?: string): ArmOperation => ({
    description,
    action,
    subscriptionId,
    resourceGroup,
  });
  const findByType = async (type: string, what: string): Promise<GenericResourceExpanded[]> => {
    const filter = `resourceType eq '${type}'`;
    if (!resourceGroups) {
      return io.run(op(`find ${what} (resources of type ${type})`, RESOURCES_READ), () =>
        io.collect(clients.resources.resources.list({ filter, abortSignal })),
      );
    }
    const perGroup = await Promise.all(
      resourceGroups.map((rg) =>
        io.run(op(`find ${what} (resources of type ${type})`, GROUP_RESOURCES_READ, rg), () =>
          io.collect(clients.resources.resources.listByResourceGroup(rg, { filter, abortSignal })),
        ),
      ),
    );
    return perGroup.flat();
  };
  /** GET with the type's API version; a resource deleted since the list (404) gives `gone`. */
  const read = <T>(resource: GenericResourceExpanded, what: string, action: string, apiVersion: string, gone: T) =>
    io.run(op(`read ${what} ${resource.name}`, action, resourceGroupOf(resource.id)), () =>
      clients.resources.resources
        .getById((resource.id ?? '').replace(/^\/+/, ''), apiVersion, { abortSignal })
        .catch((e: { statusCode?: number }) => {
          if (e?.statusCode === 404) return gone;
          throw e;
        }),
    );

  const listed = part.dmsServices.filter(isSqlMigrationService) as GenericResourceExpanded[];
  const [services, accounts, links] = await Promise.all([
    Promise.all(
      listed.map((s) =>
        read(
          s,
          'Database Migration Service',
          'Microsoft.DataMigration/sqlMigrationServices/read',
          SQL_MIGRATION_SERVICES_API_VERSION,
          s,
        ),
      ),
    ),
    findByType(STORAGE_TYPE, 'storage accounts').then((found) =>
      Promise.all(
        found.map((a) =>
          read(a, 'storage account', 'Microsoft.Storage/storageAccounts/read', STORAGE_ACCOUNTS_API_VERSION, undefined),
        ),
      ),
    ),
    findByType(DNS_LINK_TYPE, 'private DNS zone links').then((found) =>
      Promise.all(
        found.map((l) =>
          read(
            l,
            'private DNS zone link',
            'Microsoft.Network/privateDnsZones/virtualNetworkLinks/read',
            PRIVATE_DNS_API_VERSION,
            undefined,
          ),
        ),
      ),
    ),
  ]);
  part.sqlMigrationServices.push(...services);
  part.storageAccounts.push(...accounts.filter((a) => a !== undefined));
  part.privateDnsZoneLinks.push(...links.filter((l) => l !== undefined));
}
