// The hook from verify into the checklist: a finished verification in a conversation updates its checklist.
import type { TurnContext } from 'botbuilder';
import { errorFields, type Logger } from '../../logger';
import { recordVerification, type VerifiedNetwork } from '../../planning/checklist-verification';
import type { ConditionalStorage } from '../../storage';
import type { VerifyOutcome } from '../../use-cases/verify';
import type { ConversationScope } from '../conversation-scope';
import { loadPlan } from '../planning/plan-store';
import { itemsForPlan } from './checklist-command';
import { updateChecklist } from './checklist-store';
import { syncChecklistMessage } from './message-sync';

/** A verification's outcome as the checklist takes it; `readAt`: when Azure was read (ms since the epoch). */
export function verifiedNetworkOf(outcome: VerifyOutcome, readAt: number): VerifiedNetwork {
  return {
    at: new Date(readAt).toISOString(),
    dms: outcome.dms,
    checks: outcome.result.checks.map(({ id, status, summary }) => ({ id, status, summary })),
    ...(outcome.dms === 'classic' ? { dmsSubnetPrefixes: outcome.dmsSubnetPrefixes } : {}),
  };
}

/**
 * After a verification in a conversation: its checklist, if it has one, records what the verification found for
 * each item (judged against the conversation's plan: the one verify checked), and its posted card is updated.
 * Best effort, never throws: the verification's own card is what the person asked for.
 */
export async function checklistAfterVerify(
  context: TurnContext,
  deps: { storage: ConditionalStorage; logger: Logger },
  scope: ConversationScope,
  verified: VerifiedNetwork,
): Promise<void> {
  try {
    const planned = itemsForPlan(await loadPlan(deps.storage, scope));
    const checklist = await updateChecklist(deps.storage, scope, (current) =>
      recordVerification(current, verified, planned, new Date().toISOString()),
    );
    if (checklist?.messageId) await syncChecklistMessage(context, deps, checklist.messageId, scope);
  } catch (error) {
    deps.logger.warn(
      { event: 'checklist-verify-failed', err: errorFields(error) },
      'could not record the verification on the checklist',
    );
  }
}
