// What the self-hosted integration runtime (SHIR) of today's DMS must reach, as firewall rules (destinations are
// names) and, for a runtime on an Azure VM, as NSG rules (service tags where Azure has one). Pure.
import type { BackupLocation } from './current-dms';
import { FIRST_PRIORITY, PRIORITY_STEP, SOURCE_RANGES_PLACEHOLDER, joinAddresses } from './rules';
import type { NsgRuleSpec, Protocol, RequiredRules, RuleId } from './types';

export const SHIR_RULE_IDS = [
  'shir-data-factory',
  'shir-storage',
  'shir-updates',
  'shir-sql-source',
  'shir-sql-browser',
  'shir-smb-share',
  'backup-upload',
] as const;
export type ShirRuleId = (typeof SHIR_RULE_IDS)[number];

/** One outbound firewall rule: the same fields as a classic NSG rule, with its own ids and names as destinations. */
export interface ShirRuleSpec extends Omit<NsgRuleSpec, 'id'> {
  id: ShirRuleId;
}

export interface ShirRules {
  inbound: ShirRuleSpec[];
  outbound: ShirRuleSpec[];
  notes: string[];
}

export interface ShirRuleParameters {
  backups: BackupLocation;
  /** Source SQL Server addresses; empty shows the placeholder. */
  sourceRanges: string[];
  /** SMB share addresses; empty shows the placeholder. */
  shareRanges: string[];
  sqlPort: number;
  namedInstance: boolean;
  /** The runtime updates itself from download.microsoft.com (the default). */
  autoUpdate: boolean;
}

export const DEFAULT_SHIR_RULE_PARAMETERS: ShirRuleParameters = {
  backups: 'smb',
  sourceRanges: [],
  shareRanges: [],
  sqlPort: 1433,
  namedInstance: false,
  autoUpdate: true,
};

export const SHIR_PLACEHOLDERS = {
  runtime: 'Self-hosted integration runtime machine',
  uploader: 'Machine that copies the backups',
  source: 'Source SQL Server',
  share: 'SMB backup share',
  /** NSG export forms, to replace before applying. */
  nsgShare: '<smb-share-address>',
} as const;

/** The documented names (DMS prerequisites: Data Factory endpoints, storage, updates). */
export const SHIR_DESTINATIONS = {
  dataFactory: '*.frontend.clouddatahub.net',
  dataFactoryRegional: '{datafactory}.{region}.datafactory.azure.net',
  storage: '*.core.windows.net',
  blob: '*.blob.core.windows.net',
  updates: 'download.microsoft.com',
} as const;

/**
 * NSG destination of each rule for a runtime on an Azure VM: a service tag where Azure has one, Internet where it
 * has none (download.microsoft.com), and the addresses of the source or share.
 */
export const SHIR_NSG_SERVICE_TAGS: Partial<Record<ShirRuleId, string>> = {
  'shir-data-factory': 'DataFactoryManagement',
  'shir-storage': 'Storage',
  'backup-upload': 'Storage',
  'shir-updates': 'Internet',
};

/** The classic rule id each SHIR rule corresponds to, so the classic NSG exporters can be reused as they are. */
const CLASSIC_ID: Record<ShirRuleId, RuleId> = {
  'shir-data-factory': 'management',
  'shir-storage': 'management',
  'shir-updates': 'management',
  'backup-upload': 'management',
  'shir-sql-source': 'sql-source',
  'shir-sql-browser': 'sql-named-instance',
  'shir-smb-share': 'smb-share',
};

export const SHIR_NOTES = {
  outboundOnly:
    'The runtime opens outbound connections only: no inbound rule is needed on its machine for DMS. Allow the same ' +
    'names in the Windows firewall of the machine if it filters outbound traffic.',
  dataFactoryName:
    'A new runtime key names its endpoint as {datafactory}.{region}.datafactory.azure.net: allow that name where the ' +
    'firewall can; *.frontend.clouddatahub.net is for keys without it.',
  serviceBus:
    "*.servicebus.windows.net (443) is in Data Factory's list for interactive authoring, not in DMS's prerequisites; " +
    "open it only if the runtime's diagnostics ask for it.",
  autoUpdateOff: 'Auto-update is off: download.microsoft.com is not needed; update the runtime by hand.',
  nsgNames:
    'NSGs filter addresses, not names: the runtime on an Azure VM gets service tags (DataFactoryManagement, Storage). ' +
    'download.microsoft.com has no service tag, so the NSG rule opens TCP 443 to Internet; to allow only that name, use ' +
    'an Azure Firewall application rule or a proxy. The default AllowInternetOutBound rule already allows all of this ' +
    'unless a custom rule denies it.',
  blobNoShir:
    'Backups already in Azure Blob Storage: DMS needs no self-hosted integration runtime; only the machine that puts ' +
    'the backups into the container (BACKUP TO URL on the source, or AzCopy) needs TCP 443 to the blob endpoint.',
} as const;

type Draft = Omit<ShirRuleSpec, 'priority' | 'access' | 'direction'>;

