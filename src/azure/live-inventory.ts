import type { TokenCredential } from '@azure/identity';
import type { Inventory } from '../network/model';
import { createArmClients, DEFAULT_ARM_ENDPOINT, type ArmClients } from './arm-clients';
import { createAzureCredential } from './credential';
import { AzureReadError, ResourceShapeError } from './errors';
import { isSqlMigrationService, readCurrentDmsResources, type LiveReadPrimitives } from './current-dms-live';
import { createLimiter } from './promise-pool';
import { toAzureReadError, type ArmOperation } from './read-errors';
import { describeScopes, readScopes, type ReadScope } from './read-scope';
import { inventoryFromRaw } from './resource-mapping';
import {
  emptyRawInventory,
  RESOURCE_KIND_NAMES,
  RESOURCE_KINDS,
  type RawInventory,
  type ResourceKind,
} from './resource-kinds';

export interface LiveReadOptions {
  /** ARM endpoint (ARM_ENDPOINT of src/config.ts); default https://management.azure.com. */
  endpoint?: string;
  /** Default: DefaultAzureCredential with instance discovery (see credential.ts). */
  credential?: TokenCredential;
  /** The whole read must finish within this time (default 60 s). */
  timeBudgetMs?: number;
  /** ARM operations in flight at once (default 8). A paged list holds its slot across its pages. */
  concurrency?: number;
}

/** API version of classic DMS services for the GET that returns properties.virtualSubnetId. */
export const DMS_SERVICES_API_VERSION = '2025-06-30';
const DEFAULT_TIME_BUDGET_MS = 60_000;
const DEFAULT_CONCURRENCY = 8;

/** A subscription id (read whole) or a scope (a subscription, or some of its resource groups). */
export type LiveReadTarget = string | ReadScope;

/** Reads the network inventory of the given subscriptions (or resource groups) from Azure Resource Manager. Throws AzureReadError. */
export async function readLiveInventory(targets: LiveReadTarget[], options: LiveReadOptions = {}): Promise<Inventory> {
  const raw = await readLiveResources(targets, options);
  try {
    return inventoryFromRaw(raw);
  } catch (e) {
    if (e instanceof ResourceShapeError) {
      throw new AzureReadError(
        'network',
        `Azure Resource Manager returned a resource the verifier cannot read: ${e.message}`,
      );
    }
    throw e;
  }
}

/**
 * Reads the raw resources (SDK objects) per kind, in a stable order: subscriptions as given, then as ARM
 * listed them. Lists cover a subscription where ARM has such a list (VNets, NSGs, route tables, network
 * interfaces, application security groups, managed instances); gateways, connections and local
 * gateways are listed per resource group found through the generic resources list; a GET is made only
 * for classic DMS services, whose list omits virtualSubnetId.
 *
 * A scope with resourceGroups is read at resource group scope (Reader on those groups is enough): the same kinds,
 * each listed per group with the resource-group-scoped operations, gateways, connections and local gateways
 * listed directly in every group. A subscription named both whole and by resource groups is read whole.
 */
