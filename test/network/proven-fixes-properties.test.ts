import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { applyChanges } from '../../src/network/apply-changes';
import { effectKnownAfterwards } from '../../src/network/changes';
import { verifyCurrentDms, type CurrentDmsVerifyOptions } from '../../src/network/current-dms-verify';
import type { Inventory } from '../../src/network/model';
import type { FixesOutcome, ProvableCheck } from '../../src/network/proven-fixes';
import { verify, type VerifyOptions } from '../../src/network/verifier';
import { CLASSIC_FIX_SCENARIOS, CURRENT_FIX_SCENARIOS, ROUTE_FIX_SCENARIOS } from '../fixtures/network/fix-scenarios';
import { buildForFixes, fixNetworkArb } from '../fixtures/network/random-networks';

// A fix that breaks a check that passed is a bug, and so is a fix that does not do what it says. For every network
// below, with the changes verify proposes (afterFixes.changes) applied in their order:
//  - Azure would accept every change (no priority taken twice in an NSG and direction, no name reused, nothing
//    missing), and no customer rule is deleted (a blocking rule is moved instead);
//  - no check that passed fails;
//  - every check that still fails proposes no change that could be made here (only changes that need values only the
//    user has, or whose effect is known once they ran): whatever can be fixed was fixed;
//  - afterFixes.remaining is what verifying the changed network says.

interface Run {
  checks: readonly ProvableCheck[];
  afterFixes?: FixesOutcome;
}

function expectProven(inventory: Inventory, verifyIt: (inventory: Inventory) => Run, label: string): FixesOutcome {
  const before = verifyIt(inventory);
  const outcome = before.afterFixes!;
  expect({ label, refused: outcome.refused }).toEqual({ label, refused: undefined });
  expect({ label, broken: outcome.worse.filter((w) => w.after === 'fail') }).toEqual({ label, broken: [] });
  expect(outcome.changes.filter((c) => c.change.kind === 'nsg-rule-delete')).toEqual([]);

  const made = outcome.changes.filter((c) => !c.knownAfterwards).map((c) => c.change);
  const applied = applyChanges(inventory, made);
  expect({ label, problems: applied.problems }).toEqual({ label, problems: [] });
  for (const nsg of inventory.networkSecurityGroups) {
    const now = applied.inventory.networkSecurityGroups.find((n) => n.id === nsg.id)!;
    const names = new Set(now.securityRules.map((r) => r.name.toLowerCase()));
    expect({ label, nsg: nsg.name, lost: nsg.securityRules.filter((r) => !names.has(r.name.toLowerCase())) }).toEqual({
      label,
      nsg: nsg.name,
      lost: [],
    });
    // a rule the fixes add or move holds its priority alone (the random networks may share some of their own)
    const touched = new Set(
      made.flatMap((c) =>
        c.kind === 'nsg-rule-create' ? [c.rule.name] : c.kind === 'nsg-rule-update' ? [c.ruleName] : [],
      ),
    );
    for (const r of now.securityRules.filter((x) => touched.has(x.name))) {
      const sharing = now.securityRules.filter((x) => x.direction === r.direction && x.priority === r.priority);
      expect({ label, rule: r.name, sharing: sharing.map((x) => x.name) }).toEqual({
        label,
        rule: r.name,
        sharing: [r.name],
      });
    }
  }

  const after = verifyIt(applied.inventory);
  for (const c of after.checks.filter((k) => k.status === 'fail')) {
    const couldMake = (c.changes ?? []).filter((x) => !x.needs?.length && !effectKnownAfterwards(x.change));
    expect({ label, id: c.id, summary: c.summary, couldMake: couldMake.map((x) => x.command) }).toEqual({
      label,
      id: c.id,
      summary: c.summary,
      couldMake: [],
    });
  }
  expect(after.checks.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status])).toEqual(
    outcome.remaining.map((r) => [r.id, r.status]),
  );
  return outcome;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');

/** Options each snapshot is verified with (a fixture's base name without -cli): its source range, if any. */
const SOURCE_RANGES: Record<string, string[]> = {
  'cloud-shared-vnet': ['10.40.3.0/24'],
  'cloud-isolated-vnet': ['10.60.3.0/24'],
  'dual-stack': ['10.70.3.0/24'],
  'later-revision': ['10.70.3.0/24'],
  'hub-spoke-not-transitive': ['10.100.0.4/32'],
  'onprem-p2s-only': ['192.168.10.0/24'],
  'onprem-er-no-connection': ['192.168.10.0/24'],
  'onprem-bgp': ['10.200.10.0/24'],
  'udr-virtualnetwork': ['10.200.1.0/24'],
  'vwan-spoke': ['192.168.0.0/16'],
};

const CLASSIC_VARIANTS: Omit<VerifyOptions, 'sourceRanges'>[] = [
  { sqlPort: 1433, namedInstance: true, smb: true, ruleset: '2020' },
  { sqlPort: 14330, namedInstance: false, smb: false, ruleset: 'service-tags' },
];

