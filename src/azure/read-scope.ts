import { parseSubscriptionIds, SubscriptionIdError } from './subscriptions';

/**
 * What the live read covers in one subscription: the whole subscription (no resourceGroups), or only the named
 * resource groups, for people who hold Reader on some resource groups but not on the subscription.
 */
export interface ReadScope {
  subscriptionId: string;
  /** Read only these resource groups (listed with the resource-group-scoped operations); absent: the subscription. */
  resourceGroups?: string[];
}

/** One resource group named as `<subscription-id>/<name>`. */
export interface ResourceGroupRef {
  subscriptionId: string;
  resourceGroup: string;
}

/** A --resource-group value that is not `<subscription-id>/<resource group name>`, or not an allowed subscription. */
export class ResourceGroupScopeError extends Error {
  override readonly name = 'ResourceGroupScopeError';
}

/** Azure's rule for resource group names: letters, digits, _ ( ) - and ., 1-90 characters, no trailing period. */
const RESOURCE_GROUP_CHARS = /^[\p{L}\p{N}_().-]+$/u;
const MAX_RESOURCE_GROUP_LENGTH = 90;
const EXAMPLE = '00000000-0000-0000-0000-000000000000/rg-network';

/** Why `name` is not a valid resource group name, or undefined when it is one. */
export function resourceGroupNameProblem(name: string): string | undefined {
  if (name === '') return 'the resource group name after the slash is empty';
  const length = [...name].length;
  if (length > MAX_RESOURCE_GROUP_LENGTH) {
    return `resource group name '${name}' is ${length} characters long; Azure allows at most ${MAX_RESOURCE_GROUP_LENGTH}`;
  }
  if (!RESOURCE_GROUP_CHARS.test(name)) {
    return `resource group name '${name}' may only hold letters, digits, underscores, parentheses, hyphens and periods`;
  }
  if (name.endsWith('.')) return `resource group name '${name}' must not end with a period`;
  return undefined;
}

/**
 * Checks `<subscription-id>/<resource group>` values (each entry may hold a comma list: commas cannot occur in
 * either part) and returns them without duplicates (case-insensitive, as Azure compares them). `allowed` is
 * AZURE_ALLOWED_SUBSCRIPTIONS, applied to the subscription of each resource group.
 */
export function parseResourceGroupRefs(values: string[], allowed: readonly string[] | undefined): ResourceGroupRef[] {
  const entries = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (entries.length === 0) {
    throw new ResourceGroupScopeError(`give <subscription-id>/<resource group>, e.g. ${EXAMPLE}`);
  }
  const refs: ResourceGroupRef[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const slash = entry.indexOf('/');
    if (slash < 0) {
      throw new ResourceGroupScopeError(
        `'${entry}' has no slash: expected <subscription-id>/<resource group>, e.g. ${EXAMPLE}`,
      );
    }
    const subscription = entry.slice(0, slash).trim();
    const group = entry.slice(slash + 1).trim();
    let subscriptionId: string;
    try {
      [subscriptionId] = parseSubscriptionIds([subscription], allowed);
    } catch (e) {
      if (!(e instanceof SubscriptionIdError)) throw e;
      const problem = subscription === '' ? 'the subscription id before the slash is empty' : e.message;
      throw new ResourceGroupScopeError(`'${entry}': ${problem}`);
    }
    const problem = resourceGroupNameProblem(group);
    if (problem) throw new ResourceGroupScopeError(`'${entry}': ${problem}`);
    const key = `${subscriptionId}/${group}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({ subscriptionId, resourceGroup: group });
  }
  return refs;
}

/**
 * The scopes to read: whole subscriptions first (as given), then the subscriptions named only through resource
 * groups, each with its groups in the order given. A subscription given both ways is read whole.
 */
export function readScopes(subscriptionIds: string[], groups: ResourceGroupRef[] = []): ReadScope[] {
  const scopes = new Map<string, ReadScope>();
  for (const id of subscriptionIds) {
    if (!scopes.has(id.toLowerCase())) scopes.set(id.toLowerCase(), { subscriptionId: id });
  }
  for (const { subscriptionId, resourceGroup } of groups) {
    const key = subscriptionId.toLowerCase();
    const scope = scopes.get(key) ?? { subscriptionId, resourceGroups: [] };
    scopes.set(key, scope);
    if (!scope.resourceGroups) continue; // read whole
    if (!scope.resourceGroups.some((g) => g.toLowerCase() === resourceGroup.toLowerCase())) {
      scope.resourceGroups.push(resourceGroup);
    }
  }
  return [...scopes.values()];
}

/** How much a read covers, for messages: '2 subscription(s)', '3 resource group(s)', or both joined by 'and'. */
export function describeScopes(scopes: ReadScope[]): string {
  const whole = scopes.filter((s) => !s.resourceGroups).length;
  const groups = scopes.reduce((n, s) => n + (s.resourceGroups?.length ?? 0), 0);
  const parts = [];
  if (whole > 0 || groups === 0) parts.push(`${whole} subscription(s)`);
  if (groups > 0) parts.push(`${groups} resource group(s)`);
  return parts.join(' and ');
}
