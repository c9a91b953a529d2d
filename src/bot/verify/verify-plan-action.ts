// The plan card's "Verify in Azure" button (verb verify.plan), and the subscription input it may ask for.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../cards';
import { askForSubscriptions, splitSubscriptionText, startVerify } from './verify-command';
import type { VerifyTurnDependencies } from './verify-dependencies';
import type { VerifyTarget } from './verify-cards';
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

/** What a press asks for: refused (bad payload), the subscriptions (none typed, none remembered), or a check. */
type PlanPress =
  | { kind: 'refused'; issue: z.ZodIssue | undefined }
  | { kind: 'ask'; mi?: string; dms?: string }
  | { kind: 'verify'; target: VerifyTarget };

/** Subscriptions typed into the input, else the ones this conversation (the one the press arrives in) verified last. */
async function readPlanPress(context: TurnContext, deps: VerifyTurnDependencies, data: unknown): Promise<PlanPress> {
  const parsed = verifyPlanPayload.safeParse(data);
  if (!parsed.success) return { kind: 'refused', issue: parsed.error.issues[0] };
  const { mi, dms } = parsed.data;
  let subscriptionIds = splitSubscriptionText(parsed.data.subscriptions);
  if (subscriptionIds.length === 0) {
    subscriptionIds = await recallSubscriptions(deps, conversationScopeOf(context));
  }
  if (subscriptionIds.length === 0) return { kind: 'ask', mi, dms };
  return { kind: 'verify', target: { subscriptionIds, mi: mi || undefined, dms: dms || undefined } };
}

/**
 * The typed command the press stands for (what runs after a sign-in), with the subscriptions remembered at the press;
 * undefined when it reads nothing (a refused payload, or a question for the subscriptions): no sign-in for those.
 */
export async function verifyPlanCommand(
  context: TurnContext,
  deps: VerifyTurnDependencies,
  data: unknown,
): Promise<string | undefined> {
  const press = await readPlanPress(context, deps, data);
  if (press.kind !== 'verify') return undefined;
  const { subscriptionIds, mi, dms } = press.target;
  return verifyCommandText(subscriptionIds, mi, dms);
}

/** `verify <ids> mi=NAME dms=NAME`, as a person would type it. */
export function verifyCommandText(subscriptionIds: string[], mi?: string, dms?: string): string {
  return ['verify', ...subscriptionIds, ...(mi ? [`mi=${mi}`] : []), ...(dms ? [`dms=${dms}`] : [])].join(' ');
}

/** Subscriptions typed into the input, else the ones this conversation verified last, else ask for them. */
export async function handleVerifyPlan(context: TurnContext, deps: VerifyTurnDependencies, data: unknown) {
  const press = await readPlanPress(context, deps, data);
  if (press.kind === 'refused') return sendPayloadError(context, press.issue);
  if (press.kind === 'ask') return askForSubscriptions(context, { mi: press.mi, dms: press.dms });
  await startVerify(context, deps, press.target);
}
