// What a verification says about each item of a checklist. Pure: no I/O.
//
// Each item is covered by the checks of `verify` that prove what it asks for (checksCovering, documented in
// docs/contracts.md). An item is confirmed only when every check covering it is in the verification and passes; an
// item no check covers has no finding, and a check not run, unknown or warning confirms nothing.
import { parseCidr } from '../network/cidr';
import { worstStatus, type CheckId, type CheckStatus } from '../network/verify-types';
import {
  itemContentHash,
  type Checklist,
  type ChecklistItem,
  type ChecklistVerification,
  type ItemFinding,
} from './checklist';
import type { TopologyId } from './types';

/** The checks that cover an item: a list, or every check of the verification (the verify step). */
export type ItemCoverage = readonly CheckId[] | 'every-check';

/** Where the DMS subnet must be, as the checks prove it, per topology (the step's text says the same). */
const DMS_SUBNET_PLACE: Record<TopologyId, readonly CheckId[]> = {
  // In MI's VNet, apart from MI's subnet.
  hybrid: ['same-vnet-separate-subnets'],
  'cloud-shared-vnet': ['same-vnet-separate-subnets'],
  // In DMS's own VNet: no check proves more than that the DMS sits in the planned subnet (judged on its own).
  'mi-isolated': [],
  // Where it reaches the source VM, in a VNet peered with MI's.
  'cloud-isolated-vnet': ['vnet-peering', 'nsg-sql-source'],
};

/** The gateway step: onprem-connectivity judges DMS's VNet; in hybrid that is MI's VNet only when they share it. */
const GATEWAY: Record<TopologyId, readonly CheckId[]> = {
  hybrid: ['onprem-connectivity', 'same-vnet-separate-subnets'],
  'mi-isolated': ['onprem-connectivity'],
  'cloud-shared-vnet': [],
  'cloud-isolated-vnet': [],
};

/** Items covered the same way in every topology: the peering and one flow check (or two) per NSG rule. */
const ITEM_CHECKS: Record<string, readonly CheckId[]> = {
  'step-peering': ['vnet-peering'],
  'rule-inbound-dms-subnet': ['nsg-dms-subnet-inbound'],
  // Rule set 2020: one rule for 443 and 9354.
  'rule-outbound-management': ['nsg-management-443', 'nsg-management-9354'],
  // Rule set service-tags: one rule per service tag, both judged by the 443 check.
  'rule-outbound-management-servicebus': ['nsg-management-443'],
  'rule-outbound-management-storage': ['nsg-management-443'],
  'rule-outbound-diagnostics': ['nsg-diagnostics-12000'],
  'rule-outbound-diagnostics-azuremonitor': ['nsg-diagnostics-12000'],
  'rule-outbound-sql-source-server': ['nsg-sql-source'],
  'rule-outbound-sql-server-named-instance': ['nsg-sql-named-instance'],
  'rule-outbound-smb-share': ['nsg-smb-share'],
  'rule-outbound-dms-subnet': ['nsg-dms-subnet-outbound'],
};

/** Items that name the planned DMS subnet's CIDR: the checks judge the subnet the DMS is in, which may be another. */
const NAMES_DMS_SUBNET = ['step-dms-subnet', 'rule-inbound-dms-subnet', 'rule-outbound-dms-subnet'];

/** Findings name at most this many checks; the rest are counted. */
const MAX_FOUND = 3;

export function checksCovering(itemId: string, topology: TopologyId): ItemCoverage {
  if (itemId === 'step-verify') return 'every-check';
  if (itemId === 'step-dms-subnet') return DMS_SUBNET_PLACE[topology];
  if (itemId === 'step-gateway') return GATEWAY[topology];
  return ITEM_CHECKS[itemId] ?? [];
}

/** A finished verification, as the checklist takes it from the verify use case. */
export interface VerifiedNetwork {
  /** When Azure was read (ISO). */
  at: string;
  dms: 'classic' | 'current';
  checks: readonly { id: string; status: CheckStatus; summary: string }[];
  /** The IPv4 prefixes of the classic DMS's subnet, as read. */
  dmsSubnetPrefixes?: readonly string[];
}

/** The checklist the plan makes now (the plan the verification checked against), with its DMS subnet. */
export interface PlannedChecklist {
  topology: TopologyId;
  items: readonly ChecklistItem[];
  dmsSubnet?: string;
}

interface Judged {
  status: CheckStatus;
  summary: string;
}

