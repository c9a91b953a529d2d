import type { Answers, Source, YesNo } from '../../src/planning/types';

export const SOURCES: (Source | undefined)[] = [undefined, 'onprem', 'azure-vm', 'other-cloud'];
export const YES_NO: (YesNo | undefined)[] = [undefined, 'yes', 'no'];

/** Every combination of source × four yes/no answers, missing ones included (4 × 3^4 = 324). */
export function allAnswerCombinations(): Answers[] {
  const combos: Answers[] = [];
  for (const source of SOURCES)
    for (const cross of YES_NO)
      for (const rbac of YES_NO)
        for (const mi of YES_NO)
          for (const same of YES_NO) {
            const a: Answers = {};
            if (source) a.source = source;
            if (cross) a['cross-subscription'] = cross;
            if (rbac) a['rbac-limits'] = rbac;
            if (mi) a['mi-onprem'] = mi;
            if (same) a['same-vnet'] = same;
            combos.push(a);
          }
  return combos;
}
