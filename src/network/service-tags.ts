// What the evaluator knows about Azure service tags. Public service tags are matched by name
// (a flow "to ServiceBus" is matched by ServiceBus, ServiceBus.<region>, AzureCloud, Internet or '*');
// their IP ranges are not in the inventory, so against plain address ranges they are uncertain.

/** Tags that stand for Azure public service addresses (regional variants like Storage.WestEurope included). */
export const PUBLIC_SERVICE_TAGS = [
  'ServiceBus',
  'Storage',
  'AzureMonitor',
  'AzureCloud',
  'Sql',
  'SqlManagement',
  'AzureActiveDirectory',
  'OneDsCollector',
  'EventHub',
  'AzureKeyVault',
  'AzureResourceManager',
  'GatewayManager',
  'AzureBackup',
  'DataFactory',
  'CorpNetSaw',
  'CorpNetPublic',
  'AzureTrafficManager',
  'AzureFrontDoor',
] as const;

/** The fixed address of the Azure platform's health probes, DHCP and DNS. */
export const AZURE_LOAD_BALANCER_IP = '168.63.129.16/32';

export interface ParsedTag {
  /** Canonical base tag name ('Storage'), or the text as given when the tag is not known. */
  base: string;
  /** Normalised region of a regional variant ('westeurope'), if any. */
  region?: string;
  known: boolean;
  publicService: boolean;
}

const byLower = new Map<string, string>(
  [...PUBLIC_SERVICE_TAGS, 'VirtualNetwork', 'Internet', 'AzureLoadBalancer'].map((t) => [t.toLowerCase(), t]),
);

/** 'West Europe' and 'WestEurope' both become 'westeurope'. */
export function normalizeRegion(region: string): string {
  return region.replace(/[\s_-]/g, '').toLowerCase();
}

/** Parses a service tag name; undefined when the text is not a tag ('*', an IP or a CIDR). */
// Rules and routes name the same few tags and prefixes over and over: each text is read once (bounded).
const readTags = new Map<string, ParsedTag | null>();

export function parseServiceTag(text: string): ParsedTag | undefined {
  const known = readTags.get(text);
  if (known !== undefined) return known ?? undefined;
  const tag = readServiceTag(text);
  const frozen = tag ? Object.freeze(tag) : null;
  if (readTags.size >= 10_000) readTags.clear();
  readTags.set(text, frozen);
  return frozen ?? undefined;
}

function readServiceTag(text: string): ParsedTag | undefined {
  const t = text.trim();
  if (t === '*' || t === '' || /^[\d.]+(\/\d+)?$/.test(t) || t.includes(':')) return undefined;
  const dot = t.indexOf('.');
  const baseText = dot < 0 ? t : t.slice(0, dot);
  const base = byLower.get(baseText.toLowerCase());
  if (!base) return { base: t, known: false, publicService: false };
  const publicService = (PUBLIC_SERVICE_TAGS as readonly string[]).includes(base);
  if (dot < 0) return { base, known: true, publicService };
  // AzureFrontDoor.Backend and similar suffixes are not regions; only regional variants of public services are understood.
  if (!publicService || base === 'AzureFrontDoor') return { base: t, known: false, publicService: false };
  return { base, region: normalizeRegion(t.slice(dot + 1)), known: true, publicService };
}
