// "Check again" on a result card (fresh: read Azure anew) and the candidate buttons of an error card.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { splitSubscriptionText, startVerify } from './verify-command';
import type { VerifyTurnDependencies } from './verify-dependencies';
import { sendPayloadError, verifyCommandText, verifyPlanPayload } from './verify-plan-action';

const verifyAgainPayload = verifyPlanPayload.extend({
  subscriptions: z.string().min(1, 'a subscription id').max(2000, 'at most 2000 characters'),
  fresh: z.boolean().optional(),
});

/** The typed command the button stands for (what runs after a sign-in); undefined for a payload it refuses. */
export function verifyAgainCommand(data: unknown): string | undefined {
  const parsed = verifyAgainPayload.safeParse(data);
  if (!parsed.success) return undefined;
  const { subscriptions, mi, dms } = parsed.data;
  return verifyCommandText(splitSubscriptionText(subscriptions), mi, dms);
}

export async function handleVerifyAgain(context: TurnContext, deps: VerifyTurnDependencies, data: unknown) {
  const parsed = verifyAgainPayload.safeParse(data);
  if (!parsed.success) return sendPayloadError(context, parsed.error.issues[0]);
  const { subscriptions, mi, dms, fresh } = parsed.data;
  await startVerify(
    context,
    deps,
    { subscriptionIds: splitSubscriptionText(subscriptions), mi: mi || undefined, dms: dms || undefined },
    { fresh: fresh ?? false },
  );
}
