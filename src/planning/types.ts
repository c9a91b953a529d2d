// Public ids and shapes of the planning core (contracts: docs/contracts.md). Pure data: no I/O.

export const TOPOLOGY_IDS = ['hybrid', 'mi-isolated', 'cloud-shared-vnet', 'cloud-isolated-vnet'] as const;
export type TopologyId = (typeof TOPOLOGY_IDS)[number];

export const QUESTION_KEYS = ['source', 'cross-subscription', 'rbac-limits', 'mi-onprem', 'same-vnet'] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];

export type Source = 'onprem' | 'azure-vm' | 'other-cloud';
export type YesNo = 'yes' | 'no';

export interface Answers {
  source?: Source;
  'cross-subscription'?: YesNo;
  'rbac-limits'?: YesNo;
  'mi-onprem'?: YesNo;
  'same-vnet'?: YesNo;
}

export const REQUIREMENT_IDS = ['same-vnet-separate-subnets', 'onprem-connectivity', 'vnet-peering'] as const;
export type RequirementId = (typeof REQUIREMENT_IDS)[number];

export interface Requirement {
  id: RequirementId;
  text: string;
  links: { title: string; url: string }[];
}

export const RULE_IDS = [
  'dms-subnet-inbound',
  'management',
  'diagnostics',
  'sql-source',
  'sql-named-instance',
  'smb-share',
  'dms-subnet-outbound',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * The two revisions of the article's rule table: `2020`, the table as published in 2020 (443/9354 and 12000 to Any),
 * and `service-tags`, its later revision (TCP 443 to the ServiceBus, Storage and AzureMonitor service tags).
 */
export type RuleSet = '2020' | 'service-tags';
export type Direction = 'Inbound' | 'Outbound';
export type Protocol = 'Tcp' | 'Udp' | '*';

/** One NSG rule the DMS subnet needs. `ports` are destination ports: '*', '443', '11000-11999'. */
export interface NsgRuleSpec {
  /** Rule id (docs/contracts.md); in the `service-tags` rule set a rule id can appear more than once (one per service tag). */
  id: RuleId;
  /** Display name: the article's name (DMS_subnet, management, Diagnostics, ...). */
  name: string;
  direction: Direction;
  priority: number;
  protocol: Protocol;
  ports: string[];
  /** '*', a CIDR, a comma-free list is expressed as several prefixes joined by ',' only in display. */
  source: string;
  destination: string;
  access: 'Allow';
  reason: string;
  note?: string;
}

export interface RuleParameters {
  /** DMS subnet CIDR; undefined shows the placeholder 'DMS subnet'. */
  dmsSubnet?: string;
  /** On-premises ranges or the source VM's subnet; empty shows the placeholder. */
  sourceRanges: string[];
  sqlPort: number;
  namedInstance: boolean;
  smb: boolean;
  ruleset: RuleSet;
  /** Where the source runs, when known: for an Azure VM the rules name the source VM and skip the site-to-site note. */
  source?: Source;
}

export interface RequiredRules {
  ruleset: RuleSet;
  inbound: NsgRuleSpec[];
  outbound: NsgRuleSpec[];
  /** Notes shown under the tables (site-to-site, Microsoft peering, classic DMS retirement). */
  notes: string[];
}

export interface Recommendation {
  topology: TopologyId;
  title: string;
  reasons: string[];
  requirements: Requirement[];
}
