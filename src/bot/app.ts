import type { TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { DiagramService } from '../diagram/diagram-service';
import type { Logger } from '../logger';
import { errorFields, hashId } from '../logger';
import { StorageUnavailableError, type ConditionalStorage } from '../storage';
import { renderCard } from './cards';
import { registerChecklistRoutes } from './checklist/routes';
import { ForeignConversationError } from './conversation-scope';
import { registerFallbackRoute, registerHelpRoutes } from './help/routes';
import { registerPlanningRoutes } from './planning/routes';
import { correlationId } from './turn-context-info';
import type { VerifyDependencies } from './verify/verify-dependencies';
import { verifySignInOptions } from './verify/person-sign-in';
import { signInStorage } from './verify/sign-in-storage';
import { SignInCrossedError, SignInTurnState } from './verify/sign-in-state';
import { registerVerifyRoutes } from './verify/routes';

export interface BotDependencies {
  adapter: TeamsAdapter;
  logger: Logger;
  storage: ConditionalStorage;
  localMode: boolean;
  /** verify's reader, cache and delivery (src/index.ts builds them; tests pass a fake reader). */
  verify: VerifyDependencies;
  /** Draws topology diagrams into the cards; without it the cards carry none. */
  diagrams?: DiagramService;
}

/**
 * Every route of the bot, feature by feature: each folder's routes.ts lists its commands and card verbs with their
 * handlers and cards (help/, checklist/, planning/, verify/). teams-ai tries routes in the order registered.
 */
export function createApp(deps: BotDependencies): Application<TurnState> {
  const { logger, localMode } = deps;
  const signIn = verifySignInOptions(deps.verify.identity);
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    // A person's sign-in spans turns (the card, then Teams' answer to it): its state (never the token) is stored.
    // Each person's sign-in progress is an item of its own (sign-in-state.ts): sign-ins in one chat never collide.
    ...(signIn
      ? { authentication: signIn, storage: signInStorage(deps.storage), turnStateFactory: () => new SignInTurnState() }
      : {}),
  });

  app.turn('beforeTurn', async (context) => {
    logger.info({ ...turnFields(context), event: 'turn' }, 'turn started');
    return true;
  });

  registerHelpRoutes(app, { localMode });
  registerChecklistRoutes(app, deps);
  registerPlanningRoutes(app, deps);
  registerVerifyRoutes(app, deps);
  registerFallbackRoute(app);

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
    if (error instanceof SignInCrossedError) {
      // Only this turn's sign-in progress was refused: the other turn's is kept, and nothing was read.
      logger.warn({ ...turnFields(context), event: 'sign-in-crossed' }, 'sign-in progress changed meanwhile');
      await context.sendActivity({
        attachments: [renderCard('error', { title: 'Please press again', message: error.message, correlationId: id })],
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
