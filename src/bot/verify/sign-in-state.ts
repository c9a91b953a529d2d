// Where a person's sign-in progress is kept (VERIFY_IDENTITY=user). teams-ai keeps it in its conversation state, one
// stored item per conversation written back whole with its eTag, so two people signing in in one chat at the same
// moment would overwrite or refuse each other. Here that state is one item per person and conversation: nothing else
// of this bot lives in teams-ai's conversation state, and teams-ai names everything of a sign-in after the person.
import { TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';

const SIGN_IN_PROGRESS = 'sign-in-progress/';

export class SignInTurnState extends TurnState {
  protected override async onComputeStorageKeys(context: TurnContext): Promise<Record<string, string>> {
    const keys = await super.onComputeStorageKeys(context);
    const { channelId, recipient, conversation, from } = context.activity;
    const parts = [channelId, recipient.id, conversation.id, from.id].map(encodeURIComponent);
    return { ...keys, conversation: `${SIGN_IN_PROGRESS}${parts.join('/')}` };
  }
}

export function isSignInProgressKey(key: string): boolean {
  return key.startsWith(SIGN_IN_PROGRESS);
}

/** The person's own sign-in progress changed in another turn of theirs at the same moment (two presses, two devices). */
export class SignInCrossedError extends Error {
  override readonly name = 'SignInCrossedError';
  constructor() {
    super(
      'Your sign-in crossed another one of yours in this chat at the same moment, so this one was not kept. Nothing was read. Press the button (or type the command) again.',
    );
  }
}
