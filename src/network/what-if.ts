// What-if input: a list of changes (the structured form of changes.ts) given as JSON, read field by field so that bad
// input is refused naming the field (`changes[2].rule.priority`). One table of fields per kind gives both the reader
// and the JSON Schema published as docs/what-if.schema.json.
import { CHANGE_KINDS, isPlaceholder, type ChangeKind, type InventoryChange } from './changes';
import { addressFamily, parseCidr } from './cidr';
import { parsePorts } from './flow-space';
import { MAX_PRIORITY, MIN_PRIORITY } from './nsg-allow-planner';
import { parseServiceTag } from './service-tags';

type FieldType =
  | 'id'
  | 'name'
  | 'boolean'
  | 'priority'
  | 'prefix'
  | 'prefixes'
  | 'rulePrefixes'
  | 'routePrefix'
  | 'ports'
  | 'strings'
  | 'tags'
  | { enum: readonly string[] }
  | { object: Fields };

interface Field {
  type: FieldType;
  required?: boolean;
  description: string;
}

type Fields = Record<string, Field>;

const PROTOCOLS = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'] as const;
const DIRECTIONS = ['Inbound', 'Outbound'] as const;
const ACCESS = ['Allow', 'Deny'] as const;
const NEXT_HOPS = ['VirtualAppliance', 'VirtualNetworkGateway', 'Internet', 'None', 'VnetLocal'] as const;

const req = (type: FieldType, description: string): Field => ({ type, required: true, description });
const opt = (type: FieldType, description: string): Field => ({ type, description });

const RULE: Fields = {
  name: req('name', 'rule name'),
  priority: req('priority', `${MIN_PRIORITY}-${MAX_PRIORITY}, not used by another rule of that direction`),
  direction: req({ enum: DIRECTIONS }, 'Inbound or Outbound'),
  access: req({ enum: ACCESS }, 'Allow or Deny'),
  protocol: req({ enum: PROTOCOLS }, 'Tcp, Udp, Icmp, Esp, Ah or *'),
  sourceAddressPrefixes: req('rulePrefixes', "'*', service tags, IP addresses or prefixes"),
  sourcePortRanges: opt('ports', "default ['*']"),
  destinationAddressPrefixes: req('rulePrefixes', "'*', service tags, IP addresses or prefixes"),
  destinationPortRanges: req('ports', "'*', ports or ranges such as 1433 or 11000-11999"),
};

const PEERING_SETTINGS: Fields = {
  allowForwardedTraffic: opt('boolean', 'allow traffic forwarded by the remote VNet'),
  allowGatewayTransit: opt('boolean', 'let the remote VNet use this VNet’s gateway'),
  useRemoteGateways: opt('boolean', 'use the remote VNet’s gateway'),
};

