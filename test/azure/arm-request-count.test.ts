import * as path from 'node:path';
import { EMPTY_SUBSCRIPTION, armRequestCount, subscriptionSizesOf } from '../../src/azure/arm-request-count';
import { readSnapshot } from '../../src/azure/snapshot-reader';

const empty = EMPTY_SUBSCRIPTION;

describe('armRequestCount', () => {
  it('an empty subscription costs the eleven list requests', () => {
    expect(armRequestCount([empty])).toBe(11);
  });

  it('counts pages, per-group lists and classic DMS GETs', () => {
    const size = {
      ...empty,
      virtualNetworks: 2000, // 20 pages of 100
      networkSecurityGroups: 2000, // 20
      managedInstances: 100, // 1
      classicDmsServices: 3, // 1 page + 3 GETs
      virtualNetworkGateways: 4, // 1 page + 2 groups
      gatewayResourceGroups: 2,
      networkInterfaces: 250, // 3
      applicationSecurityGroups: 101, // 2
    };
    expect(armRequestCount([size])).toBe(20 + 20 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 3 + 2 + 3 + 2);
    expect(armRequestCount([size, size])).toBe(2 * armRequestCount([size]));
    expect(armRequestCount([size], 1000)).toBe(2 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 3 + 2 + 1 + 1);
  });

  it('sizes an inventory per subscription from its resource ids', async () => {
    const inventory = await readSnapshot(path.join(__dirname, '..', 'fixtures', 'snapshots', 'cloud-isolated-vnet'));
    const extra = '11111111-2222-3333-4444-555555555555';
    const sizes = subscriptionSizesOf(inventory, [extra]);
    expect(sizes).toHaveLength(3);
    expect(sizes[0]).toEqual(empty);
    expect(sizes.map((s) => s.virtualNetworks)).toEqual([0, 1, 1]);
    expect(sizes.map((s) => s.classicDmsServices)).toEqual([0, 0, 1]);
  });
});
