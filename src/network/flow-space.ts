// A flow as a box in five dimensions (protocol, source address, source port, destination address,
// destination port), each an interval set. Rules carve boxes into the parts they decide.
import { Flow, FlowEndpoint } from './flow-types';
import { IntervalSet, intersect, isEmpty, normalize, subtract } from './intervals';
import { RuleProtocol } from './model';

export type Box = readonly IntervalSet[];

export const DIM = { protocol: 0, srcAddr: 1, srcPort: 2, dstAddr: 3, dstPort: 4 } as const;

export function intersectBox(a: Box, b: Box): Box | undefined {
  const out: IntervalSet[] = [];
  for (let i = 0; i < a.length; i++) {
    const s = intersect(a[i], b[i]);
    if (isEmpty(s)) return undefined;
    out.push(s);
  }
  return out;
}

/** a minus b as disjoint boxes: peel off one dimension at a time. */
export function subtractBox(a: Box, b: Box): Box[] {
  const out: Box[] = [];
  const prefix: IntervalSet[] = [];
  for (let i = 0; i < a.length; i++) {
    const outside = subtract(a[i], b[i]);
    if (!isEmpty(outside)) out.push([...prefix, outside, ...a.slice(i + 1)]);
    const inside = intersect(a[i], b[i]);
    if (isEmpty(inside)) return out;
    prefix.push(inside);
  }
  return out;
}

export const PROTOCOL_NUMBERS: Record<Exclude<RuleProtocol, '*'>, number> = {
  Icmp: 1,
  Tcp: 6,
  Udp: 17,
  Esp: 50,
  Ah: 51,
};
export const ALL_PROTOCOLS: IntervalSet = [[0, 255]];
export const ALL_PORTS: IntervalSet = [[0, 65535]];
/** A public service flow's address dimension: one point that a rule either covers or not. */
export const SERVICE_ATOM: IntervalSet = [[0, 0]];

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

export function endpointSet(endpoint: FlowEndpoint): IntervalSet {
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
