// Today's Azure Database Migration Service (Microsoft.DataMigration/sqlMigrationServices): no customer VNet; a
// self-hosted integration runtime (SHIR) next to the source reads the source and the backups, and the managed
// instance restores from an Azure Storage account. Pure data and decisions: no I/O.
import type { DocLink } from './topologies';

/** The topology id of today's DMS. Deliberately not one of TOPOLOGY_IDS: those four are the classic contract. */
export const SHIR_TOPOLOGY_ID = 'shir';
export type ShirTopologyId = typeof SHIR_TOPOLOGY_ID;

export const DMS_KINDS = ['classic', 'current'] as const;
export type DmsKind = (typeof DMS_KINDS)[number];

/** Where the database backups are: an SMB network share (the SHIR uploads them) or already in Azure Blob Storage. */
export const BACKUP_LOCATIONS = ['smb', 'blob'] as const;
export type BackupLocation = (typeof BACKUP_LOCATIONS)[number];

export interface ShirPlanOptions {
  backups: BackupLocation;
  /** The managed instance reaches the storage account through a private endpoint (else the storage firewall). */
  storagePrivateEndpoint: boolean;
}

export const DEFAULT_SHIR_PLAN: ShirPlanOptions = { backups: 'smb', storagePrivateEndpoint: false };

export const SHIR_REQUIREMENT_IDS = [
  'shir-host',
  'shir-outbound',
  'shir-source-access',
  'shir-limits',
  'same-region',
  'storage-network-access',
  'storage-private-dns',
  'storage-identity',
  'backups-in-blob',
] as const;
export type ShirRequirementId = (typeof SHIR_REQUIREMENT_IDS)[number];

export interface ShirRequirement {
  id: ShirRequirementId;
  text: string;
  links: DocLink[];
}

/** Same shape as the classic Recommendation, with its own topology and requirement ids. */
export interface ShirRecommendation {
  topology: ShirTopologyId;
  title: string;
  reasons: string[];
  requirements: ShirRequirement[];
}

