// The verify use case, one for the bot and the CLI: the options from what the person gave (typed flags, or the
// conversation's plan), which DMS is verified (classic, or the current one: sqlMigrationServices), the verification,
// and what both surfaces show around the result (the counts, the rules and source ranges the diagram draws).
// Reading the inventory is the surface's: the CLI reads a snapshot or Azure, the bot shares cached reads.
import { ipv4Prefixes } from '../network/cidr';
import {
  dmsKindFor,
  verifyCurrentDms,
  type CurrentDmsVerifyOptions,
  type CurrentDmsVerifyResult,
} from '../network/current-dms-verify';
import { sameId, vnetIdOfSubnet, type Inventory } from '../network/model';
import { verify, type CheckStatus, type VerifyOptions, type VerifyResult } from '../network/verifier';
import { requiredRules, type DmsKind, type RequiredRules, type RuleParameters, type TopologyId } from '../planning';

export interface VerifyRequest {
  /** The managed instance and the DMS, when the inventory holds several. */
  miName?: string;
  dmsName?: string;
  /** Which DMS is verified; default: from the inventory (`dmsKindFor`). */
  dmsKind?: DmsKind;
  /** The classic DMS's options: the rule parameters and the planned topology. */
  classic: Omit<VerifyOptions, 'miName' | 'dmsName'>;
  /** The current DMS's options: backups, source version, storage accounts, the runtime's host and addresses. */
  current: Omit<CurrentDmsVerifyOptions, 'miName' | 'dmsName'>;
}

export type VerifyOutcome =
  | {
      dms: 'classic';
      result: VerifyResult;
      /** The source ranges the flows were checked from (given, else the local network gateways' prefixes). */
      sourceRanges: string[];
      /** The rules required with those ranges, as the diagram draws them. */
      rules: RequiredRules;
      /** The IPv4 prefixes of the DMS's subnet, as read (the checklist compares them with the planned subnet). */
      dmsSubnetPrefixes: string[];
    }
  | { dms: 'current'; result: CurrentDmsVerifyResult };

/** The classic options from validated rule parameters (no source ranges: the verifier takes the gateways'). */
export function classicOptionsOf(parameters: RuleParameters, plannedTopology?: TopologyId): VerifyRequest['classic'] {
  return {
    sourceRanges: parameters.sourceRanges.length > 0 ? [...parameters.sourceRanges] : undefined,
    sqlPort: parameters.sqlPort,
    namedInstance: parameters.namedInstance,
    smb: parameters.smb,
    ruleset: parameters.ruleset,
    ...(plannedTopology ? { plannedTopology } : {}),
  };
}

/** Which DMS the request is about: as asked, else the current one when the inventory (or the name) says so. */
export function dmsKindOf(inventory: Inventory, request: Pick<VerifyRequest, 'dmsKind' | 'dmsName'>): DmsKind {
  return request.dmsKind ?? dmsKindFor(inventory, request.dmsName);
}

/** The on-premises IPv4 prefixes of the local network gateways: the source ranges when none were given. */
function localGatewayPrefixes(inventory: Inventory): string[] {
  return [...new Set(ipv4Prefixes(inventory.localNetworkGateways.flatMap((g) => g.addressPrefixes)))];
}

/** The IPv4 prefixes of a subnet of the inventory; [] when it was not read. */
function subnetPrefixes(inventory: Inventory, subnetId: string): string[] {
  const vnet = inventory.virtualNetworks.find((v) => sameId(v.id, vnetIdOfSubnet(subnetId)));
  return ipv4Prefixes(vnet?.subnets.find((s) => sameId(s.id, subnetId))?.addressPrefixes ?? []);
}

/** Verifies the inventory; throws VerifyInputError (structured: field, kind, values) when it cannot start. */
export function verifyInventory(inventory: Inventory, request: VerifyRequest): VerifyOutcome {
  const names = { miName: request.miName, dmsName: request.dmsName };
  if (dmsKindOf(inventory, request) === 'current') {
    return { dms: 'current', result: verifyCurrentDms(inventory, { ...request.current, ...names }) };
  }
  const result = verify(inventory, { ...request.classic, ...names });
  const sourceRanges = request.classic.sourceRanges ?? localGatewayPrefixes(inventory);
  return {
    dms: 'classic',
    result,
    sourceRanges,
    rules: requiredRules({ ...request.classic, sourceRanges }),
    dmsSubnetPrefixes: subnetPrefixes(inventory, result.dms.subnetId),
  };
}

export type Tally = Record<CheckStatus, number>;

/** How many checks pass, fail, warn and are unknown. */
export function tally(checks: readonly { status: CheckStatus }[]): Tally {
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  return { pass: count('pass'), fail: count('fail'), warn: count('warn'), unknown: count('unknown') };
}

/** '3 pass, 1 fail, 0 warn, 2 unknown': the summary both surfaces show. */
export function describeTally(t: Tally): string {
  return `${t.pass} pass, ${t.fail} fail, ${t.warn} warn, ${t.unknown} unknown`;
}
