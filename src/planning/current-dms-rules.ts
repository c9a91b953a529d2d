// What the self-hosted integration runtime (SHIR) of the current DMS must reach, as firewall rules (destinations are
// names) and, for a runtime on an Azure VM, as NSG rules (service tags where Azure has one). Pure.
import type { BackupLocation } from './current-dms';
import { FIRST_PRIORITY, PRIORITY_STEP, SOURCE_RANGES_PLACEHOLDER, joinAddresses } from './rules';
import type { NsgRuleSpec, Protocol, RequiredRules, RuleId } from './types';

export const CURRENT_DMS_RULE_IDS = [
  'shir-data-factory',
  'shir-storage',
  'shir-updates',
  'shir-relay',
  'shir-node-sync',
  'shir-sql-source',
  'shir-sql-browser',
  'shir-smb-share',
  'backup-upload',
] as const;
export type CurrentDmsRuleId = (typeof CURRENT_DMS_RULE_IDS)[number];

/** One outbound firewall rule: the same fields as a classic NSG rule, with its own ids and names as destinations. */
export interface CurrentDmsRuleSpec extends Omit<NsgRuleSpec, 'id'> {
  id: CurrentDmsRuleId;
}

export interface CurrentDmsRules {
  inbound: CurrentDmsRuleSpec[];
  outbound: CurrentDmsRuleSpec[];
  notes: string[];
}

export interface CurrentDmsRuleParameters {
  backups: BackupLocation;
  /** Source SQL Server addresses; empty shows the placeholder. */
  sourceRanges: string[];
  /** SMB share addresses; empty shows the placeholder. */
  shareRanges: string[];
  sqlPort: number;
  namedInstance: boolean;
  /** The runtime updates itself from download.microsoft.com (the default). */
  autoUpdate: boolean;
  /** Machines (nodes) of the runtime, 1-4; from 2 on the nodes talk to each other on TCP 8060. */
  runtimeNodes: number;
}

export const MAX_RUNTIME_NODES = 4;
/** "Remote access from intranet": the port the nodes of a multi-node runtime talk to each other on. */
export const RUNTIME_NODE_PORT = '8060';

export const DEFAULT_CURRENT_DMS_RULE_PARAMETERS: CurrentDmsRuleParameters = {
  backups: 'smb',
  sourceRanges: [],
  shareRanges: [],
  sqlPort: 1433,
  namedInstance: false,
  autoUpdate: true,
  runtimeNodes: 1,
};

export const CURRENT_DMS_PLACEHOLDERS = {
  runtime: 'Self-hosted integration runtime machine',
  uploader: 'Machine that copies the backups',
  source: 'Source SQL Server',
  share: 'SMB backup share',
  nodes: 'Other nodes of the runtime',
  /** NSG export form of the other nodes' addresses, to replace before applying. */
  nsgNodes: '<runtime-node-addresses>',
  /** NSG export forms, to replace before applying. */
  nsgShare: '<smb-share-address>',
} as const;

/** The documented names (DMS prerequisites: Data Factory endpoints, storage, updates). */
export const CURRENT_DMS_DESTINATIONS = {
  dataFactory: '*.frontend.clouddatahub.net',
  dataFactoryRegional: '{datafactory}.{region}.datafactory.azure.net',
  storage: '*.core.windows.net',
  blob: '*.blob.core.windows.net',
  relay: '*.servicebus.windows.net',
  updates: 'download.microsoft.com',
} as const;

/**
 * NSG destination of each rule for a runtime on an Azure VM: a service tag where Azure has one, Internet where it
 * has none (download.microsoft.com), and the addresses of the source or share.
 */
export const CURRENT_DMS_NSG_SERVICE_TAGS: Partial<Record<CurrentDmsRuleId, string>> = {
  'shir-data-factory': 'DataFactoryManagement',
  'shir-storage': 'Storage',
  'backup-upload': 'Storage',
  'shir-updates': 'Internet',
  // Azure Relay has no service tag of its own: AzureCloud holds its public ranges (Internet would do too)
  'shir-relay': 'AzureCloud',
};

