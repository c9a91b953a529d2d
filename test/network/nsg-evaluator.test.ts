import fc from 'fast-check';
import { cidrSet } from '../../src/network/cidr';
import { union } from '../../src/network/intervals';
import {
  EvaluationContext,
  Flow,
  FlowEndpoint,
  NsgLayer,
  Verdict,
  evaluateFlow,
  layersInOrder,
  parsePorts,
} from '../../src/network/nsg-evaluator';
import { RuleProtocol, SecurityRule } from '../../src/network/model';
import { nsg, rid, rule, RuleShorthand } from '../fixtures/network/builders';

// VNet 10.0.0.0/16 peered with 10.5.0.0/16, on-premises 192.168.0.0/16 through a VPN gateway.
const CTX: EvaluationContext = {
  virtualNetwork: { known: cidrSet(['10.0.0.0/16', '10.5.0.0/16', '192.168.0.0/16']), uncertain: [] },
  localVnet: cidrSet(['10.0.0.0/16']),
  region: 'westeurope',
};
const DMS = '10.0.2.0/24';

const ranges = (...cidrs: string[]): FlowEndpoint => ({ kind: 'ranges', ranges: cidrSet(cidrs) });
const service = (tag: string, region = 'West Europe'): FlowEndpoint => ({ kind: 'service', tag, region });

function out(destination: FlowEndpoint, ports: readonly string[], protocol: RuleProtocol = 'Tcp'): Flow {
  return { direction: 'Outbound', protocol, source: ranges(DMS), destination, destinationPorts: parsePorts(ports) };
}
function inbound(source: FlowEndpoint, ports: string[] = ['*'], protocol: RuleProtocol = '*'): Flow {
  return { direction: 'Inbound', protocol, source, destination: ranges(DMS), destinationPorts: parsePorts(ports) };
}
const layer = (rules: SecurityRule[], name = 'nsg-a', ctx = CTX): NsgLayer => ({
  nsg: nsg(name, rules),
  context: ctx,
  attachedTo: `subnet of ${name}`,
});
const r = (x: RuleShorthand): SecurityRule => rule(x);
const denyAllOut = r({ name: 'deny-all', priority: 4000, access: 'Deny', protocol: '*' });

interface Case {
  name: string;
  rules: SecurityRule[];
  flow: Flow;
  verdict: Verdict;
  rule: string;
  priority: number;
  text?: string;
  ctx?: EvaluationContext;
}

