import {
  verify,
  VerifyInputError,
  VerifyResult,
  CHECK_IDS,
  CheckId,
  CheckStatus,
  VerifyOptions,
} from '../../src/network/verifier';
import type { VerifyInputProblem } from '../../src/network/errors';
import { RouteTable } from '../../src/network/model';
import { TOPOLOGY_IDS, TopologyId } from '../../src/planning/types';
import { nsg, onPremLink, peering, rid, rule, vnet } from '../fixtures/network/builders';
import { DMS_SUBNET, ONPREM, Scenario, scenario } from '../fixtures/network/scenarios';

function run(s: Scenario, extra: Partial<VerifyOptions> = {}): VerifyResult {
  return verify(s.inventory, { ...s.options, ...extra });
}
function check(r: VerifyResult, id: CheckId) {
  const c = r.checks.find((k) => k.id === id);
  if (!c) throw new Error(`no check ${id} in ${r.checks.map((k) => k.id).join(', ')}`);
  return c;
}

const FLOW_CHECKS: CheckId[] = [
  'nsg-dms-subnet-inbound',
  'nsg-management-443',
  'nsg-management-9354',
  'nsg-diagnostics-12000',
  'nsg-sql-source',
  'nsg-sql-named-instance',
  'nsg-smb-share',
  'nsg-dms-subnet-outbound',
  'nsg-mi-inbound-from-dms',
  'route-forced-tunneling',
  'dns-onprem-resolution',
  'dms-service-endpoints',
  'mi-subnet',
];
const REQUIREMENTS: Record<TopologyId, CheckId[]> = {
  hybrid: ['same-vnet-separate-subnets', 'onprem-connectivity'],
  'mi-isolated': ['onprem-connectivity', 'vnet-peering'],
  'cloud-shared-vnet': ['same-vnet-separate-subnets'],
  'cloud-isolated-vnet': ['vnet-peering'],
};

