import type { Inventory } from '../network/model';

// Resources the checks name but the inventory lacks (an NSG or route table in a resource group that was not
// read, a peered VNet elsewhere): the checks already say unknown and name them; these hints tell the user which
// --resource-group to add so the next read includes them.

/** An ARM resource id down to its top-level resource (a subnet id gives its VNet's id). */
const RESOURCE_ID =
  /\/subscriptions\/([0-9a-f-]{36})\/resourceGroups\/([\p{L}\p{N}_().-]+)\/providers\/[\w.]+\/[\w]+\/[^/\s,;'"`]+/giu;

interface CheckLike {
  status: string;
  summary: string;
  evidence: string[];
  fix?: string;
}

export interface MissingGroup {
  subscriptionId: string;
  resourceGroup: string;
  /** Ids of the resources named by checks but not in the inventory. */
  resources: string[];
}

function knownIds(inventory: Inventory): Set<string> {
  const ids = new Set<string>();
  const lists: { id: string }[][] = [
    inventory.virtualNetworks,
    inventory.networkSecurityGroups,
    inventory.managedInstances,
    inventory.dmsServices,
    inventory.virtualNetworkGateways,
    inventory.connections,
    inventory.localNetworkGateways,
    inventory.routeTables,
    inventory.applicationSecurityGroups ?? [],
    inventory.networkInterfaces ?? [],
    inventory.sqlMigrationServices ?? [],
    inventory.storageAccounts ?? [],
    inventory.privateDnsZoneLinks ?? [],
  ];
  for (const list of lists) {
    for (const r of list) {
      ids.add(r.id.toLowerCase());
      // a child resource (a DNS zone link) makes its parent's id known too
      for (const m of r.id.matchAll(RESOURCE_ID)) ids.add(m[0].toLowerCase());
    }
  }
  return ids;
}

/** The resource groups holding resources that the given texts name and the inventory lacks, in order of mention. */
export function missingResourceGroups(inventory: Inventory, texts: string[]): MissingGroup[] {
  const known = knownIds(inventory);
  const groups = new Map<string, MissingGroup>();
  for (const text of texts) {
    for (const m of text.matchAll(RESOURCE_ID)) {
      const id = m[0].replace(/[.)]+$/, '');
      if (known.has(id.toLowerCase())) continue;
      const key = `${m[1]}/${m[2]}`.toLowerCase();
      const group = groups.get(key) ?? { subscriptionId: m[1], resourceGroup: m[2], resources: [] };
      groups.set(key, group);
      if (!group.resources.some((r) => r.toLowerCase() === id.toLowerCase())) group.resources.push(id);
    }
  }
  return [...groups.values()];
}

/** Hint lines for the non-pass checks that name resources the read did not include; none when nothing is missing. */
export function missingResourceHints(inventory: Inventory, checks: CheckLike[]): string[] {
  const texts = checks
    .filter((c) => c.status !== 'pass')
    .flatMap((c) => [c.summary, ...c.evidence, ...(c.fix ? [c.fix] : [])]);
  return missingResourceGroups(inventory, texts).map(hintFor);
}

/** The hint for resources the read did not include (e.g. the VNet of a subnet the verifier needs); undefined when none. */
export function missingResourceHint(inventory: Inventory, resourceIds: string[]): string | undefined {
  const groups = missingResourceGroups(inventory, resourceIds);
  return groups.length ? groups.map(hintFor).join('; ') : undefined;
}

function hintFor(g: MissingGroup): string {
  const names = g.resources.map((id) => id.slice(id.lastIndexOf('/') + 1)).join(', ');
  return (
    `resource group ${g.resourceGroup} of subscription ${g.subscriptionId} was not read but holds ${names}: ` +
    `add --resource-group ${g.subscriptionId}/${g.resourceGroup} to the read (Reader on it is enough)`
  );
}
