import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { z } from 'zod';
import { ChecklistChangeRefused, type Checklist, type ChecklistChangeRefusal } from '../../planning/checklist';
import { loadChecklist, tickChecklist } from './checklist-store';
import { userOf, type ChecklistDependencies } from './checklist-command';
import type { AdaptiveCardJson } from '../cards';
import { conversationScopeOf, dataNamesAnotherConversation } from '../conversation-scope';
import { checklistCardJson, checklistNoticeJson, foreignChecklistNoticeJson } from './checklist-card';
import { syncChecklistMessage } from './message-sync';
import { echo } from '../literal-text';

const tickData = z.object({
  checklistId: z.string({ required_error: 'checklistId is missing' }).min(1, 'checklistId is empty'),
  itemId: z.string({ required_error: 'itemId is missing' }).min(1, 'itemId is empty'),
  version: z.coerce.number({ invalid_type_error: 'version must be a number' }).int().positive(),
});

/** Why a card's action changed nothing, then what to do on the current checklist the card now shows. */
export function refusalNotice(refusal: ChecklistChangeRefusal, again: string): string {
  switch (refusal.reason) {
    case 'stale-version':
      return `Your card was from an older version of this checklist (version ${refusal.cardVersion}, now ${refusal.currentVersion}), so nothing was changed. This is the current checklist: ${again}.`;
    case 'unknown-item':
      return `The item you chose ("${echo(refusal.itemId)}") is not on this checklist, so nothing was changed. This is the current checklist.`;
    case 'not-a-member':
      return `The owner you chose ("${echo(refusal.userId)}") is not a member of this conversation, so nothing was changed. Choose someone from the list on this card.`;
  }
}

export const CHECKLIST_GONE_MESSAGE =
  'This checklist no longer exists (it was deleted). Nothing was changed. Type checklist to post a new one for the current plan.';

/** The card for the user who ticked: the updated checklist, or why nothing changed. */
export async function tickForUser(
  context: TurnContext,
  deps: ChecklistDependencies,
  data: unknown,
): Promise<{ card: AdaptiveCardJson; changed?: Checklist }> {
  const parsed = tickData.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => i.message).join('; ');
    return {
      card: checklistNoticeJson(
        'This button is not one I can use',
        `The card's data is incomplete (${problems}); nothing was changed. Type checklist to post a fresh card.`,
      ),
    };
  }
  const scope = conversationScopeOf(context);
  if (dataNamesAnotherConversation(data, scope)) return { card: foreignChecklistNoticeJson() };
  const { checklistId, itemId, version } = parsed.data;
  const user = userOf(context);
  try {
    const result = await tickChecklist(deps.storage, scope, checklistId, {
      itemId,
      version,
      user,
      at: new Date().toISOString(),
    });
    if (result.kind === 'gone') return { card: checklistNoticeJson('Checklist not found', CHECKLIST_GONE_MESSAGE) };
    if (result.kind === 'foreign') return { card: foreignChecklistNoticeJson() };
    return { card: checklistCardJson(result.checklist, { viewerId: user.id }), changed: result.checklist };
  } catch (error) {
    if (!(error instanceof ChecklistChangeRefused)) throw error;
    const current = await loadChecklist(deps.storage, scope);
    if (!current) return { card: checklistNoticeJson('Checklist not found', CHECKLIST_GONE_MESSAGE) };
    const notice = refusalNotice(error.refusal, 'tick the item again here');
    return { card: checklistCardJson(current, { viewerId: user.id, notice }) };
  }
}

/** Action.Execute checklist.tick: answers with the updated card and updates the posted message for everyone. */
export async function tickAction(context: TurnContext, deps: ChecklistDependencies, data: unknown) {
  const { card, changed } = await tickForUser(context, deps, data);
  if (changed) await syncChecklistMessage(context, deps, context.activity.replyToId);
  return card;
}

/** The Action.Submit fallback of older clients: the card is updated in place, or sent anew when it cannot be. */
export async function tickSubmitAction(context: TurnContext, deps: ChecklistDependencies, data: unknown) {
  const { card, changed } = await tickForUser(context, deps, data);
  if (changed && context.activity.replyToId) {
    await syncChecklistMessage(context, deps, context.activity.replyToId);
    return;
  }
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
