import * as path from 'node:path';
import { runCli } from '../../src/cli';

// verify --snapshot on networks where the path, not an NSG, decides: each fixture in ARM REST and Azure CLI shape.

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'snapshots');

async function verifyJson(fixture: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['verify', '--json', '--snapshot', path.join(FIXTURES, fixture), ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s),
  });
  expect(err).toBe('');
  const json = JSON.parse(out) as {
    topology: string | null;
    checks: { id: string; status: string; summary: string; route?: Record<string, unknown>; fix?: string }[];
  };
  return { code, json, byId: Object.fromEntries(json.checks.map((c) => [c.id, c])) };
}

interface RouteFixture {
  fixture: string;
  args: string[];
  topology: string;
  code: number;
  /** Check id → expected status; checks not listed pass. */
  statuses: Record<string, string>;
  /** Check id → fields of its route, summary or fix. */
  expect: Record<string, Record<string, unknown>>;
}

const CASES: RouteFixture[] = [
  {
    fixture: 'hub-spoke-not-transitive',
    args: ['--source-range', '10.100.0.4/32', '--smb', 'yes'],
    topology: 'cloud-shared-vnet',
    code: 1,
    statuses: { 'nsg-sql-source': 'fail', 'nsg-smb-share': 'fail' },
    expect: {
      'nsg-sql-source': {
        route: expect.objectContaining({
          nextHopType: 'None',
          missingPath: expect.objectContaining({ kind: 'peering-not-transitive' }),
        }),
        fix: expect.stringContaining(
          'az network vnet peering create -g rg-hubspoke --vnet-name spokeDevVnet -n spokeDevVnet-to-spokeProdVnet',
        ),
      },
    },
  },
  {
    fixture: 'forced-tunnel-none',
    args: [],
    topology: 'hybrid',
    code: 1,
    statuses: {
      'nsg-management-443': 'fail',
      'nsg-management-9354': 'fail',
      'nsg-diagnostics-12000': 'fail',
      'route-forced-tunneling': 'fail',
    },
    expect: {
      'route-forced-tunneling': { summary: expect.stringContaining('route table rt-dms sends 0.0.0.0/0 to None') },
      'nsg-management-443': {
        route: expect.objectContaining({ addressPrefix: '0.0.0.0/0', nextHopType: 'None', routeName: 'default-none' }),
      },
      'nsg-sql-source': {
        route: expect.objectContaining({ nextHopType: 'VirtualNetworkGateway', outcome: 'gateway' }),
      },
    },
  },
  {
    fixture: 'onprem-p2s-only',
    args: ['--source-range', '192.168.10.0/24'],
    topology: 'hybrid',
    code: 1,
    statuses: { 'onprem-connectivity': 'fail', 'nsg-sql-source': 'fail' },
    expect: {
      'nsg-sql-source': {
        route: expect.objectContaining({ missingPath: expect.objectContaining({ kind: 'point-to-site-only' }) }),
      },
    },
  },
  {
    fixture: 'onprem-er-no-connection',
    args: ['--source-range', '192.168.10.0/24'],
    topology: 'hybrid',
    code: 1,
    statuses: { 'onprem-connectivity': 'fail', 'nsg-sql-source': 'fail' },
    expect: {
      'onprem-connectivity': { fix: expect.stringContaining('--express-route-circuit2') },
      'nsg-sql-source': {
        route: expect.objectContaining({
          missingPath: expect.objectContaining({ kind: 'expressroute-without-connection' }),
        }),
      },
    },
  },
  {
    fixture: 'onprem-bgp',
    args: ['--source-range', '10.200.10.0/24'],
    topology: 'hybrid',
    code: 0,
    statuses: { 'nsg-sql-source': 'unknown', 'route-forced-tunneling': 'unknown' },
    expect: {
      'nsg-sql-source': {
        rule: expect.objectContaining({ name: 'AllowVnetOutBound' }),
        fix: expect.stringContaining('az network vnet-gateway list-learned-routes -g rg-bgp -n vgw-onprem -o table'),
      },
    },
  },
  {
    fixture: 'udr-virtualnetwork',
    args: ['--source-range', '10.200.1.0/24'],
    topology: 'hybrid',
    code: 0,
    statuses: { 'nsg-sql-source': 'warn' },
    expect: {
      'nsg-sql-source': {
        rule: expect.objectContaining({ name: 'AllowVnetOutBound' }),
        route: expect.objectContaining({
          outcome: 'appliance',
          nextHopIpAddress: '10.70.3.4',
          routeTable: expect.objectContaining({ name: 'rt-dms' }),
        }),
      },
    },
  },
  { fixture: 'hub-transit', args: [], topology: 'hybrid', code: 0, statuses: {}, expect: {} },
  {
    fixture: 'hub-transit-no-propagation',
    args: [],
    topology: 'hybrid',
    code: 1,
    statuses: { 'nsg-sql-source': 'fail', 'route-forced-tunneling': 'warn' },
    expect: {
      'nsg-sql-source': {
        route: expect.objectContaining({
          missingPath: expect.objectContaining({ kind: 'gateway-routes-not-propagated' }),
        }),
        fix: expect.stringContaining(
          'az network route-table update -g rg-hub -n rt-spoke-dms --disable-bgp-route-propagation false',
        ),
      },
    },
  },
  {
    fixture: 'vwan-spoke',
    args: ['--source-range', '192.168.0.0/16'],
    topology: 'hybrid',
    code: 0,
    statuses: { 'onprem-connectivity': 'unknown', 'nsg-sql-source': 'unknown', 'route-forced-tunneling': 'unknown' },
    expect: {},
  },
];

describe('verify --snapshot where routes decide', () => {
  it.each(CASES.flatMap((c) => [[c.fixture, c] as const, [`${c.fixture}-cli`, c] as const]))(
    '%s',
    async (fixture, c) => {
      const { code, json, byId } = await verifyJson(fixture, ...c.args);
      expect(json.topology).toBe(c.topology);
      const statuses = Object.fromEntries(json.checks.filter((k) => k.status !== 'pass').map((k) => [k.id, k.status]));
      expect(statuses).toEqual(c.statuses);
      for (const [id, fields] of Object.entries(c.expect)) expect(byId[id]).toMatchObject(fields);
      expect(code).toBe(c.code);
    },
  );

  it('both shapes give the same result, check by check', async () => {
    for (const c of CASES) {
      const arm = await verifyJson(c.fixture, ...c.args);
      const cli = await verifyJson(`${c.fixture}-cli`, ...c.args);
      expect(cli.json).toEqual(arm.json);
    }
  });

  it('the human text puts the deciding route in the evidence next to the deciding rule', async () => {
    let out = '';
    await runCli(
      ['verify', '--snapshot', path.join(FIXTURES, 'hub-spoke-not-transitive'), '--source-range', '10.100.0.4/32'],
      {
        out: (s) => (out += s),
        err: () => undefined,
      },
    );
    expect(out).toMatch(/^FAIL +nsg-sql-source: .*no route: .*peering is not transitive/m);
    expect(out).toMatch(
      /^ +evidence: TCP 1433 to the source 10\.100\.0\.4\/32: allowed by AllowVnetOutBound \(65000\) in NSG nsg-dms$/m,
    );
    expect(out).toMatch(
      /^ +evidence: TCP 1433 to the source 10\.100\.0\.4\/32: route 10\.0\.0\.0\/8 → None \(system route, reserved range\): next hop None drops it$/m,
    );
    expect(out).toMatch(/^ +fix: az network vnet peering create/m);
  });
});