/** The fields of each kind of change (besides `kind`). */
export const WHAT_IF_FIELDS: Record<ChangeKind, Fields> = {
  'nsg-rule-create': {
    nsgId: req('id', 'the NSG'),
    rule: req({ object: RULE }, 'the rule (replaces one of that name)'),
  },
  'nsg-rule-update': {
    nsgId: req('id', 'the NSG'),
    ruleName: req('name', 'the rule to change'),
    priority: opt('priority', 'its new priority'),
    access: opt({ enum: ACCESS }, 'Allow or Deny'),
    protocol: opt({ enum: PROTOCOLS }, 'Tcp, Udp, Icmp, Esp, Ah or *'),
    sourceAddressPrefixes: opt('rulePrefixes', 'new source prefixes'),
    destinationAddressPrefixes: opt('rulePrefixes', 'new destination prefixes'),
    destinationPortRanges: opt('ports', 'new destination ports'),
  },
  'nsg-rule-delete': { nsgId: req('id', 'the NSG'), ruleName: req('name', 'the rule to delete') },
  'vnet-create': {
    vnetId: req('id', 'the id the new VNet will have'),
    addressPrefixes: req('prefixes', 'its address space'),
    location: opt('name', 'its region'),
  },
  'vnet-update': {
    vnetId: req('id', 'the VNet'),
    dnsServers: req('prefixes', 'custom DNS servers ([] for Azure DNS)'),
  },
  'subnet-create': {
    subnetId: req('id', 'the id the new subnet will have'),
    addressPrefixes: req('prefixes', 'its prefixes'),
  },
  'subnet-update': {
    subnetId: req('id', 'the subnet'),
    serviceEndpoints: opt('strings', 'the whole list of service endpoints'),
    delegations: opt('strings', 'the whole list of delegations'),
    networkSecurityGroupId: opt('id', 'the NSG to attach'),
    routeTableId: opt('id', 'the route table to attach'),
  },
  'peering-create': {
    vnetId: req('id', 'the VNet the peering belongs to'),
    name: req('name', 'peering name'),
    remoteVnetId: req('id', 'the VNet it peers with'),
    ...PEERING_SETTINGS,
  },
  'peering-update': { vnetId: req('id', 'the VNet'), name: req('name', 'the peering'), ...PEERING_SETTINGS },
  'peering-delete': { vnetId: req('id', 'the VNet'), name: req('name', 'the peering') },
  'route-create': {
    routeTableId: req('id', 'the route table'),
    name: req('name', 'route name (replaces one of that name)'),
    addressPrefix: req('routePrefix', 'a prefix or a service tag'),
    nextHopType: req({ enum: NEXT_HOPS }, 'VirtualAppliance, VirtualNetworkGateway, Internet, None or VnetLocal'),
    nextHopIpAddress: opt('prefix', 'the appliance address (VirtualAppliance)'),
  },
  'route-delete': { routeTableId: req('id', 'the route table'), name: req('name', 'the route') },
  'route-table-update': {
    routeTableId: req('id', 'the route table'),
    disableBgpRoutePropagation: req('boolean', 'false lets the gateway routes through'),
  },
  'vnet-gateway-create': {
    gatewayId: req('id', 'the id the new gateway will have'),
    vnetId: req('id', 'the VNet (it needs a GatewaySubnet)'),
    gatewayType: req({ enum: ['Vpn', 'ExpressRoute'] }, 'Vpn or ExpressRoute'),
    sku: req('name', 'such as VpnGw1'),
    publicIpAddress: req('name', 'its public IP'),
  },
  'local-gateway-create': {
    localNetworkGatewayId: req('id', 'the id the new local network gateway will have'),
    gatewayIpAddress: req('prefix', 'the on-premises VPN device address'),
    addressPrefixes: req('prefixes', 'on-premises prefixes'),
  },
  'local-gateway-update': {
    localNetworkGatewayId: req('id', 'the local network gateway'),
    addressPrefixes: req('prefixes', 'the whole list of on-premises prefixes'),
  },
  'connection-create': {
    connectionId: req('id', 'the id the new connection will have'),
    virtualNetworkGatewayId: req('id', 'the VNet gateway'),
    connectionType: req({ enum: ['IPsec', 'ExpressRoute'] }, 'IPsec (site-to-site) or ExpressRoute'),
    localNetworkGatewayId: opt('id', 'IPsec: the local network gateway'),
    expressRouteCircuitId: opt('id', 'ExpressRoute: the circuit'),
    enableBgp: opt('boolean', 'BGP on the connection'),
  },
  'storage-account-update': {
    storageAccountId: req('id', 'the storage account'),
    publicNetworkAccess: opt({ enum: ['Enabled', 'Disabled'] }, 'Enabled or Disabled'),
    defaultAction: opt({ enum: ['Allow', 'Deny'] }, 'the firewall default action'),
    allowSharedKeyAccess: opt('boolean', 'storage account key access'),
    tags: opt('tags', 'tags to set'),
  },
  'storage-account-create': {
    storageAccountId: req('id', 'the id the new account will have'),
    location: req('name', 'its region'),
    sku: req('name', 'such as Standard_LRS'),
  },
  'storage-network-rule-add': {
    storageAccountId: req('id', 'the storage account'),
    subnetId: opt('id', 'a virtual network rule for this subnet'),
    ipAddress: opt('prefix', 'or an IP rule for this address or prefix'),
  },
  'private-endpoint-connection-approve': { connectionId: req('id', 'the private endpoint connection of the account') },
  'private-endpoint-create': {
    privateEndpointId: req('id', 'the id the new private endpoint will have'),
    subnetId: req('id', 'the subnet it sits in'),
    targetResourceId: req('id', 'the storage account'),
    groupId: req('name', 'blob'),
    connectionName: req('name', 'connection name'),
  },
  'private-dns-link-create': {
    linkId: req('id', 'the id the new link will have (it names the zone and its resource group)'),
    virtualNetworkId: req('id', 'the VNet to link'),
    registrationEnabled: req('boolean', 'auto-registration'),
  },
  'role-assignment-create': {
    principalId: req('name', 'the object id'),
    roleDefinitionId: req('id', 'the role definition'),
    roleDefinitionName: req('name', 'such as Storage Blob Data Reader'),
    scope: req('id', 'where it applies'),
  },
  'managed-instance-update': {
    managedInstanceId: req('id', 'the managed instance'),
    subnetId: req('id', 'the subnet it moves to'),
  },
};

