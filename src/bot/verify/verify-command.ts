// `verify <subscription-id>... [mi=NAME] [dms=NAME]`: answer at once, read Azure after the turn, then replace
// the "checking" message with the result (or post it into the same thread when the update is refused).
import { TurnContext } from 'botbuilder';
import { parseSubscriptionIds, SubscriptionIdError } from '../../azure/subscriptions';
import { errorFields, hashId } from '../../logger';
import { renderCard } from '../cards';
import { commandArguments } from '../command-text';
import { conversationScopeOf } from '../conversation-scope';
import { echo, oneLine } from '../literal-text';
import { correlationId } from '../turn-context-info';
import { VerifyRateLimitedError, type InventoryTicket } from './inventory-cache';
import { planForVerify } from './planned-request';
import { botReadAs } from './read-identity';
import { rememberSubscriptions } from './subscription-memory';
import { errorCardModel, type VerifyTarget } from './verify-cards';
import { checkingCard, outcomeCard, replaceOrPost, sendCard } from './verify-delivery';
import { checklistAfterVerify, verifiedNetworkOf } from '../checklist/after-verify';
import type { VerifiedNetwork } from '../../planning/checklist-verification';
import type { VerifyOutcome } from '../../use-cases/verify';
import type { VerifyTurnDependencies } from './verify-dependencies';

/** A chat message should not start a read of a whole tenant: the CLI has no such limit. */
export const MAX_SUBSCRIPTIONS = 10;
/** Longer than any managed instance or DMS name Azure allows. */
const MAX_RESOURCE_NAME_CHARS = 200;

export type ParsedVerifyArguments = { ok: true; target: VerifyTarget } | { ok: false; message: string };

/** Splits the words after `verify`: subscription ids (spaces or commas between them), mi=NAME, dms=NAME. */
export function parseVerifyArguments(text: string): ParsedVerifyArguments {
  const target: VerifyTarget = { subscriptionIds: [] };
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      target.subscriptionIds.push(word);
      continue;
    }
    const key = word.slice(0, eq).toLowerCase();
    const value = word.slice(eq + 1);
    if (key !== 'mi' && key !== 'dms') {
      return { ok: false, message: `'${echo(word.slice(0, eq))}=' is not a verify option: use mi=NAME or dms=NAME.` };
    }
    if (value === '') return { ok: false, message: `${key}= needs a name, such as ${key}=my-${key}.` };
    if (value.length > MAX_RESOURCE_NAME_CHARS) {
      return {
        ok: false,
        message: `${key}= is ${value.length} characters long: Azure names are at most ${MAX_RESOURCE_NAME_CHARS}.`,
      };
    }
    target[key] = value;
  }
  return { ok: true, target };
}

/**
 * Whether the words after `verify` ask for a read (well-formed, with subscription ids the bot may read): only then is a
 * person asked to sign in. Anything else is answered at once (the question for ids, or what is wrong), without one.
 */
export function asksForRead(text: string, allowed: readonly string[] | undefined): boolean {
  const parsed = parseVerifyArguments(text);
  if (!parsed.ok || parsed.target.subscriptionIds.length === 0) return false;
  try {
    parseSubscriptionIds(parsed.target.subscriptionIds, allowed);
    return true;
  } catch (e) {
    if (e instanceof SubscriptionIdError) return false;
    throw e;
  }
}

export function splitSubscriptionText(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter(Boolean);
}

