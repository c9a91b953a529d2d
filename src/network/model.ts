// The inventory model: what verification needs to know about an Azure network, normalised from
// either the Azure CLI / ARM REST JSON of a snapshot or the live ARM SDK clients. Pure data.
// Resource ids are kept as Azure wrote them; compare them with `sameId` (case-insensitive).

export type Access = 'Allow' | 'Deny';
export type RuleDirection = 'Inbound' | 'Outbound';
export type RuleProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

export interface SecurityRule {
  name: string;
  priority: number;
  direction: RuleDirection;
  access: Access;
  protocol: RuleProtocol;
  /** Address prefixes: '*', an IP, a CIDR or a service tag. ARM's single and plural fields are merged here. */
  sourceAddressPrefixes: string[];
  destinationAddressPrefixes: string[];
  /** Application security group ids, when the rule uses ASGs instead of prefixes. */
  sourceApplicationSecurityGroups: string[];
  destinationApplicationSecurityGroups: string[];
  sourcePortRanges: string[];
  destinationPortRanges: string[];
}

export interface NetworkSecurityGroup {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  /** Custom rules only; the six default rules are added by the evaluator. */
  securityRules: SecurityRule[];
}

export interface Subnet {
  id: string;
  name: string;
  addressPrefixes: string[];
  networkSecurityGroupId?: string;
  routeTableId?: string;
  delegations: string[]; // service names, e.g. 'Microsoft.Sql/managedInstances'
  serviceEndpoints: string[]; // e.g. 'Microsoft.Storage'
}

export interface VirtualNetworkPeering {
  id: string;
  name: string;
  remoteVirtualNetworkId: string;
  peeringState: string; // 'Connected' | 'Initiated' | 'Disconnected'
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  allowForwardedTraffic: boolean;
  /** Address space of the remote VNet as the peering reports it (may be empty). */
  remoteAddressPrefixes: string[];
  /**
   * True for the peering Azure creates when the VNet is connected to a Virtual WAN hub (remote VNet HV_... in a
   * Microsoft-managed RG_... group): the hub's routes reach the VNet but are not in its inventory.
   */
  remoteIsVirtualWanHub?: boolean;
}

export interface VirtualNetwork {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  location: string;
  addressPrefixes: string[];
  /** Custom DNS servers; empty means Azure-provided DNS. */
  dnsServers: string[];
  subnets: Subnet[];
  peerings: VirtualNetworkPeering[];
}

export interface VirtualNetworkGateway {
  id: string;
  name: string;
  gatewayType: string; // 'Vpn' | 'ExpressRoute' | 'LocalGateway'
  /** Id of the GatewaySubnet the gateway sits in; its VNet is the parent of that id. */
  subnetIds: string[];
  /** True when only point-to-site is configured (vpnClientConfiguration and no site-to-site connection). */
  hasPointToSite: boolean;
  /** BGP enabled on the gateway (enableBgp); ExpressRoute gateways always speak BGP. */
  enableBgp?: boolean;
}

export interface GatewayConnection {
  id: string;
  name: string;
  connectionType: string; // 'IPsec' | 'ExpressRoute' | 'Vnet2Vnet' | 'VPNClient'
  virtualNetworkGateway1Id: string;
  virtualNetworkGateway2Id?: string;
  localNetworkGatewayId?: string;
  connectionStatus?: string; // 'Connected' | 'NotConnected' | 'Unknown' | 'Connecting'
  /** For ExpressRoute: the circuit id. */
  peerId?: string;
  /** BGP on this connection (enableBgp): on-premises prefixes are then learned, not only the local gateway's. */
  enableBgp?: boolean;
}

export interface LocalNetworkGateway {
  id: string;
  name: string;
  addressPrefixes: string[];
  gatewayIpAddress?: string;
  /** bgpSettings.bgpPeeringAddress: with BGP the address prefixes may hold only this peer address. */
  bgpPeeringAddress?: string;
}

export interface Route {
  name: string;
  /** A CIDR, or a service tag (Storage, AzureCloud.westeurope, ...): route tables accept both. */
  addressPrefix: string;
  nextHopType: string; // 'VirtualAppliance' | 'VirtualNetworkGateway' | 'Internet' | 'None' | 'VnetLocal'
  nextHopIpAddress?: string;
}

export interface RouteTable {
  id: string;
  name: string;
  routes: Route[];
  disableBgpRoutePropagation: boolean;
}

export interface ManagedInstance {
  id: string;
  name: string;
  subnetId: string;
  /** 'Proxy' | 'Redirect' | 'Default' */
  proxyOverride?: string;
  location: string;
  /** Its managed identities; null when it has none, undefined when the inventory does not say. */
  identity?: ManagedInstanceIdentity | null;
}

export interface ManagedInstanceIdentity {
  /** The system-assigned identity's object id, when it has one. */
  systemPrincipalId?: string;
  /** The user-assigned identity that acts for the instance, when several or one are assigned. */
  primaryUserAssignedIdentityId?: string;
  userAssigned: { id: string; principalId?: string }[];
}

export interface DmsService {
  id: string;
  name: string;
  /** 'classic' is Microsoft.DataMigration/services (has a subnet); 'current' is sqlMigrationServices. */
  kind: 'classic' | 'current';
  subnetId?: string;
  location: string;
  /** NSG on the classic DMS's network interface, when the inventory knows it (evaluated with the subnet's NSG). */
  networkInterfaceNsgId?: string;
}

