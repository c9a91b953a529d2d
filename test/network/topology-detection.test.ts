import { indexInventory } from '../../src/network/inventory-index';
import { onPremConnectivity } from '../../src/network/connectivity';
import { resolveVirtualNetworkTag } from '../../src/network/virtual-network-tag';
import { VerifyInputError } from '../../src/network/errors';
import { detectTopology, findPlacement } from '../../src/network/topology-detection';
import { toCidrs } from '../../src/network/cidr';
import { TOPOLOGY_IDS, TopologyId } from '../../src/planning/types';
import { onPremLink, peering, rid, vnet } from '../fixtures/network/builders';
import { scenario } from '../fixtures/network/scenarios';

function detect(inv: Parameters<typeof indexInventory>[0], mi?: string, dms?: string) {
  const index = indexInventory(inv);
  return detectTopology(index, findPlacement(index, mi, dms));
}

describe('topology detection', () => {
  it.each(TOPOLOGY_IDS.map((t) => [t]))('recognises %s', (t: TopologyId) => {
    expect(detect(scenario(t).inventory).topology).toBe(t);
  });

  it('null with the reason when the VNets are peered one way only', () => {
    const s = scenario('cloud-isolated-vnet');
    s.dmsVnet.peerings = [];
    const d = detect(s.inventory);
    expect(d.topology).toBeNull();
    expect(d.why).toContain('vnet-dms→vnet-mi: none');
    expect(d.why).toContain('vnet-mi→vnet-dms: Connected');
  });

  it('null when a peering is only Initiated', () => {
    const s = scenario('mi-isolated');
    s.miVnet.peerings[0].peeringState = 'Initiated';
    expect(detect(s.inventory).topology).toBeNull();
  });

  it('point-to-site only is not on-premises connectivity', () => {
    const s = scenario('cloud-shared-vnet');
    onPremLink(s.inventory, s.dmsVnet, 'p2s-only');
    const d = detect(s.inventory);
    expect(d.topology).toBe('cloud-shared-vnet');
    expect(d.dmsOnPrem.unconnectedGateways.map((g) => g.name)).toEqual(['vnet-shared-gw']);
  });

  it('ExpressRoute counts as on-premises connectivity', () => {
    const s = scenario('cloud-isolated-vnet');
    onPremLink(s.inventory, s.dmsVnet, 'expressroute');
    const d = detect(s.inventory);
    expect(d.topology).toBe('mi-isolated');
    expect(d.dmsOnPrem.hasExpressRoute).toBe(true);
  });

  it("a peered hub's gateway counts through useRemoteGateways + allowGatewayTransit, not without", () => {
    for (const transit of [true, false]) {
      const s = scenario('cloud-isolated-vnet');
      const hub = vnet('vnet-hub', ['10.9.0.0/16'], [{ name: 'GatewaySubnet', prefixes: ['10.9.255.0/27'] }]);
      s.inventory.virtualNetworks.push(hub);
      onPremLink(s.inventory, hub, 'vpn', ['172.30.0.0/16']);
      peering(s.dmsVnet, hub, { useRemoteGateways: true });
      peering(hub, s.dmsVnet, { allowGatewayTransit: transit });
      const index = indexInventory(s.inventory);
      const d = detectTopology(index, findPlacement(index));
      expect(d.topology).toBe(transit ? 'mi-isolated' : 'cloud-isolated-vnet');
      const tag = resolveVirtualNetworkTag(index, s.dmsVnet, onPremConnectivity(index, s.dmsVnet));
      expect(toCidrs(tag.known)).toEqual(
        transit
          ? ['10.1.0.0/16', '10.2.0.0/16', '10.9.0.0/16', '168.63.129.16/32', '172.30.0.0/16']
          : ['10.1.0.0/16', '10.2.0.0/16', '10.9.0.0/16', '168.63.129.16/32'],
      );
    }
  });

  it('resource ids compare case-insensitively', () => {
    const s = scenario('mi-isolated');
    s.inventory.managedInstances[0].subnetId = s.inventory.managedInstances[0].subnetId.toUpperCase();
    s.inventory.dmsServices[0].subnetId = s.inventory.dmsServices[0].subnetId!.toLowerCase();
    s.miVnet.peerings[0].remoteVirtualNetworkId = s.dmsVnet.id.toUpperCase();
    s.inventory.connections[0].virtualNetworkGateway1Id =
      s.inventory.connections[0].virtualNetworkGateway1Id.toLowerCase();
    expect(detect(s.inventory).topology).toBe('mi-isolated');
  });
});

describe('finding the MI and the DMS', () => {
  function withTwo() {
    const s = scenario('hybrid');
    const [mi] = s.inventory.managedInstances;
    const [dms] = s.inventory.dmsServices;
    s.inventory.managedInstances.push({ ...mi, id: mi.id.replace('sqlmi-1', 'sqlmi-2'), name: 'sqlmi-2' });
    s.inventory.dmsServices.push({ ...dms, id: dms.id.replace('dms-1', 'dms-2'), name: 'dms-2' });
    return s;
  }

  it('several MIs and no name: a typed error listing the candidates', () => {
    const index = indexInventory(withTwo().inventory);
    expect(() => findPlacement(index)).toThrow(VerifyInputError);
    expect(() => findPlacement(index)).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({ kind: 'ambiguous', field: 'mi', candidates: ['sqlmi-1', 'sqlmi-2'] }),
      }),
    );
    expect(() => findPlacement(index)).toThrow(
      'Several SQL Managed Instances: name one (candidates: sqlmi-1, sqlmi-2)',
    );
  });

  it('several DMS: --dms picks one, case-insensitively', () => {
    const index = indexInventory(withTwo().inventory);
    expect(() => findPlacement(index, 'sqlmi-2')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ field: 'dms', candidates: ['dms-1', 'dms-2'] }) }),
    );
    expect(findPlacement(index, 'SQLMI-2', 'Dms-2').dms.name).toBe('dms-2');
  });

  it.each<[string, (s: ReturnType<typeof scenario>) => void, string, string | undefined]>([
    ['no MI', (s) => (s.inventory.managedInstances = []), 'No SQL Managed Instance found', undefined],
    [
      'unknown --mi name',
      () => undefined,
      'No SQL Managed Instance named "nope" in the inventory (candidates: sqlmi-1)',
      'nope',
    ],
    [
      'no classic DMS',
      (s) => (s.inventory.dmsServices[0].kind = 'current'),
      'No classic Database Migration Service found',
      undefined,
    ],
    [
      'DMS without subnet',
      (s) => (s.inventory.dmsServices[0].subnetId = undefined),
      'DMS dms-1 has no subnet id',
      undefined,
    ],
    [
      'MI subnet outside the inventory',
      (s) => (s.inventory.managedInstances[0].subnetId = rid('other', 'virtualNetworks', 'x') + '/subnets/y'),
      'is not in the inventory',
      undefined,
    ],
  ])('%s: VerifyInputError', (_n, mutate, message, mi) => {
    const s = scenario('hybrid');
    mutate(s);
    const index = indexInventory(s.inventory);
    expect(() => findPlacement(index, mi)).toThrow(VerifyInputError);
    expect(() => findPlacement(index, mi)).toThrow(message);
  });

  it('a current (sqlMigrationServices) DMS named explicitly is refused with the reason', () => {
    const s = scenario('hybrid');
    s.inventory.dmsServices[0].kind = 'current';
    expect(() => findPlacement(indexInventory(s.inventory), undefined, 'dms-1')).toThrow('has no virtual network');
  });
});
