// NSG evaluation with Azure semantics: custom rules by priority, then the six default rules; the first
// rule matching a part of the flow decides that part. Layers (subnet NSG, NIC NSG) are applied in the
// order given and must all allow. See azure-facts.md, "NSG evaluation".
import { ALL_IPV4, cidrSet, formatAddresses, NON_PUBLIC_IPV4, PUBLIC_IPV4 } from './cidr';
import { Box, DIM, intersectBox, subtractBox } from './flow-space';
import { EMPTY, IntervalSet, contains, equals, intersect, isEmpty, normalize, subtract, union } from './intervals';
import { Access, NetworkSecurityGroup, RuleDirection, RuleProtocol, SecurityRule } from './model';
import { AZURE_LOAD_BALANCER_IP, normalizeRegion, parseServiceTag } from './service-tags';

const AZURE_LB = cidrSet([AZURE_LOAD_BALANCER_IP]);

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
  /** Region of the VNet, for regional service tags. */
  region?: string;
  /** ASG id (lower case) → addresses of its members, when known. */
  applicationSecurityGroups?: ReadonlyMap<string, IntervalSet>;
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

const PROTOCOL_NUMBERS: Record<Exclude<RuleProtocol, '*'>, number> = { Icmp: 1, Tcp: 6, Udp: 17, Esp: 50, Ah: 51 };
const ALL_PROTOCOLS: IntervalSet = [[0, 255]];
const ALL_PORTS: IntervalSet = [[0, 65535]];
const SERVICE_ATOM: IntervalSet = [[0, 0]];

export function protocolSet(protocol: string): IntervalSet {
  if (protocol === '*') return ALL_PROTOCOLS;
  const key = (Object.keys(PROTOCOL_NUMBERS) as (keyof typeof PROTOCOL_NUMBERS)[]).find(
    (p) => p.toLowerCase() === protocol.toLowerCase(),
  );
  if (!key) throw new Error(`Unknown NSG protocol "${protocol}" (expected Tcp, Udp, Icmp, Esp, Ah or *)`);
  return [[PROTOCOL_NUMBERS[key], PROTOCOL_NUMBERS[key]]];
}

/** Parses NSG port specs: '*', '443', '11000-11999' (lists are arrays of these). */
export function parsePorts(specs: readonly string[]): IntervalSet {
  const out: [number, number][] = [];
  for (const raw of specs) {
    for (const spec of raw.split(',').map((s) => s.trim())) {
      if (spec === '*') return ALL_PORTS;
      const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(spec);
      const lo = m ? Number(m[1]) : NaN;
      const hi = m ? Number(m[2] ?? m[1]) : NaN;
      if (!m || lo > hi || hi > 65535) {
        throw new Error(`Invalid port range "${spec}" (expected *, a port 0-65535 or a range a-b)`);
      }
      out.push([lo, hi]);
    }
  }
  return normalize(out);
}

interface DimMatch {
  sure: IntervalSet;
  maybe: IntervalSet;
  why?: string;
}

const none = (): DimMatch => ({ sure: EMPTY, maybe: EMPTY });

function addressMatch(
  prefixes: readonly string[],
  asgs: readonly string[],
  endpoint: FlowEndpoint,
  ctx: EvaluationContext,
): DimMatch {
  let sure: IntervalSet = EMPTY;
  let maybe: IntervalSet = EMPTY;
  const whys: string[] = [];
  const add = (m: DimMatch): void => {
    sure = union(sure, m.sure);
    maybe = union(maybe, m.maybe);
    if (m.why && !isEmpty(m.maybe)) whys.push(m.why);
  };
  for (const p of prefixes) add(endpoint.kind === 'service' ? prefixForService(p, endpoint) : prefixForRanges(p, ctx));
  for (const id of asgs) {
    if (endpoint.kind === 'service') continue; // ASG members are NICs in a VNet, never a public service
    const members = ctx.applicationSecurityGroups?.get(id.toLowerCase());
    if (members) add({ sure: members, maybe: EMPTY });
    else
      add({
        sure: EMPTY,
        maybe: ctx.localVnet,
        why: `application security group ${lastSegment(id)} has no known members`,
      });
  }
  return { sure, maybe: subtract(maybe, sure), why: whys.join('; ') || undefined };
}