describe('verify: a correct network for each topology passes', () => {
  it.each(TOPOLOGY_IDS.map((t) => [t]))('%s', (t: TopologyId) => {
    const r = run(scenario(t), { plannedTopology: t });
    expect(r.topology).toBe(t);
    expect(r.topologyMatchesPlan).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual([...REQUIREMENTS[t], ...FLOW_CHECKS]);
    expect(r.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(r.managedInstance).toMatchObject({ name: 'sqlmi-1' });
    expect(r.dms.subnetId).toMatch(/subnets\/dms-subnet$/);
    // On-premises sources meet the seed's SQL rule; a source VM in the VNet is already VirtualNetwork.
    const sqlRule = t === 'hybrid' || t === 'mi-isolated' ? 'SQL-Source-server (220)' : 'AllowVnetOutBound (65000)';
    expect(check(r, 'nsg-sql-source').summary).toContain(`${sqlRule} in NSG nsg-dms`);
  });
});

const deny = (name: string, priority: number, extra: Parameters<typeof rule>[0] extends infer R ? Partial<R> : never) =>
  rule({ name, priority, access: 'Deny', protocol: '*', ...extra });

interface FailCase {
  name: string;
  topology: TopologyId;
  mutate: (s: Scenario) => void;
  options?: Partial<VerifyOptions>;
  id: CheckId;
  status: CheckStatus;
  rule?: { name: string; priority: number };
  text?: string;
  fix?: string;
}

const failing: FailCase[] = [
  {
    name: 'planned hybrid but MI and DMS are in different VNets',
    topology: 'mi-isolated',
    mutate: () => undefined,
    options: { plannedTopology: 'hybrid' },
    id: 'same-vnet-separate-subnets',
    status: 'fail',
    text: 'different VNets (vnet-mi, vnet-dms)',
    fix: 'az network vnet subnet create -g rg-net --vnet-name vnet-mi',
  },
  {
    name: 'DMS placed in the MI subnet',
    topology: 'cloud-shared-vnet',
    mutate: (s) => (s.inventory.dmsServices[0].subnetId = s.inventory.managedInstances[0].subnetId),
    id: 'same-vnet-separate-subnets',
    status: 'fail',
    text: 'share subnet mi-subnet',
  },
  {
    name: 'hybrid planned, the VNet has a point-to-site gateway only',
    topology: 'cloud-shared-vnet',
    mutate: (s) => onPremLink(s.inventory, s.dmsVnet, 'p2s-only'),
    options: { plannedTopology: 'hybrid' },
    id: 'onprem-connectivity',
    status: 'fail',
    text: 'no VPN (site-to-site) or ExpressRoute connection',
    fix: 'az network vpn-connection create -g rg-net',
  },
  {
    name: "a hub's gateway without gateway transit on the DMS VNet's peering",
    topology: 'cloud-isolated-vnet',
    mutate: (s) => {
      const hub = vnet('vnet-hub', ['10.9.0.0/16'], [{ name: 'GatewaySubnet', prefixes: ['10.9.255.0/27'] }]);
      s.inventory.virtualNetworks.push(hub);
      onPremLink(s.inventory, hub, 'vpn');
      peering(s.dmsVnet, hub);
      peering(hub, s.dmsVnet, { allowGatewayTransit: true });
    },
    options: { plannedTopology: 'mi-isolated' },
    id: 'onprem-connectivity',
    status: 'fail',
    text: 'vnet-dms.useRemoteGateways=false',
    fix: 'az network vnet peering update -g rg-net --vnet-name vnet-dms -n vnet-dms-to-vnet-hub --set useRemoteGateways=true',
  },
  {
    name: 'on-premises connection not connected',
    topology: 'hybrid',
    mutate: (s) => (s.inventory.connections[0].connectionStatus = 'NotConnected'),
    id: 'onprem-connectivity',
    status: 'warn',
    text: 'none is Connected',
  },
  {
    name: 'peering missing from the DMS side',
    topology: 'mi-isolated',
    mutate: (s) => (s.dmsVnet.peerings = []),
    options: { plannedTopology: 'mi-isolated' },
    id: 'vnet-peering',
    status: 'fail',
    fix: 'az network vnet peering create -g rg-net --vnet-name vnet-dms -n vnet-dms-to-vnet-mi',
  },
  {
    name: 'inbound from the DMS subnet denied',
    topology: 'hybrid',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-in', 150, { direction: 'Inbound' })),
    id: 'nsg-dms-subnet-inbound',
    status: 'fail',
    rule: { name: 'deny-in', priority: 150 },
    fix: "--priority 100 --direction Inbound --access Allow --protocol '*' --source-address-prefixes 10.2.2.0/24",
  },
  {
    name: 'internet denied before management 443',
    topology: 'mi-isolated',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-internet', 150, { dst: 'Internet' })),
    id: 'nsg-management-443',
    status: 'fail',
    rule: { name: 'deny-internet', priority: 150 },
    fix: 'az network nsg rule create -g rg-net --nsg-name nsg-dms -n management-443 --priority 100 --direction Outbound',
  },
  {
    name: 'management opens 443 only',
    topology: 'cloud-isolated-vnet',
    mutate: (s) => {
      s.dmsNsg.securityRules[1].destinationPortRanges = ['443'];
      s.dmsNsg.securityRules.push(deny('deny-all-out', 4000, {}));
    },
    id: 'nsg-management-9354',
    // 443 to ServiceBus, Storage and AzureMonitor is allowed: the article's later revision is met
    status: 'warn',
    rule: { name: 'deny-all-out', priority: 4000 },
    text: 'a warning, not a failure',
    fix: "--destination-address-prefixes '*' --destination-port-ranges 9354",
  },
  {
    name: 'diagnostics 12000 denied',
    topology: 'cloud-shared-vnet',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-12000', 205, { ports: '12000', protocol: 'Tcp' })),
    id: 'nsg-diagnostics-12000',
    status: 'warn',
    rule: { name: 'deny-12000', priority: 205 },
    text: 'TCP 443 to ServiceBus, Storage and AzureMonitor is allowed',
  },
  {
    name: 'SQL to the source denied',
    topology: 'hybrid',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-sql', 215, { dst: ONPREM, ports: '1433' })),
    id: 'nsg-sql-source',
    status: 'fail',
    rule: { name: 'deny-sql', priority: 215 },
    text: 'denied by deny-sql (215) in NSG nsg-dms',
  },
  {
    // 172.20.0.0/16 has no route: the site-to-site connection's local network gateway lists only 192.168.0.0/16.
    // Once it lists both, VirtualNetwork holds 172.20.0.0/16 and AllowVnetOutBound allows it: no NSG rule is needed.
    name: 'SQL to one source range of two has no route',
    topology: 'hybrid',
    mutate: () => undefined,
    options: { sourceRanges: [ONPREM, '172.20.0.0/16'] },
    id: 'nsg-sql-source',
    status: 'warn',
    text: "only partly routed: the site-to-site connection's local network gateway(s) onprem (192.168.0.0/16) do not include the source (172.20.0.0/16)",
    fix: 'az network local-gateway update -g rg-net -n onprem --local-address-prefixes 192.168.0.0/16 172.20.0.0/16',
  },
  {
    name: 'custom SQL port',
    topology: 'hybrid',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-rest', 3000, { dst: ONPREM })),
    options: { sqlPort: 14330 },
    id: 'nsg-sql-source',
    status: 'fail',
    rule: { name: 'deny-rest', priority: 3000 },
    fix: '--destination-port-ranges 14330',
  },
  {
    name: 'no source range in a cloud topology',
    topology: 'cloud-isolated-vnet',
    mutate: (s) => (s.options.sourceRanges = undefined),
    id: 'nsg-sql-source',
    status: 'unknown',
    text: "the source SQL Server's address or subnet is not given",
    fix: 'az vm list-ip-addresses',
  },
  {
    name: 'named instance 1434/UDP denied',
    topology: 'mi-isolated',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-udp', 225, { protocol: 'Udp' })),
    id: 'nsg-sql-named-instance',
    status: 'fail',
    rule: { name: 'deny-udp', priority: 225 },
    fix: '--protocol Udp',
  },
  {
    name: 'SMB 445 denied',
    topology: 'hybrid',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-smb', 235, { ports: '445' })),
    id: 'nsg-smb-share',
    status: 'fail',
    rule: { name: 'deny-smb', priority: 235 },
  },
  {
    name: 'outbound to the DMS subnet denied',
    topology: 'cloud-shared-vnet',
    mutate: (s) => s.dmsNsg.securityRules.push(deny('deny-dms', 150, { dst: DMS_SUBNET })),
    id: 'nsg-dms-subnet-outbound',
    status: 'fail',
    rule: { name: 'deny-dms', priority: 150 },
  },
  {
    name: 'MI subnet denies the DMS subnet on 1433',
    topology: 'mi-isolated',
    mutate: (s) =>
      s.miNsg.securityRules.push(deny('deny-vnet-sql', 150, { direction: 'Inbound', src: 'VirtualNetwork' })),
    id: 'nsg-mi-inbound-from-dms',
    status: 'fail',
    rule: { name: 'deny-vnet-sql', priority: 150 },
    fix: 'az network nsg rule create -g rg-net --nsg-name nsg-mi -n allow-dms-to-mi --priority 149 --direction Inbound',
  },
  {
    name: 'MI with Redirect: 11000-11999 not allowed',
    topology: 'hybrid',
    mutate: (s) => {
      s.inventory.managedInstances[0].proxyOverride = 'Redirect';
      s.miNsg.securityRules = [rule({ name: 'sql-only', priority: 200, direction: 'Inbound', ports: '1433' })];
      s.miNsg.securityRules.push(deny('deny-rest', 300, { direction: 'Inbound' }));
    },
    id: 'nsg-mi-inbound-from-dms',
    status: 'warn',
    rule: { name: 'deny-rest', priority: 300 },
    text: 'TCP 11000-11999: denied by deny-rest (300) in NSG nsg-mi (redirect on instances with the October 2025 change needs only 1433',
    fix: '--destination-port-ranges 11000-11999 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333  # only for an instance without the October 2025 redirect change',
  },
  {
    name: 'MI with Redirect: 1433 denied too, the fix opens 1433 only',
    topology: 'hybrid',
    mutate: (s) => {
      s.inventory.managedInstances[0].proxyOverride = 'Redirect';
      s.miNsg.securityRules = [deny('deny-all', 300, { direction: 'Inbound' })];
    },
    id: 'nsg-mi-inbound-from-dms',
    status: 'fail',
    rule: { name: 'deny-all', priority: 300 },
    fix: '--destination-port-ranges 1433 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333\n# 11000-11999 too, only for an instance without the October 2025 redirect change',
  },
  {
    name: 'forced tunnelling through an appliance',
    topology: 'hybrid',
    mutate: (s) => {
      const rt: RouteTable = {
        id: rid('rg-net', 'routeTables', 'rt-dms'),
        name: 'rt-dms',
        disableBgpRoutePropagation: false,
        routes: [
          {
            name: 'default',
            addressPrefix: '0.0.0.0/0',
            nextHopType: 'VirtualAppliance',
            nextHopIpAddress: '10.2.0.4',
          },
        ],
      };
      s.inventory.routeTables.push(rt);
      s.dmsVnet.subnets.find((x) => x.name === 'dms-subnet')!.routeTableId = rt.id.toUpperCase();
    },
    id: 'route-forced-tunneling',
    status: 'warn',
    text: 'sends 0.0.0.0/0 to VirtualAppliance 10.2.0.4',
    fix: 'az network route-table route create -g rg-net --route-table-name rt-dms',
  },
  {
    name: 'Azure-provided DNS with an on-premises source',
    topology: 'mi-isolated',
    mutate: (s) => (s.dmsVnet.dnsServers = []),
    id: 'dns-onprem-resolution',
    status: 'warn',
    text: 'on-premises names will not resolve',
    fix: 'az network vnet update -g rg-net -n vnet-dms --dns-servers',
  },
  {
    name: 'ExpressRoute without service endpoints',
    topology: 'cloud-isolated-vnet',
    mutate: (s) => {
      onPremLink(s.inventory, s.dmsVnet, 'expressroute');
      s.dmsVnet.dnsServers = ['192.168.0.53'];
      s.dmsVnet.subnets.find((x) => x.name === 'dms-subnet')!.serviceEndpoints = ['Microsoft.Storage'];
    },
    options: { sourceRanges: [ONPREM] },
    id: 'dms-service-endpoints',
    status: 'warn',
    text: 'if the ExpressRoute circuit of the DMS VNet uses Microsoft peering',
    fix: '--service-endpoints Microsoft.Storage Microsoft.ServiceBus Microsoft.Sql',
  },
  {
    name: 'MI subnet not delegated',
    topology: 'hybrid',
    mutate: (s) => (s.miVnet.subnets[0].delegations = []),
    id: 'mi-subnet',
    status: 'warn',
    text: 'not delegated to Microsoft.Sql/managedInstances',
    fix: '--delegations Microsoft.Sql/managedInstances',
  },
  {
    name: 'MI subnet without NSG',
    topology: 'cloud-isolated-vnet',
    mutate: (s) => (s.miVnet.subnets[0].networkSecurityGroupId = undefined),
    id: 'mi-subnet',
    status: 'warn',
    text: 'no NSG',
  },
  {
    name: 'MI subnet smaller than /28',
    topology: 'cloud-shared-vnet',
    mutate: (s) => (s.miVnet.subnets[0].addressPrefixes = ['10.1.1.0/29']),
    id: 'mi-subnet',
    status: 'warn',
    text: 'smaller than /28 (/29)',
  },
  {
    name: 'MI subnet of /28: dev/test only',
    topology: 'cloud-shared-vnet',
    mutate: (s) => (s.miVnet.subnets[0].addressPrefixes = ['10.1.1.0/28']),
    id: 'mi-subnet',
    status: 'warn',
    text: 'it is a /28, for dev/test only: production needs at least /27',
    fix: "--subnet '<id of a /27 or larger subnet>'",
  },
  {
    name: 'a NIC NSG denies what the subnet allows',
    topology: 'hybrid',
    mutate: (s) => {
      const nic = nsg('nsg-dms-nic', [deny('nic-deny-smb', 100, { ports: '445' })]);
      s.inventory.networkSecurityGroups.push(nic);
      s.inventory.dmsServices[0].networkInterfaceNsgId = nic.id;
    },
    id: 'nsg-smb-share',
    status: 'fail',
    rule: { name: 'nic-deny-smb', priority: 100 },
    fix: '--nsg-name nsg-dms-nic',
  },
  {
    name: 'the DMS subnet names an NSG the inventory lacks',
    topology: 'hybrid',
    mutate: (s) =>
      (s.inventory.networkSecurityGroups = s.inventory.networkSecurityGroups.filter((n) => n.name !== 'nsg-dms')),
    id: 'nsg-management-443',
    status: 'unknown',
    text: 'cannot be decided',
  },
];

describe('verify: each fault is reported with evidence and a fix', () => {
  it.each(failing.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const s = scenario(c.topology);
    c.mutate(s);
    const r = run(s, c.options);
    const k = check(r, c.id);
    expect({ status: k.status, summary: k.summary }).toMatchObject({ status: c.status });
    expect(k.evidence.length).toBeGreaterThan(0);
    if (c.rule) expect(k.rule).toMatchObject(c.rule);
    if (c.text) expect([k.summary, ...k.evidence].join('\n')).toContain(c.text);
    if (c.fix) expect(k.fix).toContain(c.fix);
    // Every non-pass check of the run, not only the one under test, names evidence and an az command.
    for (const other of r.checks.filter((x) => x.status !== 'pass')) {
      expect({ id: other.id, evidence: other.evidence.length > 0, fix: other.fix }).toMatchObject({
        id: other.id,
        evidence: true,
        fix: expect.stringMatching(/^az /),
      });
    }
  });

  it('every check id of docs/contracts.md has at least one failing or warning case here', () => {
    expect(new Set(failing.filter((c) => c.status !== 'pass').map((c) => c.id))).toEqual(new Set(CHECK_IDS));
  });
});

