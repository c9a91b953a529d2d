import fc from 'fast-check';
import { verify } from '../../src/network/verifier';
import { TOPOLOGY_IDS } from '../../src/planning/types';
import { rule } from '../fixtures/network/builders';
import { baseArb, build, mutate, mutationArb } from '../fixtures/network/random-networks';
import { scenario } from '../fixtures/network/scenarios';

/** Rewrites every resource id field (id, ...Id, ...Ids) in upper, lower or unchanged case, chosen by the seed. */
function recaseIds<T>(value: T, seed: number): T {
  let n = (seed % 2147483646) + 1;
  const recase = (s: string): string => {
    n = (n * 48271) % 2147483647; // Park-Miller: exact in doubles
    return [s, s.toUpperCase(), s.toLowerCase()][n % 3];
  };
  const walk = (v: unknown, key = ''): unknown => {
    const isIdKey = key === 'id' || key.endsWith('Id') || key.endsWith('Ids');
    if (typeof v === 'string') return isIdKey && v.startsWith('/') ? recase(v) : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}

describe('verify properties', () => {
  it('resource ids in any mix of case give the same topology and check statuses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TOPOLOGY_IDS), fc.nat(), (t, seed) => {
        const s = scenario(t);
        const plain = verify(s.inventory, s.options);
        const mixed = verify(recaseIds(s.inventory, seed), s.options);
        expect(mixed.topology).toBe(plain.topology);
        expect(mixed.checks.map((c) => [c.id, c.status])).toEqual(plain.checks.map((c) => [c.id, c.status]));
      }),
      { numRuns: 40 },
    );
  });

  it('whatever custom denies the DMS NSG holds, allow-all rules at priority 100 make every DMS flow check pass', () => {
    const deny = fc.record({
      priority: fc.integer({ min: 101, max: 4096 }),
      protocol: fc.constantFrom<('Tcp' | 'Udp' | '*')[]>('Tcp', 'Udp', '*'),
      direction: fc.constantFrom<('Inbound' | 'Outbound')[]>('Inbound', 'Outbound'),
      dst: fc.constantFrom('*', 'Internet', 'VirtualNetwork', '192.168.0.0/16', 'ServiceBus'),
      ports: fc.constantFrom('*', '443', '1433', '445', '1434', '9354', '12000'),
    });
    fc.assert(
      fc.property(fc.constantFrom(...TOPOLOGY_IDS), fc.array(deny, { maxLength: 8 }), (t, denies) => {
        const s = scenario(t);
        s.dmsNsg.securityRules = [
          ...denies.map((d, i) => rule({ ...d, name: `deny-${i}`, access: 'Deny' })),
          rule({ name: 'allow-all-out', priority: 100, protocol: '*' }),
          rule({ name: 'allow-all-in', priority: 100, direction: 'Inbound', protocol: '*' }),
        ];
        const r = verify(s.inventory, s.options);
        const dmsChecks = r.checks.filter((c) => c.id.startsWith('nsg-') && c.id !== 'nsg-mi-inbound-from-dms');
        expect(dmsChecks.length).toBeGreaterThan(0);
        for (const c of dmsChecks) expect({ id: c.id, status: c.status }).toEqual({ id: c.id, status: 'pass' });
      }),
      { numRuns: 60 },
    );
  });
});

// Monotonicity: more allow rules or more paths never make a passing check fail.
//
// Stated precisely: for every network N built below (one of the four topologies, optionally a hub with a source
// spoke, custom denies on the DMS NSG, user-defined routes on the DMS subnet, and a source range inside a VNet,
// on-premises or public) and every mutation M of the list below, every check id that verify reports both for N
// and for M(N) (same options) and that passes for N does not fail for M(N). The mutations:
//  - an NSG allow rule (any direction, protocol, destination and ports, at a free priority) on the DMS or MI NSG;
//  - a peering, Connected both ways, between two VNets whose address spaces do not overlap;
//  - a site-to-site connection (with or without BGP) of a VNet's gateway to a local network gateway;
//  - a user-defined route on the DMS or MI subnet whose next hop is VirtualAppliance, or VirtualNetworkGateway where
//    the subnet's VNet has a gateway with a site-to-site or ExpressRoute connection (a route to None, to the
//    Internet, or to a gateway that is not there, does remove a path and is not in the list).
describe('verify properties: paths and allow rules', () => {
  it('adding an allow rule or a path never turns a passing check into a failing one', () => {
    fc.assert(
      fc.property(baseArb, mutationArb, (b, m) => {
        const before = build(b);
        const after = build(b);
        mutate(after, m);
        const was = new Map(verify(before.inventory, before.options).checks.map((c) => [c.id, c.status]));
        for (const c of verify(after.inventory, after.options).checks) {
          if (was.get(c.id) === 'pass')
            expect({ id: c.id, status: c.status, summary: c.summary }).not.toMatchObject({ status: 'fail' });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the generated networks pass some checks and fail others, so the property is not vacuous', () => {
    const statuses = new Set<string>();
    fc.assert(
      fc.property(baseArb, (b) => {
        const s = build(b);
        for (const c of verify(s.inventory, s.options).checks) statuses.add(`${c.id}:${c.status}`);
      }),
      { numRuns: 200, seed: 42 },
    );
    for (const id of ['nsg-sql-source', 'route-forced-tunneling', 'nsg-management-443']) {
      expect([...statuses]).toEqual(expect.arrayContaining([`${id}:pass`, `${id}:fail`]));
    }
  });
});
