// A fix as a change to the inventory: one structured change per az command, from which both the command
// (change-commands.ts) and its effect on an inventory in memory (apply-changes.ts) are derived. Resources are named
// by their ARM ids (case-insensitive), as the inventory names them; a value the user must supply is a placeholder
// written `<what it is>` (the command shows it as a quoted word, and the change is never applied in memory).
import type { Access, RuleProtocol, SecurityRule } from './model';

/** The rule an `nsg-rule-create` writes (address prefixes only: no application security groups). */
export type NsgRuleFields = Omit<
  SecurityRule,
  'sourceApplicationSecurityGroups' | 'destinationApplicationSecurityGroups'
>;

export type InventoryChange =
  /** Creates the rule, or replaces the NSG's rule of that name (az and ARM do the same). */
  | { kind: 'nsg-rule-create'; nsgId: string; rule: NsgRuleFields }
  /** Changes the fields given of an existing rule (a deny rule moved after the rules a fix adds, or narrowed). */
  | {
      kind: 'nsg-rule-update';
      nsgId: string;
      ruleName: string;
      priority?: number;
      access?: Access;
      protocol?: RuleProtocol;
      sourceAddressPrefixes?: string[];
      destinationAddressPrefixes?: string[];
      destinationPortRanges?: string[];
    }
  | { kind: 'nsg-rule-delete'; nsgId: string; ruleName: string }
  | { kind: 'vnet-create'; vnetId: string; addressPrefixes: string[]; location?: string }
  | { kind: 'vnet-update'; vnetId: string; dnsServers: string[] }
  | { kind: 'subnet-create'; subnetId: string; addressPrefixes: string[] }
  /** Sets the fields given; `serviceEndpoints` and `delegations` replace the whole list, as az does. */
  | {
      kind: 'subnet-update';
      subnetId: string;
      serviceEndpoints?: string[];
      delegations?: string[];
      networkSecurityGroupId?: string;
      routeTableId?: string;
    }
  | {
      kind: 'peering-create';
      vnetId: string;
      name: string;
      remoteVnetId: string;
      allowForwardedTraffic?: boolean;
      allowGatewayTransit?: boolean;
      useRemoteGateways?: boolean;
    }
  | {
      kind: 'peering-update';
      vnetId: string;
      name: string;
      allowForwardedTraffic?: boolean;
      allowGatewayTransit?: boolean;
      useRemoteGateways?: boolean;
    }
  | { kind: 'peering-delete'; vnetId: string; name: string }
  /** Creates the route, or replaces the table's route of that name. */
  | {
      kind: 'route-create';
      routeTableId: string;
      name: string;
      addressPrefix: string;
      nextHopType: string;
      nextHopIpAddress?: string;
    }
  | { kind: 'route-delete'; routeTableId: string; name: string }
  | { kind: 'route-table-update'; routeTableId: string; disableBgpRoutePropagation: boolean }
  | {
      kind: 'vnet-gateway-create';
      gatewayId: string;
      vnetId: string;
      gatewayType: 'Vpn' | 'ExpressRoute';
      sku: string;
      publicIpAddress: string;
    }
  | { kind: 'local-gateway-create'; localNetworkGatewayId: string; gatewayIpAddress: string; addressPrefixes: string[] }
  /** Sets the local network gateway's address prefixes (the whole list). */
  | { kind: 'local-gateway-update'; localNetworkGatewayId: string; addressPrefixes: string[] }
  /** A site-to-site (IPsec; its shared key is always the user's) or ExpressRoute connection of a gateway. */
  | {
      kind: 'connection-create';
      connectionId: string;
      virtualNetworkGatewayId: string;
      connectionType: 'IPsec' | 'ExpressRoute';
      localNetworkGatewayId?: string;
      expressRouteCircuitId?: string;
      enableBgp?: boolean;
    }
  | {
      kind: 'storage-account-update';
      storageAccountId: string;
      publicNetworkAccess?: 'Enabled' | 'Disabled';
      defaultAction?: 'Allow' | 'Deny';
      allowSharedKeyAccess?: boolean;
      tags?: Record<string, string>;
    }
  | { kind: 'storage-account-create'; storageAccountId: string; location: string; sku: string }
  /** A virtual network rule (subnetId) or an IP rule (ipAddress) of the storage firewall. */
  | { kind: 'storage-network-rule-add'; storageAccountId: string; subnetId?: string; ipAddress?: string }
  | { kind: 'private-endpoint-connection-approve'; connectionId: string }
  | {
      kind: 'private-endpoint-create';
      privateEndpointId: string;
      subnetId: string;
      targetResourceId: string;
      groupId: string;
      connectionName: string;
    }
  /** A virtual network link of a private DNS zone; the link id names the zone and its resource group. */
  | { kind: 'private-dns-link-create'; linkId: string; virtualNetworkId: string; registrationEnabled: boolean }
  | {
      kind: 'role-assignment-create';
      principalId: string;
      roleDefinitionId: string;
      roleDefinitionName: string;
      scope: string;
    }
  | { kind: 'managed-instance-update'; managedInstanceId: string; subnetId?: string; assignIdentity?: boolean };

