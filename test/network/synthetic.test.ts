import { syntheticInventory } from '../../bench/verify-synthetic';
import { CHECK_IDS, indexInventory, verifyIndexed } from '../../src/network/verifier';

describe('synthetic inventory for bench:verify', () => {
  it('has the requested size and every MI/DMS pair verifies into known topologies and check ids', () => {
    const size = { vnets: 60, nsgs: 40, rulesPerNsg: 50, managedInstances: 10, routeTables: 60, routesPerTable: 20 };
    const { inventory, pairs } = syntheticInventory(size);
    expect(inventory.virtualNetworks).toHaveLength(60);
    expect(inventory.networkSecurityGroups).toHaveLength(40);
    expect(inventory.networkSecurityGroups.every((n) => n.securityRules.length === 50)).toBe(true);
    expect(pairs).toHaveLength(10);
    expect(inventory.routeTables).toHaveLength(60);
    expect(inventory.routeTables.every((t) => t.routes.length === 20)).toBe(true);
    expect(inventory.virtualNetworks.every((v) => v.subnets[1].name === 'dms' && v.subnets[1].routeTableId)).toBe(true);
    const index = indexInventory(inventory);
    const topologies = new Set<string | null>();
    const routeStatuses = new Set<string>();
    for (const p of pairs) {
      const r = verifyIndexed(index, { ...p, sqlPort: 1433, namedInstance: true, smb: true, ruleset: '2020' });
      topologies.add(r.topology);
      routeStatuses.add(r.checks.find((c) => c.id === 'route-forced-tunneling')!.status);
      for (const c of r.checks) {
        expect(CHECK_IDS).toContain(c.id);
        if (c.status !== 'pass') expect(c.evidence.length).toBeGreaterThan(0);
      }
    }
    expect([...topologies].sort()).toEqual(['cloud-shared-vnet', 'hybrid', 'mi-isolated']);
    // The routes are evaluated: some DMS subnets send Azure traffic through an appliance, some straight out.
    expect([...routeStatuses]).toEqual(expect.arrayContaining(['pass', 'warn']));
  });
});
