// The current Azure Database Migration Service (Microsoft.DataMigration/sqlMigrationServices): no customer VNet; a
// self-hosted integration runtime (SHIR) next to the source reads the source and the backups, and the managed
// instance restores from an Azure Storage account. Pure data and decisions: no I/O.
import type { DocLink } from './topologies';

/** The topology id of the current DMS. Deliberately not one of TOPOLOGY_IDS: those four are the classic contract. */
export const SHIR_TOPOLOGY_ID = 'shir';
export type ShirTopologyId = typeof SHIR_TOPOLOGY_ID;

export const DMS_KINDS = ['classic', 'current'] as const;
export type DmsKind = (typeof DMS_KINDS)[number];

/** Where the database backups are: an SMB network share (the SHIR uploads them) or already in Azure Blob Storage. */
export const BACKUP_LOCATIONS = ['smb', 'blob'] as const;
export type BackupLocation = (typeof BACKUP_LOCATIONS)[number];

/** Where the self-hosted integration runtime runs: it decides how the runtime may reach the storage account. */
export const RUNTIME_HOSTS = ['onprem', 'azure-vm'] as const;
export type RuntimeHost = (typeof RUNTIME_HOSTS)[number];

/** How the managed instance reads the backups: a SAS token (the default) or its managed identity (portal only). */
export const STORAGE_AUTHS = ['sas', 'managed-identity'] as const;
export type StorageAuth = (typeof STORAGE_AUTHS)[number];

/** Major versions of the source SQL Server the plan asks about. */
export const SQL_SERVER_VERSIONS = ['2008', '2012', '2014', '2016', '2017', '2019', '2022', '2025'] as const;
export type SqlServerVersion = (typeof SQL_SERVER_VERSIONS)[number];

/** Sources whose backups DMS takes only from Blob Storage, as page blobs (block blobs need SQL Server 2016+). */
export const BLOB_ONLY_VERSIONS: readonly SqlServerVersion[] = ['2012', '2014'];

export interface CurrentDmsPlanOptions {
  backups: BackupLocation;
  /** The managed instance reaches the storage account through a private endpoint (else the storage firewall). */
  storagePrivateEndpoint: boolean;
  /** Where the runtime runs (SMB backups only); default onprem. */
  runtimeHost?: RuntimeHost;
  /** How the managed instance reads the backups; default sas. */
  storageAuth?: StorageAuth;
  /** The source's major version, when known (2012 and 2014 need blob backups). */
  sourceVersion?: SqlServerVersion;
}

export const DEFAULT_CURRENT_DMS_PLAN: CurrentDmsPlanOptions = {
  backups: 'smb',
  storagePrivateEndpoint: false,
  runtimeHost: 'onprem',
  storageAuth: 'sas',
};

/** True for a source version whose backups must already be in Blob Storage. */
export function needsBlobBackups(version: SqlServerVersion | undefined): boolean {
  return version !== undefined && BLOB_ONLY_VERSIONS.includes(version);
}

/**
 * Why these plan options cannot work together, or undefined. The only such pair today: a SQL Server 2012 or 2014
 * source with backups on an SMB share (DMS needs their backups in Blob Storage as page blobs).
 */
export function currentDmsPlanConflict(options: CurrentDmsPlanOptions): string | undefined {
  if (options.backups === 'smb' && needsBlobBackups(options.sourceVersion)) {
    return (
      `SQL Server ${options.sourceVersion} cannot use backups on an SMB share: DMS takes the backups of SQL Server ` +
      '2012 and 2014 only from Azure Blob Storage, as page blobs (block blobs need SQL Server 2016 or later)'
    );
  }
  return undefined;
}

export const CURRENT_DMS_REQUIREMENT_IDS = [
  'shir-host',
  'shir-outbound',
  'shir-source-access',
  'shir-limits',
  'same-region',
  'storage-network-access',
  'storage-private-dns',
  'storage-identity',
  'backups-in-blob',
  'shir-upload-path',
  'storage-key-access',
  'backups-page-blobs',
] as const;
export type CurrentDmsRequirementId = (typeof CURRENT_DMS_REQUIREMENT_IDS)[number];

