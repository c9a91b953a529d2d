import * as path from 'node:path';
import {
  EMPTY_RESOURCE_GROUP,
  EMPTY_SUBSCRIPTION,
  armRequestCount,
  resourceGroupSizesOf,
  subscriptionSizesOf,
} from '../../src/azure/arm-request-count';
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

describe('armRequestCount at resource group scope', () => {
  const group = EMPTY_RESOURCE_GROUP;

  it('an empty resource group costs its eleven lists: six typed, three gateway kinds, two generic', () => {
    expect(armRequestCount([], undefined, [group])).toBe(11);
    expect(armRequestCount([empty], undefined, [group, group])).toBe(11 + 22);
  });

  it('counts pages of every group list, gateway lists without a find, and classic DMS GETs', () => {
    const size = {
      ...group,
      virtualNetworks: 250, // 3 pages
      networkSecurityGroups: 101, // 2
      virtualNetworkGateways: 2, // 1, listed directly in the group
      connections: 0, // 1 (an empty list is one request)
      classicDmsServices: 2, // 1 page + 2 GETs
    };
    expect(armRequestCount([], 100, [size])).toBe(3 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + (1 + 2) + 1);
    expect(armRequestCount([], 1, [size])).toBe(250 + 101 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + (2 + 2) + 1);
  });

  it('the current DMS in any scope adds the storage, DNS link, private endpoint and role assignment lists of every scope', () => {
    const withDms = { ...group, currentDmsServices: 1, storageAccounts: 3, privateDnsZoneLinks: 1 };
    const other = { ...group, storageAccounts: 2, privateEndpoints: 150, roleAssignments: 30 };
    // + 2 per scope: the private endpoint and role assignment lists (150 endpoints: two pages)
    expect(armRequestCount([], 100, [withDms, other])).toBe(
      11 + 11 + (1 + 1 + 3 + 1 + 1 + 2) + (0 + 1 + 2 + 1 + 0 + 3),
    );
    expect(armRequestCount([empty], 100, [withDms])).toBe(11 + 11 + (1 + 1 + 3 + 1 + 1 + 2) + (0 + 1 + 1 + 2));
    expect(armRequestCount([], 100, [other])).toBe(11); // no migration service: no current DMS path
  });

  it('sizes the given resource groups of an inventory; other groups do not count', async () => {
    const inventory = await readSnapshot(path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid'));
    const sub = '6f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
    const sizes = resourceGroupSizesOf(inventory, [
      { subscriptionId: sub, resourceGroup: 'RG-MIGRATION' },
      { subscriptionId: sub, resourceGroup: 'rg-empty' },
    ]);
    expect(sizes).toEqual([
      {
        ...group,
        virtualNetworks: 1,
        networkSecurityGroups: 2,
        routeTables: 1,
        managedInstances: 1,
        classicDmsServices: 1,
      },
      group,
    ]);
    expect(sizes[0]).not.toHaveProperty('gatewayResourceGroups');
  });
});
