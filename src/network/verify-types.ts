// Shapes of `verify`: options, result and checks (check ids are contracts of DESIGN.md).
import type { RuleSet, TopologyId } from '../planning/types';

export const CHECK_IDS = [
  'same-vnet-separate-subnets',
  'onprem-connectivity',
  'vnet-peering',
  'nsg-dms-subnet-inbound',
  'nsg-management-443',
  'nsg-management-9354',
  'nsg-diagnostics-12000',
  'nsg-sql-source',
  'nsg-sql-named-instance',
  'nsg-smb-share',
  'nsg-dms-subnet-outbound',
  'nsg-mi-inbound-from-dms',
  'route-forced-tunneling',
  'dns-onprem-resolution',
  'dms-service-endpoints',
  'mi-subnet',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unknown';

export interface Check {
  id: CheckId;
  status: CheckStatus;
  summary: string;
  evidence: string[];
  rule?: { nsg: string; name: string; priority: number };
  /** An Azure CLI command that fixes (or, for `unknown`, finds out) what the check found. */
  fix?: string;
}

export interface VerifyOptions {
  miName?: string;
  dmsName?: string;
  /** On-premises (or source VM) ranges; defaults to the local network gateways' prefixes. */
  sourceRanges?: string[];
  sqlPort: number;
  namedInstance: boolean;
  smb: boolean;
  ruleset: RuleSet;
  plannedTopology?: TopologyId;
}

export interface ResourceRef {
  id: string;
  name: string;
  subnetId: string;
}

export interface VerifyResult {
  topology: TopologyId | null;
  plannedTopology: TopologyId | null;
  /** Why the topology was (or was not) recognised, and how it compares with the plan. */
  topologyReason: string;
  /** null when no plan was given or nothing was detected. */
  topologyMatchesPlan: boolean | null;
  managedInstance: ResourceRef;
  dms: ResourceRef;
  checks: Check[];
}

const SEVERITY: Record<CheckStatus, number> = { pass: 0, unknown: 1, warn: 2, fail: 3 };

export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (SEVERITY[s] > SEVERITY[w] ? s : w), 'pass');
}

/** The check with each evidence line once, in the order first given: several flows of a check may note the same fact. */
export function withUniqueEvidence<C extends { evidence: string[] }>(check: C): C {
  const evidence = [...new Set(check.evidence)];
  return evidence.length === check.evidence.length ? check : { ...check, evidence };
}
