// IPv4 addresses and CIDR prefixes as uint32 interval sets (see intervals.ts). Azure hands out IPv6 prefixes next to
// IPv4 ones (dual-stack VNets, subnets, NSG rules, local network gateways); every flow verify checks is IPv4, so this
// file is the one place that tells the families apart: cidrSet reads the IPv4 prefixes of a list and leaves out the
// IPv6 ones, and anything that is neither is a CidrError naming the text.
import ipaddr from 'ipaddr.js';
import { EMPTY, Interval, IntervalSet, normalize, subtract } from './intervals';

export const MAX_IPV4 = 0xffffffff;
export const ALL_IPV4: IntervalSet = [[0, MAX_IPV4]];

export class CidrError extends Error {}

export function ipToNumber(ip: string): number {
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip)) {
    throw new CidrError(`"${ip}" is not an IPv4 address (expected four decimal parts such as 10.0.0.4)`);
  }
  return ipaddr.IPv4.parse(ip)
    .toByteArray()
    .reduce((n, b) => n * 256 + b, 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export type AddressFamily = 'IPv4' | 'IPv6';

function isIpv6(text: string): boolean {
  if (text.includes('%')) return false; // a zone id names an interface, not a network
  return text.includes('/') ? ipaddr.IPv6.isValidCIDR(text) : ipaddr.IPv6.isValid(text);
}

/** The family of a prefix or address ('10.0.0.0/24', '10.0.0.4', 'ace:cab:deca::/48'); a CidrError when it is neither. */
export function addressFamily(text: string): AddressFamily {
  const trimmed = text.trim();
  if (isIpv6(trimmed)) return 'IPv6';
  parseCidr(trimmed);
  return 'IPv4';
}

/** The IPv4 prefixes of a list, as written (for evidence and fixes); IPv6 ones are left out, malformed ones throw. */
export function ipv4Prefixes(prefixes: readonly string[]): string[] {
  return prefixes.filter((p) => addressFamily(p) === 'IPv4');
}

// NSG rules and routes repeat the same prefixes across flows, subnets and verifications: bounded caches keep parsing
// off the hot path. An IPv6 prefix is cached as null in `parsed`: it holds no IPv4 address.
const parsed = new Map<string, Interval | null>();
const CACHE_LIMIT = 100_000;

function remember(text: string, interval: Interval | null): void {
  if (parsed.size >= CACHE_LIMIT) parsed.clear();
  parsed.set(text, interval);
}

/** Parses '10.0.0.0/24' or a bare IP ('10.0.0.4' = /32) into its interval; host bits are masked off. IPv4 only. */
export function parseCidr(text: string): Interval {
  const known = parsed.get(text);
  if (known) return known;
  const interval = parseCidrText(text);
  remember(text, interval);
  return interval;
}

function parseCidrText(text: string): Interval {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    throw new CidrError(
      isIpv6(trimmed)
        ? `"${text}" is an IPv6 prefix; an IPv4 one is expected here (such as 10.0.0.0/24)`
        : `"${text}" is neither an IPv4 nor an IPv6 prefix (expected such as 10.0.0.0/24 or ace:cab:deca::/48)`,
    );
  }
  const slash = trimmed.indexOf('/');
  const ip = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const bitsText = slash < 0 ? '32' : trimmed.slice(slash + 1);
  const bits = Number(bitsText);
  if (!/^\d{1,2}$/.test(bitsText) || bits > 32) {
    throw new CidrError(`"${text}" has an invalid prefix length (expected /0 to /32)`);
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip)) {
    throw new CidrError(`"${text}" is not an IPv4 address or prefix (expected such as 10.0.0.0/24 or 10.0.0.4)`);
  }
  const block = 2 ** (32 - bits);
  const start = Math.floor(ipToNumber(ip) / block) * block;
  return [start, start + block - 1];
}

export function isCidrOrIp(text: string): boolean {
  try {
    parseCidr(text);
    return true;
  } catch {
    return false;
  }
}

function parseCidrCached(text: string): Interval | null {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  if (addressFamily(text) === 'IPv6') {
    remember(text, null);
    return null;
  }
  return parseCidr(text);
}

/**
 * The IPv4 addresses of the prefixes. IPv6 prefixes add nothing (an IPv4 flow never matches them); a prefix of
 * neither family throws a CidrError naming it, so a malformed prefix is never taken for an IPv6 one.
 */
export function cidrSet(prefixes: readonly string[]): IntervalSet {
  if (prefixes.length === 1) {
    // the common case (one prefix of a rule): its set is shared, read-only like every IntervalSet
    const interval = parseCidrCached(prefixes[0]);
    return interval ? [interval] : EMPTY;
  }
  const intervals: Interval[] = [];
  for (const p of prefixes) {
    const interval = parseCidrCached(p);
    if (interval) intervals.push(interval);
  }
  return normalize(intervals);
}

/** The prefix length of an IPv4 prefix ('10.0.0.0/28' → 28); a CidrError for anything else. */
export function prefixLength(cidr: string): number {
  const [start, end] = parseCidr(cidr);
  return 32 - Math.log2(end - start + 1);
}

/** The smallest list of CIDR blocks covering exactly the set. */
export function toCidrs(set: IntervalSet): string[] {
  const out: string[] = [];
  for (const [s, e] of set) {
    let start = s;
    while (start <= e) {
      let bits = 32;
      // grow the block while it stays aligned on start and inside the interval
      while (bits > 0) {
        const block = 2 ** (32 - bits + 1);
        if (start % block !== 0 || start + block - 1 > e) break;
        bits--;
      }
      out.push(`${numberToIp(start)}/${bits}`);
      start += 2 ** (32 - bits);
    }
  }
  return out;
}

export function formatAddresses(set: IntervalSet): string {
  if (set.length === 1 && set[0][0] === 0 && set[0][1] === MAX_IPV4) return '0.0.0.0/0';
  return toCidrs(set).join(', ');
}

/** RFC 1918 and shared address space (RFC 6598): private to a network, never in a public Azure service tag. */
export const PRIVATE_IPV4: IntervalSet = cidrSet(['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16']);

/** Address space that is never public Internet: RFC 1918, shared (RFC 6598), loopback, link-local, multicast, reserved. */
export const NON_PUBLIC_IPV4: IntervalSet = cidrSet([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
]);

export const PUBLIC_IPV4: IntervalSet = subtract(ALL_IPV4, NON_PUBLIC_IPV4);
