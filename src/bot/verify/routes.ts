import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDependencies } from '../app';
import { renderCard } from '../cards';
import { commandArguments, commandPattern } from '../command-text';
import { correlationId } from '../turn-context-info';
import { handleFixesScript } from './fixes-script-action';
import { personToken, SignInUnavailableError, startSignIn, VERIFY_SIGN_IN } from './person-sign-in';
import { personReadAs } from './read-identity';
import { handleVerifyAgain, verifyAgainCommand } from './verify-again-action';
import { asksForRead, handleVerifyCommand } from './verify-command';
import type { VerifyTurnDependencies } from './verify-dependencies';
import { handleVerifyPlan, verifyPlanCommand } from './verify-plan-action';

/**
 * The verbs of the verify buttons: "Verify in Azure" (plan cards, verify-ask), "Check again" (and candidates), "Get
 * the fixes script".
 */
export const VERIFY_VERBS = { plan: 'verify.plan', again: 'verify.again', script: 'verify.script' } as const;

type VerifyHandler = (context: TurnContext, deps: VerifyTurnDependencies, data?: unknown) => Promise<void>;

/**
 * Verify: read the Azure network and say, check by check, what will block the migration. The reply comes at once
 * ("checking"); the result replaces it when the read is done.
 *
 * | trigger                                  | handler            | card                                   | its buttons send      |
 * | ---------------------------------------- | ------------------ | -------------------------------------- | --------------------- |
 * | `verify <subscription-id>... [mi=] [dms=]` | handleVerifyCommand | verify-checking, then verify-result  | verify.again, verify.script |
 * | `verify` without ids                      | handleVerifyCommand | verify-ask                            | verify.plan           |
 * | verb verify.plan (plan cards, verify-ask) | handleVerifyPlan   | as `verify`, ids typed or remembered   | verify.again          |
 * | verb verify.again (Check again, candidates) | handleVerifyAgain | as `verify`                           | verify.again          |
 * | verb verify.script (Get the fixes script) | handleFixesScript  | verify-script (one or more parts)      | nothing               |
 * | a refusal or a failed read                | (each handler)     | verify-error                           | verify.again (candidates) |
 * | VERIFY_IDENTITY=user, not signed in yet   | (the route)        | the sign-in card (OAuthCard)           | signin/tokenExchange, signin/verifyState |
 * | signin/tokenExchange, signin/verifyState  | teams-ai, then handleVerifyCommand | as the command the sign-in was for | |
 */
export function registerVerifyRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  const turnDeps: VerifyTurnDependencies = {
    storage: deps.storage,
    logger: deps.logger,
    diagrams: deps.diagrams,
    verify: deps.verify,
  };
  const identity = deps.verify.identity;
  /** The bot's identity: every handler as it is. The person's: their token first, or the sign-in card. */
  const route =
    (
      handler: VerifyHandler,
      commandOf: (context: TurnContext, data: unknown) => string | undefined | Promise<string | undefined>,
    ) =>
    async (context: TurnContext, state: TurnState, data?: unknown): Promise<void> => {
      if (identity.mode === 'bot') return handler(context, turnDeps, data);
      const command = await commandOf(context, data);
      if (command === undefined) return handler(context, turnDeps, data);
      let token: string | undefined;
      try {
        token = (await personToken(app, context, state)) ?? (await startSignIn(app, context, state, command));
      } catch (e) {
        if (!(e instanceof SignInUnavailableError)) throw e;
        return signInUnavailable(context, deps, e);
      }
      // No token yet: the sign-in card is out, and the command runs once the person has signed in.
      if (token)
        await handler(context, { ...turnDeps, readAs: personReadAs(context, token, identity.armEndpoint) }, data);
    };

  /** `verify` without ids only asks for them, and a malformed one only says what is wrong: no read, no sign-in. */
  const typedCommand = (context: TurnContext) =>
    asksForRead(commandArguments(context.activity.text, 'verify'), deps.verify.allowedSubscriptions)
      ? (context.activity.text ?? '').trim()
      : undefined;
  app.message(
    commandPattern('verify'),
    route((context, d) => handleVerifyCommand(context, d), typedCommand),
  );
  app.adaptiveCards.actionSubmit(
    VERIFY_VERBS.plan,
    // Without typed subscriptions, the ones this conversation verified last, recalled now: they run after the sign-in.
    route(handleVerifyPlan, (context, data) => verifyPlanCommand(context, turnDeps, data)),
  );
  app.adaptiveCards.actionSubmit(
    VERIFY_VERBS.again,
    route(handleVerifyAgain, (_context, data) => verifyAgainCommand(data)),
  );
  // The script of the conversation's last verification: what its card already showed, so no sign-in.
  app.adaptiveCards.actionSubmit(VERIFY_VERBS.script, (context, _state, data) =>
    handleFixesScript(context, turnDeps, data),
  );

  if (identity.mode === 'user') {
    const signIn = app.authentication.get(VERIFY_SIGN_IN);
    // teams-ai gives back the command the sign-in card was sent for, with the token: it runs now.
    signIn.onUserSignInSuccess(async (context, state) => {
      deps.logger.info({ event: 'sign-in', correlationId: correlationId(context) }, 'signed in for verify');
      // This sign-in is over: its progress (the person's own, sign-in-state.ts) goes, or teams-ai would give its
      // command back after the person's next sign-in here instead of the one that sign-in is for.
      state.deleteConversationState();
      if (!commandPattern('verify').test(context.activity.text ?? '')) return;
      const token = await personToken(app, context, state);
      if (!token) return;
      await handleVerifyCommand(context, { ...turnDeps, readAs: personReadAs(context, token, identity.armEndpoint) });
    });
    signIn.onUserSignInFailure(async (context, state, error) => {
      state.deleteConversationState();
      // teams-ai's message quotes the token service's answer: only the reason is logged, nothing is shown.
      deps.logger.warn(
        { event: 'sign-in-failed', correlationId: correlationId(context), reason: error.cause },
        'sign-in for verify did not finish',
      );
      await context.sendActivity({
        attachments: [
          renderCard('verify-error', {
            title: 'Sign-in did not finish',
            message:
              'verify reads Azure with your own rights, so it needs your sign-in. Nothing was read. Type verify with the subscription again to get a new sign-in card.',
            fix: 'verify <subscription-id>',
            candidates: [],
            correlationId: correlationId(context),
          }),
        ],
      });
    });
  }
}

async function signInUnavailable(
  context: TurnContext,
  deps: BotDependencies,
  error: SignInUnavailableError,
): Promise<void> {
  deps.logger.warn(
    { event: 'sign-in-unavailable', correlationId: correlationId(context), cause: error.causeName },
    'token service unavailable',
  );
  await context.sendActivity({
    attachments: [
      renderCard('verify-error', {
        title: 'Sign-in is unavailable right now',
        message:
          'verify reads Azure with your own rights, and the sign-in service (Bot Framework token service) did not answer. Nothing was read. Try again in a minute; if it keeps failing, give this reference to your administrator.',
        fix: '',
        candidates: [],
        correlationId: correlationId(context),
      }),
    ],
  });
}