/** The classic rule id each SHIR rule corresponds to, so the classic NSG exporters can be reused as they are. */
const CLASSIC_ID: Record<CurrentDmsRuleId, RuleId> = {
  'shir-data-factory': 'management',
  'shir-storage': 'management',
  'shir-updates': 'management',
  'backup-upload': 'management',
  'shir-relay': 'management',
  'shir-node-sync': 'dms-subnet-inbound',
  'shir-sql-source': 'sql-source',
  'shir-sql-browser': 'sql-named-instance',
  'shir-smb-share': 'smb-share',
};

export const CURRENT_DMS_NOTES = {
  outboundOnly:
    'A single-node runtime opens outbound connections only: no inbound rule is needed on its machine for DMS. Allow ' +
    'the same names in the Windows firewall of the machine if it filters outbound traffic.',
  nodes:
    'The nodes of this runtime reach each other on TCP 8060 (Remote access from intranet); allow it inbound between ' +
    'them, in the Windows firewall too. Enable Remote access from intranet before you add the second node.',
  dataFactoryName:
    'A new runtime key names its endpoint as {datafactory}.{region}.datafactory.azure.net: allow that name where the ' +
    'firewall can; *.frontend.clouddatahub.net is for keys without it.',
  limited:
    "Without *.servicebus.windows.net (Azure Relay) the runtime's status is Limited and interactive authoring, such " +
    "as the migration wizard's test connections, fails; Limited also follows from nodes that cannot reach each other " +
    'on TCP 8060 or whose credentials did not sync.',
  proxy:
    'Through a proxy: set it in Integration Runtime Configuration Manager (Settings, HTTP proxy), allow these names on ' +
    'the proxy, and keep the source SQL Server and the SMB share on its bypass list.',
  autoUpdateOff: 'Auto-update is off: download.microsoft.com is not needed; update the runtime by hand.',
  nsgNames:
    'NSGs filter addresses, not names: the runtime on an Azure VM gets service tags (DataFactoryManagement, Storage). ' +
    'download.microsoft.com has no service tag, so the NSG rule opens TCP 443 to Internet, and *.servicebus.windows.net ' +
    'none either, so its rule opens TCP 443 to AzureCloud; to allow only those names, use an Azure Firewall ' +
    'application rule or a proxy. The default AllowInternetOutBound rule already allows all of this unless a custom ' +
    'rule denies it.',
  blobNoRuntime:
    'Backups already in Azure Blob Storage: DMS needs no self-hosted integration runtime; only the machine that puts ' +
    'the backups into the container (BACKUP TO URL on the source, or AzCopy) needs TCP 443 to the blob endpoint.',
} as const;

type Draft = Omit<CurrentDmsRuleSpec, 'priority' | 'access' | 'direction'>;

function draft(
  id: CurrentDmsRuleId,
  name: string,
  protocol: Protocol,
  ports: string[],
  destination: string,
  reason: string,
  extra: Partial<Draft> = {},
): Draft {
  return { id, name, protocol, ports, source: CURRENT_DMS_PLACEHOLDERS.runtime, destination, reason, ...extra };
}

