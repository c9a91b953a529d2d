import type { TurnContext } from 'botbuilder';

/**
 * The conversation a turn arrives in, as the channel says it (the activity), never as a card's data says it.
 * Everything stored per conversation (plan, checklist) is found from this and carries its tenant.
 */
export interface ConversationScope {
  tenantId: string;
  /** A channel thread's id carries ';messageid=...': each thread is a conversation of its own. */
  conversationId: string;
}

export function conversationScopeOf(context: TurnContext): ConversationScope {
  const activity = context.activity;
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return {
    tenantId: activity.conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : ''),
    conversationId: activity.conversation.id,
  };
}

/** A stored record names another tenant than the turn's: it is not this conversation's, whatever its key. */
export class ForeignConversationError extends Error {
  override readonly name = 'ForeignConversationError';
  constructor() {
    super('the stored record belongs to another conversation');
  }
}

/**
 * Records stored before tenants were recorded have none: they were found by this conversation's own key, so they
 * are taken as this conversation's (and get its tenant on their next write).
 */
export function assertSameTenant(record: { tenantId?: string } | undefined, scope: ConversationScope): void {
  if (record?.tenantId !== undefined && record.tenantId !== scope.tenantId) throw new ForeignConversationError();
}

/** Card data that names a conversation or tenant other than the one the action arrived in. */
export function dataNamesAnotherConversation(data: unknown, scope: ConversationScope): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const { conversationId, tenantId } = data as { conversationId?: unknown; tenantId?: unknown };
  return (
    (conversationId !== undefined && conversationId !== scope.conversationId) ||
    (tenantId !== undefined && tenantId !== scope.tenantId)
  );
}
