// The az command of each change (changes.ts). Names and resource groups come from the change's ids, and every value
// goes through quoteArg, so a command is safe to paste whatever the inventory's names hold.
import { quoteArg as q, resourceGroupOf } from './az-fixes';
import type { InventoryChange } from './changes';

/** The name that follows `/<type>/` in an ARM id ('virtualNetworks' → the VNet's name), case-insensitive. */
export function idSegment(id: string, type: string): string {
  const match = new RegExp(`/${type}/([^/]+)`, 'i').exec(id);
  return match?.[1] ?? `<${type} name>`;
}

/** The ids that say which subscription a change's command acts in, the resource it changes first. */
const TARGET_ID_KEYS = [
  'nsgId',
  'subnetId',
  'vnetId',
  'routeTableId',
  'gatewayId',
  'localNetworkGatewayId',
  'connectionId',
  'storageAccountId',
  'privateEndpointId',
  'linkId',
  'managedInstanceId',
] as const;

function subscriptionOfChange(c: InventoryChange): string | undefined {
  for (const key of TARGET_ID_KEYS) {
    const id = (c as Partial<Record<(typeof TARGET_ID_KEYS)[number], string>>)[key];
    const subscription = id && /^\/subscriptions\/([^/]+)\//i.exec(id)?.[1];
    if (subscription) return subscription;
  }
  return undefined;
}

/**
 * The az command of a change. One that names its resource by `-g` also names the subscription: a verification reads up
 * to ten subscriptions, and az would otherwise act in whatever subscription the person's CLI has as its default (a
 * same-named resource group there included). Commands that take a whole id (`--id`, `--scope`) need none.
 */
export function commandOf(c: InventoryChange): string {
  const command = commandInDefaultSubscription(c);
  const subscription = subscriptionOfChange(c);
  if (!subscription || !/ -g /.test(command)) return command;
  const comment = command.indexOf('  # ');
  const [head, tail] = comment < 0 ? [command, ''] : [command.slice(0, comment), command.slice(comment)];
  return `${head} --subscription ${q(subscription)}${tail}`;
}

const rg = (id: string): string => q(resourceGroupOf(id) ?? '<resource group>');
const last = (id: string): string => id.slice(id.lastIndexOf('/') + 1);
const words = (values: readonly string[]): string => values.map(q).join(' ');

function flags(pairs: [string, string | undefined][]): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([flag, value]) => ` ${flag} ${value}`)
    .join('');
}

const text = (v: boolean | undefined): string | undefined => (v === undefined ? undefined : String(v));

function nsgCommand(c: Extract<InventoryChange, { nsgId: string }>): string {
  const where = `-g ${rg(c.nsgId)} --nsg-name ${q(last(c.nsgId))}`;
  switch (c.kind) {
    case 'nsg-rule-create': {
      const r = c.rule;
      return [
        'az network nsg rule create',
        `${where} -n ${q(r.name)}`,
        `--priority ${r.priority} --direction ${q(r.direction)} --access ${q(r.access)} --protocol ${q(r.protocol)}`,
        `--source-address-prefixes ${words(r.sourceAddressPrefixes)} --source-port-ranges ${words(r.sourcePortRanges)}`,
        `--destination-address-prefixes ${words(r.destinationAddressPrefixes)}`,
        `--destination-port-ranges ${words(r.destinationPortRanges)}`,
      ].join(' ');
    }
    case 'nsg-rule-update':
      return (
        `az network nsg rule update ${where} -n ${q(c.ruleName)}` +
        flags([
          ['--priority', c.priority === undefined ? undefined : String(c.priority)],
          ['--access', c.access && q(c.access)],
          ['--protocol', c.protocol && q(c.protocol)],
          ['--source-address-prefixes', c.sourceAddressPrefixes && words(c.sourceAddressPrefixes)],
          ['--destination-address-prefixes', c.destinationAddressPrefixes && words(c.destinationAddressPrefixes)],
          ['--destination-port-ranges', c.destinationPortRanges && words(c.destinationPortRanges)],
        ])
      );
    case 'nsg-rule-delete':
      return `az network nsg rule delete ${where} -n ${q(c.ruleName)}`;
  }
}

