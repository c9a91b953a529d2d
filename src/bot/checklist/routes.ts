import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { hashId } from '../../logger';
import { isConflictError, StorageUnavailableError } from '../../storage';
import type { BotDependencies } from '../app';
import type { AdaptiveCardJson } from '../cards';
import { answerInvokeWithCard, checklistNoticeJson, foreignChecklistNoticeJson } from './checklist-card';
import { ForeignConversationError } from '../conversation-scope';
import { postChecklistAction, postToChannelAction } from './post-action';
import { refreshAction } from './refresh-action';
import { tickAction, tickSubmitAction } from './tick-action';
import { assignAction, assignSubmitAction } from './assign-action';
import { commandPattern } from '../command-text';
import { correlationId } from '../turn-context-info';
import { handleChecklistCommand, sendNotice, type ChecklistDependencies } from './checklist-command';
import { rememberInstallation, teamsInfoGateway, type TeamsGateway } from './conversation-references';

/** The verbs of the checklist cards (Action.Execute, with Action.Submit fallbacks) and of the plan card's button. */
export const CHECKLIST_VERBS = {
  post: 'checklist.post',
  channel: 'checklist.channel',
  tick: 'checklist.tick',
  refresh: 'checklist.refresh',
  assign: 'checklist.assign',
} as const;

/** Conversation tests pass a TeamsGateway that needs no Bot Connector; the bot uses TeamsInfo. */
export type ChecklistRouteDependencies = BotDependencies & { teams?: TeamsGateway };

export const STORAGE_DOWN_MESSAGE =
  'I could not reach the checklist storage, so nothing was changed. Please try again in a moment.';

function isStorageTrouble(error: unknown): boolean {
  return error instanceof StorageUnavailableError || isConflictError(error);
}

/**
 * The team's checklist of a plan, ticked together in the conversation (or a channel thread) it is posted in. Also
 * remembers the teams the bot is installed in, so a personal chat can post to their channels.
 *
 * | trigger                                        | handler                | card                          | its buttons send         |
 * | ---------------------------------------------- | ---------------------- | ----------------------------- | ------------------------ |
 * | `checklist`                                    | handleChecklistCommand | checklist (or notice)         | checklist.tick, .refresh |
 * | verb checklist.post (recommendation card)      | postChecklistAction    | checklist, or channel choices | checklist.channel        |
 * | verb checklist.channel (channel choice)        | postToChannelAction    | a new thread with checklist   | checklist.tick, .refresh |
 * | Action.Execute checklist.tick (or a Submit)    | tickAction             | the checklist, for the ticker | checklist.tick, .refresh |
 * | Action.Execute checklist.refresh (auto, Retry) | refreshAction          | the checklist, for the viewer | checklist.tick, .refresh |
 * | Action.Execute checklist.assign (or a Submit)  | assignAction           | the checklist; an @mention    | checklist.tick, .assign  |
 * | verify's result in this conversation           | checklistAfterVerify   | the posted checklist, updated | checklist.tick, .refresh |
 * | storage down, a foreign card                   | (replying, answering)  | checklist-notice              | checklist.refresh        |
 */
export function registerChecklistRoutes(app: Application<TurnState>, botDeps: ChecklistRouteDependencies): void {
  const deps: ChecklistDependencies = {
    storage: botDeps.storage,
    logger: botDeps.logger,
    teams: botDeps.teams ?? teamsInfoGateway,
  };

  app.turn('beforeTurn', async (context) => {
    try {
      const done = await rememberInstallation(deps.storage, context.activity);
      if (done !== 'none') {
        deps.logger.info(
          { event: `team-reference-${done}`, conversation: hashId(context.activity.conversation?.id) },
          `team reference ${done}`,
        );
      }
    } catch (error) {
      // Never block the welcome or any other turn; Teams sends the install events again on a reinstall.
      deps.logger.warn(
        { event: 'team-reference-failed', err: { type: (error as Error)?.name } },
        'could not save the team reference',
      );
    }
    return true;
  });

  const replying =
    (handler: (context: TurnContext, data: unknown) => Promise<void>) =>
    async (context: TurnContext, _state: TurnState, data?: unknown) => {
      try {
        await handler(context, data);
      } catch (error) {
        if (!isStorageTrouble(error)) throw error;
        await sendNotice(context, 'Storage unreachable', STORAGE_DOWN_MESSAGE);
      }
    };
  const answering =
    (handler: (context: TurnContext, data: unknown) => Promise<AdaptiveCardJson>) =>
    async (context: TurnContext, _state: TurnState, data: Record<string, unknown>): Promise<AdaptiveCardJson> => {
      let card: AdaptiveCardJson;
      try {
        card = await handler(context, data);
      } catch (error) {
        const checklistId = typeof data?.checklistId === 'string' ? data.checklistId : '';
        if (error instanceof ForeignConversationError) {
          card = foreignChecklistNoticeJson();
        } else if (isStorageTrouble(error)) {
          card = checklistNoticeJson('Storage unreachable', STORAGE_DOWN_MESSAGE, checklistId);
        } else {
          // An invoke must get an answer: the card says what to do, the log says what failed.
          const id = correlationId(context);
          deps.logger.error(
            {
              event: 'checklist-action-failed',
              correlationId: id,
              err: { type: (error as Error)?.name, message: String((error as Error)?.message) },
            },
            'checklist action failed',
          );
          card = checklistNoticeJson(
            'Something went wrong',
            `I could not finish that. Please try again; if it keeps failing, give this reference to your administrator: ${id}`,
            checklistId,
          );
        }
      }
      // Answered here, for the user who acted: teams-ai would otherwise also replace the message for everyone.
      await answerInvokeWithCard(context, card);
      return card;
    };

  app.message(
    commandPattern('checklist'),
    replying((context) => handleChecklistCommand(context, deps)),
  );
  app.adaptiveCards.actionSubmit(
    CHECKLIST_VERBS.post,
    replying((context, data) => postChecklistAction(context, deps, data)),
  );
  app.adaptiveCards.actionSubmit(
    CHECKLIST_VERBS.channel,
    replying((context, data) => postToChannelAction(context, deps, data)),
  );
  app.adaptiveCards.actionExecute(
    CHECKLIST_VERBS.tick,
    answering((context, data) => tickAction(context, deps, data)),
  );
  app.adaptiveCards.actionSubmit(
    CHECKLIST_VERBS.tick,
    replying((context, data) => tickSubmitAction(context, deps, data)),
  );
  app.adaptiveCards.actionExecute(
    CHECKLIST_VERBS.assign,
    answering((context, data) => assignAction(context, deps, data)),
  );
  app.adaptiveCards.actionSubmit(
    CHECKLIST_VERBS.assign,
    replying((context, data) => assignSubmitAction(context, deps, data)),
  );
  app.adaptiveCards.actionExecute(
    CHECKLIST_VERBS.refresh,
    answering((context, data) => refreshAction(context, deps, data)),
  );
  app.adaptiveCards.actionSubmit(
    CHECKLIST_VERBS.refresh,
    replying(async (context, data) => {
      await context.sendActivity({
        attachments: [CardFactory.adaptiveCard(await refreshAction(context, deps, data))],
      });
    }),
  );
}