export async function readLiveResources(
  targets: LiveReadTarget[],
  options: LiveReadOptions = {},
): Promise<RawInventory> {
  const scopes = normalizeTargets(targets);
  const endpoint = (options.endpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
  const credential = options.credential ?? createAzureCredential();
  const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const controller = new AbortController();
  const reader: Reader = {
    endpoint,
    signal: controller.signal,
    limit: createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY),
  };

  let timer: NodeJS.Timeout | undefined;
  const budgetExpired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new AzureReadError(
          'timeout',
          `Reading ${describeScopes(scopes)} took longer than the time budget of ${budgetMs / 1000} s; ` +
            'try again, or verify fewer subscriptions at once.',
        ),
      );
    }, budgetMs);
  });
  try {
    const clients = scopes.map((s) => createArmClients(credential, s.subscriptionId, endpoint));
    const readAll = async () => {
      const parts = await Promise.all(
        scopes.map((s, i) =>
          s.resourceGroups
            ? readResourceGroups(clients[i], s.subscriptionId, s.resourceGroups, reader)
            : readSubscription(clients[i], s.subscriptionId, reader),
        ),
      );
      // The current DMS path: only when some subscription holds a sqlMigrationServices resource.
      if (parts.some((p) => p.dmsServices.some(isSqlMigrationService))) {
        const io: LiveReadPrimitives = {
          abortSignal: reader.signal,
          run: (op, task) => run(reader, op, task),
          collect,
        };
        await Promise.all(
          parts.map((p, i) =>
            readCurrentDmsResources(clients[i], scopes[i].subscriptionId, p, io, scopes[i].resourceGroups),
          ),
        );
      }
      return parts;
    };
    const perSubscription = await Promise.race([readAll(), budgetExpired]);
    const raw = emptyRawInventory();
    for (const part of perSubscription) for (const kind of RESOURCE_KIND_NAMES) raw[kind].push(...part[kind]);
    return raw;
  } catch (e) {
    controller.abort(); // stop the reads still in flight
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

function normalizeTargets(targets: LiveReadTarget[]): ReadScope[] {
  const whole = targets.flatMap((t) => (typeof t === 'string' ? [t] : t.resourceGroups ? [] : [t.subscriptionId]));
  const groups = targets.flatMap((t) =>
    typeof t === 'string'
      ? []
      : (t.resourceGroups ?? []).map((resourceGroup) => ({ subscriptionId: t.subscriptionId, resourceGroup })),
  );
  return readScopes(whole, groups);
}

interface Reader {
  endpoint: string;
  signal: AbortSignal;
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function run<T>(reader: Reader, op: ArmOperation, task: () => Promise<T>): Promise<T> {
  return reader.limit(async () => {
    if (reader.signal.aborted)
      throw new AzureReadError('timeout', `Reading Azure stopped before it could ${op.description}.`);
    try {
      return await task();
    } catch (e) {
      throw toAzureReadError(e, op, reader.endpoint);
    }
  });
}

const RESOURCES_READ = 'Microsoft.Resources/subscriptions/resources/read';
const GROUP_RESOURCES_READ = 'Microsoft.Resources/subscriptions/resourceGroups/resources/read';

/** The reads of one scope (a subscription, or one of its resource groups), sharing the reader's bound and errors. */
function scopedReads(clients: ArmClients, subscriptionId: string, reader: Reader, scopeGroup?: string) {
  const abortSignal = reader.signal;
  const op = (description: string, action: string, resourceGroup = scopeGroup): ArmOperation => ({
    description,
    action,
    subscriptionId,
    resourceGroup,
  });
  const list = <T>(o: ArmOperation, items: () => AsyncIterable<T>): Promise<T[]> =>
    run(reader, o, () => collect(items()));
  /** The generic resources list filtered by type, of the subscription or of the scope's resource group. */
  const findByType = (type: string, what: string) => {
    const filter = `resourceType eq '${type}'`;
    return scopeGroup === undefined
      ? list(op(`find ${what} (resources of type ${type})`, RESOURCES_READ), () =>
          clients.resources.resources.list({ filter, abortSignal }),
        )
      : list(op(`find ${what} (resources of type ${type})`, GROUP_RESOURCES_READ), () =>
          clients.resources.resources.listByResourceGroup(scopeGroup, { filter, abortSignal }),
        );
  };
  /**
   * Classic DMS lists omit properties.virtualSubnetId: one GET per service. A service deleted between
   * the list and the GET (404) is kept as listed, without a subnet.
   */
  const readClassicDms = (service: { id?: string; name?: string }) =>
    run(
      reader,
      op(
        `read Database Migration Service ${service.name}`,
        'Microsoft.DataMigration/services/read',
        resourceGroupOf(service.id),
      ),
      // the SDK's path template adds the leading slash itself
      () =>
        clients.resources.resources
          .getById((service.id ?? '').replace(/^\/+/, ''), DMS_SERVICES_API_VERSION, { abortSignal })
          .catch((e: { statusCode?: number }) => {
            if (e?.statusCode === 404) return service;
            throw e;
          }),
    );
  return { abortSignal, op, list, findByType, readClassicDms };
}

type ListedKind = Exclude<
  ResourceKind,
  | 'dmsServices'
  | 'sqlMigrationServices'
  | 'storageAccounts'
  | 'privateDnsZoneLinks'
  | 'privateEndpoints'
  | 'roleAssignments'
>;

interface KindList {
  /** Plural noun for operations and errors: "list <what>". */
  what: string;
  action: string;
  /** The subscription-wide list; a kind without one is found by type, then listed per resource group. */
  inSubscription?: (clients: ArmClients, abortSignal: AbortSignal) => AsyncIterable<unknown>;
  inGroup: (clients: ArmClients, resourceGroup: string, abortSignal: AbortSignal) => AsyncIterable<unknown>;
}

/** How each kind is listed at subscription and at resource group scope, in the order the reads start. */
const KIND_LISTS: Record<ListedKind, KindList> = {
  virtualNetworks: {
    what: 'virtual networks',
    action: 'Microsoft.Network/virtualNetworks/read',
    inSubscription: (c, abortSignal) => c.network.virtualNetworks.listAll({ abortSignal }),
    inGroup: (c, rg, abortSignal) => c.network.virtualNetworks.list(rg, { abortSignal }),
  },
  networkSecurityGroups: {
    what: 'network security groups',
    action: 'Microsoft.Network/networkSecurityGroups/read',
    inSubscription: (c, abortSignal) => c.network.networkSecurityGroups.listAll({ abortSignal }),
    inGroup: (c, rg, abortSignal) => c.network.networkSecurityGroups.list(rg, { abortSignal }),
  },
  routeTables: {
    what: 'route tables',
    action: 'Microsoft.Network/routeTables/read',
    inSubscription: (c, abortSignal) => c.network.routeTables.listAll({ abortSignal }),
    inGroup: (c, rg, abortSignal) => c.network.routeTables.list(rg, { abortSignal }),
  },
  networkInterfaces: {
    what: 'network interfaces',
    action: 'Microsoft.Network/networkInterfaces/read',
    inSubscription: (c, abortSignal) => c.network.networkInterfaces.listAll({ abortSignal }),
    inGroup: (c, rg, abortSignal) => c.network.networkInterfaces.list(rg, { abortSignal }),
  },
  applicationSecurityGroups: {
    what: 'application security groups',
    action: 'Microsoft.Network/applicationSecurityGroups/read',
    inSubscription: (c, abortSignal) => c.network.applicationSecurityGroups.listAll({ abortSignal }),
    inGroup: (c, rg, abortSignal) => c.network.applicationSecurityGroups.list(rg, { abortSignal }),
  },
  managedInstances: {
    what: 'SQL managed instances',
    action: 'Microsoft.Sql/managedInstances/read',
    inSubscription: (c, abortSignal) => c.sql.managedInstances.list({ abortSignal }),
    inGroup: (c, rg, abortSignal) => c.sql.managedInstances.listByResourceGroup(rg, { abortSignal }),
  },
  virtualNetworkGateways: {
    what: 'virtual network gateways',
    action: 'Microsoft.Network/virtualNetworkGateways/read',
    inGroup: (c, rg, abortSignal) => c.network.virtualNetworkGateways.list(rg, { abortSignal }),
  },
  connections: {
    what: 'gateway connections',
    action: 'Microsoft.Network/connections/read',
    inGroup: (c, rg, abortSignal) => c.network.virtualNetworkGatewayConnections.list(rg, { abortSignal }),
  },
  localNetworkGateways: {
    what: 'local network gateways',
    action: 'Microsoft.Network/localNetworkGateways/read',
    inGroup: (c, rg, abortSignal) => c.network.localNetworkGateways.list(rg, { abortSignal }),
  },
};
const LISTED_KINDS = Object.keys(KIND_LISTS) as ListedKind[];

/** A whole subscription. */
function readSubscription(clients: ArmClients, subscriptionId: string, reader: Reader): Promise<RawInventory> {
  return readScope(clients, subscriptionId, reader);
}

/** Some resource groups of a subscription, each read on its own, concatenated in the order given. */
async function readResourceGroups(
  clients: ArmClients,
  subscriptionId: string,
  resourceGroups: string[],
  reader: Reader,
): Promise<RawInventory> {
  const parts = await Promise.all(resourceGroups.map((rg) => readScope(clients, subscriptionId, reader, rg)));
  const raw = emptyRawInventory();
  for (const part of parts) for (const kind of RESOURCE_KIND_NAMES) raw[kind].push(...part[kind]);
  return raw;
}

/**
 * Every listed kind and the DMS services of a subscription, or of one of its resource groups (`scopeGroup`:
 * resource-group-scoped operations only, so Reader on the group is enough). The current DMS kinds stay empty here
 * (readCurrentDmsResources fills them when needed).
 */
async function readScope(
  clients: ArmClients,
  subscriptionId: string,
  reader: Reader,
  scopeGroup?: string,
): Promise<RawInventory> {
  const { abortSignal, op, list, findByType, readClassicDms } = scopedReads(
    clients,
    subscriptionId,
    reader,
    scopeGroup,
  );
  const listKind = async (kind: ListedKind): Promise<unknown[]> => {
    const { what, action, inSubscription, inGroup } = KIND_LISTS[kind];
    const listGroup = (rg: string) => list(op(`list ${what}`, action, rg), () => inGroup(clients, rg, abortSignal));
    if (scopeGroup !== undefined) return listGroup(scopeGroup);
    if (inSubscription) return list(op(`list ${what}`, action), () => inSubscription(clients, abortSignal));
    const groups = resourceGroupsOf(await findByType(RESOURCE_KINDS[kind].types[0], what));
    return (await Promise.all(groups.map(listGroup))).flat();
  };
  const [listed, classicDms, currentDms] = await Promise.all([
    Promise.all(LISTED_KINDS.map(listKind)),
    findByType('Microsoft.DataMigration/services', 'Database Migration Services (classic)').then((found) =>
      Promise.all(found.map(readClassicDms)),
    ),
    findByType('Microsoft.DataMigration/sqlMigrationServices', 'Database Migration Services'),
  ]);
  const raw = emptyRawInventory();
  LISTED_KINDS.forEach((kind, i) => (raw[kind] = listed[i]));
  raw.dmsServices = [...classicDms, ...currentDms];
  return raw;
}

function resourceGroupOf(id: string | undefined): string | undefined {
  return /\/resourceGroups\/([^/]+)\//i.exec(id ?? '')?.[1];
}

/** Distinct resource groups of the given resources (case-insensitive), in the order ARM listed them. */
function resourceGroupsOf(resources: { id?: string }[]): string[] {
  const groups = new Map<string, string>();
  for (const r of resources) {
    const group = resourceGroupOf(r.id);
    if (group && !groups.has(group.toLowerCase())) groups.set(group.toLowerCase(), group);
  }
  return [...groups.values()];
}
