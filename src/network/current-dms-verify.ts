// verify for the current DMS: finds the sqlMigrationServices resource, the managed instance and the storage accounts of
// the migration, then checks the runtime state, the MI's reach to each storage account and the MI subnet.
import { SHIR_TOPOLOGY_ID, needsBlobBackups, type DmsKind } from '../planning/current-dms';
import { miSubnetCheck } from './checks-subnets';
import { integrationRuntimeStateCheck, storageNetworkAccessCheck } from './current-dms-checks';
import { sameRegionCheck, storageIdentityCheck, storageKeyAccessCheck } from './current-dms-storage-checks';
import {
  MIGRATION_STORAGE_TAG,
  type CurrentDmsCheck,
  type CurrentDmsMigration,
  type CurrentDmsVerifyOptions,
  type CurrentDmsVerifyResult,
} from './current-dms-types';
import { findRuntimeSubnet, uploadPathCheck } from './current-dms-upload-check';
import { changeLine } from './changes';
import { withFix } from './fix-lines';
import { VerifyInputError } from './errors';
import { withUniqueEvidence } from './verify-types';
import { indexInventory } from './inventory-index';
import { sameId, type Inventory, type SqlMigrationService, type StorageAccount } from './model';
import { findManagedInstance, pickByName, subnetOf } from './topology-detection';
import { proveFixes } from './proven-fixes';
import type { VerifyContext } from './verify-context';

export * from './current-dms-types';

/** The current DMS resources: migration-services.json, plus sqlMigrationServices listed in dms.json without properties. */
export function sqlMigrationServicesOf(inventory: Inventory): SqlMigrationService[] {
  const full = inventory.sqlMigrationServices ?? [];
  const listedOnly = inventory.dmsServices
    .filter((d) => d.kind === 'current' && !full.some((f) => sameId(f.id, d.id)))
    .map((d) => ({ id: d.id, name: d.name, location: d.location, tags: {} }));
  return [...full, ...listedOnly];
}

/** True when verify should take the current DMS's path: no classic DMS, but a sqlMigrationServices resource. */
export function hasOnlyCurrentDms(inventory: Inventory): boolean {
  return !inventory.dmsServices.some((d) => d.kind === 'classic') && sqlMigrationServicesOf(inventory).length > 0;
}

/**
 * Which DMS a verification is about when nobody said: the current one when `dmsName` names a sqlMigrationServices resource
 * (and no classic DMS of that name), or when the inventory holds no classic DMS but a sqlMigrationServices resource.
 */
export function dmsKindFor(inventory: Inventory, dmsName?: string): DmsKind {
  if (dmsName !== undefined) {
    const name = dmsName.toLowerCase();
    const classic = inventory.dmsServices.some((d) => d.kind === 'classic' && d.name.toLowerCase() === name);
    const current = sqlMigrationServicesOf(inventory).some((d) => d.name.toLowerCase() === name);
    if (current && !classic) return 'current';
  }
  return hasOnlyCurrentDms(inventory) ? 'current' : 'classic';
}

export function findSqlMigrationService(inventory: Inventory, name?: string): SqlMigrationService {
  return pickByName(
    sqlMigrationServicesOf(inventory),
    name,
    'Database Migration Service (sqlMigrationServices)',
    'dms',
    'migration-services.json',
    'Database Migration Services (sqlMigrationServices)',
  );
}

function hasTag(account: StorageAccount, tag: string): boolean {
  return Object.keys(account.tags).some((k) => k.toLowerCase() === tag.toLowerCase());
}

/** The accounts named (each must exist), else those tagged MIGRATION_STORAGE_TAG. */
export function selectStorageAccounts(
  inventory: Inventory,
  names: string[] | undefined,
): { account: StorageAccount; selectedBy: 'name' | 'tag' }[] {
  const all = inventory.storageAccounts ?? [];
  if (names && names.length > 0) {
    return names.map((name) => {
      const account = all.find((a) => a.name.toLowerCase() === name.toLowerCase());
      if (!account) {
        const candidates = all.map((a) => a.name);
        throw new VerifyInputError({
          kind: 'not-found',
          field: 'storage',
          what: 'storage account',
          name,
          candidates,
          missingFile: 'storage-accounts.json',
        });
      }
      return { account, selectedBy: 'name' as const };
    });
  }
  return all
    .filter((a) => hasTag(a, MIGRATION_STORAGE_TAG))
    .map((account) => ({ account, selectedBy: 'tag' as const }));
}

