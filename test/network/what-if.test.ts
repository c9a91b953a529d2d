import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { applyChanges } from '../../src/network/apply-changes';
import { verify } from '../../src/network/verifier';
import { WhatIfError, readWhatIf, whatIfJsonSchema } from '../../src/network/what-if';
import { rid } from '../fixtures/network/builders';
import { routeTable } from '../fixtures/network/routing';
import { scenario } from '../fixtures/network/scenarios';

const SCHEMA_FILE = path.join(__dirname, '..', '..', 'docs', 'what-if.schema.json');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(whatIfJsonSchema());

const NSG = rid('rg-net', 'networkSecurityGroups', 'nsg-dms');
const RT = rid('rg-net', 'routeTables', 'rt-dms');
const allowRule = {
  name: 'allow-sql',
  priority: 300,
  direction: 'Outbound',
  access: 'Allow',
  protocol: 'Tcp',
  sourceAddressPrefixes: ['*'],
  destinationAddressPrefixes: ['192.168.10.0/24'],
  destinationPortRanges: ['1433'],
};

function proposed() {
  const s = scenario('hybrid');
  routeTable(s.inventory, s.dmsVnet, 'dms-subnet', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'None' }]);
  s.dmsNsg.securityRules = s.dmsNsg.securityRules.filter((r) => r.name !== 'SQL-Source-server');
  return { s, result: verify(s.inventory, s.options) };
}

