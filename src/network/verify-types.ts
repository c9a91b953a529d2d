// Shapes of `verify`: options, result and checks (check ids are contracts: docs/contracts.md).
import type { RuleSet, TopologyId } from '../planning/types';
import type { FixChange } from './changes';
import type { FixesOutcome } from './proven-fixes';
import type { VerifyInputField } from './errors';

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

/** What the deciding route does with a flow (see reachability.ts). */
export const ROUTE_OUTCOMES = ['delivered', 'gateway', 'appliance', 'internet', 'dropped', 'unknown'] as const;
export type RouteOutcome = (typeof ROUTE_OUTCOMES)[number];

/** Why a flow has no path (see missing-path.ts). */
export const MISSING_PATH_KINDS = [
  'route-table-drops',
  'no-gateway-for-route',
  'not-peered',
  'peering-not-connected',
  'peering-not-transitive',
  'overlapping-address-spaces',
  'no-onprem-connection',
  'no-site-to-site-connection',
  'point-to-site-only',
  'expressroute-without-connection',
  'gateway-transit-off',
  'gateway-routes-not-propagated',
  'prefix-not-in-local-gateway',
] as const;
export type MissingPathKind = (typeof MISSING_PATH_KINDS)[number];

/** The route that decided a flow check, next to the NSG rule that did (`rule`). */
export interface CheckRoute {
  /** How the route judged the flow on its own (the check's status also weighs the NSGs). */
  status: CheckStatus;
  outcome: RouteOutcome;
  /** The deciding route: a CIDR or a service tag; absent when no listed route decides. */
  addressPrefix?: string;
  nextHopType?: string;
  nextHopIpAddress?: string;
  /** 'Default' (system), 'VirtualNetworkGateway' (a gateway's route) or 'User' (a route table's). */
  origin?: 'Default' | 'VirtualNetworkGateway' | 'User';
  routeTable?: { id: string; name: string };
  routeName?: string;
  /** Why there is no path (dropped, or only over the Internet), and what adds one. */
  missingPath?: { kind: MissingPathKind; explanation: string };
  /** Commands that show routes the inventory cannot list (BGP-learned, Virtual WAN) that may decide the flow. */
  learnedRoutesCommands?: string[];
}

export interface Check {
  id: CheckId;
  status: CheckStatus;
  summary: string;
  evidence: string[];
  rule?: { nsg: string; name: string; priority: number };
  /** The route that decided the flow, for checks of a flow (next to `rule`). */
  route?: CheckRoute;
  /** For checks of a flow: how the NSGs alone judged it (`status` weighs the route too). */
  nsgStatus?: CheckStatus;
  /** An Azure CLI command that fixes (or, for `unknown`, finds out) what the check found. */
  fix?: string;
  /** The changes to the network `fix` makes, structured, each with its command (issue 19; `fix` is their text). */
  changes?: FixChange[];
  /** The input that would decide this check, when it was not given (each surface says how to give it). */
  input?: VerifyInputField;
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
  /** Every proposed fix applied to a copy of the network, and the network verified again (issue 19). */
  afterFixes?: FixesOutcome;
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
