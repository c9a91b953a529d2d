import { rule } from '../fixtures/network/builders';
import { Scenario, scenario } from '../fixtures/network/scenarios';
import { verify, type CheckId, type CheckStatus } from '../../src/network/verifier';
import type { Route, SecurityRule } from '../../src/network/model';
import { routeTable } from '../fixtures/network/routing';

// The hybrid scenario's DMS NSG allows 443/9354 (management, 200) and 12000 (Diagnostics, 210) to Any; each case adds
// rules in front of them.
const deny = (name: string, priority: number, ports: string, dst = 'Internet'): SecurityRule =>
  rule({ name, priority, access: 'Deny', ports, dst });

function run(rules: SecurityRule[], ruleset: '2020' | 'service-tags' = '2020') {
  const s: Scenario = scenario('hybrid');
  s.dmsNsg.securityRules.push(...rules);
  return verify(s.inventory, { ...s.options, ruleset });
}

describe('classic rule set against the later revision of the article', () => {
  it.each<[string, SecurityRule[], CheckId, CheckStatus, CheckStatus]>([
    [
      '9354 denied, 443 to the three tags allowed',
      [deny('deny-9354', 150, '9354')],
      'nsg-management-9354',
      'warn',
      'pass',
    ],
    [
      '12000 denied, 443 to the three tags allowed',
      [deny('deny-12000', 150, '12000')],
      'nsg-diagnostics-12000',
      'warn',
      'pass',
    ],
    [
      '9354 denied and 443 to AzureMonitor denied',
      [deny('deny-9354', 150, '9354'), deny('deny-monitor', 140, '443', 'AzureMonitor')],
      'nsg-management-9354',
      'fail',
      'pass',
    ],
    [
      '12000 denied and 443 to Storage denied',
      [deny('deny-12000', 150, '12000'), deny('deny-storage', 140, '443', 'Storage')],
      'nsg-diagnostics-12000',
      'fail',
      'fail',
    ],
  ])('%s: %s is %s', (_n, rules, id, status, management443) => {
    const r = run(rules);
    const c = r.checks.find((k) => k.id === id)!;
    expect(c.status).toBe(status);
    expect(r.checks.find((k) => k.id === 'nsg-management-443')?.status).toBe(management443);
    // the check keeps its id, its deciding rule and the fix that opens the port
    expect(c.rule?.name).toBe(rules[0].name);
    expect(c.fix).toMatch(
      /^az network nsg rule create .*--destination-port-ranges (9354|12000) --subscription [0-9a-f-]+$/,
    );
    const note = c.evidence.find((e) => e.startsWith("the later revision of Microsoft's network topologies article"));
    expect(note).toContain('TCP 443 to the ServiceBus, Storage and AzureMonitor service tags');
    for (const tag of ['ServiceBus', 'Storage', 'AzureMonitor']) {
      expect(c.evidence.some((e) => e.startsWith(`TCP 443 to ${tag}: `))).toBe(true);
    }
    if (status === 'warn') {
      expect(note).toContain('those flows are allowed');
      expect(c.summary).toMatch(
        /denied by deny-(9354|12000) \(150\) in NSG nsg-dms, but TCP 443 to ServiceBus, Storage and AzureMonitor is allowed.*a warning, not a failure/,
      );
    } else {
      expect(note).toContain('they are not all allowed either');
      expect(
        c.evidence.some((e) => /^TCP 443 to (AzureMonitor|Storage): denied by deny-(monitor|storage)/.test(e)),
      ).toBe(true);
    }
  });

  it('a check that is not a failure is left as it is', () => {
    const passing = run([]);
    const warned = run([deny('deny-9354', 150, '9354')]);
    expect(warned.checks.filter((c) => c.id !== 'nsg-management-9354')).toEqual(
      passing.checks.filter((c) => c.id !== 'nsg-management-9354'),
    );
    expect(passing.checks.find((c) => c.id === 'nsg-management-9354')?.evidence.join('\n')).not.toContain(
      'later revision',
    );
  });

  it('the service-tags rule set has no 9354 or 12000 flow: its 443 checks decide', () => {
    const r = run([deny('deny-monitor', 140, '443', 'AzureMonitor')], 'service-tags');
    expect(r.checks.map((c) => c.id)).not.toContain('nsg-management-9354');
    expect(r.checks.find((c) => c.id === 'nsg-diagnostics-12000')).toMatchObject({ status: 'fail' });
  });
});

describe('the later revision judged by route and NSG together', () => {
  function withRoutes(routes: Omit<Route, 'name'>[]) {
    const s: Scenario = scenario('hybrid');
    s.dmsNsg.securityRules.push(deny('deny-9354', 150, '9354'));
    routeTable(s.inventory, s.dmsVnet, 'dms-subnet', routes);
    const r = verify(s.inventory, s.options);
    return (id: CheckId) => r.checks.find((k) => k.id === id)!;
  }

  it('9354 denied, 443 allowed by the NSGs but Storage dropped by a route to None: 9354 stays a failure', () => {
    const check = withRoutes([{ addressPrefix: 'Storage', nextHopType: 'None' }]);
    const c = check('nsg-management-9354');
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain(
      "the later revision of Microsoft's network topologies article replaces 443/9354 and 12000 to Any by TCP 443 to " +
        'the ServiceBus, Storage and AzureMonitor service tags; they are not all allowed either',
    );
    expect(c.evidence.some((e) => /^TCP 443 to Storage: route Storage → None .*next hop None drops it/.test(e))).toBe(
      true,
    );
    expect(check('nsg-management-443')).toMatchObject({ status: 'fail', nsgStatus: 'pass' });
  });

  it("9354 denied, Azure traffic through an appliance: the 443 flows get there, so 9354 warns (the appliance is route-forced-tunneling's)", () => {
    const check = withRoutes([
      { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.2.0.4' },
    ]);
    expect(check('nsg-management-9354').status).toBe('warn');
    expect(check('route-forced-tunneling').status).toBe('warn');
  });
});

describe('evidence lines are given once', () => {
  it('a note both the 9354 flow and the later revision flows make appears once in the check', () => {
    // no NSG on the DMS subnet, the DMS's network interface NSG denies 9354
    const s = scenario('hybrid');
    const dmsSubnet = s.dmsVnet.subnets.find((x) => x.name === 'dms-subnet')!;
    dmsSubnet.networkSecurityGroupId = undefined;
    const nicNsg = {
      ...s.dmsNsg,
      id: `${s.dmsNsg.id}-nic`,
      name: 'nsg-dms-nic',
      securityRules: [deny('deny-9354', 150, '9354')],
    };
    s.inventory.networkSecurityGroups.push(nicNsg);
    s.inventory.dmsServices[0].networkInterfaceNsgId = nicNsg.id;
    const c = verify(s.inventory, s.options).checks.find((k) => k.id === 'nsg-management-9354')!;
    expect(c.status).toBe('warn');
    const note = 'subnet dms-subnet has no NSG: its traffic is not filtered by one';
    expect(c.evidence.filter((e) => e === note)).toHaveLength(1);
    expect(new Set(c.evidence).size).toBe(c.evidence.length);
  });
});
