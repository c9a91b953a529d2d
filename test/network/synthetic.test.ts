import { syntheticInventory } from '../../bench/verify-synthetic';
import { CHECK_IDS, indexInventory, verifyIndexed } from '../../src/network/verifier';

describe('synthetic inventory for bench:verify', () => {
  it('has the requested size and every MI/DMS pair verifies into known topologies and check ids', () => {
    const size = { vnets: 60, nsgs: 40, rulesPerNsg: 50, managedInstances: 10 };
    const { inventory, pairs } = syntheticInventory(size);
    expect(inventory.virtualNetworks).toHaveLength(60);
    expect(inventory.networkSecurityGroups).toHaveLength(40);
    expect(inventory.networkSecurityGroups.every((n) => n.securityRules.length === 50)).toBe(true);
    expect(pairs).toHaveLength(10);
    const index = indexInventory(inventory);
    const topologies = new Set<string | null>();
    for (const p of pairs) {
      const r = verifyIndexed(index, { ...p, sqlPort: 1433, namedInstance: true, smb: true, ruleset: 'seed' });
      topologies.add(r.topology);
      for (const c of r.checks) {
        expect(CHECK_IDS).toContain(c.id);
        if (c.status !== 'pass') expect(c.evidence.length).toBeGreaterThan(0);
      }
    }
    expect([...topologies].sort()).toEqual(['cloud-shared-vnet', 'hybrid', 'mi-isolated']);
  });
});
