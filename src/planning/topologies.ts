import type { Requirement, RequirementId, TopologyId } from './types';

export interface DocLink {
  title: string;
  url: string;
}

/** The Microsoft docs the article cites, as absolute URLs. */
export const DOC_LINKS = {
  expressRoute: {
    title: 'ExpressRoute',
    url: 'https://learn.microsoft.com/azure/expressroute/expressroute-introduction',
  },
  vpnGateway: { title: 'VPN', url: 'https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpngateways' },
  vnetPeering: {
    title: 'VNet network peering',
    url: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview',
  },
} satisfies Record<string, DocLink>;

export interface Topology {
  id: TopologyId;
  /** The article's section title. */
  title: string;
  /** The article's "Use this topology if ..." text: an introduction and, for the isolated topologies, its scenarios. */
  useWhen: string;
  scenarios: string[];
  requirements: Requirement[];
}

/** Shown instead of a requirement list when a topology has none (cloud-shared-vnet). */
export const NO_ADDITIONAL_REQUIREMENTS = 'No additional requirements.';

const PEERING: Requirement = {
  id: 'vnet-peering',
  text: 'Set up VNet network peering between the virtual network used for SQL Managed Instance and Azure Database Migration Service.',
  links: [DOC_LINKS.vnetPeering],
};

export const TOPOLOGIES: Record<TopologyId, Topology> = {
  hybrid: {
    id: 'hybrid',
    title: 'Azure SQL Managed Instance configured for Hybrid workloads',
    useWhen:
      'Use this topology if your Azure SQL Managed Instance is connected to your on-premises network. This approach provides the most simplified network routing and yields maximum data throughput during the migration.',
    scenarios: [],
    requirements: [
      {
        id: 'same-vnet-separate-subnets',
        text: 'SQL Managed Instance and the Azure Database Migration Service instance are created in the same Azure virtual network, but they use different subnets.',
        links: [],
      },
      {
        id: 'onprem-connectivity',
        text: 'The virtual network used in this scenario is also connected to the on-premises network by using either ExpressRoute or VPN.',
        links: [DOC_LINKS.expressRoute, DOC_LINKS.vpnGateway],
      },
    ],
  },
  'mi-isolated': {
    id: 'mi-isolated',
    title: 'SQL Managed Instance isolated from the on-premises network',
    useWhen: 'Use this network topology if your environment requires one or more of the following scenarios:',
    scenarios: [
      'The SQL Managed Instance is isolated from on-premises connectivity, but your Azure Database Migration Service instance is connected to the on-premises network.',
      'If Azure role-based access control (Azure RBAC) policies are in place and you need to limit the users to accessing the same subscription that is hosting the SQL Managed Instance.',
      'The virtual networks used for the SQL Managed Instance and Azure Database Migration Service are in different subscriptions.',
    ],
    requirements: [
      {
        id: 'onprem-connectivity',
        text: 'The virtual network that Azure Database Migration Service uses for this scenario must also be connected to the on-premises network by using either ExpressRoute or VPN.',
        links: [DOC_LINKS.expressRoute, DOC_LINKS.vpnGateway],
      },
      PEERING,
    ],
  },
  'cloud-shared-vnet': {
    id: 'cloud-shared-vnet',
    title: 'Cloud-to-cloud migrations: Shared virtual network',
    useWhen:
      'Use this topology if the source SQL Server is hosted in an Azure VM and shares the same virtual network with SQL Managed Instance and Azure Database Migration Service.',
    scenarios: [],
    requirements: [],
  },
  'cloud-isolated-vnet': {
    id: 'cloud-isolated-vnet',
    title: 'Cloud to cloud migrations: Isolated virtual network',
    useWhen: 'Use this network topology if your environment requires one or more of the following scenarios:',
    scenarios: [
      'The SQL Managed Instance is provisioned in an isolated virtual network.',
      'If Azure role-based access control (Azure RBAC) policies are in place and you need to limit the users to accessing the same subscription that is hosting SQL Managed Instance.',
      'The virtual networks used for SQL Managed Instance and Azure Database Migration Service are in different subscriptions.',
    ],
    requirements: [PEERING],
  },
};

/** Every requirement id a topology can carry, for callers that list checks per topology. */
export function requirementIds(topology: TopologyId): RequirementId[] {
  return TOPOLOGIES[topology].requirements.map((r) => r.id);
}
