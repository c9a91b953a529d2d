// Shapes of verify for the current DMS (sqlMigrationServices): the classic result shape with topology 'shir', a DMS
// without a subnet, and two more check ids (docs/contracts.md).
import type {
  BackupLocation,
  RuntimeHost,
  ShirTopologyId,
  SqlServerVersion,
  StorageAuth,
} from '../planning/current-dms';
import type { FixesOutcome } from './proven-fixes';
import type { Check, CheckId, ResourceRef } from './verify-types';

export const CURRENT_DMS_CHECK_IDS = [
  'integration-runtime-state',
  'storage-network-access',
  'storage-key-access',
  'same-region',
  'storage-identity',
  'shir-upload-path',
] as const;
export type CurrentDmsCheckId = (typeof CURRENT_DMS_CHECK_IDS)[number];

export interface CurrentDmsCheck extends Omit<Check, 'id'> {
  id: CheckId | CurrentDmsCheckId;
  /** The storage account's name, for the checks run once per account of the migration. */
  storageAccount?: string;
}

/** Tag (key, any value, case-insensitive) that marks a storage account as holding the migration's backups. */
export const MIGRATION_STORAGE_TAG = 'dms-backups';

export interface CurrentDmsVerifyOptions {
  miName?: string;
  /** The sqlMigrationServices resource, when the inventory holds several. */
  dmsName?: string;
  /** Storage accounts to check; without them, the accounts tagged MIGRATION_STORAGE_TAG. */
  storageNames?: string[];
  /** Where the backups are (default smb; blob for a SQL Server 2012 or 2014 source). */
  backups?: BackupLocation;
  sourceVersion?: SqlServerVersion;
  /** How the managed instance reads the backups (default sas); managed-identity adds storage-identity. */
  storageAuth?: StorageAuth;
  /** Where the runtime runs (default onprem): it decides which upload path shir-upload-path looks for. */
  runtimeHost?: RuntimeHost;
  /** On-premises runtime: the public IPs (or CIDRs) it leaves from. */
  runtimeIps?: string[];
  /** Runtime on an Azure VM: the VM's subnet, as an id or "vnet/subnet". */
  runtimeSubnet?: string;
}

/** What verify took the migration to be: given options, defaults filled in. */
export interface CurrentDmsMigration {
  backups: BackupLocation;
  sourceVersion: SqlServerVersion | null;
  storageAuth: StorageAuth;
  runtimeHost: RuntimeHost;
}

export interface CurrentDmsVerifyResult {
  topology: ShirTopologyId;
  plannedTopology: null;
  topologyReason: string;
  topologyMatchesPlan: null;
  managedInstance: ResourceRef;
  /** The current DMS has no subnet. */
  dms: { id: string; name: string; subnetId: null; integrationRuntimeState: string | null };
  /** How each account was chosen: named by the person (`name`; the CLI's JSON says `--storage`) or by its tag. */
  storageAccounts: { id: string; name: string; selectedBy: 'name' | 'tag' }[];
  migration: CurrentDmsMigration;
  checks: CurrentDmsCheck[];
  /** Every proposed fix applied to a copy of the network, and the network verified again (issue 19). */
  afterFixes?: FixesOutcome;
}
