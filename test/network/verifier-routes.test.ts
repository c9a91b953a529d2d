// Route and NSG together: each required flow needs a path, and the deciding route shows next to the deciding rule.
import { Check, CheckId, VerifyResult, verify } from '../../src/network/verifier';
import type { VirtualNetwork } from '../../src/network/model';
import { onPremLink, peer, rid, rule, vnet } from '../fixtures/network/builders';
import { routeTable } from '../fixtures/network/routing';
import { MI_SUBNET, Scenario, scenario } from '../fixtures/network/scenarios';

function check(r: VerifyResult, id: CheckId): Check {
  const c = r.checks.find((k) => k.id === id);
  if (!c) throw new Error(`no check ${id} in ${r.checks.map((k) => k.id).join(', ')}`);
  return c;
}

function dmsSubnetOf(s: Scenario) {
  return s.dmsVnet.subnets.find((x) => x.name === 'dms-subnet')!;
}

/** A hub peered with the scenario's DMS VNet, and a spoke of that hub holding a source VM (10.60.3.0/24). */
function sourceInOtherSpoke(s: Scenario): { hub: VirtualNetwork; spoke: VirtualNetwork } {
  const hub = vnet('vnet-hub', ['10.9.0.0/16'], [{ name: 'GatewaySubnet', prefixes: ['10.9.255.0/27'] }]);
  const spoke = vnet('vnet-src', ['10.60.0.0/16'], [{ name: 'vm-subnet', prefixes: ['10.60.3.0/24'] }]);
  s.inventory.virtualNetworks.push(hub, spoke);
  peer(s.dmsVnet, hub);
  peer(spoke, hub);
  s.options.sourceRanges = ['10.60.3.0/24'];
  return { hub, spoke };
}

