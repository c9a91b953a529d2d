import { CardFactory, INVOKE_RESPONSE_KEY, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import {
  findingOf,
  progress,
  refreshUserIds,
  ticksOf,
  type Checklist,
  type ChecklistItemState,
  type ChecklistOwner,
  type ChecklistTick,
  type ChecklistVerification,
  type ItemFinding,
} from '../../planning/checklist';
import type { ChecklistCardModel, ChecklistItemView } from './card-models';
import { firstThatFits, renderCardJson, type AdaptiveCardJson } from '../cards';
import { literal, MAX_ECHO_CHARS, MAX_NAME_CHARS, oneLine } from '../literal-text';

/**
 * From the most detailed card to the smallest: names shown per item and kind of tick, characters of what verify
 * found and of an item in the owner choice, and whether an owner's line says who assigned them.
 */
const LEVELS = [
  { names: 8, foundChars: 400, choiceChars: 80, assignedBy: true },
  { names: 3, foundChars: 200, choiceChars: 80, assignedBy: true },
  { names: 1, foundChars: 120, choiceChars: 60, assignedBy: true },
  { names: 0, foundChars: 60, choiceChars: 40, assignedBy: false },
];
const MAX_NOTICE_CHARS = 600;
/** The value of the owner choice that leaves an item without an owner. */
export const NO_OWNER = 'none';

export const CHECKLIST_HINT =
  'Select Tick when you have done an item; your name and the time are shown. Ticking an item again removes your tick (untick). ' +
  'Run verify in this conversation to have Azure confirm what it can: a tick is a person\'s word, "Confirmed in Azure" is what the last verify read.';

export function when(iso: string): string {
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

/** What verify found, from Azure's names: shown literally, within `maxChars`. */
function foundText(finding: ItemFinding, maxChars: number): string {
  return literal(finding.found.join('; '), maxChars);
}

/** The line of the last verification's finding, and the tick line it replaces when it contradicts the ticks. */
function verifiedLine(
  finding: ItemFinding | undefined,
  verification: ChecklistVerification | undefined,
  ticked: string,
  foundChars: number,
): { verified: string; verifiedColor: string; tickedBy?: string } {
  if (!finding || !verification) return { verified: '', verifiedColor: 'Default' };
  const at = when(verification.at);
  const found = foundText(finding, foundChars);
  switch (finding.status) {
    case 'pass':
      return { verified: `Confirmed in Azure at ${at}`, verifiedColor: 'Good' };
    case 'fail':
      return ticked
        ? { verified: `${ticked}, but verify found (${at}): ${found}`, verifiedColor: 'Attention', tickedBy: '' }
        : { verified: `Verify found (${at}): ${found}`, verifiedColor: 'Attention' };
    case 'warn':
      return { verified: `Verify warns (${at}): ${found}`, verifiedColor: 'Warning' };
    case 'unknown':
      return { verified: `Not confirmed by verify (${at}): ${found}`, verifiedColor: 'Default' };
  }
}

/** `viewerId`: the user the card is rendered for (refresh, invoke); undefined for the card everyone shares. */
function itemView(
  checklist: Checklist,
  item: ChecklistItemState,
  viewerId: string | undefined,
  level: (typeof LEVELS)[number],
): ChecklistItemView {
  const { current, changedSince } = ticksOf(item);
  const tickedBy = current.length > 0 ? `Ticked by ${names(current, level.names)}` : '';
  const finding = findingOf(checklist, item);
  const verification = verifiedLine(finding, checklist.verification, tickedBy, level.foundChars);
  const failing = current.length > 0 && finding?.status === 'fail';
  const assigned = (owner: ChecklistOwner) =>
    level.assignedBy ? ` (assigned by ${literal(owner.assignedBy.name, MAX_NAME_CHARS)}, ${when(owner.at)})` : '';
  const owner = item.owner ? `Owner: ${literal(item.owner.name, MAX_NAME_CHARS)}${assigned(item.owner)}` : '';
  return {
    id: item.id,
    mark: failing ? '⚠️' : current.length > 0 ? '✅' : '⬜',
    text: item.text,
    why: item.why?.length ? `Why: ${item.why.join(' ')}` : '',
    detail: item.detail ?? '',
    owner,
    tickedBy: verification.tickedBy ?? tickedBy,
    changedSince:
      changedSince.length > 0 ? `Changed since ticked by ${names(changedSince, level.names)}: not done` : '',
    verified: verification.verified,
    verifiedColor: verification.verifiedColor,
    command: item.command ?? '',
    choiceTitle: oneLine(item.text, level.choiceChars),
    actionTitle: actionTitle(item, viewerId),
  };
}

/** When the last verification ran, and why it judged fewer items than it could. */
function verifyNote(checklist: Checklist): string {
  const v = checklist.verification;
  if (!v) return '';
  const at = when(v.at);
  if (v.dms === 'current') {
    return `The last verify (${at}) checked the current DMS, not the classic DMS of this checklist: it confirms none of these items.`;
  }
  if (v.outdatedItems > 0) {
    return `Last verify: ${at}. The plan changed since this checklist was posted: ${v.outdatedItems} item(s) differ from what verify checked and show no finding. Type checklist to bring them up to date.`;
  }
  return `Last verify: ${at}.`;
}

function summaryOf(checklist: Checklist): string {
  const { done, total, confirmed } = progress(checklist);
  return `${done} of ${total} done${checklist.verification ? `, ${confirmed} confirmed in Azure` : ''}`;
}

/** The members offered as owners, then the choice that removes the owner; none when no member is known. */
function memberChoices(checklist: Checklist): ChecklistCardModel['members'] {
  const members = (checklist.members ?? []).map((m) => ({ title: oneLine(m.name, MAX_NAME_CHARS), value: m.id }));
  return members.length > 0 ? [...members, { title: 'No owner', value: NO_OWNER }] : [];
}

/** The checklist card; with many people and long findings, less of them per item so the card stays under the limit. */
export function checklistCardJson(checklist: Checklist, options: { viewerId?: string; notice?: string } = {}) {
  const render = (level: (typeof LEVELS)[number]) => () =>
    renderCardJson('checklist', {
      checklistId: checklist.id,
      version: checklist.version,
      title: checklist.title,
      summary: summaryOf(checklist),
      notice: literal(options.notice ?? '', MAX_NOTICE_CHARS),
      verifyNote: verifyNote(checklist),
      items: checklist.items.map((item) => itemView(checklist, item, options.viewerId, level)),
      firstItemId: checklist.items[0]?.id ?? '',
      members: memberChoices(checklist),
      userIds: refreshUserIds(checklist),
      hint: CHECKLIST_HINT,
    });
  return firstThatFits(LEVELS.map(render));
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
