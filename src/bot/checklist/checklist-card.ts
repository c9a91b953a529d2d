import { CardFactory, INVOKE_RESPONSE_KEY, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import {
  progress,
  refreshUserIds,
  ticksOf,
  type Checklist,
  type ChecklistItemState,
  type ChecklistTick,
} from '../../planning/checklist';
import type { ChecklistItemView } from './card-models';
import { firstThatFits, renderCardJson, type AdaptiveCardJson } from '../cards';
import { literal, MAX_ECHO_CHARS, MAX_NAME_CHARS, oneLine } from '../literal-text';

/** Names shown per item and kind of tick, fewest last: more are summed up, so a busy checklist's card stays small. */
const NAMES_PER_ITEM = [8, 3, 1, 0];
const MAX_NOTICE_CHARS = 600;

export const CHECKLIST_HINT =
  'Select Tick when you have done an item; your name and the time are shown. Ticking an item again removes your tick (untick).';

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function names(ticks: ChecklistTick[], maxNames: number): string {
  if (maxNames === 0) return `${ticks.length} ${ticks.length === 1 ? 'person' : 'people'}`;
  const shown = ticks.slice(0, maxNames).map((t) => `${literal(t.name, MAX_NAME_CHARS)} (${when(t.at)})`);
  const more = ticks.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** For the card everyone shares the bot cannot know whose tick a press removes, so the title says both. */
function actionTitle(item: ChecklistItemState, viewerId: string | undefined): string {
  const { current } = ticksOf(item);
  if (viewerId === undefined) return current.length > 0 ? 'Tick / untick' : 'Tick';
  return current.some((t) => t.userId === viewerId) ? 'Untick' : 'Tick';
}

/** `viewerId`: the user the card is rendered for (refresh, invoke); undefined for the card everyone shares. */
function itemView(item: ChecklistItemState, viewerId: string | undefined, maxNames: number): ChecklistItemView {
  const { current, changedSince } = ticksOf(item);
  return {
    id: item.id,
    mark: current.length > 0 ? '✅' : '⬜',
    text: item.text,
    detail: item.detail ?? '',
    tickedBy: current.length > 0 ? `Ticked by ${names(current, maxNames)}` : '',
    changedSince: changedSince.length > 0 ? `Changed since ticked by ${names(changedSince, maxNames)}: not done` : '',
    actionTitle: actionTitle(item, viewerId),
  };
}

/** The checklist card; with many people and long names, fewer names per item so the card stays under the limit. */
export function checklistCardJson(checklist: Checklist, options: { viewerId?: string; notice?: string } = {}) {
  const { done, total } = progress(checklist);
  const render = (maxNames: number) => () =>
    renderCardJson('checklist', {
      checklistId: checklist.id,
      version: checklist.version,
      title: checklist.title,
      summary: `${done} of ${total} done`,
      notice: literal(options.notice ?? '', MAX_NOTICE_CHARS),
      items: checklist.items.map((item) => itemView(item, options.viewerId, maxNames)),
      userIds: refreshUserIds(checklist),
      hint: CHECKLIST_HINT,
    });
  return firstThatFits(NAMES_PER_ITEM.map(render));
}

export function checklistCard(checklist: Checklist, options: { viewerId?: string; notice?: string } = {}): Attachment {
  return CardFactory.adaptiveCard(checklistCardJson(checklist, options));
}

/** `message` may quote what people typed or named (item ids, team and channel names): it is shown literally. */
export function checklistNoticeJson(title: string, message: string, retryChecklistId = ''): AdaptiveCardJson {
  return renderCardJson('checklist-notice', {
    title,
    message: literal(message, MAX_NOTICE_CHARS),
    retryChecklistId: oneLine(retryChecklistId, MAX_ECHO_CHARS),
  });
}

export const FOREIGN_CHECKLIST_MESSAGE =
  "This card's checklist is not this conversation's (the card comes from another conversation or tenant, or its checklist no longer exists), so nothing was shown or changed. Type checklist to post this conversation's checklist.";

/** The answer to a card action naming a checklist, conversation or tenant other than the one it arrived in. */
export function foreignChecklistNoticeJson(): AdaptiveCardJson {
  return checklistNoticeJson('This checklist belongs to another conversation', FOREIGN_CHECKLIST_MESSAGE);
}

/**
 * Answers an adaptiveCard/action invoke with a card for the user who acted. Marking the turn as answered (as
 * CloudAdapter does, and any adapter should) keeps teams-ai from also replacing the message for everyone.
 */
export async function answerInvokeWithCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  const response: Partial<Activity> = {
    type: 'invokeResponse',
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  };
  context.turnState.set(INVOKE_RESPONSE_KEY, response);
  await context.sendActivity(response);
}
