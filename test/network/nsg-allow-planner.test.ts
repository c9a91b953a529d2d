import type { FixChange, InventoryChange } from '../../src/network/changes';
import { verify } from '../../src/network/verifier';
import type { Check, VerifyResult } from '../../src/network/verify-types';
import { nsg, rule } from '../fixtures/network/builders';
import { Scenario, scenario } from '../fixtures/network/scenarios';

// Issue 19, item 3: fixes on one NSG get priorities that collide neither with each other nor with existing rules, that
// come before the rule that denies, with names no rule has; a deny rule is moved, never deleted, where no priority
// is free before it, and the evidence says what else it denies.

const deny = (name: string, priority: number, direction: 'Inbound' | 'Outbound' = 'Outbound') =>
  rule({ name, priority, direction, access: 'Deny', protocol: '*' });

/** The DMS NSG with only the inbound rule of the seed: every outbound flow needs a fix. */
function withOutbound(rules: ReturnType<typeof rule>[]): Scenario {
  const s = scenario('hybrid');
  s.dmsNsg.securityRules = [...s.dmsNsg.securityRules.filter((r) => r.direction === 'Inbound'), ...rules];
  return s;
}

function creates(changes: readonly FixChange[] | undefined, nsgName = 'nsg-dms') {
  return (changes ?? [])
    .map((c) => c.change)
    .filter(
      (c): c is Extract<InventoryChange, { kind: 'nsg-rule-create' }> =>
        c.kind === 'nsg-rule-create' && c.nsgId.endsWith(`/${nsgName}`),
    )
    .map((c) => c.rule);
}

const check = (r: VerifyResult, id: string): Check => r.checks.find((c) => c.id === id)!;

