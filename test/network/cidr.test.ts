import fc from 'fast-check';
import {
  CidrError,
  addressFamily,
  cidrSet,
  ipv4Prefixes,
  PRIVATE_IPV4,
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

describe('address families: IPv6 next to IPv4', () => {
  it.each<[string, 'IPv4' | 'IPv6']>([
    ['10.0.0.0/16', 'IPv4'],
    ['10.0.0.4', 'IPv4'],
    [' 10.0.0.0/24 ', 'IPv4'],
    ['ace:cab:deca::/48', 'IPv6'],
    ['ace:cab:deca:deed::/64', 'IPv6'],
    ['2001:db8::1', 'IPv6'],
    ['::/0', 'IPv6'],
    ['::ffff:10.0.0.0/104', 'IPv6'],
  ])('%s is %s', (text, family) => {
    expect(addressFamily(text)).toBe(family);
  });

  it.each<[string, string]>([
    ['ace:zz::/48', 'is neither an IPv4 nor an IPv6 prefix'],
    ['ace:cab:deca::/129', 'is neither an IPv4 nor an IPv6 prefix'],
    ['fe80::1%eth0', 'is neither an IPv4 nor an IPv6 prefix'],
    ['10.0.0.0/33', 'has an invalid prefix length'],
    ['10.0.0/8', 'is not an IPv4 address'],
    ['VirtualNetwork', 'is not an IPv4 address'],
  ])('%s is neither: a CidrError that names it', (text, message) => {
    expect(() => addressFamily(text)).toThrow(CidrError);
    expect(() => addressFamily(text)).toThrow(`"${text}" ${message}`);
    // a malformed prefix is never taken for an IPv6 one and left out
    expect(() => cidrSet(['10.0.0.0/16', text])).toThrow(CidrError);
    expect(() => ipv4Prefixes([text])).toThrow(CidrError);
  });

  it('cidrSet reads the IPv4 prefixes of a dual-stack list and leaves the IPv6 ones out', () => {
    expect(cidrSet(['10.0.0.0/16', 'ace:cab:deca::/48'])).toEqual(cidrSet(['10.0.0.0/16']));
    expect(cidrSet(['ace:cab:deca::/48', '2001:db8::/32'])).toEqual([]);
    expect(ipv4Prefixes(['ace:cab:deca:deed::/64', '10.0.0.0/24'])).toEqual(['10.0.0.0/24']);
  });

  it('an IPv4-only parse says when it is given an IPv6 prefix', () => {
    expect(() => parseCidr('ace:cab:deca::/48')).toThrow(
      '"ace:cab:deca::/48" is an IPv6 prefix; an IPv4 one is expected',
    );
    expect(() => prefixLength('ace:cab:deca::/48')).toThrow(CidrError);
  });

  it('private space is RFC 1918 plus shared address space', () => {
    expect(toCidrs(PRIVATE_IPV4)).toEqual(['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16']);
  });
});
