import { NO_ADDITIONAL_REQUIREMENTS, TOPOLOGIES } from '../../src/planning';
import { REQUIREMENT_IDS, TOPOLOGY_IDS, type TopologyId } from '../../src/planning/types';

// Section titles, requirement ids and cited docs as the seed has them.
const SEED: Record<TopologyId, { title: string; requirements: [string, string[]][] }> = {
  hybrid: {
    title: 'Azure SQL Managed Instance configured for Hybrid workloads',
    requirements: [
      ['same-vnet-separate-subnets', []],
      ['onprem-connectivity', ['expressroute/expressroute-introduction', 'vpn-gateway/vpn-gateway-about-vpngateways']],
    ],
  },
  'mi-isolated': {
    title: 'SQL Managed Instance isolated from the on-premises network',
    requirements: [
      ['onprem-connectivity', ['expressroute/expressroute-introduction', 'vpn-gateway/vpn-gateway-about-vpngateways']],
      ['vnet-peering', ['virtual-network/virtual-network-peering-overview']],
    ],
  },
  'cloud-shared-vnet': { title: 'Cloud-to-cloud migrations: Shared virtual network', requirements: [] },
  'cloud-isolated-vnet': {
    title: 'Cloud to cloud migrations: Isolated virtual network',
    requirements: [['vnet-peering', ['virtual-network/virtual-network-peering-overview']]],
  },
};

describe('the four topologies', () => {
  it('are exactly the agreed ids', () => {
    expect(Object.keys(TOPOLOGIES).sort()).toEqual([...TOPOLOGY_IDS].sort());
  });

  it.each(TOPOLOGY_IDS)('%s has the seed title, requirements and absolute Microsoft Learn links', (id) => {
    const t = TOPOLOGIES[id];
    expect(t.id).toBe(id);
    expect(t.title).toBe(SEED[id].title);
    expect(t.useWhen).toMatch(/^Use this/);
    expect(t.requirements.map((r) => [r.id, r.links.map((l) => l.url)])).toEqual(
      SEED[id].requirements.map(([rid, paths]) => [rid, paths.map((p) => `https://learn.microsoft.com/azure/${p}`)]),
    );
    for (const r of t.requirements) {
      expect(REQUIREMENT_IDS).toContain(r.id);
      expect(r.text.length).toBeGreaterThan(30);
    }
  });

  it('lists the isolated topologies scenarios and says when there are no requirements', () => {
    expect(TOPOLOGIES['mi-isolated'].scenarios).toHaveLength(3);
    expect(TOPOLOGIES['cloud-isolated-vnet'].scenarios).toHaveLength(3);
    expect(NO_ADDITIONAL_REQUIREMENTS).toBe('No additional requirements.');
  });
});
