import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { updatePlan, loadPlan, type PlanRecord } from '../planning/plan-store';
import { firstThatFits, renderCardJson } from '../cards';
import {
  itemsForPlan,
  NO_PLAN_MESSAGE,
  postChecklistHere,
  sendNotice,
  userOf,
  type ChecklistDependencies,
} from './checklist-command';
import { conversationScopeOf } from '../conversation-scope';
import { listTeamReferences, type SavedReference, type TeamChannel } from './conversation-references';
import { TOPOLOGIES } from '../../planning';
import { isConflictError, StorageUnavailableError } from '../../storage';
import { createLimiter } from '../../azure/promise-pool';
import { MAX_PLACE_CHARS, oneLine } from '../literal-text';

interface ChannelChoice {
  saved: SavedReference;
  channel: TeamChannel;
}

const CHOICE_SEPARATOR = '|';
/** Teams calls in flight at once while checking the teams, and the most channels one card offers. */
const TEAMS_CALLS_AT_ONCE = 8;
const MAX_CHANNEL_CHOICES = 50;
const CHANNEL_CHOICES_SHOWN = [MAX_CHANNEL_CHOICES, 20, 5];

/** "Team › Channel", each name on one line and within a length (the notices escape it; choice titles are plain). */
function placeName(team: string, channel: string): string {
  return `${oneLine(team, MAX_PLACE_CHARS)} › ${oneLine(channel, MAX_PLACE_CHARS)}`;
}

/** The channels of the teams that have the bot and that this user belongs to. */
async function channelChoices(context: TurnContext, deps: ChecklistDependencies): Promise<ChannelChoice[]> {
  const userId = userOf(context).id;
  const references = await listTeamReferences(deps.storage, conversationScopeOf(context).tenantId);
  const limit = createLimiter(TEAMS_CALLS_AT_ONCE);
  const perTeam = await Promise.all(
    references.map((saved) =>
      limit(async () => {
        if (!(await deps.teams.isTeamMember(context, saved.teamId, userId))) return [];
        const channels = await deps.teams
          .teamChannels(context, saved)
          .catch(() => [{ id: saved.conversationId, name: 'General' }]);
        return channels.map((channel) => ({ saved, channel }));
      }),
    ),
  );
  return perTeam.flat().slice(0, MAX_CHANNEL_CHOICES);
}

const planVersionData = z.object({ planVersion: z.coerce.number().int().optional() });

/** A card from before the plan last changed would post a checklist the person did not see: say so instead. */
async function refusedAsStale(context: TurnContext, plan: PlanRecord, data: unknown): Promise<boolean> {
  const parsed = planVersionData.safeParse(data ?? {});
  const cardVersion = parsed.success ? parsed.data.planVersion : undefined;
  if (cardVersion === undefined || cardVersion === plan.version) return false;
  await sendNotice(
    context,
    'This card is from an older plan',
    `The plan changed since this card was sent (version ${cardVersion}, now ${plan.version}), so nothing was posted. Type plan to see the current recommendation and select Post checklist there, or type checklist.`,
  );
  return true;
}

/**
 * "Post checklist" on the plan card. In a personal chat it offers the team channels where the bot is installed;
 * in a group chat or a channel thread it posts the checklist right there.
 */
export async function postChecklistAction(
  context: TurnContext,
  deps: ChecklistDependencies,
  data: unknown,
): Promise<void> {
  const plan = await loadPlan(deps.storage, conversationScopeOf(context));
  const planned = itemsForPlan(plan);
  if (!plan || !planned) return sendNotice(context, 'No plan yet', NO_PLAN_MESSAGE);
  if (await refusedAsStale(context, plan, data)) return;
  if (context.activity.conversation.conversationType !== 'personal') {
    await postChecklistHere(context, deps, plan);
    return;
  }
  const choices = await channelChoices(context, deps);
  if (choices.length === 0) {
    return sendNotice(
      context,
      'No team channel to post to',
      'I am not installed in any team you are a member of. Add me to a team, then select Post checklist again; or type checklist to keep the checklist in this chat.',
    );
  }
  const channels = choices.map(({ saved, channel }) => ({
    title: placeName(saved.teamName, channel.name),
    value: [saved.conversationId, channel.id].join(CHOICE_SEPARATOR),
  }));
  const intro = `The checklist for "${TOPOLOGIES[planned.topology].title}" starts a new thread in the channel you choose; everyone there can tick items.`;
  // Many teams with long names: fewer choices (the first ones) rather than a card Teams refuses.
  const card = firstThatFits(
    CHANNEL_CHOICES_SHOWN.map((count) => () => {
      const shown = channels.slice(0, count);
      return renderCardJson('checklist-channels', {
        intro,
        channels: shown,
        firstChoice: shown[0].value,
        planVersion: plan.version,
      });
    }),
  );
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

const channelData = z.object({ channel: z.string().includes(CHOICE_SEPARATOR, { message: 'choose a channel' }) });

/** checklist.channel: starts a thread in the chosen channel with the plan's checklist, and says so here. */
export async function postToChannelAction(context: TurnContext, deps: ChecklistDependencies, data: unknown) {
  const parsed = channelData.safeParse(data);
  if (!parsed.success)
    return sendNotice(context, 'Choose a channel', 'Choose one of the channels, then select Post to channel.');
  const plan = await loadPlan(deps.storage, conversationScopeOf(context));
  const planned = itemsForPlan(plan);
  if (!plan || !planned) return sendNotice(context, 'No plan yet', NO_PLAN_MESSAGE);
  if (await refusedAsStale(context, plan, data)) return;

  const [conversationId, channelId] = parsed.data.channel.split(CHOICE_SEPARATOR);
  const choice = (await channelChoices(context, deps)).find(
    (c) => c.saved.conversationId === conversationId && c.channel.id === channelId,
  );
  if (!choice) {
    return sendNotice(
      context,
      'Channel not available',
      'I can no longer post to that channel (I may have been removed from the team). Select Post checklist again to see where I can post.',
    );
  }
  const poster = userOf(context);
  const root = {
    type: 'message',
    // Plain text: the poster's name is shown as it is, never as Markdown.
    textFormat: 'plain',
    text: `Migration checklist for "${TOPOLOGIES[planned.topology].title}", posted by ${poster.name}. Tick items on the card in this thread.`,
  };
  const where = placeName(choice.saved.teamName, choice.channel.name);
  try {
    await deps.teams.startThread(context, choice.saved, channelId, root, async (thread) => {
      // The thread gets its own copy of the plan, so `rules` and `checklist` work there too. Both are stored under
      // the thread's conversation and the team's tenant: the card's actions arrive from the thread.
      const copied = await updatePlan(deps.storage, conversationScopeOf(thread), () => ({ ...plan }));
      thread.activity.from = context.activity.from;
      await postChecklistHere(thread, deps, copied);
    });
  } catch (error) {
    if (error instanceof StorageUnavailableError || isConflictError(error)) throw error;
    const status = (error as { statusCode?: unknown }).statusCode;
    deps.logger.warn(
      { event: 'checklist-thread-failed', status, err: { type: (error as Error)?.name } },
      'could not start the checklist thread',
    );
    return sendNotice(
      context,
      'Could not post to the channel',
      `Teams did not let me start a thread in ${where}${typeof status === 'number' ? ` (HTTP ${status})` : ''}. Check that I am still installed in that team, then select Post checklist again.`,
    );
  }
  await sendNotice(context, 'Checklist posted', `Posted the checklist to ${where} as a new thread.`);
}
