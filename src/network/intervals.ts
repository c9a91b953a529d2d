// Sets of non-negative integers as sorted, disjoint, non-adjacent closed intervals [start, end].
// Used for IPv4 addresses (uint32), ports (0-65535) and IP protocol numbers (0-255).

export type Interval = readonly [number, number];
export type IntervalSet = readonly Interval[];

export const EMPTY: IntervalSet = [];

/** Sorts and merges overlapping or adjacent intervals; drops inverted ones. */
export function normalize(intervals: readonly Interval[]): IntervalSet {
  const sorted = intervals.filter(([s, e]) => s <= e).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function isEmpty(set: IntervalSet): boolean {
  return set.length === 0;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return normalize([...a, ...b]);
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i][0], b[j][0]);
    const e = Math.min(a[i][1], b[j][1]);
    if (s <= e) out.push([s, e]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

/** a minus b. */
export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: [number, number][] = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    while (j < b.length && b[j][1] < s) j++;
    let k = j;
    while (k < b.length && b[k][0] <= e && s <= e) {
      if (b[k][0] > s) out.push([s, b[k][0] - 1]);
      s = b[k][1] + 1;
      k++;
    }
    if (s <= e) out.push([s, e]);
  }
  return out;
}

/** True when every member of `inner` is in `outer`. */
export function contains(outer: IntervalSet, inner: IntervalSet): boolean {
  return isEmpty(subtract(inner, outer));
}

export function equals(a: IntervalSet, b: IntervalSet): boolean {
  return a.length === b.length && a.every(([s, e], i) => s === b[i][0] && e === b[i][1]);
}

export function size(set: IntervalSet): number {
  return set.reduce((n, [s, e]) => n + (e - s + 1), 0);
}