function sameCidr(a: string, b: string): boolean {
  try {
    const [x, y] = [parseCidr(a), parseCidr(b)];
    return x[0] === y[0] && x[1] === y[1];
  } catch {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  }
}

/** The DMS is not in the planned subnet: what that means for an item naming it, or undefined when it is. */
function subnetMismatch(
  item: ChecklistItem,
  verified: VerifiedNetwork,
  planned: string | undefined,
): Judged | undefined {
  const seen = verified.dmsSubnetPrefixes ?? [];
  if (!planned || seen.length === 0 || !NAMES_DMS_SUBNET.includes(item.id)) return undefined;
  if (seen.some((prefix) => sameCidr(prefix, planned))) return undefined;
  return item.id === 'step-dms-subnet'
    ? { status: 'fail', summary: `the DMS is in subnet ${seen.join(', ')}, not the planned ${planned}` }
    : { status: 'unknown', summary: `verify judged the DMS subnet ${seen.join(', ')}, not the planned ${planned}` };
}

const IN_PLANNED_SUBNET: Judged = { status: 'pass', summary: 'the DMS is in the planned subnet' };

/** The DMS step no check covers: the DMS sitting in the planned subnet is what the inventory proves of it. */
function inPlannedSubnet(item: ChecklistItem, verified: VerifiedNetwork, planned: string | undefined): boolean {
  const seen = verified.dmsSubnetPrefixes ?? [];
  return item.id === 'step-dms-subnet' && planned !== undefined && seen.some((prefix) => sameCidr(prefix, planned));
}

function findingOfItem(
  item: ChecklistItem,
  topology: TopologyId,
  verified: VerifiedNetwork,
  plannedSubnet: string | undefined,
): ItemFinding | undefined {
  const coverage = checksCovering(item.id, topology);
  const judged: Judged[] =
    coverage === 'every-check'
      ? [...verified.checks]
      : coverage.map(
          (id) =>
            verified.checks.find((c) => c.id === id) ?? { status: 'unknown', summary: `verify ran no ${id} check` },
        );
  const mismatch = subnetMismatch(item, verified, plannedSubnet);
  if (mismatch) judged.push(mismatch);
  else if (judged.length === 0 && inPlannedSubnet(item, verified, plannedSubnet)) judged.push(IN_PLANNED_SUBNET);
  if (judged.length === 0) return undefined;
  const status = worstStatus(judged.map((j) => j.status));
  const worst = status === 'pass' ? [] : judged.filter((j) => j.status === status).map((j) => j.summary);
  const more = worst.length - MAX_FOUND;
  const found = more > 0 ? [...worst.slice(0, MAX_FOUND), `and ${more} more`] : worst;
  return { itemHash: itemContentHash(item), status, found };
}

/**
 * What the verification found for each item. Only items as the plan makes them now are judged (the verification
 * checked that plan): an item of a checklist posted before the plan changed gets no finding and is counted as
 * outdated. A verification of the current DMS judges none of a classic checklist's items.
 */
export function verificationOf(
  checklist: Pick<Checklist, 'topology' | 'items'>,
  verified: VerifiedNetwork,
  planned: PlannedChecklist | undefined,
): ChecklistVerification {
  const findings: Record<string, ItemFinding> = {};
  let outdatedItems = 0;
  if (verified.dms === 'classic') {
    const asPlanned = (item: ChecklistItem) =>
      planned?.topology === checklist.topology &&
      planned.items.some((p) => p.id === item.id && itemContentHash(p) === itemContentHash(item));
    for (const item of checklist.items) {
      if (!asPlanned(item)) {
        outdatedItems++;
        continue;
      }
      const finding = findingOfItem(item, checklist.topology, verified, planned?.dmsSubnet);
      if (finding) findings[item.id] = finding;
    }
  }
  return { at: verified.at, dms: verified.dms, findings, outdatedItems };
}

/**
 * The checklist with this verification as its last one; undefined when it already holds a later one (reads that
 * finish out of order never replace a newer verification).
 */
export function recordVerification(
  checklist: Checklist,
  verified: VerifiedNetwork,
  planned: PlannedChecklist | undefined,
  now: string,
): Checklist | undefined {
  if (checklist.verification && checklist.verification.at > verified.at) return undefined;
  return {
    ...checklist,
    verification: verificationOf(checklist, verified, planned),
    revision: checklist.revision + 1,
    updatedAt: now,
  };
}
