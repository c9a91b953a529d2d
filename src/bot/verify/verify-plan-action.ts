// The plan card's "Verify in Azure" button (verb verify.plan), and the subscription input it may ask for.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../cards';
import { askForSubscriptions, splitSubscriptionText, startVerify } from './verify-command';
import type { VerifyTurnDependencies } from './verify-dependencies';
import { recallSubscriptions } from './subscription-memory';
import { conversationScopeOf } from '../conversation-scope';
import { correlationId } from '../turn-context-info';
import { echo, oneLine } from '../literal-text';

const optionalName = z.string().trim().max(200, 'at most 200 characters').optional();

export const verifyPlanPayload = z.object({
  subscriptions: z.string().max(2000, 'at most 2000 characters').optional(),
  mi: optionalName,
  dms: optionalName,
});

export async function sendPayloadError(context: TurnContext, issue: z.ZodIssue | undefined): Promise<void> {
  const field = issue?.path.join('.') || 'payload';
  await context.sendActivity({
    attachments: [
      renderCard('verify-error', {
        title: 'Cannot verify',
        message: oneLine(
          `The button sent an unexpected ${echo(field)} (${echo(issue?.message ?? 'invalid')}). Nothing was checked.`,
          300,
        ),
        fix: 'verify <subscription-id> [<subscription-id>...]',
        candidates: [],
        correlationId: correlationId(context),
      }),
    ],
  });
}

/** The typed command the button stands for (what runs after a sign-in); undefined for a payload it refuses. */
export function verifyPlanCommand(data: unknown): string | undefined {
  const parsed = verifyPlanPayload.safeParse(data);
  if (!parsed.success) return undefined;
  const { subscriptions, mi, dms } = parsed.data;
  return verifyCommandText(splitSubscriptionText(subscriptions), mi, dms);
}

/** `verify <ids> mi=NAME dms=NAME`, as a person would type it. */
export function verifyCommandText(subscriptionIds: string[], mi?: string, dms?: string): string {
  return ['verify', ...subscriptionIds, ...(mi ? [`mi=${mi}`] : []), ...(dms ? [`dms=${dms}`] : [])].join(' ');
}

/** Subscriptions typed into the input, else the ones this conversation verified last, else ask for them. */
export async function handleVerifyPlan(context: TurnContext, deps: VerifyTurnDependencies, data: unknown) {
  const parsed = verifyPlanPayload.safeParse(data);
  if (!parsed.success) return sendPayloadError(context, parsed.error.issues[0]);
  const { mi, dms } = parsed.data;
  let subscriptionIds = splitSubscriptionText(parsed.data.subscriptions);
  if (subscriptionIds.length === 0) {
    subscriptionIds = await recallSubscriptions(deps, conversationScopeOf(context));
  }
  if (subscriptionIds.length === 0) return askForSubscriptions(context, { mi, dms });
  await startVerify(context, deps, { subscriptionIds, mi: mi || undefined, dms: dms || undefined });
}
