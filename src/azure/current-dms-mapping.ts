import type { z } from 'zod';
import type {
  PrivateDnsZoneLink,
  PrivateEndpoint,
  RoleAssignment,
  SqlMigrationService,
  StorageAccount,
} from '../network/model';
import { ResourceShapeError } from './errors';
import {
  privateDnsZoneLinkSchema,
  privateEndpointSchema,
  roleAssignmentSchema,
  sqlMigrationServiceSchema,
  storageAccountSchema,
} from './current-dms-schemas';

// Raw resources of the current DMS path → inventory model. Called from resource-mapping.ts's MAPPERS.

function parse<S extends z.ZodTypeAny>(schema: S, item: unknown, index: number): z.output<S> {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = (item as { name?: unknown } | null)?.name;
  const where = issue.path.length > 0 ? ` field "${issue.path.join('.')}"` : '';
  throw new ResourceShapeError(
    `item ${index}${typeof name === 'string' ? ` ("${name}")` : ''}:${where} ${issue.message.toLowerCase()}`,
  );
}

function tagsOf(tags: Record<string, string | null | undefined> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).map(([k, v]) => [k, v ?? '']));
}

function resourceGroupOf(id: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
}

export function toSqlMigrationService(item: unknown, index: number): SqlMigrationService {
  const s = parse(sqlMigrationServiceSchema, item, index);
  return {
    id: s.id,
    name: s.name,
    location: s.location ?? '',
    provisioningState: s.provisioningState ?? undefined,
    integrationRuntimeState: s.integrationRuntimeState ?? undefined,
    tags: tagsOf(s.tags),
  };
}

export function toStorageAccount(item: unknown, index: number): StorageAccount {
  const a = parse(storageAccountSchema, item, index);
  const rules = a.networkRuleSet ?? a.networkAcls;
  const action = (rules?.defaultAction ?? 'Allow').toLowerCase();
  if (action !== 'allow' && action !== 'deny') {
    throw new ResourceShapeError(
      `item ${index} ("${a.name}"): networkRuleSet.defaultAction "${rules?.defaultAction}" is not Allow or Deny`,
    );
  }
  return {
    id: a.id,
    name: a.name,
    resourceGroup: resourceGroupOf(a.id),
    location: a.location ?? '',
    publicNetworkAccess: a.publicNetworkAccess ?? undefined,
    networkRuleSet: {
      defaultAction: action === 'deny' ? 'Deny' : 'Allow',
      bypass: rules?.bypass ?? undefined,
      virtualNetworkRules: (rules?.virtualNetworkRules ?? [])
        .map((r) => ({
          subnetId: r.virtualNetworkResourceId ?? r.id ?? '',
          action: r.action ?? undefined,
          state: r.state ?? undefined,
        }))
        .filter((r) => r.subnetId !== ''),
      ipRules: (rules?.ipRules ?? []).map((r) => r.ipAddressOrRange ?? r.value ?? '').filter((r) => r !== ''),
    },
    privateEndpointConnections: (a.privateEndpointConnections ?? []).map((c) => ({
      id: c.id,
      privateEndpointId: c.privateEndpoint?.id ?? undefined,
      status: c.privateLinkServiceConnectionState?.status ?? undefined,
    })),
    allowSharedKeyAccess: a.allowSharedKeyAccess ?? undefined,
    tags: tagsOf(a.tags),
  };
}

export function toPrivateEndpoint(item: unknown, index: number): PrivateEndpoint {
  const e = parse(privateEndpointSchema, item, index);
  const connections = [...(e.privateLinkServiceConnections ?? []), ...(e.manualPrivateLinkServiceConnections ?? [])];
  return {
    id: e.id,
    name: e.name,
    location: e.location ?? '',
    subnetId: e.subnet?.id ?? '',
    targetIds: connections.map((c) => c.privateLinkServiceId ?? '').filter((t) => t !== ''),
  };
}

export function toRoleAssignment(item: unknown, index: number): RoleAssignment {
  const a = parse(roleAssignmentSchema, item, index);
  return {
    id: a.id,
    principalId: a.principalId,
    roleDefinitionId: a.roleDefinitionId,
    roleDefinitionName: a.roleDefinitionName ?? undefined,
    scope: a.scope,
  };
}

export function toPrivateDnsZoneLink(item: unknown, index: number): PrivateDnsZoneLink {
  const l = parse(privateDnsZoneLinkSchema, item, index);
  return {
    id: l.id,
    name: l.name,
    zoneName: /\/privateDnsZones\/([^/]+)/i.exec(l.id)?.[1]?.toLowerCase() ?? '',
    virtualNetworkId: l.virtualNetwork?.id ?? '',
    registrationEnabled: l.registrationEnabled ?? undefined,
  };
}
