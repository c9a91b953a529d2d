import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ChecklistChangeRefused, type Checklist, type ChecklistItemState } from '../../planning/checklist';
import type { AdaptiveCardJson } from '../cards';
import { conversationScopeOf, dataNamesAnotherConversation } from '../conversation-scope';
import { literal, MAX_NAME_CHARS, oneLine } from '../literal-text';
import { checklistCardJson, checklistNoticeJson, foreignChecklistNoticeJson, NO_OWNER } from './checklist-card';
import { conversationMembers, userOf, type ChecklistDependencies } from './checklist-command';
import { assignChecklistOwner, loadChecklist } from './checklist-store';
import { syncChecklistMessage } from './message-sync';
import { CHECKLIST_GONE_MESSAGE, refusalNotice } from './tick-action';

const assignData = z.object({
  checklistId: z.string({ required_error: 'checklistId is missing' }).min(1, 'checklistId is empty'),
  version: z.coerce.number({ invalid_type_error: 'version must be a number' }).int().positive(),
  itemId: z.string({ required_error: 'no item was chosen' }).min(1, 'no item was chosen'),
  ownerId: z.string({ required_error: 'no owner was chosen' }).min(1, 'no owner was chosen'),
});

/** A name inside <at>...</at>: one line, and no markup of its own (Teams reads the message text as HTML). */
function mentionName(name: string): string {
  return oneLine(name, MAX_NAME_CHARS).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The message that tells the thread, with an @mention, who owns an item now. */
export function ownerMessage(item: ChecklistItemState): Partial<Activity> {
  const owner = item.owner!;
  const at = `<at>${mentionName(owner.name)}</at>`;
  return {
    type: 'message',
    text: `${at} owns "${literal(item.text, 300)}" on the migration checklist (assigned by ${literal(owner.assignedBy.name, MAX_NAME_CHARS)}).`,
    entities: [{ type: 'mention', text: at, mentioned: { id: owner.userId, name: mentionName(owner.name) } }],
  };
}

/** The card for the user who assigned: the updated checklist, or why nothing changed; and the item given an owner. */
async function assignForUser(
  context: TurnContext,
  deps: ChecklistDependencies,
  data: unknown,
): Promise<{ card: AdaptiveCardJson; changed?: Checklist; assigned?: ChecklistItemState }> {
  const parsed = assignData.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => i.message).join('; ');
    return {
      card: checklistNoticeJson(
        'Nobody was assigned',
        `The card did not say whom to assign to what (${problems}); nothing was changed. Choose an item and a member, then select Assign.`,
      ),
    };
  }
  const scope = conversationScopeOf(context);
  if (dataNamesAnotherConversation(data, scope)) return { card: foreignChecklistNoticeJson() };
  const { checklistId, version, itemId, ownerId } = parsed.data;
  const user = userOf(context);
  // Who may own an item is for the channel to say, never the card: the members Teams lists now.
  const members = ownerId === NO_OWNER ? [] : await conversationMembers(context, deps);
  try {
    const result = await assignChecklistOwner(deps.storage, scope, checklistId, {
      itemId,
      version,
      owner: ownerId === NO_OWNER ? null : { id: ownerId, name: '' },
      members,
      by: user,
      at: new Date().toISOString(),
    });
    if (result.kind === 'gone') return { card: checklistNoticeJson('Checklist not found', CHECKLIST_GONE_MESSAGE) };
    if (result.kind === 'foreign') return { card: foreignChecklistNoticeJson() };
    const item = result.checklist.items.find((i) => i.id === itemId)!;
    if (!result.changed) {
      const notice = item.owner
        ? `${oneLine(item.owner.name, MAX_NAME_CHARS)} already owns that item; nothing was changed.`
        : 'That item has no owner; nothing was changed.';
      return { card: checklistCardJson(result.checklist, { viewerId: user.id, notice }) };
    }
    return {
      card: checklistCardJson(result.checklist, { viewerId: user.id }),
      changed: result.checklist,
      assigned: item.owner ? item : undefined,
    };
  } catch (error) {
    if (!(error instanceof ChecklistChangeRefused)) throw error;
    const current = await loadChecklist(deps.storage, scope);
    if (!current) return { card: checklistNoticeJson('Checklist not found', CHECKLIST_GONE_MESSAGE) };
    const notice = refusalNotice(error.refusal, 'assign the owner again here');
    return { card: checklistCardJson(current, { viewerId: user.id, notice }) };
  }
}

/** After an owner changed: the posted message for everyone, and one message naming the new owner. */
async function announce(context: TurnContext, deps: ChecklistDependencies, assigned: ChecklistItemState | undefined) {
  await syncChecklistMessage(context, deps, context.activity.replyToId);
  if (assigned) await context.sendActivity(ownerMessage(assigned));
}

/** Action.Execute checklist.assign: answers with the updated card, updates the posted one, names the owner. */
export async function assignAction(context: TurnContext, deps: ChecklistDependencies, data: unknown) {
  const { card, changed, assigned } = await assignForUser(context, deps, data);
  if (changed) await announce(context, deps, assigned);
  return card;
}

/** The Action.Submit fallback of older clients: as assignAction, with the card sent anew when it cannot be updated. */
export async function assignSubmitAction(context: TurnContext, deps: ChecklistDependencies, data: unknown) {
  const { card, changed, assigned } = await assignForUser(context, deps, data);
  if (changed && context.activity.replyToId) return announce(context, deps, assigned);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  if (assigned) await context.sendActivity(ownerMessage(assigned));
}
