import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isCardOf, legacyChecklistId, loadChecklist } from './checklist-store';
import { userOf, type ChecklistDependencies } from './checklist-command';
import type { AdaptiveCardJson } from '../cards';
import { conversationScopeOf, dataNamesAnotherConversation } from '../conversation-scope';
import { checklistCardJson, checklistNoticeJson, foreignChecklistNoticeJson } from './checklist-card';
import { CHECKLIST_GONE_MESSAGE } from './tick-action';

const refreshData = z.object({ checklistId: z.string().min(1) });

/**
 * Action.Execute checklist.refresh (the card's automatic refresh, and Retry): the current state for this user of
 * this conversation's checklist, when the card is one of its cards; nothing of any other checklist is read.
 */
export async function refreshAction(
  context: TurnContext,
  deps: ChecklistDependencies,
  data: unknown,
): Promise<AdaptiveCardJson> {
  const parsed = refreshData.safeParse(data);
  if (!parsed.success) {
    return checklistNoticeJson(
      'This card is not one I can refresh',
      'It names no checklist. Type checklist to post a fresh card.',
    );
  }
  const scope = conversationScopeOf(context);
  if (dataNamesAnotherConversation(data, scope)) return foreignChecklistNoticeJson();
  const checklist = await loadChecklist(deps.storage, scope);
  if (!checklist) {
    return parsed.data.checklistId === legacyChecklistId(scope.conversationId)
      ? checklistNoticeJson('Checklist not found', CHECKLIST_GONE_MESSAGE)
      : foreignChecklistNoticeJson();
  }
  if (!isCardOf(checklist, parsed.data.checklistId)) return foreignChecklistNoticeJson();
  return checklistCardJson(checklist, { viewerId: userOf(context).id });
}