function noStorageCheck(inventory: Inventory): CurrentDmsCheck {
  const known = (inventory.storageAccounts ?? []).map((a) => a.name);
  const check: CurrentDmsCheck = {
    id: 'storage-network-access',
    status: 'unknown',
    summary: `no storage account of the migration is known: none was named and none is tagged ${MIGRATION_STORAGE_TAG}`,
    evidence: [
      inventory.storageAccounts === undefined
        ? 'the inventory has no storage accounts (storage-accounts.json)'
        : `storage accounts in the inventory, none tagged ${MIGRATION_STORAGE_TAG}: ${known.join(', ') || 'none'}`,
    ],
    input: 'storage',
  };
  return withFix(check, [
    changeLine({
      kind: 'storage-account-update',
      storageAccountId:
        '/subscriptions/<subscription>/resourceGroups/<resource group>/providers/Microsoft.Storage/storageAccounts/<account>',
      tags: { [MIGRATION_STORAGE_TAG]: 'true' },
    }),
  ]);
}

/** The options with their defaults: SMB backups unless given or implied by a SQL Server 2012/2014 source. */
export function currentDmsMigration(options: CurrentDmsVerifyOptions): CurrentDmsMigration {
  return {
    backups: options.backups ?? (needsBlobBackups(options.sourceVersion) ? 'blob' : 'smb'),
    sourceVersion: options.sourceVersion ?? null,
    storageAuth: options.storageAuth ?? 'sas',
    runtimeHost: options.runtimeHost ?? 'onprem',
  };
}

/** verify for today's DMS; `afterFixes` says what the network is once every proposed fix has been made. */
export function verifyCurrentDms(inventory: Inventory, options: CurrentDmsVerifyOptions = {}): CurrentDmsVerifyResult {
  const result = verifyCurrentDmsOnce(inventory, options);
  const afterFixes = proveFixes(inventory, result.checks, (changed) => verifyCurrentDmsOnce(changed, options).checks);
  return { ...result, afterFixes };
}

function verifyCurrentDmsOnce(inventory: Inventory, options: CurrentDmsVerifyOptions): CurrentDmsVerifyResult {
  const index = indexInventory(inventory);
  const dms = findSqlMigrationService(inventory, options.dmsName);
  const mi = findManagedInstance(index, options.miName);
  const miSubnet = subnetOf(index, mi.subnetId, `SQL Managed Instance ${mi.name}`, mi.id);
  const migration = currentDmsMigration(options);
  const runtimeSubnet =
    options.runtimeSubnet !== undefined ? findRuntimeSubnet(index, options.runtimeSubnet) : undefined;
  const storage = selectStorageAccounts(inventory, options.storageNames);
  // Per account: the MI's way in, key access, region, the MI's identity (when chosen), the runtime's way in (SMB).
  const storageChecks =
    storage.length === 0
      ? [noStorageCheck(inventory)]
      : storage.flatMap(({ account }) =>
          [
            storageNetworkAccessCheck({
              account,
              miSubnet,
              dnsLinks: inventory.privateDnsZoneLinks,
              privateEndpoints: inventory.privateEndpoints,
            }),
            storageKeyAccessCheck(account, migration.backups, migration.storageAuth),
            sameRegionCheck(account, dms, mi),
            ...(migration.storageAuth === 'managed-identity'
              ? [storageIdentityCheck(account, mi, inventory.roleAssignments)]
              : []),
            ...(migration.backups === 'smb'
              ? [
                  uploadPathCheck({
                    account,
                    runtimeHost: migration.runtimeHost,
                    runtimeIps: options.runtimeIps ?? [],
                    runtimeSubnet,
                  }),
                ]
              : []),
          ].map((check): CurrentDmsCheck => ({ ...check, storageAccount: account.name })),
        );
  // miSubnetCheck only reads the placement's MI and MI subnet.
  const subnetCtx = { placement: { mi, miSubnet } } as unknown as VerifyContext;
  return {
    topology: SHIR_TOPOLOGY_ID,
    plannedTopology: null,
    topologyReason:
      `the current Database Migration Service ${dms.name} (sqlMigrationServices) has no virtual network: its self-hosted ` +
      'integration runtime reads the source, and the managed instance restores the backups from Azure Storage',
    topologyMatchesPlan: null,
    managedInstance: { id: mi.id, name: mi.name, subnetId: mi.subnetId },
    dms: { id: dms.id, name: dms.name, subnetId: null, integrationRuntimeState: dms.integrationRuntimeState ?? null },
    storageAccounts: storage.map(({ account, selectedBy }) => ({ id: account.id, name: account.name, selectedBy })),
    migration,
    checks: [integrationRuntimeStateCheck(dms, migration.backups), ...storageChecks, miSubnetCheck(subnetCtx)].map(
      withUniqueEvidence,
    ),
  };
}