export interface CurrentDmsRequirement {
  id: CurrentDmsRequirementId;
  text: string;
  links: DocLink[];
}

/** Same shape as the classic Recommendation, with its own topology and requirement ids. */
export interface CurrentDmsRecommendation {
  topology: ShirTopologyId;
  title: string;
  reasons: string[];
  requirements: CurrentDmsRequirement[];
}

/** Microsoft Learn pages the requirements cite. */
export const CURRENT_DMS_DOC_LINKS = {
  prerequisites: {
    title: 'Migrate databases by using the Azure SQL Migration extension for Azure Data Studio',
    url: 'https://learn.microsoft.com/azure/dms/migration-using-azure-data-studio',
  },
  tutorial: {
    title: 'Tutorial: Migrate SQL Server to Azure SQL Managed Instance with DMS',
    url: 'https://learn.microsoft.com/data-migration/sql-server/managed-instance/database-migration-service',
  },
  shir: {
    title: 'Create and configure a self-hosted integration runtime',
    url: 'https://learn.microsoft.com/azure/data-factory/create-self-hosted-integration-runtime',
  },
  monitorRuntime: {
    title: 'Monitor an integration runtime in Azure Data Factory',
    url: 'https://learn.microsoft.com/azure/data-factory/monitor-integration-runtime',
  },
  knownIssues: {
    title: 'Known issues, limitations, and troubleshooting (Azure Database Migration Service)',
    url: 'https://learn.microsoft.com/azure/dms/known-issues-azure-sql-migration-azure-data-studio',
  },
  sharedKey: {
    title: 'Prevent Shared Key authorization for an Azure Storage account',
    url: 'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent',
  },
  blobDataRole: {
    title: 'Assign an Azure role for access to blob data',
    url: 'https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access',
  },
  storageFirewall: {
    title: 'Configure Azure Storage firewalls and virtual networks',
    url: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
  },
  storagePrivateEndpoint: {
    title: 'Use private endpoints for Azure Storage',
    url: 'https://learn.microsoft.com/azure/storage/common/storage-private-endpoints',
  },
  privateDnsZones: {
    title: 'Azure private endpoint DNS configuration',
    url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
  },
  classicRetirement: {
    title: 'Azure Database Migration Service (classic) retirement',
    url: 'https://learn.microsoft.com/azure/dms/dms-overview',
  },
} satisfies Record<string, DocLink>;

export const CURRENT_DMS_TITLE = 'The current Azure Database Migration Service with a self-hosted integration runtime';

/** The private DNS zone a blob private endpoint is resolved through. */
export const BLOB_PRIVATE_DNS_ZONE = 'privatelink.blob.core.windows.net';

const L = CURRENT_DMS_DOC_LINKS;

function requirement(id: CurrentDmsRequirementId, text: string, ...links: DocLink[]): CurrentDmsRequirement {
  return { id, text, links };
}

const SHIR_HOST = requirement(
  'shir-host',
  'Install the self-hosted integration runtime on a 64-bit Windows machine with .NET Framework 4.7.2 or later, next ' +
    'to the source (on-premises or an Azure VM); not on the source SQL Server, not on a domain controller, and not on ' +
    'the machine that hosts the SMB backup share (runtime 5.28.8488 and later refuse a share on their own host: error ' +
    '2049). Register it with the DMS authentication key.',
  L.prerequisites,
  L.shir,
  L.knownIssues,
);

const SHIR_OUTBOUND = requirement(
  'shir-outbound',
  'From the runtime machine allow outbound TCP 443 to the Data Factory endpoints of the region ' +
    '({datafactory}.{region}.datafactory.azure.net as named in the runtime key, or *.frontend.clouddatahub.net), to ' +
    '*.core.windows.net (backup upload to the storage account), to *.servicebus.windows.net (Azure Relay, for ' +
    "interactive authoring such as the wizard's test connections: without it the runtime shows Limited; no service " +
    'tag covers it, so an NSG needs AzureCloud or Internet) and to download.microsoft.com (updates; not needed when ' +
    'auto-update is off). Where traffic leaves through a proxy, set it in Integration Runtime Configuration Manager ' +
    '(Settings, HTTP proxy) and put the source SQL Server and the SMB share on its bypass list.',
  L.prerequisites,
  L.shir,
);

