import type { NsgRuleSpec, RequiredRules, RuleId, RuleParameters, RuleSet } from './types';

/** Shown where the DMS subnet CIDR is not known yet (the article's "DMS SUBNET"). */
export const DMS_SUBNET_PLACEHOLDER = 'DMS subnet';
/** Shown where the source ranges are not known yet (the article's destination text). */
export const SOURCE_RANGES_PLACEHOLDER = 'On-premises address space';
/** The same place for a source SQL Server on an Azure VM. */
export const SOURCE_VM_PLACEHOLDER = 'Source VM address';

/** Custom NSG rules run from 100 to 4096; each direction is numbered on its own from here. */
export const FIRST_PRIORITY = 100;
export const PRIORITY_STEP = 10;

/** Service tags the `service-tags` rule set opens TCP 443 to, instead of the 2020 table's 443/9354 and 12000 to Any. */
export const CURRENT_SERVICE_TAGS = ['ServiceBus', 'Storage', 'AzureMonitor'] as const;

/** The article's rule names, shown as they are. */
export const RULE_DISPLAY_NAMES: Record<RuleId, string> = {
  'dms-subnet-inbound': 'DMS_subnet',
  management: 'management',
  diagnostics: 'Diagnostics',
  'sql-source': 'SQL Source server',
  'sql-named-instance': 'SQL Server named instance',
  'smb-share': 'SMB share',
  'dms-subnet-outbound': 'DMS_subnet',
};

/** The article's "Reason for rule" (the article gives none for the two DMS_subnet rules). */
export const RULE_REASONS: Record<RuleId, string> = {
  'dms-subnet-inbound': 'Traffic coming from the DMS subnet, where the DMS instance runs.',
  management: 'Management plane communication through Service Bus and Azure blob storage.',
  diagnostics: 'DMS uses this rule to collect diagnostic information for troubleshooting purposes.',
  'sql-source': 'SQL Server source connectivity from DMS.',
  'sql-named-instance': 'SQL Server named instance source connectivity from DMS.',
  'smb-share':
    'SMB network share for DMS to store database backup files for migrations to Azure SQL Database MI and SQL Servers on Azure VM.',
  'dms-subnet-outbound': 'Traffic from DMS to the DMS subnet.',
};

/** Short notes attached to single rules, and the explanations shown under the tables. */
export const RULE_NOTES = {
  microsoftPeeringShort: 'If Microsoft peering is enabled, you may not need this rule.',
  siteToSiteShort: 'If you have site-to-site connectivity, you may not need this rule.',
  smbIfNeeded: 'Only if the scenario needs it: DMS reads the database backups from an SMB share.',
  siteToSite:
    'Site-to-site connectivity: the SQL source, named instance (1434/UDP) and SMB (445/TCP) rules may be unnecessary. ' +
    'The default outbound rule AllowVnetOutBound (priority 65000) allows traffic to the VirtualNetwork service tag, and ' +
    'VirtualNetwork includes the on-premises prefixes learned through the virtual network gateway, so that traffic is ' +
    'already allowed unless a custom rule with a lower priority number denies it.',
  microsoftPeering:
    'ExpressRoute Microsoft peering: the management rule may be unnecessary, because Service Bus and Storage are then ' +
    'reached through the peering rather than the internet. The DMS subnet then has no internet path: enable service ' +
    "endpoints for SQL, Storage and Service Bus on it. Microsoft peering on a circuit connected to MI's virtual network " +
    'is not supported.',
  classicDmsRetired:
    'Classic Azure Database Migration Service, which these rules are for, was retired on 2026-03-15 (no new instances ' +
    'since 2023-08-01). The current Azure Database Migration Service (Microsoft.DataMigration/sqlMigrationServices) uses no ' +
    'customer virtual network: its self-hosted integration runtime needs outbound TCP 443 to the Data Factory ' +
    'endpoints, *.core.windows.net and download.microsoft.com, TCP 445 to the SMB backup share, and a route to the ' +
    'source SQL Server.',
} as const;

/** What each rule set is, shown first under the tables. */
export const RULE_SET_NOTES: Record<RuleSet, string> = {
  '2020':
    "Rule set '2020': the table of Microsoft's network topologies article (2020). The 'service-tags' rule set shows " +
    'its later revision: TCP 443 to the ServiceBus, Storage and AzureMonitor service tags.',
  'service-tags':
    "Rule set 'service-tags': the later revision of Microsoft's network topologies article. TCP 443 to the " +
    'ServiceBus, Storage and AzureMonitor service tags replaces 443/9354 and 12000 to Any; 445 only if the scenario ' +
    'needs it.',
};