function draft(
  id: ShirRuleId,
  name: string,
  protocol: Protocol,
  ports: string[],
  destination: string,
  reason: string,
  extra: Partial<Draft> = {},
): Draft {
  return { id, name, protocol, ports, source: SHIR_PLACEHOLDERS.runtime, destination, reason, ...extra };
}

/** The outbound rules of the runtime machine (or, for backups in blob, of the machine that uploads them). */
export function shirRules(params: ShirRuleParameters = DEFAULT_SHIR_RULE_PARAMETERS): ShirRules {
  const source = params.sourceRanges.length ? joinAddresses(params.sourceRanges) : SHIR_PLACEHOLDERS.source;
  const share = params.shareRanges.length ? joinAddresses(params.shareRanges) : SHIR_PLACEHOLDERS.share;
  const drafts: Draft[] = [];
  const notes: string[] = [];
  if (params.backups === 'blob') {
    drafts.push(
      draft(
        'backup-upload',
        'Backup upload',
        'Tcp',
        ['443'],
        SHIR_DESTINATIONS.blob,
        'Backups are copied into the blob container.',
        {
          source: SHIR_PLACEHOLDERS.uploader,
        },
      ),
    );
    notes.push(SHIR_NOTES.blobNoShir);
  } else {
    drafts.push(
      draft(
        'shir-data-factory',
        'Data Factory endpoints',
        'Tcp',
        ['443'],
        SHIR_DESTINATIONS.dataFactory,
        'The runtime connects to Database Migration Service through the Data Factory endpoints of the region.',
        { note: `Or ${SHIR_DESTINATIONS.dataFactoryRegional} as named in the runtime key.` },
      ),
      draft(
        'shir-storage',
        'Azure Storage',
        'Tcp',
        ['443'],
        SHIR_DESTINATIONS.storage,
        'The runtime uploads the backups from the share to the storage account.',
      ),
    );
    if (params.autoUpdate) {
      drafts.push(
        draft(
          'shir-updates',
          'Runtime updates',
          'Tcp',
          ['443'],
          SHIR_DESTINATIONS.updates,
          'The runtime downloads its updates.',
          {
            note: 'Not needed when auto-update is off.',
          },
        ),
      );
    } else notes.push(SHIR_NOTES.autoUpdateOff);
    drafts.push(
      draft(
        'shir-sql-source',
        'SQL Source server',
        'Tcp',
        [String(params.sqlPort)],
        source,
        'The runtime connects to the source SQL Server.',
      ),
    );
    if (params.namedInstance) {
      drafts.push(
        draft(
          'shir-sql-browser',
          'SQL Server named instance',
          'Udp',
          ['1434'],
          source,
          'SQL Server Browser resolves the named instance to its port.',
        ),
      );
    }
    drafts.push(
      draft(
        'shir-smb-share',
        'SMB share',
        'Tcp',
        ['445'],
        share,
        'The runtime reads the database backups from the network share.',
      ),
    );
    notes.push(SHIR_NOTES.outboundOnly, SHIR_NOTES.dataFactoryName, SHIR_NOTES.serviceBus);
  }
  const outbound = drafts.map((d, i) => ({
    ...d,
    direction: 'Outbound' as const,
    priority: FIRST_PRIORITY + i * PRIORITY_STEP,
    access: 'Allow' as const,
  }));
  return { inbound: [], outbound, notes };
}

function nsgDestination(rule: ShirRuleSpec, params: ShirRuleParameters): string {
  const tag = SHIR_NSG_SERVICE_TAGS[rule.id];
  if (tag) return tag;
  if (rule.id === 'shir-smb-share') {
    return params.shareRanges.length ? joinAddresses(params.shareRanges) : SHIR_PLACEHOLDERS.nsgShare;
  }
  return params.sourceRanges.length ? joinAddresses(params.sourceRanges) : SOURCE_RANGES_PLACEHOLDER;
}

/**
 * The same rules as NSG rules for a runtime on an Azure VM (outbound, on the VM's NIC or subnet NSG), in the classic
 * rule shape so toAzureCli, toBicepSecurityRules and formatRulesTable export them unchanged.
 */
export function shirNsgRules(params: ShirRuleParameters = DEFAULT_SHIR_RULE_PARAMETERS): RequiredRules {
  const rules = shirRules(params);
  const outbound: NsgRuleSpec[] = rules.outbound.map((rule) => {
    const destination = nsgDestination(rule, params);
    const named = destination === 'Internet' ? `${rule.destination} has no service tag.` : undefined;
    return {
      ...rule,
      id: CLASSIC_ID[rule.id],
      name: `SHIR-${rule.name}`,
      source: '*',
      destination,
      note: [named, rule.note].filter(Boolean).join(' ') || undefined,
    };
  });
  for (const r of outbound) if (r.note === undefined) delete r.note;
  return { ruleset: 'current', inbound: [], outbound, notes: [...rules.notes, SHIR_NOTES.nsgNames] };
}
