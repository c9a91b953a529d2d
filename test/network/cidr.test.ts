import fc from 'fast-check';
import {
  CidrError,
  cidrSet,
  formatAddresses,
  ipToNumber,
  numberToIp,
  parseCidr,
  prefixLength,
  toCidrs,
  PUBLIC_IPV4,
} from '../../src/network/cidr';
import { contains, subtract } from '../../src/network/intervals';

describe('IPv4 CIDR parsing and formatting', () => {
  it.each<[string, number, number]>([
    ['10.0.0.0/8', ipToNumber('10.0.0.0'), ipToNumber('10.255.255.255')],
    ['10.1.2.3', ipToNumber('10.1.2.3'), ipToNumber('10.1.2.3')],
    ['10.1.2.3/24', ipToNumber('10.1.2.0'), ipToNumber('10.1.2.255')],
    ['0.0.0.0/0', 0, 0xffffffff],
    ['255.255.255.255/32', 0xffffffff, 0xffffffff],
  ])('parseCidr(%s)', (text, start, end) => {
    expect(parseCidr(text)).toEqual([start, end]);
  });

  it.each(['10.0.0.0/33', '10.0.0/8', 'fe80::/10', '10.0.0.0/', 'VirtualNetwork', '300.1.1.1'])(
    'rejects %s',
    (text) => {
      expect(() => parseCidr(text)).toThrow(CidrError);
    },
  );

  it.each<[string[], string[]]>([
    [['10.0.0.0/24', '10.0.1.0/24'], ['10.0.0.0/23']],
    [
      ['10.0.0.1', '10.0.0.2'],
      ['10.0.0.1/32', '10.0.0.2/32'],
    ],
    [['10.0.0.0/8', '10.1.0.0/16'], ['10.0.0.0/8']],
  ])('toCidrs(cidrSet(%j)) = %j', (input, expected) => {
    expect(toCidrs(cidrSet(input))).toEqual(expected);
  });

  it('names the part left after a subtraction', () => {
    expect(toCidrs(subtract(cidrSet(['10.0.0.0/16']), cidrSet(['10.0.0.0/17'])))).toEqual(['10.0.128.0/17']);
    expect(formatAddresses(cidrSet(['0.0.0.0/0']))).toBe('0.0.0.0/0');
  });

  it('prefix lengths', () => {
    expect(prefixLength('10.0.0.0/28')).toBe(28);
    expect(prefixLength('10.0.0.7')).toBe(32);
  });

  it('public space excludes RFC 1918 and shared space', () => {
    expect(contains(PUBLIC_IPV4, cidrSet(['20.0.0.0/8']))).toBe(true);
    for (const p of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']) {
      expect(contains(PUBLIC_IPV4, cidrSet([p]))).toBe(false);
    }
  });

  it('toCidrs covers exactly the set, and numberToIp inverts ipToNumber', () => {
    const range = fc.tuple(fc.nat(0xffffffff), fc.nat(5000)).map(([s, n]) => [s, Math.min(0xffffffff, s + n)] as const);
    fc.assert(
      fc.property(range, ([s, e]) => {
        expect(cidrSet(toCidrs([[s, e]]))).toEqual([[s, e]]);
        expect(ipToNumber(numberToIp(s))).toBe(s);
      }),
    );
  });
});