const cases: Case[] = [
  // Default rules
  {
    name: 'default: on-premises prefix is VirtualNetwork',
    rules: [],
    flow: out(ranges('192.168.1.0/24'), ['1433']),
    verdict: 'allow',
    rule: 'AllowVnetOutBound',
    priority: 65000,
  },
  {
    name: 'default: peered VNet is VirtualNetwork',
    rules: [],
    flow: out(ranges('10.5.1.0/24'), ['1433']),
    verdict: 'allow',
    rule: 'AllowVnetOutBound',
    priority: 65000,
  },
  {
    name: 'default: public address is Internet',
    rules: [],
    flow: out(ranges('8.8.8.8'), ['443']),
    verdict: 'allow',
    rule: 'AllowInternetOutBound',
    priority: 65001,
  },
  {
    name: 'default: private space outside VirtualNetwork is neither',
    rules: [],
    flow: out(ranges('172.20.0.0/16'), ['1433']),
    verdict: 'deny',
    rule: 'DenyAllOutBound',
    priority: 65500,
  },
  {
    name: 'default: Service Bus is in Internet',
    rules: [],
    flow: out(service('ServiceBus'), ['443']),
    verdict: 'allow',
    rule: 'AllowInternetOutBound',
    priority: 65001,
  },
  {
    name: 'default inbound: from the VNet',
    rules: [],
    flow: inbound(ranges(DMS)),
    verdict: 'allow',
    rule: 'AllowVnetInBound',
    priority: 65000,
  },
  {
    name: 'default inbound: from the load balancer',
    rules: [],
    flow: inbound(ranges('168.63.129.16')),
    verdict: 'allow',
    rule: 'AllowAzureLoadBalancerInBound',
    priority: 65001,
  },
  {
    name: 'default inbound: from the internet',
    rules: [],
    flow: inbound(ranges('8.8.8.8')),
    verdict: 'deny',
    rule: 'DenyAllInBound',
    priority: 65500,
  },
  // Priority shadowing
  {
    name: 'lower number wins: deny 100 shadows allow 200',
    rules: [
      r({ name: 'allow-sql', priority: 200, ports: '1433' }),
      r({ name: 'deny-sql', priority: 100, access: 'Deny', ports: '1433' }),
    ],
    flow: out(ranges('192.168.1.0/24'), ['1433']),
    verdict: 'deny',
    rule: 'deny-sql',
    priority: 100,
  },
  {
    name: 'lower number wins: allow 100 shadows deny 200',
    rules: [
      r({ name: 'allow-sql', priority: 100, ports: '1433' }),
      r({ name: 'deny-sql', priority: 200, access: 'Deny', ports: '1433' }),
    ],
    flow: out(ranges('192.168.1.0/24'), ['1433']),
    verdict: 'allow',
    rule: 'allow-sql',
    priority: 100,
  },
  {
    name: 'a custom deny overrides AllowVnetOutBound for on-premises',
    rules: [r({ name: 'deny-vnet', priority: 300, access: 'Deny', protocol: '*', dst: 'VirtualNetwork' })],
    flow: out(ranges('192.168.5.0/24'), ['445']),
    verdict: 'deny',
    rule: 'deny-vnet',
    priority: 300,
  },
  // Ports
  {
    name: 'port list includes 9354',
    rules: [r({ name: 'mgmt', priority: 100, ports: ['443', '9354'] }), denyAllOut],
    flow: out(service('ServiceBus'), ['9354']),
    verdict: 'allow',
    rule: 'mgmt',
    priority: 100,
  },
  {
    name: 'port list misses 12000',
    rules: [r({ name: 'mgmt', priority: 100, ports: ['443', '9354'] }), denyAllOut],
    flow: out(service('AzureMonitor'), ['12000']),
    verdict: 'deny',
    rule: 'deny-all',
    priority: 4000,
  },
  {
    name: 'comma list in one string',
    rules: [r({ name: 'mgmt', priority: 100, ports: '443,9354' }), denyAllOut],
    flow: out(service('ServiceBus'), ['9354']),
    verdict: 'allow',
    rule: 'mgmt',
    priority: 100,
  },
  {
    name: 'range covers part of the ports',
    rules: [r({ name: 'redirect', priority: 100, ports: '11000-11999' }), denyAllOut],
    flow: out(ranges('10.0.1.0/24'), ['1433', '11000-11999']),
    verdict: 'warn',
    rule: 'deny-all',
    priority: 4000,
    text: 'port 1433 denied by deny-all (4000) in NSG nsg-a',
  },
  {
    name: 'source port restriction leaves the low source ports denied',
    rules: [r({ name: 'ephemeral', priority: 100, srcPorts: '1024-65535' }), denyAllOut],
    flow: out(ranges('192.168.1.0/24'), ['1433']),
    verdict: 'warn',
    rule: 'deny-all',
    priority: 4000,
    text: 'source ports 0-1023 denied',
  },
  // Protocols
  {
    name: 'UDP rule does not allow TCP',
    rules: [r({ name: 'udp-1434', priority: 100, protocol: 'Udp', ports: '1434' }), denyAllOut],
    flow: out(ranges('192.168.1.4'), ['1434'], 'Tcp'),
    verdict: 'deny',
    rule: 'deny-all',
    priority: 4000,
  },
  {
    name: 'UDP rule allows UDP',
    rules: [r({ name: 'udp-1434', priority: 100, protocol: 'Udp', ports: '1434' }), denyAllOut],
    flow: out(ranges('192.168.1.4'), ['1434'], 'Udp'),
    verdict: 'allow',
    rule: 'udp-1434',
    priority: 100,
  },
  {
    name: 'any-protocol flow against a TCP-only allow',
    rules: [r({ name: 'tcp-only', priority: 100, dst: DMS }), denyAllOut],
    flow: out(ranges(DMS), ['*'], '*'),
    verdict: 'warn',
    rule: 'deny-all',
    priority: 4000,
    text: 'ICMP/UDP/ESP/AH/other protocols denied by deny-all (4000)',
  },
  // Service tags
  {
    name: 'ServiceBus tag',
    rules: [r({ name: 'sb', priority: 100, dst: 'ServiceBus' }), denyAllOut],
    flow: out(service('ServiceBus'), ['443']),
    verdict: 'allow',
    rule: 'sb',
    priority: 100,
  },
  {
    name: 'regional ServiceBus.WestEurope',
    rules: [r({ name: 'sb', priority: 100, dst: 'ServiceBus.WestEurope' }), denyAllOut],
    flow: out(service('ServiceBus'), ['443']),
    verdict: 'allow',
    rule: 'sb',
    priority: 100,
  },
  {
    name: 'other region does not match',
    rules: [r({ name: 'sb', priority: 100, dst: 'ServiceBus.EastUS' }), denyAllOut],
    flow: out(service('ServiceBus'), ['443']),
    verdict: 'deny',
    rule: 'deny-all',
    priority: 4000,
  },
  {
    name: 'Storage tag does not cover Service Bus',
    rules: [r({ name: 'st', priority: 100, dst: 'Storage' }), denyAllOut],
    flow: out(service('ServiceBus'), ['443']),
    verdict: 'deny',
    rule: 'deny-all',
    priority: 4000,
  },
  {
    name: 'AzureCloud covers Storage',
    rules: [r({ name: 'cloud', priority: 100, dst: 'AzureCloud.westeurope' }), denyAllOut],
    flow: out(service('Storage'), ['443']),
    verdict: 'allow',
    rule: 'cloud',
    priority: 100,
  },
  {
    name: 'Internet covers AzureMonitor',
    rules: [r({ name: 'inet', priority: 100, dst: 'Internet' }), denyAllOut],
    flow: out(service('AzureMonitor'), ['443']),
    verdict: 'allow',
    rule: 'inet',
    priority: 100,
  },
  {
    name: 'a private CIDR never holds a public service',
    rules: [
      r({ name: 'priv', priority: 100, dst: '10.0.0.0/8' }),
      r({ name: 'deny-inet', priority: 200, access: 'Deny', dst: 'Internet' }),
    ],
    flow: out(service('Storage'), ['443']),
    verdict: 'deny',
    rule: 'deny-inet',
    priority: 200,
  },
  {
    name: 'a public CIDR may hold a service: unknown',
    rules: [r({ name: 'pub', priority: 100, dst: '20.0.0.0/8' }), denyAllOut],
    flow: out(service('Storage'), ['443']),
    verdict: 'unknown',
    rule: 'pub',
    priority: 100,
    text: 'public prefix 20.0.0.0/8',
  },
  {
    name: 'Internet excludes on-premises prefixes',
    rules: [r({ name: 'deny-inet', priority: 100, access: 'Deny', protocol: '*', dst: 'Internet' })],
    flow: out(ranges('192.168.1.0/24'), ['1433']),
    verdict: 'allow',
    rule: 'AllowVnetOutBound',
    priority: 65000,
  },
  {
    name: 'Internet catches public addresses',
    rules: [r({ name: 'deny-inet', priority: 100, access: 'Deny', protocol: '*', dst: 'Internet' })],
    flow: out(ranges('20.1.0.0/16'), ['443']),
    verdict: 'deny',
    rule: 'deny-inet',
    priority: 100,
  },
  {
    name: "MI's SqlManagement rule cannot hold a private source",
    rules: [
      r({ name: 'mgmt-in', priority: 100, direction: 'Inbound', src: 'SqlManagement' }),
      r({ name: 'deny-in', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*' }),
    ],
    flow: inbound(ranges(DMS), ['1433'], 'Tcp'),
    verdict: 'deny',
    rule: 'deny-in',
    priority: 4000,
  },
  {
    name: "MI's SqlManagement rule may hold a public source: unknown",
    rules: [
      r({ name: 'mgmt-in', priority: 100, direction: 'Inbound', src: 'SqlManagement' }),
      r({ name: 'deny-in', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*' }),
    ],
    flow: inbound(ranges('20.1.2.3'), ['1433'], 'Tcp'),
    verdict: 'unknown',
    rule: 'mgmt-in',
    priority: 100,
    text: 'addresses of service tag SqlManagement are not in the inventory',
  },
  {
    name: 'regional tag and a service of unknown region: unknown',
    rules: [r({ name: 'sb', priority: 100, dst: 'ServiceBus.WestEurope' }), denyAllOut],
    flow: out({ kind: 'service', tag: 'ServiceBus' }, ['443']),
    verdict: 'unknown',
    rule: 'sb',
    priority: 100,
    text: "the service's region is not known",
  },
  // Partial coverage of addresses
  {
    name: 'allow covers one on-premises range of two',
    rules: [
      r({ name: 'sql-a', priority: 100, dst: '192.168.1.0/24', ports: '1433' }),
      r({ name: 'deny-vnet', priority: 200, access: 'Deny', protocol: '*', dst: 'VirtualNetwork' }),
    ],
    flow: out(ranges('192.168.1.0/24', '192.168.2.0/24'), ['1433']),
    verdict: 'warn',
    rule: 'deny-vnet',
    priority: 200,
    text: '192.168.2.0/24 denied by deny-vnet (200) in NSG nsg-a; 192.168.1.0/24 allowed by sql-a (100)',
  },
  // Uncertainty
  {
    name: 'ASG without known members: unknown',
    rules: [
      r({ name: 'to-asg', priority: 100, dstAsgs: [rid('rg', 'applicationSecurityGroups', 'asg-sql')] }),
      denyAllOut,
    ],
    flow: out(ranges('10.0.3.0/24'), ['1433']),
    verdict: 'unknown',
    rule: 'to-asg',
    priority: 100,
    text: 'application security group asg-sql has no known members',
  },
  {
    name: 'ASG with known members decides',
    rules: [
      r({ name: 'to-asg', priority: 100, dstAsgs: [rid('rg', 'applicationSecurityGroups', 'ASG-SQL')] }),
      denyAllOut,
    ],
    flow: out(ranges('10.0.3.4'), ['1433']),
    verdict: 'allow',
    rule: 'to-asg',
    priority: 100,
    ctx: {
      ...CTX,
      applicationSecurityGroups: new Map([
        [rid('rg', 'applicationSecurityGroups', 'asg-sql').toLowerCase(), cidrSet(['10.0.3.4'])],
      ]),
    },
  },
  {
    name: 'ASG cannot hold on-premises addresses',
    rules: [
      r({ name: 'to-asg', priority: 100, dstAsgs: [rid('rg', 'applicationSecurityGroups', 'asg-sql')] }),
      denyAllOut,
    ],
    flow: out(ranges('192.168.1.0/24'), ['1433']),
    verdict: 'deny',
    rule: 'deny-all',
    priority: 4000,
  },
  {
    name: 'an unknown service tag never holds an on-premises prefix',
    rules: [r({ name: 'odd', priority: 100, access: 'Deny', dst: 'SomeFutureTag' })],
    flow: out(ranges('192.168.1.0/24'), ['1433']),
    verdict: 'allow',
    rule: 'AllowVnetOutBound',
    priority: 65000,
  },
  {
    name: 'an unknown service tag may hold a public address: unknown',
    rules: [r({ name: 'odd', priority: 100, access: 'Deny', dst: 'SomeFutureTag' })],
    flow: out(ranges('20.1.2.3'), ['443']),
    verdict: 'unknown',
    rule: 'odd',
    priority: 100,
    text: 'service tag SomeFutureTag is not known to the evaluator (it holds Azure public ranges only)',
  },
  {
    name: 'ExpressRoute-learned prefixes make VirtualNetwork uncertain',
    rules: [],
    flow: out(ranges('172.16.5.0/24'), ['1433']),
    verdict: 'unknown',
    rule: 'AllowVnetOutBound',
    priority: 65000,
    text: 'learned over ExpressRoute',
    ctx: {
      ...CTX,
      virtualNetwork: {
        known: CTX.virtualNetwork.known,
        uncertain: cidrSet(['172.16.0.0/12']),
        uncertainWhy: 'VirtualNetwork holds prefixes learned over ExpressRoute',
      },
    },
  },
];

describe('NSG evaluator (one NSG)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const v = evaluateFlow(c.flow, [layer(c.rules, 'nsg-a', c.ctx ?? CTX)]);
    expect(v.verdict).toBe(c.verdict);
    expect(v.decidingRule).toMatchObject({ name: c.rule, priority: c.priority, nsg: 'nsg-a' });
    if (c.text) expect(v.summary).toContain(c.text);
  });

  it('rejects malformed port specs with the spec in the message', () => {
    expect(() => parsePorts(['70000'])).toThrow('"70000"');
    expect(() => parsePorts(['20-10'])).toThrow('"20-10"');
  });
});

describe('NSG evaluator: subnet and NIC layers', () => {
  const subnetAllow = layer(
    [r({ name: 'subnet-allow', priority: 100, direction: 'Inbound', protocol: '*' })],
    'nsg-subnet',
  );
  const subnetDeny = layer(
    [
      r({ name: 'subnet-deny', priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*' }),
      r({ name: 'subnet-deny-out', priority: 100, access: 'Deny', protocol: '*' }),
    ],
    'nsg-subnet',
  );
  const nicDeny = layer(
    [
      r({ name: 'nic-deny', priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*' }),
      r({ name: 'nic-deny-out', priority: 100, access: 'Deny', protocol: '*' }),
    ],
    'nsg-nic',
  );
  const nicAllow = layer([r({ name: 'nic-allow', priority: 100, direction: 'Inbound', protocol: '*' })], 'nsg-nic');
  const from = inbound(ranges('8.8.8.8'));
  const to = out(ranges('8.8.8.8'), ['443']);

  it.each<[string, Flow, NsgLayer, NsgLayer, Verdict, string]>([
    ['inbound: subnet allows, NIC denies', from, subnetAllow, nicDeny, 'deny', 'nic-deny'],
    ['inbound: both deny, the subnet NSG is evaluated first', from, subnetDeny, nicDeny, 'deny', 'subnet-deny'],
    ['inbound: both allow', from, subnetAllow, nicAllow, 'allow', 'nic-allow'],
    ['outbound: both deny, the NIC NSG is evaluated first', to, subnetDeny, nicDeny, 'deny', 'nic-deny-out'],
    ['outbound: NIC allows by default, subnet denies', to, subnetDeny, nicAllow, 'deny', 'subnet-deny-out'],
  ])('%s', (_n, flow, subnet, nic, verdict, ruleName) => {
    const v = evaluateFlow(flow, layersInOrder(flow.direction, subnet, nic));
    expect(v.verdict).toBe(verdict);
    expect(v.decidingRule?.name).toBe(ruleName);
  });

  it('a subnet without an NSG does not filter', () => {
    const v = evaluateFlow(from, [{ context: CTX, attachedTo: 'subnet dms' }]);
    expect(v.verdict).toBe('allow');
    expect(v.decidingRule).toBeUndefined();
    expect(v.summary).toContain('no NSG attached');
  });
});

describe('NSG evaluator properties', () => {
  const protocols: RuleProtocol[] = ['Tcp', 'Udp', '*'];
  const prefixes = ['*', '192.168.1.0/24', '192.168.0.0/16', 'VirtualNetwork', 'Internet', '10.0.2.0/24', 'ServiceBus'];
  const ports = ['*', '443', '1433', '1000-2000', '445'];
  const arbRule = fc.record({
    access: fc.constantFrom<('Allow' | 'Deny')[]>('Allow', 'Deny'),
    protocol: fc.constantFrom(...protocols),
    dst: fc.constantFrom(...prefixes),
    ports: fc.subarray(ports, { minLength: 1 }),
  });
  const arbRules = fc
    .uniqueArray(fc.integer({ min: 100, max: 4096 }), { minLength: 1, maxLength: 12 })
    .chain((prios) => fc.tuple(...prios.map((p) => arbRule.map((x) => rule({ ...x, priority: p, name: `r${p}` })))));
  const arbFlow = fc.record({
    dst: fc.constantFrom(ranges('192.168.1.0/24', '20.0.0.0/8'), ranges('10.0.2.0/24'), service('ServiceBus')),
    ports: fc.constantFrom(['443'], ['1433', '445'], ['1000-3000']),
    protocol: fc.constantFrom(...protocols),
  });

  it('the order rules are listed in does not change the verdict: priority decides', () => {
    fc.assert(
      fc.property(arbRules, arbFlow, fc.nat(), (rules, f, seed) => {
        const flow = out(f.dst, f.ports, f.protocol);
        const shuffled = [...rules].sort(
          (a, b) => ((a.priority * 7919 + seed) % 101) - ((b.priority * 7919 + seed) % 101),
        );
        const a = evaluateFlow(flow, [layer(rules)]);
        const b = evaluateFlow(flow, [layer(shuffled)]);
        expect(b.verdict).toBe(a.verdict);
        expect(b.summary).toBe(a.summary);
      }),
    );
  });

  it('an allow-everything rule at priority 100 makes every flow allowed by it', () => {
    fc.assert(
      fc.property(arbRules, arbFlow, (rules, f) => {
        const all = rule({ name: 'allow-all', priority: 99, protocol: '*' });
        const v = evaluateFlow(out(f.dst, f.ports, f.protocol), [layer([...rules, all])]);
        expect(v.verdict).toBe('allow');
        expect(v.decidingRule?.name).toBe('allow-all');
      }),
    );
  });
});

describe('NSG evaluator: rules it cannot read', () => {
  const flow = out(ranges('192.168.1.0/24'), ['1433']);
  it.each<[string, SecurityRule, string]>([
    [
      'a malformed prefix',
      rule({ name: 'bad-prefix', priority: 100, dst: '10.0.0.0/40' }),
      'rule bad-prefix cannot be read',
    ],
    ['a malformed port', rule({ name: 'bad-port', priority: 100, ports: '99999' }), 'rule bad-port cannot be read'],
    ['no destination ports', rule({ name: 'no-ports', priority: 100, ports: [] }), 'has no destination ports'],
    ['no destination at all', rule({ name: 'no-dst', priority: 100, dst: [] }), 'has no destination addresses'],
  ])('%s gives unknown naming the rule', (_n, bad, text) => {
    const v = evaluateFlow(flow, [layer([bad, r({ name: 'allow', priority: 200 })])]);
    expect(v.verdict).toBe('unknown');
    expect(v.decidingRule?.name).toBe(bad.name);
    expect(v.summary).toContain(text);
  });

  it('an uncertain part that a later NSG layer denies is denied', () => {
    const asgRule = r({ name: 'to-asg', priority: 100, dstAsgs: [rid('rg', 'applicationSecurityGroups', 'asg-x')] });
    const nic = layer([r({ name: 'nic-deny', priority: 100, access: 'Deny', protocol: '*' })], 'nsg-nic');
    const v = evaluateFlow(out(ranges('10.0.3.0/24'), ['1433']), [nic, layer([asgRule], 'nsg-subnet')]);
    expect(v.verdict).toBe('deny');
    expect(v.decidingRule?.name).toBe('nic-deny');
    const w = evaluateFlow(out(ranges('10.0.3.0/24'), ['1433']), [layer([asgRule], 'nsg-subnet'), nic]);
    expect(w.verdict).toBe('deny');
    expect(w.decidingRule?.name).toBe('nic-deny');
  });
});

describe('NSG evaluator: service tags it does not know hold Azure public ranges only', () => {
  // VNet 10.0.0.0/16, on-premises 192.168.0.0/16 and a public on-premises range 198.51.100.0/24.
  const onPremCtx: EvaluationContext = {
    ...CTX,
    virtualNetwork: { known: union(CTX.virtualNetwork.known, cidrSet(['198.51.100.0/24'])), uncertain: [] },
    onPremises: cidrSet(['192.168.0.0/16', '198.51.100.0/24']),
  };
  const denyApim = r({ name: 'deny-apim', priority: 100, access: 'Deny', protocol: '*', dst: 'ApiManagement' });
  const denyStorage = r({ name: 'deny-storage', priority: 100, access: 'Deny', protocol: '*', dst: 'Storage' });

  it.each<[string, string, SecurityRule, Verdict, string]>([
    ['RFC 1918 (10/8)', '10.0.3.0/24', denyApim, 'allow', 'AllowVnetOutBound'],
    ['RFC 1918 (172.16/12)', '172.20.0.0/16', denyApim, 'deny', 'DenyAllOutBound'],
    ['RFC 1918 (192.168/16)', '192.168.1.0/24', denyApim, 'allow', 'AllowVnetOutBound'],
    ['shared space 100.64/10', '100.64.1.0/24', denyApim, 'deny', 'DenyAllOutBound'],
    ['a public on-premises prefix', '198.51.100.0/24', denyApim, 'allow', 'AllowVnetOutBound'],
    ['a public on-premises prefix (known tag)', '198.51.100.0/24', denyStorage, 'allow', 'AllowVnetOutBound'],
    ['a public address elsewhere', '52.1.2.3', denyApim, 'unknown', 'deny-apim'],
  ])('%s: %s', (_n, destination, rule, verdict, decidedBy) => {
    const v = evaluateFlow(out(ranges(destination), ['1433']), [layer([rule], 'nsg-a', onPremCtx)]);
    expect(v.verdict).toBe(verdict);
    expect(v.decidingRule?.name).toBe(decidedBy);
  });

  it("the API Management quickstart's inbound rule from ApiManagement does not touch the DMS subnet's own traffic", () => {
    const apimIn = r({
      name: 'Management_endpoint_for_Azure_portal_and_Powershell',
      priority: 120,
      direction: 'Inbound',
      src: 'ApiManagement',
      dst: 'VirtualNetwork',
      ports: '3443',
    });
    const denyIn = r({ name: 'deny-in', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*' });
    const dmsIn = r({ name: 'DMS_subnet', priority: 200, direction: 'Inbound', protocol: '*', src: DMS });
    const v = evaluateFlow(inbound(ranges(DMS)), [layer([apimIn, dmsIn, denyIn])]);
    expect(v).toMatchObject({ verdict: 'allow', decidingRule: { name: 'DMS_subnet' } });
  });

  it.each(['AzureLoadBalancer', 'VirtualNetwork'])(
    '%s is still read as the tag that holds private addresses',
    (tag) => {
      const deny = r({
        name: 'deny-tag',
        priority: 100,
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
        src: tag,
      });
      const from = tag === 'VirtualNetwork' ? ranges(DMS) : ranges('168.63.129.16');
      expect(evaluateFlow(inbound(from), [layer([deny])])).toMatchObject({
        verdict: 'deny',
        decidingRule: { name: 'deny-tag' },
      });
    },
  );
});

describe('NSG evaluator: IPv6 prefixes next to IPv4 ones', () => {
  const flow = out(ranges('192.168.1.0/24'), ['1433']);
  it.each<[string, string | string[], Verdict, string]>([
    ['an IPv6-only rule (single field)', 'ace:cab:deca::/48', 'allow', 'AllowVnetOutBound'],
    ['an IPv6-only rule (plural field)', ['ace:cab:deca::/48', '2001:db8::/32'], 'allow', 'AllowVnetOutBound'],
    ['an IPv6 address', 'ace:cab:deca:deed::4', 'allow', 'AllowVnetOutBound'],
    // Azure refuses a rule mixing both families; read anyway, the IPv4 prefix decides
    ['a mixed rule', ['ace:cab:deca::/48', '192.168.1.0/24'], 'deny', 'deny-v6'],
  ])('%s decides only by its IPv4 prefixes', (_n, dst, verdict, decidedBy) => {
    const rule = r({ name: 'deny-v6', priority: 100, access: 'Deny', protocol: '*', dst });
    const v = evaluateFlow(flow, [layer([rule])]);
    expect(v.verdict).toBe(verdict);
    expect(v.decidingRule?.name).toBe(decidedBy);
  });

  it('an IPv6 prefix never holds a public service', () => {
    const rule = r({ name: 'deny-v6', priority: 100, access: 'Deny', protocol: '*', dst: '::/0' });
    expect(evaluateFlow(out(service('ServiceBus'), ['443']), [layer([rule])]).decidingRule?.name).toBe(
      'AllowInternetOutBound',
    );
  });

  it.each<[string, string]>([
    ['ace:zz::/48', '"ace:zz::/48" is neither an IPv4 nor an IPv6 prefix'],
    ['ace:cab:deca::/129', '"ace:cab:deca::/129" is neither an IPv4 nor an IPv6 prefix'],
    ['10.0.0.0/33', '"10.0.0.0/33" has an invalid prefix length'],
  ])('a malformed prefix %s stays unknown, naming it', (dst, text) => {
    const rule = r({ name: 'bad', priority: 100, access: 'Deny', protocol: '*', dst });
    const v = evaluateFlow(flow, [layer([rule])]);
    expect(v.verdict).toBe('unknown');
    expect(v.decidingRule?.name).toBe('bad');
    expect(v.summary).toContain(text);
  });

  it('a flow without an IPv4 address is unknown, never allowed', () => {
    const v = evaluateFlow(out(ranges('ace:cab:deca::/48'), ['1433']), [layer([])]);
    expect(v.verdict).toBe('unknown');
    expect(v.summary).toContain('the flow has no IPv4 address to check');
  });
});

describe('NSG evaluator: every outcome of uncertain rules', () => {
  const asg = (name: string) => rid('rg', 'applicationSecurityGroups', name);
  const toAsg = (name: string, priority: number, access: 'Allow' | 'Deny' = 'Allow') =>
    r({ name: `to-${name}`, priority, access, dstAsgs: [asg(name)], ports: '1433' });
  const allowSql = r({ name: 'allow-sql', priority: 200, dst: '10.0.3.0/24', ports: '1433' });
  const flow = out(ranges('10.0.3.0/24'), ['1433']);

  it.each<[string, SecurityRule[], Verdict, string, string?]>([
    [
      'an allow ASG rule followed by an allow covering the flow: allowed',
      [toAsg('asg-sql', 100), allowSql, denyAllOut],
      'allow',
      'allow-sql',
      'the same whether or not to-asg-sql (100) matches: application security group asg-sql has no known members',
    ],
    [
      'a deny ASG rule where the flow is denied anyway: denied',
      [toAsg('asg-sql', 100, 'Deny'), denyAllOut],
      'deny',
      'deny-all',
      'the same whether or not to-asg-sql (100) matches',
    ],
    [
      'an allow ASG rule where the flow is allowed by default anyway (VirtualNetwork): allowed',
      [toAsg('asg-sql', 100)],
      'allow',
      'AllowVnetOutBound',
      'the same whether or not to-asg-sql (100) matches',
    ],
    [
      'an allow ASG rule followed by a deny: the outcome depends on the members',
      [toAsg('asg-sql', 100), denyAllOut],
      'unknown',
      'to-asg-sql',
      'application security group asg-sql has no known members',
    ],
    [
      'two ASG rules of opposite access before an allow: blamed on the one that differs',
      [toAsg('asg-a', 100), toAsg('asg-b', 110, 'Deny'), allowSql],
      'unknown',
      'to-asg-b',
      'application security group asg-b has no known members',
    ],
    [
      'two allow ASG rules before an allow: allowed',
      [toAsg('asg-a', 100), toAsg('asg-b', 110), allowSql, denyAllOut],
      'allow',
      'allow-sql',
      'the same whether or not to-asg-a (100), to-asg-b (110) matches',
    ],
  ])('%s', (_n, rules, verdict, decidedBy, text) => {
    const v = evaluateFlow(flow, [layer(rules)]);
    expect(v.verdict).toBe(verdict);
    expect(v.decidingRule?.name).toBe(decidedBy);
    if (text) expect(v.summary).toContain(text);
  });

  it('a rule it cannot read is not settled by later rules: the inventory is wrong there', () => {
    const bad = r({ name: 'bad-port', priority: 100, ports: '99999' });
    const v = evaluateFlow(flow, [layer([bad, allowSql])]);
    expect(v).toMatchObject({ verdict: 'unknown', decidingRule: { name: 'bad-port' } });
  });

  it('a verdict reached without the members is the verdict for any members (property)', () => {
    const memberSets = [[], ['10.0.3.4'], ['10.0.3.0/25'], ['10.0.0.0/16'], ['10.0.9.9']];
    const names = ['asg-a', 'asg-b'];
    const arbRule = fc.record({
      access: fc.constantFrom<('Allow' | 'Deny')[]>('Allow', 'Deny'),
      target: fc.constantFrom('asg-a', 'asg-b', '10.0.3.0/24', '10.0.0.0/16', '*', 'VirtualNetwork'),
      ports: fc.constantFrom('1433', '*', '1000-2000'),
    });
    const arbRules = fc
      .uniqueArray(fc.integer({ min: 100, max: 4096 }), { minLength: 1, maxLength: 8 })
      .chain((prios) =>
        fc.tuple(
          ...prios.map((p) =>
            arbRule.map((x) =>
              rule({
                name: `r${p}`,
                priority: p,
                access: x.access,
                ports: x.ports,
                ...(names.includes(x.target) ? { dstAsgs: [asg(x.target)] } : { dst: x.target }),
              }),
            ),
          ),
        ),
      );
    const arbMembers = fc.tuple(fc.constantFrom(...memberSets), fc.constantFrom(...memberSets));
    const dest = fc.constantFrom(ranges('10.0.3.0/24'), ranges('10.0.3.4'), ranges('10.0.7.0/24'));
    fc.assert(
      fc.property(arbRules, arbMembers, dest, (rules, [a, b], destination) => {
        const f = out(destination, ['1433']);
        const unknownMembers = evaluateFlow(f, [layer(rules)]);
        if (unknownMembers.verdict === 'unknown') return;
        const ctx: EvaluationContext = {
          ...CTX,
          applicationSecurityGroups: new Map([
            [asg('asg-a').toLowerCase(), cidrSet(a)],
            [asg('asg-b').toLowerCase(), cidrSet(b)],
          ]),
        };
        expect(evaluateFlow(f, [layer(rules, 'nsg-a', ctx)]).verdict).toBe(unknownMembers.verdict);
      }),
      { numRuns: 300 },
    );
  });
});
