import { z } from 'zod';

// One schema per resource, for the flattened shape the Azure CLI and the SDK clients produce.
// ARM REST objects nest their fields under `properties`; `flattened` lifts them first, so one
// schema reads both shapes.

function liftProperties(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const { properties, ...rest } = value as Record<string, unknown>;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return value;
  return { ...rest, ...(properties as Record<string, unknown>) };
}

function flattened<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(liftProperties, z.object(shape).passthrough());
}

const text = z.string();
const optionalText = z.string().nullish();
const textList = z.array(z.string()).nullish();
const flag = z.boolean().nullish();
const reference = z.object({ id: z.string() }).passthrough();
const optionalReference = reference.nullish();
const addressSpace = z.object({ addressPrefixes: textList }).passthrough().nullish();
const bgpSettings = z.object({ bgpPeeringAddress: optionalText }).passthrough().nullish();

export const resourceHeader = z
  .object({ id: text, name: optionalText, type: optionalText, location: optionalText })
  .passthrough();

export const subnetSchema = flattened({
  id: text,
  name: text,
  addressPrefix: optionalText,
  addressPrefixes: textList,
  networkSecurityGroup: optionalReference,
  routeTable: optionalReference,
  delegations: z.array(flattened({ serviceName: optionalText })).nullish(),
  serviceEndpoints: z.array(z.object({ service: optionalText }).passthrough()).nullish(),
});

export const peeringSchema = flattened({
  id: text,
  name: text,
  remoteVirtualNetwork: optionalReference,
  peeringState: optionalText,
  allowGatewayTransit: flag,
  useRemoteGateways: flag,
  allowForwardedTraffic: flag,
  remoteAddressSpace: addressSpace,
  remoteVirtualNetworkAddressSpace: addressSpace,
});

export const virtualNetworkSchema = flattened({
  id: text,
  name: text,
  location: optionalText,
  addressSpace,
  dhcpOptions: z.object({ dnsServers: textList }).passthrough().nullish(),
  subnets: z.array(subnetSchema).nullish(),
  virtualNetworkPeerings: z.array(peeringSchema).nullish(),
});

export const securityRuleSchema = flattened({
  name: text,
  priority: z.number().int(),
  direction: text,
  access: text,
  protocol: text,
  sourceAddressPrefix: optionalText,
  sourceAddressPrefixes: textList,
  destinationAddressPrefix: optionalText,
  destinationAddressPrefixes: textList,
  sourceApplicationSecurityGroups: z.array(reference).nullish(),
  destinationApplicationSecurityGroups: z.array(reference).nullish(),
  sourcePortRange: optionalText,
  sourcePortRanges: textList,
  destinationPortRange: optionalText,
  destinationPortRanges: textList,
});

export const networkSecurityGroupSchema = flattened({
  id: text,
  name: text,
  location: optionalText,
  securityRules: z.array(securityRuleSchema).nullish(),
});

const managedIdentity = z
  .object({
    type: optionalText,
    principalId: optionalText,
    userAssignedIdentities: z.record(z.object({ principalId: optionalText }).passthrough().nullish()).nullish(),
  })
  .passthrough()
  .nullable()
  .optional();

export const managedInstanceSchema = flattened({
  id: text,
  name: text,
  location: optionalText,
  subnetId: text,
  proxyOverride: optionalText,
  identity: managedIdentity,
  primaryUserAssignedIdentityId: optionalText,
});

export const dmsServiceSchema = flattened({
  id: text,
  name: text,
  type: optionalText,
  location: optionalText,
  virtualSubnetId: optionalText,
  /** Classic DMS only: the id of its network interface. */
  virtualNicId: optionalText,
});

export const virtualNetworkGatewaySchema = flattened({
  id: text,
  name: text,
  gatewayType: optionalText,
  ipConfigurations: z.array(flattened({ subnet: optionalReference })).nullish(),
  vpnClientConfiguration: z.object({ vpnClientAddressPool: addressSpace }).passthrough().nullish(),
  enableBgp: flag,
});

export const connectionSchema = flattened({
  id: text,
  name: text,
  connectionType: optionalText,
  virtualNetworkGateway1: optionalReference,
  virtualNetworkGateway2: optionalReference,
  localNetworkGateway2: optionalReference,
  connectionStatus: optionalText,
  peer: optionalReference,
  enableBgp: flag,
});

export const localNetworkGatewaySchema = flattened({
  id: text,
  name: text,
  localNetworkAddressSpace: addressSpace,
  gatewayIpAddress: optionalText,
  bgpSettings,
});

export const routeTableSchema = flattened({
  id: text,
  name: text,
  disableBgpRoutePropagation: flag,
  routes: z
    .array(flattened({ name: text, addressPrefix: text, nextHopType: text, nextHopIpAddress: optionalText }))
    .nullish(),
});

// ARM and the SDK name the address privateIPAddress; older Azure CLI versions wrote privateIpAddress.
export const networkInterfaceSchema = flattened({
  id: text,
  name: text,
  networkSecurityGroup: optionalReference,
  ipConfigurations: z
    .array(
      flattened({
        privateIPAddress: optionalText,
        privateIpAddress: optionalText,
        applicationSecurityGroups: z.array(reference).nullish(),
      }),
    )
    .nullish(),
});

export const applicationSecurityGroupSchema = flattened({
  id: text,
  name: text,
  location: optionalText,
});
