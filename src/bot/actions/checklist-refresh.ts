import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { loadChecklist } from '../checklist-store';
import { userOf, type ChecklistDependencies } from '../commands/checklist';
import type { AdaptiveCardJson } from '../cards';
import { checklistCardJson, checklistNoticeJson } from './checklist-card';
import { CHECKLIST_GONE_MESSAGE } from './checklist-tick';

const refreshData = z.object({ checklistId: z.string().min(1) });

/** Action.Execute checklist.refresh (the card's automatic refresh, and Retry): the current state for this user. */
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
  const checklist = await loadChecklist(deps.storage, parsed.data.checklistId);
  if (!checklist) return checklistNoticeJson('Checklist not found', CHECKLIST_GONE_MESSAGE);
  return checklistCardJson(checklist, { viewerId: userOf(context).id });
}
