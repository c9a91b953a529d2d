// The fixes of every scenario of fix-scenarios.ts, written from the builders' names and again with every name followed
// by HOSTILE: fix-quoting.test.ts checks their words in-process, fix-quoting.processes.test.ts runs them in bash.
import { verifyCurrentDms, type CurrentDmsVerifyResult } from '../../src/network/current-dms-verify';
import type { Inventory } from '../../src/network/model';
import { verify, type VerifyResult } from '../../src/network/verifier';
import { HOSTILE } from '../support/shell-fixes';
import {
  BUILDER_NAMES,
  CLASSIC_FIX_SCENARIOS,
  CURRENT_FIX_SCENARIOS,
  FixScenario,
  ROUTE_FIX_SCENARIOS,
} from '../fixtures/network/fix-scenarios';

// Every fix must stay the same commands, with the same words, whatever the names in the inventory hold. Each
// scenario runs twice: with the builders' names, and with every name followed by HOSTILE. The hostile fixes must
// parse (shell-quote, then bash itself) into the same lines and the same number of words, each word being the plain
// word with HOSTILE added where a name is, and nothing of HOSTILE may run. Names in current-DMS options (a runtime
// subnet) are renamed the same way, so they still name the renamed inventory's resources.
export function hostile<T>(value: T): T {
  const names = new RegExp(BUILDER_NAMES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const escaped = JSON.stringify(HOSTILE).slice(1, -1);
  return JSON.parse(JSON.stringify(value).replace(names, (n) => `${n}${escaped}`)) as T;
}

type AnyResult = VerifyResult | CurrentDmsVerifyResult;

function resultOf(s: FixScenario, inventory: Inventory, renamed = false): AnyResult {
  const current = renamed && s.current ? hostile(s.current) : s.current;
  return s.options ? verify(inventory, s.options) : verifyCurrentDms(inventory, current);
}

function fixesOf(result: AnyResult): Map<string, string> {
  return new Map(result.checks.filter((c) => c.fix).map((c, i) => [`${i} ${c.id}`, c.fix!]));
}

export interface FixCase {
  name: string;
  /** Fixes keyed '<index> <check id>', written from the builders' names and from the hostile ones. */
  plain: Map<string, string>;
  hostile: Map<string, string>;
  /** The whole verification with the hostile names (its checks' changes, its afterFixes). */
  hostileResult: AnyResult;
}

export const FIX_CASES: FixCase[] = [...CLASSIC_FIX_SCENARIOS, ...ROUTE_FIX_SCENARIOS, ...CURRENT_FIX_SCENARIOS].map(
  (s) => {
    const hostileResult = resultOf(s, hostile(s.inventory), true);
    return { name: s.name, plain: fixesOf(resultOf(s, s.inventory)), hostile: fixesOf(hostileResult), hostileResult };
  },
);

/** Each fix of each case, as [case name, key] rows for it.each. */
export const FIX_KEYS: [string, string][] = FIX_CASES.flatMap((c) =>
  [...c.plain.keys()].map((k) => [c.name, k] as [string, string]),
);
