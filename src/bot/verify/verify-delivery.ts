// The cards of a verification: "checking" at once, then the result (or why there is none) in its place.
import { type Attachment, type TurnContext } from 'botbuilder';
import { errorFields } from '../../logger';
import { verifyInventory, type VerifyOutcome } from '../../use-cases/verify';
import { renderCard } from '../cards';
import type { ConversationScope } from '../conversation-scope';
import { keepFixesScript } from './fixes-script-store';
import type { InventoryTicket } from './inventory-cache';
import { personReadErrorCard } from './person-read-errors';
import type { PlanForVerify } from './planned-request';
import { describeSubscriptions, errorCardModel, resultCard, type VerifyTarget } from './verify-cards';
import type { VerifyTurnDependencies } from './verify-dependencies';

export async function sendCard(context: TurnContext, card: Attachment) {
  return context.sendActivity({ attachments: [card] });
}

export function checkingCard(ticket: InventoryTicket, ids: string[], now: number): Attachment {
  if (ticket.source === 'joined') {
    const seconds = Math.max(0, Math.round((now - ticket.startedAt) / 1000));
    return renderCard('verify-checking', {
      title: `Already checking ${describeSubscriptions(ids)}`,
      detail: `A check of the same subscriptions started ${seconds} s ago; its result will replace this message too.`,
    });
  }
  return renderCard('verify-checking', {
    title: `Checking ${describeSubscriptions(ids)}…`,
    detail:
      'Reading virtual networks, NSGs, route tables, gateways, the managed instance and the DMS from Azure. ' +
      'The result will replace this message, usually within a minute.',
  });
}

/**
 * The result card, or the card that says clearly why there is none. Never throws. `onVerified` gets the outcome of
 * a verification that ran, and when Azure was read.
 */
export async function outcomeCard(
  ticket: InventoryTicket,
  target: VerifyTarget,
  plan: PlanForVerify,
  deps: VerifyTurnDependencies,
  reference: string,
  scope: ConversationScope,
  onVerified?: (outcome: VerifyOutcome, readAt: number) => void,
): Promise<Attachment> {
  try {
    const inventory = await ticket.inventory;
    const now = deps.verify.now();
    const readAt = { target, planNote: plan.note, readAt: ticket.startedAt, cached: ticket.source === 'cached', now };
    const outcome = verifyInventory(inventory, { ...plan.request, miName: target.mi, dmsName: target.dms });
    onVerified?.(outcome, ticket.startedAt);
    const scriptVerification = await keepFixesScript(deps, scope, outcome.result);
    if (outcome.dms === 'current') {
      return resultCard(outcome.result, { ...readAt, scriptVerification, planNote: plan.currentDmsNote });
    }
    const { result, rules, sourceRanges } = outcome;
    // A diagram that cannot be drawn or stored must not cost the user the result.
    const diagram = await deps.diagrams?.verifyDiagram(result, rules, sourceRanges).catch(() => undefined);
    return resultCard(result, { ...readAt, scriptVerification, diagram });
  } catch (error) {
    const asPerson = deps.verify.identity.mode === 'user' ? personReadErrorCard(error, reference) : undefined;
    const model = asPerson ?? errorCardModel(error, target, reference);
    const kind =
      (error as { kind?: unknown; problem?: { kind?: unknown } })?.problem?.kind ?? (error as { kind?: unknown })?.kind;
    if (model) {
      deps.logger.warn(
        { event: 'verify-refused', correlationId: reference, kind, type: (error as Error)?.name },
        model.title,
      );
      return renderCard('verify-error', model);
    }
    deps.logger.error(
      { event: 'verify-failed', correlationId: reference, err: errorFields(error) },
      'verify failed unexpectedly',
    );
    return renderCard('error', {
      title: 'Verification failed',
      message:
        'I could not finish the check. Please try again; if it keeps failing, give this reference to your administrator.',
      correlationId: reference,
    });
  }
}

/** Replaces the message `id` with the card; where the channel refuses updates, posts it instead. */
export async function replaceOrPost(context: TurnContext, id: string | undefined, card: Attachment): Promise<void> {
  if (id) {
    try {
      await context.updateActivity({ type: 'message', id, attachments: [card] });
      return;
    } catch {
      // some clients cannot update a bot message: the thread still gets the result
    }
  }
  await sendCard(context, card);
}
