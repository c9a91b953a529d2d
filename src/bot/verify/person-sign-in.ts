// The signed-in person's Azure token for verify (VERIFY_IDENTITY=user), through teams-ai's authentication: the Azure
// Bot's OAuth connection and the Bot Framework token service (UserTokenClient: GetToken, GetSignInResource, exchange).
// Teams single sign-on answers the sign-in card with signin/tokenExchange; the card's sign-in button with
// signin/verifyState. The token lives in the turn (teams-ai's state.temp, never saved) and in the read it is for.
import { tokenExchangeOperationName, verifyStateOperationName, type TurnContext } from 'botbuilder';
import type { Application, AuthenticationOptions, TurnState } from '@microsoft/teams-ai';
import type { VerifyReadIdentity } from './read-identity';

/** The name of verify's sign-in among teams-ai's authentication settings. */
export const VERIFY_SIGN_IN = 'azure';

/** A sign-in card waits this long for the person (OAuthPrompt's timeout). */
const SIGN_IN_TIMEOUT_MS = 15 * 60_000;

export function isSignInInvoke(context: TurnContext): boolean {
  const { type, name } = context.activity;
  return type === 'invoke' && (name === verifyStateOperationName || name === tokenExchangeOperationName);
}

/** teams-ai's authentication options for the `user` identity; none for the bot's. */
export function verifySignInOptions(identity: VerifyReadIdentity): AuthenticationOptions | undefined {
  if (identity.mode !== 'user') return undefined;
  return {
    settings: {
      [VERIFY_SIGN_IN]: {
        connectionName: identity.connectionName,
        title: 'Sign in to Azure',
        text: 'verify reads Azure with your own rights. Sign in once; later checks reuse your sign-in.',
        enableSso: true,
        // A message sent while the card waits does not count as an answer to it: the card is sent anew when needed.
        endOnInvalidMessage: true,
        timeout: SIGN_IN_TIMEOUT_MS,
      },
    },
    // Only the answers to a sign-in card go through teams-ai's sign-in before routing; verify asks for it itself.
    autoSignIn: async (context) => isSignInInvoke(context),
  };
}

/** The token service could not be asked (unreachable, or it refused the bot): nothing of its answer is passed on. */
export class SignInUnavailableError extends Error {
  override readonly name = 'SignInUnavailableError';
  /** The name of what failed (for the log): its message may quote the token service's request. */
  readonly causeName: string;
  constructor(cause: unknown) {
    super('the Bot Framework token service did not answer');
    this.causeName = cause instanceof Error ? cause.name : typeof cause;
  }
}

/** The person's token: from this turn's sign-in, else silently from the token service; undefined when none yet. */
export async function personToken(
  app: Application<TurnState>,
  context: TurnContext,
  state: TurnState,
): Promise<string | undefined> {
  const fromTurn = (state.temp.authTokens as Record<string, string | undefined> | undefined)?.[VERIFY_SIGN_IN];
  if (fromTurn) return fromTurn;
  try {
    return await app.authentication.get(VERIFY_SIGN_IN).isUserSignedIn(context);
  } catch (e) {
    throw new SignInUnavailableError(e);
  }
}

/**
 * Sends the sign-in card (or returns the token, when there is one by now). `commandText` (a verify command) is what runs once the person has signed in: teams-ai keeps
 * it with the sign-in's state and gives it back with the token.
 */
export async function startSignIn(
  app: Application<TurnState>,
  context: TurnContext,
  state: TurnState,
  commandText: string,
): Promise<string | undefined> {
  context.activity.text = commandText;
  const response = await app.authentication.signUserIn(context, state, VERIFY_SIGN_IN);
  if (response.status === 'error') throw new SignInUnavailableError(response.error);
  // 'complete': the person signed in meanwhile (another chat, another device)
  return response.status === 'complete' ? personToken(app, context, state) : undefined;
}
