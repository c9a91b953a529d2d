// Whose Azure rights a verification reads with, and whose cached reads it may share.
import type { TurnContext } from 'botbuilder';
import { delegatedArmCredential } from '../../azure/delegated-credential';
import { conversationScopeOf } from '../conversation-scope';
import type { ReadAs } from './inventory-cache';

/**
 * `bot`: the bot's own identity (DefaultAzureCredential). `user`: the signed-in person's, through the Azure Bot's OAuth
 * connection `connectionName`; their token goes to `armEndpoint` only.
 */
export type VerifyReadIdentity = { mode: 'bot' } | { mode: 'user'; connectionName: string; armEndpoint: string };

/** The bot's reads are shared within the tenant a turn arrives in, never with another tenant. */
export function botReadAs(context: TurnContext): ReadAs {
  return { partition: `tenant:${conversationScopeOf(context).tenantId}` };
}

/** A signed-in person's reads are theirs alone: their token reads, and nobody else is shown what it read. */
export function personReadAs(context: TurnContext, token: string, armEndpoint: string): ReadAs {
  const person = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '';
  return {
    partition: `person:${conversationScopeOf(context).tenantId}:${person}`,
    credential: delegatedArmCredential(token, armEndpoint),
  };
}