describe('verify: options and rule sets', () => {
  it('named instance and SMB off: no such checks', () => {
    const ids = run(scenario('hybrid'), { namedInstance: false, smb: false }).checks.map((c) => c.id);
    expect(ids).not.toContain('nsg-sql-named-instance');
    expect(ids).not.toContain('nsg-smb-share');
    expect(ids).toContain('nsg-sql-source');
  });

  it('service-tags rule set: 443 to ServiceBus and Storage under nsg-management-443, AzureMonitor under nsg-diagnostics-12000', () => {
    const s = scenario('hybrid');
    s.dmsNsg.securityRules.push(deny('deny-sb', 150, { dst: 'ServiceBus' }));
    const r = run(s, { ruleset: 'service-tags' });
    const ids = r.checks.map((c) => c.id);
    expect(ids).not.toContain('nsg-management-9354');
    const mgmt = check(r, 'nsg-management-443');
    expect(mgmt.status).toBe('fail');
    expect(mgmt.evidence.join('\n')).toMatch(/TCP 443 to ServiceBus: .*denied by deny-sb/);
    expect(mgmt.evidence.join('\n')).toMatch(/TCP 443 to Storage: .*allowed/);
    expect(mgmt.fix).toContain('--destination-address-prefixes ServiceBus');
    expect(check(r, 'nsg-diagnostics-12000')).toMatchObject({ status: 'pass' });
    expect(check(r, 'nsg-diagnostics-12000').evidence.join()).toContain('TCP 443 to AzureMonitor');
  });

  it('source ranges default to the local network gateways of the connection', () => {
    const c = check(run(scenario('hybrid')), 'nsg-sql-source');
    expect(c.evidence).toContain('source ranges from local network gateway(s) onprem: 192.168.0.0/16');
  });

  it('ExpressRoute: without a source range the SQL flow is unknown; with one its route may be learned: unknown, never fail', () => {
    const s = scenario('cloud-isolated-vnet');
    onPremLink(s.inventory, s.dmsVnet, 'expressroute');
    const without = run(s, { sourceRanges: undefined, plannedTopology: 'mi-isolated' });
    expect(check(without, 'nsg-sql-source')).toMatchObject({
      status: 'unknown',
      fix: expect.stringContaining('az network local-gateway list -g rg-net'),
    });
    // The unknown checks keep their place in the order of the rule table.
    expect(without.checks.map((c) => c.id)).toEqual([...REQUIREMENTS['mi-isolated'], ...FLOW_CHECKS]);
    // Azure Resource Manager does not list prefixes learned over ExpressRoute (Azure docs: virtual network traffic routing): the route
    // to 172.20.0.0/16 may exist or not. If it does, the prefix is in VirtualNetwork and AllowVnetOutBound allows it.
    const withRange = run(s, { sourceRanges: ['172.20.0.0/16'], plannedTopology: 'mi-isolated' });
    const sql = check(withRange, 'nsg-sql-source');
    expect(sql).toMatchObject({
      status: 'unknown',
      rule: { name: 'AllowVnetOutBound' },
      route: {
        status: 'unknown',
        addressPrefix: '172.16.0.0/12',
        nextHopType: 'None',
        learnedRoutesCommands: ['az network vnet-gateway list-learned-routes -g rg-net -n vnet-dms-ergw -o table'],
      },
      fix: expect.stringContaining('az network vnet-gateway list-learned-routes -g rg-net -n vnet-dms-ergw'),
    });
    expect(sql.summary).toContain('routes learned from ExpressRoute gateway vnet-dms-ergw');
  });

  it('a DMS subnet without NSG is not filtered', () => {
    const s = scenario('cloud-shared-vnet');
    s.dmsVnet.subnets.find((x) => x.name === 'dms-subnet')!.networkSecurityGroupId = undefined;
    const c = check(run(s), 'nsg-management-443');
    expect(c.status).toBe('pass');
    expect(c.evidence).toContain('subnet dms-subnet has no NSG: its traffic is not filtered by one');
  });

  it('planned and detected topology are compared in topologyMatchesPlan and topologyReason', () => {
    const r = run(scenario('cloud-isolated-vnet'), { plannedTopology: 'mi-isolated' });
    expect(r).toMatchObject({
      topology: 'cloud-isolated-vnet',
      plannedTopology: 'mi-isolated',
      topologyMatchesPlan: false,
    });
    expect(r.topologyReason).toContain('detected cloud-isolated-vnet, but the plan says mi-isolated');
    expect(check(r, 'onprem-connectivity').status).toBe('fail');
  });

  it('no topology detected and no plan: the peering check says why', () => {
    const s = scenario('cloud-isolated-vnet');
    s.miVnet.peerings = [];
    const r = run(s);
    expect(r.topology).toBeNull();
    expect(r.topologyMatchesPlan).toBeNull();
    expect(check(r, 'vnet-peering')).toMatchObject({ status: 'fail' });
    expect(check(r, 'vnet-peering').fix).toContain('--vnet-name vnet-mi -n vnet-mi-to-vnet-dms');
  });

  it('resource ids in any case give the same result', () => {
    const plain = run(scenario('mi-isolated'));
    const s = scenario('mi-isolated');
    for (const n of s.inventory.networkSecurityGroups) n.id = n.id.toUpperCase();
    for (const v of s.inventory.virtualNetworks) for (const sub of v.subnets) sub.id = sub.id.toLowerCase();
    s.inventory.localNetworkGateways[0].id = s.inventory.localNetworkGateways[0].id.toUpperCase();
    const mixed = run(s);
    expect(mixed.topology).toBe(plain.topology);
    expect(mixed.checks.map((c) => [c.id, c.status])).toEqual(plain.checks.map((c) => [c.id, c.status]));
  });

  it.each<[string, { addressPrefix: string; nextHopType: string }[], CheckStatus]>([
    ['a default route to a gateway', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualNetworkGateway' }], 'warn'],
    ['a default route to the internet', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }], 'pass'],
    [
      'two halves to an appliance',
      [
        { addressPrefix: '0.0.0.0/1', nextHopType: 'VirtualAppliance' },
        { addressPrefix: '128.0.0.0/1', nextHopType: 'VirtualAppliance' },
      ],
      'warn',
    ],
    ['the Storage tag to an appliance', [{ addressPrefix: 'Storage', nextHopType: 'VirtualAppliance' }], 'warn'],
    [
      'on-premises only to an appliance',
      [{ addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance' }],
      'pass',
    ],
  ])('route table with %s: route-forced-tunneling %s', (_n, routes, status) => {
    const s = scenario('hybrid');
    const rt: RouteTable = {
      id: rid('rg-net', 'routeTables', 'rt'),
      name: 'rt',
      disableBgpRoutePropagation: false,
      routes: routes.map((r, i) => ({ name: `r${i}`, ...r })),
    };
    s.inventory.routeTables.push(rt);
    s.dmsVnet.subnets.find((x) => x.name === 'dms-subnet')!.routeTableId = rt.id;
    expect(check(run(s), 'route-forced-tunneling').status).toBe(status);
  });

  it.each<[string, Partial<VerifyOptions>, Partial<VerifyInputProblem>]>([
    [
      'a malformed source range',
      { sourceRanges: ['10.0.0.0/40'] },
      { field: 'sourceRanges', value: '10.0.0.0/40', problem: expect.stringContaining('"10.0.0.0/40"') },
    ],
    ['a port out of range', { sqlPort: 70000 }, { field: 'sqlPort', problem: '70000 is not a TCP port (1-65535)' }],
    ['an unknown rule set', { ruleset: 'newest' as VerifyOptions['ruleset'] }, { field: 'ruleset', value: 'newest' }],
    [
      'an unknown topology',
      { plannedTopology: 'hub' as TopologyId },
      { field: 'plannedTopology', problem: expect.stringMatching(/^"hub" is not a topology/) },
    ],
  ])('%s is a typed input error naming the field', (_n, options, problem) => {
    expect(() => run(scenario('hybrid'), options)).toThrow(VerifyInputError);
    expect(() => run(scenario('hybrid'), options)).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ kind: 'invalid', ...problem }) }),
    );
  });
});