function prefixForRanges(prefix: string, ctx: EvaluationContext): DimMatch {
  const p = prefix.trim();
  if (p === '*') return { sure: ALL_IPV4, maybe: EMPTY };
  const tag = parseServiceTag(p);
  if (!tag) return { sure: cidrSet([p]), maybe: EMPTY };
  if (!tag.known) return { sure: EMPTY, maybe: ALL_IPV4, why: `service tag ${p} is not known to the evaluator` };
  const vn = ctx.virtualNetwork;
  switch (tag.base) {
    case 'VirtualNetwork':
      return { sure: vn.known, maybe: vn.uncertain, why: vn.uncertainWhy };
    case 'Internet':
      return {
        sure: subtract(PUBLIC_IPV4, union(vn.known, vn.uncertain)),
        maybe: subtract(vn.uncertain, NON_PUBLIC_IPV4),
        why: vn.uncertainWhy,
      };
    case 'AzureLoadBalancer':
      return { sure: AZURE_LB, maybe: EMPTY };
    default:
      return { sure: EMPTY, maybe: PUBLIC_IPV4, why: `the addresses of service tag ${p} are not in the inventory` };
  }
}

function prefixForService(prefix: string, target: { tag: string; region?: string }): DimMatch {
  const p = prefix.trim();
  const yes: DimMatch = { sure: SERVICE_ATOM, maybe: EMPTY };
  if (p === '*') return yes;
  const tag = parseServiceTag(p);
  if (!tag) {
    const range = cidrSet([p]);
    if (equals(range, ALL_IPV4)) return yes;
    if (contains(NON_PUBLIC_IPV4, range)) return none();
    return {
      sure: EMPTY,
      maybe: SERVICE_ATOM,
      why: `public prefix ${p} may or may not hold ${target.tag}'s addresses`,
    };
  }
  if (!tag.known) return { sure: EMPTY, maybe: SERVICE_ATOM, why: `service tag ${p} is not known to the evaluator` };
  if (tag.base === 'Internet') return yes;
  if (tag.base !== 'AzureCloud' && tag.base.toLowerCase() !== target.tag.toLowerCase()) return none();
  if (tag.region === undefined) return yes;
  if (target.region === undefined) {
    return { sure: EMPTY, maybe: SERVICE_ATOM, why: `regional tag ${p} and the service's region is not known` };
  }
  return tag.region === normalizeRegion(target.region) ? yes : none();
}

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

function endpointSet(endpoint: FlowEndpoint): IntervalSet {
  return endpoint.kind === 'service' ? SERVICE_ATOM : endpoint.ranges;
}

export function flowBox(flow: Flow): Box {
  return [
    protocolSet(flow.protocol),
    endpointSet(flow.source),
    flow.sourcePorts ?? ALL_PORTS,
    endpointSet(flow.destination),
    flow.destinationPorts,
  ];
}

