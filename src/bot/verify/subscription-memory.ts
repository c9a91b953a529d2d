// What verify keeps per conversation: the subscriptions it verified last, so the plan card's button does not ask again.
import { errorFields } from '../../logger';
import type { ConversationScope } from '../conversation-scope';
import type { VerifyTurnDependencies } from './verify-dependencies';

const LAST_SUBSCRIPTIONS_KEY = (conversationId: string) => `verify-subscriptions/${conversationId}`;

/** The subscriptions this conversation verified last, so the plan card's button does not ask again. */
export async function recallSubscriptions(deps: VerifyTurnDependencies, scope: ConversationScope): Promise<string[]> {
  const key = LAST_SUBSCRIPTIONS_KEY(scope.conversationId);
  let item: { subscriptionIds?: unknown; tenantId?: string } | undefined;
  try {
    item = (await deps.storage.read([key]))[key] as typeof item;
  } catch (e) {
    deps.logger.warn({ event: 'verify-recall-failed', err: errorFields(e) }, 'could not read the last subscriptions');
    return []; // the user is asked for them instead
  }
  // Another tenant's list under the same conversation id is not this conversation's.
  if (item?.tenantId !== undefined && item.tenantId !== scope.tenantId) return [];
  const ids = item?.subscriptionIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export async function rememberSubscriptions(deps: VerifyTurnDependencies, scope: ConversationScope, ids: string[]) {
  try {
    await deps.storage.write({
      [LAST_SUBSCRIPTIONS_KEY(scope.conversationId)]: { subscriptionIds: ids, tenantId: scope.tenantId, eTag: '*' },
    });
  } catch (e) {
    // Only a convenience for the next button press: the verification itself goes on.
    deps.logger.warn({ event: 'verify-remember-failed', err: errorFields(e) }, 'could not store');
  }
}
