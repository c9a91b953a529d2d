import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Logger } from '../../logger';
import type { ConditionalStorage } from '../../storage';
import { loadChecklist } from './checklist-store';
import { conversationScopeOf, type ConversationScope } from '../conversation-scope';
import { checklistCardJson } from './checklist-card';

/** Updates of one message in flight in this process, keyed by conversation and message id. */
const inFlight = new Map<string, { dirty: boolean }>();

/** Bounds one turn's work when ticks keep arriving; the turn that ticks next takes over. */
const MAX_ROUNDS = 10;

/** Teams throttles updates per thread; these statuses are worth another try after a pause. */
const RETRIABLE_STATUS = new Set([412, 429, 502, 504]);
const RETRY_DELAYS_MS = [300, 900, 2_000];

async function withThrottlingRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (retry >= RETRY_DELAYS_MS.length || status === undefined || !RETRIABLE_STATUS.has(status)) throw error;
      const delay = RETRY_DELAYS_MS[retry] * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Brings the posted checklist message of this conversation (the one everyone sees, including people outside the card's refresh list) up
 * to the stored state. Concurrent ticks, in this or another bot instance, finish their updates in any order, so
 * each round re-reads after its update and goes again while the checklist changed meanwhile: the last update to
 * reach Teams is never older than the last stored tick. Best effort: a failed update is logged, the tick stays.
 */
export async function syncChecklistMessage(
  context: TurnContext,
  deps: { storage: ConditionalStorage; logger: Logger },
  messageId: string | undefined,
  /** The conversation, when the turn's activity may not say its tenant (a turn continued after the original). */
  scope: ConversationScope = conversationScopeOf(context),
): Promise<void> {
  if (!messageId) return;
  const key = `${context.activity.conversation.id}|${messageId}`;
  const running = inFlight.get(key);
  if (running) {
    running.dirty = true;
    return;
  }
  const state = { dirty: true };
  inFlight.set(key, state);
  try {
    for (let round = 0; state.dirty && round < MAX_ROUNDS; round++) {
      state.dirty = false;
      const shown = await loadChecklist(deps.storage, scope);
      if (!shown) return;
      await withThrottlingRetries(() =>
        context.updateActivity({
          id: messageId,
          type: 'message',
          attachments: [CardFactory.adaptiveCard(checklistCardJson(shown))],
        }),
      );
      const now = await loadChecklist(deps.storage, scope);
      if (now && (now.revision !== shown.revision || now.version !== shown.version)) state.dirty = true;
    }
  } catch (error) {
    deps.logger.warn(
      {
        event: 'checklist-message-update-failed',
        err: { type: (error as Error)?.name, message: String((error as Error)?.message) },
      },
      'could not update the posted checklist message; the tick is saved',
    );
  } finally {
    inFlight.delete(key);
  }
}