/** A network interface, as far as verification needs it: its NSG and the ASGs of its IP configurations. */
export interface NetworkInterface {
  id: string;
  name: string;
  networkSecurityGroupId?: string;
  ipConfigurations: NetworkInterfaceIpConfiguration[];
}

export interface NetworkInterfaceIpConfiguration {
  privateIpAddress?: string;
  applicationSecurityGroupIds: string[];
}

export interface ApplicationSecurityGroup {
  id: string;
  name: string;
  /** Private IPs of the NICs that belong to the group, when known. */
  memberAddresses: string[];
}

/** The current Database Migration Service (Microsoft.DataMigration/sqlMigrationServices), read with its properties. */
export interface SqlMigrationService {
  id: string;
  name: string;
  location: string;
  provisioningState?: string;
  /** The self-hosted integration runtime's state: 'Online', 'NeedRegistration', 'Offline', 'Limited', ...; undefined when unknown. */
  integrationRuntimeState?: string;
  tags: Record<string, string>;
}

/** A storage account virtual network rule: a subnet allowed through the storage firewall. */
export interface StorageVirtualNetworkRule {
  subnetId: string;
  action?: string;
  state?: string;
}

export interface StorageNetworkRuleSet {
  defaultAction: 'Allow' | 'Deny';
  bypass?: string;
  virtualNetworkRules: StorageVirtualNetworkRule[];
  /** Allowed public IPs or CIDRs. */
  ipRules: string[];
}

export interface StoragePrivateEndpointConnection {
  id: string;
  privateEndpointId?: string;
  /** 'Approved' | 'Pending' | 'Rejected' | 'Disconnected' */
  status?: string;
}

export interface StorageAccount {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  /** 'Enabled' | 'Disabled' | 'SecuredByPerimeter'; undefined means enabled. */
  publicNetworkAccess?: string;
  networkRuleSet: StorageNetworkRuleSet;
  privateEndpointConnections: StoragePrivateEndpointConnection[];
  /** "Allow storage account key access"; undefined (ARM null) means allowed. */
  allowSharedKeyAccess?: boolean;
  tags: Record<string, string>;
}

/** A private endpoint (az network private-endpoint list): where it sits and what it connects to. */
export interface PrivateEndpoint {
  id: string;
  name: string;
  location: string;
  subnetId: string;
  /** Resource ids it connects to (automatic and manual connections). */
  targetIds: string[];
}

/** A role assignment (az role assignment list): who has which role where. */
export interface RoleAssignment {
  id: string;
  principalId: string;
  /** The role definition's id; its last segment is the role's GUID. */
  roleDefinitionId: string;
  /** As the CLI writes it, when known: 'Storage Blob Data Reader'. */
  roleDefinitionName?: string;
  scope: string;
}

/** A virtual network link of a private DNS zone (the zone name comes from the link id). */
export interface PrivateDnsZoneLink {
  id: string;
  name: string;
  zoneName: string;
  virtualNetworkId: string;
  registrationEnabled?: boolean;
}

export interface Inventory {
  virtualNetworks: VirtualNetwork[];
  networkSecurityGroups: NetworkSecurityGroup[];
  managedInstances: ManagedInstance[];
  dmsServices: DmsService[];
  virtualNetworkGateways: VirtualNetworkGateway[];
  connections: GatewayConnection[];
  localNetworkGateways: LocalNetworkGateway[];
  routeTables: RouteTable[];
  /** Optional: without it, rules naming an application security group evaluate to `unknown`. */
  applicationSecurityGroups?: ApplicationSecurityGroup[];
  /**
   * Optional: network interfaces (network-interfaces.json). The readers already turned them into
   * `DmsService.networkInterfaceNsgId` and ASG member addresses; kept for counts (arm-request-count.ts).
   */
  networkInterfaces?: NetworkInterface[];
  /** Optional: the current DMS with its runtime state (migration-services.json). */
  sqlMigrationServices?: SqlMigrationService[];
  /** Optional: storage accounts with their firewall and private endpoints (storage-accounts.json). */
  storageAccounts?: StorageAccount[];
  /** Optional: private DNS zone virtual network links (private-dns-links.json). */
  privateDnsZoneLinks?: PrivateDnsZoneLink[];
  /** Optional: private endpoints (private-endpoints.json); one a storage account names but this lacks is unknown. */
  privateEndpoints?: PrivateEndpoint[];
  /** Optional: role assignments (role-assignments.json); undefined means not read (checks say unknown). */
  roleAssignments?: RoleAssignment[];
}

export function emptyInventory(): Inventory {
  return {
    virtualNetworks: [],
    networkSecurityGroups: [],
    managedInstances: [],
    dmsServices: [],
    virtualNetworkGateways: [],
    connections: [],
    localNetworkGateways: [],
    routeTables: [],
  };
}

/** ARM resource ids are case-insensitive. */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The VNet id a subnet id belongs to ('/.../virtualNetworks/v/subnets/s' → '/.../virtualNetworks/v'). */
export function vnetIdOfSubnet(subnetId: string): string {
  const i = subnetId.toLowerCase().lastIndexOf('/subnets/');
  return i < 0 ? subnetId : subnetId.slice(0, i);
}
