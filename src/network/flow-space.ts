// A flow as a box in five dimensions (protocol, source address, source port, destination address,
// destination port), each an interval set. Rules carve boxes into the parts they decide.
import { IntervalSet, intersect, isEmpty, subtract } from './intervals';

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
