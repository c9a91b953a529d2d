/** A subscription id that is not a GUID, or not in AZURE_ALLOWED_SUBSCRIPTIONS. */
export class SubscriptionIdError extends Error {
  override readonly name = 'SubscriptionIdError';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks the subscription ids a user asked for (each entry may hold a comma list) and returns them
 * trimmed and without duplicates. `allowed` is AZURE_ALLOWED_SUBSCRIPTIONS (src/config.ts); when it
 * lists any, every other subscription is refused.
 */
export function parseSubscriptionIds(values: string[], allowed: readonly string[] | undefined): string[] {
  const ids = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (ids.length === 0) throw new SubscriptionIdError('give at least one subscription id (a GUID)');
  for (const id of ids) {
    if (!GUID.test(id)) {
      throw new SubscriptionIdError(
        `'${id}' is not a subscription id: expected a GUID such as 00000000-0000-0000-0000-000000000000`,
      );
    }
  }
  const allowList = (allowed ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  if (allowList.length > 0) {
    const refused = ids.filter((id) => !allowList.includes(id.toLowerCase()));
    if (refused.length > 0) {
      throw new SubscriptionIdError(
        `subscription ${refused.join(', ')} is not in AZURE_ALLOWED_SUBSCRIPTIONS; ask the operator to add it`,
      );
    }
  }
  const seen = new Set<string>();
  return ids.filter((id) => !seen.has(id.toLowerCase()) && seen.add(id.toLowerCase()) !== undefined);
}
