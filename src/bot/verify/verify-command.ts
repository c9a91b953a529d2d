// `verify <subscription-id>... [mi=NAME] [dms=NAME]`: answer at once, read Azure after the turn, then replace
// the "checking" message with the result (or post it into the same thread when the update is refused).
import { TurnContext, type Attachment } from 'botbuilder';
import { parseSubscriptionIds, SubscriptionIdError } from '../../azure/subscriptions';
import type { DiagramService } from '../../diagram/diagram-service';
import type { Logger } from '../../logger';
import { errorFields, hashId } from '../../logger';
import { ipv4Prefixes } from '../../network/cidr';
import { dmsKindFor, verifyCurrentDms } from '../../network/current-dms-verify';
import { verify, type VerifyOptions } from '../../network/verifier';
import type { Inventory } from '../../network/model';
import { decide, PlanningInputError, requiredRules, type ShirPlanOptions } from '../../planning';
import type { ConditionalStorage } from '../../storage';
import { renderCard } from '../cards';
import { commandArguments } from '../command-text';
import { loadCurrentDmsPlan } from '../planning/current-dms-plan-store';
import { conversationScopeOf, type ConversationScope } from '../conversation-scope';
import { DEFAULT_PLAN_PARAMETERS, loadPlan, type PlanParameters, type PlanRecord } from '../planning/plan-store';
import { correlationId } from '../turn-context-info';
import { describeSubscriptions, errorCardModel, resultCard, type VerifyTarget } from './verify-cards';
import type { VerifyDependencies } from './verify-dependencies';
import { VerifyRateLimitedError, type InventoryTicket } from './inventory-cache';
import { echo, oneLine } from '../literal-text';

export interface VerifyTurnDependencies {
  storage: ConditionalStorage;
  logger: Logger;
  verify: VerifyDependencies;
  /** Draws the verified network into the result card; without it the card has no diagram. */
  diagrams?: DiagramService;
}

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

export function splitSubscriptionText(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter(Boolean);
}

const LAST_SUBSCRIPTIONS_KEY = (conversationId: string) => `verify-subscriptions/${conversationId}`;