describe('verify: a flow needs a route as well as NSG rules', () => {
  it('a source in another spoke of the hub fails: peering is not transitive; the fix peers, not an NSG rule', () => {
    const s = scenario('cloud-shared-vnet');
    sourceInOtherSpoke(s);
    const r = verify(s.inventory, s.options);
    expect(r.topology).toBe('cloud-shared-vnet');
    for (const id of ['nsg-sql-source', 'nsg-sql-named-instance', 'nsg-smb-share'] as CheckId[]) {
      const c = check(r, id);
      expect(c.status).toBe('fail');
      expect(c.summary).toContain('no route');
      expect(c.summary).toContain('peering is not transitive');
      expect(c.route).toMatchObject({
        status: 'fail',
        outcome: 'dropped',
        addressPrefix: '10.0.0.0/8',
        nextHopType: 'None',
        origin: 'Default',
        missingPath: { kind: 'peering-not-transitive' },
      });
      expect(c.fix).toContain(
        'az network vnet peering create -g rg-net --vnet-name vnet-shared -n vnet-shared-to-vnet-src',
      );
      expect(c.fix).toContain(
        'az network vnet peering create -g rg-net --vnet-name vnet-src -n vnet-src-to-vnet-shared',
      );
      expect(c.fix).not.toContain('nsg rule');
    }
    // Once peered, the same network passes: the peering is the whole fix.
    peer(
      s.dmsVnet,
      s.inventory.virtualNetworks.find((v) => v.name === 'vnet-src')!,
    );
    expect(check(verify(s.inventory, s.options), 'nsg-sql-source').status).toBe('pass');
  });

  it('0.0.0.0/0 to None on the DMS subnet: management fails with the route, the on-premises source still passes', () => {
    const s = scenario('hybrid');
    routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'None' }]);
    const r = verify(s.inventory, s.options);
    expect(check(r, 'route-forced-tunneling')).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('sends 0.0.0.0/0 to None'),
      fix: expect.stringContaining('--address-prefix ServiceBus --next-hop-type Internet'),
    });
    const mgmt = check(r, 'nsg-management-443');
    expect(mgmt).toMatchObject({
      status: 'fail',
      route: { addressPrefix: '0.0.0.0/0', nextHopType: 'None', origin: 'User' },
    });
    expect(mgmt.summary).toContain(
      'no route: route 0.0.0.0/0 → None (route r0 in route table rt-vnet-shared-dms-subnet)',
    );
    expect(mgmt.fix).toContain(
      'az network route-table route create -g rg-net --route-table-name rt-vnet-shared-dms-subnet -n to-servicebus',
    );
    expect(check(r, 'nsg-sql-source')).toMatchObject({
      status: 'pass',
      route: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway', origin: 'VirtualNetworkGateway' },
    });
    expect(check(r, 'nsg-dms-subnet-outbound').status).toBe('pass');
  });

  it('the deciding route is in the evidence next to the deciding NSG rule', () => {
    const r = verify(scenario('hybrid').inventory, scenario('hybrid').options);
    const c = check(r, 'nsg-sql-source');
    expect(c.rule).toMatchObject({ name: 'SQL-Source-server' });
    expect(c.evidence).toEqual(
      expect.arrayContaining([
        'TCP 1433 to the source 192.168.0.0/16: allowed by SQL-Source-server (220) in NSG nsg-dms',
        expect.stringMatching(
          /^TCP 1433 to the source 192\.168\.0\.0\/16: route 192\.168\.0\.0\/16 → VirtualNetworkGateway \(gateway route, local network gateway onprem/,
        ),
      ]),
    );
  });

  it.each<[string, 'p2s-only' | 'er-without-connection', string, string]>([
    ['a point-to-site-only gateway', 'p2s-only', 'point-to-site-only', 'az network vpn-connection create'],
    [
      'an ExpressRoute gateway without a connection',
      'er-without-connection',
      'expressroute-without-connection',
      '--express-route-circuit2',
    ],
  ])(
    'a source range outside every VNet with %s: on-premises topology, onprem-connectivity and the source flows fail',
    (_n, kind, missing, fix) => {
      const s = scenario('cloud-shared-vnet');
      const { gateway } = onPremLink(s.inventory, s.dmsVnet, kind === 'p2s-only' ? 'p2s-only' : 'none');
      if (kind === 'er-without-connection') gateway.gatewayType = 'ExpressRoute';
      s.options.sourceRanges = ['192.168.10.0/24'];
      const r = verify(s.inventory, s.options);
      expect(r.topology).toBe('hybrid');
      expect(r.topologyReason).toContain(
        '192.168.10.0/24 is outside every VNet in the inventory: on-premises or another cloud',
      );
      expect(check(r, 'onprem-connectivity')).toMatchObject({ status: 'fail', fix: expect.stringContaining(fix) });
      const sql = check(r, 'nsg-sql-source');
      expect(sql).toMatchObject({ status: 'fail', route: { missingPath: { kind: missing } } });
      expect(sql.fix).toContain(fix);
      expect(sql.fix).not.toContain('nsg rule');
    },
  );

  it('no topology recognised but the source is on-premises: onprem-connectivity is checked too', () => {
    const s = scenario('cloud-isolated-vnet');
    s.miVnet.peerings = [];
    s.options.sourceRanges = ['192.168.10.0/24'];
    const r = verify(s.inventory, s.options);
    expect(r.topology).toBeNull();
    expect(r.checks.slice(0, 2).map((c) => [c.id, c.status])).toEqual([
      ['onprem-connectivity', 'fail'],
      ['vnet-peering', 'fail'],
    ]);
  });

  it('a source VM in a VNet makes a cloud topology even where the VNet also reaches on-premises', () => {
    const s = scenario('hybrid');
    const r = verify(s.inventory, { ...s.options, sourceRanges: ['10.2.3.0/24'] });
    expect(r.topology).toBe('cloud-shared-vnet');
    expect(r.topologyReason).toContain('the source range is in VNet vnet-shared');
  });

  it('on-premises prefixes learned over BGP: VirtualNetwork holds them if learned, so AllowVnetOutBound allows; the route is unknown, never a fail', () => {
    const s = scenario('hybrid');
    const conn = s.inventory.connections[0];
    conn.enableBgp = true;
    s.inventory.localNetworkGateways[0].addressPrefixes = ['192.168.255.1/32'];
    const r = verify(s.inventory, { ...s.options, sourceRanges: ['172.20.0.0/16'] });
    const sql = check(r, 'nsg-sql-source');
    expect(sql).toMatchObject({
      status: 'unknown',
      rule: { name: 'AllowVnetOutBound' },
      route: {
        status: 'unknown',
        learnedRoutesCommands: ['az network vnet-gateway list-learned-routes -g rg-net -n vnet-shared-gw -o table'],
      },
    });
    expect(sql.evidence.join('\n')).toContain('allowed by AllowVnetOutBound (65000) in NSG nsg-dms');
    expect(sql.fix).toContain('list-learned-routes');
    // A deny stays a deny whatever the routes: that part is not decided by BGP.
    s.dmsNsg.securityRules.push({
      ...s.dmsNsg.securityRules[3],
      name: 'deny-sql',
      priority: 100,
      access: 'Deny',
      destinationAddressPrefixes: ['*'],
    });
    expect(check(verify(s.inventory, { ...s.options, sourceRanges: ['172.20.0.0/16'] }), 'nsg-sql-source').status).toBe(
      'fail',
    );
  });

  it('prefixes of user-defined routes are in VirtualNetwork: AllowVnetOutBound allows a source reached through a firewall', () => {
    const s = scenario('hybrid');
    routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [
      { addressPrefix: '10.50.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.2.0.4' },
    ]);
    const sql = check(verify(s.inventory, { ...s.options, sourceRanges: ['10.50.1.0/24'] }), 'nsg-sql-source');
    expect(sql).toMatchObject({
      status: 'warn',
      rule: { name: 'AllowVnetOutBound' },
      route: { outcome: 'appliance', nextHopIpAddress: '10.2.0.4', routeTable: { name: 'rt-vnet-shared-dms-subnet' } },
    });
    expect(sql.summary).toContain(
      'allowed by AllowVnetOutBound (65000) in NSG nsg-dms, but sent to the appliance at 10.2.0.4',
    );
    expect(sql.fix).toContain(
      'az network route-table route show -g rg-net --route-table-name rt-vnet-shared-dms-subnet -n r0',
    );
  });

  it('DMS → MI: a route dropping the MI subnet fails nsg-mi-inbound-from-dms and vnet-peering', () => {
    const s = scenario('mi-isolated');
    routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [{ addressPrefix: '10.1.0.0/16', nextHopType: 'None' }]);
    const r = verify(s.inventory, s.options);
    for (const id of ['nsg-mi-inbound-from-dms', 'vnet-peering'] as CheckId[]) {
      expect(check(r, id)).toMatchObject({
        status: 'fail',
        route: { missingPath: { kind: 'route-table-drops' } },
        fix: expect.stringContaining(
          'az network route-table route delete -g rg-net --route-table-name rt-vnet-dms-dms-subnet -n r0',
        ),
      });
    }
  });

  it("DMS → MI: the MI subnet's answers through an appliance warn", () => {
    const s = scenario('mi-isolated');
    routeTable(s.inventory, s.miVnet, 'mi-subnet', [
      { addressPrefix: '10.2.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.9.0.4' },
    ]);
    const r = verify(s.inventory, s.options);
    expect(check(r, 'nsg-mi-inbound-from-dms')).toMatchObject({ status: 'warn', route: { outcome: 'appliance' } });
    expect(check(r, 'vnet-peering').status).toBe('warn');
  });

  it('VNets whose address spaces overlap are never proposed for peering', () => {
    const s = scenario('cloud-isolated-vnet');
    s.miVnet.peerings = [];
    s.dmsVnet.peerings = [];
    s.miVnet.addressPrefixes = ['10.1.0.0/16', '10.2.128.0/17'];
    const c = check(verify(s.inventory, s.options), 'vnet-peering');
    expect(c.status).toBe('fail');
    expect(c.evidence.join('\n')).toContain('Azure refuses to peer VNets whose address spaces overlap');
    expect(c.fix).not.toContain('peering create');
  });

  it('a route table the inventory lacks makes the routed checks unknown and names it', () => {
    const s = scenario('hybrid');
    dmsSubnetOf(s).routeTableId = rid('rg-other', 'routeTables', 'rt-hidden');
    const r = verify(s.inventory, s.options);
    expect(check(r, 'nsg-sql-source')).toMatchObject({
      status: 'unknown',
      fix: expect.stringContaining('az network route-table show --ids'),
    });
    expect(check(r, 'route-forced-tunneling').status).toBe('unknown');
  });
});