/** Microsoft Learn pages the requirements cite. */
export const SHIR_DOC_LINKS = {
  prerequisites: {
    title: 'Migrate databases with the Azure SQL migration extension: prerequisites and SHIR recommendations',
    url: 'https://learn.microsoft.com/azure/dms/migration-using-azure-data-studio',
  },
  shir: {
    title: 'Create and configure a self-hosted integration runtime',
    url: 'https://learn.microsoft.com/azure/data-factory/create-self-hosted-integration-runtime',
  },
  knownIssues: {
    title: 'Known issues and troubleshooting (storage firewall, integration runtime not online)',
    url: 'https://learn.microsoft.com/azure/dms/known-issues-azure-sql-migration-azure-data-studio',
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

export const SHIR_TITLE = "Today's Azure Database Migration Service with a self-hosted integration runtime";

/** The private DNS zone a blob private endpoint is resolved through. */
export const BLOB_PRIVATE_DNS_ZONE = 'privatelink.blob.core.windows.net';

const L = SHIR_DOC_LINKS;

function requirement(id: ShirRequirementId, text: string, ...links: DocLink[]): ShirRequirement {
  return { id, text, links };
}

const SHIR_HOST = requirement(
  'shir-host',
  'Install the self-hosted integration runtime on a Windows machine next to the source (on-premises or an Azure VM), ' +
    'not on the source SQL Server itself and not on a domain controller, and register it with the DMS authentication key.',
  L.prerequisites,
  L.shir,
);

const SHIR_OUTBOUND = requirement(
  'shir-outbound',
  'From the runtime machine allow outbound TCP 443 to the Data Factory endpoints of the region ' +
    '({datafactory}.{region}.datafactory.azure.net as named in the runtime key, or *.frontend.clouddatahub.net), to ' +
    '*.core.windows.net (backup upload to the storage account) and to download.microsoft.com (updates; not needed when ' +
    'auto-update is off).',
  L.prerequisites,
);

const SHIR_SOURCE_ACCESS = requirement(
  'shir-source-access',
  'The runtime machine reaches the source SQL Server on its SQL port and the SMB backup share on TCP 445; the SQL ' +
    'Server service account can read and write the share.',
  L.prerequisites,
);

const SHIR_LIMITS = requirement(
  'shir-limits',
  'Runtime limits: one self-hosted integration runtime per DMS, one runtime installation per machine, and up to four ' +
    'machines (nodes) per runtime for availability and throughput; one runtime serves several source databases.',
  L.prerequisites,
  L.shir,
);

const SAME_REGION = requirement(
  'same-region',
  'Create the DMS and the storage account for the backups in the same region as the managed instance.',
  L.prerequisites,
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
  'The managed instance reaches the storage account through a private endpoint for its blob service, in the managed ' +
    "instance's virtual network or one peered with it; the endpoint connection must be approved.",
  L.storagePrivateEndpoint,
  L.knownIssues,
);

/** With SMB backups the runtime writes to the same account, so the storage firewall must let it in too. */
export const SHIR_UPLOAD_NOTE =
  'The runtime uploads the backups to this account too: if the firewall denies by default, allow the public IP the ' +
  'runtime machine leaves from (IP rule) or give it a private path to the account.';

const STORAGE_PRIVATE_DNS = requirement(
  'storage-private-dns',
  `Link the private DNS zone ${BLOB_PRIVATE_DNS_ZONE} (holding the endpoint's A record) to the managed instance's ` +
    "virtual network, so the account's blob name resolves to the private address.",
  L.privateDnsZones,
);

const STORAGE_IDENTITY = requirement(
  'storage-identity',
  'When the managed instance reads the backups with a managed identity instead of a SAS token, grant that identity ' +
    'Storage Blob Data Reader on the storage account (or the container).',
  L.storageFirewall,
);

export const SHIR_REASONS = {
  retired:
    "Classic Azure Database Migration Service was retired on 2026-03-15; today's DMS (sqlMigrationServices) has no " +
    'virtual network of its own, so none of the four classic topologies applies.',
  smb:
    'The backups are on an SMB share, so a self-hosted integration runtime next to the source reads them and uploads ' +
    'them to Azure Storage, from where the managed instance restores them.',
  blob: 'The backups are already in Azure Blob Storage, so the managed instance restores them from there.',
  firewall: "The managed instance reaches the storage account through the account's firewall (public endpoint).",
  privateEndpoint: 'The managed instance reaches the storage account through a private endpoint and private DNS.',
} as const;

/** The recommendation for today's DMS: where the runtime runs, what it must reach, what MI needs from storage. */
export function recommendShir(options: ShirPlanOptions = DEFAULT_SHIR_PLAN): ShirRecommendation {
  const smb = options.backups === 'smb';
  const requirements: ShirRequirement[] = smb
    ? [SHIR_HOST, SHIR_OUTBOUND, SHIR_SOURCE_ACCESS, SHIR_LIMITS]
    : [BACKUPS_IN_BLOB];
  requirements.push(SAME_REGION);
  const access = options.storagePrivateEndpoint ? STORAGE_PRIVATE_ENDPOINT : STORAGE_FIREWALL;
  requirements.push(smb ? { ...access, text: `${access.text} ${SHIR_UPLOAD_NOTE}` } : access);
  if (options.storagePrivateEndpoint) requirements.push(STORAGE_PRIVATE_DNS);
  requirements.push(STORAGE_IDENTITY);
  return {
    topology: SHIR_TOPOLOGY_ID,
    title: SHIR_TITLE,
    reasons: [
      SHIR_REASONS.retired,
      smb ? SHIR_REASONS.smb : SHIR_REASONS.blob,
      options.storagePrivateEndpoint ? SHIR_REASONS.privateEndpoint : SHIR_REASONS.firewall,
    ],
    requirements,
  };
}
