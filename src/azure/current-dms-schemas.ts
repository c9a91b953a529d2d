import { z } from 'zod';

// Schemas of the resources only the current DMS needs: sqlMigrationServices, storage accounts and private DNS zone
// links. Like resource-schemas.ts they read the Azure CLI shape and the ARM REST shape (fields under `properties`).
// The two shapes differ for storage: the CLI says networkRuleSet and virtualNetworkResourceId, ARM REST networkAcls
// and id; private endpoint connections nest their fields under `properties` in both.

function liftProperties(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const { properties, ...rest } = value as Record<string, unknown>;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return value;
  return { ...rest, ...(properties as Record<string, unknown>) };
}

function flattened<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(liftProperties, z.object(shape).passthrough());
}

const optionalText = z.string().nullish();
const tags = z.record(z.string().nullish()).nullish();

export const sqlMigrationServiceSchema = flattened({
  id: z.string(),
  name: z.string(),
  location: optionalText,
  provisioningState: optionalText,
  integrationRuntimeState: optionalText,
  tags,
});

const virtualNetworkRule = z
  .object({ id: optionalText, virtualNetworkResourceId: optionalText, action: optionalText, state: optionalText })
  .passthrough();
const ipRule = z.object({ value: optionalText, ipAddressOrRange: optionalText }).passthrough();
const networkRules = z
  .object({
    defaultAction: optionalText,
    bypass: optionalText,
    virtualNetworkRules: z.array(virtualNetworkRule).nullish(),
    ipRules: z.array(ipRule).nullish(),
  })
  .passthrough()
  .nullish();

const privateEndpointConnection = flattened({
  id: z.string(),
  privateEndpoint: z.object({ id: optionalText }).passthrough().nullish(),
  privateLinkServiceConnectionState: z.object({ status: optionalText }).passthrough().nullish(),
});

export const storageAccountSchema = flattened({
  id: z.string(),
  name: z.string(),
  location: optionalText,
  publicNetworkAccess: optionalText,
  networkRuleSet: networkRules,
  networkAcls: networkRules,
  privateEndpointConnections: z.array(privateEndpointConnection).nullish(),
  allowSharedKeyAccess: z.boolean().nullish(),
  tags,
});

const privateLinkConnection = flattened({ privateLinkServiceId: optionalText });

export const privateEndpointSchema = flattened({
  id: z.string(),
  name: z.string(),
  location: optionalText,
  subnet: z.object({ id: z.string() }).passthrough().nullish(),
  privateLinkServiceConnections: z.array(privateLinkConnection).nullish(),
  manualPrivateLinkServiceConnections: z.array(privateLinkConnection).nullish(),
});

export const roleAssignmentSchema = flattened({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  roleDefinitionName: optionalText,
  scope: z.string(),
});

export const privateDnsZoneLinkSchema = flattened({
  id: z.string(),
  name: z.string(),
  virtualNetwork: z.object({ id: z.string() }).passthrough().nullish(),
  registrationEnabled: z.boolean().nullish(),
});