const CURRENT_VARIANTS: CurrentDmsVerifyOptions[] = [
  {},
  { runtimeIps: ['203.0.113.7'] },
  { backups: 'blob', storageAuth: 'managed-identity' },
  { runtimeHost: 'azure-vm', runtimeSubnet: 'vnet-sqlmi/snet-sqlmi' },
];

describe('proven fixes on the snapshot fixtures', () => {
  const fixtures = readdirSync(FIXTURES).sort();

  it('covers every fixture, and fixtures with failing checks among them', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  it.each(fixtures.map((f) => [f]))('%s: every fix proposed is proven', async (fixture) => {
    const inventory = await readSnapshot(path.join(FIXTURES, fixture));
    const outcomes: FixesOutcome[] = [];
    if (fixture.startsWith('shir-')) {
      for (const options of CURRENT_VARIANTS) {
        outcomes.push(
          expectProven(inventory, (inv) => verifyCurrentDms(inv, options), `${fixture} ${JSON.stringify(options)}`),
        );
      }
    } else {
      const sourceRanges = SOURCE_RANGES[fixture.replace(/-cli$/, '')];
      for (const options of CLASSIC_VARIANTS) {
        const all = { ...options, ...(sourceRanges ? { sourceRanges } : {}) };
        outcomes.push(expectProven(inventory, (inv) => verify(inv, all), `${fixture} ${JSON.stringify(all)}`));
      }
    }
    for (const o of outcomes) {
      // the summary counts the commands and names every check that remains
      if (o.changes.length > 1) expect(o.summary).toMatch(new RegExp(`^after these ${o.changes.length} commands`));
      const named = o.result === 'failures' ? o.remaining.filter((r) => r.status === 'fail') : o.remaining;
      for (const r of named) expect(o.summary).toContain(r.id);
      if (o.remaining.length === 0) expect(o.summary).toMatch(/every check passes$/);
    }
  });

  it('the fixtures that fail end with every check passing, or name what no command here can do', async () => {
    const blocked = await readSnapshot(path.join(FIXTURES, 'hybrid-blocked'));
    const forced = await readSnapshot(path.join(FIXTURES, 'forced-tunnel-none'));
    const p2s = await readSnapshot(path.join(FIXTURES, 'onprem-p2s-only'));
    const options: VerifyOptions = { sqlPort: 1433, namedInstance: true, smb: true, ruleset: '2020' };
    expect(verify(blocked, options).afterFixes).toEqual(
      expect.objectContaining({ result: 'all-pass', summary: 'after these 6 commands every check passes' }),
    );
    expect(verify(forced, options).afterFixes?.result).toBe('all-pass');
    const stuck = verify(p2s, { ...options, sourceRanges: ['192.168.10.0/24'] }).afterFixes!;
    expect(stuck.result).toBe('failures');
    expect(stuck.remaining.find((r) => r.id === 'onprem-connectivity')).toEqual(
      expect.objectContaining({
        reason: 'needs-values',
        why: expect.stringContaining('needs values only you have (local network gateway id, key)'),
      }),
    );
  });
});

describe('proven fixes on the fix scenarios (every kind of fix)', () => {
  it.each(
    [...CLASSIC_FIX_SCENARIOS, ...ROUTE_FIX_SCENARIOS, ...CURRENT_FIX_SCENARIOS].map((s) => [s.name, s] as const),
  )('%s', (name, s) => {
    expectProven(s.inventory, (inv) => (s.options ? verify(inv, s.options) : verifyCurrentDms(inv, s.current)), name);
  });
});

describe('proven fixes on random networks', () => {
  it('every fix proposed is proven, whatever the denies, the crowding and the layers', () => {
    fc.assert(
      fc.property(fixNetworkArb, (x) => {
        const s = buildForFixes(x);
        expectProven(s.inventory, (inv) => verify(inv, s.options), JSON.stringify(x));
      }),
      { numRuns: Number(process.env.FIX_RUNS ?? 250) },
    );
  });

  it('the networks need fixes, some that collide on an NSG, so the property is not vacuous', () => {
    let collide = 0;
    let allPass = 0;
    let moved = 0;
    fc.assert(
      fc.property(fixNetworkArb, (x) => {
        const s = buildForFixes(x);
        const outcome = verify(s.inventory, s.options).afterFixes!;
        const creates = outcome.changes.filter((c) => c.change.kind === 'nsg-rule-create');
        const nsgs = creates.map((c) =>
          c.change.kind === 'nsg-rule-create' ? `${c.change.nsgId}|${c.change.rule.direction}` : '',
        );
        if (new Set(nsgs).size < nsgs.length) collide++;
        if (outcome.result === 'all-pass' && outcome.changes.length > 0) allPass++;
        if (outcome.changes.some((c) => c.change.kind === 'nsg-rule-update')) moved++;
      }),
      { numRuns: 150, seed: 7 },
    );
    expect({ collide: collide > 10, allPass: allPass > 10, moved: moved > 5 }).toEqual({
      collide: true,
      allPass: true,
      moved: true,
    });
  });
});