/** Bad what-if input: the field at fault (`changes[2].rule.priority`) and what is wrong with it. */
export class WhatIfError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function prefixProblem(text: string): string | undefined {
  try {
    if (addressFamily(text) === 'IPv4') parseCidr(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function readString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new WhatIfError(field, 'must be a non-empty string');
  if (isPlaceholder(value)) throw new WhatIfError(field, `"${value}" is a placeholder: give the value itself`);
  return value;
}

function readStrings(value: unknown, field: string, each: (s: string, f: string) => void, allowEmpty = true): string[] {
  if (!Array.isArray(value)) throw new WhatIfError(field, 'must be a list of strings');
  if (!allowEmpty && value.length === 0) throw new WhatIfError(field, 'must not be empty');
  return value.map((v, i) => {
    const s = readString(v, `${field}[${i}]`);
    each(s, `${field}[${i}]`);
    return s;
  });
}

function checkPrefix(s: string, f: string): void {
  const problem = prefixProblem(s);
  if (problem) throw new WhatIfError(f, problem);
}

function readValue(type: FieldType, value: unknown, field: string): unknown {
  if (typeof type === 'object' && 'enum' in type) {
    if (typeof value !== 'string' || !type.enum.includes(value)) {
      throw new WhatIfError(field, `must be one of ${type.enum.join(', ')}`);
    }
    return value;
  }
  if (typeof type === 'object') return readFields(type.object, value, field);
  switch (type) {
    case 'id': {
      const s = readString(value, field);
      if (!/^\/subscriptions\/[^/]+\/.+/i.test(s)) throw new WhatIfError(field, `"${s}" is not an Azure resource id`);
      return s;
    }
    case 'name':
      return readString(value, field);
    case 'boolean':
      if (typeof value !== 'boolean') throw new WhatIfError(field, 'must be true or false');
      return value;
    case 'priority':
      if (!Number.isInteger(value) || (value as number) < MIN_PRIORITY || (value as number) > MAX_PRIORITY) {
        throw new WhatIfError(field, `must be a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}`);
      }
      return value;
    case 'prefix': {
      const s = readString(value, field);
      checkPrefix(s, field);
      return s;
    }
    case 'prefixes':
      return readStrings(value, field, checkPrefix);
    case 'rulePrefixes':
      return readStrings(
        value,
        field,
        (s, f) => {
          if (s !== '*' && !parseServiceTag(s)) checkPrefix(s, f);
        },
        false,
      );
    case 'routePrefix': {
      const s = readString(value, field);
      if (!parseServiceTag(s)) checkPrefix(s, field);
      return s;
    }
    case 'ports':
      return readStrings(
        value,
        field,
        (s, f) => {
          try {
            parsePorts([s]);
          } catch (e) {
            throw new WhatIfError(f, (e as Error).message);
          }
        },
        false,
      );
    case 'strings':
      return readStrings(value, field, () => undefined);
    case 'tags':
      if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) {
        throw new WhatIfError(field, 'must be an object of string values');
      }
      return value;
  }
}

function readFields(fields: Fields, value: unknown, at: string, ignore: string[] = []): Record<string, unknown> {
  if (!isObject(value)) throw new WhatIfError(at, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!(key in fields) && !ignore.includes(key)) {
      throw new WhatIfError(
        `${at}.${key}`,
        `is not a field of this change (fields: ${Object.keys(fields).join(', ')})`,
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) {
    if (value[key] === undefined) {
      if (spec.required) throw new WhatIfError(`${at}.${key}`, `is required (${spec.description})`);
      continue;
    }
    out[key] = readValue(spec.type, value[key], `${at}.${key}`);
  }
  return out;
}

/** Rules a kind's fields cannot say on their own. */
function checkTogether(c: InventoryChange, at: string): void {
  const atLeastOne = (keys: string[]) => {
    if (!keys.some((k) => (c as unknown as Record<string, unknown>)[k] !== undefined)) {
      throw new WhatIfError(at, `a ${c.kind} change must set at least one of ${keys.join(', ')}`);
    }
  };
  switch (c.kind) {
    case 'nsg-rule-update':
      return atLeastOne([
        'priority',
        'access',
        'protocol',
        'sourceAddressPrefixes',
        'destinationAddressPrefixes',
        'destinationPortRanges',
      ]);
    case 'subnet-update':
      return atLeastOne(['serviceEndpoints', 'delegations', 'networkSecurityGroupId', 'routeTableId']);
    case 'peering-update':
      return atLeastOne(['allowForwardedTraffic', 'allowGatewayTransit', 'useRemoteGateways']);
    case 'storage-account-update':
      return atLeastOne(['publicNetworkAccess', 'defaultAction', 'allowSharedKeyAccess', 'tags']);
    case 'storage-network-rule-add':
      if ((c.subnetId === undefined) === (c.ipAddress === undefined)) {
        throw new WhatIfError(at, 'give either subnetId (a virtual network rule) or ipAddress (an IP rule)');
      }
      return;
    case 'connection-create':
      if (c.connectionType === 'IPsec' && !c.localNetworkGatewayId) {
        throw new WhatIfError(`${at}.localNetworkGatewayId`, 'is required for an IPsec connection');
      }
      if (c.connectionType === 'ExpressRoute' && !c.expressRouteCircuitId) {
        throw new WhatIfError(`${at}.expressRouteCircuitId`, 'is required for an ExpressRoute connection');
      }
      return;
    case 'nsg-rule-create':
      if (!c.rule.sourcePortRanges) c.rule.sourcePortRanges = ['*'];
      return;
    default:
      return;
  }
}

/** One change: the structured form itself, or an item of verify --json's `changes` (`{change, command, ...}`). */
function readChange(value: unknown, at: string): InventoryChange {
  const wrapped = isObject(value) && 'change' in value && !('kind' in value);
  const item = wrapped ? (value as Record<string, unknown>).change : value;
  const where = wrapped ? `${at}.change` : at;
  if (!isObject(item)) throw new WhatIfError(where, 'must be an object with a kind');
  const kind = item.kind;
  if (typeof kind !== 'string' || !(CHANGE_KINDS as readonly string[]).includes(kind)) {
    throw new WhatIfError(`${where}.kind`, `must be one of ${CHANGE_KINDS.join(', ')}`);
  }
  const fields = readFields(WHAT_IF_FIELDS[kind as ChangeKind], item, where, ['kind']);
  const change = { kind, ...fields } as InventoryChange;
  checkTogether(change, where);
  return change;
}

/**
 * The changes of a what-if file: a JSON list of changes, or `{"changes": [...]}` (so verify --json's `afterFixes`
 * can be given back as it is). Throws WhatIfError naming the field at fault.
 */
export function readWhatIf(json: unknown): InventoryChange[] {
  const list = Array.isArray(json) ? json : isObject(json) ? json.changes : undefined;
  if (!Array.isArray(list))
    throw new WhatIfError('changes', 'give a JSON list of changes, or an object with a changes list');
  return list.map((item, i) => readChange(item, `changes[${i}]`));
}

function schemaOf(type: FieldType, description: string): Record<string, unknown> {
  const strings = (pattern?: string) => ({
    type: 'array',
    items: { type: 'string', minLength: 1, ...(pattern ? { pattern } : {}) },
  });
  if (typeof type === 'object' && 'enum' in type) return { enum: [...type.enum], description };
  if (typeof type === 'object') return { ...objectSchema(type.object), description };
  switch (type) {
    case 'id':
      return {
        type: 'string',
        pattern: '^/[sS][uU][bB][sS][cC][rR][iI][pP][tT][iI][oO][nN][sS]/[^/]+/.+',
        description,
      };
    case 'name':
    case 'prefix':
    case 'routePrefix':
      return { type: 'string', minLength: 1, description };
    case 'boolean':
      return { type: 'boolean', description };
    case 'priority':
      return { type: 'integer', minimum: MIN_PRIORITY, maximum: MAX_PRIORITY, description };
    case 'prefixes':
    case 'strings':
      return { ...strings(), description };
    case 'rulePrefixes':
      return { ...strings(), minItems: 1, description };
    case 'ports':
      return { ...strings('^(\\*|\\d{1,5}(-\\d{1,5})?)$'), minItems: 1, description };
    case 'tags':
      return { type: 'object', additionalProperties: { type: 'string' }, description };
  }
}

function objectSchema(fields: Fields, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: [
      ...Object.keys(extra),
      ...Object.entries(fields)
        .filter(([, f]) => f.required)
        .map(([k]) => k),
    ],
    properties: {
      ...extra,
      ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, schemaOf(f.type, f.description)])),
    },
  };
}

/** The JSON Schema of a what-if file (docs/what-if.schema.json is this, written out). */
export function whatIfJsonSchema(): Record<string, unknown> {
  const change = {
    oneOf: CHANGE_KINDS.map((kind) => objectSchema(WHAT_IF_FIELDS[kind], { kind: { const: kind } })),
  };
  const item = {
    oneOf: [
      { $ref: '#/$defs/change' },
      {
        type: 'object',
        required: ['change'],
        properties: { change: { $ref: '#/$defs/change' } },
        description: "an item of verify --json's changes lists: command, needs and checks are ignored",
      },
    ],
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'verify --what-if: changes to apply to the inventory before verifying',
    oneOf: [
      { type: 'array', items: { $ref: '#/$defs/item' } },
      {
        type: 'object',
        required: ['changes'],
        properties: { changes: { type: 'array', items: { $ref: '#/$defs/item' } } },
      },
    ],
    $defs: { change, item },
  };
}