type RuleDraft = Omit<NsgRuleSpec, 'priority' | 'access' | 'direction'>;

function draft(id: RuleId, fields: Partial<RuleDraft> & Pick<RuleDraft, 'protocol' | 'ports'>): RuleDraft {
  return { id, name: RULE_DISPLAY_NAMES[id], source: '*', destination: '*', reason: RULE_REASONS[id], ...fields };
}

/** Several prefixes are one display string joined by ','; exports split them back. */
export function joinAddresses(prefixes: string[]): string {
  return prefixes.join(',');
}

export function splitAddresses(value: string): string[] {
  return value.split(',').map((s) => s.trim());
}

function managementRules(ruleset: RuleSet): RuleDraft[] {
  if (ruleset === '2020') {
    return [
      draft('management', { protocol: 'Tcp', ports: ['443', '9354'], note: RULE_NOTES.microsoftPeeringShort }),
      draft('diagnostics', { protocol: 'Tcp', ports: ['12000'] }),
    ];
  }
  return [
    draft('management', {
      name: 'management-ServiceBus',
      protocol: 'Tcp',
      ports: ['443'],
      destination: 'ServiceBus',
      reason: 'Management plane communication through Service Bus.',
      note: RULE_NOTES.microsoftPeeringShort,
    }),
    draft('management', {
      name: 'management-Storage',
      protocol: 'Tcp',
      ports: ['443'],
      destination: 'Storage',
      reason: 'Management plane communication through Azure blob storage.',
      note: RULE_NOTES.microsoftPeeringShort,
    }),
    draft('diagnostics', {
      name: 'Diagnostics-AzureMonitor',
      protocol: 'Tcp',
      ports: ['443'],
      destination: 'AzureMonitor',
      reason: 'DMS sends diagnostic information for troubleshooting purposes to Azure Monitor.',
    }),
  ];
}

function numbered(direction: NsgRuleSpec['direction'], drafts: RuleDraft[]): NsgRuleSpec[] {
  return drafts.map(({ note, ...d }, i) => ({
    ...d,
    direction,
    priority: FIRST_PRIORITY + i * PRIORITY_STEP,
    access: 'Allow' as const,
    ...(note ? { note } : {}),
  }));
}

/** The NSG rules the DMS subnet needs for these parameters, per the article's tables (or their later revision). */
export function requiredRules(params: RuleParameters): RequiredRules {
  const dmsSubnet = params.dmsSubnet ?? DMS_SUBNET_PLACEHOLDER;
  // A source on an Azure VM is reached inside Azure: no on-premises address space, no site-to-site shortcut.
  const azureVm = params.source === 'azure-vm';
  const placeholder = azureVm ? SOURCE_VM_PLACEHOLDER : SOURCE_RANGES_PLACEHOLDER;
  const sourceSide = params.sourceRanges.length > 0 ? joinAddresses(params.sourceRanges) : placeholder;
  const toSource = { destination: sourceSide, note: azureVm ? undefined : RULE_NOTES.siteToSiteShort };

  const outbound: RuleDraft[] = [
    ...managementRules(params.ruleset),
    draft('sql-source', { protocol: 'Tcp', ports: [String(params.sqlPort)], ...toSource }),
  ];
  if (params.namedInstance)
    outbound.push(draft('sql-named-instance', { protocol: 'Udp', ports: ['1434'], ...toSource }));
  if (params.smb) {
    const note =
      params.ruleset === 'service-tags'
        ? [RULE_NOTES.smbIfNeeded, toSource.note].filter(Boolean).join(' ')
        : toSource.note;
    outbound.push(draft('smb-share', { protocol: 'Tcp', ports: ['445'], ...toSource, note }));
  }
  outbound.push(draft('dms-subnet-outbound', { protocol: '*', ports: ['*'], destination: dmsSubnet }));

  return {
    ruleset: params.ruleset,
    inbound: numbered('Inbound', [draft('dms-subnet-inbound', { protocol: '*', ports: ['*'], source: dmsSubnet })]),
    outbound: numbered('Outbound', outbound),
    notes: [
      RULE_SET_NOTES[params.ruleset],
      ...(azureVm ? [] : [RULE_NOTES.siteToSite]),
      RULE_NOTES.microsoftPeering,
      RULE_NOTES.classicDmsRetired,
    ],
  };
}
