import { parse } from 'shell-quote';
import { resourceGroupOf, ruleName } from '../../src/network/az-fixes';
import { commandOf } from '../../src/network/change-commands';
import { nsg } from '../fixtures/network/builders';

describe('az fixes', () => {
  it('the create command parses back into the intended arguments', () => {
    const cmd = commandOf({
      kind: 'nsg-rule-create',
      nsgId: nsg('nsg-dms').id,
      rule: {
        name: ruleName('SQL Source server-1433'),
        priority: 120,
        direction: 'Outbound',
        access: 'Allow',
        protocol: '*',
        sourceAddressPrefixes: ['*'],
        sourcePortRanges: ['*'],
        destinationAddressPrefixes: ['192.168.0.0/16', 'Storage.WestEurope'],
        destinationPortRanges: ['1433'],
      },
    });
    const args = parse(cmd) as string[];
    const after = (flag: string): string => args[args.indexOf(flag) + 1];
    expect(args.slice(0, 5)).toEqual(['az', 'network', 'nsg', 'rule', 'create']);
    expect(after('-n')).toBe('SQL-Source-server-1433');
    expect(after('--protocol')).toBe('*');
    expect(after('--source-address-prefixes')).toBe('*');
    expect(
      args.slice(args.indexOf('--destination-address-prefixes') + 1, args.indexOf('--destination-port-ranges')),
    ).toEqual(['192.168.0.0/16', 'Storage.WestEurope']);
    expect(after('-g')).toBe('rg-net');
  });

  it('reads the resource group from an id', () => {
    expect(resourceGroupOf('/subscriptions/s/resourceGroups/My-RG/providers/x/y/z')).toBe('My-RG');
    expect(resourceGroupOf('/subscriptions/s')).toBeUndefined();
  });
});
