import { runCli } from '../../src/cli';
import { RULE_IDS, TOPOLOGY_IDS } from '../../src/planning/types';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process and captures what it writes. */
export async function run(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The keys of a rule in the --json contract of issue 2 (sorted): written here, not derived from the code. */
export const RULE_KEYS = [
  'access',
  'destination',
  'direction',
  'id',
  'name',
  'note',
  'ports',
  'priority',
  'protocol',
  'reason',
  'source',
];

/** The shape of `recommend --json` (issue 2's contract). */
export function expectRecommendJsonShape(json: Record<string, unknown>): void {
  expect(Object.keys(json).sort()).toEqual(['reasons', 'requirements', 'rules', 'title', 'topology']);
  expect(TOPOLOGY_IDS).toContain(json.topology);
  expect(typeof json.title).toBe('string');
  for (const r of json.reasons as unknown[]) expect(typeof r).toBe('string');
  for (const r of json.requirements as Record<string, unknown>[]) {
    expect(Object.keys(r).sort()).toEqual(['id', 'text']);
  }
  const rules = json.rules as Record<string, Record<string, unknown>[]>;
  expect(Object.keys(rules).sort()).toEqual(['inbound', 'outbound']);
  for (const [direction, list] of [
    ['Inbound', rules.inbound],
    ['Outbound', rules.outbound],
  ] as const) {
    expect(list.length).toBeGreaterThan(0);
    for (const rule of list) {
      for (const key of Object.keys(rule)) expect(RULE_KEYS).toContain(key);
      for (const key of RULE_KEYS.filter((k) => k !== 'note')) expect(rule).toHaveProperty(key);
      expect(RULE_IDS).toContain(rule.id);
      expect(rule.direction).toBe(direction);
      expect(Array.isArray(rule.ports)).toBe(true);
    }
  }
}
