import { parse } from 'shell-quote';
import { freePriority, nsgRuleCreate, resourceGroupOf, ruleName } from '../../src/network/az-fixes';
import { nsg, rule } from '../fixtures/network/builders';

describe('az fixes', () => {
  const n = nsg('nsg-dms', [
    rule({ priority: 100 }),
    rule({ priority: 101 }),
    rule({ priority: 4096 }),
    rule({ priority: 102, direction: 'Inbound' }),
  ]);

  it.each<[string, number, number | undefined, number | undefined]>([
    ['the preferred priority when free and below the deny', 300, 200, 200],
    ['the largest free one below the deny when the preferred is taken', 102, 100, undefined],
    ['none when everything below the deny is taken', 102, undefined, undefined],
    ['at most 4096 below a default rule', 65500, undefined, 4095],
    ['the preferred one must be below the deny', 150, 200, 149],
  ])('%s', (_n, below, preferred, expected) => {
    expect(freePriority(n, 'Outbound', below, preferred)).toBe(expected);
  });

  it('other directions do not take a priority', () => {
    expect(freePriority(n, 'Outbound', 103)).toBe(102);
  });

  it('the create command parses back into the intended arguments', () => {
    const cmd = nsgRuleCreate(n, {
      name: ruleName('SQL Source server-1433'),
      priority: 120,
      direction: 'Outbound',
      protocol: '*',
      sources: ['*'],
      destinations: ['192.168.0.0/16', 'Storage.WestEurope'],
      ports: ['1433'],
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
