import type { GenericResourceExpanded } from '@azure/arm-resources';
import type { ArmClients } from './arm-clients';
import { AzureReadError } from './errors';
import type { ArmOperation } from './read-errors';
import type { RawInventory } from './resource-kinds';

// The live reads only the current DMS path needs, made when some subscription holds a sqlMigrationServices resource:
// a GET per migration service (the list omits integrationRuntimeState), the storage accounts and private DNS zone
// links of every subscription read, each found through the generic resources list and read by a GET, and the private
// endpoints and role assignments of every scope read, one paged list each.

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
const PRIVATE_ENDPOINTS_READ = 'Microsoft.Network/privateEndpoints/read';
const ROLE_ASSIGNMENTS_READ = 'Microsoft.Authorization/roleAssignments/read';
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
 * Fills sqlMigrationServices, storageAccounts, privateDnsZoneLinks, privateEndpoints and roleAssignments of one
 * subscription's raw inventory. With resourceGroups, everything is listed in those groups only (resource group
 * scope; role assignments of a group include those inherited from above it).
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

  /** One paged list per scope: the subscription, or each resource group. */
  const perScope = async <T>(
    what: string,
    action: string,
    inSubscription: () => AsyncIterable<T>,
    inGroup: (rg: string) => AsyncIterable<T>,
  ): Promise<T[]> => {
    if (!resourceGroups) return io.run(op(`list ${what}`, action), () => io.collect(inSubscription()));
    const perGroup = await Promise.all(
      resourceGroups.map((rg) => io.run(op(`list ${what}`, action, rg), () => io.collect(inGroup(rg)))),
    );
    return perGroup.flat();
  };

  const listed = part.dmsServices.filter(isSqlMigrationService) as GenericResourceExpanded[];
  const [services, accounts, links, endpoints, assignments] = await Promise.all([
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
    perScope(
      'private endpoints',
      PRIVATE_ENDPOINTS_READ,
      () => clients.network.privateEndpoints.listBySubscription({ abortSignal }),
      (rg) => clients.network.privateEndpoints.list(rg, { abortSignal }),
    ),
    // Only the managed identity route needs them: a role without roleAssignments/read leaves them unread (the
    // storage-identity check then says unknown) instead of failing the whole verification.
    perScope(
      'role assignments',
      ROLE_ASSIGNMENTS_READ,
      () => clients.authorization.roleAssignments.listForSubscription({ abortSignal }),
      (rg) => clients.authorization.roleAssignments.listForResourceGroup(rg, { abortSignal }),
    ).catch((e: unknown) => {
      if (e instanceof AzureReadError && e.kind === 'forbidden') return [];
      throw e;
    }),
  ]);
  part.sqlMigrationServices.push(...services);
  part.privateEndpoints.push(...endpoints);
  // an assignment inherited by several groups (or subscriptions) is listed by each: keep it once
  const seen = new Set<string>();
  for (const a of assignments) {
    const id = (a.id ?? '').toLowerCase();
    if (seen.has(id)) continue;
    seen.add(id);
    part.roleAssignments.push(a);
  }
  part.storageAccounts.push(...accounts.filter((a) => a !== undefined));
  part.privateDnsZoneLinks.push(...links.filter((l) => l !== undefined));
}