/** The subscriptions this conversation verified last, so the plan card's button does not ask again. */
export async function recallSubscriptions(deps: VerifyTurnDependencies, scope: ConversationScope): Promise<string[]> {
  const key = LAST_SUBSCRIPTIONS_KEY(scope.conversationId);
  let item: { subscriptionIds?: unknown; tenantId?: string } | undefined;
  try {
    item = (await deps.storage.read([key]))[key] as typeof item;
  } catch (e) {
    deps.logger.warn({ event: 'verify-recall-failed', err: errorFields(e) }, 'could not read the last subscriptions');
    return []; // the user is asked for them instead
  }
  // Another tenant's list under the same conversation id is not this conversation's.
  if (item?.tenantId !== undefined && item.tenantId !== scope.tenantId) return [];
  const ids = item?.subscriptionIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

async function rememberSubscriptions(deps: VerifyTurnDependencies, scope: ConversationScope, ids: string[]) {
  try {
    await deps.storage.write({
      [LAST_SUBSCRIPTIONS_KEY(scope.conversationId)]: { subscriptionIds: ids, tenantId: scope.tenantId, eTag: '*' },
    });
  } catch (e) {
    // Only a convenience for the next button press: the verification itself goes on.
    deps.logger.warn({ event: 'verify-remember-failed', err: errorFields(e) }, 'could not store');
  }
}

interface PlanForVerify {
  options: Omit<VerifyOptions, 'miName' | 'dmsName'>;
  /** Shown as the planned topology when there is none. */
  note?: string;
  /** The conversation's plan for today's DMS (plan dms=current): where the backups are, the source version, ... */
  currentDms?: ShirPlanOptions;
}

function defaultOptions(p: PlanParameters): PlanForVerify['options'] {
  return {
    sourceRanges: p.sourceRanges.length > 0 ? p.sourceRanges : undefined,
    sqlPort: p.sqlPort,
    namedInstance: p.namedInstance,
    smb: p.smb,
    ruleset: p.ruleset,
  };
}

/** The conversation's plan gives the planned topology and the rule parameters; without one, the defaults. */
async function planForVerify(deps: VerifyTurnDependencies, scope: ConversationScope): Promise<PlanForVerify> {
  const classic = await classicPlanForVerify(deps, scope);
  try {
    return { ...classic, currentDms: await loadCurrentDmsPlan(deps.storage, scope) };
  } catch (e) {
    deps.logger.warn({ event: 'verify-plan-unreadable', err: errorFields(e) }, 'could not read the plan');
    return classic;
  }
}

/** How the plan for today's DMS shows on the result card. */
function currentDmsPlanNote(plan: ShirPlanOptions | undefined): string {
  if (!plan) {
    return "today's DMS is verified as shir with backups on an SMB share (no plan dms=current in this conversation)";
  }
  const backups = plan.backups === 'blob' ? 'already in Blob Storage' : 'on an SMB share';
  const version = plan.sourceVersion ? `, SQL Server ${plan.sourceVersion}` : '';
  return `today's DMS, as planned here: backups ${backups}${version}`;
}

async function classicPlanForVerify(deps: VerifyTurnDependencies, scope: ConversationScope): Promise<PlanForVerify> {
  let plan: PlanRecord | undefined;
  try {
    plan = await loadPlan(deps.storage, scope);
  } catch (e) {
    // The network can be checked without the plan: say so on the card instead of failing.
    deps.logger.warn({ event: 'verify-plan-unreadable', err: errorFields(e) }, 'could not read the plan');
    return { options: defaultOptions(DEFAULT_PLAN_PARAMETERS), note: 'unknown: the plan could not be read just now' };
  }
  const options = defaultOptions(plan?.parameters ?? DEFAULT_PLAN_PARAMETERS);
  if (!plan) return { options, note: 'none yet: type plan to make one in this conversation' };
  try {
    return { options: { ...options, plannedTopology: decide(plan.answers).topology } };
  } catch (e) {
    if (e instanceof PlanningInputError) return { options, note: 'the plan in this conversation is not finished yet' };
    throw e;
  }
}

/** What the verifier takes as the source ranges when none were given: the on-premises IPv4 prefixes of the local gateways. */
function localGatewayPrefixes(inventory: Inventory): string[] {
  return [...new Set(ipv4Prefixes(inventory.localNetworkGateways.flatMap((g) => g.addressPrefixes)))];
}

async function sendCard(context: TurnContext, card: Attachment) {
  return context.sendActivity({ attachments: [card] });
}

function checkingCard(ticket: InventoryTicket, ids: string[], now: number): Attachment {
  if (ticket.source === 'joined') {
    const seconds = Math.max(0, Math.round((now - ticket.startedAt) / 1000));
    return renderCard('verify-checking', {
      title: `Already checking ${describeSubscriptions(ids)}`,
      detail: `A check of the same subscriptions started ${seconds} s ago; its result will replace this message too.`,
    });
  }
  return renderCard('verify-checking', {
    title: `Checking ${describeSubscriptions(ids)}…`,
    detail:
      'Reading virtual networks, NSGs, route tables, gateways, the managed instance and the DMS from Azure. ' +
      'The result will replace this message, usually within a minute.',
  });
}

/** The result card, or the card that says clearly why there is none. Never throws. */
async function outcomeCard(
  ticket: InventoryTicket,
  target: VerifyTarget,
  plan: PlanForVerify,
  deps: VerifyTurnDependencies,
  reference: string,
): Promise<Attachment> {
  try {
    const inventory = await ticket.inventory;
    const now = deps.verify.now();
    const readAt = { target, planNote: plan.note, readAt: ticket.startedAt, cached: ticket.source === 'cached', now };
    // Today's DMS (sqlMigrationServices) when the subscriptions hold no classic DMS, or dms= names it.
    if (dmsKindFor(inventory, target.dms) === 'current') {
      const planned = plan.currentDms;
      const options = {
        miName: target.mi,
        dmsName: target.dms,
        backups: planned?.backups,
        sourceVersion: planned?.sourceVersion,
        storageAuth: planned?.storageAuth,
        runtimeHost: planned?.runtimeHost,
      };
      return resultCard(verifyCurrentDms(inventory, options), {
        ...readAt,
        planNote: currentDmsPlanNote(planned),
      });
    }
    const result = verify(inventory, { ...plan.options, miName: target.mi, dmsName: target.dms });
    const sourceRanges = plan.options.sourceRanges ?? localGatewayPrefixes(inventory);
    const rules = requiredRules({ ...plan.options, sourceRanges });
    // A diagram that cannot be drawn or stored must not cost the user the result.
    const diagram = await deps.diagrams?.verifyDiagram(result, rules, sourceRanges).catch(() => undefined);
    return resultCard(result, { ...readAt, diagram });
  } catch (error) {
    const model = errorCardModel(error, target, reference);
    const kind = (error as { kind?: unknown })?.kind;
    if (model) {
      deps.logger.warn(
        { event: 'verify-refused', correlationId: reference, kind, type: (error as Error)?.name },
        model.title,
      );
      return renderCard('verify-error', model);
    }
    deps.logger.error(
      { event: 'verify-failed', correlationId: reference, err: errorFields(error) },
      'verify failed unexpectedly',
    );
    return renderCard('error', {
      title: 'Verification failed',
      message:
        'I could not finish the check. Please try again; if it keeps failing, give this reference to your administrator.',
      correlationId: reference,
    });
  }
}

/** Replaces the message `id` with the card; where the channel refuses updates, posts it instead. */
async function replaceOrPost(context: TurnContext, id: string | undefined, card: Attachment): Promise<void> {
  if (id) {
    try {
      await context.updateActivity({ type: 'message', id, attachments: [card] });
      return;
    } catch {
      // some clients cannot update a bot message: the thread still gets the result
    }
  }
  await sendCard(context, card);
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
  let ticket: InventoryTicket;
  try {
    const user = hashId(context.activity.from?.aadObjectId ?? context.activity.from?.id);
    ticket = deps.verify.inventories.request(ids, { ...options, user });
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
  if (ticket.source === 'cached') {
    await sendCard(context, await outcomeCard(ticket, target, plan, deps, reference));
    return;
  }
  const sent = await sendCard(context, checkingCard(ticket, ids, deps.verify.now()));
  // The turn's context is revoked once this handler returns: keep what the delivery needs now.
  const conversation = TurnContext.getConversationReference(context.activity);
  const adapter = context.adapter;
  deps.verify.background.run(
    async () => {
      const card = await outcomeCard(ticket, target, plan, deps, reference);
      await deps.verify.continueConversation(adapter, conversation, (later) => replaceOrPost(later, sent?.id, card));
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