describe('DMS → MI with Redirect: the route decides for both port sets, the NSGs warn about 11000-11999 alone', () => {
  /** Redirect, the MI NSG allowing 1433 from the DMS subnet and denying the rest; DMS subnet routes to the MI. */
  function redirect(allowRange: boolean, miRoute: { nextHopType: string; nextHopIpAddress?: string }) {
    const s = scenario('mi-isolated');
    s.inventory.managedInstances[0].proxyOverride = 'Redirect';
    s.miNsg.securityRules = [
      rule({
        name: 'sql-only',
        priority: 200,
        direction: 'Inbound',
        ports: allowRange ? ['1433', '11000-11999'] : '1433',
      }),
      rule({ name: 'deny-rest', priority: 300, direction: 'Inbound', access: 'Deny', protocol: '*' }),
    ];
    routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [{ addressPrefix: MI_SUBNET, ...miRoute }]);
    return check(verify(s.inventory, s.options), 'nsg-mi-inbound-from-dms');
  }

  it('through an appliance, 11000-11999 denied: a warning naming both, the route first, the range rule marked', () => {
    const c = redirect(false, { nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.2.0.4' });
    expect(c).toMatchObject({
      status: 'warn',
      nsgStatus: 'warn',
      rule: { name: 'deny-rest', priority: 300 },
      route: { outcome: 'appliance', nextHopIpAddress: '10.2.0.4' },
    });
    expect(c.summary).toContain('sent to the appliance at 10.2.0.4');
    expect(c.summary).toContain(
      'TCP 11000-11999 is not allowed: fine on instances with the October 2025 redirect change',
    );
    const lines = c.fix!.split('\n');
    expect(lines[0]).toMatch(
      /^az network route-table route show .* # the appliance at 10.2.0.4 must forward TCP 1433$/,
    );
    expect(lines[1]).toMatch(
      /^az network nsg rule create .*--destination-port-ranges 11000-11999 --subscription [0-9a-f-]+ {2}# only for an instance without the October 2025/,
    );
    expect(lines).toHaveLength(2);
  });

  it('a route to None for the MI subnet: a failure for want of a route, whatever the NSGs allow', () => {
    const c = redirect(false, { nextHopType: 'None' });
    expect(c).toMatchObject({ status: 'fail', route: { status: 'fail', nextHopType: 'None', origin: 'User' } });
    expect(c.summary).toMatch(/^MI sqlmi-1 reachable from DMS on TCP 1433: no route: /);
    expect(c.fix).toMatch(/^az network route-table route delete /);
    expect(c.fix).toContain(
      '--destination-port-ranges 11000-11999 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333  # only for an instance without',
    );
  });

  it("the MI subnet's route table missing from the inventory: the route stays unknown, the range is still named", () => {
    const s = scenario('mi-isolated');
    s.inventory.managedInstances[0].proxyOverride = 'Redirect';
    s.miNsg.securityRules = [rule({ name: 'sql-only', priority: 200, direction: 'Inbound', ports: '1433' })];
    s.miNsg.securityRules.push(rule({ name: 'deny-rest', priority: 300, direction: 'Inbound', access: 'Deny' }));
    s.miVnet.subnets[0].routeTableId = rid('rg-other', 'routeTables', 'rt-hidden');
    const c = check(verify(s.inventory, s.options), 'nsg-mi-inbound-from-dms');
    expect(c).toMatchObject({ status: 'unknown', nsgStatus: 'warn', route: { status: 'unknown' } });
    expect(c.summary).toContain('TCP 11000-11999 is not allowed');
    expect(c.fix).toContain('az network route-table show --ids');
    expect(c.fix).toContain(
      '--destination-port-ranges 11000-11999 --subscription 0b1f6471-1bf0-4dda-aec3-111122223333  # only for an instance without',
    );
  });

  it('a route to None, the range allowed: the failure is the route only', () => {
    const c = redirect(true, { nextHopType: 'None' });
    expect(c).toMatchObject({ status: 'fail', nsgStatus: 'pass' });
    expect(c.evidence.some((e) => e.startsWith('TCP 11000-11999 is allowed too'))).toBe(true);
    expect(c.fix).not.toContain('nsg rule');
  });
});
