import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { DiagramService } from '../diagram/diagram-service';
import type { Logger } from '../logger';
import { errorFields, hashId } from '../logger';
import { StorageUnavailableError, type ConditionalStorage } from '../storage';
import { renderCard } from './cards';
import { commandPattern } from './command-text';
import { sendHelp } from './help/help-command';
import { registerPlanningRoutes } from './planning/routes';
import { sendHint } from './help/hint';
import { welcomeWhenAdded } from './help/welcome';
import { ForeignConversationError } from './conversation-scope';
import { correlationId } from './turn-context-info';
import { registerVerifyRoutes, type VerifyDependencies } from './verify/routes';
import { registerChecklistRoutes } from './checklist/routes';

export interface BotDependencies {
  adapter: TeamsAdapter;
  logger: Logger;
  storage: ConditionalStorage;
  localMode: boolean;
  /** verify's reader, cache and delivery; default: live Azure from the environment (tests pass a fake reader). */
  verify?: VerifyDependencies;
  /** Draws topology diagrams into the cards; without it the cards carry none. */
  diagrams?: DiagramService;
}

/** The one place where every route is registered. Handlers live one per file under commands/ and actions/. */
export function createApp(deps: BotDependencies): Application<TurnState> {
  const { logger, localMode } = deps;
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  app.turn('beforeTurn', async (context) => {
    logger.info({ ...turnFields(context), event: 'turn' }, 'turn started');
    return true;
  });

  app.conversationUpdate('membersAdded', (context) => welcomeWhenAdded(context, { localMode }));

  app.message(commandPattern('help'), (context) => sendHelp(context, { localMode }));
  app.adaptiveCards.actionSubmit('help', (context) => sendHelp(context, { localMode }));
  registerChecklistRoutes(app, deps);
  registerPlanningRoutes(app, deps);
  registerVerifyRoutes(app, deps);

  // Last: anything not routed above gets a hint, never silence.
  app.activity(ActivityTypes.Message, (context) => sendHint(context));

  app.error(async (context, error) => {
    const id = correlationId(context);
    if (error instanceof ForeignConversationError) {
      // Stored data names another tenant than the turn's: nothing of it is shown, nothing was written.
      logger.warn({ ...turnFields(context), event: 'foreign-conversation' }, 'stored data of another tenant refused');
      await context.sendActivity({
        attachments: [
          renderCard('error', {
            title: 'This belongs to another conversation',
            message:
              'What is stored for this conversation belongs to another tenant, so nothing was shown or changed. Type plan to start a plan here.',
            correlationId: id,
          }),
        ],
      });
      return;
    }
    logger.error({ ...turnFields(context), err: errorFields(error) }, 'turn failed');
    // The storage outage message is written for users (it names no connection string): pass it on as it is.
    const card =
      error instanceof StorageUnavailableError
        ? { title: 'Storage is unavailable right now', message: error.message, correlationId: id }
        : {
            title: 'Something went wrong',
            message:
              'I could not finish that. Please try again; if it keeps failing, give this reference to your administrator.',
            correlationId: id,
          };
    await context.sendActivity({ attachments: [renderCard('error', card)] });
  });

  return app;
}

function turnFields(context: TurnContext) {
  const a = context.activity;
  return {
    correlationId: correlationId(context),
    activityType: a.type,
    channel: a.channelId,
    conversation: hashId(a.conversation?.id),
    user: hashId(a.from?.aadObjectId ?? a.from?.id),
  };
}