/** The outbound rules of the runtime machine (or, for backups in blob, of the machine that uploads them). */
export function currentDmsRules(
  params: CurrentDmsRuleParameters = DEFAULT_CURRENT_DMS_RULE_PARAMETERS,
): CurrentDmsRules {
  const source = params.sourceRanges.length ? joinAddresses(params.sourceRanges) : CURRENT_DMS_PLACEHOLDERS.source;
  const share = params.shareRanges.length ? joinAddresses(params.shareRanges) : CURRENT_DMS_PLACEHOLDERS.share;
  const drafts: Draft[] = [];
  const notes: string[] = [];
  const inbound: CurrentDmsRuleSpec[] = [];
  if (params.backups === 'blob') {
    drafts.push(
      draft(
        'backup-upload',
        'Backup upload',
        'Tcp',
        ['443'],
        CURRENT_DMS_DESTINATIONS.blob,
        'Backups are copied into the blob container.',
        {
          source: CURRENT_DMS_PLACEHOLDERS.uploader,
        },
      ),
    );
    notes.push(CURRENT_DMS_NOTES.blobNoRuntime);
  } else {
    drafts.push(
      draft(
        'shir-data-factory',
        'Data Factory endpoints',
        'Tcp',
        ['443'],
        CURRENT_DMS_DESTINATIONS.dataFactory,
        'The runtime connects to Database Migration Service through the Data Factory endpoints of the region.',
        { note: `Or ${CURRENT_DMS_DESTINATIONS.dataFactoryRegional} as named in the runtime key.` },
      ),
      draft(
        'shir-storage',
        'Azure Storage',
        'Tcp',
        ['443'],
        CURRENT_DMS_DESTINATIONS.storage,
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
          CURRENT_DMS_DESTINATIONS.updates,
          'The runtime downloads its updates.',
          {
            note: 'Not needed when auto-update is off.',
          },
        ),
      );
    } else notes.push(CURRENT_DMS_NOTES.autoUpdateOff);
    drafts.push(
      draft(
        'shir-relay',
        'Azure Relay',
        'Tcp',
        ['443'],
        CURRENT_DMS_DESTINATIONS.relay,
        "Interactive authoring, such as the migration wizard's test connections, goes through Azure Relay.",
        { note: 'Without it the runtime shows Limited.' },
      ),
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
    const multiNode = params.runtimeNodes > 1;
    notes.push(
      multiNode ? CURRENT_DMS_NOTES.nodes : CURRENT_DMS_NOTES.outboundOnly,
      CURRENT_DMS_NOTES.dataFactoryName,
      CURRENT_DMS_NOTES.limited,
      CURRENT_DMS_NOTES.proxy,
    );
    if (multiNode) inbound.push(nodeSyncRule(params.runtimeNodes));
  }
  const outbound = drafts.map((d, i) => ({
    ...d,
    direction: 'Outbound' as const,
    priority: FIRST_PRIORITY + i * PRIORITY_STEP,
    access: 'Allow' as const,
  }));
  return { inbound, outbound, notes };
}

/** Inbound TCP 8060 on each node from the others ("Remote access from intranet"). */
function nodeSyncRule(nodes: number): CurrentDmsRuleSpec {
  return {
    id: 'shir-node-sync',
    name: 'Runtime nodes',
    direction: 'Inbound',
    priority: FIRST_PRIORITY,
    protocol: 'Tcp',
    ports: [RUNTIME_NODE_PORT],
    source: CURRENT_DMS_PLACEHOLDERS.nodes,
    destination: CURRENT_DMS_PLACEHOLDERS.runtime,
    access: 'Allow',
    reason: `The ${nodes} nodes of the runtime synchronise state and credentials with each other.`,
    note: 'Remote access from intranet; enable it before adding the second node.',
  };
}

function nsgDestination(rule: CurrentDmsRuleSpec, params: CurrentDmsRuleParameters): string {
  const tag = CURRENT_DMS_NSG_SERVICE_TAGS[rule.id];
  if (tag) return tag;
  if (rule.id === 'shir-smb-share') {
    return params.shareRanges.length ? joinAddresses(params.shareRanges) : CURRENT_DMS_PLACEHOLDERS.nsgShare;
  }
  return params.sourceRanges.length ? joinAddresses(params.sourceRanges) : SOURCE_RANGES_PLACEHOLDER;
}

/**
 * The same rules as NSG rules for a runtime on an Azure VM (outbound, on the VM's NIC or subnet NSG), in the classic
 * rule shape so toAzureCli, toBicepSecurityRules and formatRulesTable export them unchanged.
 */
export function currentDmsNsgRules(
  params: CurrentDmsRuleParameters = DEFAULT_CURRENT_DMS_RULE_PARAMETERS,
): RequiredRules {
  const rules = currentDmsRules(params);
  const outbound: NsgRuleSpec[] = rules.outbound.map((rule) => {
    const destination = nsgDestination(rule, params);
    const named =
      destination === 'Internet' || destination === 'AzureCloud'
        ? `${rule.destination} has no service tag.`
        : undefined;
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
  // the other nodes' addresses are not known: a placeholder to replace, like the share's
  const inbound: NsgRuleSpec[] = rules.inbound.map((rule) => ({
    ...rule,
    id: CLASSIC_ID[rule.id],
    name: `SHIR-${rule.name}`,
    source: CURRENT_DMS_PLACEHOLDERS.nsgNodes,
    destination: '*',
  }));
  return { ruleset: 'service-tags', inbound, outbound, notes: [...rules.notes, CURRENT_DMS_NOTES.nsgNames] };
}