const SHIR_SOURCE_ACCESS = requirement(
  'shir-source-access',
  'The runtime machine reaches the source SQL Server on its SQL port and the SMB backup share on TCP 445; the SQL ' +
    'Server service account can read and write the share.',
  L.prerequisites,
);

const SHIR_LIMITS = requirement(
  'shir-limits',
  'Runtime limits: one self-hosted integration runtime per DMS, one runtime installation per machine, up to four ' +
    'machines (nodes) per runtime and up to 10 concurrent migrations per node. The nodes of a multi-node runtime ' +
    'reach each other on TCP 8060 (Remote access from intranet, enabled before the second node is added).',
  L.prerequisites,
  L.shir,
);

const SAME_REGION = requirement(
  'same-region',
  'Create the storage account for the backups in the same region as the DMS (and the managed instance). When the ' +
    "account's region differs from the managed instance's, a service endpoint path needs Microsoft.Storage.Global on " +
    'the MI subnet (Microsoft.Storage serves the same region).',
  L.tutorial,
  L.storageFirewall,
);

const BACKUPS_IN_BLOB = requirement(
  'backups-in-blob',
  'The backups are already in an Azure Blob Storage container: DMS needs no self-hosted integration runtime; put the ' +
    'backups of each database in a folder of its own in the container.',
  L.prerequisites,
);

const STORAGE_FIREWALL = requirement(
  'storage-network-access',
  "The managed instance must reach the storage account: if the account's firewall denies by default, add a virtual " +
    'network rule for the managed instance subnet and enable the Microsoft.Storage service endpoint on that subnet ' +
    '(or leave public network access allowed from all networks).',
  L.knownIssues,
  L.storageFirewall,
);

const STORAGE_PRIVATE_ENDPOINT = requirement(
  'storage-network-access',
  'The managed instance reaches the storage account through a private endpoint for its blob service in the managed ' +
    "instance's own virtual network (DMS's tutorial: \"Ensure the private endpoint is hosted in the same VNet as the " +
    'target"; if it is elsewhere, create another one there); the endpoint connection must be approved.',
  L.tutorial,
  L.storagePrivateEndpoint,
);

/** How the runtime reaches the account it uploads the SMB backups to, by where it runs. */
const SHIR_UPLOAD_PATH: Record<RuntimeHost, CurrentDmsRequirement> = {
  onprem: requirement(
    'shir-upload-path',
    'The runtime uploads the backups to the storage account from on-premises: if the firewall denies by default, add ' +
      'an IP rule for the public IP the runtime machine leaves from, or give it a private endpoint reached over VPN ' +
      `or ExpressRoute private peering, with on-premises DNS forwarding ${BLOB_PRIVATE_DNS_ZONE} to Azure.`,
    L.tutorial,
    L.storageFirewall,
  ),
  'azure-vm': requirement(
    'shir-upload-path',
    'The runtime uploads the backups from an Azure VM: IP rules do not apply to requests from the same Azure region ' +
      "as the account, so add a virtual network rule for the VM's subnet with the Microsoft.Storage service endpoint " +
      'on that subnet (Microsoft.Storage.Global when the regions differ), or give it a private endpoint.',
    L.tutorial,
    L.storageFirewall,
  ),
};

const STORAGE_PRIVATE_DNS = requirement(
  'storage-private-dns',
  `Link the private DNS zone ${BLOB_PRIVATE_DNS_ZONE} (holding the endpoint's A record) to the managed instance's ` +
    "virtual network, so the account's blob name resolves to the private address.",
  L.privateDnsZones,
);