describe('what-if input', () => {
  it('docs/what-if.schema.json is the schema the reader is written from', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(whatIfJsonSchema());
  });

  it("verify --json's afterFixes is read back as it is, and applying it proves the same as verify said", () => {
    const { s, result } = proposed();
    const json = JSON.parse(JSON.stringify(result.afterFixes));
    expect(validate(json)).toBe(true);
    const changes = readWhatIf(json);
    expect(changes).toEqual(result.afterFixes!.changes.map((c) => c.change));
    const after = verify(applyChanges(s.inventory, changes).inventory, s.options);
    expect(after.checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a bare list', [{ kind: 'nsg-rule-create', nsgId: NSG, rule: allowRule }]],
    ['an object with changes', { changes: [{ kind: 'route-delete', routeTableId: RT, name: 'r0' }] }],
    ['a rule without source ports gets *', [{ kind: 'nsg-rule-create', nsgId: NSG, rule: allowRule }]],
    [
      'a new site-to-site connection of the engineer’s',
      [
        {
          kind: 'local-gateway-create',
          localNetworkGatewayId: rid('rg-net', 'localNetworkGateways', 'site-b'),
          gatewayIpAddress: '203.0.113.20',
          addressPrefixes: ['172.20.0.0/16'],
        },
        {
          kind: 'connection-create',
          connectionId: rid('rg-net', 'connections', 'to-site-b'),
          virtualNetworkGatewayId: rid('rg-net', 'virtualNetworkGateways', 'gw'),
          connectionType: 'IPsec',
          localNetworkGatewayId: rid('rg-net', 'localNetworkGateways', 'site-b'),
        },
      ],
    ],
  ])('accepted, by the reader and by the schema: %s', (_name, input) => {
    expect(validate(input)).toBe(true);
    const changes = readWhatIf(input);
    expect(changes.length).toBeGreaterThan(0);
    const create = changes.find((c) => c.kind === 'nsg-rule-create');
    if (create?.kind === 'nsg-rule-create') expect(create.rule.sourcePortRanges).toEqual(['*']);
  });

  it.each<[string, unknown, string, RegExp, boolean]>([
    // name, input, field named, problem, the schema refuses it too (some checks are beyond a JSON Schema)
    ['not a list', { kind: 'route-delete' }, 'changes', /give a JSON list of changes/, true],
    ['an unknown kind', [{ kind: 'nsg-rule-delete-all' }], 'changes[0].kind', /must be one of nsg-rule-create/, true],
    [
      'a missing field',
      [{ kind: 'route-delete', routeTableId: RT }],
      'changes[0].name',
      /is required \(the route\)/,
      true,
    ],
    [
      'an unknown field',
      [{ kind: 'route-delete', routeTableId: RT, name: 'r0', force: true }],
      'changes[0].force',
      /is not a field of this change/,
      true,
    ],
    [
      'a priority out of range',
      [{ kind: 'nsg-rule-create', nsgId: NSG, rule: { ...allowRule, priority: 99 } }],
      'changes[0].rule.priority',
      /from 100 to 4096/,
      true,
    ],
    [
      'a priority that is not a number',
      [{ kind: 'nsg-rule-update', nsgId: NSG, ruleName: 'x', priority: '300' }],
      'changes[0].priority',
      /whole number/,
      true,
    ],
    [
      'a protocol',
      [{ kind: 'nsg-rule-create', nsgId: NSG, rule: { ...allowRule, protocol: 'TCP' } }],
      'changes[0].rule.protocol',
      /must be one of Tcp, Udp/,
      true,
    ],
    [
      'a bad port',
      [{ kind: 'nsg-rule-create', nsgId: NSG, rule: { ...allowRule, destinationPortRanges: ['70000'] } }],
      'changes[0].rule.destinationPortRanges[0]',
      /Invalid port range "70000"/,
      false,
    ],
    [
      'a bad prefix',
      [{ kind: 'nsg-rule-create', nsgId: NSG, rule: { ...allowRule, destinationAddressPrefixes: ['192.168.1.0/33'] } }],
      'changes[0].rule.destinationAddressPrefixes[0]',
      /invalid prefix length/,
      false,
    ],
    [
      'an id that is not one',
      [{ kind: 'route-delete', routeTableId: 'rt-dms', name: 'r0' }],
      'changes[0].routeTableId',
      /is not an Azure resource id/,
      true,
    ],
    [
      'a placeholder left in',
      [
        {
          kind: 'vnet-update',
          vnetId: rid('rg-net', 'virtualNetworks', 'v'),
          dnsServers: ['<on-premises DNS server IPs>'],
        },
      ],
      'changes[0].dnsServers[0]',
      /is a placeholder: give the value itself/,
      false,
    ],
    [
      'an update that changes nothing',
      [{ kind: 'subnet-update', subnetId: `${rid('rg-net', 'virtualNetworks', 'v')}/subnets/s` }],
      'changes[0]',
      /must set at least one of serviceEndpoints/,
      false,
    ],
    [
      'a storage rule with both kinds',
      [
        {
          kind: 'storage-network-rule-add',
          storageAccountId: rid('rg', 'storageAccounts', 'st', 'Microsoft.Storage'),
          subnetId: `${rid('rg-net', 'virtualNetworks', 'v')}/subnets/s`,
          ipAddress: '203.0.113.7',
        },
      ],
      'changes[0]',
      /either subnetId .* or ipAddress/,
      false,
    ],
    [
      'an IPsec connection without its local gateway',
      [
        {
          kind: 'connection-create',
          connectionId: rid('rg-net', 'connections', 'c'),
          virtualNetworkGatewayId: rid('rg-net', 'virtualNetworkGateways', 'gw'),
          connectionType: 'IPsec',
        },
      ],
      'changes[0].localNetworkGatewayId',
      /is required for an IPsec connection/,
      false,
    ],
    [
      'a wrapped item with a bad change',
      [{ change: { kind: 'route-delete', routeTableId: RT } }],
      'changes[0].change.name',
      /is required/,
      true,
    ],
    [
      'a new identity (its object id is not known before)',
      [
        {
          kind: 'managed-instance-update',
          managedInstanceId: rid('rg', 'managedInstances', 'mi', 'Microsoft.Sql'),
          assignIdentity: true,
        },
      ],
      'changes[0].assignIdentity',
      /is not a field of this change/,
      true,
    ],
  ])('refused, naming the field: %s', (_name, input, field, problem, schemaToo) => {
    let error: unknown;
    try {
      readWhatIf(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WhatIfError);
    expect({ field: (error as WhatIfError).field, problem: (error as WhatIfError).problem }).toEqual({
      field,
      problem: expect.stringMatching(problem),
    });
    expect((error as WhatIfError).message).toBe(`${field}: ${(error as WhatIfError).problem}`);
    if (schemaToo) expect(validate(input)).toBe(false);
  });
});
