import ipaddr from 'ipaddr.js';
import { LruMap } from './lru';

/**
 * Who may reach the bot and where it may send replies, decided once from the configuration:
 * - authenticated: BOT_ID is set; every request carries a Bot Framework token, whose serviceurl claim must name
 *   the activity's service URL, so replies go where the channel said. Listens on every interface.
 * - local: no BOT_ID. Nothing is authenticated, so the bot is for one machine: it listens on 127.0.0.1 and
 *   sends replies only to loopback service URLs (the Agents Playground's own connector).
 * - unauthenticated: no BOT_ID and ALLOW_UNAUTHENTICATED=true (never with NODE_ENV=production): listens on every
 *   interface without authentication, for a lab network; replies may go anywhere but to link-local addresses
 *   (169.254.169.254 and the like, where cloud hosts answer with their credentials).
 */
export type ExposureMode = 'authenticated' | 'local' | 'unauthenticated';

export interface Exposure {
  mode: ExposureMode;
  /** The address the HTTP server listens on. */
  listenHost: string;
  /** Whether a request naming this service URL may be answered (and replies sent there). */
  allowsServiceUrl(serviceUrl: string): boolean;
  /** One sentence for the start-up log. */
  summary: string;
}

export const ALL_INTERFACES = '0.0.0.0';
export const LOOPBACK = '127.0.0.1';

/** The address of a URL's host when it is an IP address (IPv4-mapped IPv6 taken as the IPv4 it maps). */
function hostAddress(url: URL): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // The URL parser has already normalised decimal, hex and short IPv4 forms (http://2130706433/ is 127.0.0.1).
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(host)) return undefined;
  const address = ipaddr.parse(host);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

function parsedHttpUrl(serviceUrl: string): URL | undefined {
  if (!URL.canParse(serviceUrl)) return undefined;
  const url = new URL(serviceUrl);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** True for http(s) URLs whose host is this machine: localhost, 127.0.0.0/8 or ::1 (by the parsed host). */
export function isLoopbackUrl(serviceUrl: string): boolean {
  const url = parsedHttpUrl(serviceUrl);
  if (!url) return false;
  if (url.hostname === 'localhost') return true;
  return hostAddress(url)?.range() === 'loopback';
}

/** True for http(s) URLs whose host is not a link-local address (cloud metadata services live there). */
export function isOutsideLinkLocal(serviceUrl: string): boolean {
  const url = parsedHttpUrl(serviceUrl);
  if (!url) return false;
  const range = hostAddress(url)?.range();
  return range !== 'linkLocal' && range !== 'unspecified';
}

/**
 * The same decision, remembered for the service URLs seen last: every request and every reply asks it, and a
 * conversation keeps one service URL (parsing it each time cost a few percent of a turn's CPU).
 */
export function rememberingDecisions(
  decide: (serviceUrl: string) => boolean,
  capacity = 256,
): (serviceUrl: string) => boolean {
  const decided = new LruMap<string, boolean>(capacity);
  return (serviceUrl) => {
    let allowed = decided.get(serviceUrl);
    if (allowed === undefined) {
      allowed = decide(serviceUrl);
      decided.set(serviceUrl, allowed);
    }
    return allowed;
  };
}

export function exposureFor(options: { authenticated: boolean; allowUnauthenticated: boolean }): Exposure {
  if (options.authenticated) {
    return {
      mode: 'authenticated',
      listenHost: ALL_INTERFACES,
      allowsServiceUrl: rememberingDecisions((serviceUrl) => parsedHttpUrl(serviceUrl) !== undefined),
      summary: 'AUTHENTICATED MODE: every request must carry a valid Bot Framework token for BOT_ID.',
    };
  }
  if (options.allowUnauthenticated) {
    return {
      mode: 'unauthenticated',
      listenHost: ALL_INTERFACES,
      allowsServiceUrl: rememberingDecisions(isOutsideLinkLocal),
      summary:
        'UNAUTHENTICATED MODE (ALLOW_UNAUTHENTICATED=true): listening on every interface and NOT checking tokens; ' +
        'anyone who reaches this port can use the bot and its Azure identity. Use it only on a network you trust.',
    };
  }
  return {
    mode: 'local',
    listenHost: LOOPBACK,
    allowsServiceUrl: rememberingDecisions(isLoopbackUrl),
    summary:
      'LOCAL MODE: BOT_ID is not set, so requests are NOT authenticated; listening on 127.0.0.1 only and ' +
      'replying only to service URLs on this machine. Use this with the Agents Playground; set BOT_ID to serve Teams.',
  };
}