const STORAGE_KEY_ACCESS = requirement(
  'storage-key-access',
  'Keep "Allow storage account key access" enabled on the storage account (allowSharedKeyAccess not false): DMS\'s ' +
    "tutorial requires it, and an Azure Policy such as 'Storage accounts should prevent shared key access' often turns " +
    'it off; ask for an exemption for this account.',
  L.tutorial,
  L.sharedKey,
);

const STORAGE_IDENTITY: Record<StorageAuth, CurrentDmsRequirement> = {
  sas: requirement(
    'storage-identity',
    'The managed instance reads the backups with a SAS token (Read and List) by default. To use its managed identity ' +
      'instead (DMS supports that from the Azure portal only), grant that identity Storage Blob Data Reader on the ' +
      'storage account.',
    L.tutorial,
    L.blobDataRole,
  ),
  'managed-identity': requirement(
    'storage-identity',
    'The managed instance reads the backups with its managed identity (the primary user-assigned identity if it has ' +
      'one, else the system-assigned one): grant it Storage Blob Data Reader on the storage account. DMS supports ' +
      'this for migrations started from the Azure portal only (not Azure Data Studio, PowerShell or the Azure CLI).',
    L.tutorial,
    L.blobDataRole,
  ),
};

function pageBlobs(version: SqlServerVersion): CurrentDmsRequirement {
  return requirement(
    'backups-page-blobs',
    `SQL Server ${version} source: DMS takes its backups only from Azure Blob Storage, as page blobs (block blobs need ` +
      'SQL Server 2016 or later), not from an SMB share. BACKUP TO URL with a credential holding the storage account ' +
      'key writes page blobs.',
    L.prerequisites,
  );
}

export const CURRENT_DMS_REASONS = {
  retired:
    'Classic Azure Database Migration Service was retired on 2026-03-15; the current DMS (sqlMigrationServices) has no ' +
    'virtual network of its own, so none of the four classic topologies applies.',
  smb:
    'The backups are on an SMB share, so a self-hosted integration runtime next to the source reads them and uploads ' +
    'them to Azure Storage, from where the managed instance restores them.',
  blob: 'The backups are already in Azure Blob Storage, so the managed instance restores them from there.',
  firewall: "The managed instance reaches the storage account through the account's firewall (public endpoint).",
  privateEndpoint: 'The managed instance reaches the storage account through a private endpoint and private DNS.',
} as const;

/** The recommendation for the current DMS: where the runtime runs, what it must reach, what MI needs from storage. */
export function recommendCurrentDms(
  options: CurrentDmsPlanOptions = DEFAULT_CURRENT_DMS_PLAN,
): CurrentDmsRecommendation {
  const smb = options.backups === 'smb';
  const requirements: CurrentDmsRequirement[] = smb
    ? [SHIR_HOST, SHIR_OUTBOUND, SHIR_SOURCE_ACCESS, SHIR_LIMITS]
    : [BACKUPS_IN_BLOB];
  if (options.sourceVersion && needsBlobBackups(options.sourceVersion)) {
    requirements.push(pageBlobs(options.sourceVersion));
  }
  requirements.push(SAME_REGION, options.storagePrivateEndpoint ? STORAGE_PRIVATE_ENDPOINT : STORAGE_FIREWALL);
  if (options.storagePrivateEndpoint) requirements.push(STORAGE_PRIVATE_DNS);
  requirements.push(STORAGE_KEY_ACCESS, STORAGE_IDENTITY[options.storageAuth ?? 'sas']);
  if (smb) requirements.push(SHIR_UPLOAD_PATH[options.runtimeHost ?? 'onprem']);
  return {
    topology: SHIR_TOPOLOGY_ID,
    title: CURRENT_DMS_TITLE,
    reasons: [
      CURRENT_DMS_REASONS.retired,
      smb ? CURRENT_DMS_REASONS.smb : CURRENT_DMS_REASONS.blob,
      options.storagePrivateEndpoint ? CURRENT_DMS_REASONS.privateEndpoint : CURRENT_DMS_REASONS.firewall,
    ],
    requirements,
  };
}
