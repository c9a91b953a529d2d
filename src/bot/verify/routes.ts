import type { TokenCredential } from '@azure/identity';
import type { BotAdapter, CloudAdapterBase, ConversationReference, TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { handleVerifyAgain } from './verify-again-action';
import { handleVerifyPlan } from './verify-plan-action';
import type { BotDependencies } from '../app';
import { commandPattern } from '../command-text';
import { handleVerifyCommand, type VerifyTurnDependencies } from './verify-command';
import { BackgroundTasks, VerifyService, type InventoryReader } from './inventory-cache';

/**
 * Runs `logic` in a new turn of the conversation `reference` on `adapter` (the one that ran the original turn),
 * after that turn has answered: its context is revoked by then.
 */
export type ContinueConversation = (
  adapter: BotAdapter,
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

export interface VerifyDependencies {
  service: VerifyService;
  /** The reads and card updates that outlive their turn. */
  background: BackgroundTasks;
  /** AZURE_ALLOWED_SUBSCRIPTIONS; undefined or empty allows any subscription. */
  allowedSubscriptions?: string[];
  continueConversation: ContinueConversation;
  now: () => number;
}

export interface VerifyDependencyOptions {
  /** BOT_ID ('' in local mode): proactive messages are sent as this app. */
  botAppId?: string;
  allowedSubscriptions?: string[];
  /** ARM_ENDPOINT. */
  armEndpoint?: string;
  /** Default: the live ARM reader with DefaultAzureCredential. */
  read?: InventoryReader;
  cacheTtlMs?: number;
  /** VERIFY_MIN_INTERVAL_SECONDS in ms: one live read per subscription set and per user in this window. */
  minLiveIntervalMs?: number;
  continueConversation?: ContinueConversation;
  now?: () => number;
}

/** The live reader; one credential for all reads, so its tokens are reused. */
function liveReader(armEndpoint: string | undefined): InventoryReader {
  let credential: TokenCredential | undefined;
  return async (subscriptionIds) => {
    // The Azure SDKs load on the first live read: loading them at start made start-up a fifth slower.
    const [{ createAzureCredential }, { readLiveInventory }] = await Promise.all([
      import('../../azure/credential'),
      import('../../azure/live-inventory'),
    ]);
    credential ??= createAzureCredential();
    return readLiveInventory(subscriptionIds, { endpoint: armEndpoint, credential });
  };
}

export function createVerifyDependencies(options: VerifyDependencyOptions = {}): VerifyDependencies {
  const now = options.now ?? Date.now;
  const botAppId = options.botAppId ?? '';
  return {
    service: new VerifyService({
      read: options.read ?? liveReader(options.armEndpoint),
      cacheTtlMs: options.cacheTtlMs,
      minLiveIntervalMs: options.minLiveIntervalMs,
      now,
    }),
    background: new BackgroundTasks(),
    allowedSubscriptions: options.allowedSubscriptions,
    continueConversation:
      options.continueConversation ??
      ((adapter, reference, logic) =>
        (adapter as CloudAdapterBase).continueConversationAsync(botAppId, reference, logic)),
    now,
  };
}

/** `verify <subscription-id>...`, the plan card's "Verify in Azure" button and the result card's "Check again". */
export function registerVerifyRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  const turnDeps: VerifyTurnDependencies = {
    storage: deps.storage,
    logger: deps.logger,
    diagrams: deps.diagrams,
    verify:
      deps.verify ??
      createVerifyDependencies({
        allowedSubscriptions: process.env.AZURE_ALLOWED_SUBSCRIPTIONS?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        armEndpoint: process.env.ARM_ENDPOINT || undefined,
      }),
  };
  app.message(commandPattern('verify'), (context) => handleVerifyCommand(context, turnDeps));
  app.adaptiveCards.actionSubmit('verify.plan', (context, _state, data) => handleVerifyPlan(context, turnDeps, data));
  app.adaptiveCards.actionSubmit('verify.again', (context, _state, data) => handleVerifyAgain(context, turnDeps, data));
}
