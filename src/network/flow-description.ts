// Words for verdicts: which part of a flow, allowed or denied by which rule.
import { formatAddresses } from './cidr';
import { ALL_PORTS, Box, DIM } from './flow-space';
import { DecidingRule, Flow, FlowEndpoint, FlowPart } from './flow-types';
import { IntervalSet, contains, equals, isEmpty, normalize, subtract } from './intervals';

export function describeRule(r: DecidingRule): string {
  return `${r.name} (${r.priority}) in NSG ${r.nsg}`;
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

export function describePart(full: Box, boxes: Box[], flow: Flow, partCount: number): string {
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
