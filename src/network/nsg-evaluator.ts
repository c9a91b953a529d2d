// NSG evaluation with Azure semantics: custom rules by priority, then the six default rules; the first
// rule matching a part of the flow decides that part. Layers (subnet NSG, NIC NSG) are applied in the
// order given and must all allow. See the Azure docs: how network security groups filter network traffic.
import { addressMatch } from './address-match';
import { describeFlowPart, describePart } from './flow-description';
import { Box, DIM, flowBox, intersectBox, parsePorts, protocolSet, subtractBox } from './flow-space';
import {
  DecidingRule,
  EvaluationContext,
  Flow,
  FlowPart,
  FlowVerdict,
  NsgLayer,
  PartOutcome,
  Verdict,
} from './flow-types';
import { IntervalSet, intersect, isEmpty, union } from './intervals';
import { Access, NetworkSecurityGroup, RuleDirection, SecurityRule } from './model';

export * from './flow-types';
export { describeFlowPart, describeRule } from './flow-description';
export { flowBox, parsePorts, protocolSet } from './flow-space';

export const DEFAULT_RULES: readonly SecurityRule[] = [
  defaultRule('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
  defaultRule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
  defaultRule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'),
  defaultRule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
];

function defaultRule(
  name: string,
  priority: number,
  direction: RuleDirection,
  access: Access,
  source: string,
  destination: string,
): SecurityRule {
  return {
    name,
    priority,
    direction,
    access,
    protocol: '*',
    sourceAddressPrefixes: [source],
    destinationAddressPrefixes: [destination],
    sourceApplicationSecurityGroups: [],
    destinationApplicationSecurityGroups: [],
    sourcePortRanges: ['*'],
    destinationPortRanges: ['*'],
  };
}

interface RuleRegion {
  sure?: Box;
  possible?: Box;
  why?: string;
  /** The rule itself cannot be read (a malformed prefix or port, a missing field): what it may match stays unknown. */
  unreadable?: boolean;
}

interface ParsedRule {
  protocol: IntervalSet;
  sourcePorts: IntervalSet;
  destinationPorts: IntervalSet;
}

// Rules are evaluated against many flows: parse their protocol and ports once.
const parsedRules = new WeakMap<SecurityRule, ParsedRule>();

function parsedRule(rule: SecurityRule): ParsedRule {
  let p = parsedRules.get(rule);
  if (!p) {
    p = {
      protocol: protocolSet(rule.protocol),
      sourcePorts: parsePorts(rule.sourcePortRanges),
      destinationPorts: parsePorts(rule.destinationPortRanges),
    };
    parsedRules.set(rule, p);
  }
  return p;
}

function overlaps(a: IntervalSet, b: IntervalSet): boolean {
  return !isEmpty(intersect(a, b));
}

/** A rule the evaluator cannot read leaves whatever reaches it undecided: never a guess. */
function ruleRegion(rule: SecurityRule, flow: Flow, full: Box, ctx: EvaluationContext): RuleRegion {
  const missing = [
    rule.destinationPortRanges.length === 0 && 'destination ports',
    rule.sourcePortRanges.length === 0 && 'source ports',
    rule.sourceAddressPrefixes.length + rule.sourceApplicationSecurityGroups.length === 0 && 'source addresses',
    rule.destinationAddressPrefixes.length + rule.destinationApplicationSecurityGroups.length === 0 &&
      'destination addresses',
  ].filter(Boolean);
  if (missing.length) {
    return { possible: full, why: `rule ${rule.name} has no ${missing.join(', ')} in the inventory`, unreadable: true };
  }
  try {
    return readableRuleRegion(rule, flow, full, ctx);
  } catch (e) {
    return {
      possible: full,
      why: `rule ${rule.name} cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      unreadable: true,
    };
  }
}

function readableRuleRegion(rule: SecurityRule, flow: Flow, full: Box, ctx: EvaluationContext): RuleRegion {
  const { protocol: proto, sourcePorts: sport, destinationPorts: dport } = parsedRule(rule);
  // Cheap dimensions first: most rules miss a flow on protocol or port.
  if (
    !overlaps(proto, full[DIM.protocol]) ||
    !overlaps(dport, full[DIM.dstPort]) ||
    !overlaps(sport, full[DIM.srcPort])
  ) {
    return {};
  }
  const src = addressMatch(rule.sourceAddressPrefixes, rule.sourceApplicationSecurityGroups, flow.source, ctx);
  const dst = addressMatch(
    rule.destinationAddressPrefixes,
    rule.destinationApplicationSecurityGroups,
    flow.destination,
    ctx,
  );
  const sureBox = [proto, src.sure, sport, dst.sure, dport];
  const possibleBox = [proto, union(src.sure, src.maybe), sport, union(dst.sure, dst.maybe), dport];
  return {
    sure: sureBox.some(isEmpty) ? undefined : sureBox,
    possible: possibleBox.some(isEmpty) ? undefined : possibleBox,
    why: [src.why, dst.why].filter(Boolean).join('; ') || undefined,
  };
}

interface Decided {
  box: Box;
  outcome: PartOutcome;
  rule?: DecidingRule;
  why?: string;
}

export function rulesInOrder(nsg: NetworkSecurityGroup, direction: RuleDirection): SecurityRule[] {
  const custom = nsg.securityRules
    .filter((r) => r.direction === direction)
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  return [...custom, ...DEFAULT_RULES.filter((r) => r.direction === direction)];
}

/**
 * The first custom rule of the NSG (in the flow's direction) that may decide part of the flow other than by allowing
 * it: a deny rule that may match it, or a rule that cannot be read. A rule allowing the whole flow placed before it
 * allows the flow in this NSG whatever the later rules say.
 */
export function firstRuleThatMayBlock(
  nsg: NetworkSecurityGroup,
  flow: Flow,
  ctx: EvaluationContext,
): SecurityRule | undefined {
  const full = flowBox(flow);
  for (const rule of rulesInOrder(nsg, flow.direction)) {
    if (DEFAULT_RULES.includes(rule)) return undefined;
    const region = ruleRegion(rule, flow, full, ctx);
    if (region.possible && (rule.access === 'Deny' || region.unreadable)) return rule;
  }
  return undefined;
}

/** An uncertain rule a part of the flow went past: it may have matched that part, or not. */
interface Passed {
  rule: DecidingRule;
  why?: string;
}

/** A part of the flow no rule of the layer has decided yet, with the uncertain rules it went past. */
interface Open {
  box: Box;
  passed: readonly Passed[];
}

/**
 * Every outcome. A rule whose addresses the inventory cannot resolve (an application security group without known
 * members, a service tag whose ranges are not listed, a VirtualNetwork tag that is not fully known) may or may not
 * match a part of the flow. The evaluator follows both branches: "it matches" ends with that rule's access, "it does
 * not" goes on to the later rules. So the outcomes of a part are the access of each uncertain rule it went past plus
 * the access of the first rule that surely matches it (a default rule at the latest). When all of them are the same,
 * that is the part's verdict, reported with the rule that surely matches it; otherwise the part is unknown, blamed on
 * the first uncertain rule whose access differs. Uncertain rules are taken as independent (two rules naming the same
 * ASG are not linked), which can only add outcomes, never drop a real one: a verdict reached this way holds whatever
 * the unknown members or ranges are. A rule that cannot be read at all (see ruleRegion) is not settled this way: the
 * parts it may match are unknown, naming it, so a malformed inventory is always shown.
 */
function settle(box: Box, passed: readonly Passed[], rule: DecidingRule): Decided {
  const differing = passed.find((p) => p.rule.access !== rule.access);
  if (differing) return { box, outcome: 'unknown', rule: differing.rule, why: differing.why };
  const outcome: PartOutcome = rule.access === 'Allow' ? 'allow' : 'deny';
  if (passed.length === 0) return { box, outcome, rule };
  const names = passed.map((p) => `${p.rule.name} (${p.rule.priority})`).join(', ');
  const whys = [...new Set(passed.map((p) => p.why).filter(Boolean))].join('; ');
  return { box, outcome, rule, why: `the same whether or not ${names} matches: ${whys}` };
}

function evaluateLayer(flow: Flow, boxes: Box[], layer: NsgLayer): Decided[] {
  const nsg = layer.nsg;
  if (!nsg) return boxes.map((box) => ({ box, outcome: 'allow' }));
  const decided: Decided[] = [];
  let remaining: Open[] = boxes.map((box) => ({ box, passed: [] }));
  const full = flowBox(flow);
  for (const rule of rulesInOrder(nsg, flow.direction)) {
    if (remaining.length === 0) break;
    const region = ruleRegion(rule, flow, full, layer.context);
    if (!region.possible) continue;
    const deciding: DecidingRule = {
      nsg: nsg.name,
      nsgId: nsg.id,
      name: rule.name,
      priority: rule.priority,
      access: rule.access,
      isDefault: DEFAULT_RULES.includes(rule),
    };
    const next: Open[] = [];
    for (const open of remaining) {
      let rest: Box[] = [open.box];
      if (region.sure) {
        const hit = intersectBox(open.box, region.sure);
        if (hit) {
          decided.push(settle(hit, open.passed, deciding));
          rest = subtractBox(open.box, region.sure);
        }
      }
      for (const r of rest) {
        const maybe = intersectBox(r, region.possible);
        if (!maybe) {
          next.push({ box: r, passed: open.passed });
          continue;
        }
        if (region.unreadable) decided.push({ box: maybe, outcome: 'unknown', rule: deciding, why: region.why });
        else next.push({ box: maybe, passed: [...open.passed, { rule: deciding, why: region.why }] });
        for (const outside of subtractBox(r, region.possible)) next.push({ box: outside, passed: open.passed });
      }
    }
    remaining = next;
  }
  return decided;
}

/** Evaluates a flow through NSG layers in order; every layer must allow. */
export function evaluateFlow(flow: Flow, layers: readonly NsgLayer[]): FlowVerdict {
  if (flowBox(flow).some(isEmpty)) {
    // e.g. an IPv6-only subnet: no IPv4 address to check, and an empty flow must never read as allowed
    const part: FlowPart = { outcome: 'unknown', part: 'all of it', why: 'the flow has no IPv4 address to check' };
    return { verdict: 'unknown', parts: [part], summary: describeFlowPart(part) };
  }
  let decided: Decided[] = [{ box: flowBox(flow), outcome: 'allow' }];
  for (const layer of layers) {
    const out: Decided[] = [];
    for (const d of decided) {
      if (d.outcome === 'deny') {
        out.push(d);
        continue;
      }
      // Allowed and uncertain parts go through the next layer: a later deny is certain either way.
      for (const n of evaluateLayer(flow, [d.box], layer)) {
        if (d.outcome === 'unknown' && n.outcome !== 'deny') out.push({ ...d, box: n.box });
        else out.push(n.outcome === 'allow' && !n.rule ? { ...n, rule: d.rule } : n);
      }
    }
    decided = out;
  }
  return summarize(flow, decided);
}

/** Inbound: subnet NSG then NIC NSG; outbound: NIC NSG then subnet NSG. */
export function layersInOrder(direction: RuleDirection, subnet: NsgLayer, nic?: NsgLayer): NsgLayer[] {
  if (!nic) return [subnet];
  return direction === 'Inbound' ? [subnet, nic] : [nic, subnet];
}

function ruleKey(r?: DecidingRule): string {
  return r ? `${r.nsgId.toLowerCase()}|${r.name}|${r.priority}` : '-';
}

function summarize(flow: Flow, decided: Decided[]): FlowVerdict {
  const full = flowBox(flow);
  const groups = new Map<string, Decided[]>();
  for (const d of decided) {
    const key = `${d.outcome}|${ruleKey(d.rule)}|${d.why ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const parts: FlowPart[] = [...groups.values()].map((ds) => ({
    outcome: ds[0].outcome,
    rule: ds[0].rule,
    part: describePart(
      full,
      ds.map((d) => d.box),
      flow,
      groups.size,
    ),
    why: [...new Set(ds.map((d) => d.why).filter(Boolean))].join('; ') || undefined,
  }));
  const order: Record<PartOutcome, number> = { deny: 0, unknown: 1, allow: 2 };
  parts.sort((a, b) => order[a.outcome] - order[b.outcome] || (a.rule?.priority ?? 0) - (b.rule?.priority ?? 0));
  const has = (o: PartOutcome): boolean => parts.some((p) => p.outcome === o);
  const verdict: Verdict = has('unknown') ? 'unknown' : !has('deny') ? 'allow' : has('allow') ? 'warn' : 'deny';
  const decidingPart =
    verdict === 'unknown'
      ? parts.find((p) => p.outcome === 'unknown')
      : verdict === 'allow'
        ? parts[0]
        : parts.find((p) => p.outcome === 'deny');
  return { verdict, decidingRule: decidingPart?.rule, parts, summary: parts.map(describeFlowPart).join('; ') };
}
