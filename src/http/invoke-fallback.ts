import type { Activity, InvokeResponse } from 'botbuilder';

const NOT_IMPLEMENTED = 501;

/**
 * CloudAdapter answers an invoke no route handled with 501. A malformed or stale card action is the sender's
 * problem, not the bot's: Universal Actions get their documented error body (HTTP 200, statusCode 400 inside,
 * which Teams shows on the card), any other invoke a plain 400.
 */
export function answerForUnhandledInvoke(
  activity: Activity,
  response: InvokeResponse | undefined,
): InvokeResponse | undefined {
  if (activity.type !== 'invoke' || response?.status !== NOT_IMPLEMENTED || response.body !== undefined) {
    return response;
  }
  if (activity.name === 'adaptiveCard/action') {
    return {
      status: 200,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'This card action is not recognised. Type help to start again.' },
      },
    };
  }
  return { status: 400, body: { error: 'this invoke is not supported' } };
}