/** Validates the target, answers at once, and delivers the result when the (possibly shared) read is done. */
export async function startVerify(
  context: TurnContext,
  deps: VerifyTurnDependencies,
  requested: VerifyTarget,
  options: { fresh?: boolean } = {},
): Promise<void> {
  const reference = correlationId(context);
  let ids: string[];
  try {
    ids = parseSubscriptionIds(requested.subscriptionIds, deps.verify.allowedSubscriptions);
    if (ids.length > MAX_SUBSCRIPTIONS) {
      throw new SubscriptionIdError(
        `${ids.length} subscriptions is more than one check reads (at most ${MAX_SUBSCRIPTIONS}); give the ones that hold the MI, the DMS and their VNets`,
      );
    }
  } catch (e) {
    if (!(e instanceof SubscriptionIdError)) throw e;
    await sendCard(context, renderCard('verify-error', errorCardModel(e, undefined, reference)!));
    return;
  }
  const target = { ...requested, subscriptionIds: ids };
  const scope = conversationScopeOf(context);
  await rememberSubscriptions(deps, scope, ids);
  const plan = await planForVerify(deps, scope);
  // As the signed-in person only, once the routes have their token: never the bot's rights in their place.
  const as = deps.verify.identity.mode === 'bot' ? botReadAs(context) : deps.readAs;
  if (!as?.credential && deps.verify.identity.mode === 'user')
    throw new Error('verify as a person without their sign-in');
  let ticket: InventoryTicket;
  try {
    const user = hashId(context.activity.from?.aadObjectId ?? context.activity.from?.id);
    ticket = deps.verify.inventories.request(ids, { ...options, user, as });
  } catch (e) {
    if (!(e instanceof VerifyRateLimitedError)) throw e;
    await sendCard(
      context,
      renderCard('verify-error', {
        title: 'One check at a time',
        message: oneLine(e.message, 300),
        fix: '',
        candidates: [],
        correlationId: reference,
      }),
    );
    return;
  }
  deps.logger.info(
    { event: 'verify', correlationId: reference, subscriptions: hashId(ticket.key), source: ticket.source },
    'verify requested',
  );
  // The conversation's checklist, if any, takes the result after the card (src/bot/checklist/after-verify.ts).
  let verified: VerifiedNetwork | undefined;
  const noteVerified = (outcome: VerifyOutcome, readAt: number) => (verified = verifiedNetworkOf(outcome, readAt));
  if (ticket.source === 'cached') {
    await sendCard(context, await outcomeCard(ticket, target, plan, deps, reference, scope, noteVerified));
    if (verified) await checklistAfterVerify(context, deps, scope, verified);
    return;
  }
  const sent = await sendCard(context, checkingCard(ticket, ids, deps.verify.now()));
  // The turn's context is revoked once this handler returns: keep what the delivery needs now.
  const conversation = TurnContext.getConversationReference(context.activity);
  const adapter = context.adapter;
  deps.verify.background.run(
    async () => {
      const card = await outcomeCard(ticket, target, plan, deps, reference, scope, noteVerified);
      await deps.verify.continueConversation(adapter, conversation, async (later) => {
        await replaceOrPost(later, sent?.id, card);
        if (verified) await checklistAfterVerify(later, deps, scope, verified);
      });
    },
    (error) =>
      deps.logger.error(
        { event: 'verify-delivery-failed', correlationId: reference, err: errorFields(error) },
        'could not post the verify result',
      ),
  );
}

export async function handleVerifyCommand(context: TurnContext, deps: VerifyTurnDependencies): Promise<void> {
  const parsed = parseVerifyArguments(commandArguments(context.activity.text, 'verify'));
  if (!parsed.ok) {
    await sendCard(
      context,
      renderCard('verify-error', {
        title: 'Cannot verify',
        message: oneLine(parsed.message, 300),
        fix: 'verify <subscription-id> [<subscription-id>...] [mi=NAME] [dms=NAME]',
        candidates: [],
        correlationId: correlationId(context),
      }),
    );
    return;
  }
  if (parsed.target.subscriptionIds.length === 0) {
    await askForSubscriptions(context, parsed.target);
    return;
  }
  await startVerify(context, deps, parsed.target);
}

export async function askForSubscriptions(context: TurnContext, target: Omit<VerifyTarget, 'subscriptionIds'>) {
  await sendCard(
    context,
    renderCard('verify-ask', {
      text:
        'Which Azure subscription(s) hold the managed instance and the Database Migration Service? ' +
        'Give their ids (GUIDs), separated by commas when there are several.',
      mi: target.mi ?? '',
      dms: target.dms ?? '',
    }),
  );
}
