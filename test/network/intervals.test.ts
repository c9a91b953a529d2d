import fc from 'fast-check';
import { Interval, contains, intersect, normalize, size, subtract, union } from '../../src/network/intervals';

describe('interval sets', () => {
  it.each<[string, Interval[], Interval[]]>([
    [
      'merges overlaps',
      [
        [5, 10],
        [1, 6],
      ],
      [[1, 10]],
    ],
    [
      'merges adjacent',
      [
        [1, 2],
        [3, 4],
      ],
      [[1, 4]],
    ],
    [
      'keeps gaps',
      [
        [1, 2],
        [4, 5],
      ],
      [
        [1, 2],
        [4, 5],
      ],
    ],
    [
      'drops inverted',
      [
        [5, 1],
        [7, 7],
      ],
      [[7, 7]],
    ],
  ])('normalize %s', (_name, input, expected) => {
    expect(normalize(input)).toEqual(expected);
  });

  it.each<[string, Interval[], Interval[], Interval[], Interval[], Interval[]]>([
    // name, a, b, a∪b, a∩b, a−b
    [
      'disjoint',
      [[1, 3]],
      [[5, 6]],
      [
        [1, 3],
        [5, 6],
      ],
      [],
      [[1, 3]],
    ],
    ['overlap', [[1, 10]], [[5, 15]], [[1, 15]], [[5, 10]], [[1, 4]]],
    [
      'hole',
      [[1, 10]],
      [[4, 6]],
      [[1, 10]],
      [[4, 6]],
      [
        [1, 3],
        [7, 10],
      ],
    ],
    [
      'several holes',
      [[0, 100]],
      [
        [10, 20],
        [30, 40],
      ],
      [[0, 100]],
      [
        [10, 20],
        [30, 40],
      ],
      [
        [0, 9],
        [21, 29],
        [41, 100],
      ],
    ],
    ['b covers a', [[3, 4]], [[0, 9]], [[0, 9]], [[3, 4]], []],
  ])('%s: union, intersection, subtraction', (_n, a, b, u, i, d) => {
    expect(union(a, b)).toEqual(u);
    expect(intersect(a, b)).toEqual(i);
    expect(subtract(a, b)).toEqual(d);
  });

  const set = fc
    .array(fc.tuple(fc.nat(200), fc.nat(20)), { maxLength: 6 })
    .map((xs) => normalize(xs.map(([s, len]) => [s, s + len] as Interval)));

  it('a = (a − b) ∪ (a ∩ b), the two parts disjoint, and both inside a', () => {
    fc.assert(
      fc.property(set, set, (a, b) => {
        const outside = subtract(a, b);
        const inside = intersect(a, b);
        expect(union(outside, inside)).toEqual(a);
        expect(intersect(outside, inside)).toEqual([]);
        expect(size(outside) + size(inside)).toBe(size(a));
        expect(contains(a, inside)).toBe(true);
        expect(contains(b, inside)).toBe(true);
      }),
    );
  });
});