function peeringSettings(c: {
  allowForwardedTraffic?: boolean;
  allowGatewayTransit?: boolean;
  useRemoteGateways?: boolean;
}): [string, boolean | undefined][] {
  return [
    ['allowForwardedTraffic', c.allowForwardedTraffic],
    ['allowGatewayTransit', c.allowGatewayTransit],
    ['useRemoteGateways', c.useRemoteGateways],
  ];
}

const CREATE_FLAGS: Record<string, string> = {
  allowForwardedTraffic: '--allow-forwarded-traffic',
  allowGatewayTransit: '--allow-gateway-transit',
  useRemoteGateways: '--use-remote-gateways',
};

/** The az command that makes the change. */
function commandInDefaultSubscription(c: InventoryChange): string {
  switch (c.kind) {
    case 'nsg-rule-create':
    case 'nsg-rule-update':
    case 'nsg-rule-delete':
      return nsgCommand(c);
    case 'vnet-create':
      return (
        `az network vnet create -g ${rg(c.vnetId)} -n ${q(last(c.vnetId))} --address-prefixes ${words(c.addressPrefixes)}` +
        flags([['-l', c.location && q(c.location)]])
      );
    case 'vnet-update':
      return `az network vnet update -g ${rg(c.vnetId)} -n ${q(last(c.vnetId))} --dns-servers ${words(c.dnsServers)}`;
    case 'subnet-create':
      return (
        `az network vnet subnet create -g ${rg(c.subnetId)} --vnet-name ${q(idSegment(c.subnetId, 'virtualNetworks'))} ` +
        `-n ${q(last(c.subnetId))} --address-prefixes ${words(c.addressPrefixes)}`
      );
    case 'subnet-update':
      return (
        `az network vnet subnet update -g ${rg(c.subnetId)} --vnet-name ${q(idSegment(c.subnetId, 'virtualNetworks'))} ` +
        `-n ${q(last(c.subnetId))}` +
        flags([
          ['--service-endpoints', c.serviceEndpoints && (c.serviceEndpoints.length ? words(c.serviceEndpoints) : "''")],
          ['--delegations', c.delegations && (c.delegations.length ? words(c.delegations) : "''")],
          ['--network-security-group', c.networkSecurityGroupId && q(c.networkSecurityGroupId)],
          ['--route-table', c.routeTableId && q(c.routeTableId)],
        ])
      );
    case 'peering-create':
      return (
        `az network vnet peering create -g ${rg(c.vnetId)} --vnet-name ${q(last(c.vnetId))} -n ${q(c.name)} ` +
        `--remote-vnet ${q(c.remoteVnetId)} --allow-vnet-access` +
        peeringSettings(c)
          .filter(([, on]) => on)
          .map(([key]) => ` ${CREATE_FLAGS[key]}`)
          .join('')
      );
    case 'peering-update': {
      const set = peeringSettings(c).filter(([, v]) => v !== undefined);
      return (
        `az network vnet peering update -g ${rg(c.vnetId)} --vnet-name ${q(last(c.vnetId))} -n ${q(c.name)} ` +
        `--set ${set.map(([key, v]) => `${key}=${text(v)}`).join(' ')}`
      );
    }
    case 'peering-delete':
      return `az network vnet peering delete -g ${rg(c.vnetId)} --vnet-name ${q(last(c.vnetId))} -n ${q(c.name)}`;
    case 'route-create':
      return (
        `az network route-table route create -g ${rg(c.routeTableId)} --route-table-name ${q(last(c.routeTableId))} ` +
        `-n ${q(c.name)} --address-prefix ${q(c.addressPrefix)} --next-hop-type ${q(c.nextHopType)}` +
        flags([['--next-hop-ip-address', c.nextHopIpAddress && q(c.nextHopIpAddress)]])
      );
    case 'route-delete':
      return `az network route-table route delete -g ${rg(c.routeTableId)} --route-table-name ${q(last(c.routeTableId))} -n ${q(c.name)}`;
    case 'route-table-update':
      return `az network route-table update -g ${rg(c.routeTableId)} -n ${q(last(c.routeTableId))} --disable-bgp-route-propagation ${c.disableBgpRoutePropagation}`;
    case 'vnet-gateway-create':
      return (
        `az network vnet-gateway create -g ${rg(c.gatewayId)} -n ${q(last(c.gatewayId))} --vnet ${q(last(c.vnetId))} ` +
        `--gateway-type ${q(c.gatewayType)}${c.gatewayType === 'Vpn' ? ' --vpn-type RouteBased' : ''} --sku ${q(c.sku)} ` +
        `--public-ip-addresses ${q(c.publicIpAddress)}`
      );
    case 'local-gateway-create':
      return (
        `az network local-gateway create -g ${rg(c.localNetworkGatewayId)} -n ${q(last(c.localNetworkGatewayId))} ` +
        `--gateway-ip-address ${q(c.gatewayIpAddress)} --local-address-prefixes ${words(c.addressPrefixes)}`
      );
    case 'local-gateway-update':
      return `az network local-gateway update -g ${rg(c.localNetworkGatewayId)} -n ${q(last(c.localNetworkGatewayId))} --local-address-prefixes ${words(c.addressPrefixes)}`;
    case 'connection-create':
      return (
        `az network vpn-connection create -g ${rg(c.connectionId)} -n ${q(last(c.connectionId))} ` +
        `--vnet-gateway1 ${q(c.virtualNetworkGatewayId)}` +
        (c.connectionType === 'ExpressRoute'
          ? ` --express-route-circuit2 ${q(c.expressRouteCircuitId ?? '<circuit id>')}`
          : ` --local-gateway2 ${q(c.localNetworkGatewayId ?? '<local network gateway id>')} --shared-key ${q('<key>')}`) +
        (c.enableBgp ? ' --enable-bgp' : '')
      );
    case 'storage-account-update':
      return (
        `az storage account update -g ${rg(c.storageAccountId)} -n ${q(last(c.storageAccountId))}` +
        flags([
          ['--public-network-access', c.publicNetworkAccess && q(c.publicNetworkAccess)],
          ['--default-action', c.defaultAction && q(c.defaultAction)],
          ['--allow-shared-key-access', text(c.allowSharedKeyAccess)],
          ['--tags', c.tags && words(Object.entries(c.tags).map(([k, v]) => `${k}=${v}`))],
        ])
      );
    case 'storage-account-create':
      return `az storage account create -g ${rg(c.storageAccountId)} -n ${q(last(c.storageAccountId))} -l ${q(c.location)} --sku ${q(c.sku)}`;
    case 'storage-network-rule-add':
      return (
        `az storage account network-rule add -g ${rg(c.storageAccountId)} --account-name ${q(last(c.storageAccountId))}` +
        flags([
          ['--subnet', c.subnetId && q(c.subnetId)],
          ['--ip-address', c.ipAddress && q(c.ipAddress)],
        ])
      );
    case 'private-endpoint-connection-approve':
      return `az network private-endpoint-connection approve --id ${q(c.connectionId)}`;
    case 'private-endpoint-create':
      return (
        `az network private-endpoint create -g ${rg(c.privateEndpointId)} -n ${q(last(c.privateEndpointId))} ` +
        `--subnet ${q(c.subnetId)} --private-connection-resource-id ${q(c.targetResourceId)} ` +
        `--group-id ${q(c.groupId)} --connection-name ${q(c.connectionName)}`
      );
    case 'private-dns-link-create':
      return (
        `az network private-dns link vnet create -g ${rg(c.linkId)} -z ${q(idSegment(c.linkId, 'privateDnsZones'))} ` +
        `-n ${q(last(c.linkId))} -v ${q(c.virtualNetworkId)} -e ${c.registrationEnabled}`
      );
    case 'role-assignment-create':
      return (
        `az role assignment create --assignee-object-id ${q(c.principalId)} --assignee-principal-type ServicePrincipal ` +
        `--role ${q(c.roleDefinitionName)} --scope ${q(c.scope)}`
      );
    case 'managed-instance-update':
      return (
        `az sql mi update -g ${rg(c.managedInstanceId)} -n ${q(last(c.managedInstanceId))}` +
        flags([
          ['--subnet', c.subnetId && q(c.subnetId)],
          ['--assign-identity', c.assignIdentity ? '' : undefined],
        ]).trimEnd()
      );
  }
}