describe('NSG rules proposed together', () => {
  it('two fixes on one NSG never share a priority (both once got 3999), nor take an existing one', () => {
    const s = withOutbound([
      // the customer's own rules on the priorities the seed's tables would take
      ...[200, 210, 220, 230, 240, 250].map((p) =>
        rule({ name: `app-${p}`, priority: p, dst: '10.250.0.0/16', ports: '8443' }),
      ),
      deny('deny-all-out', 4000),
    ]);
    const r = verify(s.inventory, s.options);
    const rules = creates(r.afterFixes!.changes);
    expect(rules.length).toBeGreaterThan(4);
    const priorities = rules.map((x) => x.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const p of priorities) {
      expect(p).toBeLessThan(4000);
      expect(s.dmsNsg.securityRules.some((x) => x.direction === 'Outbound' && x.priority === p)).toBe(false);
    }
    // the latest free priorities before the deny, after the customer's rules
    expect(Math.max(...priorities)).toBe(3999);
    // each check's own fix shows the priority the whole set gives it
    for (const id of ['nsg-management-443', 'nsg-sql-source']) {
      const own = creates(check(r, id).changes)[0];
      expect(check(r, id).fix).toContain(`-n ${own.name} --priority ${own.priority} `);
      expect(rules).toContainEqual(own);
    }
    expect(r.afterFixes).toEqual(expect.objectContaining({ result: 'all-pass' }));
  });

  it('the preferred priority of the rule tables is taken when it is free and before the deny', () => {
    const s = withOutbound([deny('deny-all-out', 4000)]);
    const r = verify(s.inventory, s.options);
    expect(creates(check(r, 'nsg-management-443').changes)).toEqual([
      expect.objectContaining({ name: 'management-443', priority: 100 }), // the first outbound rule of the tables
    ]);
  });

  it('an allow rule goes before every deny that may match its flow, not only the one that decided it', () => {
    const s = withOutbound([
      deny('deny-sql', 150),
      rule({ name: 'deny-more', priority: 140, access: 'Deny', dst: '192.168.0.0/16' }),
    ]);
    const r = verify(s.inventory, s.options);
    const own = creates(check(r, 'nsg-sql-source').changes)[0];
    expect(own.priority).toBeLessThan(140);
  });

  it('a deny rule at the lowest priority is moved after the new rules, not deleted, and the evidence says what it still denies', () => {
    const s = withOutbound([deny('deny-all-out', 100)]);
    const r = verify(s.inventory, s.options);
    const changes = r.afterFixes!.changes.map((c) => c.change);
    expect(changes.some((c) => c.kind === 'nsg-rule-delete')).toBe(false);
    const moved = changes.filter(
      (c): c is Extract<InventoryChange, { kind: 'nsg-rule-update' }> => c.kind === 'nsg-rule-update',
    );
    expect(moved).toHaveLength(1);
    expect(moved[0]).toEqual(expect.objectContaining({ ruleName: 'deny-all-out' }));
    const rules = creates(r.afterFixes!.changes);
    expect(Math.max(...rules.map((x) => x.priority))).toBeLessThan(moved[0].priority!);
    expect(check(r, 'nsg-management-443').evidence).toContainEqual(
      expect.stringMatching(
        /no priority is free before deny-all-out \(100\) .* so deny-all-out moves from 100 to \d+ rather than being deleted; it still denies any protocol from \* to \* on any port, except what the rules now before it allow \(no rule of the customer lies between\)/,
      ),
    );
    expect(r.afterFixes).toEqual(expect.objectContaining({ result: 'all-pass' }));
    // one command moves it, in the script and in each check's fix alike
    expect(r.afterFixes!.changes.filter((c) => c.change.kind === 'nsg-rule-update')).toHaveLength(1);
  });

  it('moving it after a rule of the customer names that rule and what it lets through', () => {
    const s = withOutbound([
      deny('deny-all-out', 100),
      rule({ name: 'ssh-out', priority: 101, dst: 'Internet', ports: '22' }),
    ]);
    const r = verify(s.inventory, s.options);
    expect(check(r, 'nsg-management-443').evidence).toContainEqual(
      expect.stringMatching(
        /deny-all-out moves from 100 to \d+ .*moving it after ssh-out \(101, TCP from \* to Internet on port\(s\) 22\) lets through what that rule allows and it denied/,
      ),
    );
  });

  it('a name a rule of the NSG has is never reused (az would replace the customer rule)', () => {
    const s = withOutbound([rule({ name: 'management-443', priority: 300, access: 'Deny', ports: '443' })]);
    const r = verify(s.inventory, s.options);
    const names = creates(r.afterFixes!.changes).map((x) => x.name);
    expect(names).not.toContain('management-443');
    expect(names).toContain('management-443-2');
  });

  it('a NIC NSG and a subnet NSG that both deny get a rule each', () => {
    const s = withOutbound([deny('deny-all-out', 4000)]);
    const nic = nsg('nsg-dms-nic', [deny('nic-deny-out', 200)]);
    s.inventory.networkSecurityGroups.push(nic);
    s.inventory.dmsServices[0] = { ...s.inventory.dmsServices[0], networkInterfaceNsgId: nic.id };
    const r = verify(s.inventory, s.options);
    const sql = check(r, 'nsg-sql-source');
    expect(creates(sql.changes, 'nsg-dms')).toHaveLength(1);
    expect(creates(sql.changes, 'nsg-dms-nic')).toHaveLength(1);
    expect(r.afterFixes).toEqual(expect.objectContaining({ result: 'all-pass' }));
  });

  it('with every priority taken, the check says so and proposes no rule', () => {
    const s = withOutbound([]);
    const all = Array.from({ length: 4096 - 100 + 1 }, (_, i) =>
      i === 0
        ? deny('deny-all-out', 100)
        : rule({ name: `app-${i}`, priority: 100 + i, dst: '10.250.0.0/16', ports: '8443' }),
    );
    s.dmsNsg.securityRules.push(...all);
    const r = verify(s.inventory, s.options);
    const sql = check(r, 'nsg-sql-source');
    expect(sql.status).toBe('fail');
    expect(creates(sql.changes)).toEqual([]);
    expect(sql.evidence).toContainEqual(
      expect.stringMatching(
        /no priority is free in NSG nsg-dms \(Outbound\) for a rule allowing .* before deny-all-out \(100\), nor after it/,
      ),
    );
    expect(sql.fix).toContain('az network nsg rule list -g rg-net --nsg-name nsg-dms -o table');
  });

  it("Redirect's port range is planned apart: when its rules are not proposed they take no priority", () => {
    const s = scenario('hybrid');
    s.inventory.managedInstances[0] = { ...s.inventory.managedInstances[0], proxyOverride: 'Redirect' };
    s.miNsg.securityRules = [deny('mi-deny-in', 4000, 'Inbound')];
    const r = verify(s.inventory, s.options);
    const mi = check(r, 'nsg-mi-inbound-from-dms');
    // 1433 is denied: its fix opens 1433 only and says a word about the range
    expect(creates(mi.changes, 'nsg-mi')).toEqual([
      expect.objectContaining({ name: 'allow-dms-to-mi', priority: 3999 }),
    ]);
    expect(mi.fix).toMatch(/\n# 11000-11999 too, only for an instance without the October 2025 redirect change/);
  });
});
