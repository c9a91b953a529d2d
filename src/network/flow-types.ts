// Flows, evaluation contexts and verdicts of the NSG evaluator.
import { IntervalSet } from './intervals';
import { Access, NetworkSecurityGroup, RuleDirection, RuleProtocol } from './model';

/** A flow endpoint: address ranges, or an Azure public service reached by name (e.g. ServiceBus in westeurope). */
export type FlowEndpoint =
  { kind: 'ranges'; ranges: IntervalSet; label?: string } | { kind: 'service'; tag: string; region?: string };

export interface Flow {
  direction: RuleDirection;
  protocol: RuleProtocol;
  source: FlowEndpoint;
  destination: FlowEndpoint;
  destinationPorts: IntervalSet;
  /** Defaults to every port. */
  sourcePorts?: IntervalSet;
}

/** An address set some of which is known and some of which may or may not belong to it. */
export interface ResolvedSet {
  known: IntervalSet;
  uncertain: IntervalSet;
  uncertainWhy?: string;
}

/** What a tag or ASG means where an NSG applies (the VNet of its subnet). */
export interface EvaluationContext {
  virtualNetwork: ResolvedSet;
  /** The VNet's own address space: where ASG members live. */
  localVnet: IntervalSet;
  /** On-premises prefixes the VNet reaches (its local network gateways'): no public service tag holds them. */
  onPremises?: IntervalSet;
  /** Region of the VNet, for regional service tags. */
  region?: string;
  /** ASG id (lower case) → addresses of its members, when known. */
  applicationSecurityGroups?: ReadonlyMap<string, IntervalSet>;
  /**
   * Prefixes of the user-defined routes of the subnet: VirtualNetwork holds them too (service tags docs, "address
   * prefixes used on user-defined routes"), without taking them out of Internet.
   */
  virtualNetworkRoutes?: IntervalSet;
}

export interface NsgLayer {
  /** Undefined when nothing is attached: the layer does not filter. */
  nsg?: NetworkSecurityGroup;
  context: EvaluationContext;
  /** Where the NSG is attached, for messages: 'subnet dms' or 'NIC dms-nic'. */
  attachedTo: string;
}

export interface DecidingRule {
  nsg: string;
  nsgId: string;
  name: string;
  priority: number;
  access: Access;
  isDefault: boolean;
}

export type PartOutcome = 'allow' | 'deny' | 'unknown';

export interface FlowPart {
  outcome: PartOutcome;
  /** Undefined when the part was decided by no NSG at all (no NSG attached anywhere). */
  rule?: DecidingRule;
  /** Which part of the flow, e.g. '10.2.0.0/16 port 1433' or 'all of it'. */
  part: string;
  why?: string;
}

export type Verdict = 'allow' | 'deny' | 'warn' | 'unknown';

export interface FlowVerdict {
  verdict: Verdict;
  /** The rule that decided the flow (for warn/unknown: the one that denied or left it uncertain). */
  decidingRule?: DecidingRule;
  parts: FlowPart[];
  summary: string;
}
