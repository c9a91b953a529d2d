// Shapes of verify for today's DMS (sqlMigrationServices): the classic result shape with topology 'shir', a DMS
// without a subnet, and two more check ids (contracts: docs/design-additions.md).
import type { ShirTopologyId } from '../planning/current-dms';
import type { Check, CheckId, ResourceRef } from './verify-types';

export const CURRENT_DMS_CHECK_IDS = ['integration-runtime-state', 'storage-network-access'] as const;
export type CurrentDmsCheckId = (typeof CURRENT_DMS_CHECK_IDS)[number];

export interface CurrentDmsCheck extends Omit<Check, 'id'> {
  id: CheckId | CurrentDmsCheckId;
}

/** Tag (key, any value, case-insensitive) that marks a storage account as holding the migration's backups. */
export const MIGRATION_STORAGE_TAG = 'dms-backups';

export interface CurrentDmsVerifyOptions {
  miName?: string;
  /** The sqlMigrationServices resource, when the inventory holds several. */
  dmsName?: string;
  /** Storage accounts to check (--storage); without them, the accounts tagged MIGRATION_STORAGE_TAG. */
  storageNames?: string[];
}

export interface CurrentDmsVerifyResult {
  topology: ShirTopologyId;
  plannedTopology: null;
  topologyReason: string;
  topologyMatchesPlan: null;
  managedInstance: ResourceRef;
  /** Today's DMS has no subnet. */
  dms: { id: string; name: string; subnetId: null; integrationRuntimeState: string | null };
  storageAccounts: { id: string; name: string; selectedBy: '--storage' | 'tag' }[];
  checks: CurrentDmsCheck[];
}