interface RuleRegion {
  sure?: Box;
  possible?: Box;
  why?: string;
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
  if (missing.length) return { possible: full, why: `rule ${rule.name} has no ${missing.join(', ')} in the inventory` };
  try {
    return readableRuleRegion(rule, flow, full, ctx);
  } catch (e) {
    return { possible: full, why: `rule ${rule.name} cannot be read: ${e instanceof Error ? e.message : String(e)}` };
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

function evaluateLayer(flow: Flow, boxes: Box[], layer: NsgLayer): Decided[] {
  const nsg = layer.nsg;
  if (!nsg) return boxes.map((box) => ({ box, outcome: 'allow' }));
  const decided: Decided[] = [];
  let remaining = boxes;
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
    const next: Box[] = [];
    for (const box of remaining) {
      let rest: Box[] = [box];
      if (region.sure) {
        const hit = intersectBox(box, region.sure);
        if (hit) {
          decided.push({ box: hit, outcome: rule.access === 'Allow' ? 'allow' : 'deny', rule: deciding });
          rest = subtractBox(box, region.sure);
        }
      }
      for (const r of rest) {
        const maybe = intersectBox(r, region.possible);
        if (!maybe) {
          next.push(r);
          continue;
        }
        decided.push({ box: maybe, outcome: 'unknown', rule: deciding, why: region.why });
        next.push(...subtractBox(r, region.possible));
      }
    }
    remaining = next;
  }
  return decided;
}

/** Evaluates a flow through NSG layers in order; every layer must allow. */
export function evaluateFlow(flow: Flow, layers: readonly NsgLayer[]): FlowVerdict {
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

export function describeRule(r: DecidingRule): string {
  return `${r.name} (${r.priority}) in NSG ${r.nsg}`;
}

function summarize(flow: Flow, decided: Decided[]): FlowVerdict {
  const full = flowBox(flow);
  const groups = new Map<string, Decided[]>();
  for (const d of decided) {
    const key = `${d.outcome}|${ruleKey(d.rule)}`;
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

export function describeFlowPart(p: FlowPart): string {
  if (p.part === 'all of it') return describeFlowPart({ ...p, part: '' }).trimStart();
  const verb = p.outcome === 'allow' ? 'allowed' : p.outcome === 'deny' ? 'denied' : 'undecided';
  const by = p.rule ? ` by ${describeRule(p.rule)}` : ' (no NSG attached)';
  const why = p.why ? ` (${p.why})` : '';
  return `${p.part} ${verb}${by}${why}`;
}

const PROTOCOL_NAMES: [number, string][] = [
  [1, 'ICMP'],
  [6, 'TCP'],
  [17, 'UDP'],
  [50, 'ESP'],
  [51, 'AH'],
];

function describeProtocols(set: IntervalSet): string {
  const names = PROTOCOL_NAMES.filter(([n]) => contains(set, [[n, n]])).map(([, name]) => name);
  const others = subtract(set, normalize(PROTOCOL_NAMES.map(([n]) => [n, n] as [number, number])));
  if (!isEmpty(others)) names.push('other protocols');
  return names.join('/');
}

function describePorts(set: IntervalSet): string {
  if (equals(set, ALL_PORTS)) return 'any port';
  const text = set.map(([s, e]) => (s === e ? `${s}` : `${s}-${e}`)).join(', ');
  return set.length === 1 && set[0][0] === set[0][1] ? `port ${text}` : `ports ${text}`;
}

function describeEndpoint(endpoint: FlowEndpoint, set: IntervalSet): string {
  return endpoint.kind === 'service' ? endpoint.tag : formatAddresses(set);
}

function describePart(full: Box, boxes: Box[], flow: Flow, partCount: number): string {
  const dims = full.map((_, i) => normalize(boxes.flatMap((b) => b[i])));
  const words: string[] = [];
  if (!equals(dims[DIM.protocol], full[DIM.protocol])) words.push(describeProtocols(dims[DIM.protocol]));
  if (!equals(dims[DIM.srcAddr], full[DIM.srcAddr]))
    words.push(`from ${describeEndpoint(flow.source, dims[DIM.srcAddr])}`);
  if (!equals(dims[DIM.srcPort], full[DIM.srcPort])) words.push(`source ${describePorts(dims[DIM.srcPort])}`);
  if (!equals(dims[DIM.dstAddr], full[DIM.dstAddr])) words.push(describeEndpoint(flow.destination, dims[DIM.dstAddr]));
  if (!equals(dims[DIM.dstPort], full[DIM.dstPort])) words.push(describePorts(dims[DIM.dstPort]));
  if (words.length) return words.join(' ');
  // Pieces spread over every dimension: no single range names them, but they are what the other parts leave.
  return partCount === 1 ? 'all of it' : 'other traffic';
}