export type ChangeKind = InventoryChange['kind'];

export const CHANGE_KINDS: readonly ChangeKind[] = [
  'nsg-rule-create',
  'nsg-rule-update',
  'nsg-rule-delete',
  'vnet-create',
  'vnet-update',
  'subnet-create',
  'subnet-update',
  'peering-create',
  'peering-update',
  'peering-delete',
  'route-create',
  'route-delete',
  'route-table-update',
  'vnet-gateway-create',
  'local-gateway-create',
  'local-gateway-update',
  'connection-create',
  'storage-account-update',
  'storage-account-create',
  'storage-network-rule-add',
  'private-endpoint-connection-approve',
  'private-endpoint-create',
  'private-dns-link-create',
  'role-assignment-create',
  'managed-instance-update',
];

/**
 * The order changes must run in: deletions of a side of a peering before it is created again, gateways before their
 * connections, a peering before its gateway-transit settings, routes, subnets (a service endpoint before the storage
 * rule that needs it), a deny rule moved before the rule that takes its place, then storage, DNS, identities.
 */
const RUN_ORDER: readonly ChangeKind[] = [
  'vnet-create',
  'subnet-create',
  'peering-delete',
  'vnet-gateway-create',
  'local-gateway-create',
  'local-gateway-update',
  'connection-create',
  'peering-create',
  'peering-update',
  'route-table-update',
  'route-delete',
  'route-create',
  'subnet-update',
  'vnet-update',
  'nsg-rule-delete',
  'nsg-rule-update',
  'nsg-rule-create',
  'storage-account-create',
  'storage-account-update',
  'storage-network-rule-add',
  'private-endpoint-connection-approve',
  'private-endpoint-create',
  'private-dns-link-create',
  'managed-instance-update',
  'role-assignment-create',
];

export function runOrder(kind: ChangeKind): number {
  return RUN_ORDER.indexOf(kind);
}

/**
 * The placeholders of a value: the value itself when it is `<...>`, or a segment of an id that is (`.../resourceGroups/
 * <zone resource group>/...`). Azure names never start with '<', so a name cannot pass for one.
 */
function placeholdersIn(value: string): string[] {
  const whole = /^<([\s\S]*)>$/.exec(value);
  if (whole) return [whole[1]];
  return value
    .split('/')
    .map((segment) => /^<([\s\S]*)>$/.exec(segment)?.[1])
    .filter((inner): inner is string => inner !== undefined);
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * The values only the user has that the change needs, in words ('public ip name', 'key'): its placeholders, and the
 * shared key of a site-to-site connection (a secret, never in an inventory). A change that needs one is not applied
 * when fixes are proven: what it would do depends on those values.
 */
export function valuesNeeded(change: InventoryChange): string[] {
  const found = stringsOf(change).flatMap(placeholdersIn);
  if (change.kind === 'connection-create' && change.connectionType === 'IPsec') found.push('key');
  return [...new Set(found)];
}

/**
 * Why the change's effect cannot be known before it runs, when a value Azure creates decides it (the object id of a
 * new managed identity); undefined for the others.
 */
export function effectKnownAfterwards(change: InventoryChange): string | undefined {
  if (change.kind === 'managed-instance-update' && change.assignIdentity) {
    return 'the object id of the new identity is known only once Azure creates it: run verify again afterwards to see what it still needs';
  }
  return undefined;
}

/** True when the value is, or holds in an id, a placeholder (what-if input must give real values). */
export function isPlaceholder(value: string): boolean {
  return placeholdersIn(value).length > 0;
}

/** One key per change: the same change proposed by two checks runs once. */
export function changeKey(change: InventoryChange): string {
  return JSON.stringify(change, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('/') ? v.toLowerCase() : v));
}

/** One line of a fix: a change (its command, and a trailing comment), a command that changes nothing, a comment. */
export type FixLine =
  | { kind: 'change'; change: InventoryChange; note?: string }
  | { kind: 'command'; command: string }
  | { kind: 'comment'; text: string };

export const changeLine = (change: InventoryChange, note?: string): FixLine => ({
  kind: 'change',
  change,
  ...(note ? { note } : {}),
});
export const commandLine = (command: string): FixLine => ({ kind: 'command', command });
export const commentLine = (text: string): FixLine => ({ kind: 'comment', text });

/** A change as `verify --json` shows it, next to `fix`: the structured change, its az command, what it needs. */
export interface FixChange {
  change: InventoryChange;
  /** Its az command, as it appears in `fix`. */
  command: string;
  /** Values only the user has (placeholders, a shared key): the change is not applied when fixes are proven. */
  needs?: string[];
}
